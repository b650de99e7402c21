#include <ostream>
#include <string>

#include "drift_format.hpp"
#include "loadero_sync/drift.hpp"
#include "report_format.hpp"

namespace loadero_sync {
namespace {

const char* colour_of(DriftKind kind) {
  switch (kind) {
    case DriftKind::missing:
      return "\x1b[32m";
    case DriftKind::changed:
      return "\x1b[33m";
    case DriftKind::extraneous:
      return "\x1b[31m";
    case DriftKind::unmanaged:
      return "\x1b[2m";
    case DriftKind::conflict:
      return "\x1b[1;31m";
  }
  return "";
}

std::string summary_line(const DriftReport& report) {
  std::size_t out_of_sync = 0;
  for (const auto& test : report.tests) {
    if (!test.in_sync()) ++out_of_sync;
  }
  const auto& s = report.summary;
  const std::string tests_word = report.tests.size() == 1 ? " test" : " tests";
  if (out_of_sync == 0) {
    std::string line = "No drift: " + std::to_string(report.tests.size()) + tests_word + " in sync";
    if (s.unmanaged > 0) {
      line += " (" + std::to_string(s.unmanaged) + " unmanaged group" +
              (s.unmanaged == 1 ? "" : "s") + ")";
    }
    return line + ".";
  }
  std::string line = "Drift: " + std::to_string(out_of_sync) + " of " +
                     std::to_string(report.tests.size()) + tests_word +
                     " out of sync: " + std::to_string(s.missing) + " missing, " +
                     std::to_string(s.changed) + " changed, " + std::to_string(s.extraneous) +
                     " extraneous, " + std::to_string(s.unmanaged) + " unmanaged";
  if (s.conflict > 0) line += ", " + std::to_string(s.conflict) + " in conflict";
  if (s.unreadable > 0) line += ", " + std::to_string(s.unreadable) + " could not be read";
  if (report.manages_participants()) {
    const ParticipantDriftSummary& p = s.participants;
    line += "; participants: " + std::to_string(p.missing) + " missing, " +
            std::to_string(p.changed) + " changed, " + std::to_string(p.extraneous) + " extraneous";
  }
  return line + ".";
}

}  // namespace

void write_drift_text(std::ostream& out, const DriftReport& report, Color color) {
  const bool on = color == Color::on;
  const char* bold = on ? "\x1b[1m" : "";
  const char* reset = on ? "\x1b[0m" : "";
  for (const auto& test : report.tests) {
    out << bold << "# " << drift_detail::title(test);
    out << ": " << drift_detail::verdict(test);
    if (test.compute_units)
      out << " (compute units: " << format_compute_units(test.compute_units) << ")";
    out << reset << '\n';
    if (!test.error.empty()) out << "  error       " << printable(test.error) << '\n';
    for (const auto& entry : test.entries) {
      std::string kind(to_string(entry.kind));
      kind.resize(12, ' ');
      out << "  " << (on ? colour_of(entry.kind) : "") << kind << drift_detail::describe(entry)
          << reset << '\n';
    }
    out << '\n';
  }
  out << bold << summary_line(report) << reset << '\n';
}

}  // namespace loadero_sync
