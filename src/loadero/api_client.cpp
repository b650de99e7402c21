#include "loadero/api_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "loadero/api_error.hpp"

namespace loadero {

namespace {

// A response body larger than this is not an API answer we can use.
constexpr std::size_t max_body_bytes = std::size_t{64} * 1024 * 1024;
// Shortest token we scrub from messages; shorter "tokens" would mangle ordinary text.
constexpr std::size_t min_scrubbed_token = 4;
// How much of a non-JSON error body goes into a message.
constexpr std::size_t max_excerpt = 200;

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("libcurl could not be initialised");
  });
}

std::string to_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool is_loopback_host(std::string host) {
  host = to_lower(host);
  if (host == "localhost" || host == "[::1]" || host == "::1") return true;
  // 127.0.0.0/8 written as a dotted quad.
  int octets = 0;
  std::size_t pos = 0;
  std::string first_octet;
  while (pos <= host.size()) {
    const auto dot = std::min(host.find('.', pos), host.size());
    const std::string part = host.substr(pos, dot - pos);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; }) ||
        std::stoi(part) > 255) {
      return false;
    }
    if (octets == 0) first_octet = part;
    ++octets;
    pos = dot + 1;
  }
  return octets == 4 && std::stoi(first_octet) == 127;
}

struct CurlUrl {
  CURLU* handle = curl_url();
  CurlUrl() = default;
  CurlUrl(const CurlUrl&) = delete;
  CurlUrl& operator=(const CurlUrl&) = delete;
  ~CurlUrl() { curl_url_cleanup(handle); }

  [[nodiscard]] std::optional<std::string> part(CURLUPart which) const {
    char* value = nullptr;
    if (curl_url_get(handle, which, &value, 0) != CURLUE_OK || value == nullptr)
      return std::nullopt;
    std::string text(value);
    curl_free(value);
    return text;
  }
};

struct ApiBase {
  std::string url;
  bool loopback = false;
};

// Checks and normalises api_base; throws std::invalid_argument.
ApiBase normalise_api_base(std::string base) {
  base = trim(base);
  if (base.empty()) throw std::invalid_argument("the API base URL is empty");
  const auto scheme_end = base.find("://");
  if (scheme_end == std::string::npos) {
    throw std::invalid_argument("the API base URL '" + base +
                                "' is not a URL (expected https://host/path/)");
  }
  const std::string scheme = to_lower(base.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") {
    throw std::invalid_argument("the API base URL '" + base +
                                "' must use https:// (or http:// to a loopback host)");
  }
  CurlUrl url;
  if (url.handle == nullptr ||
      curl_url_set(url.handle, CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) {
    throw std::invalid_argument("the API base URL '" + base + "' is not a valid URL");
  }
  const auto host = url.part(CURLUPART_HOST);
  if (!host || host->empty())
    throw std::invalid_argument("the API base URL '" + base + "' has no host");
  if (url.part(CURLUPART_USER) || url.part(CURLUPART_PASSWORD)) {
    throw std::invalid_argument(
        "the API base URL must not contain credentials; the token is given separately");
  }
  if (url.part(CURLUPART_QUERY) || url.part(CURLUPART_FRAGMENT)) {
    throw std::invalid_argument("the API base URL '" + base +
                                "' must not have a query or fragment");
  }
  const bool loopback = is_loopback_host(*host);
  if (scheme == "http" && !loopback) {
    throw std::invalid_argument("refusing plain http:// to '" + *host +
                                "': the access token would travel unencrypted; use https:// "
                                "(http:// is allowed only for loopback hosts)");
  }
  if (base.back() != '/') base += '/';
  return ApiBase{base, loopback};
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

// Retry-After is either delay-seconds or an HTTP-date; both become seconds from now.
std::optional<double> parse_retry_after(std::string_view value) {
  const std::string text = trim(value);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (end == text.c_str() + text.size()) {
    if (!std::isfinite(seconds) || seconds < 0) return std::nullopt;
    return seconds;
  }
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return std::max(0.0, static_cast<double>(when - now));
}

void replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  if (needle.empty()) return;
  for (auto pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + replacement.size())) {
    text.replace(pos, needle.size(), replacement);
  }
}

struct ResponseData {
  std::string body;
  std::string content_type;
  std::optional<double> retry_after;
  bool too_large = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<ResponseData*>(user);
  const std::size_t bytes = size * count;
  if (response->body.size() + bytes > max_body_bytes) {
    response->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  response->body.append(data, bytes);
  return bytes;
}

std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<ResponseData*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    // A new response (after 100 Continue, say): forget the previous one's headers.
    response->content_type.clear();
    response->retry_after.reset();
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  const std::string name = to_lower(trim(line.substr(0, colon)));
  const std::string value = trim(line.substr(colon + 1));
  if (name == "content-type") response->content_type = value;
  if (name == "retry-after") response->retry_after = parse_retry_after(value);
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

// A route is appended to api_base as is; anything that would leave the base (a leading '/', a
// scheme) or break the request line is a programming error, not an API failure.
void check_route(const std::string& route) {
  if (route.starts_with('/') || route.find("://") != std::string::npos) {
    throw std::invalid_argument("route '" + route +
                                "' must be relative to the API base (no leading '/' or scheme)");
  }
  for (const char c : route) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '?' || c == '#') {
      throw std::invalid_argument("route '" + route +
                                  "' contains a space, control character, '?' or '#'");
    }
  }
}

}  // namespace

std::string_view to_string(HttpMethod method) noexcept {
  switch (method) {
    case HttpMethod::get:
      return "GET";
    case HttpMethod::post:
      return "POST";
    case HttpMethod::put:
      return "PUT";
    case HttpMethod::del:
      return "DELETE";
  }
  return "GET";
}

struct ApiClient::Impl {
  ClientConfig config;
  std::string auth_header;
  bool loopback = false;

  std::mutex pool_mutex;
  std::vector<CURL*> idle_handles;

  std::mutex rate_mutex;
  std::chrono::steady_clock::time_point next_slot{};

  std::mutex observer_mutex;
  std::shared_ptr<const std::function<void(const RequestEvent&)>> observer;

  explicit Impl(ClientConfig cfg) : config(std::move(cfg)) {}

  ~Impl() {
    for (CURL* handle : idle_handles) curl_easy_cleanup(handle);
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // Each handle keeps its own live connections, so a handle returned to the pool brings its
  // keep-alive connection with it to the next request.
  CURL* acquire_handle() {
    {
      std::lock_guard lock(pool_mutex);
      if (!idle_handles.empty()) {
        CURL* handle = idle_handles.back();
        idle_handles.pop_back();
        return handle;
      }
    }
    CURL* handle = curl_easy_init();
    if (handle == nullptr) throw std::runtime_error("libcurl could not create a handle");
    return handle;
  }

  void release_handle(CURL* handle) {
    std::lock_guard lock(pool_mutex);
    idle_handles.push_back(handle);
  }

  void wait_for_rate_slot() {
    if (config.max_requests_per_second <= 0) return;
    const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / config.max_requests_per_second));
    std::chrono::steady_clock::time_point slot;
    {
      std::lock_guard lock(rate_mutex);
      slot = std::max(std::chrono::steady_clock::now(), next_slot);
      next_slot = slot + interval;
    }
    std::this_thread::sleep_until(slot);
  }

  void scrub(std::string& text) const {
    if (config.access_token.size() >= min_scrubbed_token)
      replace_all(text, config.access_token, "***");
  }

  [[noreturn]] void fail(ApiError::Details details) const {
    scrub(details.error_text);
    scrub(details.detail);
    for (auto& [field, messages] : details.field_errors) {
      for (auto& message : messages) scrub(message);
    }
    throw ApiError(std::move(details));
  }

  void notify(const RequestEvent& event) {
    std::shared_ptr<const std::function<void(const RequestEvent&)>> current;
    {
      std::lock_guard lock(observer_mutex);
      current = observer;
    }
    if (!current) return;
    // A logging callback must not turn a finished request into a failure.
    try {
      (*current)(event);
    } catch (...) {
    }
  }

  nlohmann::json request(HttpMethod method, const std::string& route, const QueryParams* query,
                         const nlohmann::json* body) {
    check_route(route);
    std::string logged_route = route;
    if (query != nullptr) {
      const std::string query_string = query->to_query_string();
      if (!query_string.empty()) logged_route += "?" + query_string;
    }
    RequestEvent event{method, logged_route, 0, std::chrono::milliseconds{0}, {}};
    wait_for_rate_slot();
    const auto started = std::chrono::steady_clock::now();
    try {
      nlohmann::json result = perform(method, route, logged_route, body, event.status);
      event.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
      notify(event);
      return result;
    } catch (const ApiError& error) {
      event.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
      event.status = error.status();
      event.error = error.what();
      notify(event);
      throw;
    }
  }

  nlohmann::json perform(HttpMethod method, const std::string& route,
                         const std::string& route_with_query, const nlohmann::json* body,
                         long& status_out) {
    const std::string method_name(to_string(method));
    const std::string url = config.api_base + route_with_query;
    const std::string payload = body != nullptr ? body->dump() : std::string();

    CurlSlist headers;
    if (!auth_header.empty()) headers.add(auth_header);
    headers.add("Accept: application/json");
    if (method == HttpMethod::post || method == HttpMethod::put)
      headers.add("Content-Type: application/json");
    headers.add("Expect:");  // no 100-continue round trip for larger bodies

    ResponseData response;
    std::array<char, CURL_ERROR_SIZE> error_buffer{};
    CURL* handle = acquire_handle();
    struct Releaser {
      Impl* impl;
      CURL* handle;
      ~Releaser() { impl->release_handle(handle); }
    } releaser{this, handle};

    curl_easy_reset(handle);
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    // Environment proxies serve remote hosts; a loopback API (the emulator) is never behind one.
    if (loopback) curl_easy_setopt(handle, CURLOPT_PROXY, "");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(config.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_USERAGENT, config.user_agent.c_str());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data());
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &write_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &read_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response);
    switch (method) {
      case HttpMethod::get:
        curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
        break;
      case HttpMethod::post:
        curl_easy_setopt(handle, CURLOPT_POST, 1L);
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(payload.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, payload.c_str());
        break;
      case HttpMethod::put:
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(payload.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, payload.c_str());
        break;
      case HttpMethod::del:
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "DELETE");
        break;
    }

    // libcurl silently re-sends a request whose reused connection closed before any answer; for a
    // POST whose first copy was committed that makes a duplicate group. Writes therefore go on a
    // fresh connection, so every lost answer reaches the caller (which settles it by reading).
    curl_easy_setopt(handle, CURLOPT_FRESH_CONNECT, method == HttpMethod::get ? 0L : 1L);
    const CURLcode result = curl_easy_perform(handle);
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    status_out = status;

    ApiError::Details details;
    details.method = method_name;
    details.route = route;
    details.status = status;
    details.retry_after_seconds = response.retry_after;

    if (result != CURLE_OK) {
      if (response.too_large) {
        details.kind = ApiError::Kind::invalid_response;
        details.detail = "invalid response: the body is larger than 64 MiB";
        fail(std::move(details));
      }
      long request_bytes = 0;
      curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_bytes);
      long os_errno = 0;
      curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno);
      std::string reason =
          error_buffer[0] != '\0' ? std::string(error_buffer.data()) : curl_easy_strerror(result);
      if (os_errno != 0 && result == CURLE_COULDNT_CONNECT) {
        reason = std::error_code(static_cast<int>(os_errno), std::generic_category()).message();
      }
      const std::string timed_out = "timed out after " + format_duration(config.timeout);
      // Nothing sent means nothing can have been committed: a plain connection failure.
      if (is_connect_failure(result) || request_bytes == 0) {
        details.kind = ApiError::Kind::connection;
        details.detail = "could not connect to " + config.api_base + ": " +
                         (result == CURLE_OPERATION_TIMEDOUT ? timed_out : reason);
      } else {
        details.kind = ApiError::Kind::timeout;
        details.detail = result == CURLE_OPERATION_TIMEDOUT
                             ? timed_out + " (the outcome is unknown)"
                             : "connection lost after the request was sent (" + reason +
                                   "); the outcome is unknown";
      }
      details.status = 0;
      status_out = 0;
      fail(std::move(details));
    }

    if (status < 200 || status > 299) {
      details.kind = ApiError::Kind::http;
      fill_error_body(details, response.body);
      fail(std::move(details));
    }

    if (method == HttpMethod::del) return nullptr;

    const std::string status_text = std::to_string(status) +
                                    (http_reason_phrase(status).empty() ? "" : " ") +
                                    std::string(http_reason_phrase(status));
    details.kind = ApiError::Kind::invalid_response;
    if (trim(response.body).empty()) {
      details.detail = "invalid response: " + status_text + " with an empty body, expected JSON";
      fail(std::move(details));
    }
    if (to_lower(response.content_type).find("application/json") == std::string::npos) {
      details.detail =
          "invalid response: " + status_text + " with Content-Type '" +
          (response.content_type.empty() ? std::string("(none)") : response.content_type) +
          "', expected application/json";
      fail(std::move(details));
    }
    try {
      return nlohmann::json::parse(response.body);
    } catch (const nlohmann::json::parse_error&) {
      details.detail = "invalid response: " + status_text + " with a body that is not valid JSON";
      fail(std::move(details));
    }
  }

  static void fill_error_body(ApiError::Details& details, const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    bool understood = false;
    if (json.is_object()) {
      if (const auto code = json.find("code"); code != json.end() && code->is_number_integer()) {
        details.code = code->get<std::int64_t>();
        understood = true;
      }
      if (const auto error = json.find("error"); error != json.end()) {
        if (error->is_string()) {
          details.error_text = error->get<std::string>();
        } else if (!error->is_null()) {
          details.error_text = error->dump();
        }
        understood = true;
      }
      if (const auto errors = json.find("errors"); errors != json.end() && errors->is_object()) {
        for (const auto& [field, messages] : errors->items()) {
          auto& list = details.field_errors[field];
          if (messages.is_array()) {
            for (const auto& message : messages) {
              list.push_back(message.is_string() ? message.get<std::string>() : message.dump());
            }
          } else {
            list.push_back(messages.is_string() ? messages.get<std::string>() : messages.dump());
          }
        }
        understood = true;
      }
    }
    if (!understood) {
      // Not Loadero's error shape (a proxy's HTML page, say): keep a short first-line excerpt.
      std::string excerpt = trim(body.substr(0, body.find('\n')));
      if (excerpt.size() > max_excerpt) excerpt = excerpt.substr(0, max_excerpt) + "...";
      details.error_text = excerpt;
    }
  }
};

ApiClient::ApiClient(ClientConfig config) {
  ensure_curl_initialised();
  ApiBase base = normalise_api_base(std::move(config.api_base));
  config.api_base = std::move(base.url);
  if (config.timeout.count() <= 0)
    throw std::invalid_argument("the request timeout must be positive");
  if (!(config.max_requests_per_second >= 0) || !std::isfinite(config.max_requests_per_second)) {
    throw std::invalid_argument("the request rate cap must be 0 (none) or positive");
  }
  for (const char c : config.access_token) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      throw std::invalid_argument("the access token contains control characters");
  }
  for (const char c : config.user_agent) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      throw std::invalid_argument("the user agent contains control characters");
  }
  m_impl = std::make_unique<Impl>(std::move(config));
  m_impl->loopback = base.loopback;
  const std::string token = trim(m_impl->config.access_token);
  if (!token.empty()) m_impl->auth_header = "Authorization: LoaderoAuth " + token;
}

ApiClient::~ApiClient() = default;

const ClientConfig& ApiClient::config() const noexcept { return m_impl->config; }

std::string ApiClient::project_route() const {
  if (m_impl->config.project_id <= 0)
    throw std::invalid_argument("the project id must be set (a positive number)");
  return "projects/" + std::to_string(m_impl->config.project_id) + "/";
}

nlohmann::json ApiClient::get(const std::string& route, const QueryParams& query) {
  return m_impl->request(HttpMethod::get, route, &query, nullptr);
}

nlohmann::json ApiClient::post(const std::string& route, const nlohmann::json& body) {
  return m_impl->request(HttpMethod::post, route, nullptr, &body);
}

nlohmann::json ApiClient::put(const std::string& route, const nlohmann::json& body) {
  return m_impl->request(HttpMethod::put, route, nullptr, &body);
}

void ApiClient::del(const std::string& route) {
  m_impl->request(HttpMethod::del, route, nullptr, nullptr);
}

void ApiClient::set_observer(std::function<void(const RequestEvent&)> observer) {
  std::shared_ptr<const std::function<void(const RequestEvent&)>> next;
  if (observer)
    next = std::make_shared<const std::function<void(const RequestEvent&)>>(std::move(observer));
  std::lock_guard lock(m_impl->observer_mutex);
  m_impl->observer = std::move(next);
}

}  // namespace loadero
