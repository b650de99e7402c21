#pragma once
// Internal: the checks on raw manifest text that run before the YAML parser sees it.

#include <optional>
#include <string_view>

#include "loadero_sync/manifest.hpp"
#include "yaml_tree.hpp"

namespace loadero_sync::manifest_detail {

/// The first problem of `text` that must be caught before parsing: size over limits.max_file_bytes,
/// invalid UTF-8, control characters, tabs in indentation, nesting deeper than limits.max_depth
/// (counted without recursing, so `[[[[...` 100,000 deep is refused safely). nullopt when none.
/// Never throws except std::bad_alloc.
std::optional<RawProblem> prescan(std::string_view text, const LoadLimits& limits);

}  // namespace loadero_sync::manifest_detail
