// examples/ci/gitlab-ci.yml: rules, images, and what each of the plan, apply and drift jobs must
// do.

#include <doctest/doctest.h>

#include <string>

#include "recipe_support.hpp"

using recipes_test::applies_the_plan_it_saved;
using recipes_test::builds_from_source;
using recipes_test::contains;
using recipes_test::gitlab_job_script;
using recipes_test::gitlab_jobs;
using recipes_test::gitlab_pipeline;
using recipes_test::job_running;
using recipes_test::json;

namespace {

// The `if:` conditions of a job's rules, one a line.
std::string rule_conditions(const json& job) {
  std::string text;
  for (const auto& rule : job.value("rules", json::array())) text += rule.value("if", "") + "\n";
  return text;
}

}  // namespace

TEST_CASE("every GitLab job runs in debian:12 or the loadero-sync image, and none compiles") {
  const json jobs = gitlab_jobs();
  CHECK(jobs.size() >= 3);
  for (const auto& [name, job] : jobs.items()) {
    CAPTURE(name);
    const json image =
        job.contains("image") ? job["image"] : gitlab_pipeline().value("image", json("(none)"));
    const std::string image_name =
        image.is_object() ? image.value("name", "") : image.get<std::string>();
    CHECK((image_name == "debian:12" || contains(image_name, "LOADERO_SYNC_IMAGE")));
    CHECK_FALSE(rule_conditions(job).empty());
    const std::string script = gitlab_job_script(job);
    CHECK_FALSE(builds_from_source(script));
    CHECK(contains(script, "loadero-sync_${LOADERO_SYNC_VERSION}_amd64.deb"));
    CHECK(contains(script, "apt-get install -y -qq --no-install-recommends \"./$deb\""));
  }
}

TEST_CASE("the GitLab plan job runs on merge requests and edits one marked note in place") {
  const auto [name, job] = job_running(gitlab_jobs(), R"(loadero-sync plan .*--format markdown)",
                                       R"(loadero-sync apply)", true);
  CAPTURE(name);
  CHECK(contains(rule_conditions(job), R"($CI_PIPELINE_SOURCE == "merge_request_event")"));
  const std::string script = gitlab_job_script(job);
  CHECK(contains(script, "--out plan.json"));
  CHECK(contains(script, "<!-- loadero-sync:plan -->"));
  CHECK(contains(script, "/merge_requests/$CI_MERGE_REQUEST_IID/notes"));
  CHECK(contains(script, "--request PUT"));
  CHECK(contains(script, "--request POST"));
  CHECK(contains(script, "$LOADERO_BOT_TOKEN"));
  CHECK(contains(job.at("artifacts").at("paths").dump(), "plan.json"));
}

TEST_CASE("the GitLab apply job holds a resource_group and applies the plan it saved") {
  const auto [name, job] = job_running(gitlab_jobs(), R"(loadero-sync apply)", "", true);
  CAPTURE(name);
  CHECK(contains(rule_conditions(job), "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"));
  CHECK_FALSE(job.value("resource_group", "").empty());
  CHECK(applies_the_plan_it_saved(gitlab_job_script(job)));
}

TEST_CASE(
    "the GitLab drift job runs on a schedule and keeps its JUnit report when drift fails it") {
  const auto [name, job] = job_running(gitlab_jobs(), R"(loadero-sync drift)", "", true);
  CAPTURE(name);
  CHECK(contains(rule_conditions(job), R"($CI_PIPELINE_SOURCE == "schedule")"));
  CHECK(contains(gitlab_job_script(job), "--format junit > drift.xml"));
  const json& artifacts = job.at("artifacts");
  CHECK(artifacts.value("when", "") == "always");
  CHECK(artifacts.at("reports").value("junit", "") == "drift.xml");
}
