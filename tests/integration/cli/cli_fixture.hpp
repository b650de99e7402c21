#pragma once
// A fresh loadero-emulator, a scratch folder for manifests and plans, and the real loadero-sync
// binary run against them.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator_support.hpp"
#include "process_support.hpp"
#include "support_paths.hpp"

namespace cli_test {

using nlohmann::json;

inline const char* const token = "it-token-7f3a9c";

/// A copy of the demo data (examples/demo-state.json: test 6866 "Checkout flow" with 4 groups,
/// test 6867 "Video call" with 3) as `dir`/state.json, for Fixture's state file, so that the
/// emulator's saves never touch the repository's file.
inline std::string demo_state_copy(const std::string& dir) {
  const std::string path = dir + "/state.json";
  std::filesystem::copy_file(loadero_test::source_dir() + "/examples/demo-state.json", path);
  return path;
}

struct Fixture {
  explicit Fixture(std::vector<std::string> emulator_args = {}, std::string state_file = "")
      : emulator(make_options(std::move(emulator_args), std::move(state_file))),
        dir(loadero_test::make_temp_dir("loadero-sync-cli-it")) {}

  ~Fixture() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  static loadero_test::EmulatorOptions make_options(std::vector<std::string> args,
                                                    std::string state_file) {
    loadero_test::EmulatorOptions options;
    options.state_file = std::move(state_file);
    options.token = token;
    options.extra_args = std::move(args);
    return options;
  }

  json api(const std::string& method, const std::string& route, const json& body = nullptr) {
    const std::string text = emulator.http_request(method, "/v2/projects/5040/" + route,
                                                   body.is_null() ? "" : body.dump());
    INFO(method << " " << route << " -> " << emulator.http_status_of_last() << " " << text);
    REQUIRE(emulator.http_status_of_last() < 300);
    return text.empty() ? json() : json::parse(text);
  }

  std::int64_t create_test(const std::string& name) {
    return api("POST", "tests/",
               {{"name", name},
                {"start_interval", 1},
                {"participant_timeout", 600},
                {"mode", "load"},
                {"increment_strategy", "linear"}})["id"]
        .get<std::int64_t>();
  }

  std::int64_t create_group(std::int64_t test_id, const std::string& name, std::int64_t count) {
    return api("POST", "tests/" + std::to_string(test_id) + "/groups/",
               {{"name", name}, {"count", count}})["id"]
        .get<std::int64_t>();
  }

  /// Every live group of the test as "name=count", sorted, comma-separated: "A=1,B=2".
  std::string groups(std::int64_t test_id) {
    std::multimap<std::string, std::int64_t> sorted;
    const json page = api("GET", "tests/" + std::to_string(test_id) + "/groups/");
    for (const auto& group : page["results"]) {
      sorted.emplace(group["name"].get<std::string>(), group["count"].get<std::int64_t>());
    }
    std::string out;
    for (const auto& [name, count] : sorted)
      out += (out.empty() ? "" : ",") + name + "=" + std::to_string(count);
    return out;
  }

  json stats() { return json::parse(emulator.http_get("/_emulator/stats")); }

  void reset_stats() { emulator.http_request("POST", "/_emulator/reset", "", false); }

  /// Requests of `method` counted since the last reset.
  std::int64_t requests(const std::string& method) {
    const json by_method = stats()["by_method"];
    return by_method.contains(method) ? by_method[method].get<std::int64_t>() : 0;
  }

  std::int64_t writes() { return requests("POST") + requests("PUT") + requests("DELETE"); }

  std::string write_file(const std::string& name, const std::string& content) {
    const std::string path = dir + "/" + name;
    std::ofstream(path) << content;
    return path;
  }

  std::string path(const std::string& name) const { return dir + "/" + name; }

  /// Runs loadero-sync with the emulator's base URL and token in the environment (no terminal:
  /// standard input is a pipe). The rate cap is lifted unless the arguments set one.
  loadero_test::ProcessResult sync(std::vector<std::string> args,
                                   std::map<std::string, std::string> env = {},
                                   const std::string& input = "") {
    auto result = loadero_test::run_process(sync_options(std::move(args), std::move(env), input));
    check_sync_result(result);
    return result;
  }

  /// The options sync() runs loadero-sync with, for a test that starts it with
  /// loadero_test::ChildProcess (to signal it while it runs) and checks the result with
  /// check_sync_result.
  loadero_test::ProcessOptions sync_options(std::vector<std::string> args,
                                            std::map<std::string, std::string> env = {},
                                            const std::string& input = "") {
    loadero_test::ProcessOptions options;
    options.argv = {loadero_test::sync_path()};
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    const bool uses_api = !args.empty() && args[0] != "validate";
    const bool has_rate = std::find(args.begin(), args.end(), "--max-rps") != args.end();
    if (uses_api && !has_rate && std::find(args.begin(), args.end(), "--help") == args.end()) {
      options.argv.push_back("--max-rps");
      options.argv.push_back("0");
    }
    options.env = {{"LOADERO_API_BASE", emulator.base_url()}, {"LOADERO_ACCESS_TOKEN", token}};
    for (const auto& [name, value] : env) options.env[name] = value;
    options.stdin_text = input;
    options.timeout = std::chrono::seconds(30);
    return options;
  }

  /// What every run of loadero-sync must satisfy: it ended in time and never showed the token.
  static void check_sync_result(const loadero_test::ProcessResult& result) {
    INFO("loadero-sync stdout:\n" << result.out << "\nstderr:\n" << result.err);
    CHECK_FALSE(result.timed_out);
    // The token must never leave the process, at any verbosity.
    CHECK(result.out.find(token) == std::string::npos);
    CHECK(result.err.find(token) == std::string::npos);
  }

  loadero_test::EmulatorProcess emulator;
  std::string dir;
};

}  // namespace cli_test
