#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "drift_format.hpp"
#include "loadero_sync/drift.hpp"
#include "report_format.hpp"

namespace loadero_sync {
namespace {

std::string state_cell(const std::optional<GroupState>& state) {
  if (!state) return "—";
  return report_detail::markdown_cell(state->name) + " ×" + std::to_string(state->count);
}

std::string participant_cell(const std::optional<ParticipantState>& state) {
  if (!state) return "—";
  return report_detail::markdown_cell(state->name) + " ×" + std::to_string(state->count);
}

std::string note_cell(const DriftEntry& entry) {
  std::string note = entry.reason;
  // A changed entry says which side is which: `count: live 4, manifest 3`.
  if (entry.kind == DriftKind::changed) {
    if (const auto changes = drift_detail::live_and_manifest(entry); !changes.empty())
      note = drift_detail::sides_text(changes);
  }
  if (!entry.hint.empty()) note += " (hint: " + entry.hint + ")";
  if (!entry.source.file.empty()) {
    if (!note.empty()) note += ", ";
    note += entry.source.file;
    if (entry.source.line > 0) note += ":" + std::to_string(entry.source.line);
  }
  return report_detail::markdown_cell(note);
}

void write_test(std::ostream& out, const TestDrift& test) {
  const std::string title = drift_detail::title(test);
  out << (test.in_sync() ? "<details>" : "<details open>") << "<summary>"
      << report_detail::markdown_cell(title) << ": " << drift_detail::verdict(test) << " ("
      << drift_detail::count_phrase(test) << ")";
  if (test.compute_units) out << ", compute units: " << format_compute_units(test.compute_units);
  out << "</summary>\n\n";
  if (!test.error.empty()) {
    out << "Could not be read: " << report_detail::markdown_cell(test.error)
        << "\n\n</details>\n\n";
    return;
  }
  if (test.entries.empty()) {
    out << "All " << test.in_sync_groups << " declared groups";
    if (test.manages_participants)
      out << " and " << test.in_sync_participants << " declared participants";
    out << " match.\n\n</details>\n\n";
    return;
  }
  // Extraneous entries first: they are the ones an apply would delete.
  const DriftKind order[] = {DriftKind::conflict, DriftKind::extraneous, DriftKind::changed,
                             DriftKind::missing, DriftKind::unmanaged};
  bool any_group = false;
  bool any_participant = false;
  for (const auto& entry : test.entries) {
    (entry.target == ActionTarget::participant ? any_participant : any_group) = true;
  }
  if (any_group) {
    out << "| drift | group id | live | manifest | note |\n|---|---|---|---|---|\n";
    for (const auto kind : order) {
      for (const auto& entry : test.entries) {
        if (entry.kind != kind || entry.target != ActionTarget::group) continue;
        out << "| " << to_string(entry.kind) << " | "
            << (entry.group_id ? std::to_string(*entry.group_id) : "—") << " | "
            << state_cell(entry.live) << " | " << state_cell(entry.desired) << " | "
            << note_cell(entry) << " |\n";
      }
    }
  }
  if (any_participant) {
    if (any_group) out << "\n";
    out << "| drift | participant id | group | live | manifest | note |\n"
           "|---|---|---|---|---|---|\n";
    for (const auto kind : order) {
      for (const auto& entry : test.entries) {
        if (entry.kind != kind || entry.target != ActionTarget::participant) continue;
        out << "| " << to_string(entry.kind) << " | "
            << (entry.participant_id ? std::to_string(*entry.participant_id) : "—") << " | "
            << report_detail::markdown_cell(entry.group_name) << " | "
            << participant_cell(entry.live_participant) << " | "
            << participant_cell(entry.desired_participant) << " | " << note_cell(entry) << " |\n";
      }
    }
  }
  out << "\n</details>\n\n";
}

}  // namespace

void write_drift_markdown(std::ostream& out, const DriftReport& report, std::size_t max_bytes) {
  std::vector<const TestDrift*> ordered;
  std::size_t out_of_sync = 0;
  for (const auto& test : report.tests) {
    if (!test.in_sync()) {
      ordered.push_back(&test);
      ++out_of_sync;
    }
  }
  for (const auto& test : report.tests) {
    if (test.in_sync()) ordered.push_back(&test);
  }
  const auto& s = report.summary;
  std::ostringstream text;
  if (out_of_sync == 0) {
    text << "### loadero-sync drift: in sync\n\n";
  } else {
    text << "### loadero-sync drift: " << out_of_sync << " of " << report.tests.size()
         << (report.tests.size() == 1 ? " test" : " tests") << " out of sync\n\n";
  }
  text << "Project " << report.project_id << ": **" << s.missing << "** missing, **" << s.changed
       << "** changed, **" << s.extraneous << "** extraneous, **" << s.unmanaged << "** unmanaged";
  if (s.conflict > 0) text << ", **" << s.conflict << "** in conflict";
  if (s.unreadable > 0) text << ", **" << s.unreadable << "** could not be read";
  if (report.manages_participants()) {
    text << "; participants: **" << s.participants.missing << "** missing, **"
         << s.participants.changed << "** changed, **" << s.participants.extraneous
         << "** extraneous";
  }
  text << ".\n\n";
  std::string document = text.str();
  // Whole sections only, so a cut never leaves an unclosed <details>; the note must fit too.
  constexpr std::size_t note_budget = 160;
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    std::ostringstream section;
    write_test(section, *ordered[i]);
    const std::string piece = section.str();
    if (document.size() + piece.size() + note_budget > max_bytes) {
      document +=
          "… " + std::to_string(ordered.size() - i) + " more " +
          (ordered.size() - i == 1 ? "test" : "tests") +
          " not shown (comment size limit): run `loadero-sync drift` for the full report.\n";
      break;
    }
    document += piece;
  }
  out << document;
}

}  // namespace loadero_sync
