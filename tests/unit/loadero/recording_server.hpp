#pragma once
// Test helpers: a real HTTP server on 127.0.0.1 (cpp-httplib) that records every request and
// serves canned answers, and a raw TCP server that misbehaves on purpose.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace loadero_test {

/// One request as the server saw it.
struct RecordedRequest {
  std::string method;
  std::string route;  ///< path without the "/v2/" prefix, e.g. "projects/5040/tests/6866/groups/"
  std::string query;  ///< raw query string as sent (still URL-encoded), "" if none
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  int remote_port = 0;

  /// The first value of header `name` (case-insensitive), or "" when absent.
  std::string header(const std::string& name) const;
  bool has_header(const std::string& name) const;
};

/// A canned answer.
struct CannedResponse {
  int status = 200;
  std::string body = "{}";
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};
};

/// Answers with `body` as application/json and `status`.
CannedResponse json_response(int status, std::string body);

/// An HTTP/1.1 server on 127.0.0.1 and a free port, running until destroyed.
class RecordingServer {
 public:
  RecordingServer();
  ~RecordingServer();
  RecordingServer(const RecordingServer&) = delete;
  RecordingServer& operator=(const RecordingServer&) = delete;

  int port() const { return m_port; }
  /// "http://127.0.0.1:PORT/v2/"
  std::string base_url() const;

  /// Answers `method route` (route without "/v2/", query ignored) with `responses` in turn;
  /// the last one repeats.
  void respond(const std::string& method, const std::string& route,
               std::vector<CannedResponse> responses);
  void respond(const std::string& method, const std::string& route, CannedResponse response) {
    respond(method, route, std::vector<CannedResponse>{std::move(response)});
  }
  /// Answers everything that has no canned response (default: 404 with a Loadero-shaped body).
  void set_fallback(std::function<CannedResponse(const RecordedRequest&)> fallback);

  std::vector<RecordedRequest> requests() const;
  std::size_t request_count() const;

 private:
  struct State;
  std::shared_ptr<State> m_state;
  std::unique_ptr<void, void (*)(void*)> m_server;
  std::thread m_thread;
  int m_port = 0;
};

/// How RawServer treats each connection after reading one full request.
enum class RawBehaviour {
  close_after_request,  ///< read the request, then close without answering
  reply_raw,            ///< read the request, write `raw_reply` verbatim, then close
  /// answer the very first request with `raw_reply` and keep that connection open; every later
  /// request (on any connection) is read and then its connection is closed without an answer
  answer_first_then_drop,
  /// answer every request with `raw_reply` and keep the connection open until the client closes
  /// it (connections_closed_by_client counts those closes)
  keep_alive,
};

/// A bare TCP server on 127.0.0.1 for transport failures httplib cannot produce.
class RawServer {
 public:
  explicit RawServer(RawBehaviour behaviour, std::string raw_reply = {});
  ~RawServer();
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  int port() const { return m_port; }
  std::string base_url() const;
  std::size_t requests_seen() const;
  /// Connections accepted so far.
  std::size_t connections_accepted() const;
  /// Connections the client closed (seen as end of stream while waiting for the next request).
  std::size_t connections_closed_by_client() const;

 private:
  void serve();
  void serve_connection(int client);
  bool stopping() const;

  RawBehaviour m_behaviour;
  std::string m_raw_reply;
  int m_listen_fd = -1;
  int m_port = 0;
  mutable std::mutex m_mutex;
  std::size_t m_requests_seen = 0;
  std::size_t m_connections_accepted = 0;
  std::size_t m_connections_closed_by_client = 0;
  bool m_stopping = false;
  std::thread m_thread;
  std::vector<std::thread> m_connections;
};

/// A loopback port on which nothing listens (bound, then released).
int closed_port();

}  // namespace loadero_test
