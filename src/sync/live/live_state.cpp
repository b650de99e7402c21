#include "loadero_sync/live_state.hpp"

#include <exception>
#include <optional>

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

std::string id_list(const std::vector<TestInfo>& tests) {
  std::vector<std::int64_t> ids;
  for (const auto& test : tests) ids.push_back(test.id);
  return join_ids(std::move(ids));
}

// Thrown inside one test's read, caught a few lines below: a message for people, no API detail.
struct ResolveError {
  std::string message;
};

TestInfo resolve(LoaderoGateway& gateway, const DesiredTest& test) {
  if (test.test_id) return gateway.read_test(*test.test_id);
  if (!test.test_name) throw ResolveError{"neither test_id nor test_name is set"};
  auto found = gateway.find_tests(*test.test_name);
  if (found.empty()) throw ResolveError{"no test has this exact name"};
  if (found.size() > 1) {
    throw ResolveError{"the name is ambiguous, tests " + id_list(found) + " have it; use test_id"};
  }
  return found.front();
}

LiveTest read_groups(LoaderoGateway& gateway, const TestInfo& info, const CancelToken& cancel) {
  // Between the two requests of a test, so an interrupted read of many tests ends after at most
  // one request per worker.
  cancel.throw_if_cancelled();
  return LiveTest{info.id, info.name, gateway.list_groups(info.id)};
}

}  // namespace

LiveReadResult read_live_state(LoaderoGateway& gateway, const std::vector<DesiredTest>& desired,
                               int parallelism, const SourceTexts& sources,
                               const CancelToken& cancel) {
  LiveReadResult result;
  result.resolved = desired;
  result.live.resize(desired.size());
  std::vector<std::optional<Failure>> errors(desired.size());

  // for_each_parallel calls every index: a cancelled token makes the rest return at once.
  detail::for_each_parallel(desired.size(), parallelism, [&](std::size_t i) {
    if (cancel.cancelled()) return;
    auto& test = result.resolved[i];
    try {
      const auto info = resolve(gateway, test);
      test.test_id = info.id;
      result.live[i] = read_groups(gateway, info, cancel);
    } catch (const Cancelled&) {
      return;
    } catch (const ResolveError& error) {
      errors[i] = Failure{ProblemKind::conflict, label(test) + ": " + error.message,
                          "fix test_name, or declare the test by test_id"};
    } catch (const loadero::ApiError& error) {
      // A test id the API no longer knows was deleted (or mistyped): the live state is at odds
      // with the manifest, which drift reports as such; any other failure means it was not read.
      if (error.kind() == loadero::ApiError::Kind::http && error.status() == 404 && test.test_id) {
        errors[i] = Failure{ProblemKind::conflict, label(test) + ": " + error.what(),
                            "the test was deleted or test_id is wrong: fix test_id"};
      } else {
        errors[i] = Failure{ProblemKind::unreadable, label(test) + ": " + error.what(), {}};
      }
    } catch (const std::invalid_argument& error) {
      errors[i] = Failure{ProblemKind::unreadable, label(test) + ": " + error.what(), {}};
    }
  });
  cancel.throw_if_cancelled();

  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (!errors[i]) continue;
    result.errors.push_back(
        LiveReadError{i, errors[i]->kind,
                      sources.diagnose(Severity::error, desired[i].source,
                                       std::move(errors[i]->message), std::move(errors[i]->hint))});
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
                                      const CancelToken& cancel) {
  std::vector<LiveTest> live(test_ids.size());
  read_each(test_ids.size(), parallelism, cancel, [&](std::size_t i) {
    live[i] = read_groups(gateway, gateway.read_test(test_ids[i]), cancel);
  });
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

}  // namespace loadero_sync
