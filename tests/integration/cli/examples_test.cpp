// The example manifests under examples/, end to end: each one validates, plans the changes it is
// about against the emulator's demo data (a copy of examples/demo-state.json), applies them, and
// then plans no changes and shows no drift.

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

std::string source_path(const std::string& relative) {
  return loadero_test::source_dir() + "/" + relative;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Whether `text` has a line that, leading blanks aside, starts with `subject` and ends with
/// `reason` (the text plan pads between the two to line up the reasons of a test).
bool has_action(const std::string& text, const std::string& subject, const std::string& reason) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    const std::string trimmed = line.substr(first);
    if (trimmed.rfind(subject, 0) == 0 && trimmed.size() >= subject.size() + reason.size() &&
        trimmed.compare(trimmed.size() - reason.size(), reason.size(), reason) == 0)
      return true;
  }
  return false;
}

/// The emulator serving a copy of the demo data (project 5040: test 6866 "Checkout flow" with
/// "new name", "New name from params", "Callers" and "Presenters"; test 6867 "Video call" with
/// "Hosts", "Guests" and "manual-debug"). The repository's file is never written.
struct DemoProject {
  DemoProject()
      : original(read_text(source_path("examples/demo-state.json"))),
        state_dir("loadero-sync-examples"),
        fx({}, demo_state_copy(state_dir.path())) {}

  ~DemoProject() { CHECK(read_text(source_path("examples/demo-state.json")) == original); }

  DemoProject(const DemoProject&) = delete;
  DemoProject& operator=(const DemoProject&) = delete;

  /// `plan -f example`: exit 0, and the plan's text.
  std::string plan(const std::string& example) {
    const auto run = fx.sync({"plan", "-f", example});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    return run.out;
  }

  /// apply --auto-approve, then plan and drift: the example converges in one apply.
  void apply_and_converge(const std::string& example) {
    const auto apply = fx.sync({"apply", "-f", example, "--auto-approve"});
    INFO(apply.out << apply.err);
    CHECK(apply.exit_code == 0);
    CHECK(apply.out.find("Apply complete: ") != std::string::npos);
    CHECK(apply.out.find(" 0 failed, 0 not attempted.") != std::string::npos);

    const auto again = fx.sync({"plan", "-f", example, "--detailed-exitcode"});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(again.out.rfind("No changes. Live groups", 0) == 0);

    const auto drift = fx.sync({"drift", "-f", example});
    INFO(drift.out << drift.err);
    CHECK(drift.exit_code == 0);
    CHECK(drift.out.find("No drift: 2 tests in sync") != std::string::npos);
  }

  /// The live group of `test_id` called `name` (fails the test when there is not exactly one).
  json group(std::int64_t test_id, const std::string& name) {
    json found;
    int matches = 0;
    const json page = fx.api("GET", "tests/" + std::to_string(test_id) + "/groups/");
    for (const auto& g : page["results"]) {
      if (g["name"] == name) {
        found = g;
        ++matches;
      }
    }
    INFO("group " << name << " of test " << test_id);
    REQUIRE(matches == 1);
    return found;
  }

  std::string original;
  loadero_test::TempDir state_dir;
  Fixture fx;
};

}  // namespace

TEST_CASE("every manifest file under examples/ validates and points its modeline at the schema") {
  Fixture fx;
  std::vector<std::string> manifests;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(source_path("examples"))) {
    const auto& path = entry.path();
    if (path.parent_path().filename() == "ci") continue;  // CI recipes, not manifests
    const auto ext = path.extension().string();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
      manifests.push_back(path.string());
  }
  // The demo, renames.yaml, cleanup.yaml, the two files of multi-file/ and its draft at least.
  CHECK(manifests.size() >= 6);
  // validate checks each file against the schema the loader embeds, which a unit test keeps equal
  // to schemas/manifest.schema.json; it exits 1 on any error, and warnings would show on stderr.
  for (const auto& manifest : manifests) {
    const auto run = fx.sync({"validate", "-f", manifest});
    INFO(manifest << "\n" << run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.rfind("Valid: ", 0) == 0);
    CHECK(run.err.empty());
    // Editors find the schema through the modeline, a path relative to the file.
    const std::string modeline = "# yaml-language-server: $schema=";
    const std::string text = read_text(manifest);
    REQUIRE(text.rfind(modeline, 0) == 0);
    const std::string schema = text.substr(modeline.size(), text.find('\n') - modeline.size());
    const auto resolved = std::filesystem::path(manifest).parent_path() / schema;
    CHECK(std::filesystem::equivalent(resolved, source_path("schemas/manifest.schema.json")));
  }
}

TEST_CASE("examples/multi-file/ reads its two files, not drafts/, and converges") {
  const std::string example = source_path("examples/multi-file/");
  DemoProject demo;

  const auto validate = demo.fx.sync({"validate", "-f", example});
  CHECK(validate.exit_code == 0);
  CHECK(validate.out == "Valid: 2 files, 2 tests, 5 groups.\n");

  const std::string plan = demo.plan(example);
  INFO(plan);
  CHECK(has_action(plan, "~ group 48797 \"new name\" -> \"Buyers\" (count 1)",
                   "renamed from \"new name\""));
  CHECK(has_action(plan, "~ group 50336 \"Callers\" (count 3 -> 4)", "count 3 -> 4"));
  CHECK(has_action(plan, "+ group \"Observers\" (count 1)", "new group"));
  CHECK(has_action(plan, "~ group 50401 \"Guests\" (count 2 -> 3)", "count 2 -> 3"));
  CHECK(has_action(plan, "+ participant \"Observer\" in group \"Observers\" (count 2)",
                   "new participant"));
  // The draft's test 9999 is not read (it does not exist: planning it would fail).
  CHECK(plan.find("9999") == std::string::npos);
  CHECK(plan.find("Plan: 1 to create, 0 to duplicate, 3 to update, 0 to delete.\n") !=
        std::string::npos);
  CHECK(plan.find("Participants: 1 to create, 0 to update, 0 to delete.\n") != std::string::npos);

  demo.apply_and_converge(example);
  // Prune is off in both files: the undeclared groups stay.
  CHECK(demo.fx.groups(6866) == "Buyers=1,Callers=4,New name from params=1,Presenters=1");
  CHECK(demo.fx.groups(6867) == "Guests=3,Hosts=1,Observers=1,manual-debug=1");
  CHECK(demo.group(6866, "Buyers")["id"] == 48797);
}

TEST_CASE("examples/renames.yaml renames by renamed_from, copies by duplicate_from, converges") {
  const std::string example = source_path("examples/renames.yaml");
  DemoProject demo;

  const std::string plan = demo.plan(example);
  INFO(plan);
  CHECK(has_action(plan, "~ group 48797 \"new name\" -> \"Buyers\" (count 1 -> 2)",
                   "renamed from \"new name\", count 1 -> 2"));
  // renamed_from: [Speakers, Presenters]: no live "Speakers", so "Presenters" is adopted.
  CHECK(has_action(plan, "~ group 50337 \"Presenters\" -> \"Hosts\" (count 1)",
                   "renamed from \"Presenters\""));
  CHECK(has_action(plan, "+ group \"Callers EU\" (count 2)", "copy of \"Callers\""));
  CHECK(has_action(plan, "+ group \"Hosts backup\" (count 1)", "copy of \"Hosts\""));
  CHECK(has_action(plan, "~ group 50401 \"Guests\" -> \"Attendees\" (count 2)",
                   "renamed from \"Guests\""));
  CHECK(has_action(plan, "+ group \"Attendees overflow\" (count 1)", "copy of \"Attendees\""));
  CHECK(plan.find("Plan: 0 to create, 3 to duplicate, 3 to update, 0 to delete.\n") !=
        std::string::npos);

  demo.apply_and_converge(example);
  CHECK(demo.fx.groups(6866) ==
        "Buyers=2,Callers=3,Callers EU=2,Hosts=1,Hosts backup=1,New name from params=1");
  CHECK(demo.fx.groups(6867) == "Attendees=2,Attendees overflow=1,Hosts=1,manual-debug=1");
  // Renames keep the group (its id and participants); copies bring the source's participants,
  // "Hosts backup" those of "Presenters" (one participant of count 7) before it was renamed.
  CHECK(demo.group(6866, "Buyers")["id"] == 48797);
  CHECK(demo.group(6866, "Hosts")["id"] == 50337);
  CHECK(demo.group(6867, "Attendees")["id"] == 50401);
  CHECK(demo.group(6866, "Hosts backup")["participant_count"] == 7);
  CHECK(demo.group(6866, "Callers EU")["participant_count"] == 3);
}

TEST_CASE("examples/cleanup.yaml prunes, keeps the keep globs, deletes ensure absent, converges") {
  const std::string example = source_path("examples/cleanup.yaml");
  DemoProject demo;

  const std::string plan = demo.plan(example);
  INFO(plan);
  CHECK(has_action(plan, "- group 50335 \"New name from params\" (count 1)", "ensure: absent"));
  CHECK(has_action(plan, "- group 48797 \"new name\" (count 1, 15 participants)",
                   "not in manifest (prune)"));
  // Kept: "Callers" by the test's own keep ["Call*"], "manual-debug" by the defaults' ["manual-*"].
  CHECK(plan.find("\"Callers\"") == std::string::npos);
  CHECK(plan.find("manual-debug") == std::string::npos);
  // Test 6867 only loses what keep does not protect, and here that is nothing.
  CHECK(plan.find("# test 6867") == std::string::npos);
  CHECK(plan.find("Plan: 0 to create, 0 to duplicate, 0 to update, 2 to delete.\n") !=
        std::string::npos);

  const auto drift = demo.fx.sync({"drift", "-f", example});
  INFO(drift.out << drift.err);
  CHECK(drift.exit_code == 2);
  // Each says which keep glob kept it from prune.
  CHECK(drift.out.find("unmanaged   group 50336 \"Callers\" (count 3): not in manifest, kept by "
                       "keep: \"Call*\"") != std::string::npos);
  CHECK(drift.out.find("unmanaged   group 50402 \"manual-debug\" (count 1): not in manifest, kept "
                       "by keep: \"manual-*\"") != std::string::npos);

  demo.apply_and_converge(example);
  CHECK(demo.fx.groups(6866) == "Callers=3,Presenters=1");
  CHECK(demo.fx.groups(6867) == "Guests=2,Hosts=1,manual-debug=1");
}
