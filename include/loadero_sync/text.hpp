#pragma once
// Wording helpers every stage shares, so a name is quoted and a test is labelled the same way in a
// diagnostic, a plan, a drift report and an apply report.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadero_sync {

/// `"name"` with `"` and `\` backslash-escaped and control bytes written as \n, \t or \xNN, so a
/// group or test name can neither break a line nor send terminal escapes. Never throws except
/// std::bad_alloc.
std::string quote_name(std::string_view text);

/// `text` with control bytes written as \n, \t or \xNN (for free text such as API messages).
std::string printable(std::string_view text);

/// `test 6866 "Checkout flow"`; `test 6866` when the name is empty; `test "Checkout flow"` when the
/// id is unknown (a manifest test declared by name that is not resolved yet).
std::string test_label(std::optional<std::int64_t> test_id, std::string_view name = {});

/// "11, 12, 40" (sorted, comma-separated); "none" when `ids` is empty.
std::string join_ids(std::vector<std::int64_t> ids);

/// "1 group", "3 groups" (the plural adds an "s").
std::string plural(std::size_t count, std::string_view word);

/// The candidate closest to `word` (at most 1 edit for words of up to 3 characters, else 2;
/// letters that differ only in case count first, so "chromelatest" finds "chromeLatest" and
/// "EU-CENTRAL-1" finds "eu-central-1"; a swapped pair of letters is one edit), or "" when none is
/// close or `word` is longer than 64 bytes. A candidate equal to `word` is skipped. The one
/// did-you-mean of the manifest loader and the command line.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

/// "did you mean 'count'?" when closest finds a candidate, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace loadero_sync
