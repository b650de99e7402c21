#pragma once
// The planner's own glob matcher for `keep:` patterns. It mirrors manifest.hpp's glob_match
// (the planner may not depend on the manifest library): `*`, `?`, `[abc]`, `[a-z]`, `[!a-z]` or
// `[^a-z]`, `\x`; whole-name, by byte, case-sensitive; a malformed pattern matches nothing.

#include <string_view>

namespace loadero_sync::plan_detail {

/// True when `text` matches `pattern` as a whole. Never throws.
bool keep_glob_match(std::string_view pattern, std::string_view text);

}  // namespace loadero_sync::plan_detail
