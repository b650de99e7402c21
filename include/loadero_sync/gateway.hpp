#pragma once
// The executor's and the live-state reader's view of Loadero: the few group and test operations a
// sync needs. The real implementation goes through libloadero; dry-run is another implementation
// that records writes instead of sending them; RetryingGateway (retry.hpp) wraps either one.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "loadero_sync/model.hpp"

namespace loadero {
class ApiClient;
}

namespace loadero_sync {

/// A Loadero test as far as sync needs it.
struct TestInfo {
  std::int64_t id = 0;
  std::string name;

  friend bool operator==(const TestInfo&, const TestInfo&) = default;
};

/// The Loadero operations of a sync. Every method may be called from several threads at once.
/// Errors: API failures throw loadero::ApiError; bad arguments (an empty name, a count below 1)
/// throw std::invalid_argument before any request.
class LoaderoGateway {
 public:
  virtual ~LoaderoGateway() = default;

  /// Reads one test. Throws loadero::ApiError (404 when the test does not exist).
  virtual TestInfo read_test(std::int64_t test_id) = 0;

  /// Every test of the project whose name is exactly `exact_name` (server-side filter_name, every
  /// page, then an exact comparison), in API order. An empty result is not an error.
  virtual std::vector<TestInfo> find_tests(const std::string& exact_name) = 0;

  /// Every group of the test, following every page, in API order.
  virtual std::vector<LiveGroup> list_groups(std::int64_t test_id) = 0;

  /// POST a new group; returns the group as created.
  virtual LiveGroup create_group(std::int64_t test_id, const std::string& name,
                                 std::int64_t count) = 0;

  /// PUT name and count of an existing group; returns the group as updated.
  virtual LiveGroup update_group(std::int64_t test_id, std::int64_t group_id,
                                 const std::string& name, std::int64_t count) = 0;

  /// DELETE a group.
  virtual void delete_group(std::int64_t test_id, std::int64_t group_id) = 0;

  /// POST .../copy/: copies the group (participants included) under `name`; returns the copy.
  virtual LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                               const std::string& name) = 0;
};

/// The real gateway, over loadero::GroupAPI and loadero::TestAPI. `client` is not owned and must
/// outlive the gateway; its project id and rate cap apply to every request.
std::unique_ptr<LoaderoGateway> make_api_gateway(loadero::ApiClient& client);

/// A write the dry run would have sent.
struct RecordedRequest {
  std::string method;  ///< "POST", "PUT" or "DELETE"
  std::string route;   ///< relative to the API base, as the API client sends it:
                       ///< "projects/5040/tests/6866/groups/"
  std::string body;    ///< compact JSON ("{\"count\":3,\"name\":\"Callers\"}"); empty for DELETE
  std::int64_t test_id = 0;

  friend bool operator==(const RecordedRequest&, const RecordedRequest&) = default;
};

/// Dry run: reads go to `reads`; writes are recorded (and passed to `on_request` when given) and
/// answered with simulated groups whose ids count down from -1, so later actions that refer to a
/// created group (a copy of it) still run. No write ever reaches `reads`. Thread-safe.
class DryRunGateway : public LoaderoGateway {
 public:
  /// `reads` is not owned and must outlive this object. `project_id` builds the recorded routes.
  DryRunGateway(LoaderoGateway& reads, std::int64_t project_id,
                std::function<void(const RecordedRequest&)> on_request = {});

  TestInfo read_test(std::int64_t test_id) override;
  std::vector<TestInfo> find_tests(const std::string& exact_name) override;
  std::vector<LiveGroup> list_groups(std::int64_t test_id) override;
  LiveGroup create_group(std::int64_t test_id, const std::string& name,
                         std::int64_t count) override;
  LiveGroup update_group(std::int64_t test_id, std::int64_t group_id, const std::string& name,
                         std::int64_t count) override;
  void delete_group(std::int64_t test_id, std::int64_t group_id) override;
  LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                       const std::string& name) override;

  /// Every recorded write, in the order they were made. Read it once the run is over.
  [[nodiscard]] const std::vector<RecordedRequest>& requests() const;

 private:
  void record(RecordedRequest request);
  LiveGroup known_group(std::int64_t test_id, std::int64_t group_id);

  LoaderoGateway& m_reads;
  std::int64_t m_project_id;
  std::function<void(const RecordedRequest&)> m_on_request;
  std::mutex m_mutex;
  std::vector<RecordedRequest> m_requests;
  std::int64_t m_next_id = -1;
  std::map<std::int64_t, std::map<std::int64_t, LiveGroup>>
      m_groups;  ///< test -> id -> group, read or simulated
};

/// The route of a test's groups (or one group), relative to the API base:
/// "projects/5040/tests/6866/groups/" or "projects/5040/tests/6866/groups/48797/".
std::string group_route(std::int64_t project_id, std::int64_t test_id,
                        std::optional<std::int64_t> group_id = std::nullopt);

}  // namespace loadero_sync
