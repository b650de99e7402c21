#pragma once
// The values the Loadero API enumerates for a participant's settings, as the API spells them: one
// table, used by libloadero's typed enums, the manifest loader's offline checks and schema, and
// loadero-emulator's validation.
//
// The lists are those of the official Python client's classificator module. The API may add
// values: a value read from the API that is not listed is kept as it is, never refused. Loadero
// also offers versioned browsers (e.g. "chrome120") that the lists do not name, so a browser
// outside its list is only worth a warning. media_type has no published enumeration: any text.
//
// Header-only and free of dependencies beyond the standard library (CMake target
// loadero_limits, like limits.hpp).

#include <array>
#include <string_view>

namespace loadero::participant_values {

inline constexpr std::array<std::string_view, 7> compute_units = {"g0.5", "g1", "g2", "g4",
                                                                  "g6",   "g8", "g12"};

inline constexpr std::array<std::string_view, 2> browsers = {"chromeLatest", "firefoxLatest"};

inline constexpr std::array<std::string_view, 12> locations = {
    "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-2", "ap-south-1", "eu-central-1",
    "eu-west-1", "eu-west-3",      "sa-east-1",      "us-east-1",      "us-east-2",  "us-west-2"};

inline constexpr std::array<std::string_view, 15> networks = {
    "100packet", "10packet", "20packet", "3g",    "4g",     "50packet", "5packet",  "asymmetric",
    "default",   "edge",     "gprs",     "hsdpa", "jitter", "latency",  "satellite"};

inline constexpr std::array<std::string_view, 8> audio_feeds = {
    "128kbps", "default", "dtmf", "-20db", "-30db", "-50db", "silence", "visqol-speech"};

inline constexpr std::array<std::string_view, 34> video_feeds = {"1080p",
                                                                 "1080p-15fps",
                                                                 "1080p-30fps",
                                                                 "1080p-5fps",
                                                                 "1080p-marked-center",
                                                                 "1080p-marked-top-left",
                                                                 "1080p-meeting",
                                                                 "1080p-meeting-clean",
                                                                 "240p",
                                                                 "240p-15fps",
                                                                 "240p-30fps",
                                                                 "240p-5fps",
                                                                 "240p-marked-top-left",
                                                                 "240p-meeting",
                                                                 "360p",
                                                                 "360p-15fps",
                                                                 "360p-30fps",
                                                                 "360p-5fps",
                                                                 "360p-marked-top-left",
                                                                 "360p-meeting",
                                                                 "480p",
                                                                 "480p-15fps",
                                                                 "480p-30fps",
                                                                 "480p-5fps",
                                                                 "480p-marked-top-left",
                                                                 "480p-meeting",
                                                                 "720p",
                                                                 "720p-15fps",
                                                                 "720p-30fps",
                                                                 "720p-5fps",
                                                                 "720p-marked",
                                                                 "720p-marked-top-left",
                                                                 "720p-meeting",
                                                                 "default"};

/// The compute units one participant of `compute_unit` uses ("g0.5" 0.5, "g1" 1, ... "g12" 12),
/// or a negative number for a value the table does not know.
constexpr double compute_units_of(std::string_view compute_unit) {
  if (compute_unit == "g0.5") return 0.5;
  if (compute_unit == "g1") return 1;
  if (compute_unit == "g2") return 2;
  if (compute_unit == "g4") return 4;
  if (compute_unit == "g6") return 6;
  if (compute_unit == "g8") return 8;
  if (compute_unit == "g12") return 12;
  return -1;
}

/// The compute unit the API gives a participant created without one.
inline constexpr std::string_view default_compute_unit = "g2";

}  // namespace loadero::participant_values
