#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "loadero/participant_values.hpp"
#include "loadero_sync/export.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync {
namespace {

// JSON string syntax is a subset of YAML's double-quoted scalars, so this round-trips any name.
std::string yaml_string(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A comment must stay on one line whatever the name holds.
std::string comment_text(const std::string& text) {
  std::string out;
  for (const char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

using GroupParticipants = std::unordered_map<std::int64_t, std::vector<const LiveParticipant*>>;

// The live participants of each group, in API order (participants of no group are left out).
GroupParticipants participants_by_group(const std::vector<LiveParticipant>& participants) {
  GroupParticipants by_group;
  for (const auto& participant : participants) {
    if (participant.group_id) by_group[*participant.group_id].push_back(&participant);
  }
  return by_group;
}

// The first name two participants share, or nullptr.
const std::string* shared_name(const std::vector<const LiveParticipant*>& participants) {
  std::unordered_set<std::string_view> seen;
  for (const auto* participant : participants) {
    if (!seen.insert(participant->name).second) return &participant->name;
  }
  return nullptr;
}

// False for a value of an enumerated setting that the manifest's lists do not have (the loader
// would refuse it). Browsers are open (versioned ones exist: only a warning) and media_type is
// free text.
bool loadable(ParticipantField field, std::string_view value) {
  namespace values = loadero::participant_values;
  const auto in = [value](const auto& list) {
    return std::find(list.begin(), list.end(), value) != list.end();
  };
  switch (field) {
    case ParticipantField::compute_unit:
      return in(values::compute_units);
    case ParticipantField::location:
      return in(values::locations);
    case ParticipantField::network:
      return in(values::networks);
    case ParticipantField::audio_feed:
      return in(values::audio_feeds);
    case ParticipantField::video_feed:
      return in(values::video_feeds);
    case ParticipantField::browser:
    case ParticipantField::media_type:
    case ParticipantField::record_audio:
      return !value.empty();
  }
  return true;
}

// `participants:` of one group, indented under its group entry.
void write_participants(std::ostream& out,
                        const std::vector<const LiveParticipant*>& participants) {
  if (participants.empty()) {
    out << "        participants: []\n";
    return;
  }
  if (const std::string* name = shared_name(participants)) {
    // A manifest names each participant of a group once, and a `participants:` list deletes the
    // live participants it leaves out: so none is declared and the group's stay as they are.
    out << "        # participants not managed: several live participants are named "
        << quote_name(*name) << " (a manifest names each participant of a group once)\n";
    return;
  }
  out << "        participants:\n";
  for (const auto* participant : participants) {
    out << "          - name: " << yaml_string(participant->name) << "\n";
    out << "            count: " << participant->count << "\n";
    for (const auto field : all_participant_fields) {
      const auto& value = participant->settings.get(field);
      if (!value) continue;
      if (field == ParticipantField::record_audio) {
        // A YAML boolean, as the manifest wants it; the API reports nothing else.
        if (*value == "true" || *value == "false")
          out << "            record_audio: " << *value << "\n";
        continue;
      }
      if (!loadable(field, *value)) {
        // Written as a comment, so the manifest loads and the field stays as it is live.
        out << "            # " << to_string(field) << ": " << yaml_string(*value)
            << "  (not a value loadero-sync knows: left unmanaged)\n";
        continue;
      }
      out << "            " << to_string(field) << ": " << yaml_string(*value) << "\n";
    }
  }
}

}  // namespace

void write_manifest_yaml(std::ostream& out, std::int64_t project_id,
                         const std::vector<LiveTest>& tests, const std::string& schema_ref) {
  if (!schema_ref.empty()) out << "# yaml-language-server: $schema=" << schema_ref << "\n";
  bool with_participants = false;
  for (const auto& test : tests) with_participants = with_participants || test.participants;
  out << "# Written by loadero-sync export from the live groups"
      << (with_participants ? " and participants" : "")
      << ". Planning it right away shows no changes.\n";
  out << "version: 1\n";
  if (project_id != 0) out << "project_id: " << project_id << "\n";
  if (tests.empty()) {
    out << "tests: []\n";
    return;
  }
  out << "tests:\n";
  for (const auto& test : tests) {
    out << "  - test_id: " << test.test_id;
    if (!test.name.empty()) out << "  # " << comment_text(test.name);
    out << "\n";
    std::map<std::string, int> name_uses;
    for (const auto& group : test.groups) ++name_uses[group.name];
    if (test.groups.empty()) {
      out << "    groups: []\n";
      continue;
    }
    out << "    groups:\n";
    const GroupParticipants participants =
        test.participants ? participants_by_group(*test.participants) : GroupParticipants{};
    std::map<std::string, bool> declared;
    std::string left_unmanaged;
    for (const auto& group : test.groups) {
      const bool shared = name_uses[group.name] > 1;
      if (declared[group.name]) {
        left_unmanaged += " " + std::to_string(group.id);
        continue;
      }
      declared[group.name] = true;
      if (shared) {
        out << "      - id: " << group.id << "  # name shared by " << name_uses[group.name]
            << " live groups\n";
        out << "        name: " << yaml_string(group.name) << "\n";
      } else {
        out << "      - name: " << yaml_string(group.name) << "\n";
      }
      out << "        count: " << group.count << "\n";
      if (test.participants) {
        const auto found = participants.find(group.id);
        write_participants(out, found != participants.end()
                                    ? found->second
                                    : std::vector<const LiveParticipant*>{});
      }
    }
    if (!left_unmanaged.empty()) {
      out << "    # left unmanaged (their names repeat a group above):" << left_unmanaged << "\n";
    }
  }
}

}  // namespace loadero_sync
