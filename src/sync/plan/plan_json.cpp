#include "loadero_sync/plan_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "plan_json_participants.hpp"
#include "plan_json_read.hpp"

namespace loadero_sync {
namespace {

using detail::array_at;
using detail::fail;
using detail::integer_at;
using detail::member;
using detail::object_at;
using detail::string_at;

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

ordered_json state_json(const GroupState& state) {
  ordered_json out;
  out["name"] = state.name;
  out["count"] = state.count;
  return out;
}

ordered_json action_json(const Action& action) {
  if (action.target == ActionTarget::participant) return detail::participant_action_json(action);
  ordered_json out;
  out["action"] = std::string(to_string(action.kind));
  out["target"] = std::string(to_string(action.target));
  if (action.group_id) out["group_id"] = *action.group_id;
  out["name"] = action.name;
  if (action.before) out["before"] = state_json(*action.before);
  if (action.after) out["after"] = state_json(*action.after);
  if (action.copy_source) {
    ordered_json copy;
    if (action.copy_source->group_id) copy["group_id"] = *action.copy_source->group_id;
    copy["name"] = action.copy_source->name;
    copy["count"] = action.copy_source->count;
    out["copy_of"] = std::move(copy);
  }
  detail::put_reason_and_source(out, action);
  return out;
}

// `with_participants`: also participant_count (per copy) when known, > 0 (live_groups only, so
// a plan loaded from a file can still say how many participants a delete takes).
ordered_json groups_json(const std::vector<LiveGroup>& groups, bool with_participants = false) {
  ordered_json out = ordered_json::array();
  for (const auto& group : groups) {
    ordered_json entry;
    entry["id"] = group.id;
    entry["name"] = group.name;
    entry["count"] = group.count;
    if (with_participants && group.participant_count > 0)
      entry["participant_count"] = group.participant_count;
    out.push_back(std::move(entry));
  }
  return out;
}

ordered_json participants_json(const std::optional<std::int64_t>& participants) {
  if (!participants) return nullptr;
  return *participants;
}

// Adds "compute_units" and "participants_per_run" ({"before", "after"}, null when unknown).
void put_loads(ordered_json& out, const TestLoad& before, const TestLoad& after) {
  ordered_json units;
  units["before"] = compute_units_value(before.compute_units);
  units["after"] = compute_units_value(after.compute_units);
  out["compute_units"] = std::move(units);
  ordered_json participants;
  participants["before"] = participants_json(before.participants);
  participants["after"] = participants_json(after.participants);
  out["participants_per_run"] = std::move(participants);
}

ordered_json test_json(const TestPlan& test) {
  ordered_json out;
  out["test_id"] = test.test_id;
  out["test_name"] = test.test_name;
  if (test.mode) out["mode"] = *test.mode;
  out["live_fingerprint"] = test.live_fingerprint;
  out["actions"] = ordered_json::array();
  for (const auto& action : test.actions) out["actions"].push_back(action_json(action));
  out["unmanaged"] = groups_json(test.unmanaged);
  for (auto& group : out["unmanaged"]) {
    if (const auto kept = test.kept_by.find(group["id"].get<std::int64_t>());
        kept != test.kept_by.end())
      group["kept_by"] = kept->second;
  }
  out["unchanged"] = test.unchanged;
  if (test.live_participants) out["unchanged_participants"] = test.unchanged_participants;
  put_loads(out, test.load_before, test.load_after);
  out["live_groups"] = groups_json(test.live_groups, true);
  if (test.live_participants)
    out["live_participants"] = detail::live_participants_json(*test.live_participants);
  return out;
}

GroupState state_from(const json& object, const std::string& path) {
  object_at(object, path);
  return GroupState{string_at(object, path, "name"), integer_at(object, path, "count")};
}

ActionKind kind_from(const std::string& text, const std::string& path) {
  if (text == "create") return ActionKind::create;
  if (text == "duplicate") return ActionKind::duplicate;
  if (text == "update") return ActionKind::update;
  if (text == "delete") return ActionKind::remove;
  fail(path, "unknown action '" + text + "'");
}

// Plans saved before reason_code existed carry only the words; the kind and the before/after states
// tell the same reason (the words of a delete tell which of the two kinds of delete).
ActionReason reason_at(const json& object, const std::string& path, const Action& action) {
  if (object.contains("reason_code")) {
    const std::string code = string_at(object, path, "reason_code");
    if (const auto reason = reason_from_code(code)) return *reason;
    fail(path + ".reason_code", "unknown reason code '" + code + "'");
  }
  switch (action.kind) {
    case ActionKind::create:
      return ActionReason::new_group;
    case ActionKind::duplicate:
      return ActionReason::copy;
    case ActionKind::remove:
      return string_at(object, path, "reason") == "ensure: absent" ? ActionReason::ensure_absent
                                                                   : ActionReason::pruned;
    case ActionKind::update:
      break;
  }
  const GroupState before = action.before.value_or(GroupState{});
  const GroupState after = action.after.value_or(GroupState{});
  if (before.name == after.name) return ActionReason::count_changed;
  return before.count == after.count ? ActionReason::renamed
                                     : ActionReason::renamed_and_count_changed;
}

Action action_from(const json& object, const std::string& path) {
  object_at(object, path);
  // Plans saved before participants existed have no "target": every action was a group's.
  if (object.contains("target")) {
    const std::string target = string_at(object, path, "target");
    if (target == "participant") return detail::participant_action_from(object, path);
    if (target != "group") fail(path + ".target", "unknown target '" + target + "'");
  }
  Action action;
  action.kind = kind_from(string_at(object, path, "action"), path + ".action");
  if (object.contains("group_id")) action.group_id = integer_at(object, path, "group_id");
  action.name = string_at(object, path, "name");
  if (object.contains("before")) action.before = state_from(object["before"], path + ".before");
  if (object.contains("after")) action.after = state_from(object["after"], path + ".after");
  if (object.contains("copy_of")) {
    const std::string copy_path = path + ".copy_of";
    const auto& copy = object_at(object["copy_of"], copy_path);
    Action::CopySource source;
    if (copy.contains("group_id")) source.group_id = integer_at(copy, copy_path, "group_id");
    source.name = string_at(copy, copy_path, "name");
    source.count = integer_at(copy, copy_path, "count");
    action.copy_source = std::move(source);
  }

  if (object.contains("source")) action.source = detail::source_from(object, path);

  string_at(object, path, "reason");  // required, but only reason_code is read back
  action.reason = reason_at(object, path, action);

  // The executor relies on the fields plan.hpp documents for each kind.
  const bool ok = [&] {
    switch (action.kind) {
      case ActionKind::create:
        return action.after.has_value() && !action.group_id;
      case ActionKind::duplicate:
        return action.after.has_value() && action.copy_source.has_value() && !action.group_id;
      case ActionKind::update:
        return action.group_id && action.before && action.after;
      case ActionKind::remove:
        return action.group_id && action.before;
    }
    return false;
  }();
  if (!ok) {
    static const char* const needs[] = {
        "\"after\" and no \"group_id\"", "\"after\", \"copy_of\" and no \"group_id\"",
        "\"group_id\", \"before\" and \"after\"", "\"group_id\" and \"before\""};
    fail(path, "a " + std::string(to_string(action.kind)) + " action needs " +
                   needs[static_cast<int>(action.kind)]);
  }
  return action;
}

std::vector<LiveGroup> groups_from(const json& object, const std::string& path, const char* key) {
  std::vector<LiveGroup> groups;
  const auto& entries = array_at(object, path, key);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string group_path = path + "." + key + "[" + std::to_string(i) + "]";
    const auto& entry = object_at(entries[i], group_path);
    LiveGroup group;
    group.id = integer_at(entry, group_path, "id");
    group.name = string_at(entry, group_path, "name");
    group.count = integer_at(entry, group_path, "count");
    // Only live_groups write it; plans saved before it existed leave it out (0: unknown).
    if (entry.contains("participant_count"))
      group.participant_count = integer_at(entry, group_path, "participant_count");
    groups.push_back(std::move(group));
  }
  return groups;
}

// `object[key]["before"|"after"]`: a number, or null for unknown.
std::optional<double> units_from(const json& figures, const std::string& path, const char* key) {
  const auto& value = member(figures, path, key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_number()) fail(path + "." + key, "expected a number or null");
  return value.get<double>();
}

std::optional<std::int64_t> participants_from(const json& figures, const std::string& path,
                                              const char* key) {
  const auto& value = member(figures, path, key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_number_integer()) fail(path + "." + key, "expected an integer or null");
  return value.get<std::int64_t>();
}

// Reads what put_loads writes; a figure left out (plans saved before loads existed) stays unknown.
void loads_from(const json& object, const std::string& path, TestLoad& before, TestLoad& after) {
  if (object.contains("compute_units")) {
    const std::string units_path = path + ".compute_units";
    const auto& units = object_at(object["compute_units"], units_path);
    before.compute_units = units_from(units, units_path, "before");
    after.compute_units = units_from(units, units_path, "after");
  }
  if (object.contains("participants_per_run")) {
    const std::string participants_path = path + ".participants_per_run";
    const auto& participants = object_at(object["participants_per_run"], participants_path);
    before.participants = participants_from(participants, participants_path, "before");
    after.participants = participants_from(participants, participants_path, "after");
  }
}

TestPlan test_from(const json& object, const std::string& path) {
  object_at(object, path);
  TestPlan test;
  test.test_id = integer_at(object, path, "test_id");
  if (object.contains("test_name")) test.test_name = string_at(object, path, "test_name");
  if (object.contains("mode")) test.mode = string_at(object, path, "mode");
  test.live_fingerprint = string_at(object, path, "live_fingerprint");
  const auto& actions = array_at(object, path, "actions");
  for (std::size_t i = 0; i < actions.size(); ++i) {
    test.actions.push_back(action_from(actions[i], path + ".actions[" + std::to_string(i) + "]"));
  }
  if (object.contains("unmanaged")) {
    test.unmanaged = groups_from(object, path, "unmanaged");
    const auto& entries = object.at("unmanaged");
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].contains("kept_by")) {
        test.kept_by[test.unmanaged[i].id] =
            string_at(entries[i], path + ".unmanaged[" + std::to_string(i) + "]", "kept_by");
      }
    }
  }
  if (object.contains("unchanged")) test.unchanged = integer_at(object, path, "unchanged");
  if (object.contains("live_groups")) test.live_groups = groups_from(object, path, "live_groups");
  if (object.contains("live_participants"))
    test.live_participants = detail::live_participants_from(object, path, "live_participants");
  if (object.contains("unchanged_participants"))
    test.unchanged_participants = integer_at(object, path, "unchanged_participants");
  loads_from(object, path, test.load_before, test.load_after);
  return test;
}

ordered_json problem_json(const PlanProblem& problem) {
  ordered_json out;
  out["test_id"] = problem.test_id;
  out["test_name"] = problem.test_name;
  out["kind"] = std::string(to_string(problem.kind));
  out["message"] = problem.diagnostic.message;
  if (!problem.diagnostic.hint.empty()) out["hint"] = problem.diagnostic.hint;
  const SourcePos& pos = problem.diagnostic.pos;
  if (!pos.file.empty()) {
    ordered_json source;
    source["file"] = pos.file;
    source["line"] = pos.line;
    source["column"] = pos.column;
    out["source"] = std::move(source);
  }
  return out;
}

// An entry of "errors" (severity error) or of "warnings" (severity warning).
PlanProblem problem_from(const json& value, const std::string& path, Severity severity) {
  const auto& object = object_at(value, path);
  PlanProblem problem;
  problem.diagnostic.severity = severity;
  problem.test_id = integer_at(object, path, "test_id");
  problem.test_name = string_at(object, path, "test_name");
  const std::string kind = string_at(object, path, "kind");
  if (kind == "conflict") {
    problem.kind = ProblemKind::conflict;
  } else if (kind == "unreadable") {
    problem.kind = ProblemKind::unreadable;
  } else if (kind == "limit") {
    problem.kind = ProblemKind::limit;
  } else {
    fail(path + ".kind", "unknown kind '" + kind + "'");
  }
  problem.diagnostic.message = string_at(object, path, "message");
  if (object.contains("hint")) problem.diagnostic.hint = string_at(object, path, "hint");
  if (object.contains("source")) {
    const std::string source_path = path + ".source";
    const auto& source = object_at(object["source"], source_path);
    problem.diagnostic.pos.file = string_at(source, source_path, "file");
    problem.diagnostic.pos.line = static_cast<int>(integer_at(source, source_path, "line"));
    problem.diagnostic.pos.column = static_cast<int>(integer_at(source, source_path, "column"));
  }
  return problem;
}

}  // namespace

nlohmann::ordered_json to_json(const Plan& plan) {
  ordered_json out;
  out["format_version"] = plan.format_version;
  out["tool_version"] = plan.tool_version;
  out["api_base"] = plan.api_base;
  out["project_id"] = plan.project_id;
  out["applicable"] = plan.applicable();
  out["tests"] = ordered_json::array();
  for (const auto& test : plan.tests) out["tests"].push_back(test_json(test));
  out["errors"] = ordered_json::array();
  for (const auto& problem : plan.problems) out["errors"].push_back(problem_json(problem));
  out["warnings"] = ordered_json::array();
  for (const auto& warning : plan.warnings) out["warnings"].push_back(problem_json(warning));
  ordered_json summary;
  summary["create"] = plan.summary.create;
  summary["duplicate"] = plan.summary.duplicate;
  summary["update"] = plan.summary.update;
  summary["delete"] = plan.summary.remove;
  summary["unchanged"] = plan.summary.unchanged;
  // Only plans about participants carry their tally, so plans without stay as they were.
  const bool participants =
      plan.summary.participants != ParticipantSummary{} ||
      std::any_of(plan.tests.begin(), plan.tests.end(),
                  [](const TestPlan& test) { return test.live_participants.has_value(); });
  if (participants)
    summary["participants"] = detail::participant_summary_json(plan.summary.participants);
  put_loads(summary, plan.summary.load_before, plan.summary.load_after);
  out["summary"] = std::move(summary);
  return out;
}

Plan plan_from_json(const nlohmann::json& document) {
  if (!document.is_object())
    fail("$", "expected a JSON object (is this a loadero-sync plan file?)");
  if (!document.contains("format_version"))
    fail("$", "missing \"format_version\" (is this a loadero-sync plan file?)");
  Plan plan;
  plan.format_version = string_at(document, "$", "format_version");
  if (plan.format_version != "1") {
    fail("format_version",
         "unsupported version '" + plan.format_version + "' (this tool reads \"1\")");
  }
  if (document.contains("tool_version"))
    plan.tool_version = string_at(document, "$", "tool_version");
  plan.api_base = string_at(document, "$", "api_base");
  plan.project_id = integer_at(document, "$", "project_id");
  const auto& tests = array_at(document, "$", "tests");
  for (std::size_t i = 0; i < tests.size(); ++i) {
    plan.tests.push_back(test_from(tests[i], "tests[" + std::to_string(i) + "]"));
  }
  if (document.contains("errors")) {
    const auto& errors = array_at(document, "$", "errors");
    for (std::size_t i = 0; i < errors.size(); ++i)
      plan.problems.push_back(
          problem_from(errors[i], "errors[" + std::to_string(i) + "]", Severity::error));
  }
  if (document.contains("warnings")) {
    const auto& warnings = array_at(document, "$", "warnings");
    for (std::size_t i = 0; i < warnings.size(); ++i) {
      plan.warnings.push_back(
          problem_from(warnings[i], "warnings[" + std::to_string(i) + "]", Severity::warning));
    }
  }
  const auto& summary = object_at(member(document, "$", "summary"), "summary");
  plan.summary.create = integer_at(summary, "summary", "create");
  plan.summary.duplicate = integer_at(summary, "summary", "duplicate");
  plan.summary.update = integer_at(summary, "summary", "update");
  plan.summary.remove = integer_at(summary, "summary", "delete");
  plan.summary.unchanged = integer_at(summary, "summary", "unchanged");
  if (summary.contains("participants")) {
    plan.summary.participants =
        detail::participant_summary_from(summary["participants"], "summary.participants");
  }
  // Plans saved before loads existed: the totals are what the tests' figures (unknown) add up to.
  PlanSummary loads;
  for (const auto& test : plan.tests) loads.add(test);
  plan.summary.load_before = loads.load_before;
  plan.summary.load_after = loads.load_after;
  loads_from(summary, "summary", plan.summary.load_before, plan.summary.load_after);
  return plan;
}

nlohmann::ordered_json compute_units_value(const std::optional<double>& units) {
  if (!units) return nullptr;
  // Beyond 2^53 a double holds only whole numbers, and int64 ends at 9.2e18.
  if (std::trunc(*units) == *units && std::fabs(*units) < 9.0e15)
    return static_cast<std::int64_t>(*units);
  return *units;
}

nlohmann::ordered_json field_change_value(const std::string& field, const std::string& value) {
  if (value.empty()) return nullptr;
  if (field == "count") {
    std::int64_t count = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), count);
    if (error == std::errc() && end == value.data() + value.size()) return count;
  }
  if (field == "record_audio" && (value == "true" || value == "false")) return value == "true";
  return value;
}

}  // namespace loadero_sync
