#pragma once
// Drift: how the live groups differ from the manifest, derived from a Plan.
// A drift report is data; the writers below render it as text, JSON (schemas/drift.schema.json),
// Markdown and JUnit XML to a std::ostream the caller owns.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/color.hpp"
#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync {

/// The closed set of differences.
///  - missing:    declared, not live (a planned create or duplicate)
///  - changed:    live, but its name or count differs from the manifest (a planned update)
///  - extraneous: live, and must go (a planned delete: `ensure: absent` or pruned)
///  - unmanaged:  live, undeclared, not pruned; reported, but does not put a test out of sync
///  - conflict:   the live state makes the test impossible to plan (a name two live groups share,
///                a pinned id or copy source deleted by hand, a test name that matches no test);
///                the entry says why and how to fix it, and the test is out of sync
enum class DriftKind { missing, changed, extraneous, unmanaged, conflict };

/// "missing", "changed", "extraneous", "unmanaged", "conflict" (the JSON and text spelling).
std::string_view to_string(DriftKind kind);

/// One difference in one test.
struct DriftEntry {
  DriftKind kind = DriftKind::missing;
  std::optional<std::int64_t> group_id;  ///< the live group; empty for missing
  std::string name;  ///< the group's name in the manifest (live name for extraneous/unmanaged)
  std::optional<GroupState> live;     ///< set for changed, extraneous, unmanaged
  std::optional<GroupState> desired;  ///< set for missing and changed
  /// The plan action's reason; for a conflict, why; empty for unmanaged.
  std::string reason;
  std::string hint;  ///< for a conflict, how to fix it (may be empty)
  SourcePos source;  ///< the manifest entry behind it (empty file when none)

  friend bool operator==(const DriftEntry&, const DriftEntry&) = default;
};

/// The drift of one Loadero test.
struct TestDrift {
  std::int64_t test_id = 0;
  std::string test_name;
  std::vector<DriftEntry>
      entries;  ///< plan order for missing/changed/extraneous, then unmanaged in live order
  std::int64_t in_sync_groups = 0;  ///< declared groups that match
  /// Why the test could not be read (the API failed); empty when it was. Such a test has no
  /// entries and is reported as an error, not as drift.
  std::string error;

  /// True when the test was read and no entry other than `unmanaged` exists.
  [[nodiscard]] bool in_sync() const;

  friend bool operator==(const TestDrift&, const TestDrift&) = default;
};

struct DriftSummary {
  std::int64_t missing = 0;
  std::int64_t changed = 0;
  std::int64_t extraneous = 0;
  std::int64_t unmanaged = 0;
  std::int64_t conflict = 0;    ///< tests that could not be planned because of the live state
  std::int64_t unreadable = 0;  ///< tests that could not be read

  friend bool operator==(const DriftSummary&, const DriftSummary&) = default;
};

struct DriftReport {
  std::string tool_version;
  std::string api_base;
  std::int64_t project_id = 0;
  /// The plan's tests in manifest order, then the tests it could not plan, in manifest order.
  std::vector<TestDrift> tests;
  DriftSummary summary;

  /// True when every test is in sync (unmanaged groups alone do not count as drift).
  [[nodiscard]] bool in_sync() const;

  friend bool operator==(const DriftReport&, const DriftReport&) = default;
};

/// Builds the drift report of a plan: create/duplicate -> missing, update -> changed,
/// delete -> extraneous, TestPlan::unmanaged -> unmanaged; each of Plan::problems becomes a test
/// with one conflict entry, or, when it could not be read, a test with `error` set. Pure; never
/// throws except std::bad_alloc.
DriftReport make_drift(const Plan& plan);

/// Human-readable report, one block per test, ending with a summary line. ANSI colours only when
/// `color` is on.
void write_drift_text(std::ostream& out, const DriftReport& report, Color color);

/// JSON following schemas/drift.schema.json: pretty (2 spaces), trailing newline, fixed key order.
void write_drift_json(std::ostream& out, const DriftReport& report);

/// Markdown for a pull-request or issue comment: a title with the verdict, out-of-sync tests first,
/// one collapsible section per test (extraneous groups first in its table). Never longer than
/// `max_bytes` (comment size limits): sections that do not fit are left out, whole, and a last line
/// says how many and to run `loadero-sync drift` for the full report.
void write_drift_markdown(std::ostream& out, const DriftReport& report,
                          std::size_t max_bytes = 60 * 1024);

/// JUnit XML: one <testcase> per Loadero test, with a <failure> when the test is out of sync (a
/// conflict included), an <error> when it could not be read, and unmanaged groups listed in
/// <system-out>.
void write_drift_junit(std::ostream& out, const DriftReport& report);

}  // namespace loadero_sync
