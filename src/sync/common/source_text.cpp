#include "loadero_sync/source_text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

namespace loadero_sync {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return npos;
}

int code_point_column(std::string_view line, int byte_column) {
  return CodePointCursor().column(line, byte_column);
}

int byte_column_of(std::string_view line, int column) {
  if (column <= 0) return 0;
  int seen = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    if (seen == column) return static_cast<int>(i);
    const auto c = static_cast<unsigned char>(line[i]);
    // A stray continuation byte takes no column (as in code_point_column) but is shown as its own
    // U+FFFD by excerpt_line, so a caret may land on it; a valid sequence is stepped over whole.
    if (is_continuation(line[i])) {
      ++i;
      continue;
    }
    ++seen;
    const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    const bool valid =
        len == 1 || (i + len <= line.size() && first_invalid_utf8(line.substr(i, len)) == npos);
    i += valid ? len : 1;
  }
  return static_cast<int>(line.size()) + (column - seen);
}

int CodePointCursor::column(std::string_view line, int byte_column) {
  const std::size_t target =
      std::min(static_cast<std::size_t>(std::max(byte_column, 0)), line.size());
  if (m_line != line.data() || m_size != line.size() || m_byte > target) {
    m_line = line.data();
    m_size = line.size();
    m_byte = 0;
    m_code_points = 0;
  }
  for (; m_byte < target; ++m_byte) {
    if (!is_continuation(line[m_byte])) ++m_code_points;
  }
  return m_code_points + (byte_column - static_cast<int>(target));
}

LineExcerpt excerpt_line(std::string_view line, int byte_column, std::size_t max_code_points) {
  const auto is_lead = [&](std::size_t i) { return !is_continuation(line[i]); };
  const std::size_t caret =
      std::min(static_cast<std::size_t>(std::max(byte_column, 0)), line.size());
  // Only a window around the caret is looked at, so a 4 MB line costs no more than a short one.
  std::size_t begin = 0;
  std::size_t end = line.size();
  if (line.size() > max_code_points) {
    begin = caret;
    for (std::size_t n = 0; begin > 0 && n < max_code_points / 2;) {
      --begin;
      if (is_lead(begin)) ++n;
    }
    end = begin;
    for (std::size_t n = 0; end < line.size() && n < max_code_points;) {
      ++end;
      while (end < line.size() && !is_lead(end)) ++end;
      ++n;
    }
  }
  LineExcerpt out;
  if (begin > 0) out.text = "...";
  int caret_column = static_cast<int>(out.text.size()) + 1;
  // Bad bytes and control characters become U+FFFD (one each) so the excerpt is printable UTF-8.
  for (std::size_t i = begin; i < end;) {
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    const std::size_t bad = first_invalid_utf8(line.substr(i, len));
    const bool valid = bad == npos && i + len <= line.size();
    if (!valid) len = 1;
    if (i < caret) ++caret_column;
    if (valid && ((c >= 0x20 && c != 0x7F) || c == '\t')) {
      out.text.append(line.substr(i, len));
    } else {
      out.text += "\xEF\xBF\xBD";
    }
    i += len;
  }
  if (end < line.size()) out.text += "...";
  caret_column += std::max(byte_column, 0) - static_cast<int>(caret);
  out.caret_column = caret_column;
  return out;
}

void attach_source_line(Diagnostic& d, std::string_view line, int byte_column) {
  LineExcerpt excerpt = excerpt_line(line, byte_column);
  d.caret_column = excerpt.caret_column != d.pos.column ? excerpt.caret_column : 0;
  d.source_line = std::move(excerpt.text);
}

void SourceTexts::add(std::string file, std::string text) {
  File& f = m_files[std::move(file)];
  f.text = std::move(text);
  f.line_starts.clear();
  f.line_starts.push_back(0);
  const char* const data = f.text.data();
  const std::size_t size = f.text.size();
  for (const char* p = data;
       (p = static_cast<const char*>(
            std::memchr(p, '\n', size - static_cast<std::size_t>(p - data)))) != nullptr;) {
    ++p;
    f.line_starts.push_back(static_cast<std::size_t>(p - data));
  }
}

const SourceTexts::File* SourceTexts::find(const std::string& file) const {
  const auto it = m_files.find(file);
  return it == m_files.end() ? nullptr : &it->second;
}

std::optional<std::string_view> SourceTexts::line_of(const File& f, int line_1based) {
  if (line_1based < 1 || static_cast<std::size_t>(line_1based) > f.line_starts.size()) {
    return std::nullopt;
  }
  const std::size_t index = static_cast<std::size_t>(line_1based) - 1;
  const std::size_t start = f.line_starts[index];
  const std::size_t end =
      index + 1 < f.line_starts.size() ? f.line_starts[index + 1] - 1 : f.text.size();
  std::string_view view(f.text.data() + start, end - start);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

bool SourceTexts::contains(const std::string& file) const { return find(file) != nullptr; }

std::string_view SourceTexts::text(const std::string& file) const {
  const File* f = find(file);
  return f == nullptr ? std::string_view() : std::string_view(f->text);
}

std::string_view SourceTexts::line(const std::string& file, int line_1based) const {
  const File* f = find(file);
  if (f == nullptr) return {};
  return line_of(*f, line_1based).value_or(std::string_view());
}

Diagnostic SourceTexts::diagnose(Severity severity, const SourcePos& pos, std::string message,
                                 std::string hint) const {
  Diagnostic d;
  d.severity = severity;
  d.pos = pos;
  d.message = std::move(message);
  d.hint = std::move(hint);
  const File* f = find(pos.file);
  if (f == nullptr) return d;
  const std::optional<std::string_view> text = line_of(*f, pos.line);
  if (!text) return d;
  attach_source_line(d, *text, byte_column_of(*text, pos.column - 1));
  // Without a column there is nowhere to put a caret; the line alone still helps.
  if (pos.column < 1) d.caret_column = 0;
  return d;
}

}  // namespace loadero_sync
