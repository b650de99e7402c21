#pragma once
// A participant's fields on the wire: the filters its lists offer and the fields its write
// bodies carry. Group membership (group_id) is left to the handlers, which know the route's scope.

#include <vector>

#include "listing.hpp"
#include "state.hpp"
#include "validation.hpp"

namespace loadero_emulator::detail {

/// The echo object that holds the filters on a participant's settings, as the real API nests
/// them: {"profile": {"browser": ["chromeLatest", "firefoxLatest"]}}.
inline constexpr std::string_view k_profile_echo = "profile";

/// Returns the filters of the participant lists (test and group scope), in echo order:
/// - top level of the echo: filter_name (substring, any case), filter_count_from,
///   filter_count_to (inclusive bounds), filter_has_group (true/false);
/// - under "profile": filter_compute_unit, filter_record_audio (true/false), filter_browser,
///   filter_network, filter_location, filter_video_feed, filter_audio_feed, filter_media_type.
/// Text filters other than name match exactly; a key given several times matches any of its
/// values (filter_browser=chromeLatest&filter_browser=firefoxLatest: either browser). A
/// participant without a media_type has the media_type "": only an empty filter_media_type value
/// matches it.
/// The table lives as long as the program.
const std::vector<FilterField<Participant>>& participant_filter_fields();

/// Reads the writable fields of a participant body (POST or PUT) into `target`, except group_id:
/// - name: required, non-blank, at most loadero::max_participant_name_length characters;
/// - count: required integer within loadero::min/max_participant_count;
/// - compute_unit: one of loadero::participant_values::compute_units, default "g2"
///   (participant_values::default_compute_unit); anything else is a problem that lists them;
/// - browser, location, network, audio_feed, video_feed: any non-blank text (the real API takes
///   values its lists do not name, such as versioned browsers), defaults those of Participant;
/// - media_type: any text; absent, null or "" means none;
/// - record_audio: a boolean, default false.
/// A field the body leaves out takes its default, so a PUT replaces the whole participant.
/// Problems go to `validator` and leave placeholders in `target`: call
/// validator.throw_if_failed() before using `target`.
void read_participant_fields(Validator& validator, Participant& target);

}  // namespace loadero_emulator::detail
