#pragma once
// Selecting tests (`--test ID|NAME`, like Terraform's -target) and reading a manifest from
// standard input (`-f -`). No CLI11 and no API here, so it can be tested on its own.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "loadero_sync/gateway.hpp"
#include "loadero_sync/manifest.hpp"
#include "loadero_sync/model.hpp"

namespace loadero_sync::cli {

/// Keeps only the manifest tests that one of `values` selects, in manifest order: a value made of
/// digits selects the test declared with that test_id, and any value selects the test declared
/// with that exact test_name (a test declared by id is selected by its id only: its live name is
/// not known before the read). Throws ConfigError for a value that selects no test, naming the
/// closest test_name when one is close. An empty `values` keeps every test.
void select_manifest_tests(Manifest& manifest, const std::vector<std::string>& values);

/// "--test limits this run to 2 of 5 tests; the others are neither read nor changed".
std::string partial_run_note(std::size_t selected, std::size_t total);

/// The test ids export reads for `--test` values and `--test-id` ids, in the order given, each
/// once: a value made of digits is an id; any other value is the exact name of one test of
/// `listing` (none or several is a ConfigError naming the candidates). Throws ConfigError for an
/// id below 1.
std::vector<std::int64_t> export_test_ids(const std::vector<std::string>& values,
                                          const std::vector<std::int64_t>& ids,
                                          const std::vector<TestInfo>& listing);

/// True when a `--test` value needs the project's tests list to be resolved (it is not an id).
bool needs_listing(const std::vector<std::string>& values);

/// The file name `-f -` stands for in diagnostics.
inline constexpr const char* stdin_file_name = "<stdin>";

/// Loads the manifests of `-f` paths, where "-" is standard input (`in`): it may be given once,
/// and only as the one path (ConfigError otherwise). More than `limits.max_file_bytes` bytes on
/// standard input is an error diagnostic, as for a file.
LoadResult load_manifest_paths(const std::vector<std::string>& paths, std::istream* in,
                               const LoadLimits& limits = {});

/// True when `paths` name standard input ("-").
bool reads_stdin(const std::vector<std::string>& paths);

}  // namespace loadero_sync::cli
