#pragma once
// loadero::make_curl_transport: the Transport that talks to the real API over libcurl.

#include <chrono>
#include <memory>

#include "loadero/transport.hpp"

namespace loadero {

/// How the libcurl transport behaves.
struct CurlTransportOptions {
  /// Which requests go through proxies from the environment (https_proxy, http_proxy, no_proxy).
  enum class Proxy {
    environment_except_loopback,  ///< the environment's proxies, except for a loopback host
    none,                         ///< never a proxy
  };

  /// Whole-request timeout (connect + send + receive). Must be positive.
  std::chrono::milliseconds timeout{30000};
  /// Cap on the request rate, shared by every request sent through this transport from any
  /// thread, first come first served: requests are spaced at least 1/rate apart (the official
  /// Python client sends 4 per second) and no window of one second (measured with 50 ms to
  /// spare) holds more than the rate, rounded down (at least one). 0 = no cap; must not be
  /// negative. Whatever the cap, a 429 answer with Retry-After holds back every request of this
  /// transport until then (at most 60 s).
  double max_requests_per_second = 4.0;
  Proxy proxy = Proxy::environment_except_loopback;
};

/// A thread-safe Transport over libcurl. It keeps a mutex-guarded pool of libcurl handles whose
/// kept-alive connections are reused by reads. Writes (POST, PUT, DELETE) always go on a fresh
/// connection, because libcurl silently re-sends a request whose reused connection closed before
/// answering, which could duplicate a committed create; a lost answer to a write therefore always
/// reaches the caller as ApiError(Kind::timeout). A write's connection is closed once it is
/// answered, so writes leave no idle connection behind. It never retries, never follows redirects,
/// asks for gzip answers (`Accept-Encoding: gzip`; `identity` for a loopback host, where
/// compressing only costs CPU) and refuses bodies over 64 MiB (ApiError(Kind::invalid_response)).
/// Only http:// and https:// URLs are sent; checking the URL itself is ApiClient's job
/// (normalise_api_base).
///
/// send throws ApiError as Transport::send documents; the message of a connection error names
/// the API base ("could not connect to https://api.loadero.com/v2/: Connection refused").
///
/// Throws std::invalid_argument when the timeout is not positive or the rate is negative or not
/// finite, and ApiError(Kind::connection) when libcurl cannot be initialised. The returned
/// transport owns its handles; it may outlive every ApiClient that uses it.
std::shared_ptr<Transport> make_curl_transport(const CurlTransportOptions& options = {});

}  // namespace loadero
