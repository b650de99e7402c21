#pragma once
// The limits the Loadero API puts on the values it accepts: one table, used by libloadero's
// client-side checks, the manifest loader and its schema, the planner and the emulator.
//
// The real API does not publish these. They are what loadero-emulator enforces and what Loadero's
// answers have shown (a 422 such as "Ensure this field has no more than 255 characters."). A
// value outside them is refused by the API, so the tools refuse it before sending anything.
//
// Name lengths count characters, as the API's message says: Unicode code points of the UTF-8
// text (name_length), not bytes. "Zürich" is 6 characters long, 7 bytes.
//
// Header-only and free of dependencies beyond the standard library (CMake target
// loadero_limits), so that libraries which may not use libloadero can still use its limits.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace loadero {

/// The longest test name the API accepts, in characters (see name_length).
inline constexpr std::size_t max_test_name_length = 255;

/// The shortest start interval of a test the API accepts, in seconds.
inline constexpr std::int64_t min_test_start_interval = 0;

/// The longest start interval of a test the API accepts, in seconds (24 hours).
inline constexpr std::int64_t max_test_start_interval = 24 * 60 * 60;

/// The shortest participant timeout of a test the API accepts, in seconds.
inline constexpr std::int64_t min_test_participant_timeout = 0;

/// The longest participant timeout of a test the API accepts, in seconds (8 hours).
inline constexpr std::int64_t max_test_participant_timeout = 8 * 60 * 60;

/// The longest group name the API accepts, in characters (see name_length).
inline constexpr std::size_t max_group_name_length = 255;

/// The smallest group count (copies of the group in a run) the API accepts.
inline constexpr std::int64_t min_group_count = 1;

/// The largest group count the API accepts.
inline constexpr std::int64_t max_group_count = 1'000'000;

/// The longest participant name the API accepts, in characters (see name_length).
inline constexpr std::size_t max_participant_name_length = 255;

/// The smallest participant count the API accepts.
inline constexpr std::int64_t min_participant_count = 1;

/// The largest participant count the API accepts.
inline constexpr std::int64_t max_participant_count = 1'000'000;

/// The length of `name` as the limits above count it: its Unicode code points, that is the bytes
/// of the UTF-8 text that do not continue a multi-byte sequence (a stray continuation byte of
/// invalid UTF-8 is not counted). Never throws.
constexpr std::size_t name_length(std::string_view name) noexcept {
  std::size_t length = 0;
  for (const char c : name) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++length;
  }
  return length;
}

}  // namespace loadero
