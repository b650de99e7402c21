#pragma once
// Helpers shared by the manifest unit tests.

#include <string>
#include <string_view>

#include "loadero_sync/manifest.hpp"

namespace manifest_test {

/// Loads `text` as "m.yaml" and renders every diagnostic (without the summary line).
inline std::string problems(std::string_view text, const loadero_sync::LoadLimits& limits = {}) {
  const loadero_sync::LoadResult result = loadero_sync::load_manifest_text(text, "m.yaml", limits);
  std::string out;
  for (const loadero_sync::Diagnostic& d : result.diagnostics)
    out += loadero_sync::format_diagnostic(d);
  return out;
}

/// The first line ("m.yaml:3:5: error: ...") of every diagnostic, joined by '\n'.
inline std::string headlines(std::string_view text, const loadero_sync::LoadLimits& limits = {}) {
  const loadero_sync::LoadResult result = loadero_sync::load_manifest_text(text, "m.yaml", limits);
  std::string out;
  for (const loadero_sync::Diagnostic& d : result.diagnostics) {
    const std::string full = loadero_sync::format_diagnostic(d);
    out += full.substr(0, full.find('\n') + 1);
  }
  return out;
}

/// A valid manifest with one test and the given group entries (already indented by 6 spaces).
inline std::string with_groups(std::string_view groups) {
  return "version: 1\ntests:\n  - test_id: 6866\n    groups:\n" + std::string(groups);
}

/// A manifest whose one group "Callers" lists `participants` (entries indented by 10 spaces, their
/// keys by 12; the first entry is on line 8).
inline std::string with_participants(const std::string& participants) {
  return "version: 1\ntests:\n  - test_id: 6866\n    groups:\n      - name: Callers\n"
         "        count: 1\n        participants:\n" +
         participants;
}

/// One participant named P (count 1) with `settings` (keys indented by 12 spaces, from line 10).
inline std::string with_settings(const std::string& settings) {
  return with_participants("          - name: P\n            count: 1\n" + settings);
}

}  // namespace manifest_test
