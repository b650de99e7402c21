// How plan lines read: the Markdown diff's symbols GitHub colours, names that cannot mention
// anyone or become links, the reason column's capped alignment, and display widths.

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "action_builders.hpp"
#include "loadero_sync/report.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

constexpr std::string_view zwsp = "\xe2\x80\x8b";

Plan one_test(std::vector<Action> actions) {
  Plan plan;
  plan.project_id = 5040;
  TestPlan test;
  test.test_id = 6866;
  test.test_name = "Checkout flow";
  test.actions = std::move(actions);
  for (const auto& action : test.actions) {
    if (action.kind == ActionKind::create) ++plan.summary.create;
    if (action.kind == ActionKind::update) ++plan.summary.update;
    if (action.kind == ActionKind::remove) ++plan.summary.remove;
  }
  plan.tests.push_back(std::move(test));
  return plan;
}

std::string text_of(const Plan& plan) {
  std::ostringstream out;
  write_plan_text(out, plan, Color::off);
  return out.str();
}

std::string markdown_of(const Plan& plan) {
  std::ostringstream out;
  write_plan_markdown(out, plan);
  return out.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the Markdown diff marks updates with ! (orange on GitHub); the text plan keeps ~") {
  const Plan plan = one_test({create_action("Callers", 3),
                              update_action(48798, {"Hosts", 1}, {"Hosts", 2}),
                              remove_action(50335, "Old", 1)});
  const std::string md = markdown_of(plan);
  CHECK(contains(md, "\n+ group \"Callers\" (count 3)"));
  CHECK(contains(md, "\n! group 48798 \"Hosts\" (count 1 -> 2)"));
  CHECK(contains(md, "\n- group 50335 \"Old\" (count 1)"));
  CHECK_FALSE(contains(md, "\n~ "));
  CHECK(contains(text_of(plan), "\n  ~ group 48798 \"Hosts\" (count 1 -> 2)"));
}

TEST_CASE("a name with trailing blanks shows them between quotes") {
  CHECK(contains(markdown_of(one_test({create_action("Callers  ", 1)})),
                 "+ group \"Callers  \" (count 1)"));
}

TEST_CASE("an @mention in a name pings no one, inside the diff block and in the tables") {
  const Plan plan = one_test({remove_action(50335, "@octocat team", 1)});
  const std::string md = markdown_of(plan);
  // Destructive actions table and diff block: U+200B right after the @.
  CHECK(contains(md, "| 50335 \"@" + std::string(zwsp) + "octocat team\" |"));
  CHECK(contains(md, "- group 50335 \"@" + std::string(zwsp) + "octocat team\" (count 1)"));
  CHECK_FALSE(contains(md, "@octocat"));
  // The text plan is for a terminal: the name as it is.
  CHECK(contains(text_of(plan), "\"@octocat team\""));
}

TEST_CASE("a bare URL in a name does not autolink outside code blocks") {
  const Plan plan = one_test({remove_action(50335, "see https://evil.example and www.x.io", 1)});
  const std::string md = markdown_of(plan);
  CHECK(contains(md, "| 50335 \"see https:" + std::string(zwsp) + "//evil.example and www" +
                         std::string(zwsp) + ".x.io\" |"));
  // In the diff block GitHub links nothing: the name as it is.
  CHECK(contains(md, "\n- group 50335 \"see https://evil.example and www.x.io\" (count 1)"));
  CHECK(contains(text_of(plan), "https://evil.example"));
}

TEST_CASE("one long name does not pad every line: reasons align to at most 60 columns") {
  const std::string long_name(255, 'x');
  const Plan plan = one_test({create_action(long_name, 1), create_action("Short", 1)});
  const std::string short_subject = "group \"Short\" (count 1)";  // 23 columns
  const std::string padded = short_subject + std::string(60 - short_subject.size() + 2, ' ');
  for (const std::string& out : {text_of(plan), markdown_of(plan)}) {
    CHECK(contains(out, "group \"" + long_name + "\" (count 1)  new group\n"));
    CHECK(contains(out, padded + "new group\n"));
  }
}
