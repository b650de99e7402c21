#include "recipe_support.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "recipe_yaml.hpp"
#include "support_paths.hpp"

namespace recipes_test {
namespace {

std::string joined(const json& lines) {
  if (lines.is_string()) return lines.get<std::string>() + "\n";
  std::string text;
  if (lines.is_array())
    for (const auto& line : lines)
      if (line.is_string()) text += line.get<std::string>() + "\n";
  return text;
}

std::string gitlab_own_script(const json& job) {
  std::string text;
  for (const char* key : {"before_script", "script", "after_script"})
    if (job.contains(key)) text += joined(job[key]);
  return text;
}

bool is_gitlab_keyword(const std::string& key) {
  static const std::vector<std::string> keywords = {
      "default",  "include",       "stages",       "variables", "workflow", "image",
      "services", "before_script", "after_script", "cache",     "spec"};
  return std::find(keywords.begin(), keywords.end(), key) != keywords.end();
}

// GitLab's merge for `extends`: mappings merge key by key, anything else is replaced.
void merge_into(json& base, const json& overlay) {
  for (const auto& [key, value] : overlay.items()) {
    if (base.contains(key) && base[key].is_object() && value.is_object())
      merge_into(base[key], value);
    else
      base[key] = value;
  }
}

json resolved_gitlab_job(const json& pipeline, const json& job, int depth) {
  REQUIRE_MESSAGE(depth < 10, "gitlab-ci.yml: `extends` nests too deep");
  json merged = json::object();
  if (job.contains("extends")) {
    const json parents = job["extends"].is_array() ? job["extends"] : json::array({job["extends"]});
    for (const auto& parent : parents) {
      const std::string name = parent.get<std::string>();
      REQUIRE_MESSAGE(pipeline.contains(name), "gitlab-ci.yml: extends an unknown job " << name);
      merge_into(merged, resolved_gitlab_job(pipeline, pipeline[name], depth + 1));
    }
  }
  json own = job;
  own.erase("extends");
  merge_into(merged, own);
  return merged;
}

bool is_operator(const std::string& word) {
  static const std::regex op(R"(^(\||\|\||&&|;|&|\)|[0-9]?>.*|<.*)$)");
  return std::regex_match(word, op);
}

}  // namespace

std::filesystem::path repo_path(const std::string& relative) {
  return std::filesystem::path(loadero_test::source_dir()) / relative;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const json& github_workflow() {
  static const json workflow = load_yaml_file(repo_path("examples/ci/github-actions.yml"));
  return workflow;
}

const json& gitlab_pipeline() {
  static const json pipeline = load_yaml_file(repo_path("examples/ci/gitlab-ci.yml"));
  return pipeline;
}

std::vector<Script> github_scripts() {
  static const std::regex expression(R"(\$\{\{[^}]*\}\})");
  std::vector<Script> scripts;
  const json& jobs = github_workflow().at("jobs");
  for (const auto& [name, job] : jobs.items()) {
    const json steps = job.value("steps", json::array());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (!steps[i].contains("run")) continue;
      scripts.push_back(
          {"github-actions.yml jobs." + name + ".steps[" + std::to_string(i) + "]",
           std::regex_replace(steps[i]["run"].get<std::string>(), expression, "GHA_EXPR")});
    }
  }
  return scripts;
}

std::vector<Script> gitlab_scripts() {
  std::vector<Script> scripts;
  for (const auto& [name, job] : gitlab_pipeline().items()) {
    if (is_gitlab_keyword(name) || !job.is_object()) continue;
    const std::string text = gitlab_own_script(job);
    if (!text.empty()) scripts.push_back({"gitlab-ci.yml " + name, text});
  }
  return scripts;
}

json gitlab_jobs() {
  json jobs = json::object();
  const json& pipeline = gitlab_pipeline();
  for (const auto& [name, job] : pipeline.items()) {
    if (is_gitlab_keyword(name) || name.starts_with(".") || !job.is_object()) continue;
    jobs[name] = resolved_gitlab_job(pipeline, job, 0);
  }
  return jobs;
}

std::string github_job_script(const json& job) {
  std::string text;
  for (const auto& step : job.value("steps", json::array()))
    if (step.contains("run")) text += step["run"].get<std::string>() + "\n";
  return text;
}

std::string gitlab_job_script(const json& job) { return gitlab_own_script(job); }

std::pair<std::string, json> job_running(const json& jobs, const std::string& pattern,
                                         const std::string& unless, bool gitlab) {
  const std::regex wanted(pattern);
  const std::regex unwanted(unless.empty() ? "$^" : unless);
  for (const auto& [name, job] : jobs.items()) {
    const std::string script = gitlab ? gitlab_job_script(job) : github_job_script(job);
    if (std::regex_search(script, wanted) &&
        (unless.empty() || !std::regex_search(script, unwanted)))
      return {name, job};
  }
  FAIL("no job runs " << pattern << (unless.empty() ? "" : " without " + unless));
  return {};
}

std::vector<Invocation> loadero_sync_invocations(const std::vector<Script>& scripts) {
  std::vector<Invocation> found;
  for (const auto& script : scripts) {
    // A line continued with a backslash is one command line.
    const std::string text = std::regex_replace(script.text, std::regex(R"(\\\n)"), " ");
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      std::istringstream words(line);
      std::vector<std::string> all;
      for (std::string word; words >> word;) all.push_back(word);
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i] != "loadero-sync") continue;
        Invocation invocation{script.where + ": " + line, {}};
        for (std::size_t j = i + 1; j < all.size() && !is_operator(all[j]); ++j)
          invocation.words.push_back(all[j]);
        found.push_back(std::move(invocation));
      }
    }
  }
  return found;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool builds_from_source(const std::string& script) {
  static const std::regex build(R"(scripts/setup\.sh|\b(cmake|make|ninja|g\+\+|c\+\+)\b)");
  return std::regex_search(script, build);
}

bool applies_the_plan_it_saved(const std::string& script) {
  const auto plan_at = script.find("--out plan.json");
  const auto apply_at = script.find("loadero-sync apply --plan plan.json --auto-approve");
  return plan_at != std::string::npos && apply_at != std::string::npos && plan_at < apply_at;
}

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

}  // namespace recipes_test
