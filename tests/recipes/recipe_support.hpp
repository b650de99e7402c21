#pragma once
// What the recipe tests share: the two CI recipes read as JSON trees, the shell scripts their
// jobs run, and the loadero-sync command lines in those scripts.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recipes_test {

using nlohmann::json;

/// A path inside the repository.
std::filesystem::path repo_path(const std::string& relative);

/// The whole text of a file; throws std::runtime_error when it cannot be read.
std::string read_text(const std::filesystem::path& path);

/// examples/ci/github-actions.yml and examples/ci/gitlab-ci.yml, parsed (cached).
const json& github_workflow();
const json& gitlab_pipeline();

/// One shell script a recipe runs, and where it stands ("github-actions.yml jobs.plan.steps[2]").
struct Script {
  std::string where;
  std::string text;
};

/// Every `run:` of every GitHub job, one Script per step; `${{ ... }}` expressions are replaced by
/// the word GHA_EXPR, as the runner substitutes them before the shell sees the text.
std::vector<Script> github_scripts();

/// Every GitLab job and template, one Script each: its own before_script, script and
/// after_script lines, in the order the runner runs them.
std::vector<Script> gitlab_scripts();

/// The GitLab jobs (top-level keys that are not global keywords or hidden templates), each with
/// the templates it `extends` merged in as GitLab does (mappings deep, everything else replaced).
json gitlab_jobs();

/// Everything a GitHub job or a (merged) GitLab job runs, as one text.
std::string github_job_script(const json& job);
std::string gitlab_job_script(const json& job);

/// The first job whose script matches `pattern` (an ECMAScript regex) and not `unless` (when not
/// empty), and its name; REQUIREs that there is one.
std::pair<std::string, json> job_running(const json& jobs, const std::string& pattern,
                                         const std::string& unless, bool gitlab);

/// One `loadero-sync ...` command line found in a script: the words after `loadero-sync` up to
/// the first shell operator or redirection (`>`, `|`, `&&`, `;`, ...).
struct Invocation {
  std::string where;
  std::vector<std::string> words;
};
std::vector<Invocation> loadero_sync_invocations(const std::vector<Script>& scripts);

/// Whether `part` occurs in `text`.
bool contains(const std::string& text, const std::string& part);

/// Whether a script builds loadero-sync from source (scripts/setup.sh, cmake, make, a compiler)
/// instead of installing a release.
bool builds_from_source(const std::string& script);

/// Whether a script saves a plan (`--out plan.json`) and then applies that file with
/// `loadero-sync apply --plan plan.json --auto-approve`.
bool applies_the_plan_it_saved(const std::string& script);

/// The absolute path of a program found on PATH, or empty.
std::string find_program(const std::string& name);

}  // namespace recipes_test
