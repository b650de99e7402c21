#include "loadero/api_client.hpp"

#include <cmath>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

#include "loadero/api_base.hpp"
#include "loadero/api_error.hpp"
#include "loadero/curl_transport.hpp"
#include "response.hpp"
#include "strings.hpp"

namespace loadero {

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

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

bool has_control_characters(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

// Every check that needs no network; the transport checks its own options.
ClientConfig checked(ClientConfig config) {
  config.api_base = normalise_api_base(config.api_base).url;
  if (config.timeout.count() <= 0)
    throw std::invalid_argument("the request timeout must be positive");
  if (!(config.max_requests_per_second >= 0) || !std::isfinite(config.max_requests_per_second)) {
    throw std::invalid_argument("the request rate cap must be 0 (none) or positive");
  }
  // A line break in a header value would let the token or user agent inject headers.
  if (has_control_characters(config.access_token))
    throw std::invalid_argument("the access token contains control characters");
  if (has_control_characters(config.user_agent))
    throw std::invalid_argument("the user agent contains control characters");
  return config;
}

std::chrono::milliseconds since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started);
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
  std::shared_ptr<Transport> transport;
  std::string token;  // trimmed; what is sent and what is scrubbed from errors
  Headers headers;    // sent with every request

  std::mutex observer_mutex;
  std::shared_ptr<const std::function<void(const RequestEvent&)>> observer;

  Impl(ClientConfig cfg, std::shared_ptr<Transport> sender)
      : config(std::move(cfg)),
        transport(std::move(sender)),
        token(detail::trim(config.access_token)) {
    if (!token.empty()) headers.emplace_back("Authorization", "LoaderoAuth " + token);
    headers.emplace_back("Accept", "application/json");
    if (!config.user_agent.empty()) headers.emplace_back("User-Agent", config.user_agent);
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
    HttpRequest http;
    http.method = method;
    http.route = route;
    if (query != nullptr) {
      const std::string query_string = query->to_query_string();
      if (!query_string.empty()) http.route += "?" + query_string;
    }
    http.url = config.api_base + http.route;
    http.headers = headers;
    if (method == HttpMethod::post || method == HttpMethod::put)
      http.headers.emplace_back("Content-Type", "application/json");
    if (body != nullptr) http.body = body->dump();
    auto started = std::chrono::steady_clock::now();
    http.on_transfer_start = [&started] { started = std::chrono::steady_clock::now(); };

    RequestEvent event{method, http.route, 0, std::chrono::milliseconds{0}, {}};
    try {
      HttpResponse response = send(http, route);
      event.status = response.status;
      nlohmann::json result = detail::read_answer(method, route, response, token);
      event.duration = since(started);
      notify(event);
      return result;
    } catch (const ApiError& error) {
      event.duration = since(started);
      event.status = error.status();
      event.error = error.what();
      notify(event);
      throw;
    } catch (const std::exception& error) {
      // A transport's own exception passes through, but the observer still hears of it.
      event.duration = since(started);
      event.error = error.what();
      detail::scrub_token(event.error, token);
      notify(event);
      throw;
    }
  }

  // The transport's answer; its ApiError gets this request's method and route (without the
  // query, like every other error) and loses the token, whatever the transport put in it.
  HttpResponse send(const HttpRequest& http, const std::string& route) {
    try {
      return transport->send(http);
    } catch (const ApiError& error) {
      ApiError::Details details = error.details();
      details.method = std::string(to_string(http.method));
      details.route = route;
      detail::scrub_token(details, token);
      throw ApiError(std::move(details));
    }
  }
};

ApiClient::ApiClient(ClientConfig config) {
  config = checked(std::move(config));
  CurlTransportOptions options;
  options.timeout = config.timeout;
  options.max_requests_per_second = config.max_requests_per_second;
  auto transport = make_curl_transport(options);
  m_impl = std::make_unique<Impl>(std::move(config), std::move(transport));
}

ApiClient::ApiClient(ClientConfig config, std::shared_ptr<Transport> transport) {
  if (!transport) throw std::invalid_argument("the transport must not be null");
  m_impl = std::make_unique<Impl>(checked(std::move(config)), std::move(transport));
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
