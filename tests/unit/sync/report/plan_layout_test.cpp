// How plan lines read: the Markdown diff's symbols GitHub colours, names that cannot mention
// anyone or become links, the reason column's capped alignment, and display widths.

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "action_builders.hpp"
#include "loadero_sync/plan_json.hpp"
#include "loadero_sync/report.hpp"
#include "plan_renders.hpp"

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

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the Markdown diff marks updates with ! (orange on GitHub) while the text plan keeps ~") {
  const Plan plan =
      one_test({create_action("Callers", 3), update_action(48798, {"Hosts", 1}, {"Hosts", 2}),
                remove_action(50335, "Old", 1)});
  const std::string md = render_markdown(plan);
  CHECK(contains(md, "\n+ group \"Callers\" (count 3)"));
  CHECK(contains(md, "\n! group 48798 \"Hosts\" (count 1 -> 2)"));
  CHECK(contains(md, "\n- group 50335 \"Old\" (count 1)"));
  CHECK_FALSE(contains(md, "\n~ "));
  CHECK(contains(render_text(plan), "\n  ~ group 48798 \"Hosts\" (count 1 -> 2)"));
}

TEST_CASE("a name with trailing blanks shows them between quotes") {
  CHECK(contains(render_markdown(one_test({create_action("Callers  ", 1)})),
                 "+ group \"Callers  \" (count 1)"));
}

TEST_CASE("an @mention in a name pings no one, inside the diff block and in the tables") {
  const Plan plan = one_test({remove_action(50335, "@octocat team", 1)});
  const std::string md = render_markdown(plan);
  // Destructive actions table and diff block: U+200B right after the @.
  CHECK(contains(md, "| 50335 \"@" + std::string(zwsp) + "octocat team\" |"));
  CHECK(contains(md, "- group 50335 \"@" + std::string(zwsp) + "octocat team\" (count 1)"));
  CHECK_FALSE(contains(md, "@octocat"));
  // The text plan is for a terminal: the name as it is.
  CHECK(contains(render_text(plan), "\"@octocat team\""));
}

TEST_CASE("a bare URL in a name does not autolink outside code blocks") {
  const Plan plan = one_test({remove_action(50335, "see https://evil.example and www.x.io", 1)});
  const std::string md = render_markdown(plan);
  CHECK(contains(md, "| 50335 \"see https:" + std::string(zwsp) + "//evil.example and www" +
                         std::string(zwsp) + ".x.io\" |"));
  // In the diff block GitHub links nothing: the name as it is.
  CHECK(contains(md, "\n- group 50335 \"see https://evil.example and www.x.io\" (count 1)"));
  CHECK(contains(render_text(plan), "https://evil.example"));
}

TEST_CASE("one long name does not pad every line: reasons align to at most 80 columns") {
  const std::string long_name(255, 'x');
  const Plan plan = one_test({create_action(long_name, 1), create_action("Short", 1)});
  const std::string short_subject = "group \"Short\" (count 1)";  // 23 columns
  const std::string padded = short_subject + std::string(80 - short_subject.size() + 2, ' ');
  for (const std::string& out : {render_text(plan), render_markdown(plan)}) {
    CHECK(contains(out, "group \"" + long_name + "\" (count 1)  new group\n"));
    CHECK(contains(out, padded + "new group\n"));
  }
}

TEST_CASE("alignment counts display columns: wide CJK and emoji 2, combining marks 0") {
  // Each subject below but the fullwidth one (a column wider) is as wide on screen as
  // `group "abcd" (count 1)`.
  const std::string reference = "group \"abcd\" (count 1)";
  const std::vector<std::string> names = {
      "\xe6\x97\xa5\xe6\x9c\xac",          // 日本: 2 wide characters
      "\xf0\x9f\x9a\x80\xf0\x9f\x8e\x89",  // 🚀🎉: 2 emoji
      "abc\xef\xbc\xa1",                   // abc + fullwidth Ａ: 3 + 2 = 5 columns
      "e\xcc\x81"
      "e\xcc\x81"
      "ab",  // é é (e + combining acute) a b: 4
      "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb"
      "ab",  // 👩‍💻 (one ZWJ emoji) a b: 4
  };
  std::vector<Action> actions = {create_action("abcd", 1)};
  for (const auto& name : names) actions.push_back(create_action(name, 1));
  const Plan plan = one_test(std::move(actions));
  for (const std::string& out : {render_text(plan), render_markdown(plan)}) {
    CHECK(contains(out, reference + std::string(3, ' ') + "new group\n"));
    CHECK(contains(out,
                   "group \"" + names[0] + "\" (count 1)" + std::string(3, ' ') + "new group\n"));
    CHECK(contains(out,
                   "group \"" + names[1] + "\" (count 1)" + std::string(3, ' ') + "new group\n"));
    CHECK(contains(out,
                   "group \"" + names[2] + "\" (count 1)" + std::string(2, ' ') + "new group\n"));
    CHECK(contains(out,
                   "group \"" + names[3] + "\" (count 1)" + std::string(3, ' ') + "new group\n"));
    CHECK(contains(out,
                   "group \"" + names[4] + "\" (count 1)" + std::string(3, ' ') + "new group\n"));
  }
}

TEST_CASE("a zero-width space put after @ in the Markdown diff does not move the column") {
  const Plan plan = one_test({create_action("@team", 1), create_action("xteam", 1)});
  const std::string md = render_markdown(plan);
  CHECK(contains(md, "+ group \"@\xe2\x80\x8bteam\" (count 1)  new group\n"));
  CHECK(contains(md, "+ group \"xteam\" (count 1)  new group\n"));
}

TEST_CASE("a group delete says how many participants go with it when they are known") {
  Plan plan = one_test({remove_action(50335, "Old", 1), remove_action(50336, "Twice", 2),
                        remove_action(50337, "Unknown", 1)});
  plan.tests[0].live_groups = {LiveGroup{50335, "Old", 1, 3}, LiveGroup{50336, "Twice", 2, 1},
                               LiveGroup{50337, "Unknown", 1, 0}};
  for (const std::string& out : {render_text(plan), render_markdown(plan)}) {
    CHECK(contains(out, "- group 50335 \"Old\" (count 1, 3 participants)"));
    // participant_count is per copy of the group: 2 copies of 1.
    CHECK(contains(out, "- group 50336 \"Twice\" (count 2, 2 participants)"));
    CHECK(contains(out, "- group 50337 \"Unknown\" (count 1)  "));
  }
  plan.tests[0].live_groups[0].participant_count = 1;
  CHECK(contains(render_text(plan), "- group 50335 \"Old\" (count 1, 1 participant)"));
}

TEST_CASE(
    "a saved plan keeps the participants a delete takes, and an older one loads without them") {
  Plan plan = one_test({remove_action(50335, "Old", 1)});
  plan.tests[0].live_fingerprint = "sha256:00";
  plan.tests[0].live_groups = {LiveGroup{50335, "Old", 1, 3}};
  nlohmann::json document = to_json(plan);
  CHECK(document["tests"][0]["live_groups"][0]["participant_count"] == 3);
  CHECK(contains(render_text(plan_from_json(document)),
                 "- group 50335 \"Old\" (count 1, 3 participants)"));
  document["tests"][0]["live_groups"][0].erase("participant_count");
  const Plan older = plan_from_json(document);
  CHECK(older.tests[0].live_groups[0].participant_count == 0);
  CHECK(contains(render_text(older), "- group 50335 \"Old\" (count 1)  "));
}
