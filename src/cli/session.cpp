#include "session.hpp"

#include <spdlog/spdlog.h>

#include "progress.hpp"
#include "version.hpp"

namespace loadero_sync::cli {

SessionOptions session_options(Context& ctx, const std::string& api_base, std::int64_t project_id,
                               DryRun dry_run) {
  SessionOptions options;
  options.client.api_base = api_base;
  options.client.project_id = project_id;
  options.client.access_token = resolve_token(ctx.common, ctx.env);
  ctx.secret = options.client.access_token;
  options.client.timeout = request_timeout(ctx.common);
  options.client.max_requests_per_second = ctx.common.max_rps;
  options.client.user_agent = std::string("loadero-sync/") + tool_version;
  options.retry = RetryPolicy{ctx.common.retries, std::chrono::milliseconds(500),
                              std::chrono::milliseconds(20000)};
  options.dry_run = dry_run;
  options.cancel = &ctx.interrupt.token();
  // The client's observer never sees the token.
  options.on_request = [log = ctx.log, meter = ctx.meter](const loadero::RequestEvent& event) {
    if (meter != nullptr) meter->advance_unit("requests");
    if (event.status == 0) {
      log->debug("{} {} -> no answer after {} ms: {}", loadero::to_string(event.method),
                 event.route, event.duration.count(), event.error);
    } else {
      log->debug("{} {} -> {} in {} ms", loadero::to_string(event.method), event.route,
                 event.status, event.duration.count());
    }
  };
  options.on_retry = [log = ctx.log, meter = ctx.meter](const std::string& line) {
    log->debug("retry: {}", line);
    if (meter == nullptr) return;
    // A lost answer settled by reading (see RetryingGateway) is not a re-send.
    if (line.find("the answer was lost") != std::string::npos) {
      meter->count_settled();
    } else {
      meter->count_retry();
    }
  };
  // -vv: every request's and answer's headers and body, the token redacted.
  if (ctx.common.verbose >= 2 && !ctx.common.quiet)
    options.on_wire = [log = ctx.log](const std::string& line) { log->trace("{}", line); };
  return options;
}

}  // namespace loadero_sync::cli
