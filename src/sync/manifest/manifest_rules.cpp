#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "loadero_sync/glob.hpp"
#include "loadero_sync/text.hpp"
#include "manifest_loader.hpp"
#include "manifest_values.hpp"

namespace loadero_sync::manifest_detail {
namespace {

bool is_group_key(std::string_view key) {
  return key == "name" || key == "count" || key == "id" || key == "duplicate_from" ||
         key == "renamed_from" || key == "ensure" || key == "participants";
}

/// A loop of duplicate_from among the declared groups of one test: the group where the walk
/// came back (reported at its duplicate_from) and the loop in words, "A" -> "B" -> "A".
struct CopyCycle {
  std::size_t at = 0;
  std::string text;
};

// Such groups can never be created, whatever the live state; the planner finds the same loops,
// but only after reading the API. Each loop is reported once, in manifest order.
std::vector<CopyCycle> copy_cycles(const std::vector<DesiredGroup>& groups,
                                   const std::unordered_map<std::string, std::size_t>& by_name) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  const auto source_of = [&](std::size_t i) {
    if (groups[i].ensure == Ensure::absent || !groups[i].duplicate_from) return none;
    const auto it = by_name.find(*groups[i].duplicate_from);
    return it == by_name.end() || it->second == i ? none : it->second;
  };
  enum class Mark { unseen, on_path, done };
  std::vector<Mark> marks(groups.size(), Mark::unseen);
  std::vector<CopyCycle> cycles;
  for (std::size_t start = 0; start < groups.size(); ++start) {
    std::vector<std::size_t> path;
    std::size_t i = start;
    while (i != none && marks[i] == Mark::unseen) {
      marks[i] = Mark::on_path;
      path.push_back(i);
      i = source_of(i);
    }
    if (i != none && marks[i] == Mark::on_path) {
      CopyCycle cycle{i, {}};
      for (auto it = std::find(path.begin(), path.end(), i); it != path.end(); ++it)
        cycle.text += quote_name(groups[*it].name) + " -> ";
      cycle.text += quote_name(groups[i].name);
      cycles.push_back(std::move(cycle));
    }
    for (const std::size_t j : path) marks[j] = Mark::done;
  }
  return cycles;
}

}  // namespace

void Loader::read_root(const Node& root) {
  const Node* project_value = find_value(root, "project_id");
  if (const auto project = positive_int(project_value)) {
    if (!m_project) {
      m_project = std::pair(*project, Seen{m_current, project_value->line, project_value->column});
      m_result.manifest.project_id = *project;
    } else if (m_project->first != *project) {
      error(*project_value,
            "project_id " + std::to_string(*project) + " differs from project_id " +
                std::to_string(m_project->first) + " at " + where(m_current, m_project->second),
            "all manifest files of one run must name the same project");
    }
  }

  m_warned_browsers.clear();
  FileDefaults defaults;
  const Node* participant_defaults_key = nullptr;
  if (const Node* d = find_value(root, "defaults"); d != nullptr && d->kind == NodeKind::mapping) {
    defaults.prune = boolean(find_value(*d, "prune"));
    if (const Node* keep = find_value(*d, "keep");
        keep != nullptr && keep->kind == NodeKind::sequence) {
      defaults.keep = read_keep(*keep);
    }
    if (const Node* p = find_value(*d, "participant_defaults", &participant_defaults_key))
      read_participant_settings(*p, defaults.participants, participant_defaults_key);
    if (const Node* b = find_value(*d, "budget")) read_budget(*b, defaults.budget);
  }

  const Node* tests = find_value(root, "tests");
  if (tests == nullptr || (tests->kind == NodeKind::sequence && tests->children.empty())) {
    m_files[m_current].sink.add(Finding{Severity::warning, -1, -1, "file declares no tests",
                                        "list the tests to manage under `tests:`"});
    return;
  }
  if (tests->kind != NodeKind::sequence) return;
  const std::size_t first_test = m_result.manifest.tests.size();
  for (const Node& entry : tests->children) {
    if (entry.kind == NodeKind::mapping) read_test(entry, defaults);
  }
  const auto& tests_read = m_result.manifest.tests;
  if (participant_defaults_key != nullptr &&
      std::none_of(tests_read.begin() + static_cast<std::ptrdiff_t>(first_test), tests_read.end(),
                   [](const DesiredTest& t) { return t.manages_participants(); })) {
    warning(*participant_defaults_key,
            "participant_defaults has no effect: no test of this file declares participants",
            "list a group's participants under `participants:`, or remove participant_defaults");
  }
}

std::vector<std::string> Loader::read_keep(const Node& keep) {
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

std::string Loader::label_of(const DesiredTest& t) {
  if (!t.test_id && !t.test_name) return "this test";
  return test_label(t.test_id, t.test_name.value_or(std::string()));
}

void Loader::read_test(const Node& node, const FileDefaults& defaults) {
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

  const Node* prune_key = nullptr;
  const std::optional<bool> prune = boolean(find_value(node, "prune", &prune_key));
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

  // Key by key: a limit the test's own budget sets wins over the same limit in the defaults.
  test.budget = defaults.budget;
  if (const Node* b = find_value(node, "budget")) read_budget(*b, test.budget);

  ParticipantSettings participant_defaults = defaults.participants;
  const Node* participant_defaults_key = nullptr;
  if (const Node* p = find_value(node, "participant_defaults", &participant_defaults_key))
    read_participant_settings(*p, participant_defaults, participant_defaults_key);

  if (const Node* groups = find_value(node, "groups");
      groups != nullptr && groups->kind == NodeKind::sequence) {
    std::vector<const Node*> group_nodes;
    group_nodes.reserve(groups->children.size());
    test.groups.reserve(groups->children.size());
    PinnedParticipants pinned{label_of(test), {}};
    for (const Node& entry : groups->children) {
      if (entry.kind != NodeKind::mapping) continue;
      test.groups.push_back(read_group(entry, participant_defaults, pinned));
      group_nodes.push_back(&entry);
    }
    check_groups(test, group_nodes);
  }
  // prune with nothing declared deletes every live group: legal (emptying a test on purpose),
  // but more likely a forgotten or mis-indented `groups:`.
  if (const Node* groups = find_value(node, "groups");
      prune_on && (groups == nullptr ||
                   (groups->kind == NodeKind::sequence && groups->children.empty()))) {
    warning(prune && prune_key != nullptr ? *prune_key : node,
            std::string(prune ? "prune: true" : "prune: true (from defaults)") +
                " with no groups declared: every live group of " + label_of(test) +
                (test.keep.empty() ? "" : " that keep does not match") + " will be deleted",
            "declare the test's groups under `groups:`, or set `prune: false` if that is not "
            "meant");
  }
  if (participant_defaults_key != nullptr && !test.manages_participants()) {
    warning(*participant_defaults_key,
            "participant_defaults has no effect: no group of this test declares participants",
            "list a group's participants under `participants:`, or remove participant_defaults");
  }
  m_result.manifest.tests.push_back(std::move(test));
}

DesiredGroup Loader::read_group(const Node& node, const ParticipantSettings& participant_defaults,
                                PinnedParticipants& pinned) {
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
        !did_you_mean(key.text, {"count"}).empty()) {
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

  const Node* participants_key = nullptr;
  if (const Node* participants = find_value(node, "participants", &participants_key)) {
    if (group.ensure == Ensure::absent) {
      error(*participants_key, "a group with ensure: absent cannot declare participants",
            "remove participants, or remove `ensure: absent`");
    } else if (participants->kind == NodeKind::sequence) {
      const std::string label = group.name.empty() ? "this group" : "group '" + group.name + "'";
      group.participants = read_participants(*participants, label, participant_defaults, pinned);
    }
  }
  return group;
}

void Loader::check_groups(const DesiredTest& test, const std::vector<const Node*>& nodes) {
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
        error(*at, "renamed_from names '" + old_name + "', which " + label + " declares as a group",
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
  for (const CopyCycle& cycle : copy_cycles(test.groups, by_name)) {
    error(
        *find_value(*nodes[cycle.at], "duplicate_from"),
        "duplicate_from cycle in " + label + ": " + cycle.text,
        "a copy needs a source that exists first; remove duplicate_from from one of these groups");
  }
}

}  // namespace loadero_sync::manifest_detail
