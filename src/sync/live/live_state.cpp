#include "loadero_sync/live_state.hpp"

#include <exception>
#include <optional>

#include "loadero/api_error.hpp"
#include "loadero_sync/parallel.hpp"

namespace loadero_sync {

namespace {

std::string label(const DesiredTest& test) {
  if (test.test_id) return "test " + std::to_string(*test.test_id);
  if (test.test_name) return "test \"" + *test.test_name + "\"";
  return "test";
}

std::string id_list(const std::vector<TestInfo>& tests) {
  std::string ids;
  for (const auto& test : tests) {
    if (!ids.empty()) ids += ", ";
    ids += std::to_string(test.id);
  }
  return ids;
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
  std::vector<std::optional<std::string>> errors(desired.size());

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
      errors[i] = label(test) + ": " + error.message;
    } catch (const loadero::ApiError& error) {
      errors[i] = label(test) + ": " + error.what();
    } catch (const std::invalid_argument& error) {
      errors[i] = label(test) + ": " + error.what();
    }
  });
  cancel.throw_if_cancelled();

  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (!errors[i]) continue;
    result.errors.push_back(
        LiveReadError{i, sources.diagnose(Severity::error, desired[i].source, *errors[i])});
  }
  return result;
}

std::vector<LiveTest> read_live_tests(LoaderoGateway& gateway,
                                      const std::vector<std::int64_t>& test_ids, int parallelism,
                                      const CancelToken& cancel) {
  std::vector<LiveTest> live(test_ids.size());
  try {
    detail::for_each_parallel(test_ids.size(), parallelism, [&](std::size_t i) {
      cancel.throw_if_cancelled();
      live[i] = read_groups(gateway, gateway.read_test(test_ids[i]), cancel);
    });
  } catch (const loadero::ApiError&) {
    // An interrupted read reports the interruption, not whichever test happened to fail.
    cancel.throw_if_cancelled();
    throw;
  }
  cancel.throw_if_cancelled();
  return live;
}

}  // namespace loadero_sync
