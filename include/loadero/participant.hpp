#pragma once
// Loadero participants: ParticipantParams (attributes + builder), ParticipantAPI (the operations,
// in test or group scope), Participant (both together), ParticipantFilterKey, ParticipantScope.
// Mirrors loadero_python.resources.participant, plus media_type (the API has it; the Python client
// does not) and the group-scoped routes.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero/api_client.hpp"
#include "loadero/pagination.hpp"
#include "loadero/participant_enums.hpp"
#include "loadero/query_params.hpp"
#include "loadero/timestamp.hpp"

namespace loadero {

/// Filter keys of the participants list.
enum class ParticipantFilterKey {
  NAME,
  COUNT_FROM,
  COUNT_TO,
  COMPUTE_UNIT,
  HAS_GROUP,
  RECORD_AUDIO,
  BROWSER,
  NETWORK,
  LOCATION,
  VIDEO_FEED,
  AUDIO_FEED,
  MEDIA_TYPE,
};

/// "filter_name", "filter_count_from", ... "filter_audio_feed", "filter_media_type".
std::string_view to_string(ParticipantFilterKey key) noexcept;

/// Which routes a participant operation uses.
enum class ParticipantScope {
  /// projects/{p}/tests/{t}/participants/[{id}/]; a group_id that is set travels in the body.
  test,
  /// projects/{p}/tests/{t}/groups/{g}/participants/[{id}/]; needs group_id, which the path
  /// carries (the body leaves it out).
  group,
};

/// A participant's attributes (reference §3). Settings are kept as the API's strings, so that a
/// value these enums do not list is kept and written back as it came (see participant_enums.hpp);
/// the typed setters store the enumerator's spelling and the known_* getters read it back.
/// Read-only (filled from API answers): profile_id, created, updated.
class ParticipantParams {
 public:
  ParticipantParams() = default;

  /// Each setter sets one attribute and returns *this, for chaining.
  ParticipantParams& with_id(std::int64_t participant_id);
  /// Sets the parent test id.
  ParticipantParams& in_test(std::int64_t test_id);
  /// Sets the parent group id.
  ParticipantParams& in_group(std::int64_t group_id);
  ParticipantParams& with_name(std::string name);
  ParticipantParams& with_count(std::int64_t count);
  ParticipantParams& with_compute_unit(std::string compute_unit);
  ParticipantParams& with_compute_unit(ComputeUnit compute_unit);
  ParticipantParams& with_record_audio(bool record_audio);
  ParticipantParams& with_audio_feed(std::string audio_feed);
  ParticipantParams& with_audio_feed(AudioFeed audio_feed);
  ParticipantParams& with_browser(std::string browser);
  ParticipantParams& with_browser(Browser browser);
  ParticipantParams& with_location(std::string location);
  ParticipantParams& with_location(Location location);
  ParticipantParams& with_network(std::string network);
  ParticipantParams& with_network(Network network);
  ParticipantParams& with_video_feed(std::string video_feed);
  ParticipantParams& with_video_feed(VideoFeed video_feed);
  ParticipantParams& with_media_type(std::string media_type);
  ParticipantParams& with_media_type(const MediaType& media_type);

  const std::optional<std::int64_t>& participant_id() const noexcept { return m_participant_id; }
  const std::optional<std::int64_t>& test_id() const noexcept { return m_test_id; }
  const std::optional<std::int64_t>& group_id() const noexcept { return m_group_id; }
  const std::optional<std::string>& name() const noexcept { return m_name; }
  const std::optional<std::int64_t>& count() const noexcept { return m_count; }
  /// The settings as the API spells them (any text, listed or not); unset when not given.
  const std::optional<std::string>& compute_unit() const noexcept { return m_compute_unit; }
  const std::optional<bool>& record_audio() const noexcept { return m_record_audio; }
  const std::optional<std::string>& audio_feed() const noexcept { return m_audio_feed; }
  const std::optional<std::string>& browser() const noexcept { return m_browser; }
  const std::optional<std::string>& location() const noexcept { return m_location; }
  const std::optional<std::string>& network() const noexcept { return m_network; }
  const std::optional<std::string>& video_feed() const noexcept { return m_video_feed; }
  const std::optional<std::string>& media_type() const noexcept { return m_media_type; }
  const std::optional<std::int64_t>& profile_id() const noexcept { return m_profile_id; }
  std::optional<Timestamp> created() const noexcept { return m_created; }
  std::optional<Timestamp> updated() const noexcept { return m_updated; }

  /// The setting as an enumerator: std::nullopt when unset or when the text is not a value the
  /// lists know (compute_unit() etc. still hold that text).
  std::optional<ComputeUnit> known_compute_unit() const noexcept;
  std::optional<AudioFeed> known_audio_feed() const noexcept;
  std::optional<Browser> known_browser() const noexcept;
  std::optional<Location> known_location() const noexcept;
  std::optional<Network> known_network() const noexcept;
  std::optional<VideoFeed> known_video_feed() const noexcept;

  /// Parses a participant object. Unknown fields are ignored; setting values are kept as text,
  /// listed or not. Throws std::invalid_argument when `json` is not an object or a known field
  /// has the wrong type (`participant field 'count' is not an integer`).
  static ParticipantParams from_json(const nlohmann::json& json);
  /// Every attribute that is set (id, test_id, profile_id, the body fields, created and updated
  /// as RFC 3339).
  nlohmann::json to_json() const;
  /// The write body: name, count, compute_unit, group_id, record_audio, audio_feed, browser,
  /// location, network, video_feed, media_type (those that are set).
  nlohmann::json to_body() const;

  friend bool operator==(const ParticipantParams&, const ParticipantParams&) = default;

 private:
  std::optional<std::int64_t> m_participant_id;
  std::optional<std::int64_t> m_test_id;
  std::optional<std::int64_t> m_group_id;
  std::optional<std::string> m_name;
  std::optional<std::int64_t> m_count;
  std::optional<std::string> m_compute_unit;
  std::optional<bool> m_record_audio;
  std::optional<std::string> m_audio_feed;
  std::optional<std::string> m_browser;
  std::optional<std::string> m_location;
  std::optional<std::string> m_network;
  std::optional<std::string> m_video_feed;
  std::optional<std::string> m_media_type;
  std::optional<std::int64_t> m_profile_id;
  std::optional<Timestamp> m_created;
  std::optional<Timestamp> m_updated;
};

/// The participant operations. Holds a reference to the client, which must outlive it. As
/// thread-safe as ApiClient (it has no state of its own).
///
/// Every operation that takes ParticipantParams checks its inputs first and throws
/// std::invalid_argument before any request is sent, in the Python client's order: identifiers
/// (`ParticipantParams.test_id must be set`, `ParticipantParams.participant_id must be set`, then
/// at group scope `ParticipantParams.group_id must be set`), then the required attributes of a
/// write (`missing required attribute 'name'`, `missing required attribute 'count'`), then the
/// limits of loadero/limits.hpp (`participant name must not be empty`,
/// `participant name is 300 characters long; the API accepts at most 255`,
/// `participant count must be between 1 and 1000000, not 0`; duplicate's name alike:
/// `duplicate name must not be empty`, `duplicate name is ...`).
///
/// API failures throw ApiError. An answer that is not a valid participant throws
/// ApiError(Kind::invalid_response), and so does one that is not the participant asked for:
/// without "id" (`participant has no "id"`), with another id than the route's
/// (`participant has id 5 instead of 94633`), with another test_id
/// (`participant 94633 has test_id 7 instead of 6866`) or, at group scope, another group_id; list
/// items need an "id" and the parent ids too. An answer that leaves test_id (or, at group scope,
/// group_id) out is given the route's.
class ParticipantAPI {
 public:
  explicit ParticipantAPI(ApiClient& client) : m_client(&client) {}

  /// POST .../participants/ with to_body() (at group scope without group_id). Needs test_id,
  /// name, count (within the limits), and group_id at group scope. Returns the created
  /// participant.
  ParticipantParams create(const ParticipantParams& params,
                           ParticipantScope scope = ParticipantScope::test);
  /// GET .../participants/{id}/. Needs test_id, participant_id (and group_id at group scope).
  ParticipantParams read(const ParticipantParams& params,
                         ParticipantScope scope = ParticipantScope::test);
  /// GET .../tests/{t}/participants/{id}/, or the group-scoped route when group_id is given.
  ParticipantParams read(std::int64_t test_id, std::int64_t participant_id,
                         std::optional<std::int64_t> group_id = std::nullopt);
  /// PUT .../participants/{id}/ with to_body() (at group scope without group_id). Needs test_id,
  /// participant_id, name, count (within the limits), and group_id at group scope. Returns the
  /// updated participant.
  ParticipantParams update(const ParticipantParams& params,
                           ParticipantScope scope = ParticipantScope::test);
  /// DELETE .../participants/{id}/ (named remove because delete is a C++ keyword). Needs test_id,
  /// participant_id (and group_id at group scope).
  void remove(const ParticipantParams& params, ParticipantScope scope = ParticipantScope::test);
  /// POST .../participants/{id}/copy/ with {"name": name}; returns the new participant. Needs
  /// test_id, participant_id (and group_id at group scope) and a non-empty name within the
  /// limits.
  ParticipantParams duplicate(const ParticipantParams& params, std::string_view name,
                              ParticipantScope scope = ParticipantScope::test);
  /// One GET of .../tests/{t}/participants/ or, with group_id,
  /// .../tests/{t}/groups/{g}/participants/ (does not follow pages). The answer's filter echo is
  /// kept raw in PagedResponse::filter; participant_filters() reads it.
  PagedResponse<ParticipantParams> read_all(std::int64_t test_id,
                                            std::optional<std::int64_t> group_id = std::nullopt,
                                            const QueryParams& query = {});
  /// Every page (same rules as GroupAPI::read_all_pages).
  std::vector<ParticipantParams> read_all_pages(
      std::int64_t test_id, std::optional<std::int64_t> group_id = std::nullopt,
      QueryParams query = {}, std::optional<std::int64_t> page_size = std::nullopt);
  /// The route: test or group scope, with the participant id when given; always a trailing '/'.
  std::string route(std::int64_t test_id, std::optional<std::int64_t> group_id = std::nullopt,
                    std::optional<std::int64_t> participant_id = std::nullopt) const;

 private:
  ApiClient* m_client;
};

/// One participant: its params plus the operations, like loadero_python's Participant. Each
/// operation runs ParticipantAPI's in the participant's scope (same checks, same errors), then
/// replaces params() with the API's answer and returns *this. Holds a reference to the client.
class Participant {
 public:
  /// The participant described by `params` (ids included), operated on in `scope`.
  explicit Participant(ApiClient& client, ParticipantParams params = {},
                       ParticipantScope scope = ParticipantScope::test);

  /// Needs test_id, name, count (and group_id at group scope).
  Participant& create();
  /// Needs test_id, participant_id (and group_id at group scope).
  Participant& read();
  /// Needs test_id, participant_id, name, count (and group_id at group scope).
  Participant& update();
  /// Deletes the participant. Needs test_id, participant_id (and group_id at group scope).
  void remove();
  /// Copies the participant under `name`; returns the new participant, in the same scope.
  Participant duplicate(std::string_view name);

  ParticipantParams& params() noexcept { return m_params; }
  const ParticipantParams& params() const noexcept { return m_params; }
  ParticipantScope scope() const noexcept { return m_scope; }

 private:
  ApiClient* m_client;
  ParticipantParams m_params;
  ParticipantScope m_scope;
};

}  // namespace loadero
