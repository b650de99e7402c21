// The real loadero-sync against a loadero-emulator that breaks the API's promises on purpose
// (--misbehave): plan and drift refuse the answers, name the request and print no plan.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

const std::string by_id =
    "version: 1\n"
    "project_id: 5040\n"
    "tests:\n"
    "  - test_id: 6866\n"
    "    groups:\n"
    "      - name: Callers\n"
    "        count: 4\n";

const std::string by_name =
    "version: 1\n"
    "project_id: 5040\n"
    "tests:\n"
    "  - test_name: Checkout flow\n"
    "    groups:\n"
    "      - name: Callers\n"
    "        count: 4\n";

// The demo data behind an emulator that pages by 2 and misbehaves as `modes` says.
struct MisbehavingServer {
  explicit MisbehavingServer(const std::vector<std::string>& modes)
      : state_dir(loadero_test::make_temp_dir("loadero-sync-misbehave")),
        fx(emulator_args(modes), demo_state_copy(state_dir)) {}

  ~MisbehavingServer() {
    std::error_code ec;
    std::filesystem::remove_all(state_dir, ec);
  }

  static std::vector<std::string> emulator_args(const std::vector<std::string>& modes) {
    std::vector<std::string> args = {"--max-page-size", "2"};
    for (const auto& mode : modes) {
      args.push_back("--misbehave");
      args.push_back(mode);
    }
    return args;
  }

  // plan exits 1 with the live-read error at the test's line of the manifest (the request and
  // what was wrong) and prints no plan; drift exits 1 too, reporting the test as one that could
  // not be read, with the same error; neither sends a write.
  void check_refused(const std::string& manifest_text, const std::string& expected) {
    const auto manifest = fx.write_file("loadero.yaml", manifest_text);
    const std::string first_line = manifest + ":4:5: error: " + expected + "\n";
    const auto plan = fx.sync({"plan", "-f", manifest});
    CHECK(plan.exit_code == 1);
    CHECK(plan.out.empty());
    CHECK(plan.err.substr(0, plan.err.find('\n') + 1) == first_line);
    const auto drift = fx.sync({"drift", "-f", manifest});
    CHECK(drift.exit_code == 1);
    CHECK(drift.out.find(": could not be read\n  error       " + expected + "\n") !=
          std::string::npos);
    CHECK(drift.out.find("1 could not be read.\n") != std::string::npos);
    CHECK(fx.writes() == 0);
  }

  std::string state_dir;
  Fixture fx;
};

}  // namespace

TEST_CASE("without --misbehave the same demo data and manifests plan normally") {
  MisbehavingServer server({});
  for (const auto& text : {by_id, by_name}) {
    const auto manifest = server.fx.write_file("loadero.yaml", text);
    const auto plan = server.fx.sync({"plan", "-f", manifest});
    CHECK(plan.exit_code == 0);
    CHECK(plan.out.rfind("loadero-sync will perform the following actions in project 5040 (" +
                             server.fx.emulator.base_url() + "):\n",
                         0) == 0);
    CHECK(plan.out.find("Plan: 0 to create, 0 to duplicate, 1 to update, 0 to delete.\n") !=
          std::string::npos);
  }
}

TEST_CASE("missing-id: groups listed without ids fail plan and drift instead of reading group 0") {
  MisbehavingServer server({"missing-id"});
  server.check_refused(
      by_id,
      "test 6866: GET projects/5040/tests/6866/groups/: invalid response: group has no \"id\"");
}

TEST_CASE("missing-id: tests listed without ids fail a manifest that names its test") {
  MisbehavingServer server({"missing-id"});
  server.check_refused(by_name,
                       "test \"Checkout flow\": GET projects/5040/tests/: invalid response: test "
                       "has no \"id\"");
}

TEST_CASE("wrong-id: an update answered with another group's id fails the apply") {
  MisbehavingServer server({"wrong-id"});
  const auto manifest = server.fx.write_file("loadero.yaml", by_id);
  // A plan reads lists only, which this mode leaves alone.
  const auto plan = server.fx.sync({"plan", "-f", manifest});
  CHECK(plan.exit_code == 0);
  const auto apply = server.fx.sync({"apply", "-f", manifest, "--auto-approve"});
  CHECK(apply.exit_code != 0);
  CHECK((apply.out + apply.err).find("invalid response: group has id ") != std::string::npos);
}

TEST_CASE("wrong-parent: tests listed under another project fail plan and drift") {
  MisbehavingServer server({"wrong-parent"});
  server.check_refused(by_name,
                       "test \"Checkout flow\": GET projects/5040/tests/: invalid response: test "
                       "6866 has project_id 5041 instead of 5040");
}

TEST_CASE("empty-page: an empty second page while items remain fails plan and drift") {
  MisbehavingServer server({"empty-page"});
  server.check_refused(by_id,
                       "test 6866: GET projects/5040/tests/6866/groups/: invalid response: the "
                       "page at offset 2 is empty, but total_items is 4");
}

TEST_CASE("huge-total: a list reporting a billion items fails plan and drift") {
  MisbehavingServer server({"huge-total"});
  server.check_refused(by_id,
                       "test 6866: GET projects/5040/tests/6866/groups/: invalid response: "
                       "pagination field 'total_items' is 1000000000, beyond the cap of 100000");
}

TEST_CASE("repeat-ids: pages repeating ids fail plan and drift, naming the ids") {
  MisbehavingServer server({"repeat-ids"});
  server.check_refused(by_id,
                       "test 6866: GET projects/5040/tests/6866/groups/: invalid response: the "
                       "page at offset 2 repeats ids listed before: 48797, 50335 (read 3 times "
                       "from the start; the list kept changing, or the server pages wrongly)");
}
