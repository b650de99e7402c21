#include <ostream>
#include <string>

#include "drift_format.hpp"
#include "loadero_sync/drift.hpp"
#include "report_format.hpp"

namespace loadero_sync {
namespace {

std::string xml(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

void write_drift_junit(std::ostream& out, const DriftReport& report) {
  std::size_t failures = 0;
  std::size_t errors = 0;
  for (const auto& test : report.tests) {
    if (!test.error.empty()) {
      ++errors;
    } else if (!test.in_sync()) {
      ++failures;
    }
  }
  const std::string counts = " tests=\"" + std::to_string(report.tests.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
                             "\"";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"loadero-sync drift\"" << counts << ">\n";
  out << "  <testsuite name=\"project " << report.project_id << "\"" << counts
      << " skipped=\"0\">\n";
  for (const auto& test : report.tests) {
    const std::string name = drift_detail::title(test);
    out << "    <testcase classname=\"loadero-sync.drift.project-" << report.project_id
        << "\" name=\"" << xml(name) << "\">\n";
    if (test.compute_units) {
      out << "      <properties>\n"
          << "        <property name=\"compute_units\" value=\""
          << format_compute_units(test.compute_units) << "\"/>\n"
          << "      </properties>\n";
    }
    std::string failure_text;
    std::string unmanaged_text;
    for (const auto& entry : test.entries) {
      std::string line =
          std::string(to_string(entry.kind)) + " " + drift_detail::describe(entry) + "\n";
      (entry.kind == DriftKind::unmanaged ? unmanaged_text : failure_text) += line;
    }
    if (!test.error.empty()) {
      out << "      <error type=\"unreadable\" message=\"could not be read\">" << xml(test.error)
          << "</error>\n";
    } else if (!test.in_sync()) {
      out << "      <failure type=\"drift\" message=\"" << xml(drift_detail::count_phrase(test))
          << "\">" << xml(failure_text) << "</failure>\n";
    }
    if (!unmanaged_text.empty())
      out << "      <system-out>" << xml(unmanaged_text) << "</system-out>\n";
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace loadero_sync
