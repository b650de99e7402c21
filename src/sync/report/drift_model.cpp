#include <string>
#include <vector>

#include "drift_format.hpp"
#include "loadero_sync/drift.hpp"
#include "report_format.hpp"

namespace loadero_sync {

std::string_view to_string(DriftKind kind) {
  switch (kind) {
    case DriftKind::missing:
      return "missing";
    case DriftKind::changed:
      return "changed";
    case DriftKind::extraneous:
      return "extraneous";
    case DriftKind::unmanaged:
      return "unmanaged";
    case DriftKind::conflict:
      return "conflict";
  }
  return "unknown";
}

bool TestDrift::in_sync() const {
  if (!error.empty()) return false;
  for (const auto& entry : entries) {
    if (entry.kind != DriftKind::unmanaged) return false;
  }
  return true;
}

bool DriftReport::manages_participants() const {
  for (const auto& test : tests) {
    if (test.manages_participants) return true;
  }
  return false;
}

bool DriftReport::in_sync() const {
  for (const auto& test : tests) {
    if (!test.in_sync()) return false;
  }
  return true;
}

namespace {

DriftEntry group_entry(const Action& action, DriftSummary& summary) {
  DriftEntry entry;
  entry.name = action.name;
  entry.reason = reason_text(action);
  entry.source = action.source;
  switch (action.kind) {
    case ActionKind::create:
    case ActionKind::duplicate:
      entry.kind = DriftKind::missing;
      entry.desired = action.after;
      ++summary.missing;
      break;
    case ActionKind::update:
      entry.kind = DriftKind::changed;
      entry.group_id = action.group_id;
      entry.live = action.before;
      entry.desired = action.after;
      ++summary.changed;
      break;
    case ActionKind::remove:
      entry.kind = DriftKind::extraneous;
      entry.group_id = action.group_id;
      entry.live = action.before;
      ++summary.extraneous;
      break;
  }
  return entry;
}

DriftEntry participant_entry(const Action& action, ParticipantDriftSummary& summary) {
  DriftEntry entry;
  entry.target = ActionTarget::participant;
  entry.group_id = action.group_id;
  entry.group_name = action.group_name;
  entry.participant_id = action.participant_id;
  entry.name = action.name;
  entry.reason = reason_text(action);
  entry.source = action.source;
  switch (action.kind) {
    case ActionKind::create:
    case ActionKind::duplicate:
      entry.kind = DriftKind::missing;
      entry.desired_participant = action.participant_after;
      if (action.participant_after) entry.name = action.participant_after->name;
      ++summary.missing;
      break;
    case ActionKind::update:
      entry.kind = DriftKind::changed;
      entry.live_participant = action.participant_before;
      entry.desired_participant = action.participant_after;
      if (action.participant_after) entry.name = action.participant_after->name;
      entry.changes = changed_fields(action);
      ++summary.changed;
      break;
    case ActionKind::remove:
      entry.kind = DriftKind::extraneous;
      entry.live_participant = action.participant_before;
      if (action.participant_before) entry.name = action.participant_before->name;
      ++summary.extraneous;
      break;
  }
  return entry;
}

}  // namespace

DriftReport make_drift(const Plan& plan) {
  DriftReport report;
  report.tool_version = plan.tool_version;
  report.api_base = plan.api_base;
  report.project_id = plan.project_id;
  for (const auto& test_plan : plan.tests) {
    TestDrift test;
    test.test_id = test_plan.test_id;
    test.test_name = test_plan.test_name;
    test.in_sync_groups = test_plan.unchanged;
    test.manages_participants = test_plan.live_participants.has_value();
    test.in_sync_participants = test_plan.unchanged_participants;
    test.compute_units = test_plan.load_before.compute_units;
    for (const auto& action : test_plan.actions) {
      test.entries.push_back(action.target == ActionTarget::participant
                                 ? participant_entry(action, report.summary.participants)
                                 : group_entry(action, report.summary));
    }
    for (const auto& group : test_plan.unmanaged) {
      DriftEntry entry;
      entry.kind = DriftKind::unmanaged;
      entry.group_id = group.id;
      entry.name = group.name;
      entry.live = GroupState{group.name, group.count};
      const auto kept = test_plan.kept_by.find(group.id);
      entry.reason = kept == test_plan.kept_by.end()
                         ? "not in manifest, prune off"
                         : "not in manifest, kept by keep: \"" + kept->second + "\"";
      ++report.summary.unmanaged;
      test.entries.push_back(std::move(entry));
    }
    report.tests.push_back(std::move(test));
  }
  // A limit problem's test is one of the plan's tests; drift does not check limits.
  std::vector<const PlanProblem*> problems;
  for (const auto& problem : plan.problems) {
    if (problem.kind != ProblemKind::limit) problems.push_back(&problem);
  }
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const PlanProblem& problem = *problems[i];
    // Each further problem of a test is another entry of that test.
    if (i == 0 || !same_test(*problems[i - 1], problem)) {
      TestDrift test;
      test.test_id = problem.test_id;
      test.test_name = problem.test_name;
      report.tests.push_back(std::move(test));
      if (problem.kind == ProblemKind::conflict) ++report.summary.conflict;
    }
    TestDrift& test = report.tests.back();
    if (problem.kind == ProblemKind::unreadable) {
      test.error = problem.diagnostic.message;
      ++report.summary.unreadable;
    } else {
      DriftEntry entry;
      entry.kind = DriftKind::conflict;
      entry.reason = problem.diagnostic.message;
      entry.hint = problem.diagnostic.hint;
      entry.source = problem.diagnostic.pos;
      test.entries.push_back(std::move(entry));
    }
  }
  return report;
}

namespace drift_detail {

namespace {

std::string where(const SourcePos& source) {
  if (source.file.empty()) return {};
  std::string out = source.file;
  if (source.line > 0) out += ":" + std::to_string(source.line);
  return out;
}

std::string group_label(const DriftEntry& entry) {
  std::string out = "group ";
  if (entry.group_id) out += std::to_string(*entry.group_id) + " ";
  return out;
}

// `subject: note, file:line`, leaving out what is empty.
std::string with_note(std::string subject, const std::string& note, const SourcePos& source) {
  const std::string location = where(source);
  if (!note.empty() && !location.empty()) return subject + ": " + note + ", " + location;
  if (!note.empty()) return subject + ": " + note;
  if (!location.empty()) return subject + ": " + location;
  return subject;
}

// `participant 94633 "Caller" in group "Callers" (count 1)`: the live participant for changed
// and extraneous (its changes follow as the note), the declared one for missing.
std::string participant_subject(const DriftEntry& entry) {
  std::string text = "participant ";
  if (entry.participant_id) text += std::to_string(*entry.participant_id) + " ";
  const std::optional<ParticipantState>& state =
      entry.kind == DriftKind::missing ? entry.desired_participant : entry.live_participant;
  text +=
      quote_name(state ? state->name : entry.name) + " in group " + quote_name(entry.group_name);
  if (entry.kind != DriftKind::changed)
    text += " (count " + std::to_string(state ? state->count : 0) + ")";
  return text;
}

}  // namespace

std::vector<FieldChange> live_and_manifest(const DriftEntry& entry) {
  if (entry.target == ActionTarget::participant) return entry.changes;
  std::vector<FieldChange> changes;
  if (entry.kind != DriftKind::changed) return changes;
  const GroupState live = entry.live.value_or(GroupState{entry.name, 0});
  const GroupState desired = entry.desired.value_or(GroupState{entry.name, 0});
  if (live.name != desired.name) changes.push_back(FieldChange{"name", live.name, desired.name});
  if (live.count != desired.count) {
    changes.push_back(
        FieldChange{"count", std::to_string(live.count), std::to_string(desired.count)});
  }
  return changes;
}

std::string sides_text(const std::vector<FieldChange>& changes) {
  const auto shown = [](const FieldChange& change, const std::string& value) {
    if (value.empty() && change.field != "name") return std::string("(unset)");
    return change.field == "name" ? quote_name(value) : printable(value);
  };
  std::string text;
  for (const auto& change : changes) {
    if (!text.empty()) text += "; ";
    text += printable(change.field) + ": live " + shown(change, change.before) + ", manifest " +
            shown(change, change.after);
  }
  return text;
}

std::string describe(const DriftEntry& entry) {
  if (entry.kind == DriftKind::conflict) {
    std::string text = printable(entry.reason);
    if (!entry.hint.empty()) text += " (hint: " + printable(entry.hint) + ")";
    const std::string location = where(entry.source);
    if (!location.empty()) text += ", " + location;
    return text;
  }
  if (entry.target == ActionTarget::participant) {
    const std::string note = entry.kind == DriftKind::changed && !entry.changes.empty()
                                 ? sides_text(entry.changes)
                                 : printable(entry.reason);
    return with_note(participant_subject(entry), note, entry.source);
  }
  std::string text = group_label(entry);
  std::string note;
  switch (entry.kind) {
    case DriftKind::missing: {
      const auto count = entry.desired ? entry.desired->count : 0;
      text += quote_name(entry.name) + " (count " + std::to_string(count) + ")";
      note = entry.reason;
      break;
    }
    case DriftKind::changed: {
      const GroupState live = entry.live.value_or(GroupState{entry.name, 0});
      const GroupState desired = entry.desired.value_or(GroupState{entry.name, 0});
      // The live group, then each difference as `field: live X, manifest Y`.
      text += quote_name(live.name);
      if (live.count == desired.count) text += " (count " + std::to_string(live.count) + ")";
      return with_note(std::move(text), sides_text(live_and_manifest(entry)), entry.source);
    }
    case DriftKind::extraneous: {
      const auto count = entry.live ? entry.live->count : 0;
      text += quote_name(entry.name) + " (count " + std::to_string(count) + ")";
      note = entry.reason;
      break;
    }
    case DriftKind::unmanaged: {
      const auto count = entry.live ? entry.live->count : 0;
      text += quote_name(entry.name) + " (count " + std::to_string(count) + ")";
      note = entry.reason;
      break;
    }
    case DriftKind::conflict:
      break;
  }
  return with_note(std::move(text), printable(note), entry.source);
}

std::string count_phrase(const TestDrift& test) {
  if (!test.error.empty()) return "could not be read";
  // By target, then by kind (DriftKind order).
  std::int64_t counts[2][5] = {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}};
  for (const auto& entry : test.entries)
    ++counts[static_cast<int>(entry.target)][static_cast<int>(entry.kind)];
  const DriftKind kinds[] = {DriftKind::conflict, DriftKind::missing, DriftKind::changed,
                             DriftKind::extraneous, DriftKind::unmanaged};
  const auto parts = [&](const std::int64_t(&row)[5]) {
    std::string out;
    for (const auto kind : kinds) {
      const auto count = row[static_cast<int>(kind)];
      if (count == 0) continue;
      if (!out.empty()) out += ", ";
      out += std::to_string(count) + " " + std::string(to_string(kind));
    }
    return out;
  };
  std::string out = parts(counts[static_cast<int>(ActionTarget::group)]);
  const std::string participants = parts(counts[static_cast<int>(ActionTarget::participant)]);
  if (!participants.empty())
    out += (out.empty() ? "participants: " : "; participants: ") + participants;
  return out.empty() ? "no differences" : out;
}

std::string title(const TestDrift& test) {
  return test_label(test.test_id != 0 ? std::optional<std::int64_t>(test.test_id) : std::nullopt,
                    test.test_name);
}

std::string verdict(const TestDrift& test) {
  if (!test.error.empty()) return "could not be read";
  return test.in_sync() ? "in sync" : "out of sync";
}

}  // namespace drift_detail
}  // namespace loadero_sync
