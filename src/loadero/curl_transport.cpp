#include "loadero/curl_transport.hpp"

#include <curl/curl.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "loadero/api_base.hpp"
#include "loadero/api_error.hpp"
#include "rate_limiter.hpp"
#include "response.hpp"
#include "strings.hpp"

namespace loadero {

namespace {

// A response body larger than this is not an API answer we can use.
constexpr std::size_t max_body_bytes = std::size_t{64} * 1024 * 1024;

[[noreturn]] void throw_setup_failure(const std::string& what) {
  ApiError::Details details;
  details.kind = ApiError::Kind::connection;
  details.detail = "could not set up libcurl: " + what;
  throw ApiError(std::move(details));
}

void ensure_curl_initialised() {
  static std::once_flag once;
  // call_once lets a failed initialisation be tried again by the next transport.
  std::call_once(once, [] {
    if (const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
      throw_setup_failure(curl_easy_strerror(code));
  });
}

std::string format_duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  if (ms > 1000) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.1fs", static_cast<double>(ms) / 1000.0);
    return buffer.data();
  }
  return std::to_string(ms) + "ms";
}

struct ResponseData {
  HttpResponse response;
  bool too_large = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<ResponseData*>(user);
  const std::size_t bytes = size * count;
  if (received->response.body.size() + bytes > max_body_bytes) {
    received->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  received->response.body.append(data, bytes);
  return bytes;
}

std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<ResponseData*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    // A new response (after 100 Continue, say): forget the previous one's headers.
    received->response.content_type.clear();
    received->response.retry_after.clear();
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  const std::string name = detail::to_lower(detail::trim(line.substr(0, colon)));
  if (name == "content-type")
    received->response.content_type = detail::trim(line.substr(colon + 1));
  if (name == "retry-after") received->response.retry_after = detail::trim(line.substr(colon + 1));
  return bytes;
}

struct CurlSlist {
  curl_slist* list = nullptr;
  CurlSlist() = default;
  CurlSlist(const CurlSlist&) = delete;
  CurlSlist& operator=(const CurlSlist&) = delete;
  ~CurlSlist() { curl_slist_free_all(list); }
  void add(const std::string& header) {
    curl_slist* next = curl_slist_append(list, header.c_str());
    if (next == nullptr) throw std::bad_alloc();
    list = next;
  }
};

bool is_connect_failure(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return true;
    default:
      return false;
  }
}

// The host of an absolute URL, or "" when libcurl cannot read one.
std::string host_of(const std::string& url) {
  CURLU* parsed = curl_url();
  if (parsed == nullptr) return {};
  std::string host;
  char* value = nullptr;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &value, 0) == CURLUE_OK && value != nullptr) {
    host = value;
    curl_free(value);
  }
  curl_url_cleanup(parsed);
  return host;
}

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(const CurlTransportOptions& options)
      : m_options(options), m_limiter(options.max_requests_per_second) {}

  ~CurlTransport() override {
    for (CURL* handle : m_idle_handles) curl_easy_cleanup(handle);
  }

  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResponse send(const HttpRequest& request) override {
    // Waiting comes before taking a handle, so that waiting threads hold no connection and the
    // pool stays as small as the request rate allows.
    m_limiter.wait_turn();
    if (request.on_transfer_start) request.on_transfer_start();
    CurlSlist headers;
    for (const auto& [name, value] : request.headers) headers.add(name + ": " + value);
    headers.add("Expect:");  // no 100-continue round trip for larger bodies
    const bool loopback = is_loopback_host(host_of(request.url));
    const bool use_proxy =
        m_options.proxy == CurlTransportOptions::Proxy::environment_except_loopback && !loopback;

    ResponseData received;
    std::array<char, CURL_ERROR_SIZE> error_buffer{};
    HandleLease lease(*this, request);
    CURL* handle = lease.handle;

    curl_easy_reset(handle);
    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    // Environment proxies serve remote hosts; a loopback API (the emulator) is never behind one.
    if (!use_proxy) curl_easy_setopt(handle, CURLOPT_PROXY, "");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(m_options.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    // Only encodings cheap for both sides: gzip saves bandwidth on the real API's JSON lists and
    // costs little to make and undo; on loopback bandwidth is free, so nothing is compressed.
    // Accepting anything ("") let servers pick brotli, which costs the emulator 7 ms per page.
    // libcurl still decodes a gzip or deflate answer the server sends regardless.
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, loopback ? "identity" : "gzip");
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data());
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &write_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &read_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &received);
    switch (request.method) {
      case HttpMethod::get:
        curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
        break;
      case HttpMethod::post:
        curl_easy_setopt(handle, CURLOPT_POST, 1L);
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
        break;
      case HttpMethod::put:
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
        break;
      case HttpMethod::del:
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "DELETE");
        break;
    }
    // libcurl silently re-sends a request whose reused connection closed before any answer; for a
    // POST whose first copy was committed that makes a duplicate group. Writes therefore go on a
    // fresh connection, so every lost answer reaches the caller (which settles it by reading).
    // That connection is closed after the write: kept, it would sit idle in the handle's cache
    // (only reads may reuse one), holding a server worker until its keep-alive ran out.
    const long write = request.method == HttpMethod::get ? 0L : 1L;
    curl_easy_setopt(handle, CURLOPT_FRESH_CONNECT, write);
    curl_easy_setopt(handle, CURLOPT_FORBID_REUSE, write);

    const CURLcode result = curl_easy_perform(handle);
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    if (result != CURLE_OK) fail(request, handle, result, received, status, error_buffer.data());
    received.response.status = status;
    // A 429 means the server refuses this client for a while: every other request would be
    // refused too, so all of them wait, not only the caller that got it (which may retry).
    if (status == 429) {
      if (const auto seconds = detail::parse_retry_after(received.response.retry_after))
        m_limiter.pause_for(std::chrono::duration<double>(*seconds));
    }
    return std::move(received.response);
  }

 private:
  // Each handle keeps its own live connections, so a handle returned to the pool brings its
  // keep-alive connection with it to the next request.
  struct HandleLease {
    CurlTransport& owner;
    CURL* handle;
    HandleLease(CurlTransport& transport, const HttpRequest& request)
        : owner(transport), handle(transport.acquire_handle(request)) {}
    HandleLease(const HandleLease&) = delete;
    HandleLease& operator=(const HandleLease&) = delete;
    ~HandleLease() { owner.release_handle(handle); }
  };

  CURL* acquire_handle(const HttpRequest& request) {
    {
      std::lock_guard lock(m_pool_mutex);
      if (!m_idle_handles.empty()) {
        CURL* handle = m_idle_handles.back();
        m_idle_handles.pop_back();
        return handle;
      }
    }
    CURL* handle = curl_easy_init();
    if (handle == nullptr) {
      ApiError::Details details;
      details.kind = ApiError::Kind::connection;
      details.method = std::string(to_string(request.method));
      details.route = request.route;
      details.detail = "could not connect to " + request.base() +
                       ": could not set up libcurl: no handle could be created";
      throw ApiError(std::move(details));
    }
    return handle;
  }

  void release_handle(CURL* handle) {
    std::lock_guard lock(m_pool_mutex);
    m_idle_handles.push_back(handle);
  }

  [[noreturn]] void fail(const HttpRequest& request, CURL* handle, CURLcode result,
                         const ResponseData& received, long status, const char* error_text) const {
    ApiError::Details details;
    details.method = std::string(to_string(request.method));
    details.route = request.route;
    details.status = status;
    if (received.too_large) {
      details.kind = ApiError::Kind::invalid_response;
      details.detail = "invalid response: the body is larger than 64 MiB";
      throw ApiError(std::move(details));
    }
    long request_bytes = 0;
    curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_bytes);
    long os_errno = 0;
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno);
    std::string reason =
        error_text[0] != '\0' ? std::string(error_text) : curl_easy_strerror(result);
    if (os_errno != 0 && result == CURLE_COULDNT_CONNECT)
      reason = std::error_code(static_cast<int>(os_errno), std::generic_category()).message();
    const std::string timed_out = "timed out after " + format_duration(m_options.timeout);
    details.status = 0;
    // Nothing sent means nothing can have been committed: a plain connection failure.
    if (is_connect_failure(result) || request_bytes == 0) {
      details.kind = ApiError::Kind::connection;
      details.detail = "could not connect to " + request.base() + ": " +
                       (result == CURLE_OPERATION_TIMEDOUT ? timed_out : reason);
    } else {
      details.kind = ApiError::Kind::timeout;
      // Only a write can have changed something the client does not know of; a read's outcome
      // is simply that there is no answer.
      const bool write = request.method != HttpMethod::get;
      details.detail = result == CURLE_OPERATION_TIMEDOUT
                           ? timed_out + (write ? " (the outcome is unknown)" : "")
                           : "connection lost after the request was sent (" + reason + ")" +
                                 (write ? "; the outcome is unknown" : "");
    }
    throw ApiError(std::move(details));
  }

  CurlTransportOptions m_options;
  detail::RateLimiter m_limiter;
  std::mutex m_pool_mutex;
  std::vector<CURL*> m_idle_handles;
};

}  // namespace

std::shared_ptr<Transport> make_curl_transport(const CurlTransportOptions& options) {
  if (options.timeout.count() <= 0)
    throw std::invalid_argument("the request timeout must be positive");
  if (!(options.max_requests_per_second >= 0) || !std::isfinite(options.max_requests_per_second))
    throw std::invalid_argument("the request rate cap must be 0 (none) or positive");
  ensure_curl_initialised();
  return std::make_shared<CurlTransport>(options);
}

}  // namespace loadero
