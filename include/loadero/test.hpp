#pragma once
// Loadero tests, read support: TestParams, TestFilterKey, TestAPI (the planner resolves tests by
// name).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero/api_client.hpp"
#include "loadero/pagination.hpp"
#include "loadero/query_params.hpp"
#include "loadero/timestamp.hpp"

namespace loadero {

/// Filter keys of the tests list.
enum class TestFilterKey {
  NAME,
  TEST_MODE,
  INCREMENT_STRATEGY,
  START_INTERVAL_FROM,
  START_INTERVAL_TO,
  PARTICIPANT_TIMEOUT_FROM,
  PARTICIPANT_TIMEOUT_TO,
};

/// "filter_name", "filter_test_mode", "filter_increment_strategy", "filter_start_interval_from",
/// "filter_start_interval_to", "filter_participant_timeout_from", "filter_participant_timeout_to".
std::string_view to_string(TestFilterKey key) noexcept;

/// A test's attributes (reference §3). mode and increment_strategy keep the API's strings.
/// Read-only: project_id, script_file_id, group_count, participant_count, deleted, created,
/// updated (missing counts read as 0, missing deleted as false).
class TestParams {
 public:
  TestParams() = default;

  TestParams& with_id(std::int64_t test_id);
  TestParams& with_name(std::string name);
  TestParams& with_start_interval(std::int64_t seconds);
  TestParams& with_participant_timeout(std::int64_t seconds);
  TestParams& with_mode(std::string mode);
  TestParams& with_increment_strategy(std::string strategy);
  TestParams& with_mos_test(bool mos_test);
  TestParams& with_script(std::string script);

  const std::optional<std::int64_t>& test_id() const noexcept { return m_test_id; }
  const std::optional<std::int64_t>& project_id() const noexcept { return m_project_id; }
  const std::optional<std::string>& name() const noexcept { return m_name; }
  const std::optional<std::int64_t>& start_interval() const noexcept { return m_start_interval; }
  const std::optional<std::int64_t>& participant_timeout() const noexcept {
    return m_participant_timeout;
  }
  const std::optional<std::string>& mode() const noexcept { return m_mode; }
  const std::optional<std::string>& increment_strategy() const noexcept {
    return m_increment_strategy;
  }
  const std::optional<bool>& mos_test() const noexcept { return m_mos_test; }
  const std::optional<std::string>& script() const noexcept { return m_script; }
  const std::optional<std::int64_t>& script_file_id() const noexcept { return m_script_file_id; }
  std::int64_t group_count() const noexcept { return m_group_count; }
  std::int64_t participant_count() const noexcept { return m_participant_count; }
  bool deleted() const noexcept { return m_deleted; }
  std::optional<Timestamp> created() const noexcept { return m_created; }
  std::optional<Timestamp> updated() const noexcept { return m_updated; }

  /// Parses a test object. Unknown fields are ignored. Throws std::invalid_argument when `json`
  /// is not an object or a known field has the wrong type.
  static TestParams from_json(const nlohmann::json& json);
  /// Every attribute that is set.
  nlohmann::json to_json() const;
  /// The write body: name, start_interval, participant_timeout, mode, increment_strategy,
  /// mos_test, script (those that are set).
  nlohmann::json to_body() const;

  friend bool operator==(const TestParams&, const TestParams&) = default;

 private:
  std::optional<std::int64_t> m_test_id;
  std::optional<std::int64_t> m_project_id;
  std::optional<std::string> m_name;
  std::optional<std::int64_t> m_start_interval;
  std::optional<std::int64_t> m_participant_timeout;
  std::optional<std::string> m_mode;
  std::optional<std::string> m_increment_strategy;
  std::optional<bool> m_mos_test;
  std::optional<std::string> m_script;
  std::optional<std::int64_t> m_script_file_id;
  std::int64_t m_group_count = 0;
  std::int64_t m_participant_count = 0;
  bool m_deleted = false;
  std::optional<Timestamp> m_created;
  std::optional<Timestamp> m_updated;
};

/// Test reads. Holds a reference to the client, which must outlive it.
/// Throws ApiError on API failures; ApiError(Kind::invalid_response) for answers that do not
/// parse and for tests that are not the ones asked for: no "id" (`test has no "id"`), another
/// id than the route's (`test has id 6867 instead of 6866`), or another project_id
/// (`test 6866 has project_id 1 instead of 5040`).
class TestAPI {
 public:
  explicit TestAPI(ApiClient& client) : m_client(&client) {}

  /// GET projects/{p}/tests/{t}/.
  TestParams read(std::int64_t test_id);
  /// One GET of projects/{p}/tests/ with `query` (e.g. filter(TestFilterKey::NAME, "Smoke")).
  PagedResponse<TestParams> read_all(const QueryParams& query = {});
  /// Every page (same rules as GroupAPI::read_all_pages).
  std::vector<TestParams> read_all_pages(QueryParams query = {},
                                         std::optional<std::int64_t> page_size = std::nullopt);
  /// The first page of the list and, when more remain, the rest only if `go_on` says so (asked
  /// once, with the number of pages left); otherwise the same rules as read_all_pages. For a
  /// caller that wants a few tests and may read them one by one when the list is long.
  PartialList<TestParams> read_pages_while(const ContinuePaging& go_on, QueryParams query = {},
                                           std::optional<std::int64_t> page_size = std::nullopt);
  /// "projects/{p}/tests/" or "projects/{p}/tests/{t}/".
  std::string route(std::optional<std::int64_t> test_id = std::nullopt) const;

 private:
  ApiClient* m_client;
};

}  // namespace loadero
