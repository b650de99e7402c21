#include "loadero_sync/text.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace loadero_sync {

namespace {

// Appends `c`, writing a control byte as \n, \t or \xNN.
void append_printable(std::string& out, char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (c == '\n') {
    out += "\\n";
  } else if (c == '\t') {
    out += "\\t";
  } else if (byte < 0x20 || byte == 0x7f) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
    out += buffer;
  } else {
    out += c;
  }
}

}  // namespace

std::string quote_name(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    append_printable(out, c);
  }
  out += '"';
  return out;
}

std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) append_printable(out, c);
  return out;
}

std::string test_label(std::optional<std::int64_t> test_id, std::string_view name) {
  std::string label = "test";
  if (test_id) label += " " + std::to_string(*test_id);
  if (!name.empty()) label += " " + quote_name(name);
  return label;
}

std::string join_ids(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const auto id : ids) {
    if (!out.empty()) out += ", ";
    out += std::to_string(id);
  }
  return out.empty() ? "none" : out;
}

std::string plural(std::size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

namespace {

// Optimal-string-alignment distance: a swapped pair of letters ("nmae") costs one edit. With
// `fold`, ASCII letters compare without case.
std::size_t edit_distance(std::string_view a, std::string_view b, bool fold) {
  const auto same = [fold](char x, char y) {
    if (!fold) return x == y;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > 64) return {};
  // Case is the commonest slip in values ("chromelatest", "EU-CENTRAL-1"), so the distance that
  // ignores case ranks first and decides the cut-off; the exact distance only breaks ties.
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(2, word.size() / 2));
  std::string best;
  std::pair<std::size_t, std::size_t> best_distance{limit + 1, 0};
  for (const std::string& candidate : candidates) {
    if (candidate == word) continue;
    const std::size_t folded = edit_distance(word, candidate, true);
    if (folded > limit) continue;
    const std::pair<std::size_t, std::size_t> dist{folded, edit_distance(word, candidate, false)};
    if (dist < best_distance) {
      best_distance = dist;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string best = closest(word, candidates);
  return best.empty() ? std::string() : "did you mean '" + best + "'?";
}

}  // namespace loadero_sync
