#pragma once
// A Transport for tests that need no socket: it answers from a function and keeps every request
// it was handed, headers included (which a real transport must never do).

#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "loadero/transport.hpp"

namespace loadero_test {

/// An application/json answer.
inline loadero::HttpResponse json_answer(long status, std::string body) {
  return loadero::HttpResponse{status, "application/json", std::move(body), ""};
}

class FakeTransport : public loadero::Transport {
 public:
  using Answer = std::function<loadero::HttpResponse(const loadero::HttpRequest&)>;

  /// Answers with `answer`; by default 404 with Loadero's error body.
  explicit FakeTransport(Answer answer = {}) : m_answer(std::move(answer)) {}

  loadero::HttpResponse send(const loadero::HttpRequest& request) override {
    {
      std::lock_guard lock(m_mutex);
      m_requests.push_back(request);
    }
    if (!m_answer) return json_answer(404, R"({"code": 404, "error": "not found"})");
    return m_answer(request);
  }

  /// Every request so far, in the order they arrived.
  std::vector<loadero::HttpRequest> requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

  /// "GET projects/5040/" for each request so far.
  std::vector<std::string> lines() const {
    std::vector<std::string> lines;
    for (const auto& request : requests())
      lines.push_back(std::string(loadero::to_string(request.method)) + " " + request.route);
    return lines;
  }

 private:
  Answer m_answer;
  mutable std::mutex m_mutex;
  std::vector<loadero::HttpRequest> m_requests;
};

}  // namespace loadero_test
