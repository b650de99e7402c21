// `apply --format json`, end to end: the real loadero-sync against the real loadero-emulator.
// stdout holds only the results document (valid against schemas/apply.schema.json); the plan
// goes to stderr.

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

bool valid_apply_json(const json& document) {
  std::ifstream file(std::string(LOADERO_SOURCE_DIR) + "/schemas/apply.schema.json");
  const json schema_json = json::parse(file);
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  return validator.validate(schema, adapter, nullptr);
}

std::string manifest(std::int64_t test_id) {
  return "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(test_id) +
         "\n    prune: true\n    groups:\n      - name: Callers\n        count: 3\n"
         "      - name: Hosts\n        count: 2\n";
}

}  // namespace

TEST_CASE("apply --format json prints only the results document on stdout") {
  Fixture fx;
  const auto test_id = fx.create_test("Checkout");
  const auto hosts = fx.create_group(test_id, "Hosts", 1);
  fx.create_group(test_id, "Old", 1);
  const auto file = fx.write_file("loadero.yaml", manifest(test_id));

  const auto run = fx.sync({"apply", "-f", file, "--auto-approve", "--format", "json"});
  INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
  REQUIRE(run.exit_code == 0);
  const json document = json::parse(run.out);  // nothing else on stdout
  CHECK(valid_apply_json(document));
  CHECK(document["complete"] == true);
  CHECK(document["dry_run"] == false);
  CHECK(document["project_id"] == 5040);
  CHECK(document["api_base"] == fx.emulator.base_url());
  REQUIRE(document["tests"].size() == 1);
  CHECK(document["tests"][0]["test_id"] == test_id);
  const json& actions = document["tests"][0]["actions"];
  REQUIRE(actions.size() == 3);
  std::int64_t created = 0;
  for (const auto& action : actions) {
    CHECK(action["status"] == "applied");
    if (action["action"] == "create") created = action["created_group_id"].get<std::int64_t>();
    if (action["action"] == "update") CHECK(action["group_id"] == hosts);
  }
  CHECK(created > 0);
  CHECK(fx.api("GET", "tests/" + std::to_string(test_id) + "/groups/" + std::to_string(created) +
               "/")["name"] == "Callers");
  CHECK(fx.groups(test_id) == "Callers=3,Hosts=2");
  CHECK(document["summary"]["applied"] == 3);
  CHECK(document["summary"]["created_groups"] == 1);
  // The plan is for people: on stderr.
  CHECK(run.err.find("will perform the following actions") != std::string::npos);
  CHECK(run.out.find("Apply complete") == std::string::npos);

  // In sync now: still a document, with no actions.
  const auto again = fx.sync({"apply", "-f", file, "--auto-approve", "--format", "json"});
  REQUIRE(again.exit_code == 0);
  const json nothing = json::parse(again.out);
  CHECK(valid_apply_json(nothing));
  CHECK(nothing["tests"][0]["actions"].empty());
  CHECK(nothing["complete"] == true);
}

TEST_CASE("apply --format json without --auto-approve and no terminal still refuses") {
  Fixture fx;
  const auto test_id = fx.create_test("Checkout");
  const auto file = fx.write_file("loadero.yaml", manifest(test_id));
  fx.reset_stats();
  const auto run = fx.sync({"apply", "-f", file, "--format", "json"});
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.find("refusing to apply without confirmation") != std::string::npos);
  CHECK(fx.writes() == 0);
}

TEST_CASE("apply --dry-run --format json lists the simulated results, the requests on stderr") {
  Fixture fx;
  const auto test_id = fx.create_test("Checkout");
  const auto file = fx.write_file("loadero.yaml", manifest(test_id));
  fx.reset_stats();
  const auto run = fx.sync({"apply", "-f", file, "--dry-run", "--format", "json"});
  INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
  REQUIRE(run.exit_code == 0);
  const json document = json::parse(run.out);
  CHECK(valid_apply_json(document));
  CHECK(document["dry_run"] == true);
  CHECK(document["summary"]["applied"] == 2);
  CHECK(run.err.find("Dry run") != std::string::npos);
  CHECK(fx.writes() == 0);
}

TEST_CASE("apply --format accepts only text and json") {
  Fixture fx;
  const auto run = fx.sync({"apply", "-f", "x.yaml", "--format", "markdown"});
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.find("--format") != std::string::npos);
}
