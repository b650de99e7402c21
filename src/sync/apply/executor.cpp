#include "loadero_sync/executor.hpp"

#include <map>
#include <mutex>
#include <stdexcept>

#include "loadero_sync/gateway.hpp"
#include "loadero_sync/parallel.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync {

namespace {

const GroupState& require_after(const Action& action) {
  if (!action.after) {
    throw std::invalid_argument("malformed plan: a " + std::string(to_string(action.kind)) +
                                " of group \"" + action.name + "\" has no target state");
  }
  return *action.after;
}

std::int64_t require_group_id(const Action& action) {
  if (!action.group_id) {
    throw std::invalid_argument("malformed plan: a " + std::string(to_string(action.kind)) +
                                " of group \"" + action.name + "\" has no group id");
  }
  return *action.group_id;
}

// The actions of one test, in order. Groups made earlier in the test are remembered by name so
// that a duplicate of a group created in the same apply finds its source.
class TestRunner {
 public:
  TestRunner(const TestPlan& test, LoaderoGateway& gateway) : m_test(test), m_gateway(gateway) {}

  /// The groups this test created or copied so far, by name.
  const std::map<std::string, std::int64_t>& made() const { return m_made; }

  void run(const Action& action, ActionOutcome& outcome) {
    switch (action.kind) {
      case ActionKind::create: {
        const auto& after = require_after(action);
        const auto group = m_gateway.create_group(m_test.test_id, after.name, after.count);
        outcome.group_id = group.id;
        m_made[after.name] = group.id;
        break;
      }
      case ActionKind::update: {
        const auto& after = require_after(action);
        const auto group_id = require_group_id(action);
        outcome.group_id = group_id;
        m_gateway.update_group(m_test.test_id, group_id, after.name, after.count);
        break;
      }
      case ActionKind::remove: {
        const auto group_id = require_group_id(action);
        outcome.group_id = group_id;
        if (m_gateway.delete_group(m_test.test_id, group_id) == Deletion::already_gone)
          outcome.note = "already gone";
        break;
      }
      case ActionKind::duplicate: {
        const auto& after = require_after(action);
        const auto source_id = copy_source_id(action);
        const auto copy = m_gateway.copy_group(m_test.test_id, source_id, after.name);
        outcome.group_id = copy.id;
        m_made[after.name] = copy.id;
        if (copy.count != after.count) {
          m_gateway.update_group(m_test.test_id, copy.id, after.name, after.count);
        }
        break;
      }
    }
  }

 private:
  std::int64_t copy_source_id(const Action& action) const {
    if (!action.copy_source) {
      throw std::invalid_argument("malformed plan: the duplicate of group \"" + action.name +
                                  "\" has no copy source");
    }
    if (action.copy_source->group_id) return *action.copy_source->group_id;
    const auto made = m_made.find(action.copy_source->name);
    if (made == m_made.end()) {
      throw std::invalid_argument("malformed plan: the copy source \"" + action.copy_source->name +
                                  "\" has no id and was not created earlier in this test");
    }
    return made->second;
  }

  const TestPlan& m_test;
  LoaderoGateway& m_gateway;
  std::map<std::string, std::int64_t> m_made;  // groups this test created or copied, by name
};

// One read after a test's creates and copies: another writer applying the same manifest at the
// same time makes a second group of a name, which neither writer could see beforehand.
void verify_made(const TestPlan& test, const std::map<std::string, std::int64_t>& made,
                 LoaderoGateway& gateway, TestOutcome& outcome) {
  std::vector<LiveGroup> groups;
  try {
    groups = gateway.list_groups(test.test_id);
  } catch (const std::exception& error) {
    outcome.verify_error = error.what();
    return;
  }
  for (const auto& [name, id] : made) {
    std::vector<std::int64_t> ids;
    for (const auto& group : groups) {
      if (group.name == name) ids.push_back(group.id);
    }
    if (ids.size() < 2) continue;
    const auto count = ids.size();
    outcome.conflicts.push_back(
        "group name " + quote_name(name) + " now has " + std::to_string(count) +
        " live groups (ids " + join_ids(std::move(ids)) + "); this apply made group " +
        std::to_string(id) +
        ", another writer made the others at the same time: delete the extra groups, or pin "
        "the one to keep with id:");
  }
}

}  // namespace

ApplyResult execute_plan(const Plan& plan, LoaderoGateway& gateway,
                         const ExecutorOptions& options) {
  ApplyResult result;
  result.tests.resize(plan.tests.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < plan.tests.size(); ++i) {
    result.tests[i].test_id = plan.tests[i].test_id;
    result.tests[i].actions.resize(plan.tests[i].actions.size());
    total += plan.tests[i].actions.size();
  }

  std::mutex progress_mutex;
  std::size_t done = 0;
  auto report = [&](const TestPlan& test, const Action& action, const ActionOutcome& outcome) {
    const std::lock_guard lock(progress_mutex);
    ++done;
    if (options.on_progress)
      options.on_progress(ProgressEvent{done, total, &test, &action, outcome.status, &outcome});
  };

  detail::for_each_parallel(plan.tests.size(), options.parallelism, [&](std::size_t t) {
    const auto& test = plan.tests[t];
    auto& outcomes = result.tests[t].actions;
    TestRunner runner(test, gateway);
    std::string failure;  // the first failed action of this test, once there is one
    for (std::size_t a = 0; a < test.actions.size(); ++a) {
      const auto& action = test.actions[a];
      auto& outcome = outcomes[a];
      if (!failure.empty()) {
        outcome.status = ActionStatus::not_attempted;
        outcome.error = failure;
        report(test, action, outcome);
        continue;
      }
      if (options.cancel != nullptr && options.cancel->cancelled()) {
        outcome.status = ActionStatus::interrupted;
        report(test, action, outcome);
        continue;
      }
      if (options.on_start) options.on_start(test, action);
      try {
        runner.run(action, outcome);
        outcome.status = ActionStatus::applied;
      } catch (const std::exception& error) {
        // Any failure, API or not, stays inside this test: the other tests go on.
        outcome.status = ActionStatus::failed;
        outcome.error = error.what();
        failure = "an earlier action of this test failed (" + std::string(to_string(action.kind)) +
                  " \"" + action.name + "\")";
      }
      report(test, action, outcome);
    }
    // An interrupted apply starts no further request, not even this read.
    const bool interrupted = options.cancel != nullptr && options.cancel->cancelled();
    if (!runner.made().empty() && !interrupted)
      verify_made(test, runner.made(), gateway, result.tests[t]);
  });
  return result;
}

}  // namespace loadero_sync
