// examples/ci/github-actions.yml: triggers, containers, and what each of the plan, apply and
// drift jobs must do.

#include <doctest/doctest.h>

#include <string>

#include "recipe_support.hpp"

using recipes_test::applies_the_plan_it_saved;
using recipes_test::builds_from_source;
using recipes_test::contains;
using recipes_test::github_job_script;
using recipes_test::github_workflow;
using recipes_test::job_running;
using recipes_test::json;

namespace {

// A `with: path:` of upload-artifact names the file (one path or several, one a line).
bool uploads(const json& job, const std::string& file, bool always) {
  for (const auto& step : job.value("steps", json::array())) {
    if (!step.value("uses", "").starts_with("actions/upload-artifact@")) continue;
    const std::string paths = step.value("with", json::object()).value("path", "");
    if (contains(paths, file) && (!always || step.value("if", "") == "always()")) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("github-actions.yml runs on pull requests, pushes to main and a schedule") {
  const json& on = github_workflow().at("on");
  CHECK(on.contains("pull_request"));
  REQUIRE(on.contains("push"));
  CHECK(on["push"].value("branches", json::array()) == json::array({"main"}));
  REQUIRE(on.contains("schedule"));
  CHECK_FALSE(on["schedule"].at(0).value("cron", "").empty());
}

TEST_CASE("every GitHub job runs in debian:12 or the loadero-sync image, and none compiles") {
  const json& jobs = github_workflow().at("jobs");
  CHECK(jobs.size() >= 3);
  for (const auto& [name, job] : jobs.items()) {
    CAPTURE(name);
    REQUIRE(job.contains("container"));
    const json& container = job["container"];
    const std::string image =
        container.is_object() ? container.value("image", "") : container.get<std::string>();
    CHECK((image == "debian:12" || contains(image, "LOADERO_SYNC_IMAGE")));
    const std::string script = github_job_script(job);
    CHECK_FALSE(builds_from_source(script));
    // the .deb route: the release file, installed by apt (which pulls its dependencies)
    CHECK(contains(script, "loadero-sync_${LOADERO_SYNC_VERSION"));
    CHECK(contains(script, "apt-get install -y --no-install-recommends \"./$deb\""));
  }
}

TEST_CASE("the GitHub plan job may write pull requests and edits one marked comment in place") {
  const auto [name, job] =
      job_running(github_workflow().at("jobs"), R"(loadero-sync plan .*--format markdown)",
                  R"(loadero-sync apply)", false);
  CAPTURE(name);
  CHECK(contains(job.value("if", ""), "pull_request"));
  CHECK(job.at("permissions").value("pull-requests", "") == "write");
  const std::string script = github_job_script(job);
  CHECK(contains(script, "--out plan.json"));
  CHECK(contains(script, "<!-- loadero-sync:plan -->"));
  CHECK(contains(script, "issues/$PR/comments"));
  CHECK(contains(script, "gh api --method PATCH \"repos/{owner}/{repo}/issues/comments/$id\""));
  CHECK(contains(script, "gh api --method POST \"repos/{owner}/{repo}/issues/$PR/comments\""));
  CHECK(uploads(job, "plan.json", false));
}

TEST_CASE("the GitHub apply job runs one at a time and applies the plan it saved") {
  const auto [name, job] =
      job_running(github_workflow().at("jobs"), R"(loadero-sync apply)", "", false);
  CAPTURE(name);
  CHECK(contains(job.value("if", ""), "push"));
  REQUIRE(job.contains("concurrency"));
  const json& concurrency = job["concurrency"];
  REQUIRE(concurrency.is_object());
  CHECK_FALSE(concurrency.value("group", "").empty());
  CHECK(concurrency.value("cancel-in-progress", "") == "false");
  CHECK(applies_the_plan_it_saved(github_job_script(job)));
}

TEST_CASE("the GitHub drift job uploads its JUnit report also when drift failed the job") {
  const auto [name, job] =
      job_running(github_workflow().at("jobs"), R"(loadero-sync drift)", "", false);
  CAPTURE(name);
  CHECK(contains(job.value("if", ""), "schedule"));
  CHECK(contains(github_job_script(job), "--format junit > drift.xml"));
  CHECK(uploads(job, "drift.xml", true));
}
