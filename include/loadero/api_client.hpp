#pragma once
// loadero::ApiClient: the HTTP client every resource class is handed (libcurl underneath, not
// exposed here).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "loadero/query_params.hpp"

namespace loadero {

/// How to reach the API and how to behave.
struct ClientConfig {
  /// Base URL; routes are resolved relative to it. A trailing '/' is added if missing.
  std::string api_base = "https://api.loadero.com/v2/";
  std::int64_t project_id = 0;
  /// Sent as `Authorization: LoaderoAuth <token>`; no Authorization header when empty.
  std::string access_token;
  /// Whole-request timeout (connect + send + receive).
  std::chrono::milliseconds timeout{30000};
  /// Client-side cap on the request rate, shared by all threads (requests are spaced at least
  /// 1/rate apart, like the official Python client's 4 requests/s). 0 = no cap.
  double max_requests_per_second = 4.0;
  std::string user_agent = "loadero-sync/0.1.0";
};

enum class HttpMethod { get, post, put, del };

/// "GET", "POST", "PUT", "DELETE".
std::string_view to_string(HttpMethod method) noexcept;

/// What the observer hears after each request (for -v logging). Never holds the token.
struct RequestEvent {
  HttpMethod method = HttpMethod::get;
  std::string route;                      ///< relative route, with "?query" when there was one
  long status = 0;                        ///< 0 when no HTTP answer was received
  std::chrono::milliseconds duration{0};  ///< transfer time, without rate-limit waiting
  std::string error;                      ///< ApiError::what() when the request failed, else empty
};

/// A Loadero API client. Thread-safe: any number of threads may call get/post/put/del at once;
/// connections are kept alive and reused (a pool of libcurl handles). Writes (POST, PUT, DELETE)
/// go on a fresh connection, because libcurl silently re-sends a request whose reused connection
/// closed before answering, which could duplicate a committed create; a lost answer to a write
/// therefore always reaches the caller as ApiError(Kind::timeout). The client never retries.
/// Not copyable or movable: resource classes keep a reference to it, so it must outlive them.
///
/// Every request sends `Authorization: LoaderoAuth <token>`, `Accept: application/json` and the
/// User-Agent; POST and PUT also send `Content-Type: application/json`.
/// A 2xx answer to GET/POST/PUT must be JSON (Content-Type application/json and a parseable
/// body), otherwise ApiError(Kind::invalid_response) is thrown.
class ApiClient {
 public:
  /// Throws std::invalid_argument when api_base is empty or not a URL, uses a scheme other than
  /// http/https, or uses plain http:// to a host that is not loopback (127.0.0.0/8, localhost,
  /// [::1]), or carries credentials, a query or a fragment; when the token contains control
  /// characters; when the timeout is not positive or the rate is negative.
  /// Proxies from the environment (https_proxy, ...) are honoured except for loopback bases.
  explicit ApiClient(ClientConfig config);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;
  ApiClient(ApiClient&&) = delete;
  ApiClient& operator=(ApiClient&&) = delete;

  /// The configuration (api_base normalised with a trailing '/').
  const ClientConfig& config() const noexcept;
  /// "projects/5040/". Throws std::invalid_argument if project_id is not positive.
  std::string project_route() const;

  /// Routes are relative to api_base ("projects/5040/tests/"); a route with a leading '/', a
  /// scheme, whitespace, '?' or '#' throws std::invalid_argument before anything is sent (the
  /// query goes in `query`).
  ///
  /// GET api_base + route [+ "?" + query]. Returns the parsed JSON body. Throws ApiError.
  nlohmann::json get(const std::string& route, const QueryParams& query = {});
  /// POST with `body` serialised as JSON. Returns the parsed JSON body. Throws ApiError.
  nlohmann::json post(const std::string& route, const nlohmann::json& body);
  /// PUT with `body` serialised as JSON. Returns the parsed JSON body. Throws ApiError.
  nlohmann::json put(const std::string& route, const nlohmann::json& body);
  /// DELETE. Any 2xx succeeds (204 with an empty body is the usual answer). Throws ApiError.
  void del(const std::string& route);

  /// Called after every request, success or failure, from the calling thread (so possibly from
  /// several threads at once). Replaces any previous observer; an empty function removes it.
  /// Exceptions thrown by the observer are ignored (logging must not fail a request).
  void set_observer(std::function<void(const RequestEvent&)> observer);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace loadero
