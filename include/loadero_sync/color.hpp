#pragma once
// Whether a renderer may use ANSI colours. Shared by the diagnostics and report writers.

namespace loadero_sync {

/// `on` only when the output is a terminal and neither NO_COLOR nor --no-color is set; the
/// caller (the CLI) decides, writers only obey.
enum class Color { off, on };

}  // namespace loadero_sync
