#include "loadero_sync/executor.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <utility>

#include "loadero_sync/gateway.hpp"
#include "loadero_sync/parallel.hpp"
#include "loadero_sync/text.hpp"
#include "participant_actions.hpp"

namespace loadero_sync {

namespace {

constexpr std::size_t no_index = static_cast<std::size_t>(-1);

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

// The group a duplicate copies: its live id, or the id of the group `made_source` (an earlier
// create or duplicate of the same test, ended applied before this copy started) made.
std::int64_t copy_source_id(const Action& action, const ActionOutcome* made_source) {
  if (!action.copy_source) {
    throw std::invalid_argument("malformed plan: the duplicate of group \"" + action.name +
                                "\" has no copy source");
  }
  if (action.copy_source->group_id) return *action.copy_source->group_id;
  if (made_source == nullptr || !made_source->group_id) {
    throw std::invalid_argument("malformed plan: the copy source \"" + action.copy_source->name +
                                "\" has no id and was not created earlier in this test");
  }
  return *made_source->group_id;
}

// One action, its requests one after another (a duplicate's copy, then its count).
// `made_source` is the outcome of the earlier action that made the group a duplicate copies, or
// the group a participant action writes in, when the plan gives no id for it.
void run_action(const TestPlan& test, const Action& action, const ActionOutcome* made_source,
                LoaderoGateway& gateway, apply_detail::CopiedParticipants& copied,
                ActionOutcome& outcome) {
  if (action.target == ActionTarget::participant) {
    apply_detail::run_participant_action(test, action, made_source, gateway, copied, outcome);
    return;
  }
  switch (action.kind) {
    case ActionKind::create: {
      const auto& after = require_after(action);
      const auto group = gateway.create_group(test.test_id, after.name, after.count);
      outcome.group_id = group.id;
      break;
    }
    case ActionKind::update: {
      const auto& after = require_after(action);
      const auto group_id = require_group_id(action);
      outcome.group_id = group_id;
      gateway.update_group(test.test_id, group_id, after.name, after.count);
      break;
    }
    case ActionKind::remove: {
      const auto group_id = require_group_id(action);
      outcome.group_id = group_id;
      if (gateway.delete_group(test.test_id, group_id) == Deletion::already_gone)
        outcome.note = "already gone";
      break;
    }
    case ActionKind::duplicate: {
      const auto& after = require_after(action);
      const auto source_id = copy_source_id(action, made_source);
      const auto copy = gateway.copy_group(test.test_id, source_id, after.name);
      outcome.group_id = copy.id;
      if (copy.count != after.count) {
        gateway.update_group(test.test_id, copy.id, after.name, after.count);
      }
      break;
    }
  }
}

bool makes_group(const Action& action) {
  return action.target == ActionTarget::group &&
         (action.kind == ActionKind::create || action.kind == ActionKind::duplicate);
}

bool deletes_group(const Action& action) {
  return action.target == ActionTarget::group && action.kind == ActionKind::remove;
}

// What a failure says to the actions of its test it skips: the first failed action.
std::string failed_action(const Action& action) {
  if (action.target == ActionTarget::participant) {
    return std::string(to_string(action.kind)) + " participant \"" + action.name +
           "\" in group \"" + action.group_name + "\"";
  }
  return std::string(to_string(action.kind)) + " \"" + action.name + "\"";
}

// The groups a test created or copied, by name, as its outcomes tell (a later action of a name
// wins, as it would have in plan order). Read once every action of the test has ended.
std::map<std::string, std::int64_t> made_groups(const TestPlan& test, const TestOutcome& outcome) {
  std::map<std::string, std::int64_t> made;
  for (std::size_t a = 0; a < test.actions.size(); ++a) {
    const auto& action = test.actions[a];
    if (makes_group(action) && action.after && outcome.actions[a].group_id)
      made[action.after->name] = *outcome.actions[a].group_id;
  }
  return made;
}

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

// What orders the actions of one test. The planner (planner.cpp, TestPlanner::emit) emits creates,
// then duplicates (sources first), then updates, then deletes, and these are the orderings that
// matter:
//  - a duplicate whose copy_source has no id copies a group an earlier create or duplicate of the
//    test makes: it waits for that action (`source`) to end applied.
//  - an update of a group waits for the earlier duplicates that copy that group by id. The planner
//    puts updates after copies so that a copy is made from its source's state as planned, and
//    before the source is renamed away from the name a duplicate_from may use: when the source is
//    an undeclared live group found by its live name, a rename that landed while the copy failed
//    (or was interrupted) would leave a state that no longer plans ("duplicate_from names no live
//    or planned group"). Run in plan order, the failed copy stops the rename.
//  - a participant action in a group made earlier in the run (no group_id) waits for the create
//    or duplicate that makes it (`source`, whose outcome gives the id).
//  - participant writes of a group wait for the duplicates that copy it (by id, or the copies of
//    the group made earlier in the run): the plan counts on a copy bringing its source's
//    participants as they were when it was made, and a re-plan after a failed copy must see the
//    source as it was.
//  - group deletes come last so that every copy of a group they delete is made first: a run of
//    group deletes (a "phase") starts once every action before it ended applied, and so does a
//    run of other actions after deletes (a hand-edited plan may have one; the planner's plans
//    never do). Participant removes are no group deletes: they run beside the other actions.
// Nothing else depends on order. Updates address their group by id, and so does a copy of a live
// group; participant actions address their participant by id (or, in a copy, by its name there).
// Group names need not be unique in a Loadero test (verify_made exists because two writers can make
// two groups of one name; the README notes that renames may briefly leave two groups with one
// name), and the planner never swaps names through a temporary one: a rename does not wait for
// another update to free its name, and a create does not wait for a rename away from its name.
struct ActionNode {
  enum class Stage { waiting, running, ended };
  Stage stage = Stage::waiting;
  std::size_t phase = 0;
  /// the earlier action making the group this copy copies, or this participant action writes in
  std::size_t source = no_index;
  std::size_t pending = 0;              ///< actions of the same test it waits for, not ended yet
  std::vector<std::size_t> dependents;  ///< actions waiting for this one
};

struct TestRun {
  std::vector<ActionNode> nodes;
  std::vector<std::size_t> open;  ///< per phase: actions not ended
  std::size_t phase = 0;          ///< the phase whose actions may start
  std::size_t ended = 0;
  std::string failure;  ///< why the rest is not attempted, once an action failed
};

// One action ended (or was skipped) and is due for its on_progress call.
struct Ended {
  std::size_t test = 0;
  std::size_t action = 0;
};

// The whole plan's actions on one pool of workers: a worker takes the first ready action in plan
// order (test by test, action by action), runs it, and its end may make others ready. With one
// worker that is exactly plan order.
class PlanRun {
 public:
  PlanRun(const Plan& plan, LoaderoGateway& gateway, const ExecutorOptions& options,
          ApplyResult& result)
      : m_plan(plan), m_gateway(gateway), m_options(options), m_result(result) {
    m_tests.resize(plan.tests.size());
    for (std::size_t t = 0; t < plan.tests.size(); ++t) {
      const auto& actions = plan.tests[t].actions;
      auto& run = m_tests[t];
      run.nodes.resize(actions.size());
      m_total += actions.size();
      std::map<std::string, std::size_t> makers;  // name -> the latest earlier action making it
      std::map<std::int64_t, std::vector<std::size_t>> copies;      // live group id -> its copies
      std::map<std::size_t, std::vector<std::size_t>> made_copies;  // maker -> copies of its group
      for (std::size_t a = 0; a < actions.size(); ++a) {
        const auto& action = actions[a];
        auto& node = run.nodes[a];
        if (a > 0) {
          const bool was_delete = deletes_group(actions[a - 1]);
          const bool is_delete = deletes_group(action);
          node.phase = run.nodes[a - 1].phase + (was_delete != is_delete ? 1 : 0);
        }
        if (run.open.size() <= node.phase) run.open.resize(node.phase + 1, 0);
        ++run.open[node.phase];
        const auto wait_for = [&](std::size_t earlier) {
          ++node.pending;
          run.nodes[earlier].dependents.push_back(a);
        };
        const auto wait_for_copies = [&](const auto& of, const auto& key) {
          if (const auto it = of.find(key); it != of.end()) {
            for (const auto copy : it->second) wait_for(copy);
          }
        };
        if (action.target == ActionTarget::participant) {
          // Into a live group: after its copies (they copy its participants as the plan saw
          // them). Into a group made earlier in this run: after that, and after its copies.
          if (action.group_id) {
            wait_for_copies(copies, *action.group_id);
          } else if (const auto maker = makers.find(action.group_name); maker != makers.end()) {
            node.source = maker->second;
            wait_for(maker->second);
            wait_for_copies(made_copies, maker->second);
          }
        } else if (action.kind == ActionKind::duplicate && action.copy_source) {
          if (action.copy_source->group_id) {
            copies[*action.copy_source->group_id].push_back(a);
          } else if (const auto maker = makers.find(action.copy_source->name);
                     maker != makers.end()) {
            node.source = maker->second;
            wait_for(maker->second);
            made_copies[maker->second].push_back(a);
          }
        } else if (action.kind == ActionKind::update && action.group_id) {
          wait_for_copies(copies, *action.group_id);
        }
        if (makes_group(action) && action.after) makers[action.after->name] = a;
      }
      release_phase(t);
    }
  }

  std::size_t total() const { return m_total; }

  // One worker: runs ready actions until every action has ended (or another worker failed with
  // an exception that is not an action's outcome, which this rethrows on its own thread).
  void work() {
    try {
      work_loop();
    } catch (...) {
      {
        const std::lock_guard lock(m_mutex);
        m_abort = true;
      }
      m_cv.notify_all();
      throw;
    }
  }

 private:
  bool cancelled() const { return m_options.cancel != nullptr && m_options.cancel->cancelled(); }

  void work_loop() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      if (m_abort || m_ended == m_total) return;
      if (!m_cancel_swept && cancelled()) {
        m_cancel_swept = true;
        auto swept = sweep_interrupted();
        lock.unlock();
        report(swept);
        lock.lock();
        m_cv.notify_all();
        continue;
      }
      if (m_ready.empty()) {
        m_cv.wait(lock);
        continue;
      }
      const auto [t, a] = *m_ready.begin();
      m_ready.erase(m_ready.begin());
      auto& node = m_tests[t].nodes[a];
      node.stage = ActionNode::Stage::running;
      const ActionOutcome* made_source =
          node.source == no_index ? nullptr : &m_result.tests[t].actions[node.source];
      lock.unlock();

      const auto& test = m_plan.tests[t];
      const auto& action = test.actions[a];
      auto& outcome = m_result.tests[t].actions[a];
      if (m_options.on_start) m_options.on_start(test, action);
      try {
        run_action(test, action, made_source, m_gateway, m_copied, outcome);
        outcome.status = ActionStatus::applied;
      } catch (const std::exception& error) {
        // Any failure, API or not, stays inside this test: the other tests go on.
        outcome.status = ActionStatus::failed;
        outcome.error = error.what();
      }

      lock.lock();
      std::vector<Ended> ended{{t, a}};
      finish(t, a, ended);
      const bool test_done = m_tests[t].ended == test.actions.size();
      lock.unlock();
      m_cv.notify_all();
      report(ended);
      if (test_done) {
        // An interrupted apply starts no further request, not even this read.
        const auto made = made_groups(test, m_result.tests[t]);
        if (!made.empty() && !cancelled()) verify_made(test, made, m_gateway, m_result.tests[t]);
      }
      lock.lock();
    }
  }

  // Under the lock: action `a` of test `t` ended. A failure skips every action of the test not
  // started yet; success may make copies of its group, or the next phase, ready.
  void finish(std::size_t t, std::size_t a, std::vector<Ended>& ended) {
    auto& run = m_tests[t];
    auto& node = run.nodes[a];
    end(run, node);
    const auto& outcome = m_result.tests[t].actions[a];
    if (outcome.status != ActionStatus::applied) {
      if (run.failure.empty()) {
        const auto& action = m_plan.tests[t].actions[a];
        run.failure = "an earlier action of this test failed (" + failed_action(action) + ")";
      }
      for (std::size_t other = 0; other < run.nodes.size(); ++other) {
        auto& skipped = run.nodes[other];
        if (skipped.stage != ActionNode::Stage::waiting) continue;
        m_ready.erase({t, other});
        end(run, skipped);
        auto& skipped_outcome = m_result.tests[t].actions[other];
        skipped_outcome.status = ActionStatus::not_attempted;
        skipped_outcome.error = run.failure;
        ended.push_back({t, other});
      }
      return;
    }
    if (!run.failure.empty()) return;  // everything not started was skipped already
    for (const auto dependent : node.dependents) {
      auto& waiting = run.nodes[dependent];
      if (--waiting.pending == 0 && waiting.stage == ActionNode::Stage::waiting &&
          waiting.phase == run.phase)
        m_ready.insert({t, dependent});
    }
    if (run.open[run.phase] == 0 && run.phase + 1 < run.open.size()) {
      ++run.phase;
      release_phase(t);
    }
  }

  void end(TestRun& run, ActionNode& node) {
    node.stage = ActionNode::Stage::ended;
    ++run.ended;
    --run.open[node.phase];
    ++m_ended;
  }

  // Makes the actions of test `t`'s current phase that wait for nothing more ready.
  void release_phase(std::size_t t) {
    auto& run = m_tests[t];
    for (std::size_t a = 0; a < run.nodes.size(); ++a) {
      const auto& node = run.nodes[a];
      if (node.phase == run.phase && node.stage == ActionNode::Stage::waiting && node.pending == 0)
        m_ready.insert({t, a});
    }
  }

  // Under the lock, once cancelled: every action not started ends interrupted, in plan order.
  std::vector<Ended> sweep_interrupted() {
    std::vector<Ended> swept;
    m_ready.clear();
    for (std::size_t t = 0; t < m_tests.size(); ++t) {
      auto& run = m_tests[t];
      for (std::size_t a = 0; a < run.nodes.size(); ++a) {
        auto& node = run.nodes[a];
        if (node.stage != ActionNode::Stage::waiting) continue;
        end(run, node);
        m_result.tests[t].actions[a].status = ActionStatus::interrupted;
        swept.push_back({t, a});
      }
    }
    return swept;
  }

  // Outside the scheduler's lock; on_progress calls are serialized by their own.
  void report(const std::vector<Ended>& ended) {
    const std::lock_guard lock(m_progress_mutex);
    for (const auto& [t, a] : ended) {
      const auto& outcome = m_result.tests[t].actions[a];
      ++m_done;
      if (m_options.on_progress) {
        m_options.on_progress(ProgressEvent{m_done, m_total, &m_plan.tests[t],
                                            &m_plan.tests[t].actions[a], outcome.status, &outcome});
      }
    }
  }

  const Plan& m_plan;
  LoaderoGateway& m_gateway;
  const ExecutorOptions& m_options;
  ApplyResult& m_result;
  apply_detail::CopiedParticipants m_copied;

  std::mutex m_mutex;  // guards everything below but the progress count
  std::condition_variable m_cv;
  std::vector<TestRun> m_tests;
  std::set<std::pair<std::size_t, std::size_t>> m_ready;  // (test, action), plan order first
  std::size_t m_total = 0;
  std::size_t m_ended = 0;
  bool m_cancel_swept = false;
  bool m_abort = false;

  std::mutex m_progress_mutex;
  std::size_t m_done = 0;
};

}  // namespace

ApplyResult execute_plan(const Plan& plan, LoaderoGateway& gateway,
                         const ExecutorOptions& options) {
  ApplyResult result;
  result.tests.resize(plan.tests.size());
  for (std::size_t i = 0; i < plan.tests.size(); ++i) {
    result.tests[i].test_id = plan.tests[i].test_id;
    result.tests[i].actions.resize(plan.tests[i].actions.size());
  }
  PlanRun run(plan, gateway, options, result);
  const auto workers =
      std::min(run.total(), static_cast<std::size_t>(std::max(options.parallelism, 1)));
  detail::for_each_parallel(workers, static_cast<int>(workers), [&](std::size_t) { run.work(); });
  return result;
}

}  // namespace loadero_sync
