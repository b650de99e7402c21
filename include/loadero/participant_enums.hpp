#pragma once
// Typed participant settings: ComputeUnit, Browser, Location, Network, AudioFeed, VideoFeed (the
// API's enumerations) and MediaType (free text), with their API spellings.
//
// Design: ParticipantParams keeps every setting as the API's string, so a value the API sends
// that these enums do not list (a new location, a versioned browser such as "chrome120") is kept
// and written back unchanged, never refused. The enums are a typed view over those strings:
// to_string(E) gives the API spelling, parse_<setting>(text) the enumerator or std::nullopt for a
// value the lists do not know. The spellings live in loadero/participant_values.hpp (one table
// for the whole project); each enum lists its enumerators in that table's order, so the
// enumerator's number is its index there (checked at compile time).
//
// Enumerator names: the API value in snake_case ("chromeLatest" -> chrome_latest, "eu-central-1"
// -> eu_central_1, "g0.5" -> g0_5). A value that is no C++ identifier (it starts with a digit or
// '-', or is the keyword "default") takes the official Python client's prefix in lower case, '-'
// reading "neg": Network::n_3g, Network::n_default, AudioFeed::af_neg_20db, VideoFeed::vf_720p.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "loadero/participant_values.hpp"

namespace loadero {

/// Machine size of a participant ("g0.5" ... "g12").
enum class ComputeUnit { g0_5, g1, g2, g4, g6, g8, g12 };

/// Browser of a participant ("chromeLatest", "firefoxLatest").
enum class Browser { chrome_latest, firefox_latest };

/// Region a participant runs in ("ap-east-1" ... "us-west-2").
enum class Location {
  ap_east_1,
  ap_northeast_1,
  ap_northeast_2,
  ap_southeast_2,
  ap_south_1,
  eu_central_1,
  eu_west_1,
  eu_west_3,
  sa_east_1,
  us_east_1,
  us_east_2,
  us_west_2
};

/// Network conditions of a participant ("100packet" ... "satellite").
enum class Network {
  n_100packet,
  n_10packet,
  n_20packet,
  n_3g,
  n_4g,
  n_50packet,
  n_5packet,
  asymmetric,
  n_default,
  edge,
  gprs,
  hsdpa,
  jitter,
  latency,
  satellite
};

/// Fake microphone input of a participant ("128kbps" ... "visqol-speech").
enum class AudioFeed {
  af_128kbps,
  af_default,
  dtmf,
  af_neg_20db,
  af_neg_30db,
  af_neg_50db,
  silence,
  visqol_speech
};

/// Fake camera input of a participant ("1080p" ... "default").
enum class VideoFeed {
  vf_1080p,
  vf_1080p_15fps,
  vf_1080p_30fps,
  vf_1080p_5fps,
  vf_1080p_marked_center,
  vf_1080p_marked_top_left,
  vf_1080p_meeting,
  vf_1080p_meeting_clean,
  vf_240p,
  vf_240p_15fps,
  vf_240p_30fps,
  vf_240p_5fps,
  vf_240p_marked_top_left,
  vf_240p_meeting,
  vf_360p,
  vf_360p_15fps,
  vf_360p_30fps,
  vf_360p_5fps,
  vf_360p_marked_top_left,
  vf_360p_meeting,
  vf_480p,
  vf_480p_15fps,
  vf_480p_30fps,
  vf_480p_5fps,
  vf_480p_marked_top_left,
  vf_480p_meeting,
  vf_720p,
  vf_720p_15fps,
  vf_720p_30fps,
  vf_720p_5fps,
  vf_720p_marked,
  vf_720p_marked_top_left,
  vf_720p_meeting,
  vf_default
};

static_assert(static_cast<std::size_t>(ComputeUnit::g12) + 1 ==
              participant_values::compute_units.size());
static_assert(static_cast<std::size_t>(Browser::firefox_latest) + 1 ==
              participant_values::browsers.size());
static_assert(static_cast<std::size_t>(Location::us_west_2) + 1 ==
              participant_values::locations.size());
static_assert(static_cast<std::size_t>(Network::satellite) + 1 ==
              participant_values::networks.size());
static_assert(static_cast<std::size_t>(AudioFeed::visqol_speech) + 1 ==
              participant_values::audio_feeds.size());
static_assert(static_cast<std::size_t>(VideoFeed::vf_default) + 1 ==
              participant_values::video_feeds.size());

namespace detail {

// The spelling of enumerator `value` in `values`; "" for a number outside the enum.
template <class E, std::size_t N>
constexpr std::string_view spelling(const std::array<std::string_view, N>& values,
                                    E value) noexcept {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? values[index] : std::string_view{};
}

// The enumerator spelled `text` in `values`, or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> enumerator(const std::array<std::string_view, N>& values,
                                      std::string_view text) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (values[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace detail

/// The API spelling of each enumerator ("g0.5", "chromeLatest", "eu-central-1", "3g",
/// "-20db", "720p"); "" only for a number cast to the enum that names no enumerator.
constexpr std::string_view to_string(ComputeUnit value) noexcept {
  return detail::spelling(participant_values::compute_units, value);
}
constexpr std::string_view to_string(Browser value) noexcept {
  return detail::spelling(participant_values::browsers, value);
}
constexpr std::string_view to_string(Location value) noexcept {
  return detail::spelling(participant_values::locations, value);
}
constexpr std::string_view to_string(Network value) noexcept {
  return detail::spelling(participant_values::networks, value);
}
constexpr std::string_view to_string(AudioFeed value) noexcept {
  return detail::spelling(participant_values::audio_feeds, value);
}
constexpr std::string_view to_string(VideoFeed value) noexcept {
  return detail::spelling(participant_values::video_feeds, value);
}

/// The enumerator the API spells `text` (exact, case-sensitive match), or std::nullopt for a
/// value the lists do not know (which the caller keeps as text). Never throws.
constexpr std::optional<ComputeUnit> parse_compute_unit(std::string_view text) noexcept {
  return detail::enumerator<ComputeUnit>(participant_values::compute_units, text);
}
constexpr std::optional<Browser> parse_browser(std::string_view text) noexcept {
  return detail::enumerator<Browser>(participant_values::browsers, text);
}
constexpr std::optional<Location> parse_location(std::string_view text) noexcept {
  return detail::enumerator<Location>(participant_values::locations, text);
}
constexpr std::optional<Network> parse_network(std::string_view text) noexcept {
  return detail::enumerator<Network>(participant_values::networks, text);
}
constexpr std::optional<AudioFeed> parse_audio_feed(std::string_view text) noexcept {
  return detail::enumerator<AudioFeed>(participant_values::audio_feeds, text);
}
constexpr std::optional<VideoFeed> parse_video_feed(std::string_view text) noexcept {
  return detail::enumerator<VideoFeed>(participant_values::video_feeds, text);
}

/// A participant's media_type. The API publishes no list of media types, so this is a value type
/// over any text: it exists so that typed code says what the string is
/// (`with_media_type(MediaType("audio-video"))`), not to restrict it.
class MediaType {
 public:
  explicit MediaType(std::string value) : m_value(std::move(value)) {}

  /// The text as the API spells it.
  const std::string& value() const noexcept { return m_value; }

  friend bool operator==(const MediaType&, const MediaType&) = default;

 private:
  std::string m_value;
};

/// The text as the API spells it (the same as media_type.value()).
inline std::string_view to_string(const MediaType& media_type) noexcept {
  return media_type.value();
}

}  // namespace loadero
