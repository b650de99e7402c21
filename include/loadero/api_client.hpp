#pragma once
// loadero::ApiClient: the HTTP client every resource class is handed. It builds requests and
// reads answers; a Transport (loadero/transport.hpp) carries them, libcurl by default.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "loadero/api_base.hpp"
#include "loadero/query_params.hpp"
#include "loadero/transport.hpp"

namespace loadero {

/// How to reach the API and how to behave.
struct ClientConfig {
  /// Base URL; routes are resolved relative to it. A trailing '/' is added if missing.
  std::string api_base = "https://api.loadero.com/v2/";
  std::int64_t project_id = 0;
  /// Sent as `Authorization: LoaderoAuth <token>`; no Authorization header when empty.
  std::string access_token;
  /// Whole-request timeout (connect + send + receive) of the libcurl transport that
  /// ApiClient(ClientConfig) builds. Must be positive; unused with a transport of your own.
  std::chrono::milliseconds timeout{30000};
  /// Client-side cap on the request rate of the libcurl transport that ApiClient(ClientConfig)
  /// builds, shared by all threads (requests are spaced at least 1/rate apart, like the official
  /// Python client's 4 requests/s, and no one-second window holds more than the rate; see
  /// CurlTransportOptions). 0 = no cap; must not be negative. Unused with a transport of your
  /// own.
  double max_requests_per_second = 4.0;
  /// Sent as the User-Agent header; none is sent when empty.
  std::string user_agent = "loadero-sync/0.1.0";
};

/// What the observer hears after each request (for -v logging). Never holds the token.
struct RequestEvent {
  HttpMethod method = HttpMethod::get;
  std::string route;                      ///< relative route, with "?query" when there was one
  long status = 0;                        ///< 0 when no HTTP answer was received
  std::chrono::milliseconds duration{0};  ///< transfer time, without rate-limit waiting
  std::string error;                      ///< ApiError::what() when the request failed, else empty
};

/// A Loadero API client. Thread-safe: any number of threads may call get/post/put/del at once
/// (the transport must be thread-safe too). The client never retries. Not copyable or movable:
/// resource classes keep a reference to it, so it must outlive them.
///
/// Every request sends `Authorization: LoaderoAuth <token>`, `Accept: application/json` and the
/// User-Agent; POST and PUT also send `Content-Type: application/json`.
/// A 2xx answer to GET/POST/PUT must be JSON (Content-Type application/json and a parseable
/// body), otherwise ApiError(Kind::invalid_response) is thrown. A non-2xx answer throws
/// ApiError(Kind::http) with Loadero's error body and Retry-After read. The access token never
/// appears in an error or observer event, even when a server or transport echoes it.
///
/// By default requests go through make_curl_transport (see loadero/curl_transport.hpp: pooled
/// kept-alive connections for reads, a fresh connection for every write, environment proxies
/// except for loopback, the rate cap). Another Transport may be given instead, for example a
/// DryRunTransport (loadero/dry_run_transport.hpp) or a fake in tests.
class ApiClient {
 public:
  /// Sends through a libcurl transport built from config.timeout and
  /// config.max_requests_per_second.
  /// Throws InvalidApiBase (a std::invalid_argument, see loadero/api_base.hpp) when api_base is
  /// empty or not a URL, uses a scheme other than http/https, uses plain http:// to a host that
  /// is not loopback (127.0.0.0/8, localhost, [::1]), or carries credentials, a query or a
  /// fragment; std::invalid_argument when the token or user agent contains control characters,
  /// or when the timeout is not positive or the rate is negative; ApiError(Kind::connection)
  /// when libcurl cannot be initialised.
  explicit ApiClient(ClientConfig config);
  /// Sends through `transport`, which the client shares (it may be shared with other clients).
  /// Makes the same checks of `config` as ApiClient(ClientConfig), and throws
  /// std::invalid_argument when `transport` is null.
  ApiClient(ClientConfig config, std::shared_ptr<Transport> transport);
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
  /// GET api_base + route [+ "?" + query]. Returns the parsed JSON body. Throws ApiError (a
  /// transport's error too; other exceptions of a transport pass through unchanged).
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
