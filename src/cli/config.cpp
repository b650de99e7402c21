#include "config.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <vector>

#include "loadero/api_base.hpp"

namespace loadero_sync::cli {
namespace {

std::string trim(const std::string& text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  auto begin = std::find_if(text.begin(), text.end(), not_space);
  auto end = std::find_if(text.rbegin(), text.rend(), not_space).base();
  return begin < end ? std::string(begin, end) : std::string();
}

std::optional<std::int64_t> parse_positive(const std::string& text) {
  const std::string value = trim(text);
  std::int64_t number = 0;
  const auto* first = value.data();
  const auto* last = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(first, last, number);
  if (value.empty() || ec != std::errc() || ptr != last || number < 1) return std::nullopt;
  return number;
}

}  // namespace

std::string resolve_api_base(const CommonOptions& options, const EnvLookup& env) {
  std::string base;
  std::string source;
  if (options.api_base) {
    base = *options.api_base;
    source = "--api-base";
  } else if (auto value = env("LOADERO_API_BASE"); value && !trim(*value).empty()) {
    base = trim(*value);
    source = "LOADERO_API_BASE";
  } else {
    return default_api_base;
  }
  // The same checks ApiClient makes, but reported now and naming where the URL came from.
  try {
    return loadero::normalise_api_base(base).url;
  } catch (const loadero::InvalidApiBase& error) {
    using Problem = loadero::InvalidApiBase::Problem;
    switch (error.problem()) {
      case Problem::not_a_url:
      case Problem::unsupported_scheme:
        throw ConfigError(source + ": '" + base + "' is not an http:// or https:// URL");
      case Problem::no_host:
        throw ConfigError(source + ": '" + base + "' has no host");
      case Problem::plain_http:
        throw ConfigError(source + ": plain http:// is refused for '" + error.host() +
                          "' (the access token would travel unencrypted); use https:// (http:// "
                          "is allowed for loopback addresses only)");
      default:
        throw ConfigError(source + ": " + error.what());
    }
  }
}

std::int64_t resolve_project_id(const CommonOptions& options, const EnvLookup& env,
                                std::optional<std::int64_t> manifest_project_id,
                                const std::string& third_source) {
  struct Source {
    std::string name;
    std::int64_t value;
  };
  std::vector<Source> sources;
  if (options.project_id) {
    if (*options.project_id < 1) throw ConfigError("--project-id must be a positive integer");
    sources.push_back({"--project-id", *options.project_id});
  }
  // The flag beats the environment: LOADERO_PROJECT_ID is not even read when --project-id is
  // given (a shell's exported id must not block a one-off run against another project).
  if (auto value = options.project_id ? std::nullopt : env("LOADERO_PROJECT_ID");
      value && !trim(*value).empty()) {
    const auto parsed = parse_positive(*value);
    if (!parsed)
      throw ConfigError("LOADERO_PROJECT_ID must be a positive integer, not '" + trim(*value) +
                        "'");
    sources.push_back({"LOADERO_PROJECT_ID", *parsed});
  }
  if (manifest_project_id) sources.push_back({third_source, *manifest_project_id});
  if (sources.empty() && third_source.empty())
    throw ConfigError("no project id: set --project-id or LOADERO_PROJECT_ID");
  if (sources.empty()) {
    throw ConfigError(
        "no project id: give --project-id, set LOADERO_PROJECT_ID or add project_id to the "
        "manifest");
  }
  for (const auto& other : sources) {
    if (other.value != sources.front().value) {
      throw ConfigError("conflicting project ids: " + sources.front().name + " gives " +
                        std::to_string(sources.front().value) + " but " + other.name + " gives " +
                        std::to_string(other.value) + "; make them agree or drop one");
    }
  }
  return sources.front().value;
}

std::string read_token_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw ConfigError("cannot read the token file '" + path + "': " + std::strerror(errno));
  }
  std::string line;
  std::getline(file, line);
  if (file.bad()) throw ConfigError("cannot read the token file '" + path + "': read error");
  line = trim(line);
  if (line.empty())
    throw ConfigError("the token file '" + path +
                      "' is empty: put the access token on its first line");
  return line;
}

std::string resolve_token(const CommonOptions& options, const EnvLookup& env) {
  if (options.token_file) return read_token_file(*options.token_file);
  if (auto value = env("LOADERO_ACCESS_TOKEN"); value && !trim(*value).empty()) return trim(*value);
  throw ConfigError(
      "no access token: set LOADERO_ACCESS_TOKEN or give --token-file PATH (a project token from "
      "Loadero's "
      "project settings, \"API access\")");
}

Color choose_color(bool is_tty, const CommonOptions& options, const EnvLookup& env) {
  if (!is_tty || options.no_color) return Color::off;
  if (auto value = env("NO_COLOR"); value && !value->empty()) return Color::off;
  // A dumb terminal shows escape sequences as text.
  if (auto term = env("TERM"); term && *term == "dumb") return Color::off;
  return Color::on;
}

std::chrono::milliseconds request_timeout(const CommonOptions& options) {
  if (!(options.timeout_seconds > 0.0) || options.timeout_seconds > 3600.0) {
    throw ConfigError("--timeout must be more than 0 and at most 3600 seconds");
  }
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(options.timeout_seconds * 1000.0 + 0.5));
}

void check_limits(const CommonOptions& options) {
  if (options.parallelism < 1) throw ConfigError("--parallelism must be at least 1");
  if (!(options.max_rps >= 0.0)) throw ConfigError("--max-rps must be 0 (no cap) or more");
  if (options.retries < 0) throw ConfigError("--retries must be 0 or more");
}

}  // namespace loadero_sync::cli
