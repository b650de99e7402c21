#pragma once
// Small wording helpers shared by the command implementations.

#include <cstddef>
#include <string>

namespace loadero_sync::cli {

/// `text` as a JSON string literal (double quotes, escapes; invalid UTF-8 replaced), so a group or
/// test name can neither break a line nor send terminal escapes.
std::string quoted(const std::string& text);

/// "1 group", "3 groups".
std::string plural(std::size_t count, const std::string& word);

}  // namespace loadero_sync::cli
