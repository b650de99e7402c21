#include <atomic>
#include <chrono>
#include <exception>
#include <string_view>
#include <utility>

#include "loadero/curl_transport.hpp"
#include "loadero/dry_run_transport.hpp"
#include "loadero_sync/pipeline.hpp"

namespace loadero_sync {

namespace {

// -vv: tells every request and answer that goes over the network, line by line, with the token
// redacted from the Authorization header and scrubbed from anything else.
class WireLogTransport : public loadero::Transport {
 public:
  WireLogTransport(std::shared_ptr<loadero::Transport> inner, std::string token,
                   std::function<void(const std::string&)> log)
      : m_inner(std::move(inner)), m_token(std::move(token)), m_log(std::move(log)) {}

  loadero::HttpResponse send(const loadero::HttpRequest& request) override {
    const std::string tag = "#" + std::to_string(++m_count);
    line(tag + " > " + std::string(loadero::to_string(request.method)) + " " + request.url);
    for (const auto& [name, value] : request.headers) {
      if (name == "Authorization" || name == "authorization") {
        const auto space = value.find(' ');
        line(tag + " > " + name + ": " +
             (space == std::string::npos ? std::string() : value.substr(0, space + 1)) +
             "<redacted>");
      } else {
        line(tag + " > " + name + ": " + value);
      }
    }
    if (!request.body.empty()) body(tag + " > ", request.body);
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
      return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count()) +
             " ms";
    };
    try {
      loadero::HttpResponse response = m_inner->send(request);
      line(tag + " < " + std::to_string(response.status) + " in " + elapsed());
      if (!response.content_type.empty()) line(tag + " < Content-Type: " + response.content_type);
      if (!response.retry_after.empty()) line(tag + " < Retry-After: " + response.retry_after);
      if (!response.body.empty()) body(tag + " < ", response.body);
      return response;
    } catch (const std::exception& error) {
      line(tag + " < no answer after " + elapsed() + ": " + error.what());
      throw;
    }
  }

 private:
  void line(std::string text) const {
    if (!m_token.empty()) {
      for (auto at = text.find(m_token); at != std::string::npos; at = text.find(m_token, at))
        text.replace(at, m_token.size(), "<redacted>");
    }
    m_log(text);
  }

  void body(const std::string& prefix, std::string_view text) const {
    constexpr std::size_t limit = 8 * 1024;
    std::string shown(text.substr(0, limit));
    // One log line per body line; control bytes other than tabs are shown escaped.
    std::string current;
    const auto flush = [&] {
      line(prefix + current);
      current.clear();
    };
    for (const char c : shown) {
      if (c == '\n') {
        flush();
      } else if (c == '\r') {
        continue;
      } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
        static constexpr char hex[] = "0123456789abcdef";
        current += "\\x";
        current += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
        current += hex[static_cast<unsigned char>(c) & 0xf];
      } else {
        current += c;
      }
    }
    if (!current.empty()) flush();
    if (text.size() > limit)
      line(prefix + "... (" + std::to_string(text.size() - limit) + " more bytes not shown)");
  }

  std::shared_ptr<loadero::Transport> m_inner;
  std::string m_token;
  std::function<void(const std::string&)> m_log;
  mutable std::atomic<std::uint64_t> m_count{0};
};

std::shared_ptr<loadero::Transport> curl_transport(
    const loadero::ClientConfig& config,
    const std::function<void(const std::string&)>& on_wire = {}) {
  loadero::CurlTransportOptions options;
  options.timeout = config.timeout;
  options.max_requests_per_second = config.max_requests_per_second;
  auto transport = loadero::make_curl_transport(options);
  if (!on_wire) return transport;
  return std::make_shared<WireLogTransport>(std::move(transport), config.access_token, on_wire);
}

}  // namespace

// A dry run differs from a real run in the transport alone: everything above it, the resource
// layer's checks and request bodies included, is the code a real apply runs.
struct ApiSession::Impl {
  Impl(SessionOptions options, std::shared_ptr<loadero::DryRunTransport> recorder)
      : dry_run(std::move(recorder)),
        client(options.client, dry_run ? std::shared_ptr<loadero::Transport>(dry_run)
                                       : curl_transport(options.client, options.on_wire)),
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
    recorder = std::make_shared<loadero::DryRunTransport>(
        curl_transport(options.client, options.on_wire));
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
