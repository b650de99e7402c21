#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/source_text.hpp"

using loadero_sync::byte_column_of;
using loadero_sync::code_point_column;
using loadero_sync::CodePointCursor;
using loadero_sync::Diagnostic;
using loadero_sync::excerpt_line;
using loadero_sync::first_invalid_utf8;
using loadero_sync::format_diagnostic;
using loadero_sync::LineExcerpt;
using loadero_sync::Severity;
using loadero_sync::SourcePos;
using loadero_sync::SourceTexts;

namespace {

constexpr auto npos = std::string_view::npos;
const std::string replacement = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("first_invalid_utf8 finds the first bad byte and accepts valid text") {
  CHECK(first_invalid_utf8("") == npos);
  CHECK(first_invalid_utf8("plain, Zürich \xE2\x98\x8E \xF0\x9F\x98\x80") == npos);
  CHECK(first_invalid_utf8("caf\xE9!") == 3);           // Latin-1, not UTF-8
  CHECK(first_invalid_utf8("ab\x80") == 2);             // stray continuation byte
  CHECK(first_invalid_utf8("\xC0\xAF") == 0);           // overlong '/'
  CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1);      // surrogate
  CHECK(first_invalid_utf8("x\xF4\x90\x80\x80") == 1);  // beyond U+10FFFF
  CHECK(first_invalid_utf8("ok\xE2\x98") == 2);         // cut short
}

TEST_CASE("columns count code points, and byte_column_of goes back") {
  const std::string line = "- {name: \"Zürich ☎\", count: 0}";
  const int byte = static_cast<int>(line.find("count"));
  CHECK(code_point_column(line, byte) == 21);
  CHECK(byte_column_of(line, 21) == byte);
  for (int b = 0; b <= static_cast<int>(line.size()); ++b) {
    if ((static_cast<unsigned char>(line[static_cast<std::size_t>(b)]) & 0xC0) == 0x80) continue;
    CHECK(byte_column_of(line, code_point_column(line, b)) == b);
  }
  // Past the end both count one per missing byte or column; negative columns clamp to 0.
  CHECK(code_point_column("ab", 5) == 5);
  CHECK(byte_column_of("ab", 5) == 5);
  CHECK(byte_column_of("ab", -3) == 0);
  // A stray continuation byte takes no column but is where the caret lands.
  CHECK(code_point_column("a\x80"
                          "b",
                          1) == 1);
  CHECK(byte_column_of("a\x80"
                       "b",
                       1) == 1);
}

TEST_CASE("a cursor gives code_point_column's answers, visited in any order") {
  const std::string line = "é" + std::string(50, 'x') + "☎ y";
  CodePointCursor cursor;
  for (const int b : {0, 2, 10, 52, 55, 3, 57, 100}) {
    CHECK(cursor.column(line, b) == code_point_column(line, b));
  }
  CHECK(cursor.column("other", 3) == 3);
}

TEST_CASE("a short line is its own excerpt, with the caret at its code-point column") {
  const LineExcerpt e = excerpt_line("        count: 0", 15);
  CHECK(e.text == "        count: 0");
  CHECK(e.caret_column == 16);
  const LineExcerpt past = excerpt_line("ab", 4);
  CHECK(past.text == "ab");
  CHECK(past.caret_column == 5);
}

TEST_CASE("a long line is cut around the caret") {
  const std::string line = std::string(400, 'a') + "X" + std::string(400, 'b');
  const LineExcerpt e = excerpt_line(line, 400);
  CHECK(e.text == "..." + std::string(80, 'a') + "X" + std::string(79, 'b') + "...");
  CHECK(e.caret_column == 84);
  CHECK(e.text.substr(static_cast<std::size_t>(e.caret_column) - 1, 1) == "X");
  // Near the start, nothing is cut before.
  const LineExcerpt start = excerpt_line(line, 3);
  CHECK(start.text == std::string(160, 'a') + "...");
  CHECK(start.caret_column == 4);
  // A narrower window on request.
  CHECK(excerpt_line(line, 400, 10).text == "...aaaaaXbbbb...");
}

TEST_CASE("a multi-byte line keeps its characters whole and counts them as one column each") {
  const std::string line = "  - name: \"Zürich ☎\" # ☎☎";
  const LineExcerpt e = excerpt_line(line, static_cast<int>(line.find('#')));
  CHECK(e.text == line);
  CHECK(e.caret_column == 22);
  // A cut never splits a character.
  std::string wide;
  for (int i = 0; i < 300; ++i) wide += "☎";
  const LineExcerpt cut = excerpt_line(wide, 3 * 150);
  CHECK(first_invalid_utf8(cut.text) == npos);
  CHECK(cut.text.substr(0, 3) == "...");
  CHECK(cut.caret_column == 84);
}

TEST_CASE("invalid bytes and control characters become U+FFFD, one each") {
  const LineExcerpt e = excerpt_line(
      "a\xFF\x01"
      "b\x80\tc",
      5);
  CHECK(e.text == "a" + replacement + replacement + "b" + replacement + "\tc");
  CHECK(e.caret_column == 6);
  CHECK(first_invalid_utf8(e.text) == npos);
  // A sequence cut short by the end of the line.
  CHECK(excerpt_line("x\xE2\x98", 1).text == "x" + replacement + replacement);
}

TEST_CASE("source texts give lines without their line ends, CRLF included") {
  SourceTexts texts;
  texts.add("crlf.yaml", "version: 1\r\ntests:\r\n  - test_id: 0\r\n");
  texts.add("lf.yaml", "a\n\nb");
  CHECK(texts.contains("crlf.yaml"));
  CHECK(texts.line("crlf.yaml", 1) == "version: 1");
  CHECK(texts.line("crlf.yaml", 3) == "  - test_id: 0");
  CHECK(texts.line("crlf.yaml", 4) == "");
  CHECK(texts.line("lf.yaml", 1) == "a");
  CHECK(texts.line("lf.yaml", 2) == "");
  CHECK(texts.line("lf.yaml", 3) == "b");
  CHECK(texts.text("lf.yaml") == "a\n\nb");
  // Adding again replaces the text.
  texts.add("lf.yaml", "c\n");
  CHECK(texts.line("lf.yaml", 1) == "c");
  CHECK(texts.line("lf.yaml", 3) == "");
}

TEST_CASE("unknown files and lines give empty lines and diagnostics without a source line") {
  SourceTexts texts;
  texts.add("m.yaml", "version: 1\n");
  CHECK_FALSE(texts.contains("other.yaml"));
  CHECK(texts.text("other.yaml").empty());
  CHECK(texts.line("other.yaml", 1).empty());
  CHECK(texts.line("m.yaml", 0).empty());
  CHECK(texts.line("m.yaml", -1).empty());
  CHECK(texts.line("m.yaml", 3).empty());

  const Diagnostic unknown_file =
      texts.diagnose(Severity::error, SourcePos{"other.yaml", 1, 1}, "gone", "check it");
  CHECK(unknown_file ==
        Diagnostic{Severity::error, SourcePos{"other.yaml", 1, 1}, "gone", "", "check it", 0});
  const Diagnostic unknown_line =
      texts.diagnose(Severity::warning, SourcePos{"m.yaml", 7, 2}, "far");
  CHECK(unknown_line.source_line.empty());
  CHECK(unknown_line.caret_column == 0);
  CHECK(format_diagnostic(texts.diagnose(Severity::error, SourcePos{"m.yaml", 0, 0}, "whole")) ==
        "m.yaml: error: whole\n");
  // A line without a column is shown without a caret.
  CHECK(format_diagnostic(texts.diagnose(Severity::error, SourcePos{"m.yaml", 1, 0}, "here")) ==
        "m.yaml:1: error: here\n"
        "    1 | version: 1\n");
}

TEST_CASE("diagnose renders like the manifest loader's diagnostic at the same place") {
  // The text and expectation of the loader's test "a count below 1 is an error pointing at the
  // value" (tests/unit/sync/manifest): same line, caret and hint.
  SourceTexts texts;
  texts.add("m.yaml",
            "version: 1\ntests:\n  - test_id: 6866\n    groups:\n"
            "      - name: Callers\n        count: 0\n");
  const Diagnostic d =
      texts.diagnose(Severity::error, SourcePos{"m.yaml", 6, 16}, "count must be an integer >= 1",
                     "found 0; to delete the group, write `ensure: absent` instead");
  CHECK(format_diagnostic(d) ==
        "m.yaml:6:16: error: count must be an integer >= 1\n"
        "    6 |         count: 0\n"
        "      |                ^\n"
        "  hint: found 0; to delete the group, write `ensure: absent` instead\n");
}

TEST_CASE("diagnose shows a long line as an excerpt with the caret moved into it") {
  // As the loader's "a very long line is shown as an excerpt around the column".
  SourceTexts texts;
  texts.add("m.yaml", "version: 1\ntests: [" + std::string(300, ' ') + "5]\n");
  const Diagnostic d =
      texts.diagnose(Severity::error, SourcePos{"m.yaml", 2, 309}, "bad", "found 5");
  CHECK(d.source_line == "..." + std::string(80, ' ') + "5]");
  CHECK(d.caret_column == 84);
  CHECK(format_diagnostic(d) == "m.yaml:2:309: error: bad\n    2 | ..." + std::string(80, ' ') +
                                    "5]\n      | " + std::string(83, ' ') + "^\n  hint: found 5\n");
}

TEST_CASE("diagnose finds the byte of a code-point column after multi-byte text and bad bytes") {
  SourceTexts texts;
  texts.add("m.yaml", "x: \"Zürich ☎\" # é\nname: \"caf\xE9\"\n");
  const Diagnostic multi = texts.diagnose(Severity::error, SourcePos{"m.yaml", 1, 15}, "m");
  CHECK(format_diagnostic(multi) ==
        "m.yaml:1:15: error: m\n"
        "    1 | x: \"Zürich ☎\" # é\n"
        "      |               ^\n");
  const Diagnostic bad = texts.diagnose(Severity::error, SourcePos{"m.yaml", 2, 11}, "m");
  CHECK(bad.source_line == "name: \"caf" + replacement + "\"");
  CHECK(bad.caret_column == 0);
}

TEST_CASE("source texts move without invalidating the lines handed out") {
  SourceTexts texts;
  texts.add("a.yaml", "short\n");
  texts.add("b.yaml", std::string(1000, 'x') + "\n");
  const std::string_view a = texts.line("a.yaml", 1);
  const std::string_view b = texts.line("b.yaml", 1);
  const SourceTexts moved = std::move(texts);
  CHECK(moved.line("a.yaml", 1).data() == a.data());
  CHECK(moved.line("b.yaml", 1).data() == b.data());
  const SourceTexts copy = moved;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(copy.line("b.yaml", 1) == b);
}
