#include <doctest/doctest.h>

#include "loadero_sync/diagnostics.hpp"

using loadero_sync::Color;
using loadero_sync::Diagnostic;
using loadero_sync::format_diagnostic;
using loadero_sync::format_diagnostics;
using loadero_sync::Severity;
using loadero_sync::SourcePos;

TEST_CASE(
    "a diagnostic shows file:line:col, the source line, a caret under the column and the hint") {
  const Diagnostic d{Severity::error,
                     SourcePos{"loadero.yaml", 12, 16},
                     "count must be an integer >= 1",
                     "        count: 0",
                     "found 0",
                     0};
  CHECK(format_diagnostic(d) ==
        "loadero.yaml:12:16: error: count must be an integer >= 1\n"
        "   12 |         count: 0\n"
        "      |                ^\n"
        "  hint: found 0\n");
}

TEST_CASE("a diagnostic without a line shows only the file and the message") {
  const Diagnostic d{
      Severity::error, SourcePos{"empty.yaml", 0, 0}, "manifest is empty", "", "", 0};
  CHECK(format_diagnostic(d) == "empty.yaml: error: manifest is empty\n");
}

TEST_CASE("a warning is labelled warning") {
  const Diagnostic d{
      Severity::warning, SourcePos{"a.yaml", 0, 0}, "file declares no tests", "", "", 0};
  CHECK(format_diagnostic(d) == "a.yaml: warning: file declares no tests\n");
}

TEST_CASE("the caret copies tabs and skips UTF-8 continuation bytes so it lines up with the text") {
  const Diagnostic d{Severity::error, SourcePos{"a.yaml", 3, 5}, "m", "\t\xC3\xA9x y", "", 0};
  CHECK(format_diagnostic(d) ==
        "a.yaml:3:5: error: m\n"
        "    3 | \t\xC3\xA9x y\n"
        "      | \t   ^\n");
}

TEST_CASE("line numbers wider than the gutter widen it") {
  const Diagnostic d{Severity::error, SourcePos{"a.yaml", 123456, 1}, "m", "x", "", 0};
  CHECK(format_diagnostic(d) ==
        "a.yaml:123456:1: error: m\n"
        " 123456 | x\n"
        "        | ^\n");
}

TEST_CASE("an excerpt of a long line puts the caret at caret_column") {
  const Diagnostic d{Severity::error, SourcePos{"a.yaml", 1, 500}, "m", "...abc", "", 5};
  CHECK(format_diagnostic(d) ==
        "a.yaml:1:500: error: m\n"
        "    1 | ...abc\n"
        "      |     ^\n");
}

TEST_CASE("colour wraps the location, the severity, the caret and the hint label in ANSI codes") {
  const Diagnostic d{Severity::error, SourcePos{"a.yaml", 1, 1}, "bad", "x", "fix it", 0};
  CHECK(format_diagnostic(d, Color::on) ==
        "\x1b[1ma.yaml:1:1:\x1b[0m \x1b[1;31merror:\x1b[0m \x1b[1mbad\x1b[0m\n"
        "    1 | x\n"
        "      | \x1b[1;32m^\x1b[0m\n"
        "  \x1b[1;36mhint:\x1b[0m fix it\n");
}

TEST_CASE("a list of diagnostics ends with a count of errors and warnings") {
  const std::vector<Diagnostic> list{
      Diagnostic{Severity::error, SourcePos{"a.yaml", 0, 0}, "one", "", "", 0},
      Diagnostic{Severity::warning, SourcePos{"a.yaml", 0, 0}, "two", "", "", 0},
      Diagnostic{Severity::error, SourcePos{"b.yaml", 0, 0}, "three", "", "", 0},
  };
  CHECK(format_diagnostics(list) ==
        "a.yaml: error: one\n"
        "a.yaml: warning: two\n"
        "b.yaml: error: three\n"
        "2 errors, 1 warning\n");
  CHECK(loadero_sync::error_count(list) == 2);
  CHECK(format_diagnostics({}) == "");
}
