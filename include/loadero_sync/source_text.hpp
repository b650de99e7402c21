#pragma once
// The text of the manifest files of a run, and the UTF-8 helpers that turn a position in it into a
// diagnostic with the quoted source line and a caret. Every stage builds its diagnostics through
// these (the loader while reading, the live read and the planner later, without reading the files
// again), so an excerpt looks the same whoever reports it. Pure: no I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/model.hpp"

namespace loadero_sync {

/// Offset of the first byte of `text` that does not start or continue a valid UTF-8 sequence
/// (overlong forms, surrogates and code points above U+10FFFF count as invalid), or
/// std::string_view::npos when `text` is valid UTF-8. Never throws.
std::size_t first_invalid_utf8(std::string_view text);

/// Code-point column (0-based) of byte column `byte_column` (0-based) in `line`: the number of
/// code points that start before it. A byte column past the end of the line counts one column per
/// missing byte. Never throws.
int code_point_column(std::string_view line, int byte_column);

/// The reverse of code_point_column: byte column (0-based) where code point `column` (0-based) of
/// `line` starts (in invalid UTF-8, the first byte excerpt_line shows at that column). A column
/// past the last code point counts one byte per missing column; a negative column gives 0. Never
/// throws.
int byte_column_of(std::string_view line, int column);

/// code_point_column for positions visited in order: asking about a later byte of the same line
/// continues from the previous answer, so many sorted positions on one long line cost one pass
/// over it instead of one pass each. Remembers `line` by address only (owns nothing). Cheap to
/// copy.
class CodePointCursor {
 public:
  /// Same result as code_point_column(line, byte_column). Never throws.
  int column(std::string_view line, int byte_column);

 private:
  const char* m_line = nullptr;
  std::size_t m_size = 0;
  std::size_t m_byte = 0;
  int m_code_points = 0;
};

/// A source line made fit for a terminal: valid UTF-8, at most N code points around the caret.
struct LineExcerpt {
  std::string text;      ///< the line, or "...part..." of it; bad bytes shown as U+FFFD
  int caret_column = 1;  ///< 1-based code-point column of the caret within `text`
};

/// Builds the excerpt of `line` (one line, no newline) around byte column `byte_column` (0-based):
/// invalid UTF-8 bytes and control characters other than tab each become U+FFFD; a line longer
/// than `max_code_points` bytes is cut to a window of about `max_code_points` code points around
/// the caret, with "..." on each cut side. Only the window is looked at, so a 4 MB line costs no
/// more than a short one. Never throws except std::bad_alloc.
LineExcerpt excerpt_line(std::string_view line, int byte_column, std::size_t max_code_points = 160);

/// Fills `d.source_line` with the excerpt of `line` around byte column `byte_column` (0-based),
/// and `d.caret_column` with the caret's column in it when that differs from `d.pos.column`
/// (else 0). `line` must be the text of line `d.pos.line` and `d.pos.column - 1` the code-point
/// column of `byte_column`. The one place excerpts and carets are made; SourceTexts::diagnose
/// uses it. Never throws except std::bad_alloc.
void attach_source_line(Diagnostic& d, std::string_view line, int byte_column);

/// The text of every manifest file of a run, by file name as it appears in SourcePos::file, with
/// its line starts indexed once so line lookups cost O(1). Owns the texts. Moving is cheap and
/// keeps every string_view handed out valid; a copy owns copies of the texts.
class SourceTexts {
 public:
  /// Stores `text` as the content of `file` and indexes its lines ('\n' ends a line; a '\r'
  /// before it is not part of the line). A second add for the same file replaces its text (views
  /// into the old text dangle). Never throws except std::bad_alloc.
  void add(std::string file, std::string text);

  /// True when a text was added for `file`.
  [[nodiscard]] bool contains(const std::string& file) const;

  /// The whole text of `file`, or an empty view when it is unknown. Valid until `file` is added
  /// again or this object is destroyed.
  [[nodiscard]] std::string_view text(const std::string& file) const;

  /// Line `line_1based` of `file` without its line ending (CRLF or LF); empty when the file or the
  /// line is unknown (line < 1 or past the end). Same lifetime as text().
  [[nodiscard]] std::string_view line(const std::string& file, int line_1based) const;

  /// A diagnostic at `pos` (1-based line, 1-based code-point column) with `source_line` and
  /// `caret_column` filled from the stored text exactly as the manifest loader fills them (an
  /// excerpt around the column for long lines, bad bytes shown as U+FFFD). When the file or the
  /// line is unknown (pos.line 0 included) source_line stays empty and caret_column 0; a
  /// pos.column of 0 shows the line without a caret. Never throws except std::bad_alloc.
  [[nodiscard]] Diagnostic diagnose(Severity severity, const SourcePos& pos, std::string message,
                                    std::string hint = {}) const;

 private:
  struct File {
    std::string text;
    std::vector<std::size_t> line_starts;  ///< offset of each line's first byte; [0] == 0
  };

  [[nodiscard]] const File* find(const std::string& file) const;
  [[nodiscard]] static std::optional<std::string_view> line_of(const File& f, int line_1based);

  // Node-based: adding a file never moves the texts of the others.
  std::unordered_map<std::string, File> m_files;
};

}  // namespace loadero_sync
