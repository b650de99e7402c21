#pragma once
// Runs a Plan through a LoaderoGateway: independent actions in parallel, within a test and across
// tests, at most `parallelism` at once; a copy waits for the group it copies, participants wait
// for their group and its copies, group deletes come last.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/apply_result.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync {

class LoaderoGateway;  // gateway.hpp

/// One action has ended. Pointers refer into the Plan given to execute_plan and the executor's
/// own outcome; they are valid during the callback only.
struct ProgressEvent {
  std::size_t done = 0;   ///< actions ended so far, this one included (1-based)
  std::size_t total = 0;  ///< actions in the plan
  const TestPlan* test = nullptr;
  const Action* action = nullptr;
  ActionStatus status = ActionStatus::not_attempted;
  const ActionOutcome* outcome = nullptr;
};

struct ExecutorOptions {
  /// Actions in flight at once across the whole plan (each one request, but for a duplicate's copy
  /// and the count set after it, which hold one place together, as do the participants list of a
  /// copy and the participant update or delete that needed it; a test's check read after its
  /// writes holds one too). Values below 1 count as 1; 1 runs the plan in plan order.
  int parallelism = 4;
  /// Called once per action (not attempted ones included), from worker threads, never twice at
  /// the same time (the executor serializes the calls).
  std::function<void(const ProgressEvent&)> on_progress;
  /// Called from a worker thread right before an action starts (after the cancel check); calls
  /// for different actions, of one test or several, may run at the same time. The action's
  /// on_progress call (applied or failed) follows once it ends. May be empty.
  std::function<void(const TestPlan&, const Action&)> on_start;
  /// When set and cancelled, no further action is started: the actions in flight finish, the
  /// others end ActionStatus::interrupted. Not owned; must outlive execute_plan.
  const CancelToken* cancel = nullptr;
};

/// Runs the plan's actions on min(options.parallelism, actions) worker threads, each taking the
/// first ready action in plan order (test by test, then action by action), so at most
/// options.parallelism actions are in flight at once over all tests. An action is ready when what
/// it depends on has ended applied:
///  - a duplicate whose copy_source has no group_id copies the group an earlier create or
///    duplicate of its test made (the latest one of that name): it waits for that action; a
///    duplicate of a live group (copy_source.group_id set) waits for nothing;
///  - an update waits for the earlier duplicates of its test that copy its group by id, so a
///    source is never renamed away from the name a re-plan finds it by while its copy may fail;
///  - a participant action (target participant) without group_id writes in the group an earlier
///    create or duplicate of its test made under group_name (the latest one of that name): it
///    waits for that action;
///  - a participant action waits for the earlier duplicates of its test that copy its group (by
///    group_id, or the copies of the group made under group_name), so a copy brings the
///    participants its source had before the run;
///  - a run of group deletes starts once every action of its test before it has ended applied,
///    and its deletes then run side by side (the planner puts them last, so a group is deleted
///    only once every copy of it is made); an action after group deletes waits for them the same
///    way (a planner's plan has none). Participant deletes are not part of such a run;
///  - nothing else: creates, copies, the updates of groups not being copied and the participant
///    actions of groups not being copied run side by side.
/// With parallelism 1 that is exactly plan order, one action after another.
///  - create: create_group(after.name, after.count).
///  - update: update_group(group_id, after.name, after.count).
///  - delete: delete_group(group_id).
///  - duplicate: copy_group(source, after.name), the source being copy_source.group_id or else the
///    group made earlier in this test under copy_source.name; then update_group to after.count
///    when the copy's count differs (the same worker, right after the copy).
/// Participant actions, in the group G of group_id or else of the action that made it:
///  - create: create_participant(G, participant_after).
///  - update: update_participant(G, participant_id, participant_after).
///  - delete: delete_participant(participant_id); "already gone" noted as for groups.
///  - an update or delete without participant_id (a participant of a copy made in this run) finds
///    the participant by participant_before.name among G's participants, listed once per copy
///    (list_group_participants) by the first action that needs them; no participant of that name
///    in G, or several, fails the action ("no participant named \"Caller\" in group \"Callers
///    EU\" (id 1001), the copy this apply made; run plan again"), as does a failed list.
///  - the outcome's group_id is G.
/// Once an action of a test fails, no further action of that test starts: every one not started
/// yet ends ActionStatus::not_attempted with error "an earlier action of this test failed (kind
/// \"name\")" naming the first failure (for a participant action "(kind participant \"name\" in
/// group \"group name\")"), while those already in flight run to their end; so a
/// test's deletes never start after one of its other actions failed. Other tests go on. Once
/// options.cancel is cancelled, every action not yet started ends ActionStatus::interrupted (no
/// error text) while those in flight run to their end (a duplicate's copy and its count alike); an
/// action a failure skipped stays not_attempted. Progress counts participant actions like any
/// other. After every action of a test that created or copied groups has ended, one list_groups
/// checks for groups another writer made under the same names (not once cancelled). Every
/// std::exception an action throws (loadero::ApiError, std::invalid_argument for a malformed plan,
/// anything else) becomes that action's failed outcome. Anything else thrown (by an action, or by
/// on_start or on_progress) stops the run: no further action starts, those in flight end, and it
/// escapes. `gateway` is used from several threads at once.
ApplyResult execute_plan(const Plan& plan, LoaderoGateway& gateway, const ExecutorOptions& options);

}  // namespace loadero_sync
