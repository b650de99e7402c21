#include "loadero_sync/model.hpp"

#include <algorithm>

namespace loadero_sync {

std::string_view to_string(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::conflict:
      return "conflict";
    case ProblemKind::unreadable:
      return "unreadable";
    case ProblemKind::limit:
      return "limit";
  }
  return "unknown";
}

std::string_view to_string(ParticipantField field) {
  switch (field) {
    case ParticipantField::compute_unit:
      return "compute_unit";
    case ParticipantField::browser:
      return "browser";
    case ParticipantField::location:
      return "location";
    case ParticipantField::network:
      return "network";
    case ParticipantField::audio_feed:
      return "audio_feed";
    case ParticipantField::video_feed:
      return "video_feed";
    case ParticipantField::media_type:
      return "media_type";
    case ParticipantField::record_audio:
      return "record_audio";
  }
  return "unknown";
}

std::optional<ParticipantField> participant_field_from_key(std::string_view key) {
  for (const auto field : all_participant_fields) {
    if (to_string(field) == key) return field;
  }
  return std::nullopt;
}

bool DesiredTest::manages_participants() const {
  return std::any_of(groups.begin(), groups.end(),
                     [](const DesiredGroup& group) { return group.participants.has_value(); });
}

bool DesiredTest::reads_participants() const {
  return manages_participants() || budget.largest_compute_unit.has_value();
}

}  // namespace loadero_sync
