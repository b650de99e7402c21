#pragma once
// RFC 3339 timestamps as the Loadero API sends them ("created", "updated").

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace loadero {

/// A point in time with millisecond precision (UTC).
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// Parses RFC 3339: "2021-02-02T12:00:25Z", "2022-04-01T13:54:25.689Z",
/// "2022-04-01T15:54:25.689+02:00" (fractional seconds optional, any number of digits, truncated
/// to milliseconds; 'T'/'t' or ' ' as separator; 'Z'/'z' or a +hh:mm / -hh:mm offset).
/// Returns std::nullopt if `text` is not such a timestamp.
std::optional<Timestamp> parse_timestamp(std::string_view text);

/// Formats as RFC 3339 in UTC: "2021-02-02T12:00:25Z", or with ".689" when milliseconds are not 0.
std::string format_timestamp(Timestamp time);

}  // namespace loadero
