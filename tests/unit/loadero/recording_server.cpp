#include "recording_server.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace loadero_test {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::string RecordedRequest::header(const std::string& name) const {
  const std::string wanted = lower(name);
  for (const auto& [key, value] : headers) {
    if (lower(key) == wanted) return value;
  }
  return {};
}

bool RecordedRequest::has_header(const std::string& name) const {
  const std::string wanted = lower(name);
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& entry) { return lower(entry.first) == wanted; });
}

CannedResponse json_response(int status, std::string body) {
  CannedResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

struct RecordingServer::State {
  std::mutex mutex;
  std::vector<RecordedRequest> requests;
  std::map<std::string, std::vector<CannedResponse>> canned;
  std::map<std::string, std::size_t> served;
  std::function<CannedResponse(const RecordedRequest&)> fallback;

  void handle(const httplib::Request& request, httplib::Response& response) {
    RecordedRequest recorded;
    recorded.method = request.method;
    recorded.route = request.path.starts_with("/v2/") ? request.path.substr(4) : request.path;
    const auto question = request.target.find('?');
    if (question != std::string::npos) recorded.query = request.target.substr(question + 1);
    recorded.body = request.body;
    for (const auto& [key, value] : request.headers) {
      // httplib adds these itself; they were not sent by the client.
      if (key == "REMOTE_ADDR" || key == "REMOTE_PORT" || key == "LOCAL_ADDR" ||
          key == "LOCAL_PORT")
        continue;
      recorded.headers.emplace_back(key, value);
    }
    recorded.remote_port = request.remote_port;

    CannedResponse answer;
    {
      std::lock_guard lock(mutex);
      requests.push_back(recorded);
      const std::string key = recorded.method + " " + recorded.route;
      if (const auto it = canned.find(key); it != canned.end() && !it->second.empty()) {
        auto& index = served[key];
        answer = it->second[std::min(index, it->second.size() - 1)];
        ++index;
      } else if (fallback) {
        answer = fallback(recorded);
      } else {
        answer = json_response(404, R"({"code": 404, "error": "not found"})");
      }
    }
    if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
    response.status = answer.status;
    for (const auto& [key, value] : answer.headers) response.set_header(key, value);
    if (!answer.body.empty() || !answer.content_type.empty()) {
      response.set_content(answer.body, answer.content_type.c_str());
    }
  }
};

RecordingServer::RecordingServer()
    : m_state(std::make_shared<State>()), m_server(new httplib::Server, [](void* server) {
        delete static_cast<httplib::Server*>(server);
      }) {
  auto* server = static_cast<httplib::Server*>(m_server.get());
  auto state = m_state;
  const auto handler = [state](const httplib::Request& request, httplib::Response& response) {
    state->handle(request, response);
  };
  server->Get(".*", handler);
  server->Post(".*", handler);
  server->Put(".*", handler);
  server->Delete(".*", handler);
  server->Patch(".*", handler);
  server->set_keep_alive_max_count(100000);
  m_port = server->bind_to_any_port("127.0.0.1");
  if (m_port <= 0) throw std::runtime_error("test server could not bind 127.0.0.1");
  m_thread = std::thread([server] { server->listen_after_bind(); });
  while (!server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds{1});
}

RecordingServer::~RecordingServer() {
  static_cast<httplib::Server*>(m_server.get())->stop();
  if (m_thread.joinable()) m_thread.join();
}

std::string RecordingServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(m_port) + "/v2/";
}

void RecordingServer::respond(const std::string& method, const std::string& route,
                              std::vector<CannedResponse> responses) {
  std::lock_guard lock(m_state->mutex);
  const std::string key = method + " " + route;
  m_state->canned[key] = std::move(responses);
  m_state->served[key] = 0;
}

void RecordingServer::set_fallback(std::function<CannedResponse(const RecordedRequest&)> fallback) {
  std::lock_guard lock(m_state->mutex);
  m_state->fallback = std::move(fallback);
}

std::vector<RecordedRequest> RecordingServer::requests() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->requests;
}

std::size_t RecordingServer::request_count() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->requests.size();
}

namespace {

int listen_on_loopback(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  const int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("bind() failed");
  }
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

// Reads one request (headers plus Content-Length bytes of body); false if the peer went away or
// `stop` became true.
bool read_request(int fd, const std::function<bool()>& stop) {
  std::string data;
  char buffer[4096];
  while (true) {
    const auto header_end = data.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      std::size_t length = 0;
      const std::string head = lower(data.substr(0, header_end));
      if (const auto pos = head.find("content-length:"); pos != std::string::npos) {
        length = std::stoul(head.substr(pos + 15));
      }
      if (data.size() >= header_end + 4 + length) return true;
    }
    pollfd poller{fd, POLLIN, 0};
    const int ready = ::poll(&poller, 1, 50);
    if (stop()) return false;
    if (ready == 0) continue;
    if (ready < 0) return false;
    const auto received = ::recv(fd, buffer, sizeof buffer, 0);
    if (received <= 0) return false;
    data.append(buffer, static_cast<std::size_t>(received));
  }
}

}  // namespace

RawServer::RawServer(RawBehaviour behaviour, std::string raw_reply)
    : m_behaviour(behaviour), m_raw_reply(std::move(raw_reply)) {
  m_listen_fd = listen_on_loopback(m_port);
  if (::listen(m_listen_fd, 16) != 0) throw std::runtime_error("listen() failed");
  m_thread = std::thread([this] { serve(); });
}

RawServer::~RawServer() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  ::shutdown(m_listen_fd, SHUT_RDWR);
  if (m_thread.joinable()) m_thread.join();
  for (auto& connection : m_connections) connection.join();
  ::close(m_listen_fd);
}

bool RawServer::stopping() const {
  std::lock_guard lock(m_mutex);
  return m_stopping;
}

std::string RawServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(m_port) + "/v2/";
}

std::size_t RawServer::requests_seen() const {
  std::lock_guard lock(m_mutex);
  return m_requests_seen;
}

std::size_t RawServer::connections_accepted() const {
  std::lock_guard lock(m_mutex);
  return m_connections_accepted;
}

std::size_t RawServer::connections_closed_by_client() const {
  std::lock_guard lock(m_mutex);
  return m_connections_closed_by_client;
}

void RawServer::serve() {
  while (!stopping()) {
    pollfd poller{m_listen_fd, POLLIN, 0};
    if (::poll(&poller, 1, 50) <= 0) continue;
    const int client = ::accept(m_listen_fd, nullptr, nullptr);
    if (client < 0) continue;
    {
      std::lock_guard lock(m_mutex);
      ++m_connections_accepted;
    }
    m_connections.emplace_back([this, client] { serve_connection(client); });
  }
}

void RawServer::serve_connection(int client) {
  while (true) {
    if (!read_request(client, [this] { return stopping(); })) {
      std::lock_guard lock(m_mutex);
      if (m_behaviour == RawBehaviour::keep_alive && !m_stopping) ++m_connections_closed_by_client;
      break;
    }
    std::size_t seen = 0;
    {
      std::lock_guard lock(m_mutex);
      seen = ++m_requests_seen;
    }
    if (m_behaviour == RawBehaviour::keep_alive) {
      ::send(client, m_raw_reply.data(), m_raw_reply.size(), MSG_NOSIGNAL);
      continue;
    }
    const bool answer = m_behaviour == RawBehaviour::reply_raw ||
                        (m_behaviour == RawBehaviour::answer_first_then_drop && seen == 1);
    if (answer) ::send(client, m_raw_reply.data(), m_raw_reply.size(), MSG_NOSIGNAL);
    if (!(m_behaviour == RawBehaviour::answer_first_then_drop && seen == 1)) break;
  }
  ::close(client);
}

int closed_port() {
  int port = 0;
  const int fd = listen_on_loopback(port);
  ::close(fd);
  return port;
}

}  // namespace loadero_test
