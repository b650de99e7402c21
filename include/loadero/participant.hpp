#pragma once
// Loadero participants, read support: ParticipantParams, ParticipantFilterKey, ParticipantAPI.

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
};

/// "filter_name", "filter_count_from", ... "filter_audio_feed".
std::string_view to_string(ParticipantFilterKey key) noexcept;

/// A participant's attributes (reference §3). Enumerated values (compute_unit "g2", browser
/// "chromeLatest", ...) are kept as the API's strings. Read-only: profile_id, created, updated.
class ParticipantParams {
 public:
  ParticipantParams() = default;

  ParticipantParams& with_id(std::int64_t participant_id);
  ParticipantParams& in_test(std::int64_t test_id);
  ParticipantParams& in_group(std::int64_t group_id);
  ParticipantParams& with_name(std::string name);
  ParticipantParams& with_count(std::int64_t count);
  ParticipantParams& with_compute_unit(std::string compute_unit);
  ParticipantParams& with_record_audio(bool record_audio);
  ParticipantParams& with_audio_feed(std::string audio_feed);
  ParticipantParams& with_browser(std::string browser);
  ParticipantParams& with_location(std::string location);
  ParticipantParams& with_network(std::string network);
  ParticipantParams& with_video_feed(std::string video_feed);

  const std::optional<std::int64_t>& participant_id() const noexcept { return m_participant_id; }
  const std::optional<std::int64_t>& test_id() const noexcept { return m_test_id; }
  const std::optional<std::int64_t>& group_id() const noexcept { return m_group_id; }
  const std::optional<std::string>& name() const noexcept { return m_name; }
  const std::optional<std::int64_t>& count() const noexcept { return m_count; }
  const std::optional<std::string>& compute_unit() const noexcept { return m_compute_unit; }
  const std::optional<bool>& record_audio() const noexcept { return m_record_audio; }
  const std::optional<std::string>& audio_feed() const noexcept { return m_audio_feed; }
  const std::optional<std::string>& browser() const noexcept { return m_browser; }
  const std::optional<std::string>& location() const noexcept { return m_location; }
  const std::optional<std::string>& network() const noexcept { return m_network; }
  const std::optional<std::string>& video_feed() const noexcept { return m_video_feed; }
  const std::optional<std::int64_t>& profile_id() const noexcept { return m_profile_id; }
  std::optional<Timestamp> created() const noexcept { return m_created; }
  std::optional<Timestamp> updated() const noexcept { return m_updated; }

  /// Parses a participant object. Unknown fields are ignored. Throws std::invalid_argument when
  /// `json` is not an object or a known field has the wrong type.
  static ParticipantParams from_json(const nlohmann::json& json);
  /// Every attribute that is set.
  nlohmann::json to_json() const;
  /// The write body: name, count, compute_unit, group_id, record_audio, audio_feed, browser,
  /// location, network, video_feed (those that are set).
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
  std::optional<std::int64_t> m_profile_id;
  std::optional<Timestamp> m_created;
  std::optional<Timestamp> m_updated;
};

/// Participant reads. Holds a reference to the client, which must outlive it.
/// Throws ApiError on API failures; ApiError(Kind::invalid_response) for answers that do not
/// parse and for participants that are not the ones asked for: no "id", another id than the
/// route's, another test_id, or (at group scope) another group_id.
class ParticipantAPI {
 public:
  explicit ParticipantAPI(ApiClient& client) : m_client(&client) {}

  /// One GET of .../tests/{t}/participants/ or, with group_id,
  /// .../tests/{t}/groups/{g}/participants/.
  PagedResponse<ParticipantParams> read_all(std::int64_t test_id,
                                            std::optional<std::int64_t> group_id = std::nullopt,
                                            const QueryParams& query = {});
  /// Every page (same rules as GroupAPI::read_all_pages).
  std::vector<ParticipantParams> read_all_pages(
      std::int64_t test_id, std::optional<std::int64_t> group_id = std::nullopt,
      QueryParams query = {}, std::optional<std::int64_t> page_size = std::nullopt);
  /// GET .../tests/{t}/participants/{id}/ (or the group-scoped route when group_id is given).
  ParticipantParams read(std::int64_t test_id, std::int64_t participant_id,
                         std::optional<std::int64_t> group_id = std::nullopt);
  /// The route: test or group scope, with the participant id when given; always a trailing '/'.
  std::string route(std::int64_t test_id, std::optional<std::int64_t> group_id = std::nullopt,
                    std::optional<std::int64_t> participant_id = std::nullopt) const;

 private:
  ApiClient* m_client;
};

}  // namespace loadero
