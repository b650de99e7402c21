#include "loadero_sync/live_state.hpp"

#include <exception>
#include <optional>
#include <unordered_map>

#include "loadero/api_error.hpp"
#include "loadero_sync/parallel.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync {

namespace {

std::string label(const DesiredTest& test) {
  return test_label(test.test_id, test.test_id ? std::string() : test.test_name.value_or(""));
}

// Why one test could not be read, until it becomes a diagnostic at the test's position.
struct Failure {
  ProblemKind kind = ProblemKind::unreadable;
  std::string message;
  std::string hint;
};

// A failure that concerns the whole run, not one test: the token is refused (401, 403), or the
// project's tests list says the project does not exist (404). Reporting it once, with the CLI's
// hint, beats the same error on every test.
bool run_wide(const loadero::ApiError& error, bool tests_list) {
  if (error.kind() != loadero::ApiError::Kind::http) return false;
  return error.status() == 401 || error.status() == 403 || (tests_list && error.status() == 404);
}

void rethrow_if_run_wide(const std::exception_ptr& error, bool tests_list) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const loadero::ApiError& api_error) {
    if (run_wide(api_error, tests_list)) throw;
  } catch (...) {
  }
}

// What reading the live state of a list of tests found, test by test.
struct Reading {
  explicit Reading(std::size_t count)
      : info(count), groups(count), participants(count), errors(count), unresolved(count) {}
  std::vector<std::optional<TestInfo>> info;
  std::vector<std::vector<LiveGroup>> groups;
  /// per test: its participants when they were to be read
  std::vector<std::optional<std::vector<LiveParticipant>>> participants;
  std::vector<std::exception_ptr> errors;  ///< the first failed request of each test
  std::vector<std::string> unresolved;     ///< per test: why its name resolves to no single test
};

// One list read of a test: its groups, or its participants.
enum class ListKind { groups, participants };

struct ListRead {
  std::size_t test = 0;
  ListKind kind = ListKind::groups;
};

// The list reads of test `i`: its groups, and its participants when they are wanted.
void add_list_reads(std::vector<ListRead>& reads, std::size_t i,
                    const std::vector<bool>& participants) {
  reads.push_back({i, ListKind::groups});
  if (participants[i]) reads.push_back({i, ListKind::participants});
}

// Reads the tests list and every test's groups (and participants, where `participants` says so,
// by index) at the floor of requests:
//  1. at once, `parallelism` at a time: the project's tests list (one request when the API
//     answers it whole) and the lists of every test declared by id;
//  2. then the lists of the tests declared by name (resolved by exact name from the list), and
//     the test of an id the list did not show (a list that stopped early, or failed).
// When the list has more pages than there are tests to read one by one, it stops after its first
// page and those tests are read one by one instead (with names to resolve, the whole list is
// needed). Throws Cancelled, and run-wide API failures (see run_wide) once every read has ended.
Reading read_tests(LoaderoGateway& gateway, const std::vector<DesiredTest>& desired,
                   const std::vector<bool>& participants, int parallelism,
                   const CancelToken& cancel) {
  Reading reading(desired.size());
  std::vector<std::size_t> by_id;
  bool names = false;
  for (std::size_t i = 0; i < desired.size(); ++i) {
    if (desired[i].test_id) {
      by_id.push_back(i);
    } else {
      names = true;
    }
  }

  TestListing listing;
  std::exception_ptr listing_error;
  const ContinueListing go_on = [&](std::int64_t pages_left) {
    return names || pages_left < static_cast<std::int64_t>(by_id.size());
  };
  auto guarded = [&](std::size_t test, auto&& read) {
    try {
      read();
    } catch (const Cancelled&) {
    } catch (...) {
      if (!reading.errors[test]) reading.errors[test] = std::current_exception();
    }
  };
  auto read_list = [&](const ListRead& read, std::int64_t test_id) {
    guarded(read.test, [&] {
      if (read.kind == ListKind::groups) {
        reading.groups[read.test] = gateway.list_groups(test_id);
      } else {
        reading.participants[read.test] = gateway.list_participants(test_id);
      }
    });
  };
  std::vector<ListRead> first;
  for (const auto i : by_id) add_list_reads(first, i, participants);
  if (!desired.empty()) {
    detail::for_each_parallel(first.size() + 1, parallelism, [&](std::size_t task) {
      if (cancel.cancelled()) return;
      if (task == 0) {
        try {
          listing = gateway.list_tests(go_on);
        } catch (...) {
          listing_error = std::current_exception();
        }
        return;
      }
      const auto& read = first[task - 1];
      read_list(read, *desired[read.test].test_id);
    });
  }
  cancel.throw_if_cancelled();
  rethrow_if_run_wide(listing_error, true);
  for (const auto& error : reading.errors) rethrow_if_run_wide(error, false);

  std::unordered_map<std::int64_t, const TestInfo*> listed;
  std::unordered_map<std::string, std::vector<const TestInfo*>> named;
  for (const auto& test : listing.tests) {
    listed.emplace(test.id, &test);
    named[test.name].push_back(&test);
  }
  std::vector<ListRead> second;  // reads after the list: a test (kind groups) or its lists
  for (std::size_t i = 0; i < desired.size(); ++i) {
    const auto& test = desired[i];
    if (test.test_id) {
      if (reading.errors[i]) continue;
      const auto found = listed.find(*test.test_id);
      if (found != listed.end()) {
        reading.info[i] = *found->second;
      } else {
        second.push_back({i, ListKind::groups});  // not on a partial or failed list: read it
      }
      continue;
    }
    if (!test.test_name) {
      reading.unresolved[i] = "neither test_id nor test_name is set";
      continue;
    }
    if (listing_error) {
      reading.errors[i] = listing_error;
      continue;
    }
    const auto found = named.find(*test.test_name);
    if (found == named.end()) {
      reading.unresolved[i] = "no test has this exact name";
    } else if (found->second.size() > 1) {
      std::vector<std::int64_t> ids;
      for (const auto* match : found->second) ids.push_back(match->id);
      reading.unresolved[i] =
          "the name is ambiguous, tests " + join_ids(std::move(ids)) + " have it; use test_id";
    } else {
      reading.info[i] = *found->second.front();
      add_list_reads(second, i, participants);
    }
  }

  detail::for_each_parallel(second.size(), parallelism, [&](std::size_t task) {
    if (cancel.cancelled()) return;
    const auto& read = second[task];
    const std::size_t i = read.test;
    if (desired[i].test_id) {
      // Declared by id, its lists already read: the test itself, missing from the list.
      guarded(i, [&] { reading.info[i] = gateway.read_test(*desired[i].test_id); });
    } else {
      read_list(read, reading.info[i]->id);
    }
  });
  cancel.throw_if_cancelled();
  for (const auto& error : reading.errors) rethrow_if_run_wide(error, false);
  return reading;
}

// The failure of one test as a diagnostic's message and hint.
Failure failure_of(const DesiredTest& test, const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const loadero::ApiError& api_error) {
    // A test id the API no longer knows was deleted (or mistyped): the live state is at odds
    // with the manifest, which drift reports as such; any other failure means it was not read.
    if (api_error.kind() == loadero::ApiError::Kind::http && api_error.status() == 404 &&
        test.test_id) {
      return Failure{ProblemKind::conflict, label(test) + ": " + api_error.what(),
                     "the test was deleted or test_id is wrong: fix test_id"};
    }
    return Failure{ProblemKind::unreadable, label(test) + ": " + api_error.what(), {}};
  } catch (const std::invalid_argument& other) {
    return Failure{ProblemKind::unreadable, label(test) + ": " + other.what(), {}};
  }
}

}  // namespace

LiveReadResult read_live_state(LoaderoGateway& gateway, const std::vector<DesiredTest>& desired,
                               int parallelism, const SourceTexts& sources,
                               const CancelToken& cancel) {
  std::vector<bool> participants(desired.size());
  for (std::size_t i = 0; i < desired.size(); ++i)
    participants[i] = desired[i].reads_participants();
  Reading reading = read_tests(gateway, desired, participants, parallelism, cancel);
  LiveReadResult result;
  result.resolved = desired;
  result.live.resize(desired.size());
  for (std::size_t i = 0; i < desired.size(); ++i) {
    std::optional<Failure> failure;
    if (!reading.unresolved[i].empty()) {
      failure = Failure{ProblemKind::conflict, label(desired[i]) + ": " + reading.unresolved[i],
                        "fix test_name, or declare the test by test_id"};
    } else if (reading.errors[i]) {
      failure = failure_of(desired[i], reading.errors[i]);
    }
    if (failure) {
      result.errors.push_back(
          LiveReadError{i, failure->kind,
                        sources.diagnose(Severity::error, desired[i].source,
                                         std::move(failure->message), std::move(failure->hint))});
      continue;
    }
    const TestInfo& info = *reading.info[i];
    result.resolved[i].test_id = info.id;
    result.live[i] = LiveTest{info.id, info.name, std::move(reading.groups[i]),
                              std::move(reading.participants[i]), info.mode};
  }
  return result;
}

namespace {

// Calls read(i) for every index, `parallelism` at once, none started once `cancel` is cancelled;
// an interruption wins over whichever read happened to fail.
template <class Read>
void read_each(std::size_t count, int parallelism, const CancelToken& cancel, Read&& read) {
  try {
    detail::for_each_parallel(count, parallelism, [&](std::size_t i) {
      cancel.throw_if_cancelled();
      read(i);
    });
  } catch (const loadero::ApiError&) {
    cancel.throw_if_cancelled();
    throw;
  }
  cancel.throw_if_cancelled();
}

}  // namespace

std::vector<LiveTest> read_live_tests(LoaderoGateway& gateway,
                                      const std::vector<std::int64_t>& test_ids, int parallelism,
                                      const CancelToken& cancel, ReadParticipants participants) {
  std::vector<DesiredTest> desired(test_ids.size());
  for (std::size_t i = 0; i < test_ids.size(); ++i) desired[i].test_id = test_ids[i];
  Reading reading = read_tests(
      gateway, desired, std::vector<bool>(test_ids.size(), participants == ReadParticipants::yes),
      parallelism, cancel);
  std::vector<LiveTest> live(test_ids.size());
  for (std::size_t i = 0; i < test_ids.size(); ++i) {
    if (reading.errors[i]) std::rethrow_exception(reading.errors[i]);
    live[i] = LiveTest{reading.info[i]->id, reading.info[i]->name, std::move(reading.groups[i]),
                       std::move(reading.participants[i]), reading.info[i]->mode};
  }
  return live;
}

std::vector<std::vector<LiveGroup>> read_groups_of(LoaderoGateway& gateway,
                                                   const std::vector<std::int64_t>& test_ids,
                                                   int parallelism, const CancelToken& cancel) {
  std::vector<std::vector<LiveGroup>> groups(test_ids.size());
  read_each(test_ids.size(), parallelism, cancel,
            [&](std::size_t i) { groups[i] = gateway.list_groups(test_ids[i]); });
  return groups;
}

std::vector<std::vector<LiveParticipant>> read_participants_of(
    LoaderoGateway& gateway, const std::vector<std::int64_t>& test_ids, int parallelism,
    const CancelToken& cancel) {
  std::vector<std::vector<LiveParticipant>> participants(test_ids.size());
  read_each(test_ids.size(), parallelism, cancel,
            [&](std::size_t i) { participants[i] = gateway.list_participants(test_ids[i]); });
  return participants;
}

}  // namespace loadero_sync
