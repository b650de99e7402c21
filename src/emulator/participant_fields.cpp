#include "participant_fields.hpp"

#include "loadero/limits.hpp"
#include "loadero/participant_values.hpp"

namespace loadero_emulator::detail {
namespace {

using Field = FilterField<Participant>;

// A setting of the participant's profile that text filters match exactly.
Field profile_text(std::string_view key, std::string Participant::*member) {
  return Field{.key = key,
               .kind = FilterKind::text_exact,
               .text = [member](const Participant& p) { return p.*member; },
               .echo_under = k_profile_echo};
}

std::vector<Field> make_fields() {
  return {
      {.key = "name",
       .kind = FilterKind::text_contains,
       .text = [](const Participant& p) { return p.name; }},
      {.key = "count_from",
       .kind = FilterKind::integer_from,
       .number = [](const Participant& p) { return p.count; }},
      {.key = "count_to",
       .kind = FilterKind::integer_to,
       .number = [](const Participant& p) { return p.count; }},
      {.key = "has_group",
       .kind = FilterKind::flag,
       .truth = [](const Participant& p) { return p.group_id != 0; }},
      profile_text("compute_unit", &Participant::compute_unit),
      {.key = "record_audio",
       .kind = FilterKind::flag,
       .truth = [](const Participant& p) { return p.record_audio; },
       .echo_under = k_profile_echo},
      profile_text("browser", &Participant::browser),
      profile_text("network", &Participant::network),
      profile_text("location", &Participant::location),
      profile_text("video_feed", &Participant::video_feed),
      profile_text("audio_feed", &Participant::audio_feed),
      profile_text("media_type", &Participant::media_type),
  };
}

}  // namespace

const std::vector<FilterField<Participant>>& participant_filter_fields() {
  static const std::vector<Field> fields = make_fields();
  return fields;
}

void read_participant_fields(Validator& validator, Participant& target) {
  const Participant defaults;
  target.name = validator.required_name("name", loadero::max_participant_name_length);
  target.count = validator.required_integer("count", loadero::min_participant_count,
                                            loadero::max_participant_count);
  target.compute_unit = validator.choice("compute_unit", loadero::participant_values::compute_units,
                                         loadero::participant_values::default_compute_unit);
  target.browser = validator.optional_text("browser", defaults.browser);
  target.location = validator.optional_text("location", defaults.location);
  target.network = validator.optional_text("network", defaults.network);
  target.audio_feed = validator.optional_text("audio_feed", defaults.audio_feed);
  target.video_feed = validator.optional_text("video_feed", defaults.video_feed);
  target.media_type = validator.optional_any_text("media_type");
  target.record_audio = validator.optional_bool("record_audio", defaults.record_audio);
}

}  // namespace loadero_emulator::detail
