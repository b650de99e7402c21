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
using loadero_sync::LiveParticipant;
using loadero_sync::ParticipantState;
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

/// One recorded call: "read_test", "list_tests", "list", "create", "update", "delete", "copy",
/// and for participants "list_participants", "list_group_participants", "create_participant",
/// "update_participant", "delete_participant".
struct Call {
  std::string op;
  std::int64_t test_id = 0;
  /// update/delete: the group; copy: the source; participant calls: the participant's group
  /// (0 for list_participants and delete_participant)
  std::int64_t group_id = 0;
  std::string name;  ///< a group's name, or for create/update_participant the participant's
  std::int64_t count = 0;
  std::int64_t participant_id = 0;  ///< update_participant, delete_participant

  friend bool operator==(const Call&, const Call&) = default;
};

class FakeGateway : public loadero_sync::LoaderoGateway {
 public:
  /// Adds a test with groups; returns *this for chaining.
  FakeGateway& add_test(std::int64_t test_id, std::string name, std::vector<LiveGroup> groups = {});

  /// Sets the mode the tests list and reads give an added test; returns *this for chaining.
  FakeGateway& set_mode(std::int64_t test_id, std::string mode);

  /// Sets the participants of an added test (each with its id, group_id and settings), in the
  /// order lists answer; returns *this for chaining.
  FakeGateway& set_participants(std::int64_t test_id, std::vector<LiveParticipant> participants);

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
  /// How many calls of `op` were made.
  std::size_t count(const std::string& op) const;
  std::vector<LiveGroup> groups(std::int64_t test_id) const;
  /// The test's participants now, in the order lists answer.
  std::vector<LiveParticipant> participants(std::int64_t test_id) const;
  int max_in_flight() const;

  TestInfo read_test(std::int64_t test_id) override;
  loadero_sync::TestListing list_tests(const loadero_sync::ContinueListing& go_on) override;
  std::vector<LiveGroup> list_groups(std::int64_t test_id) override;
  LiveGroup create_group(std::int64_t test_id, const std::string& name,
                         std::int64_t count) override;
  LiveGroup update_group(std::int64_t test_id, std::int64_t group_id, const std::string& name,
                         std::int64_t count) override;
  /// Deletes the group's participants too.
  loadero_sync::Deletion delete_group(std::int64_t test_id, std::int64_t group_id) override;
  /// Copies the source's participants into the copy too (new ids, in the source's order).
  LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                       const std::string& name) override;

  /// The participant lists answer 404 for a test (or, group scope, a group) that does not exist.
  std::vector<LiveParticipant> list_participants(std::int64_t test_id) override;
  std::vector<LiveParticipant> list_group_participants(std::int64_t test_id,
                                                       std::int64_t group_id) override;
  /// Participant writes throw std::invalid_argument for an empty name, a count below 1 or a
  /// record_audio other than "true"/"false" (as the real gateway does before sending), and 404
  /// for a group (create, update) or participant (update, delete) that does not exist. An update
  /// puts name, count, group_id and the set settings over the participant.
  LiveParticipant create_participant(std::int64_t test_id, std::int64_t group_id,
                                     const ParticipantState& state) override;
  LiveParticipant update_participant(std::int64_t test_id, std::int64_t group_id,
                                     std::int64_t participant_id,
                                     const ParticipantState& state) override;
  loadero_sync::Deletion delete_participant(std::int64_t test_id,
                                            std::int64_t participant_id) override;

  /// The id of the next group or participant made (they share one sequence).
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
  LiveParticipant& find_participant(std::int64_t test_id, std::int64_t participant_id,
                                    const std::string& method);

  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::map<std::int64_t, TestInfo> m_tests;
  std::map<std::int64_t, std::vector<LiveGroup>> m_groups;
  std::map<std::int64_t, std::vector<LiveParticipant>> m_participants;
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
