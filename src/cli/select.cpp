#include "select.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <utility>

#include "config.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync::cli {
namespace {

// The value as a test id when it is all digits (and fits), else nullopt.
std::optional<std::int64_t> as_id(const std::string& value) {
  if (value.empty() ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), id);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return id;
}

bool selects(const DesiredTest& test, const std::string& value) {
  if (const auto id = as_id(value); id && test.test_id == *id) return true;
  return test.test_name == value;
}

std::string hint_of(const std::string& value, const std::vector<std::string>& names) {
  const std::string hint = did_you_mean(value, names);
  return hint.empty() ? std::string() : "; " + hint;
}

}  // namespace

void select_manifest_tests(Manifest& manifest, const std::vector<std::string>& values) {
  if (values.empty()) return;
  std::vector<std::string> names;
  for (const auto& test : manifest.tests) {
    if (test.test_name) names.push_back(*test.test_name);
  }
  for (const auto& value : values) {
    const bool found = std::any_of(manifest.tests.begin(), manifest.tests.end(),
                                   [&](const DesiredTest& test) { return selects(test, value); });
    if (found) continue;
    throw ConfigError("--test " + quote_name(value) +
                      " matches no test of the manifest (by test_id, or by test_name)" +
                      hint_of(value, names));
  }
  std::vector<DesiredTest> kept;
  for (auto& test : manifest.tests) {
    const bool chosen = std::any_of(values.begin(), values.end(),
                                    [&](const std::string& value) { return selects(test, value); });
    if (chosen) kept.push_back(std::move(test));
  }
  manifest.tests = std::move(kept);
}

std::string partial_run_note(std::size_t selected, std::size_t total) {
  return "--test limits this run to " + std::to_string(selected) + " of " + plural(total, "test") +
         "; the others are neither read nor changed";
}

bool needs_listing(const std::vector<std::string>& values) {
  return std::any_of(values.begin(), values.end(),
                     [](const std::string& value) { return !as_id(value); });
}

std::vector<std::int64_t> export_test_ids(const std::vector<std::string>& values,
                                          const std::vector<std::int64_t>& ids,
                                          const std::vector<TestInfo>& listing) {
  std::vector<std::int64_t> out;
  const auto add = [&out](std::int64_t id) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto id : ids) {
    if (id < 1)
      throw ConfigError("--test-id must be a positive integer, not " + std::to_string(id));
    add(id);
  }
  for (const auto& value : values) {
    if (const auto id = as_id(value)) {
      if (*id < 1) throw ConfigError("--test must be a test id above 0 or a test name, not 0");
      add(*id);
      continue;
    }
    std::vector<std::int64_t> matches;
    std::vector<std::string> names;
    for (const auto& test : listing) {
      names.push_back(test.name);
      if (test.name == value) matches.push_back(test.id);
    }
    if (matches.size() == 1) {
      add(matches.front());
    } else if (matches.empty()) {
      throw ConfigError("--test " + quote_name(value) +
                        ": no test of the project has this exact name" + hint_of(value, names));
    } else {
      throw ConfigError("--test " + quote_name(value) + ": the name is ambiguous, tests " +
                        join_ids(matches) + " have it; give the id instead");
    }
  }
  return out;
}

bool reads_stdin(const std::vector<std::string>& paths) {
  return std::find(paths.begin(), paths.end(), "-") != paths.end();
}

LoadResult load_manifest_paths(const std::vector<std::string>& paths, std::istream* in,
                               const LoadLimits& limits) {
  if (!reads_stdin(paths)) return load_manifests(paths, limits);
  if (paths.size() > 1) {
    throw ConfigError(
        "-f - (standard input) must be the only -f: read one manifest from standard input, or "
        "give files and directories");
  }
  if (in == nullptr) throw ConfigError("-f -: no standard input to read the manifest from");
  std::string text;
  text.reserve(4096);
  std::istreambuf_iterator<char> it(*in);
  const std::istreambuf_iterator<char> end;
  for (; it != end && text.size() <= limits.max_file_bytes; ++it) text.push_back(*it);
  if (text.size() > limits.max_file_bytes) {
    LoadResult result;
    Diagnostic error;
    error.pos.file = stdin_file_name;
    error.message = "standard input is too large (more than " +
                    std::to_string(limits.max_file_bytes) + " bytes)";
    result.diagnostics.push_back(std::move(error));
    return result;
  }
  return load_manifest_text(text, stdin_file_name, limits);
}

}  // namespace loadero_sync::cli
