#pragma once
// Loadero groups: GroupParams (attributes + builder), GroupAPI (the operations), Group (both
// together), GroupFilterKey. Mirrors loadero_python.resources.group.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero/api_client.hpp"
#include "loadero/pagination.hpp"
#include "loadero/participant.hpp"
#include "loadero/query_params.hpp"
#include "loadero/timestamp.hpp"

namespace loadero {

/// Filter keys of the groups list.
enum class GroupFilterKey { COUNT_FROM, COUNT_TO, NAME };

/// "filter_count_from", "filter_count_to", "filter_name".
std::string_view to_string(GroupFilterKey key) noexcept;

/// A group's attributes. Writable: name, count (the request body); identifiers: group_id,
/// test_id; read-only (filled from API answers): created, updated, participant_count (0 when an
/// answer leaves it out), total_cu_count (unset when an answer leaves it out).
///
/// Built by name, either with the builder
/// (`GroupParams().in_test(6866).with_name("Moderators").with_count(2)`) or from Fields with
/// designated initialisers (`GroupParams({.group_id = 48797, .test_id = 6866})`), so that the
/// two ids cannot be swapped unnoticed.
class GroupParams {
 public:
  /// The caller-settable attributes, for designated initialisers; each is unset by default
  /// (the initialisers let callers leave fields out without -Wmissing-field-initializers).
  struct Fields {
    std::optional<std::int64_t> group_id = std::nullopt;
    std::optional<std::int64_t> test_id = std::nullopt;
    std::optional<std::string> name = std::nullopt;
    std::optional<std::int64_t> count = std::nullopt;
  };

  GroupParams() = default;
  /// The attributes in `fields`; the read-only ones stay unset / 0.
  explicit GroupParams(Fields fields);

  /// Each setter sets one attribute and returns *this, for chaining.
  GroupParams& with_id(std::int64_t group_id);
  GroupParams& with_name(std::string name);
  GroupParams& with_count(std::int64_t count);
  /// Sets the parent test id.
  GroupParams& in_test(std::int64_t test_id);

  const std::optional<std::int64_t>& group_id() const noexcept { return m_group_id; }
  const std::optional<std::int64_t>& test_id() const noexcept { return m_test_id; }
  const std::optional<std::string>& name() const noexcept { return m_name; }
  const std::optional<std::int64_t>& count() const noexcept { return m_count; }
  std::optional<Timestamp> created() const noexcept { return m_created; }
  std::optional<Timestamp> updated() const noexcept { return m_updated; }
  /// Sum of the participants' counts for one copy of the group; 0 if the API left it out.
  std::int64_t participant_count() const noexcept { return m_participant_count; }
  /// Compute units of one copy of the group (Σ participant count × compute unit value, so 0.5
  /// steps are possible); unset if the API left it out (it leaves zero values out).
  const std::optional<double>& total_cu_count() const noexcept { return m_total_cu_count; }

  /// Parses a group object of an API answer. Unknown fields are ignored; missing read-only
  /// numbers read as 0 (total_cu_count as unset). Throws std::invalid_argument when `json` is not an object or a known
  /// field has the wrong type or an unparsable timestamp.
  static GroupParams from_json(const nlohmann::json& json);
  /// Every attribute that is set (id, test_id, name, count, participant_count, total_cu_count
  /// when set, created, updated as RFC 3339).
  nlohmann::json to_json() const;
  /// The create/update request body: exactly {"name": ..., "count": ...} (fields that are set).
  nlohmann::json to_body() const;

  friend bool operator==(const GroupParams&, const GroupParams&) = default;

 private:
  std::optional<std::int64_t> m_group_id;
  std::optional<std::int64_t> m_test_id;
  std::optional<std::string> m_name;
  std::optional<std::int64_t> m_count;
  std::optional<Timestamp> m_created;
  std::optional<Timestamp> m_updated;
  std::int64_t m_participant_count = 0;
  std::optional<double> m_total_cu_count;
};

/// The group operations. Holds a reference to the client, which must outlive it. As
/// thread-safe as ApiClient (it has no state of its own).
///
/// Every operation checks its inputs first and throws std::invalid_argument before any request
/// is sent: `GroupParams.test_id must be set`, `GroupParams.group_id must be set`,
/// `missing required attribute 'name'`, `missing required attribute 'count'`,
/// `group name must not be empty`, and the limits of loadero/limits.hpp:
/// `group name is 300 characters long; the API accepts at most 255`,
/// `group count must be between 1 and 1000000, not 2000000` (the same for duplicate's name:
/// `duplicate name is ...`). API failures throw ApiError; an answer that is not a valid group
/// throws ApiError(Kind::invalid_response), and so does a group answer that is not the one asked
/// for: without "id" (`group has no "id"`), with another id than the route's
/// (`group has id 5 instead of 48797`), or with another test_id
/// (`group 48797 has test_id 7 instead of 6866`); list items need an "id" and the test_id too.
class GroupAPI {
 public:
  explicit GroupAPI(ApiClient& client) : m_client(&client) {}

  /// POST .../tests/{t}/groups/ with {"name","count"}. Needs test_id, name, count (within the
  /// limits).
  GroupParams create(const GroupParams& params);
  /// GET .../tests/{t}/groups/{g}/. Needs group_id, test_id.
  GroupParams read(const GroupParams& params);
  /// PUT .../tests/{t}/groups/{g}/ with {"name","count"}. Needs group_id, test_id, name, count
  /// (within the limits).
  GroupParams update(const GroupParams& params);
  /// DELETE .../tests/{t}/groups/{g}/ (named remove because delete is a C++ keyword).
  /// Needs group_id, test_id.
  void remove(const GroupParams& params);
  /// POST .../tests/{t}/groups/{g}/copy/ with {"name": name}; returns the new group.
  /// Needs group_id, test_id and a non-empty name within the limits (`duplicate name must not be
  /// empty`).
  GroupParams duplicate(const GroupParams& params, std::string_view name);
  /// One GET of .../tests/{t}/groups/ with `query` (does not follow pages).
  PagedResponse<GroupParams> read_all(std::int64_t test_id, const QueryParams& query = {});
  /// Every group of the test. Without a page_size the first GET carries no limit, so the real
  /// API answers every group at once (one request); further pages are asked for (offset, and the
  /// limit the server reported) only when the answer says more remain. With a page_size every
  /// GET carries limit=page_size. Reading stops when offset + received >= total_items, or
  /// page >= total_pages when total_items is missing (an empty page ends the list only when the
  /// pagination agrees that nothing remains). Offset paging is no snapshot: when the list
  /// visibly changes while it is read (total_items changes, an id shows up twice) it is read
  /// again from the start, 3 tries in all.
  /// Throws ApiError(Kind::invalid_response) when a page is empty while the pagination says
  /// items remain, the server repeats a page (ignores offset), total_items or total_pages is
  /// negative or beyond PaginationParams::max_total_items / max_total_pages, pages run past
  /// max_total_pages, or the list kept changing (naming the ids that repeated, when ids did).
  /// Throws std::invalid_argument if page_size < 1.
  std::vector<GroupParams> read_all_pages(std::int64_t test_id, QueryParams query = {},
                                          std::optional<std::int64_t> page_size = std::nullopt);
  /// "projects/{p}/tests/{t}/groups/" or "projects/{p}/tests/{t}/groups/{g}/".
  std::string route(std::int64_t test_id,
                    std::optional<std::int64_t> group_id = std::nullopt) const;

 private:
  ApiClient* m_client;
};

/// One group: its params plus the operations, like loadero_python's Group. Each operation
/// replaces params() with the API's answer and returns *this. Holds a reference to the client.
class Group {
 public:
  /// The group described by `params` (ids included):
  /// `Group(client, GroupParams({.group_id = 48797, .test_id = 6866}))`.
  explicit Group(ApiClient& client, GroupParams params = {});

  /// Needs test_id, name, count (std::invalid_argument otherwise, before any request).
  Group& create();
  /// Needs group_id, test_id.
  Group& read();
  /// Needs group_id, test_id, name, count.
  Group& update();
  /// Deletes the group. Needs group_id, test_id.
  void remove();
  /// Copies the group under `name`; returns the new group. Needs group_id, test_id, non-empty name.
  Group duplicate(std::string_view name);
  /// One page of the group's participants (GET .../groups/{g}/participants/). Needs group_id,
  /// test_id.
  PagedResponse<ParticipantParams> participants(const QueryParams& query = {});

  GroupParams& params() noexcept { return m_params; }
  const GroupParams& params() const noexcept { return m_params; }

 private:
  ApiClient* m_client;
  GroupParams m_params;
};

}  // namespace loadero
