// Settings resolution: flags, environment and manifest combined; tokens read from files.

#include "config.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

using namespace loadero_sync;
using namespace loadero_sync::cli;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto found = vars.find(name);
    if (found == vars.end()) return std::nullopt;
    return found->second;
  };
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "(no error)";
}

std::string temp_file(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("loadero-sync-config-test-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << content;
  return path.string();
}

}  // namespace

TEST_CASE("the API base defaults to Loadero's and the flag wins over the environment") {
  CommonOptions options;
  CHECK(resolve_api_base(options, env_of({})) == "https://api.loadero.com/v2/");
  CHECK(resolve_api_base(options, env_of({{"LOADERO_API_BASE", "http://127.0.0.1:9000/v2"}})) ==
        "http://127.0.0.1:9000/v2/");
  options.api_base = "https://eu.example.com/v2/";
  CHECK(resolve_api_base(options, env_of({{"LOADERO_API_BASE", "http://127.0.0.1:9000/v2"}})) ==
        "https://eu.example.com/v2/");
}

TEST_CASE("plain http is refused for any host but loopback") {
  CommonOptions options;
  options.api_base = "http://api.loadero.com/v2/";
  CHECK(error_of([&] { resolve_api_base(options, env_of({})); }) ==
        "--api-base: plain http:// is refused for 'api.loadero.com' (the access token would travel "
        "unencrypted); use "
        "https:// (http:// is allowed for loopback addresses only)");
  for (const char* base : {"http://localhost:8080/v2/", "http://127.0.0.1/v2/",
                           "http://127.1.2.3:1/v2/", "http://[::1]:8080/v2/"}) {
    options.api_base = base;
    CHECK(resolve_api_base(options, env_of({})) == base);
  }
  options.api_base = "http://127.0.0.1.evil.com/v2/";
  CHECK_THROWS_AS(resolve_api_base(options, env_of({})), ConfigError);
  options.api_base = "ftp://example.com/";
  CHECK(error_of([&] { resolve_api_base(options, env_of({})); }) ==
        "--api-base: 'ftp://example.com/' is not an http:// or https:// URL");
  CHECK(error_of([&] {
          resolve_api_base(CommonOptions{}, env_of({{"LOADERO_API_BASE", "http://10.0.0.1/v2/"}}));
        }).rfind("LOADERO_API_BASE: plain http:// is refused for '10.0.0.1'", 0) == 0);
}

TEST_CASE("the project id may come from any one source, and agreeing sources are fine") {
  CommonOptions options;
  CHECK(resolve_project_id(options, env_of({}), 5040) == 5040);
  CHECK(resolve_project_id(options, env_of({{"LOADERO_PROJECT_ID", " 77 "}}), std::nullopt) == 77);
  options.project_id = 12;
  CHECK(resolve_project_id(options, env_of({{"LOADERO_PROJECT_ID", "12"}}), 12) == 12);
}

TEST_CASE("--project-id beats LOADERO_PROJECT_ID, which is then not read") {
  CommonOptions options;
  options.project_id = 12;
  CHECK(resolve_project_id(options, env_of({{"LOADERO_PROJECT_ID", "5040"}}), std::nullopt) == 12);
  CHECK(resolve_project_id(options, env_of({{"LOADERO_PROJECT_ID", "5040"}}), 12) == 12);
  // Not read, so not checked either.
  CHECK(resolve_project_id(options, env_of({{"LOADERO_PROJECT_ID", "50x"}}), std::nullopt) == 12);
  // The manifest still has to agree with whichever of the two won.
  CHECK(error_of([&] {
          resolve_project_id(options, env_of({{"LOADERO_PROJECT_ID", "5040"}}), 5040);
        }) ==
        "conflicting project ids: --project-id gives 12 but the manifest's project_id gives 5040; "
        "make them agree or drop one");
}

TEST_CASE("a project id conflict between sources is an error naming both") {
  CommonOptions options;
  options.project_id = 12;
  CHECK(error_of([&] { resolve_project_id(options, env_of({}), 5040); }) ==
        "conflicting project ids: --project-id gives 12 but the manifest's project_id gives 5040; "
        "make them agree or "
        "drop one");
  CHECK(error_of([&] {
          resolve_project_id(CommonOptions{}, env_of({{"LOADERO_PROJECT_ID", "9"}}), 5040);
        }) ==
        "conflicting project ids: LOADERO_PROJECT_ID gives 9 but the manifest's project_id gives "
        "5040; make them agree "
        "or drop one");
  CHECK(error_of([&] { resolve_project_id(options, env_of({}), 5040, "the saved plan"); }) ==
        "conflicting project ids: --project-id gives 12 but the saved plan gives 5040; make them "
        "agree or drop one");
}

TEST_CASE("a missing or malformed project id is a clear error") {
  CHECK(
      error_of([&] { resolve_project_id(CommonOptions{}, env_of({}), std::nullopt); }) ==
      "no project id: give --project-id, set LOADERO_PROJECT_ID or add project_id to the manifest");
  // Without a third source (export has no manifest) the message names only the other two.
  CHECK(error_of([&] { resolve_project_id(CommonOptions{}, env_of({}), std::nullopt, ""); }) ==
        "no project id: set --project-id or LOADERO_PROJECT_ID");
  CHECK(
      error_of([&] {
        resolve_project_id(CommonOptions{}, env_of({{"LOADERO_PROJECT_ID", "50x"}}), std::nullopt);
      }) == "LOADERO_PROJECT_ID must be a positive integer, not '50x'");
}

TEST_CASE("the token file's first line is the token, trimmed") {
  CommonOptions options;
  options.token_file = temp_file("token", "  s3cret-token \nsecond line\n");
  CHECK(resolve_token(options, env_of({{"LOADERO_ACCESS_TOKEN", "from-env"}})) == "s3cret-token");
  CHECK(resolve_token(CommonOptions{}, env_of({{"LOADERO_ACCESS_TOKEN", "from-env\n"}})) ==
        "from-env");
  std::filesystem::remove(*options.token_file);
}

TEST_CASE("token file problems name the file and never its content") {
  CommonOptions options;
  options.token_file = "/nonexistent/loadero-token";
  CHECK(error_of([&] { resolve_token(options, env_of({})); }) ==
        "cannot read the token file '/nonexistent/loadero-token': No such file or directory");
  options.token_file = temp_file("empty-token", "   \n");
  CHECK(error_of([&] { resolve_token(options, env_of({})); }) ==
        "the token file '" + *options.token_file +
            "' is empty: put the access token on its first line");
  std::filesystem::remove(*options.token_file);
  CHECK(error_of([&] { resolve_token(CommonOptions{}, env_of({})); }) ==
        "no access token: set LOADERO_ACCESS_TOKEN or give --token-file PATH (a project token from "
        "Loadero's project "
        "settings, \"API access\")");
}

TEST_CASE("colour only on a terminal without --no-color, NO_COLOR or TERM=dumb") {
  CommonOptions options;
  CHECK(choose_color(true, options, env_of({})) == Color::on);
  CHECK(choose_color(false, options, env_of({})) == Color::off);
  CHECK(choose_color(true, options, env_of({{"NO_COLOR", "1"}})) == Color::off);
  CHECK(choose_color(true, options, env_of({{"NO_COLOR", ""}})) == Color::on);
  CHECK(choose_color(true, options, env_of({{"TERM", "dumb"}})) == Color::off);
  CHECK(choose_color(true, options, env_of({{"TERM", "xterm-256color"}})) == Color::on);
  options.no_color = true;
  CHECK(choose_color(true, options, env_of({})) == Color::off);
}

TEST_CASE("limits and timeouts out of range are refused") {
  CommonOptions options;
  CHECK(request_timeout(options) == std::chrono::milliseconds(30000));
  options.timeout_seconds = 0.5;
  CHECK(request_timeout(options) == std::chrono::milliseconds(500));
  options.timeout_seconds = 0;
  CHECK(error_of([&] { request_timeout(options); }) ==
        "--timeout must be more than 0 and at most 3600 seconds");
  options = CommonOptions{};
  options.parallelism = 0;
  CHECK(error_of([&] { check_limits(options); }) == "--parallelism must be at least 1");
  options = CommonOptions{};
  options.max_rps = -1;
  CHECK(error_of([&] { check_limits(options); }) == "--max-rps must be 0 (no cap) or more");
  options = CommonOptions{};
  options.retries = -2;
  CHECK(error_of([&] { check_limits(options); }) == "--retries must be 0 or more");
}
