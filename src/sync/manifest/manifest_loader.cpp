#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "loadero_sync/manifest.hpp"
#include "loadero_sync/text.hpp"
#include "schema_check.hpp"
#include "yaml_tree.hpp"

namespace loadero_sync {
namespace {

using manifest_detail::describe_found;
using manifest_detail::find_value;
using manifest_detail::Finding;
using manifest_detail::Node;
using manifest_detail::NodeKind;
using manifest_detail::resolve_scalar;
using manifest_detail::Scalar;

/// A file with this many findings stops collecting more: a broken 4 MB file could otherwise
/// produce a million diagnostics.
constexpr std::size_t k_max_findings_per_file = 1000;

struct FileState {
  std::string name;
  std::vector<Finding> findings;
  manifest_detail::FindingSink sink{findings, k_max_findings_per_file};

  FileState() = default;
  FileState(const FileState&) = delete;
  FileState& operator=(const FileState&) = delete;
};

/// Where something was first seen, for "first declared at" hints.
struct Seen {
  std::size_t file = 0;
  int line = 0;
  int column = 0;
};

bool is_group_key(std::string_view key) {
  return key == "name" || key == "count" || key == "id" || key == "duplicate_from" ||
         key == "renamed_from" || key == "ensure";
}

bool is_blank_text(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<std::int64_t> positive_int(const Node* node) {
  if (node == nullptr) return std::nullopt;
  const Scalar s = resolve_scalar(*node);
  if (s.type != Scalar::Type::integer || s.integer < 1) return std::nullopt;
  return s.integer;
}

std::optional<bool> boolean(const Node* node) {
  if (node == nullptr) return std::nullopt;
  const Scalar s = resolve_scalar(*node);
  if (s.type != Scalar::Type::boolean) return std::nullopt;
  return s.boolean;
}

/// The string value of a scalar that resolves to a non-empty string, else nullopt.
std::optional<std::string> text_of(const Node* node) {
  if (node == nullptr || node->kind != NodeKind::scalar) return std::nullopt;
  if (resolve_scalar(*node).type != Scalar::Type::string || node->text.empty()) return std::nullopt;
  return node->text;
}

class Loader {
 public:
  explicit Loader(const LoadLimits& limits) : m_limits(limits) {}

  void add_io_error(const std::string& name, std::string message, std::string hint) {
    FileState& f = m_files.emplace_back();
    f.name = name;
    f.sink.add(Finding{Severity::error, -1, -1, std::move(message), std::move(hint)});
  }

  void add_text(const std::string& name, std::string text) {
    FileState& f = m_files.emplace_back();
    f.name = name;
    m_result.sources.add(name, std::move(text));
    m_result.manifest.files.push_back(name);
    load(m_files.size() - 1);
  }

  LoadResult finish() {
    for (FileState& f : m_files) {
      std::stable_sort(f.findings.begin(), f.findings.end(),
                       [](const Finding& a, const Finding& b) {
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

 private:
  /// `columns` carries the code-point count along a line from one sorted finding to the next, so
  /// a flood of findings on one 4 MB line costs one pass over it rather than one per finding.
  Diagnostic to_diagnostic(const FileState& f, const Finding& finding,
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

  /// Line `line` (0-based, as yaml-cpp marks) of file `file`.
  std::string_view line_text(std::size_t file, int line) const {
    return m_result.sources.line(m_files[file].name, line + 1);
  }

  SourcePos pos_of(std::size_t file, const Node& node) const {
    return SourcePos{m_files[file].name, node.line + 1,
                     code_point_column(line_text(file, node.line), node.column) + 1};
  }

  std::string where(std::size_t current_file, const Seen& seen) const {
    if (seen.file == current_file) return "line " + std::to_string(seen.line + 1);
    return m_files[seen.file].name + ":" + std::to_string(seen.line + 1) + ":" +
           std::to_string(code_point_column(line_text(seen.file, seen.line), seen.column) + 1);
  }

  void error(const Node& at, std::string message, std::string hint) {
    m_files[m_current].sink.add(
        Finding{Severity::error, at.line, at.column, std::move(message), std::move(hint)});
  }

  void warning(const Node& at, std::string message, std::string hint) {
    m_files[m_current].sink.add(
        Finding{Severity::warning, at.line, at.column, std::move(message), std::move(hint)});
  }

  void load(std::size_t file) {
    m_current = file;
    FileState& f = m_files[file];
    manifest_detail::YamlReadResult read =
        manifest_detail::read_yaml(m_result.sources.text(f.name), m_limits);
    if (read.problem) {
      f.sink.add(Finding{Severity::error, read.problem->line, read.problem->column,
                         read.problem->message, read.problem->hint});
      return;
    }
    const bool empty = !read.root || read.root->kind == NodeKind::null ||
                       (read.root->kind == NodeKind::scalar &&
                        resolve_scalar(*read.root).type == Scalar::Type::null);
    if (empty) {
      f.sink.add(Finding{Severity::error, -1, -1, "manifest is empty",
                         "a manifest starts with `version: 1`; see \"The manifest\" in README.md"});
      return;
    }
    const Node& root = *read.root;
    manifest_detail::check_schema(root, f.sink);
    if (root.kind != NodeKind::mapping) return;
    read_root(root);
  }

  void read_root(const Node& root) {
    const Node* project_value = find_value(root, "project_id");
    if (const auto project = positive_int(project_value)) {
      if (!m_project) {
        m_project =
            std::pair(*project, Seen{m_current, project_value->line, project_value->column});
        m_result.manifest.project_id = *project;
      } else if (m_project->first != *project) {
        error(*project_value,
              "project_id " + std::to_string(*project) + " differs from project_id " +
                  std::to_string(m_project->first) + " at " + where(m_current, m_project->second),
              "all manifest files of one run must name the same project");
      }
    }

    FileDefaults defaults;
    if (const Node* d = find_value(root, "defaults");
        d != nullptr && d->kind == NodeKind::mapping) {
      defaults.prune = boolean(find_value(*d, "prune"));
      if (const Node* keep = find_value(*d, "keep");
          keep != nullptr && keep->kind == NodeKind::sequence) {
        defaults.keep = read_keep(*keep);
      }
    }

    const Node* tests = find_value(root, "tests");
    if (tests == nullptr || (tests->kind == NodeKind::sequence && tests->children.empty())) {
      m_files[m_current].sink.add(Finding{Severity::warning, -1, -1, "file declares no tests",
                                          "list the tests to manage under `tests:`"});
      return;
    }
    if (tests->kind != NodeKind::sequence) return;
    for (const Node& entry : tests->children) {
      if (entry.kind == NodeKind::mapping) read_test(entry, defaults);
    }
  }

  struct FileDefaults {
    std::optional<bool> prune;
    std::optional<std::vector<std::string>> keep;
  };

  std::vector<std::string> read_keep(const Node& keep) {
    std::vector<std::string> patterns;
    for (const Node& entry : keep.children) {
      const auto pattern = text_of(&entry);
      if (!pattern) continue;
      if (const auto why = glob_error(*pattern)) {
        error(entry, "malformed keep glob '" + *pattern + "': " + *why,
              "globs use * (any run), ? (one character) and [abc] or [a-z] sets; write \\[ for a "
              "literal [");
        continue;
      }
      patterns.push_back(*pattern);
    }
    return patterns;
  }

  /// The test as group rules name it; "this test" when it has neither id nor name.
  static std::string label_of(const DesiredTest& t) {
    if (!t.test_id && !t.test_name) return "this test";
    return test_label(t.test_id, t.test_name.value_or(std::string()));
  }

  void read_test(const Node& node, const FileDefaults& defaults) {
    DesiredTest test;
    test.source = pos_of(m_current, node);
    const Node* id_key = nullptr;
    const Node* name_key = nullptr;
    const Node* id_value = find_value(node, "test_id", &id_key);
    const Node* name_value = find_value(node, "test_name", &name_key);
    test.test_id = positive_int(id_value);
    test.test_name = text_of(name_value);
    if (test.test_name && is_blank_text(*test.test_name)) {
      error(*name_value, "test_name must not be blank",
            "give the test's exact name as Loadero shows it");
      test.test_name.reset();
    }
    if (id_value != nullptr && name_value != nullptr) {
      error(*name_key, "test sets both test_id and test_name",
            "use either test_id or test_name, not both");
    } else if (id_value == nullptr && name_value == nullptr) {
      error(node, "test has neither test_id nor test_name",
            "add `test_id: <id>` or `test_name: <exact name>`");
    }
    if (test.test_id && id_value != nullptr) {
      const auto [it, inserted] =
          m_test_ids.emplace(*test.test_id, Seen{m_current, id_value->line, id_value->column});
      if (!inserted) {
        error(*id_value, test_label(*test.test_id) + " is declared twice",
              "first declared at " + where(m_current, it->second) + "; merge the two entries");
      }
    } else if (test.test_name && name_value != nullptr) {
      const auto [it, inserted] = m_test_names.emplace(
          *test.test_name, Seen{m_current, name_value->line, name_value->column});
      if (!inserted) {
        error(*name_value, test_label(std::nullopt, *test.test_name) + " is declared twice",
              "first declared at " + where(m_current, it->second) + "; merge the two entries");
      }
    }

    const std::optional<bool> prune = boolean(find_value(node, "prune"));
    const bool prune_on = prune ? *prune : defaults.prune.value_or(false);
    test.prune = prune_on ? Prune::on : Prune::off;
    const Node* keep_key = nullptr;
    if (const Node* keep = find_value(node, "keep", &keep_key); keep != nullptr) {
      if (keep->kind == NodeKind::sequence) test.keep = read_keep(*keep);
      if (!prune_on) {
        warning(*keep_key, "keep has no effect because prune is off for this test",
                "set `prune: true` to delete undeclared groups, or remove keep");
      }
    } else if (defaults.keep) {
      test.keep = *defaults.keep;
    }

    if (const Node* groups = find_value(node, "groups");
        groups != nullptr && groups->kind == NodeKind::sequence) {
      std::vector<const Node*> group_nodes;
      for (const Node& entry : groups->children) {
        if (entry.kind != NodeKind::mapping) continue;
        test.groups.push_back(read_group(entry));
        group_nodes.push_back(&entry);
      }
      check_groups(test, group_nodes);
    }
    m_result.manifest.tests.push_back(std::move(test));
  }

  DesiredGroup read_group(const Node& node) {
    DesiredGroup group;
    group.source = pos_of(m_current, node);
    const Node* name_value = find_value(node, "name");
    if (const auto name = text_of(name_value)) {
      if (is_blank_text(*name)) {
        error(*name_value, "name must not be blank", "give the group's exact name");
      } else {
        group.name = *name;
      }
    }
    group.id = positive_int(find_value(node, "id"));
    const Node* ensure_value = find_value(node, "ensure");
    const auto ensure = text_of(ensure_value);
    if (ensure == "absent") group.ensure = Ensure::absent;
    const bool ensure_known = ensure_value == nullptr || ensure == "absent" || ensure == "present";

    const Node* count_key = nullptr;
    const Node* count_value = find_value(node, "count", &count_key);
    if (const auto count = positive_int(count_value)) group.count = *count;
    // A misspelt count ("cont: 3") is already reported as an unknown key with a suggestion.
    bool count_misspelt = false;
    for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
      const Node& key = node.children[i];
      if (key.kind == NodeKind::scalar && !is_group_key(key.text) &&
          !manifest_detail::did_you_mean(key.text, {"count"}).empty()) {
        count_misspelt = true;
      }
    }
    if (count_value == nullptr && group.ensure == Ensure::present && ensure_known &&
        !group.name.empty() && !count_misspelt) {
      error(node, "group '" + group.name + "' has no count",
            "add `count: 1` (or more), or `ensure: absent` to delete the group");
    }
    if (count_key != nullptr && group.ensure == Ensure::absent) {
      warning(*count_key, "count is ignored with ensure: absent",
              "remove count, or remove `ensure: absent`");
    }

    const Node* dup_key = nullptr;
    const Node* dup_value = find_value(node, "duplicate_from", &dup_key);
    if (dup_value != nullptr && group.ensure == Ensure::absent) {
      error(*dup_key, "duplicate_from cannot be used with ensure: absent",
            "remove duplicate_from, or remove `ensure: absent`");
    }
    if (const auto source = text_of(dup_value)) {
      if (is_blank_text(*source)) {
        error(*dup_value, "duplicate_from names nothing",
              "give the name of a group of the same test to copy");
      } else if (*source == group.name) {
        error(*dup_value, "group '" + group.name + "' cannot be duplicated from itself",
              "name another group of the same test in duplicate_from");
      } else {
        group.duplicate_from = *source;
      }
    }

    const Node* renamed_key = nullptr;
    const Node* renamed = find_value(node, "renamed_from", &renamed_key);
    if (renamed != nullptr && group.ensure == Ensure::absent) {
      error(*renamed_key, "renamed_from cannot be used with ensure: absent",
            "to delete a group under its old name, declare that name with `ensure: absent`");
    }
    if (renamed != nullptr && renamed->kind == NodeKind::sequence) {
      std::set<std::string> listed;
      for (const Node& entry : renamed->children) {
        const auto old_name = text_of(&entry);
        if (!old_name) continue;
        if (is_blank_text(*old_name)) {
          error(entry, "renamed_from entry names nothing", "list the group's former names");
        } else if (*old_name == group.name) {
          error(entry, "renamed_from lists the group's own name '" + group.name + "'",
                "list only former names of the group");
        } else if (!listed.insert(*old_name).second) {
          error(entry, "renamed_from lists '" + *old_name + "' twice", "remove one of them");
        } else {
          group.renamed_from.push_back(*old_name);
        }
      }
    }
    return group;
  }

  /// Rules between the groups of one test.
  void check_groups(const DesiredTest& test, const std::vector<const Node*>& nodes) {
    const std::string label = label_of(test);
    std::unordered_map<std::string, std::size_t> by_name;
    std::unordered_map<std::int64_t, std::size_t> by_id;
    for (std::size_t i = 0; i < test.groups.size(); ++i) {
      const DesiredGroup& g = test.groups[i];
      if (!g.name.empty()) {
        const auto [it, inserted] = by_name.emplace(g.name, i);
        if (!inserted) {
          const Node* at = find_value(*nodes[i], "name");
          const Node* first = find_value(*nodes[it->second], "name");
          error(*at, "group '" + g.name + "' is declared twice in " + label,
                "first declared at line " + std::to_string(first->line + 1) +
                    "; merge the two entries or rename one");
        }
      }
      if (g.id) {
        const auto [it, inserted] = by_id.emplace(*g.id, i);
        if (!inserted) {
          const Node* at = find_value(*nodes[i], "id");
          const Node* first = find_value(*nodes[it->second], "id");
          error(*at, "group id " + std::to_string(*g.id) + " is pinned twice in " + label,
                "first pinned at line " + std::to_string(first->line + 1) +
                    "; a live group matches one entry only");
        }
      }
    }
    std::unordered_map<std::string, std::size_t> claimed;
    for (std::size_t i = 0; i < test.groups.size(); ++i) {
      const DesiredGroup& g = test.groups[i];
      if (g.duplicate_from) {
        const auto source = by_name.find(*g.duplicate_from);
        if (source != by_name.end() && test.groups[source->second].ensure == Ensure::absent) {
          error(*find_value(*nodes[i], "duplicate_from"),
                "duplicate_from names '" + *g.duplicate_from + "', which " + label +
                    " marks ensure: absent",
                "copy from a group that is kept");
        }
      }
      const Node* renamed = find_value(*nodes[i], "renamed_from");
      for (const std::string& old_name : g.renamed_from) {
        const Node* at = renamed;
        for (const Node& entry : renamed->children) {
          if (entry.kind == NodeKind::scalar && entry.text == old_name) {
            at = &entry;
            break;
          }
        }
        if (by_name.count(old_name) != 0) {
          error(*at,
                "renamed_from names '" + old_name + "', which " + label + " declares as a group",
                "remove it from renamed_from, or remove the other entry");
          continue;
        }
        const auto [it, inserted] = claimed.emplace(old_name, i);
        if (!inserted) {
          error(*at,
                "'" + old_name + "' is already in renamed_from of group '" +
                    test.groups[it->second].name + "'",
                "first listed at line " + std::to_string(nodes[it->second]->line + 1) +
                    "; a live group can be adopted by one entry only");
        }
      }
    }
  }

  const LoadLimits& m_limits;
  std::deque<FileState>
      m_files;  // FileState holds a sink that refers to its own findings: never moved
  std::size_t m_current = 0;
  LoadResult m_result;
  std::optional<std::pair<std::int64_t, Seen>> m_project;
  std::unordered_map<std::int64_t, Seen> m_test_ids;
  std::unordered_map<std::string, Seen> m_test_names;
};

bool is_manifest_name(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

}  // namespace

bool LoadResult::ok() const { return error_count(diagnostics) == 0; }

LoadResult load_manifest_text(std::string_view text, const std::string& file_name,
                              const LoadLimits& limits) {
  Loader loader(limits);
  loader.add_text(file_name, std::string(text));
  return loader.finish();
}

LoadResult load_manifests(const std::vector<std::string>& paths, const LoadLimits& limits) {
  namespace fs = std::filesystem;
  Loader loader(limits);
  std::set<std::string> seen;
  auto load_file = [&](const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (!seen.insert(ec ? path.string() : canonical.string()).second) return;
    const std::string name = path.string();
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) {
      loader.add_io_error(name, "cannot read file: " + ec.message(), "");
      return;
    }
    if (size > limits.max_file_bytes) {
      loader.add_io_error(
          name,
          "file is too large (" + std::to_string(size) + " bytes; the limit is " +
              std::to_string(limits.max_file_bytes) + " bytes)",
          "split the manifest into several files and pass them with -f (a directory works too)");
      return;
    }
    std::ifstream in(path, std::ios::binary);
    std::string text;
    if (in) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (!in && !in.eof()) {
      loader.add_io_error(name, "cannot read file", "check that the file exists and is readable");
      return;
    }
    loader.add_text(name, std::move(text));
  };

  for (const std::string& p : paths) {
    const fs::path path(p);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      loader.add_io_error(p, "no such file or directory", "check the path given to -f");
    } else if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && is_manifest_name(it->path()))
          found.push_back(it->path());
      }
      if (ec) {
        loader.add_io_error(p, "cannot read directory: " + ec.message(), "");
        continue;
      }
      if (found.empty()) {
        loader.add_io_error(p, "directory holds no *.yaml or *.yml file",
                            "pass manifest files or a directory of them");
        continue;
      }
      std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
        return a.filename().string() < b.filename().string();
      });
      for (const fs::path& f : found) load_file(f);
    } else {
      load_file(path);
    }
  }
  return loader.finish();
}

}  // namespace loadero_sync
