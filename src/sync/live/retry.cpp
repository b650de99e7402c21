#include "loadero_sync/retry.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "loadero/api_error.hpp"
#include "loadero_sync/text.hpp"
#include "retry_detail.hpp"

namespace loadero_sync {

bool ThreadSleeper::sleep_for(std::chrono::milliseconds delay) {
  constexpr std::chrono::milliseconds slice{50};
  const auto until = std::chrono::steady_clock::now() + delay;
  for (auto now = std::chrono::steady_clock::now(); now < until;
       now = std::chrono::steady_clock::now()) {
    if (m_cancel.cancelled()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(slice, until - now));
  }
  return !m_cancel.cancelled();
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<double> retry_after, std::mt19937_64& rng) {
  const auto max_ms = std::max<std::int64_t>(policy.max_delay.count(), 0);
  if (retry_after && *retry_after >= 0) {
    // The server said when to come back; jitter would only make us early or needlessly late.
    const auto wanted = static_cast<std::int64_t>(std::ceil(*retry_after * 1000.0));
    return std::chrono::milliseconds(std::min(wanted, max_ms));
  }
  std::int64_t cap = std::max<std::int64_t>(policy.base_delay.count(), 0);
  for (int i = 0; i < retry && cap < max_ms; ++i)
    cap *= 2;  // doubling, stopped before it can overflow
  cap = std::min(cap, max_ms);
  std::uniform_int_distribution<std::int64_t> jitter(0, cap);
  return std::chrono::milliseconds(jitter(rng));
}

loadero::ApiError retry_detail::given_up(const loadero::ApiError& error, int tries) {
  if (error.kind() != loadero::ApiError::Kind::timeout) return error;
  auto details = error.details();
  details.detail += tries == 1 ? "; tried once" : "; tried " + std::to_string(tries) + " times";
  details.detail += " (hint: raise --timeout if the API is just slow)";
  return loadero::ApiError(std::move(details));
}

bool is_retryable(const std::exception& error) {
  const auto* api = dynamic_cast<const loadero::ApiError*>(&error);
  return api != nullptr && (api->retryable() || api->status() == 408);
}

RetryingGateway::RetryingGateway(LoaderoGateway& inner, RetryPolicy policy, Sleeper& sleeper,
                                 std::function<void(const std::string&)> on_retry,
                                 std::uint64_t seed)
    : m_inner(inner),
      m_policy(policy),
      m_sleeper(sleeper),
      m_on_retry(std::move(on_retry)),
      m_rng(seed) {}

void RetryingGateway::wait_before_retry(const std::string& what, int retry,
                                        const std::exception& error) {
  const auto* api = dynamic_cast<const loadero::ApiError*>(&error);
  std::chrono::milliseconds delay{0};
  {
    const std::lock_guard lock(m_mutex);
    delay = backoff_delay(m_policy, retry, api ? api->retry_after_seconds() : std::nullopt, m_rng);
  }
  if (m_on_retry) {
    m_on_retry(what + " failed (" + error.what() + "); retry " + std::to_string(retry + 1) +
               " of " + std::to_string(m_policy.max_retries) + " in " +
               std::to_string(delay.count()) + " ms");
  }
  // Interrupted while waiting: give up with the error at hand rather than try again (this runs
  // inside the handler of `error`, so a bare throw rethrows it).
  if (!m_sleeper.sleep_for(delay)) throw;
}

void RetryingGateway::remember(std::int64_t test_id, const std::vector<LiveGroup>& groups) {
  const std::lock_guard lock(m_mutex);
  auto& seen = m_seen_ids[test_id];
  for (const auto& group : groups) seen.insert(group.id);
  m_listed.insert(test_id);
}

void RetryingGateway::remember(std::int64_t test_id, std::int64_t group_id) {
  const std::lock_guard lock(m_mutex);
  m_seen_ids[test_id].insert(group_id);
}

TestInfo RetryingGateway::read_test(std::int64_t test_id) {
  return with_retries("read test " + std::to_string(test_id),
                      [&](int) { return m_inner.read_test(test_id); });
}

TestListing RetryingGateway::list_tests(const ContinueListing& go_on) {
  return with_retries("list tests", [&](int) { return m_inner.list_tests(go_on); });
}

std::vector<LiveGroup> RetryingGateway::list_groups(std::int64_t test_id) {
  auto groups = with_retries("list groups of test " + std::to_string(test_id),
                             [&](int) { return m_inner.list_groups(test_id); });
  remember(test_id, groups);
  return groups;
}

LiveGroup RetryingGateway::update_group(std::int64_t test_id, std::int64_t group_id,
                                        const std::string& name, std::int64_t count) {
  const auto what =
      "update group " + std::to_string(group_id) + " of test " + std::to_string(test_id);
  try {
    auto group = with_retries(
        what, [&](int) { return m_inner.update_group(test_id, group_id, name, count); });
    remember(test_id, group.id);
    return group;
  } catch (const loadero::ApiError& error) {
    // Out of retries with the last answer lost: the group may well be as wanted already.
    if (!retry_detail::outcome_unknown(error)) throw;
    const auto groups = settle_read(test_id, error);
    for (const auto& group : groups) {
      if (group.id == group_id && group.name == name && group.count == count) {
        if (m_on_retry)
          m_on_retry(what + ": the answer was lost (" + error.what() + ") but the change was made");
        return group;
      }
    }
    throw;
  }
}

Deletion RetryingGateway::delete_group(std::int64_t test_id, std::int64_t group_id) {
  const auto what =
      "delete group " + std::to_string(group_id) + " of test " + std::to_string(test_id);
  try {
    return with_retries(what, [&](int retry) {
      try {
        return m_inner.delete_group(test_id, group_id);
      } catch (const loadero::ApiError& error) {
        if (!retry_detail::is_not_found(error)) throw;
        // On a retry an earlier attempt deleted it before its answer was lost; on the first try
        // someone else did, which leaves the live state as the plan wants it all the same.
        return retry > 0 ? Deletion::deleted : Deletion::already_gone;
      }
    });
  } catch (const loadero::ApiError& error) {
    if (!retry_detail::outcome_unknown(error)) throw;
    const auto groups = settle_read(test_id, error);
    if (std::none_of(groups.begin(), groups.end(),
                     [&](const LiveGroup& g) { return g.id == group_id; })) {
      if (m_on_retry)
        m_on_retry(what + ": the answer was lost (" + error.what() + ") but the group is gone");
      return Deletion::deleted;
    }
    throw;
  }
}

std::vector<LiveGroup> RetryingGateway::settle_read(std::int64_t test_id,
                                                    const loadero::ApiError& original) {
  try {
    return list_groups(test_id);
  } catch (const loadero::ApiError&) {
    // The write's own error says more than the failed read that tried to settle it.
    throw original;
  }
}

LiveGroup RetryingGateway::create_group(std::int64_t test_id, const std::string& name,
                                        std::int64_t count) {
  auto group = non_idempotent_write(
      test_id, name, "create group " + quote_name(name) + " in test " + std::to_string(test_id),
      [&] { return m_inner.create_group(test_id, name, count); });
  // A group made here has no participants: a participant create lost in it is settled by name.
  const std::lock_guard lock(m_mutex);
  m_group_participants_known.insert({test_id, group.id});
  return group;
}

LiveGroup RetryingGateway::copy_group(std::int64_t test_id, std::int64_t source_group_id,
                                      const std::string& name) {
  return non_idempotent_write(test_id, name,
                              "copy group " + std::to_string(source_group_id) + " as " +
                                  quote_name(name) + " in test " + std::to_string(test_id),
                              [&] { return m_inner.copy_group(test_id, source_group_id, name); });
}

RetryingGateway::Known RetryingGateway::known(std::int64_t test_id) {
  const std::lock_guard lock(m_mutex);
  Known known;
  known.listed = m_listed.contains(test_id);
  if (const auto it = m_seen_ids.find(test_id); it != m_seen_ids.end()) known.ids = it->second;
  return known;
}

std::optional<LiveGroup> RetryingGateway::find_landed(std::int64_t test_id, const std::string& name,
                                                      const Known& before,
                                                      const loadero::ApiError& original) {
  const auto groups = settle_read(test_id, original);
  std::optional<LiveGroup> landed;
  for (const auto& group : groups) {
    if (group.name != name) continue;
    if (before.listed && before.ids.contains(group.id)) continue;
    if (!landed || group.id > landed->id) landed = group;  // the newest, should there ever be two
  }
  return landed;
}

LiveGroup RetryingGateway::non_idempotent_write(std::int64_t test_id, const std::string& name,
                                                const std::string& what,
                                                const std::function<LiveGroup()>& send) {
  // Taken before the first send: a read settling another write of this test at the same time
  // remembers every id it lists, this write's landed group among them.
  const auto before = known(test_id);
  for (int retry = 0;; ++retry) {
    try {
      auto group = send();
      remember(test_id, group.id);
      return group;
    } catch (const loadero::ApiError& error) {
      // Settle an unknown outcome before anything else, the last attempt included: a write that
      // landed is a success, and sending it again would make a duplicate group.
      if (retry_detail::outcome_unknown(error)) {
        if (auto landed = find_landed(test_id, name, before, error)) {
          if (m_on_retry)
            m_on_retry(what + ": the answer was lost (" + error.what() +
                       ") but the group was made: id " + std::to_string(landed->id));
          remember(test_id, landed->id);
          return *landed;
        }
      }
      if (!is_retryable(error)) throw;
      if (retry >= m_policy.max_retries) throw retry_detail::given_up(error, retry + 1);
      wait_before_retry(what, retry, error);
    }
  }
}

}  // namespace loadero_sync
