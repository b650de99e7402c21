#pragma once
// Glob patterns for `keep:` (and anything else that matches live names). Pure functions, shared
// by the manifest loader (which rejects malformed patterns) and the planner (which matches).

#include <optional>
#include <string>
#include <string_view>

namespace loadero_sync {

/// fnmatch-style matching of a whole name: `*` any run of characters (also empty), `?` one
/// character, `[abc]` / `[a-z]` / `[!a-z]` (or `[^a-z]`) one character of a set, `\x` a literal x.
/// Matching is by byte, case-sensitive, and `*` also matches '/'. A malformed pattern (see
/// glob_error) matches nothing. Runs in O(|pattern| * |text|); never throws except std::bad_alloc.
bool glob_match(std::string_view pattern, std::string_view text);

/// Why `pattern` is malformed ("empty pattern", "unclosed '[' at offset 3", "reversed range 'z-a'
/// at offset 0", "trailing backslash"), or nullopt when it is valid. `]` right after `[` or `[!`
/// is a literal, as in fnmatch. Never throws except std::bad_alloc.
std::optional<std::string> glob_error(std::string_view pattern);

}  // namespace loadero_sync
