#pragma once
// The sync pipeline: load -> resolve test names -> read live -> plan -> (apply | drift | export).
// Loading is load_manifests (manifest.hpp); the stages after it that need the API are here, each a
// function from data to data, so a command is a few calls and its printing. docs/ARCHITECTURE.md
// draws the whole pipeline.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loadero/api_client.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/gateway.hpp"
#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"
#include "loadero_sync/planner.hpp"
#include "loadero_sync/retry.hpp"
#include "loadero_sync/source_text.hpp"

namespace loadero_sync {

/// Whether writes are sent (no) or only recorded (yes: `apply --dry-run`).
enum class DryRun { no, yes };

/// How a session reaches the API.
struct SessionOptions {
  loadero::ClientConfig client;  ///< base, project, token, timeout, rate cap, user agent
  RetryPolicy retry;
  DryRun dry_run = DryRun::no;
  /// Hears every request the client makes (for -v logs); never sees the token. May be empty.
  std::function<void(const loadero::RequestEvent&)> on_request;
  /// Hears one line per retry and per lost answer settled by reading. May be empty.
  std::function<void(const std::string&)> on_retry;
  /// Hears every request and answer that goes over the network, line by line (for -vv):
  /// "#3 > PUT https://.../groups/48797/", its headers with Authorization shown as
  /// "LoaderoAuth <redacted>", its body, then "#3 < 200 in 41 ms", Content-Type and Retry-After,
  /// the body (cut after 8 KiB). The token never appears in a line. May be empty (then the
  /// session does not build the lines).
  std::function<void(const std::string&)> on_wire;
  /// Once cancelled, a wait before a retry ends early and the request is not tried again. Not
  /// owned; must outlive the session.
  const CancelToken* cancel = &CancelToken::never();
};

/// A write a dry run recorded instead of sending.
struct RecordedWrite {
  std::string method;  ///< "POST", "PUT" or "DELETE"
  std::string route;   ///< relative to the API base: "projects/5040/tests/6866/groups/"
  std::string body;    ///< the JSON body exactly as a real apply sends it; empty for DELETE

  friend bool operator==(const RecordedWrite&, const RecordedWrite&) = default;
};

/// The API connection of one run: the client, the gateway over libloadero and retries around it.
/// In a dry run the client sends through a recording transport: reads go to the API, writes are
/// recorded and answered locally, and everything above the transport (the resource layer's
/// checks and request bodies) is the same code a real apply runs.
class ApiSession {
 public:
  /// Opens the session; sends nothing (the first read of each stage tells a refused token or a
  /// missing project apart from the failure of one test: see read_live_state). Throws
  /// std::invalid_argument for a bad configuration (see loadero::ApiClient).
  explicit ApiSession(SessionOptions options);
  ~ApiSession();
  ApiSession(const ApiSession&) = delete;
  ApiSession& operator=(const ApiSession&) = delete;

  /// The retrying gateway every stage uses; valid as long as the session.
  LoaderoGateway& gateway();
  /// The normalised API base ("http://127.0.0.1:8080/v2/").
  const std::string& api_base() const;
  std::int64_t project_id() const;
  /// The writes recorded so far, in the order they were made (always empty unless dry run).
  std::vector<RecordedWrite> recorded_writes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// Resolves test names, reads the live groups of every test of `manifest` (`parallelism` tests at
/// once) and plans every test that could be read. A test that could not be read or planned is a
/// PlanProblem of the returned plan (Plan::problems, in manifest order; its diagnostic quotes the
/// manifest line from `sources`, the text load_manifests kept): a conflict when the live state is
/// at odds with the manifest, unreadable when the API failed. Once `cancel` is cancelled the read
/// starts no further request and Cancelled is thrown when the requests in flight have ended (see
/// read_live_state). Throws only that, std::bad_alloc and what the gateway throws that is not
/// loadero::ApiError or std::invalid_argument.
Plan read_and_plan(LoaderoGateway& gateway, const Manifest& manifest, const SourceTexts& sources,
                   const PlanOptions& options, int parallelism,
                   const CancelToken& cancel = CancelToken::never());

/// Every problem's diagnostic, in order (for printing).
std::vector<Diagnostic> problem_diagnostics(const Plan& plan);

/// A test whose live groups changed since a saved plan was made.
struct StaleTest {
  std::int64_t test_id = 0;
  std::string test_name;             ///< the plan's name for it (may be empty)
  std::vector<std::string> changes;  ///< as describe_staleness() words them

  friend bool operator==(const StaleTest&, const StaleTest&) = default;
};

/// Re-reads the groups of every test of `plan` that has actions (one list request each, pages
/// aside; a test without actions cannot be hurt by a change) and returns those whose live groups
/// no longer have the plan's fingerprint, in plan order (empty: the plan is still valid). Throws
/// the first loadero::ApiError of a test that could not be read, or Cancelled once `cancel` is
/// cancelled.
std::vector<StaleTest> find_stale_tests(LoaderoGateway& gateway, const Plan& plan, int parallelism,
                                        const CancelToken& cancel = CancelToken::never());

}  // namespace loadero_sync
