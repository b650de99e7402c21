#pragma once
// For the executor's ordering tests: a gateway that logs when each call begins and ends, and a
// flag one thread raises for another.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "fake_gateway.hpp"

namespace loadero_test {

// Forwards to a FakeGateway and logs when each call begins and ends ("begin create 1 A",
// "end create 1 A"), so a test can see which calls overlapped and which came strictly after.
class LoggingGateway : public loadero_sync::LoaderoGateway {
 public:
  explicit LoggingGateway(FakeGateway& inner) : m_inner(inner) {}

  std::vector<std::string> log() const {
    const std::lock_guard lock(m_mutex);
    return m_log;
  }

 private:
  template <class Fn>
  auto logged(const std::string& op, std::int64_t test_id, const std::string& name, Fn&& fn) {
    const auto what = op + " " + std::to_string(test_id) + (name.empty() ? "" : " " + name);
    append("begin " + what);
    try {
      auto result = fn();
      append("end " + what);
      return result;
    } catch (...) {
      append("end " + what);
      throw;
    }
  }
  void append(std::string line) {
    const std::lock_guard lock(m_mutex);
    m_log.push_back(std::move(line));
  }

 public:
  loadero_sync::TestInfo read_test(std::int64_t test_id) override {
    return logged("read_test", test_id, "", [&] { return m_inner.read_test(test_id); });
  }
  loadero_sync::TestListing list_tests(const loadero_sync::ContinueListing& go_on) override {
    return logged("list_tests", 0, "", [&] { return m_inner.list_tests(go_on); });
  }
  std::vector<LiveGroup> list_groups(std::int64_t test_id) override {
    return logged("list", test_id, "", [&] { return m_inner.list_groups(test_id); });
  }
  LiveGroup create_group(std::int64_t test_id, const std::string& name,
                         std::int64_t count) override {
    return logged("create", test_id, name,
                  [&] { return m_inner.create_group(test_id, name, count); });
  }
  LiveGroup update_group(std::int64_t test_id, std::int64_t group_id, const std::string& name,
                         std::int64_t count) override {
    return logged("update", test_id, name,
                  [&] { return m_inner.update_group(test_id, group_id, name, count); });
  }
  loadero_sync::Deletion delete_group(std::int64_t test_id, std::int64_t group_id) override {
    return logged("delete", test_id, std::to_string(group_id),
                  [&] { return m_inner.delete_group(test_id, group_id); });
  }
  LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                       const std::string& name) override {
    return logged("copy", test_id, name,
                  [&] { return m_inner.copy_group(test_id, source_group_id, name); });
  }
  std::vector<LiveParticipant> list_participants(std::int64_t test_id) override {
    return logged("list_participants", test_id, "",
                  [&] { return m_inner.list_participants(test_id); });
  }
  std::vector<LiveParticipant> list_group_participants(std::int64_t test_id,
                                                       std::int64_t group_id) override {
    return logged("list_group_participants", test_id, std::to_string(group_id),
                  [&] { return m_inner.list_group_participants(test_id, group_id); });
  }
  LiveParticipant create_participant(std::int64_t test_id, std::int64_t group_id,
                                     const ParticipantState& state) override {
    return logged("create_participant", test_id, state.name,
                  [&] { return m_inner.create_participant(test_id, group_id, state); });
  }
  LiveParticipant update_participant(std::int64_t test_id, std::int64_t group_id,
                                     std::int64_t participant_id,
                                     const ParticipantState& state) override {
    return logged("update_participant", test_id, state.name, [&] {
      return m_inner.update_participant(test_id, group_id, participant_id, state);
    });
  }
  loadero_sync::Deletion delete_participant(std::int64_t test_id,
                                            std::int64_t participant_id) override {
    return logged("delete_participant", test_id, std::to_string(participant_id),
                  [&] { return m_inner.delete_participant(test_id, participant_id); });
  }

 private:
  FakeGateway& m_inner;
  mutable std::mutex m_mutex;
  std::vector<std::string> m_log;
};

inline std::size_t position(const std::vector<std::string>& log, const std::string& line) {
  const auto it = std::find(log.begin(), log.end(), line);
  REQUIRE_MESSAGE(it != log.end(), "not in the log: " << line);
  return static_cast<std::size_t>(it - log.begin());
}

inline bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// A flag one thread raises and another waits for, at most 5 s, so a broken executor fails the
// test rather than hanging it.
class Signal {
 public:
  void raise() {
    {
      const std::lock_guard lock(m_mutex);
      m_raised = true;
    }
    m_cv.notify_all();
  }
  bool wait() {
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, std::chrono::seconds(5), [&] { return m_raised; });
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_raised = false;
};

}  // namespace loadero_test
