#include "paging.hpp"

#include <algorithm>
#include <limits>

namespace loadero_emulator {

PageWindow compute_page(std::size_t total_items, std::optional<std::int64_t> limit,
                        std::int64_t offset, std::optional<std::int64_t> max_page_size) {
  std::int64_t effective = limit.value_or(0);
  if (max_page_size && *max_page_size > 0 && (effective == 0 || effective > *max_page_size)) {
    effective = *max_page_size;
  }
  const auto total = static_cast<std::int64_t>(total_items);
  PageWindow window;
  window.limit = effective;
  window.offset = offset;
  window.total_items = total;
  const std::int64_t first = std::min(offset, total);
  const std::int64_t last = effective == 0 ? total : std::min(total, first + effective);
  window.begin = static_cast<std::size_t>(first);
  window.end = static_cast<std::size_t>(last);
  if (effective == 0) {
    window.page = 1;
    window.total_pages = 1;
  } else {
    window.page = offset / effective + 1;
    window.total_pages = std::max<std::int64_t>(1, (total + effective - 1) / effective);
  }
  return window;
}

std::optional<std::int64_t> parse_non_negative(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace loadero_emulator
