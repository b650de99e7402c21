#include "manifest_loader.hpp"

#include <algorithm>
#include <future>
#include <optional>
#include <string>
#include <utility>

namespace loadero_sync {

bool LoadResult::ok() const { return error_count(diagnostics) == 0; }

namespace manifest_detail {

void Loader::add_io_error(const std::string& name, std::string message, std::string hint) {
  FileState& f = m_files.emplace_back();
  f.name = name;
  f.sink.add(Finding{Severity::error, -1, -1, std::move(message), std::move(hint)});
}

void Loader::add_text(const std::string& name, std::string text) {
  add_parsed(name, parse_text(std::move(text), m_limits));
}

Loader::ParsedFile Loader::parse_text(std::string text, const LoadLimits& limits) {
  ParsedFile parsed;
  parsed.read = read_yaml(text, limits);
  parsed.text = std::move(text);
  return parsed;
}

void Loader::add_parsed(const std::string& name, ParsedFile parsed) {
  FileState& f = m_files.emplace_back();
  f.name = name;
  m_result.manifest.files.push_back(name);
  load(m_files.size() - 1, std::move(parsed));
}

LoadResult Loader::finish() {
  for (FileState& f : m_files) {
    std::stable_sort(f.findings.begin(), f.findings.end(), [](const Finding& a, const Finding& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    CodePointCursor columns;
    for (const Finding& finding : f.findings)
      m_result.diagnostics.push_back(to_diagnostic(f, finding, columns));
    if (f.sink.truncated()) {
      m_result.diagnostics.push_back(Diagnostic{
          Severity::error, SourcePos{f.name, 0, 0},
          "too many problems; stopped after the first " + std::to_string(k_max_findings_per_file),
          "", "fix these and run again", 0});
    }
  }
  return std::move(m_result);
}

// `columns` carries the code-point count along a line from one sorted finding to the next, so a
// flood of findings on one 4 MB line costs one pass over it rather than one per finding.
Diagnostic Loader::to_diagnostic(const FileState& f, const Finding& finding,
                                 CodePointCursor& columns) const {
  Diagnostic d;
  d.severity = finding.severity;
  d.pos.file = f.name;
  d.message = finding.message;
  d.hint = finding.hint;
  if (finding.line >= 0) {
    const std::string_view line = m_result.sources.line(f.name, finding.line + 1);
    const int byte_column = std::max(finding.column, 0);
    d.pos.line = finding.line + 1;
    d.pos.column = columns.column(line, byte_column) + 1;
    attach_source_line(d, line, byte_column);
  }
  return d;
}

std::string_view Loader::line_text(std::size_t file, int line) const {
  return m_result.sources.line(m_files[file].name, line + 1);
}

SourcePos Loader::pos_of(std::size_t file, const Node& node) const {
  return SourcePos{m_files[file].name, node.line + 1,
                   code_point_column(line_text(file, node.line), node.column) + 1};
}

std::string Loader::where(std::size_t current_file, const Seen& seen) const {
  if (seen.file == current_file) return "line " + std::to_string(seen.line + 1);
  return m_files[seen.file].name + ":" + std::to_string(seen.line + 1) + ":" +
         std::to_string(code_point_column(line_text(seen.file, seen.line), seen.column) + 1);
}

void Loader::error(const Node& at, std::string message, std::string hint) {
  m_files[m_current].sink.add(
      Finding{Severity::error, at.line, at.column, std::move(message), std::move(hint)});
}

void Loader::warning(const Node& at, std::string message, std::string hint) {
  m_files[m_current].sink.add(
      Finding{Severity::warning, at.line, at.column, std::move(message), std::move(hint)});
}

void Loader::load(std::size_t file, ParsedFile parsed) {
  m_current = file;
  FileState& f = m_files[file];
  std::optional<Node> root = root_of(f, std::move(parsed.read));
  // The text joins the sources, and gets its line index, only after parsing: the tree is the peak
  // of memory use, and nothing before the rules needs a line.
  m_result.sources.add(f.name, std::move(parsed.text));
  if (!root) return;

  // The schema check and the rules only read the tree, so they run side by side, each into its
  // own findings; the schema's come first, as if the two had run one after the other (the
  // findings are sorted by position at the end, stably).
  std::vector<Finding> schema_findings;
  FindingSink schema_sink(schema_findings, k_max_findings_per_file);
  auto schema = std::async(std::launch::async, [&] { check_schema(*root, schema_sink); });
  if (root->kind == NodeKind::mapping) read_root(*root);
  schema.get();
  std::vector<Finding> rule_findings = std::move(f.findings);
  f.findings.clear();
  for (Finding& finding : schema_findings) f.sink.add(std::move(finding));
  if (schema_sink.truncated()) f.sink.note_stopped();
  for (Finding& finding : rule_findings) f.sink.add(std::move(finding));
}

std::optional<Node> Loader::root_of(FileState& f, YamlReadResult read) {
  if (read.problem) {
    f.sink.add(Finding{Severity::error, read.problem->line, read.problem->column,
                       read.problem->message, read.problem->hint});
    return std::nullopt;
  }
  const bool empty = !read.root || read.root->kind == NodeKind::null ||
                     (read.root->kind == NodeKind::scalar &&
                      resolve_scalar(*read.root).type == Scalar::Type::null);
  if (empty) {
    f.sink.add(Finding{Severity::error, -1, -1, "manifest is empty",
                       "a manifest starts with `version: 1`; see \"The manifest\" in README.md"});
    return std::nullopt;
  }
  return std::move(read.root);
}

}  // namespace manifest_detail
}  // namespace loadero_sync
