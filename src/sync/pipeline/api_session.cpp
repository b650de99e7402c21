#include <utility>

#include "loadero/curl_transport.hpp"
#include "loadero/dry_run_transport.hpp"
#include "loadero_sync/pipeline.hpp"

namespace loadero_sync {

namespace {

std::shared_ptr<loadero::Transport> curl_transport(const loadero::ClientConfig& config) {
  loadero::CurlTransportOptions options;
  options.timeout = config.timeout;
  options.max_requests_per_second = config.max_requests_per_second;
  return loadero::make_curl_transport(options);
}

}  // namespace

// A dry run differs from a real run in the transport alone: everything above it, the resource
// layer's checks and request bodies included, is the code a real apply runs.
struct ApiSession::Impl {
  Impl(SessionOptions options, std::shared_ptr<loadero::DryRunTransport> recorder)
      : dry_run(std::move(recorder)),
        client(options.client, dry_run ? std::shared_ptr<loadero::Transport>(dry_run)
                                       : curl_transport(options.client)),
        api(make_api_gateway(client)),
        sleeper(*options.cancel),
        retrying(*api, options.retry, sleeper, std::move(options.on_retry)) {
    if (options.on_request) client.set_observer(std::move(options.on_request));
  }

  std::shared_ptr<loadero::DryRunTransport> dry_run;  // null unless dry run
  loadero::ApiClient client;
  std::unique_ptr<LoaderoGateway> api;
  ThreadSleeper sleeper;
  RetryingGateway retrying;
};

ApiSession::ApiSession(SessionOptions options) {
  std::shared_ptr<loadero::DryRunTransport> recorder;
  if (options.dry_run == DryRun::yes)
    recorder = std::make_shared<loadero::DryRunTransport>(curl_transport(options.client));
  m_impl = std::make_unique<Impl>(std::move(options), std::move(recorder));
}

ApiSession::~ApiSession() = default;

LoaderoGateway& ApiSession::gateway() { return m_impl->retrying; }

const std::string& ApiSession::api_base() const { return m_impl->client.config().api_base; }

std::int64_t ApiSession::project_id() const { return m_impl->client.config().project_id; }

std::vector<RecordedWrite> ApiSession::recorded_writes() const {
  std::vector<RecordedWrite> writes;
  if (!m_impl->dry_run) return writes;
  for (const auto& request : m_impl->dry_run->requests()) {
    writes.push_back(RecordedWrite{std::string(loadero::to_string(request.method)), request.route,
                                   request.body});
  }
  return writes;
}

}  // namespace loadero_sync
