#pragma once
// Settings resolution for loadero-sync: flags, environment variables and the manifest combined
// into what a command needs to reach the API. No CLI11 here, so it can be tested on its own.

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "cli.hpp"
#include "loadero_sync/color.hpp"

namespace loadero_sync::cli {

/// A setting is missing, malformed or contradicts another source. what() is one line, ready for
/// "loadero-sync: error: ", and never holds the token.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The flags every command accepts, as given on the command line (unset = not given).
struct CommonOptions {
  std::optional<std::string> api_base;
  std::optional<std::int64_t> project_id;
  std::optional<std::string> token_file;
  int parallelism = 4;
  double max_rps = 4.0;
  double timeout_seconds = 30.0;
  int retries = 3;
  bool no_color = false;
  int verbose = 0;  ///< how many -v
  bool quiet = false;
};

inline constexpr const char* default_api_base = "https://api.loadero.com/v2/";

/// --api-base, else LOADERO_API_BASE, else https://api.loadero.com/v2/; a trailing '/' is added.
/// Throws ConfigError when it is not an http(s) URL with a host, or is plain http:// to a host
/// that is not loopback (127.0.0.0/8, localhost, [::1]).
std::string resolve_api_base(const CommonOptions& options, const EnvLookup& env);

/// The project id from --project-id, else LOADERO_PROJECT_ID (the flag beats the environment,
/// which is then not read at all), checked against the manifest's project_id (any of them may be
/// absent; `third_source` names the last one in messages, e.g. "the saved plan"). Throws
/// ConfigError when the manifest's id differs from the flag's or environment's (naming both), when
/// LOADERO_PROJECT_ID is not a positive integer, or when no source gives one. An empty
/// `third_source` means there is no third source (export has no manifest): the error for a missing
/// id then names only --project-id and LOADERO_PROJECT_ID.
std::int64_t resolve_project_id(const CommonOptions& options, const EnvLookup& env,
                                std::optional<std::int64_t> manifest_project_id,
                                const std::string& third_source = "the manifest's project_id");

/// The access token: the first line of --token-file (trimmed), else LOADERO_ACCESS_TOKEN (trimmed).
/// Throws ConfigError when the file cannot be read or is empty, or when neither source gives one.
std::string resolve_token(const CommonOptions& options, const EnvLookup& env);

/// The first line of the file at `path`, trimmed of surrounding white space. Throws ConfigError
/// naming the path (never the content) when it cannot be read or the line is empty.
std::string read_token_file(const std::string& path);

/// Color::on only when `is_tty`, --no-color was not given and NO_COLOR is unset or empty.
Color choose_color(bool is_tty, const CommonOptions& options, const EnvLookup& env);

/// The per-request timeout as milliseconds; throws ConfigError unless 0 < seconds <= 3600.
std::chrono::milliseconds request_timeout(const CommonOptions& options);

/// Checks --parallelism >= 1, --max-rps >= 0, --retries >= 0; throws ConfigError otherwise.
void check_limits(const CommonOptions& options);

}  // namespace loadero_sync::cli
