#pragma once
// loadero::Transport: the seam between ApiClient and the network. ApiClient builds each request
// (route checks, headers, JSON body) and turns each answer into JSON or an ApiError; a Transport
// only carries the bytes. make_curl_transport (loadero/curl_transport.hpp) is the real one,
// DryRunTransport (loadero/dry_run_transport.hpp) sends only reads, and tests may plug in their
// own.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loadero {

/// The HTTP methods the Loadero API uses (`del` is DELETE, a C++ keyword).
enum class HttpMethod { get, post, put, del };

/// "GET", "POST", "PUT", "DELETE".
std::string_view to_string(HttpMethod method) noexcept;

/// One request as ApiClient hands it to a Transport.
struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  /// Absolute: the API base followed by `route` ("https://api.loadero.com/v2/projects/5040/").
  std::string url;
  /// Relative to the API base, with "?query" when there was one ("projects/5040/tests/?limit=5").
  std::string route;
  /// Header names and values in sending order (Authorization, Accept, User-Agent and, for POST
  /// and PUT, Content-Type). Holds the access token: a transport must not keep or log them.
  std::vector<std::pair<std::string, std::string>> headers;
  /// The request body, exactly as sent; empty for GET and DELETE.
  std::string body;
  /// Optional. A transport that waits before sending (rate limiting) calls it once, on the
  /// calling thread, right before the request goes out; ApiClient times the request from there,
  /// so that RequestEvent::duration leaves the waiting out. A transport that never waits may
  /// ignore it (the request is then timed from the call to send).
  std::function<void()> on_transfer_start;

  /// The API base: `url` without `route` at its end ("https://api.loadero.com/v2/"); `url` itself
  /// when it does not end with `route`.
  std::string base() const {
    if (route.size() <= url.size() && url.ends_with(route))
      return url.substr(0, url.size() - route.size());
    return url;
  }
};

/// The HTTP answer to one request, whatever its status.
struct HttpResponse {
  long status = 0;           ///< 200, 404, ...
  std::string content_type;  ///< the Content-Type header's value; empty when there was none
  std::string body;          ///< the (decoded) body; empty when there was none
  std::string retry_after;   ///< the Retry-After header's raw value; empty when there was none
};

/// Sends requests and returns answers. Implementations must be thread-safe: ApiClient calls
/// send from any number of threads at once.
class Transport {
 public:
  virtual ~Transport() = default;

  /// Sends `request` and returns the answer, whatever its status (a 404 or 500 is a normal
  /// return; ApiClient classifies it). Throws ApiError when no usable HTTP answer arrived:
  /// Kind::connection when the request certainly was not sent (refused, DNS, TLS set-up, connect
  /// timeout), Kind::timeout when it may have been (timed out or connection lost after sending:
  /// the outcome is unknown), Kind::invalid_response when an answer arrived but could not be
  /// read whole (too large). ApiClient fills in the method and route of such an error and scrubs
  /// the token from it; other exceptions pass through ApiClient unchanged.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

}  // namespace loadero
