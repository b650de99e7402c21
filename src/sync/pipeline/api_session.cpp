#include <mutex>

#include "loadero_sync/pipeline.hpp"

namespace loadero_sync {

// Until the recording transport lands, a dry run records at the gateway (DryRunGateway).
struct ApiSession::Impl {
  explicit Impl(SessionOptions options)
      : client(options.client),
        api(make_api_gateway(client)),
        retrying(*api, options.retry, sleeper, std::move(options.on_retry)) {
    if (options.on_request) client.set_observer(std::move(options.on_request));
    if (options.dry_run == DryRun::yes) {
      dry_run = std::make_unique<DryRunGateway>(retrying, client.config().project_id);
    }
  }

  loadero::ApiClient client;
  std::unique_ptr<LoaderoGateway> api;
  ThreadSleeper sleeper;
  RetryingGateway retrying;
  std::unique_ptr<DryRunGateway> dry_run;
};

ApiSession::ApiSession(SessionOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options))) {
  // One cheap read when the session opens, so a wrong token or project id is reported as such
  // (with a hint) instead of as a failure of every test.
  auto& client = m_impl->client;
  m_impl->retrying.retry_read("read project " + std::to_string(project_id()),
                              [&client] { client.get(client.project_route()); });
}

ApiSession::~ApiSession() = default;

LoaderoGateway& ApiSession::gateway() {
  if (m_impl->dry_run) return *m_impl->dry_run;
  return m_impl->retrying;
}

const std::string& ApiSession::api_base() const { return m_impl->client.config().api_base; }

std::int64_t ApiSession::project_id() const { return m_impl->client.config().project_id; }

std::vector<RecordedWrite> ApiSession::recorded_writes() const {
  std::vector<RecordedWrite> writes;
  if (!m_impl->dry_run) return writes;
  for (const auto& request : m_impl->dry_run->requests())
    writes.push_back(RecordedWrite{request.method, request.route, request.body});
  return writes;
}

}  // namespace loadero_sync
