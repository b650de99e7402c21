#include "loadero_sync/diagnostics.hpp"

#include <algorithm>
#include <string_view>

namespace loadero_sync {
namespace {

constexpr std::string_view k_bold = "\x1b[1m";
constexpr std::string_view k_red = "\x1b[1;31m";
constexpr std::string_view k_magenta = "\x1b[1;35m";
constexpr std::string_view k_green = "\x1b[1;32m";
constexpr std::string_view k_cyan = "\x1b[1;36m";
constexpr std::string_view k_reset = "\x1b[0m";

void append_styled(std::string& out, std::string_view text, std::string_view style, Color color) {
  if (color == Color::on) out += style;
  out += text;
  if (color == Color::on) out += k_reset;
}

/// The spaces (or tabs, copied from the source so the caret lines up) before the caret. `column`
/// counts code points, so UTF-8 continuation bytes take no room.
std::string caret_indent(std::string_view line, int column) {
  std::string out;
  int cp = 1;
  for (const char c : line) {
    if (cp >= column) break;
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
    ++cp;
  }
  while (cp < column) {
    out += ' ';
    ++cp;
  }
  return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d, Color color) {
  std::string out;
  std::string location = d.pos.file;
  if (d.pos.line > 0) {
    location += ':' + std::to_string(d.pos.line);
    if (d.pos.column > 0) location += ':' + std::to_string(d.pos.column);
  }
  if (!location.empty()) {
    append_styled(out, location + ":", k_bold, color);
    out += ' ';
  }
  if (d.severity == Severity::error) {
    append_styled(out, "error:", k_red, color);
  } else {
    append_styled(out, "warning:", k_magenta, color);
  }
  out += ' ';
  append_styled(out, d.message, k_bold, color);
  out += '\n';
  if (d.pos.line > 0 && !d.source_line.empty()) {
    std::string number = std::to_string(d.pos.line);
    const std::size_t width = std::max<std::size_t>(5, number.size() + 1);
    out += std::string(width - number.size(), ' ') + number + " | " + d.source_line + '\n';
    const int caret = d.caret_column > 0 ? d.caret_column : d.pos.column;
    if (caret > 0) {
      out += std::string(width, ' ') + " | " + caret_indent(d.source_line, caret);
      append_styled(out, "^", k_green, color);
      out += '\n';
    }
  }
  if (!d.hint.empty()) {
    out += "  ";
    append_styled(out, "hint:", k_cyan, color);
    out += ' ' + d.hint + '\n';
  }
  return out;
}

std::size_t error_count(const std::vector<Diagnostic>& diagnostics) {
  return static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics, Color color) {
  if (diagnostics.empty()) return {};
  std::string out;
  for (const Diagnostic& d : diagnostics) out += format_diagnostic(d, color);
  const std::size_t errors = error_count(diagnostics);
  const std::size_t warnings = diagnostics.size() - errors;
  out += std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
         std::to_string(warnings) + (warnings == 1 ? " warning\n" : " warnings\n");
  return out;
}

}  // namespace loadero_sync
