#pragma once
// Retries around a LoaderoGateway: exponential backoff with full jitter, Retry-After honoured, and
// writes whose outcome is unknown settled by reading before anything is sent again.

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "loadero_sync/cancel.hpp"
#include "loadero_sync/gateway.hpp"

namespace loadero {
class ApiError;
}

namespace loadero_sync {

/// How often and how long to retry.
struct RetryPolicy {
  int max_retries = 3;                        ///< retries after the first attempt (0 = never retry)
  std::chrono::milliseconds base_delay{500};  ///< the cap of the first retry's delay
  std::chrono::milliseconds max_delay{20000};  ///< no single wait is longer, Retry-After included
};

/// Waits between attempts. Injected so tests record the delays instead of sleeping.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  /// Blocks the calling thread for `delay`. Returns false when it woke early because the run was
  /// interrupted (the caller then gives up instead of retrying), else true. May be called from
  /// several threads at once.
  virtual bool sleep_for(std::chrono::milliseconds delay) = 0;
};

/// The real sleeper: std::this_thread::sleep_for, in slices of at most 50 ms so that a cancelled
/// `cancel` (not owned; it must outlive the sleeper) ends the wait within one slice.
class ThreadSleeper : public Sleeper {
 public:
  explicit ThreadSleeper(const CancelToken& cancel = CancelToken::never()) : m_cancel(cancel) {}
  bool sleep_for(std::chrono::milliseconds delay) override;

 private:
  const CancelToken& m_cancel;
};

/// The delay before retry number `retry` (0 for the first retry): uniformly drawn from
/// [0, min(max_delay, base_delay * 2^retry)] ("full jitter"). With a Retry-After of `retry_after`
/// seconds the delay is that long instead (but never longer than max_delay).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<double> retry_after, std::mt19937_64& rng);

/// Whether an error is worth another attempt: 429, 5xx, 408, connection failures and timeouts.
/// Returns false for everything else, including exceptions that are not loadero::ApiError.
bool is_retryable(const std::exception& error);

/// Wraps a gateway with retries. Thread-safe when `inner` and the sleeper are.
///  - Reads, updates and deletes (idempotent) are retried on 429, 5xx, 408 and network errors, at
///  most
///    policy.max_retries times; then the last error is thrown.
///  - A delete answered 404 counts as done: on the first attempt the group was already gone
///    (Deletion::already_gone: another writer deleted it), on a retry an earlier attempt deleted
///    it (Deletion::deleted).
///  - An update or delete still failing after its retries with an unknown outcome is checked by
///    reading the test's groups: when the group already has that name and count (update) or is gone
///    (delete), the write counts as done; otherwise the write's error is thrown.
///  - A create or copy that failed with an unknown outcome (loadero::ApiError::outcome_unknown(): a
///    timeout, a dropped connection, a 5xx) is never sent again blindly: the test's groups are read
///    first, and a group with the requested name that was not among the ids seen before is adopted
///    as the result (no second POST). Only when none is found is the write sent again. A 429 or a
///    connection that was never made are plainly retried.
///  - The ids "seen before" are those of every list_groups answer that went through this object,
///    plus the groups it created, copied or updated, as they were when the create or copy was first
///    sent (not when it is settled: the executor runs several writes of one test at once, and the
///    read settling another of them may already list this write's group); for a test never listed
///    by then, any group with the requested name counts as the landed write (the planner creates
///    only names that do not exist).
///  - Participants alike: lists retried; update_participant retried as idempotent (and, with its
///    last answer lost, checked by listing the group's participants: done when the participant
///    has that name, count and every set setting); delete_participant answered 404 is
///    Deletion::already_gone on the first attempt and Deletion::deleted on a retry (with its last
///    answer lost, done when the test's participants list no longer has it). A create_participant
///    whose outcome is unknown is settled by listing the group's participants
///    (list_group_participants): a participant with the requested name whose id was not seen
///    before the first send is adopted as the result (no second POST); only when none is found
///    is it sent again. The ids "seen before" are those of every participant list answer of the
///    test that went through this object and of the participants it created or updated; a group
///    that create_group made here starts with none. When neither the test's participants nor the
///    group's were listed here and the group was not made here, any participant of that name in
///    the group counts as the landed write (the planner creates only names a group does not have).
///  - When the read that settles a lost answer fails, the write's own error is thrown.
///  - `on_retry` (optional) gets one line per retry and per lost answer settled by reading, for -v
///    logs; it is called from the calling thread.
///  - `seed` makes the jitter reproducible.
class RetryingGateway : public LoaderoGateway {
 public:
  /// `inner` and `sleeper` are not owned and must outlive this object.
  RetryingGateway(LoaderoGateway& inner, RetryPolicy policy, Sleeper& sleeper,
                  std::function<void(const std::string&)> on_retry = {},
                  std::uint64_t seed = std::random_device{}());

  TestInfo read_test(std::int64_t test_id) override;
  TestListing list_tests(const ContinueListing& go_on) override;
  std::vector<LiveGroup> list_groups(std::int64_t test_id) override;
  LiveGroup create_group(std::int64_t test_id, const std::string& name,
                         std::int64_t count) override;
  LiveGroup update_group(std::int64_t test_id, std::int64_t group_id, const std::string& name,
                         std::int64_t count) override;
  Deletion delete_group(std::int64_t test_id, std::int64_t group_id) override;
  LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                       const std::string& name) override;
  std::vector<LiveParticipant> list_participants(std::int64_t test_id) override;
  std::vector<LiveParticipant> list_group_participants(std::int64_t test_id,
                                                       std::int64_t group_id) override;
  LiveParticipant create_participant(std::int64_t test_id, std::int64_t group_id,
                                     const ParticipantState& state) override;
  LiveParticipant update_participant(std::int64_t test_id, std::int64_t group_id,
                                     std::int64_t participant_id,
                                     const ParticipantState& state) override;
  Deletion delete_participant(std::int64_t test_id, std::int64_t participant_id) override;

 private:
  template <class Fn>
  auto with_retries(const std::string& what, Fn&& attempt) -> decltype(attempt(0));
  LiveGroup non_idempotent_write(std::int64_t test_id, const std::string& name,
                                 const std::string& what, const std::function<LiveGroup()>& send);
  std::vector<LiveGroup> settle_read(std::int64_t test_id, const loadero::ApiError& original);
  /// What this object knew of a test's groups at one moment.
  struct Known {
    bool listed = false;         ///< its groups were listed here
    std::set<std::int64_t> ids;  ///< every group id seen in it
  };
  Known known(std::int64_t test_id);
  std::optional<LiveGroup> find_landed(std::int64_t test_id, const std::string& name,
                                       const Known& before, const loadero::ApiError& original);
  void wait_before_retry(const std::string& what, int retry, const std::exception& error);
  void remember(std::int64_t test_id, const std::vector<LiveGroup>& groups);
  void remember(std::int64_t test_id, std::int64_t group_id);
  // Participants (retry_participants.cpp).
  Known known_participants(std::int64_t test_id, std::int64_t group_id);
  void remember_participants(std::int64_t test_id, std::optional<std::int64_t> group_id,
                             const std::vector<LiveParticipant>& participants);
  void remember_participant(std::int64_t test_id, std::int64_t participant_id);
  std::vector<LiveParticipant> settle_participants(std::int64_t test_id,
                                                   std::optional<std::int64_t> group_id,
                                                   const loadero::ApiError& original);

  LoaderoGateway& m_inner;
  RetryPolicy m_policy;
  Sleeper& m_sleeper;
  std::function<void(const std::string&)> m_on_retry;
  std::mutex m_mutex;
  std::mt19937_64 m_rng;
  std::map<std::int64_t, std::set<std::int64_t>> m_seen_ids;  ///< test -> every group id seen in it
  std::set<std::int64_t> m_listed;  ///< tests whose groups were listed here
  /// test -> every participant id seen in it
  std::map<std::int64_t, std::set<std::int64_t>> m_seen_participants;
  std::set<std::int64_t> m_participants_listed;  ///< tests whose participants were listed here
  /// (test, group) pairs whose participants were listed here, or made here (a new group has none)
  std::set<std::pair<std::int64_t, std::int64_t>> m_group_participants_known;
};

}  // namespace loadero_sync
