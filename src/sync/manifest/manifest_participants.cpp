// The participants of a group and the participant_defaults they inherit: reading them into the
// model and the rules between them. The schema checks each value (enumerations included); the
// rules add what it cannot: unknown browsers (a warning), duplicate names within a group and
// duplicate pinned ids within a test.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "loadero/participant_values.hpp"
#include "manifest_loader.hpp"
#include "manifest_values.hpp"

namespace loadero_sync::manifest_detail {
namespace {

/// The participants of one group by name, for "declared twice". A group has a handful of
/// participants, so a fixed array scanned in full serves it without allocating; past that (a
/// hostile list of 100,000 entries) a hash map keeps the check linear.
class NameIndex {
 public:
  /// The line of the first entry named `name`; -1 (after recording `name` at `line`) when it is
  /// the first. `name` must outlive the index.
  int first_or_add(std::string_view name, int line) {
    if (m_large.empty()) {
      for (std::size_t i = 0; i < m_small_size; ++i) {
        if (m_small[i].first == name) return m_small[i].second;
      }
      if (m_small_size < m_small.size()) {
        m_small[m_small_size++] = {name, line};
        return -1;
      }
      m_large.insert(m_small.begin(), m_small.end());
    }
    const auto [it, inserted] = m_large.emplace(name, line);
    return inserted ? -1 : it->second;
  }

 private:
  std::array<std::pair<std::string_view, int>, 16> m_small{};
  std::size_t m_small_size = 0;
  std::unordered_map<std::string_view, int> m_large;
};

/// Marks `field` as read in `seen`; false when it already was (the first of duplicate keys counts,
/// as in the schema check, which reports the others).
bool first_time(unsigned& seen, ParticipantField field) {
  const unsigned bit = 1U << static_cast<unsigned>(field);
  const bool first = (seen & bit) == 0;
  seen |= bit;
  return first;
}

template <std::size_t N>
std::vector<std::string> to_strings(const std::array<std::string_view, N>& values) {
  return {values.begin(), values.end()};
}

/// `text` cut to 40 characters for a message (a value may be as long as the file).
std::string shortened(std::string_view text) {
  if (text.size() <= 40) return std::string(text);
  std::size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace

void Loader::read_participant_settings(const Node& mapping, ParticipantSettings& into,
                                       const Node*& key) {
  if (mapping.kind != NodeKind::mapping) {
    key = nullptr;
    return;
  }
  unsigned seen = 0;
  for (std::size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
    const Node& k = mapping.children[i];
    if (k.kind != NodeKind::scalar) continue;
    const auto field = participant_field_from_key(k.text);
    if (field && first_time(seen, *field))
      read_participant_setting(*field, mapping.children[i + 1], into);
  }
}

void Loader::read_participant_setting(ParticipantField field, const Node& value,
                                      ParticipantSettings& into) {
  if (field == ParticipantField::record_audio) {
    if (const auto on = boolean(&value)) into.set(field, *on ? "true" : "false");
    return;
  }
  auto text = text_of(&value);
  if (!text) return;
  namespace values = loadero::participant_values;
  if (field == ParticipantField::browser &&
      std::find(values::browsers.begin(), values::browsers.end(), *text) ==
          values::browsers.end() &&
      m_warned_browsers.insert(*text).second) {
    // Loadero also offers versioned browsers that the list does not name, so an unknown one may
    // be right: a warning, once per file and value.
    std::string known;
    for (const std::string_view b : values::browsers)
      known += (known.empty() ? "" : ", ") + std::string(b);
    std::string hint = did_you_mean(*text, to_strings(values::browsers));
    if (hint.empty()) {
      hint =
          "fine if it is a versioned browser Loadero offers; otherwise Loadero refuses it when the "
          "participant is written";
    }
    warning(value, "browser '" + shortened(*text) + "' is not a known browser (" + known + ")",
            std::move(hint));
  }
  into.set(field, std::move(*text));
}

std::vector<DesiredParticipant> Loader::read_participants(const Node& list,
                                                          const std::string& group,
                                                          const ParticipantSettings& defaults,
                                                          PinnedParticipants& pinned) {
  std::vector<DesiredParticipant> participants;
  participants.reserve(list.children.size());
  NameIndex names;
  for (const Node& entry : list.children) {
    if (entry.kind != NodeKind::mapping) continue;
    DesiredParticipant& p = participants.emplace_back();
    p.settings = defaults;
    p.source = pos_of(m_current, entry);
    const Node* name_value = nullptr;
    const Node* id_value = nullptr;
    const Node* count_value = nullptr;
    unsigned seen = 0;
    for (std::size_t i = 0; i + 1 < entry.children.size(); i += 2) {
      const Node& key = entry.children[i];
      const Node& value = entry.children[i + 1];
      if (key.kind != NodeKind::scalar) continue;
      if (key.text == "name") {
        if (name_value == nullptr) name_value = &value;
      } else if (key.text == "count") {
        if (count_value == nullptr) count_value = &value;
      } else if (key.text == "id") {
        if (id_value == nullptr) id_value = &value;
      } else if (const auto field = participant_field_from_key(key.text);
                 field && first_time(seen, *field)) {
        read_participant_setting(*field, value, p.settings);
      }
    }
    if (const auto count = positive_int(count_value)) p.count = *count;
    if (auto name = text_of(name_value)) {
      if (is_blank_text(*name)) {
        error(*name_value, "name must not be blank", "give the participant's name");
      } else {
        p.name = std::move(*name);
        if (const int first = names.first_or_add(name_value->text, name_value->line); first >= 0) {
          error(*name_value, "participant '" + p.name + "' is declared twice in " + group,
                "first declared at line " + std::to_string(first + 1) +
                    "; merge the two entries or rename one");
        }
      }
    }
    if (const auto id = positive_int(id_value)) {
      p.id = *id;
      const auto [it, inserted] = pinned.lines.emplace(*id, id_value->line);
      if (!inserted) {
        error(*id_value,
              "participant id " + std::to_string(*id) + " is pinned twice in " + pinned.test,
              "first pinned at line " + std::to_string(it->second + 1) +
                  "; a live participant matches one entry only");
      }
    }
  }
  return participants;
}

}  // namespace loadero_sync::manifest_detail
