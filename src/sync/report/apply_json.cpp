#include <nlohmann/json.hpp>
#include <ostream>

#include "loadero_sync/report.hpp"

namespace loadero_sync {
namespace {

using nlohmann::ordered_json;

std::string_view status_code(ActionStatus status) {
  switch (status) {
    case ActionStatus::applied:
      return "applied";
    case ActionStatus::failed:
      return "failed";
    case ActionStatus::not_attempted:
      return "not_attempted";
    case ActionStatus::interrupted:
      return "interrupted";
  }
  return "not_attempted";
}

ordered_json optional_id(const std::optional<std::int64_t>& id) {
  return id ? ordered_json(*id) : ordered_json(nullptr);
}

ordered_json action_json(const Action& action, const ActionOutcome& outcome) {
  ordered_json out;
  out["action"] = std::string(to_string(action.kind));
  out["target"] = std::string(to_string(action.target));
  out["name"] = action.name;
  if (action.target == ActionTarget::participant) {
    out["group_name"] = action.group_name;
    out["participant_id"] = optional_id(action.participant_id);
  }
  out["reason_code"] = std::string(to_string(action.reason));
  out["status"] = std::string(status_code(outcome.status));
  // The group the action made or changed (the new id of a create or duplicate).
  out["group_id"] = optional_id(outcome.group_id ? outcome.group_id : action.group_id);
  const bool made = action.kind == ActionKind::create || action.kind == ActionKind::duplicate;
  if (made && outcome.status == ActionStatus::applied) {
    if (action.target == ActionTarget::participant)
      out["created_participant_id"] = optional_id(outcome.created_participant_id);
    else
      out["created_group_id"] = optional_id(outcome.group_id);
  }
  if (!outcome.note.empty()) out["note"] = outcome.note;
  switch (outcome.status) {
    case ActionStatus::failed:
      out["error"] = outcome.error;
      break;
    case ActionStatus::not_attempted:
      out["why"] = outcome.error.empty() ? std::string("another action of its test failed first")
                                         : outcome.error;
      break;
    case ActionStatus::interrupted:
      out["why"] = "the apply was interrupted before it started";
      break;
    case ActionStatus::applied:
      break;
  }
  return out;
}

}  // namespace

void write_apply_json(std::ostream& out, const Plan& plan, const ApplyResult& result,
                      bool dry_run) {
  ordered_json document;
  document["format_version"] = "1";
  document["tool_version"] = plan.tool_version;
  document["api_base"] = plan.api_base;
  document["project_id"] = plan.project_id;
  document["dry_run"] = dry_run;
  document["complete"] = result.complete();
  document["interrupted"] = result.interrupted() > 0;
  ordered_json tests = ordered_json::array();
  std::size_t created_groups = 0;
  std::size_t created_participants = 0;
  for (std::size_t t = 0; t < plan.tests.size(); ++t) {
    const TestPlan& test = plan.tests[t];
    ordered_json entry;
    entry["test_id"] = test.test_id;
    entry["test_name"] = test.test_name;
    ordered_json actions = ordered_json::array();
    const TestOutcome* outcome = t < result.tests.size() ? &result.tests[t] : nullptr;
    for (std::size_t a = 0; a < test.actions.size(); ++a) {
      const ActionOutcome none{};
      const ActionOutcome& action_outcome =
          outcome != nullptr && a < outcome->actions.size() ? outcome->actions[a] : none;
      const Action& action = test.actions[a];
      if (action_outcome.status == ActionStatus::applied &&
          (action.kind == ActionKind::create || action.kind == ActionKind::duplicate)) {
        if (action.target == ActionTarget::participant)
          ++created_participants;
        else
          ++created_groups;
      }
      actions.push_back(action_json(action, action_outcome));
    }
    entry["actions"] = std::move(actions);
    entry["conflicts"] = outcome != nullptr ? outcome->conflicts : std::vector<std::string>{};
    entry["verify_error"] = outcome != nullptr && !outcome->verify_error.empty()
                                ? ordered_json(outcome->verify_error)
                                : ordered_json(nullptr);
    tests.push_back(std::move(entry));
  }
  document["tests"] = std::move(tests);
  document["summary"] = ordered_json{{"applied", result.applied()},
                                     {"failed", result.failed()},
                                     {"not_attempted", result.not_attempted()},
                                     {"interrupted", result.interrupted()},
                                     {"conflicts", result.conflicts()},
                                     {"created_groups", created_groups},
                                     {"created_participants", created_participants}};
  out << document.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace loadero_sync
