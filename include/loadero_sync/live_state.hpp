#pragma once
// Reading the live state a plan is made against: test names resolved to ids, every group of every
// declared test read (and its participants when the test manages them), several tests at once.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "loadero_sync/cancel.hpp"
#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/gateway.hpp"
#include "loadero_sync/model.hpp"
#include "loadero_sync/source_text.hpp"

namespace loadero_sync {

/// Why one declared test could not be read. `test_index` indexes the `desired` vector given to
/// read_live_state. `diagnostic` is an error at the test's manifest entry (with its source line
/// when the manifest text is known), its message e.g.
/// `test "Checkout flow": no test has this exact name` or
/// `test "Checkout flow": the name is ambiguous, tests 101, 102 have it; use test_id`.
struct LiveReadError {
  std::size_t test_index = 0;
  /// conflict: the test name matches no test or several, or the test id is gone (404);
  /// unreadable: any other failure.
  ProblemKind kind = ProblemKind::unreadable;
  Diagnostic diagnostic;

  friend bool operator==(const LiveReadError&, const LiveReadError&) = default;
};

struct LiveReadResult {
  /// The desired tests in their order, with test_id filled in for those declared by name. At the
  /// index of a test that has an error, test_id may still be empty.
  std::vector<DesiredTest> resolved;
  /// Live state in the same order; at the index of a test that has an error the entry is empty.
  std::vector<LiveTest> live;
  /// One entry per test that could not be read, ordered by test_index.
  std::vector<LiveReadError> errors;

  /// True when every test was read.
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// Reads the live state of `desired` at the floor of requests: the project's tests list (one
/// request when the API answers it whole; it gives every test's name, and resolves each
/// test_name by exact match: none or several matches is an error that names the ids), one
/// groups list per test (pages aside) and, for each test that reads participants
/// (DesiredTest::reads_participants: it manages them, or its budget limits the largest compute
/// unit), one test-scope participants list (pages aside) that fills LiveTest::participants; any
/// other test costs no such request and keeps LiveTest::participants empty (nullopt). Each
/// LiveTest gets the test's mode when the API gave it. The lists of tests declared by id are read at the same
/// time as the tests list; at most `parallelism` requests are in flight (values below 1 count as
/// 1). When the tests list has more pages than there are tests declared by id (and no test is
/// declared by name), it stops after its first page and the tests it did not show are read one
/// by one. A failure of one test (of any of its reads, the participants list included) becomes a
/// LiveReadError (message `test 6866: <API error>`),
/// diagnosed at the test's manifest position through `sources` (the manifest text, for the
/// quoted line). A failure that concerns the whole run is thrown as loadero::ApiError once every
/// read has ended: 401 or 403 from any request (the token), 404 from the tests list (no such
/// project). Once `cancel` is cancelled no further request is started and, after the requests
/// in flight have ended, Cancelled is thrown. Throws only those and what the gateway throws
/// that is not loadero::ApiError or std::invalid_argument (a bug).
LiveReadResult read_live_state(LoaderoGateway& gateway, const std::vector<DesiredTest>& desired,
                               int parallelism, const SourceTexts& sources = {},
                               const CancelToken& cancel = CancelToken::never());

/// Whether read_live_tests reads the participants of every test too.
enum class ReadParticipants { no, yes };

/// Reads each test (name) and all its groups as read_live_state does (the tests list and the
/// groups lists at once), in the order of `test_ids` (for export); with ReadParticipants::yes
/// also one participants list per test (pages aside, read beside the groups lists), which fills
/// every LiveTest::participants (else they stay empty, nullopt). Throws the first failed test's
/// loadero::ApiError (in the order of `test_ids`; a run-wide one first) once every read has
/// ended. Once `cancel` is cancelled no further request is started and Cancelled is thrown after
/// the requests in flight have ended (before any API error).
std::vector<LiveTest> read_live_tests(LoaderoGateway& gateway,
                                      const std::vector<std::int64_t>& test_ids, int parallelism,
                                      const CancelToken& cancel = CancelToken::never(),
                                      ReadParticipants participants = ReadParticipants::no);

/// All the groups of each test of `test_ids` (one list read per test, pages aside; no read of the
/// test itself), `parallelism` at once, in the order of `test_ids` (for apply --plan's stale
/// check). Throws and stops as read_live_tests does.
std::vector<std::vector<LiveGroup>> read_groups_of(
    LoaderoGateway& gateway, const std::vector<std::int64_t>& test_ids, int parallelism,
    const CancelToken& cancel = CancelToken::never());

/// All the participants of each test of `test_ids` (one test-scope list per test, pages aside; no
/// read of the test itself), `parallelism` at once, in the order of `test_ids` and, per test, in
/// API order (for apply --plan's stale check of tests that manage participants). Throws and stops
/// as read_groups_of does.
std::vector<std::vector<LiveParticipant>> read_participants_of(
    LoaderoGateway& gateway, const std::vector<std::int64_t>& test_ids, int parallelism,
    const CancelToken& cancel = CancelToken::never());

}  // namespace loadero_sync
