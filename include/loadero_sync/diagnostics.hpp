#pragma once
// Diagnostics: errors and warnings about user input (manifests), each tied to a position in a file,
// with the offending source line, a caret under the column and a hint on how to fix it.

#include <cstddef>
#include <string>
#include <vector>

#include "loadero_sync/color.hpp"
#include "loadero_sync/model.hpp"

namespace loadero_sync {

/// How bad a diagnostic is. Any `error` makes a run fail (exit 1); warnings are only shown.
enum class Severity { error, warning };

/// One finding about the input.
struct Diagnostic {
  Severity severity = Severity::error;
  SourcePos pos;        ///< file is always set; line/column are 0 when unknown (e.g. I/O errors)
  std::string message;  ///< one line, no trailing period: "count must be an integer >= 1"
  std::string source_line;  ///< the text of line `pos.line` (no newline), empty when unknown
  std::string hint;         ///< how to fix it, may be empty: "did you mean 'count'?"
  /// Where the caret goes in `source_line` (1-based code points) when that differs from
  /// pos.column, i.e. when source_line is an excerpt of a very long line; 0 = use pos.column.
  int caret_column = 0;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// Renders one diagnostic, always ending in '\n'. Layout (gcc/clang style):
///
///     loadero.yaml:12:14: error: count must be an integer >= 1
///        12 |     count: 0
///           |            ^
///       hint: use a whole number of participants, for example `count: 1`
///
/// The source/caret lines appear only when `pos.line > 0` and `source_line` is set; the hint line
/// only when `hint` is set. Without a line the first line reads `file: error: message`.
/// With `Color::on` the location is bold, "error:" bold red, "warning:" bold magenta, the caret
/// green. Never throws except std::bad_alloc.
std::string format_diagnostic(const Diagnostic& d, Color color = Color::off);

/// Renders every diagnostic in order (each as by format_diagnostic), followed by a summary line
/// "N error(s), M warning(s)\n" ("1 error" / "2 errors"); returns "" for an empty list.
std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics,
                               Color color = Color::off);

/// Number of diagnostics of severity `error`.
std::size_t error_count(const std::vector<Diagnostic>& diagnostics);

}  // namespace loadero_sync
