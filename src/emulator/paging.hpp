#pragma once
// Which slice of a list one paged response carries, and what its `pagination` object says.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace loadero_emulator {

/// The slice [begin, end) of a list and the numbers of its `pagination` object.
struct PageWindow {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::int64_t limit = 0;  ///< as reported: 0 when everything from offset on is returned
  std::int64_t offset = 0;
  std::int64_t page = 1;         ///< 1-based: offset / limit + 1
  std::int64_t total_pages = 1;  ///< ceil(total / limit), at least 1
  std::int64_t total_items = 0;
};

/// Computes the window for a list of `total_items` items.
/// `limit`: the client's limit; nullopt or 0 means "everything" (the real API's behaviour).
/// `offset`: items to skip (>= 0).
/// `max_page_size`: the emulator's --max-page-size; when set it caps every page, even when the
/// limit is omitted, and the reported limit is then the cap, so clients see that they must page.
PageWindow compute_page(std::size_t total_items, std::optional<std::int64_t> limit,
                        std::int64_t offset, std::optional<std::int64_t> max_page_size);

/// Parses a non-negative decimal integer query value ("0", "25"). Returns nullopt for anything
/// else (signs, spaces, empty text, overflow).
std::optional<std::int64_t> parse_non_negative(const std::string_view text);

}  // namespace loadero_emulator
