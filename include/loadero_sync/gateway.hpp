#pragma once
// The executor's and the live-state reader's view of Loadero: the few test, group and participant
// operations a sync needs. The implementation goes through libloadero (a dry run swaps the
// transport under the client, not this interface); RetryingGateway (retry.hpp) wraps it.

#include <cstdint>
#include <functional>
#include <memory>
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
  std::optional<std::string> mode = std::nullopt;  ///< "load", "performance", ... when given

  friend bool operator==(const TestInfo&, const TestInfo&) = default;
};

/// The project's tests as one list read gave them.
struct TestListing {
  std::vector<TestInfo> tests;  ///< in API order
  bool complete = true;         ///< false: the read stopped after its first page (see list_tests)
};

/// Asked once, after the first page of the tests list when more pages remain, with the number of
/// pages left: true reads them, false stops.
using ContinueListing = std::function<bool(std::int64_t pages_left)>;

/// How a delete ended.
enum class Deletion {
  deleted,       ///< this delete removed the group (or participant)
  already_gone,  ///< it was not there any more (deleted by someone else): nothing to do
};

/// The Loadero operations of a sync. Every method may be called from several threads at once.
/// Errors: API failures throw loadero::ApiError; bad arguments (an empty name, a count below 1, a
/// record_audio other than "true"/"false") throw std::invalid_argument before any request.
class LoaderoGateway {
 public:
  virtual ~LoaderoGateway() = default;

  /// Reads one test. Throws loadero::ApiError (404 when the test does not exist).
  virtual TestInfo read_test(std::int64_t test_id) = 0;

  /// The project's tests: one list request when the API answers the whole list at once (it does
  /// when no page size is asked for), further pages only when the answer says more remain and
  /// `go_on` (empty: always) agrees. A 404 means the project does not exist (or the token cannot
  /// see it).
  virtual TestListing list_tests(const ContinueListing& go_on = {}) = 0;

  /// Every group of the test, following every page, in API order.
  virtual std::vector<LiveGroup> list_groups(std::int64_t test_id) = 0;

  /// POST a new group; returns the group as created.
  virtual LiveGroup create_group(std::int64_t test_id, const std::string& name,
                                 std::int64_t count) = 0;

  /// PUT name and count of an existing group; returns the group as updated.
  virtual LiveGroup update_group(std::int64_t test_id, std::int64_t group_id,
                                 const std::string& name, std::int64_t count) = 0;

  /// DELETE a group. Returns Deletion::deleted; a wrapper that tolerates a group that is already
  /// gone (RetryingGateway) returns Deletion::already_gone for it.
  virtual Deletion delete_group(std::int64_t test_id, std::int64_t group_id) = 0;

  /// POST .../copy/: copies the group (participants included) under `name`; returns the copy.
  virtual LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                               const std::string& name) = 0;

  /// Every participant of the test (test-scope list, every page), in API order.
  virtual std::vector<LiveParticipant> list_participants(std::int64_t test_id) = 0;

  /// Every participant of one group (group-scope list, every page), in API order.
  virtual std::vector<LiveParticipant> list_group_participants(std::int64_t test_id,
                                                               std::int64_t group_id) = 0;

  /// POST a participant into the group (test-scope route, group_id in the body); returns it as
  /// created. The body carries the state's name, count and every setting that is set.
  virtual LiveParticipant create_participant(std::int64_t test_id, std::int64_t group_id,
                                             const ParticipantState& state) = 0;

  /// PUT name, count, group_id and every set setting; returns it as updated.
  virtual LiveParticipant update_participant(std::int64_t test_id, std::int64_t group_id,
                                             std::int64_t participant_id,
                                             const ParticipantState& state) = 0;

  /// DELETE a participant (test-scope route). Returns Deletion::deleted; RetryingGateway returns
  /// Deletion::already_gone for a participant that is already gone.
  virtual Deletion delete_participant(std::int64_t test_id, std::int64_t participant_id) = 0;
};

/// The real gateway, over loadero::GroupAPI, loadero::ParticipantAPI and loadero::TestAPI. `client`
/// is not owned and must outlive the gateway; its project id and rate cap apply to every request.
std::unique_ptr<LoaderoGateway> make_api_gateway(loadero::ApiClient& client);

}  // namespace loadero_sync
