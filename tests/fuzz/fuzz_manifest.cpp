// libFuzzer target for the manifest loader: any bytes in, diagnostics out, never a crash, a hang or
// unbounded memory. Also built without libFuzzer as a replay tool (see replay_main.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "loadero_sync/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  loadero_sync::LoadLimits limits;
  limits.max_file_bytes = 1 << 20;
  const loadero_sync::LoadResult result =
      loadero_sync::load_manifest_text(text, "fuzz.yaml", limits);
  // Rendering is part of the surface too (excerpts, carets, UTF-8 handling).
  std::size_t rendered = 0;
  for (const loadero_sync::Diagnostic& d : result.diagnostics)
    rendered += loadero_sync::format_diagnostic(d).size();
  // A valid result must carry a consistent model.
  if (result.ok()) {
    for (const loadero_sync::DesiredTest& t : result.manifest.tests) {
      if (t.test_id.has_value() == t.test_name.has_value()) __builtin_trap();
      for (const loadero_sync::DesiredGroup& g : t.groups) {
        if (g.name.empty() || g.count < 1) __builtin_trap();
      }
    }
  } else if (result.diagnostics.empty() || rendered == 0) {
    __builtin_trap();
  }
  return 0;
}
