#pragma once
// Test doubles for the apply tests: an in-memory Loadero with fault injection that records every
// call, and a Sleeper that records the delays instead of sleeping.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "loadero/api_error.hpp"
#include "loadero_sync/gateway.hpp"
#include "loadero_sync/retry.hpp"

namespace loadero_test {

using loadero_sync::LiveGroup;
using loadero_sync::TestInfo;

/// An HTTP error as the real client raises it.
loadero::ApiError http_error(long status, std::string method = "POST",
                             std::string route = "projects/5040/tests/1/groups/",
                             std::optional<double> retry_after = std::nullopt);
/// The connection dropped after the request was sent: outcome unknown.
loadero::ApiError timeout_error(std::string method = "POST",
                                std::string route = "projects/5040/tests/1/groups/");
/// The connection could not be made: the request was certainly not sent.
loadero::ApiError connection_error(std::string method = "POST",
                                   std::string route = "projects/5040/tests/1/groups/");

/// Whether a fault lets the write happen before the error is raised (an "ambiguous" failure).
enum class Commit { no, yes };

/// One recorded call: "read_test", "list_tests", "list", "create", "update", "delete", "copy".
struct Call {
  std::string op;
  std::int64_t test_id = 0;
  std::int64_t group_id = 0;  ///< update/delete: the group; copy: the source
  std::string name;
  std::int64_t count = 0;

  friend bool operator==(const Call&, const Call&) = default;
};

class FakeGateway : public loadero_sync::LoaderoGateway {
 public:
  /// Adds a test with groups; returns *this for chaining.
  FakeGateway& add_test(std::int64_t test_id, std::string name, std::vector<LiveGroup> groups = {});

  /// The next `times` calls of `op` (optionally only for group/copy name `name`, or test `test_id`)
  /// raise `error`; with Commit::yes the write is applied first.
  void fail(std::string op, loadero::ApiError error, int times = 1, Commit commit = Commit::no,
            std::optional<std::string> name = std::nullopt,
            std::optional<std::int64_t> test_id = std::nullopt);

  /// list_tests answers in pages of `page_size` tests (0: the whole list at once), asking its
  /// ContinueListing after the first page when more remain.
  void page_tests(std::size_t page_size);

  /// Calls block until `concurrency` calls are in flight together once (or 2 s pass), so tests
  /// can see that work runs in parallel; after that nothing waits.
  void gate_concurrency(int concurrency);

  /// Runs `hook` with every call as it is made (recorded, before the fake answers it), outside the
  /// fake's lock and on the caller's thread, so a test can act at exactly that moment: cancel an
  /// apply when its first write is made, say. Replaces the previous hook; empty removes it.
  void on_call(std::function<void(const Call&)> hook);

  std::vector<Call> calls() const;
  std::vector<std::string> ops() const;
  std::vector<LiveGroup> groups(std::int64_t test_id) const;
  int max_in_flight() const;

  TestInfo read_test(std::int64_t test_id) override;
  loadero_sync::TestListing list_tests(const loadero_sync::ContinueListing& go_on) override;
  std::vector<LiveGroup> list_groups(std::int64_t test_id) override;
  LiveGroup create_group(std::int64_t test_id, const std::string& name,
                         std::int64_t count) override;
  LiveGroup update_group(std::int64_t test_id, std::int64_t group_id, const std::string& name,
                         std::int64_t count) override;
  loadero_sync::Deletion delete_group(std::int64_t test_id, std::int64_t group_id) override;
  LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                       const std::string& name) override;

  std::int64_t next_id = 1000;

 private:
  struct Fault {
    std::string op;
    loadero::ApiError error;
    int times;
    Commit commit;
    std::optional<std::string> name;
    std::optional<std::int64_t> test_id;
  };
  class InFlight;

  /// Records the call and returns the matching fault, if any (its count used up by one).
  std::optional<Fault> enter(const Call& call);
  std::vector<LiveGroup>& test_groups(std::int64_t test_id, const std::string& method);
  LiveGroup& find_group(std::int64_t test_id, std::int64_t group_id, const std::string& method);

  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::map<std::int64_t, TestInfo> m_tests;
  std::map<std::int64_t, std::vector<LiveGroup>> m_groups;
  std::vector<Fault> m_faults;
  std::vector<Call> m_calls;
  std::function<void(const Call&)> m_hook;
  std::size_t m_test_page_size = 0;
  int m_gate = 0;
  int m_in_flight = 0;
  int m_max_in_flight = 0;
};

class RecordingSleeper : public loadero_sync::Sleeper {
 public:
  bool sleep_for(std::chrono::milliseconds delay) override;
  std::vector<std::chrono::milliseconds> delays() const;

 private:
  mutable std::mutex m_mutex;
  std::vector<std::chrono::milliseconds> m_delays;
};

}  // namespace loadero_test
