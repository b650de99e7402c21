#include "server.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <thread>

#include "misbehave.hpp"
#include "routing.hpp"
#include "stats.hpp"

namespace loadero_emulator {
namespace {

constexpr const char* k_json = "application/json";

std::string error_json(int status, const std::string& message) {
  // Same shape as the API's ErrorResponse; built by hand to keep nlohmann out of this file.
  std::string escaped;
  for (const char c : message) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) continue;
    escaped.push_back(c);
  }
  return "{\"code\":" + std::to_string(status) + ",\"error\":\"" + escaped + "\"}";
}

std::string reason_of(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 416:
      return "Range Not Satisfiable";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    default:
      return "HTTP " + std::to_string(status);
  }
}

// The answer's body, sent uncompressed whatever the client's Accept-Encoding says. httplib
// compresses a body given by set_content whenever the client allows it, and prefers brotli, which
// costs several times the CPU of building the page; a body given by a content provider of known
// length it sends as is. Identity is always acceptable to HTTP clients, and on loopback the bytes
// are free while the CPU is what a benchmark measures.
void set_json(httplib::Response& response, std::string body) {
  if (body.empty()) {
    response.set_header("Content-Type", k_json);
    return;
  }
  auto text = std::make_shared<const std::string>(std::move(body));
  const std::size_t size = text->size();
  response.set_content_provider(
      size, k_json, [text](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(text->data() + offset, length);
      });
}

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET)
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6)
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return -1;
}

// httplib 0.11 gives handlers no handle on their socket, so connections are found by their two
// ports. Shutting one down makes the client see the connection close with no answer at all.
// remote_port -1 shuts down every accepted connection of local_port.
int shutdown_connections(int local_port, int remote_port) {
  DIR* folder = opendir("/proc/self/fd");
  if (folder == nullptr) return 0;
  int count = 0;
  while (const dirent* entry = readdir(folder)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(folder)) continue;
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_size = sizeof local;
    socklen_t peer_size = sizeof peer;
    if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &local_size) != 0)
      continue;
    if (getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0)
      continue;
    if (port_of(local) != local_port || (remote_port != -1 && port_of(peer) != remote_port))
      continue;
    shutdown(static_cast<int>(fd), SHUT_RDWR);
    ++count;
    if (remote_port != -1) break;
  }
  closedir(folder);
  return count;
}

// The Debian build of cpp-httplib (a shared library) listens with a backlog of 5: a client that
// opens 16 or more connections at once (loadero-sync at --parallelism 16) overflowed it, and every
// dropped SYN cost that connection a 1 s retransmit. listen() again on the bound socket raises
// the backlog (the kernel caps it at net.core.somaxconn); httplib does not expose the socket.
void widen_listen_backlog(int local_port) {
  DIR* folder = opendir("/proc/self/fd");
  if (folder == nullptr) return;
  while (const dirent* entry = readdir(folder)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(folder)) continue;
    const int socket_fd = static_cast<int>(fd);
    int listening = 0;
    socklen_t listening_size = sizeof listening;
    if (getsockopt(socket_fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &listening_size) != 0 ||
        listening == 0) {
      continue;
    }
    sockaddr_storage local{};
    socklen_t local_size = sizeof local;
    if (getsockname(socket_fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
        port_of(local) != local_port) {
      continue;
    }
    listen(socket_fd, SOMAXCONN);
  }
  closedir(folder);
}

}  // namespace

struct Server::Impl {
  Impl(State state, ServerOptions server_options)
      : options(std::move(server_options)),
        api(std::move(state), with_save_counter(options.api, stats)),
        faults(options.faults) {}

  static ApiOptions with_save_counter(ApiOptions api_options, Stats& counters) {
    api_options.on_saved = [&counters] { counters.record_save(); };
    return api_options;
  }

  void handle(const httplib::Request& request, httplib::Response& response) {
    if (request.path.rfind("/_emulator/", 0) == 0) {
      handle_control(request, response);
      return;
    }
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    stats.record_request(method, route_pattern_of(request.path));

    if (options.faults.latency_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(options.faults.latency_ms));
    }
    if (!faults.admit(std::chrono::steady_clock::now())) {
      stats.record_fault(FaultKind::rate_limited);
      response.status = 429;
      response.set_header("Retry-After", "1");
      set_json(response, error_json(429, "Too Many Requests: more than " +
                                             std::to_string(options.faults.rate_limit_rps) +
                                             " requests in one second"));
      return;
    }
    if (const auto status = faults.injected_failure()) {
      stats.record_fault(FaultKind::server_error);
      response.status = *status;
      set_json(response, error_json(*status, reason_of(*status) + " (injected by --fail-rate)"));
      return;
    }

    ApiRequest api_request;
    api_request.method = request.method;
    api_request.path = request.path;
    for (const auto& [key, value] : request.params) api_request.query.emplace_back(key, value);
    api_request.authorization = request.get_header_value("Authorization");
    api_request.body = request.body;
    ApiResponse answer = api.handle(api_request);

    if (answer.committed_write) {
      const Ambiguity ambiguity = faults.ambiguity_after_write();
      if (ambiguity != Ambiguity::none) stats.record_fault(FaultKind::ambiguous);
      if (ambiguity == Ambiguity::drop_connection &&
          shutdown_connections(request.local_port, request.remote_port) > 0) {
        response.status = 502;  // never reaches the client: its socket is already shut down
        response.set_header("Connection", "close");
        return;
      }
      if (ambiguity != Ambiguity::none) {
        response.status = 502;
        set_json(
            response,
            error_json(502, "Bad Gateway (injected by --ambiguous-rate; the write was committed)"));
        return;
      }
    }
    misbehave(options.faults.misbehave, api_request, answer,
              [this](const ApiRequest& again) { return api.handle(again); });
    response.status = answer.status;
    for (const auto& [key, value] : answer.headers) response.set_header(key, value);
    set_json(response, std::move(answer.body));
  }

  void handle_control(const httplib::Request& request, httplib::Response& response) {
    const bool is_stats = request.path == "/_emulator/stats" || request.path == "/_emulator/stats/";
    const bool is_reset = request.path == "/_emulator/reset" || request.path == "/_emulator/reset/";
    if (is_stats && (request.method == "GET" || request.method == "HEAD")) {
      set_json(response, stats.to_json());
    } else if (is_reset && request.method == "POST") {
      stats.reset();
      set_json(response, stats.to_json());
    } else if (is_stats || is_reset) {
      response.status = 405;
      response.set_header("Allow", is_stats ? "GET" : "POST");
      set_json(response,
               error_json(405, "method " + request.method + " is not allowed on " + request.path));
    } else {
      response.status = 404;
      set_json(response, error_json(404, "no route for " + request.method + " " + request.path));
    }
  }

  ServerOptions options;
  Stats stats;  // before api: api's saver thread counts into it until api is gone
  Api api;
  FaultInjector faults;
  httplib::Server http;
  int bound_port = 0;
};

Server::Server(State state, ServerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(state), std::move(options))) {
  auto& http = m_impl->http;
  const int threads = m_impl->options.threads;
  http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  http.set_keep_alive_max_count(100000);
  http.set_keep_alive_timeout(5);
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(8 * 1024 * 1024);
  auto handler = [impl = m_impl.get()](const httplib::Request& request,
                                       httplib::Response& response) {
    impl->handle(request, response);
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  http.Delete(".*", handler);
  http.Options(".*", handler);
  // Answers httplib makes itself (a bad request line, an unknown method, a body that is too
  // large) get the API's error shape and content type as well.
  http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    // Every answer of ours has its Content-Type already; httplib's own have none.
    if (response.has_header("Content-Type")) return;
    set_json(response, error_json(response.status, reason_of(response.status)));
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string message = "internal error";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& exception) {
          message += std::string(": ") + exception.what();
        } catch (...) {
        }
        response.status = 500;
        set_json(response, error_json(500, message));
      });

  const auto& host = m_impl->options.host;
  if (m_impl->options.port == 0) {
    m_impl->bound_port = http.bind_to_any_port(host);
    if (m_impl->bound_port <= 0)
      throw std::runtime_error("cannot bind to " + host + " on a free port");
  } else {
    if (!http.bind_to_port(host, m_impl->options.port)) {
      throw std::runtime_error("cannot bind to " + host + ":" +
                               std::to_string(m_impl->options.port));
    }
    m_impl->bound_port = m_impl->options.port;
  }
  widen_listen_backlog(m_impl->bound_port);
}

Server::~Server() { stop(); }

int Server::port() const { return m_impl->bound_port; }

std::string Server::base_url() const {
  const auto& host = m_impl->options.host;
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(m_impl->bound_port) +
         "/v2/";
}

void Server::run() { m_impl->http.listen_after_bind(); }

void Server::stop() {
  if (m_impl->http.is_running()) m_impl->http.stop();
  // Idle keep-alive connections would hold their worker threads (and so run()) for the whole
  // keep-alive timeout; closing them lets the server stop at once.
  if (m_impl->bound_port > 0) shutdown_connections(m_impl->bound_port, -1);
}

bool Server::is_running() const { return m_impl->http.is_running(); }

Api& Server::api() { return m_impl->api; }

}  // namespace loadero_emulator
