#pragma once
// Private: the few string helpers the transport, URL and response code share.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace loadero::detail {

/// `text` in ASCII lower case.
inline std::string to_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

/// `text` without leading and trailing spaces, tabs and line breaks.
inline std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace loadero::detail
