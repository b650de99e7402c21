#include "keep_glob.hpp"

#include <cstddef>
#include <optional>

namespace loadero_sync::plan_detail {
namespace {

// Matches one bracket set starting at pattern[at] == '['. Returns the index just past ']' and
// whether `c` is in the set, or nullopt when the set is malformed.
struct SetMatch {
  std::size_t end = 0;
  bool matched = false;
};

std::optional<SetMatch> match_set(std::string_view pattern, std::size_t at, unsigned char c) {
  std::size_t i = at + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (i < pattern.size()) {
    if (pattern[i] == ']' && !first) return SetMatch{i + 1, matched != negate};
    first = false;
    unsigned char low = static_cast<unsigned char>(pattern[i]);
    if (low == '\\') {
      if (i + 1 >= pattern.size()) return std::nullopt;
      low = static_cast<unsigned char>(pattern[++i]);
    }
    ++i;
    unsigned char high = low;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      high = static_cast<unsigned char>(pattern[i + 1]);
      i += 2;
      if (high == '\\') {
        if (i >= pattern.size()) return std::nullopt;
        high = static_cast<unsigned char>(pattern[i++]);
      }
    }
    if (high < low) return std::nullopt;  // reversed range, as the manifest's glob_error says
    if (low <= c && c <= high) matched = true;
  }
  return std::nullopt;  // unclosed '['
}

bool well_formed(std::string_view pattern) {
  if (pattern.empty()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 >= pattern.size()) return false;
      ++i;
    } else if (pattern[i] == '[') {
      // A set is well formed when it closes; which byte we test does not matter.
      const auto set = match_set(pattern, i, 0);
      if (!set) return false;
      i = set->end - 1;
    }
  }
  return true;
}

}  // namespace

bool keep_glob_match(std::string_view pattern, std::string_view text) {
  if (!well_formed(pattern)) return false;
  std::size_t p = 0;
  std::size_t t = 0;
  std::optional<std::size_t> star_p;  // position after the last '*'
  std::size_t star_t = 0;             // text position that '*' currently swallows up to
  while (t < text.size()) {
    bool advanced = false;
    if (p < pattern.size()) {
      const char pc = pattern[p];
      if (pc == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (pc == '?') {
        ++p;
        ++t;
        advanced = true;
      } else if (pc == '[') {
        const auto set = match_set(pattern, p, static_cast<unsigned char>(text[t]));
        if (set && set->matched) {
          p = set->end;
          ++t;
          advanced = true;
        }
      } else {
        char literal = pc;
        std::size_t next = p + 1;
        if (pc == '\\') {
          literal = pattern[p + 1];
          next = p + 2;
        }
        if (literal == text[t]) {
          p = next;
          ++t;
          advanced = true;
        }
      }
    }
    if (!advanced) {
      if (!star_p) return false;
      p = *star_p;
      t = ++star_t;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace loadero_sync::plan_detail
