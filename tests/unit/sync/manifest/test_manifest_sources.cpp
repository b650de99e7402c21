// LoadResult::sources: the manifest texts kept for later stages, whose diagnostics must look
// exactly like the loader's own.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "manifest_test_util.hpp"

using loadero_sync::Diagnostic;
using loadero_sync::load_manifest_text;
using loadero_sync::LoadResult;
using manifest_test::with_groups;

namespace {

/// Each diagnostic of `result` that has a line, rebuilt through result.sources.diagnose.
std::vector<Diagnostic> rebuilt(const LoadResult& result) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.pos.line > 0)
      out.push_back(result.sources.diagnose(d.severity, d.pos, d.message, d.hint));
  }
  return out;
}

std::vector<Diagnostic> with_lines(const LoadResult& result) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.pos.line > 0) out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("load_manifest_text keeps the document under its file name") {
  const std::string text = "version: 1\ntests:\n  - test_id: 5\n";
  const LoadResult result = load_manifest_text(text, "inline.yaml");
  CHECK(result.ok());
  CHECK(result.sources.text("inline.yaml") == text);
  CHECK(result.sources.line("inline.yaml", 3) == "  - test_id: 5");
  CHECK(result.sources.line("m.yaml", 1).empty());
}

TEST_CASE("sources.diagnose rebuilds every loader diagnostic exactly") {
  std::string flood = "version: 1\ntests: [";
  for (int i = 0; i < 3000; ++i) flood += "5,";
  flood += "5]\n";
  const std::vector<std::string> inputs = {
      with_groups("      - name: Callers\n        count: 0\n        cont: 3\n"),
      with_groups("      - {name: \"Zürich ☎\", count: 0}\n"),
      "version: 1\ntests:\n  - test_name: \"caf\xE9\"\n",
      "version: 1\n\xC0\xAF: x\n",
      "version: 1\nx: a\x80"
      "b\x80\n",
      "version: 1\r\ntests:\r\n  - test_id: 0\r\n    prune: 3\r\n",
      "version: 1\ntests: [" + std::string(300, ' ') + "5]\n",
      "version: 1\ntests: [" + std::string(300, ' ') + "\"☎☎☎\", 5]\n",
      "version: 1\ntests: [\n  - a\n",
      flood,
  };
  for (const std::string& text : inputs) {
    CAPTURE(text.substr(0, 80));
    const LoadResult result = load_manifest_text(text, "m.yaml");
    REQUIRE_FALSE(with_lines(result).empty());
    CHECK(rebuilt(result) == with_lines(result));
  }
}

TEST_CASE("a later stage can point at a declared group with the loader's excerpt") {
  const LoadResult result =
      load_manifest_text(with_groups("      - name: Callers\n        count: 2\n"), "m.yaml");
  REQUIRE(result.ok());
  const loadero_sync::DesiredGroup& group = result.manifest.tests.at(0).groups.at(0);
  CHECK(loadero_sync::format_diagnostic(result.sources.diagnose(
            loadero_sync::Severity::error, group.source, "no such group to copy from",
            "declare it or fix duplicate_from")) ==
        "m.yaml:5:9: error: no such group to copy from\n"
        "    5 |       - name: Callers\n"
        "      |         ^\n"
        "  hint: declare it or fix duplicate_from\n");
}
