#pragma once
// The HTTP side of loadero-emulator: cpp-httplib's threaded server in front of Api, with fault
// injection, request statistics and the /_emulator/ routes.

#include <memory>
#include <string>

#include "api.hpp"
#include "faults.hpp"

namespace loadero_emulator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  ///< 0 picks a free port
  ApiOptions api;
  FaultOptions faults;
  int threads = 64;  ///< worker threads; each keep-alive connection holds one while open
};

/// A bound, not yet serving, HTTP server. Not copyable.
class Server {
 public:
  /// Takes the state; binds to options.host:options.port. Throws std::runtime_error when the
  /// address cannot be bound.
  Server(State state, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// The bound port (the real one when options.port was 0).
  int port() const;
  /// "http://HOST:PORT/v2/".
  std::string base_url() const;

  /// Serves until stop(); returns afterwards. Connections are accepted from construction on
  /// (the socket already listens), so printing base_url() before run() is safe.
  void run();
  /// Makes run() return, and closes idle keep-alive connections. Safe from any thread and
  /// idempotent; it has no effect before run() has started serving (see is_running()).
  void stop();
  /// True while run() is serving.
  bool is_running() const;

  /// The API (for saving the state at shutdown, and for tests).
  Api& api();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace loadero_emulator
