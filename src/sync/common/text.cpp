#include "loadero_sync/text.hpp"

#include <algorithm>
#include <cstdio>

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

}  // namespace loadero_sync
