#pragma once
// The values the Loadero API enumerates for a participant's fields, as the API spells them: one
// table, used by libloadero's typed enums, the manifest checker (did-you-mean for a misspelt
// value), its schema and loadero-emulator.
//
// The lists are those of the official Python client's classificator module (which has `g8` and
// `g12` too). `media_type` is not here: the API's Swagger description has the field but no source
// enumerates its values, so it is free text. The API may add values: a value read from the API that
// is not listed here is kept as it is, never refused.
//
// Header-only and free of dependencies beyond the standard library (CMake target loadero_limits,
// like limits.hpp), so that libraries which may not use libloadero can still use it.

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace loadero {

/// A participant field whose values the API enumerates.
enum class ParticipantField {
  compute_unit,
  browser,
  location,
  network,
  audio_feed,
  video_feed,
};

namespace participant_values {

inline constexpr std::array<std::string_view, 7> compute_unit = {"g0.5", "g1", "g2", "g4",
                                                                 "g6",   "g8", "g12"};

/// The browsers the official client lists. Loadero also offers versioned browsers
/// ("chrome100", "firefox95", ...), so a browser outside this list is not necessarily wrong.
inline constexpr std::array<std::string_view, 2> browser = {"chromeLatest", "firefoxLatest"};

inline constexpr std::array<std::string_view, 12> location = {
    "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-2", "ap-south-1", "eu-central-1",
    "eu-west-1", "eu-west-3",      "sa-east-1",      "us-east-1",      "us-east-2",  "us-west-2"};

inline constexpr std::array<std::string_view, 15> network = {
    "100packet", "10packet", "20packet", "3g",    "4g",     "50packet", "5packet",  "asymmetric",
    "default",   "edge",     "gprs",     "hsdpa", "jitter", "latency",  "satellite"};

inline constexpr std::array<std::string_view, 8> audio_feed = {
    "128kbps", "default", "dtmf", "-20db", "-30db", "-50db", "silence", "visqol-speech"};

inline constexpr std::array<std::string_view, 34> video_feed = {"1080p",
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

}  // namespace participant_values

/// The known values of `field`, in the order above.
constexpr std::span<const std::string_view> known_values(ParticipantField field) noexcept {
  switch (field) {
    case ParticipantField::compute_unit:
      return participant_values::compute_unit;
    case ParticipantField::browser:
      return participant_values::browser;
    case ParticipantField::location:
      return participant_values::location;
    case ParticipantField::network:
      return participant_values::network;
    case ParticipantField::audio_feed:
      return participant_values::audio_feed;
    case ParticipantField::video_feed:
      return participant_values::video_feed;
  }
  return {};
}

/// The field's name as the API and the manifest spell it: "compute_unit", "video_feed", ...
constexpr std::string_view field_name(ParticipantField field) noexcept {
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
  }
  return {};
}

/// Whether `value` is one of the field's known values (exact, case-sensitive).
constexpr bool is_known_value(ParticipantField field, std::string_view value) noexcept {
  for (const auto known : known_values(field)) {
    if (known == value) return true;
  }
  return false;
}

/// The compute units one participant of `compute_unit` uses ("g0.5" -> 0.5, "g12" -> 12), as
/// Loadero bills them; nullopt for a value not in the list.
constexpr std::optional<double> compute_unit_value(std::string_view compute_unit) noexcept {
  if (compute_unit == "g0.5") return 0.5;
  if (compute_unit == "g1") return 1;
  if (compute_unit == "g2") return 2;
  if (compute_unit == "g4") return 4;
  if (compute_unit == "g6") return 6;
  if (compute_unit == "g8") return 8;
  if (compute_unit == "g12") return 12;
  return std::nullopt;
}

}  // namespace loadero
