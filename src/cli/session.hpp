#pragma once
// Opening the API session of a command: settings from flags and environment, -v logging.

#include <cstdint>
#include <string>

#include "commands.hpp"
#include "loadero_sync/pipeline.hpp"

namespace loadero_sync::cli {

/// The options of an ApiSession for `api_base` and `project_id` with the token, timeout, rate cap
/// and retries of `ctx`; requests and retries are logged at -v. Remembers the token in ctx.secret
/// so the catch site can scrub it. Throws ConfigError.
SessionOptions session_options(Context& ctx, const std::string& api_base, std::int64_t project_id,
                               DryRun dry_run = DryRun::no);

}  // namespace loadero_sync::cli
