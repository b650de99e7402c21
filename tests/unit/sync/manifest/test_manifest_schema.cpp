// Structure rules: everything schemas/manifest.schema.json says, as the user reads it.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "manifest_test_util.hpp"
#include "support_paths.hpp"

using manifest_test::headlines;
using manifest_test::problems;
using manifest_test::with_groups;

TEST_CASE("the embedded schema is the file in schemas/") {
  std::ifstream in(loadero_test::source_dir() + "/schemas/manifest.schema.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == loadero_sync::manifest_schema_text());
}

TEST_CASE("an unknown key suggests the closest known key") {
  CHECK(problems(with_groups("      - name: Callers\n        cont: 3\n")) ==
        "m.yaml:6:9: error: unknown key 'cont' in group\n"
        "    6 |         cont: 3\n"
        "      |         ^\n"
        "  hint: did you mean 'count'?\n");
}

TEST_CASE("an unknown key with no close match lists the allowed keys") {
  CHECK(problems(with_groups("      - name: Callers\n        count: 1\n        members: 3\n")) ==
        "m.yaml:7:9: error: unknown key 'members' in group\n"
        "    7 |         members: 3\n"
        "      |         ^\n"
        "  hint: allowed keys in group: name, count, id, duplicate_from, renamed_from, ensure, "
        "participants\n");
}

TEST_CASE("unknown keys are found at every level, swapped letters included") {
  CHECK(headlines("version: 1\nprojet_id: 5\ndefaults:\n  prun: true\ntests:\n  - tset_id: 1\n    "
                  "grups: []\n") ==
        "m.yaml:2:1: error: unknown key 'projet_id' at the top level\n"
        "m.yaml:4:3: error: unknown key 'prun' in defaults\n"
        "m.yaml:6:5: error: unknown key 'tset_id' in test\n"
        "m.yaml:6:5: error: test has neither test_id nor test_name\n"
        "m.yaml:7:5: error: unknown key 'grups' in test\n");
}

TEST_CASE("a count below 1 is an error pointing at the value, with a hint about ensure: absent") {
  CHECK(problems(with_groups("      - name: Callers\n        count: 0\n")) ==
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n"
        "    6 |         count: 0\n"
        "      |                ^\n"
        "  hint: found 0; to delete the group, write `ensure: absent` instead\n");
  CHECK(headlines(with_groups("      - name: Callers\n        count: -4\n")) ==
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n");
}

TEST_CASE("a quoted number is a string and the hint says to remove the quotes") {
  CHECK(problems(with_groups("      - name: Callers\n        count: \"3\"\n")) ==
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n"
        "    6 |         count: \"3\"\n"
        "      |                ^\n"
        "  hint: found the string \"3\"; remove the quotes\n");
}

TEST_CASE("wrong types name what was found") {
  CHECK(problems(with_groups("      - name: Callers\n        count: 1.5\n"))
            .find("hint: found 1.5\n") != std::string::npos);
  CHECK(problems(with_groups("      - name: Callers\n        count: [1]\n"))
            .find("hint: found a list\n") != std::string::npos);
  CHECK(problems(with_groups("      - name: Callers\n        count: {a: 1}\n"))
            .find("hint: found a mapping\n") != std::string::npos);
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    prune: yes\n") ==
        "m.yaml:4:12: error: prune must be true or false\n"
        "    4 |     prune: yes\n"
        "      |            ^\n"
        "  hint: found the string \"yes\"\n");
}

TEST_CASE("an empty value points at its key") {
  CHECK(problems(with_groups("      - name: Callers\n        count:\n")) ==
        "m.yaml:6:9: error: count must be an integer from 1 to 1000000\n"
        "    6 |         count:\n"
        "      |         ^\n"
        "  hint: found no value\n");
}

TEST_CASE("a count beyond the 64-bit integer range is a clear error") {
  CHECK(problems(with_groups("      - name: Callers\n        count: 99999999999999999999\n")) ==
        "m.yaml:6:16: error: count 99999999999999999999 is beyond the integer range\n"
        "    6 |         count: 99999999999999999999\n"
        "      |                ^\n"
        "  hint: ids are whole numbers from 1 to 9223372036854775807, counts from 1 to 1000000\n");
  CHECK(headlines(with_groups("      - name: Callers\n        id: 9223372036854775807\n"
                              "        count: 1\n")) == "");
  CHECK(headlines(with_groups("      - name: Callers\n        count: 9223372036854775807\n")) ==
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n");
  CHECK(headlines(with_groups("      - name: Callers\n        count: 9223372036854775808\n")) ==
        "m.yaml:6:16: error: count 9223372036854775808 is beyond the integer range\n");
}

TEST_CASE("a count above the API's limit is an error with a hint naming the limit") {
  CHECK(problems(with_groups("      - name: Callers\n        count: 2000000\n")) ==
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n"
        "    6 |         count: 2000000\n"
        "      |                ^\n"
        "  hint: found 2000000; the Loadero API accepts at most 1000000\n");
  CHECK(headlines(with_groups("      - name: Callers\n        count: 1000001\n")) ==
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n");
  CHECK(headlines(with_groups("      - name: Callers\n        count: 1000000\n")) == "");
}

TEST_CASE("names longer than the API's limit are errors, counted in characters") {
  const std::string longest(255, 'x');
  CHECK(problems(with_groups("      - name: " + std::string(300, 'x') + "\n        count: 1\n")) ==
        "m.yaml:5:15: error: name must be a non-empty string of at most 255 characters\n"
        "    5 |       - name: " +
            std::string(146, 'x') +
            "...\n"
            "      |               ^\n"
            "  hint: found 300 characters; the Loadero API accepts at most 255\n");
  std::string accented;  // 255 characters, 510 bytes
  for (int i = 0; i < 255; ++i) accented += "\u00e9";
  CHECK(headlines(with_groups("      - name: " + accented + "\n        count: 1\n")) == "");
  CHECK(headlines(with_groups("      - name: " + accented + "e\n        count: 1\n")) ==
        "m.yaml:5:15: error: name must be a non-empty string of at most 255 characters\n");
  CHECK(headlines("version: 1\ntests:\n  - test_name: " + longest + "t\n") ==
        "m.yaml:3:16: error: test_name must be a non-empty string of at most 255 characters\n");
  CHECK(headlines("version: 1\ntests:\n  - test_name: " + longest + "\n") == "");
}

TEST_CASE("duplicate_from and renamed_from names are held to the group name limit") {
  const std::string too_long(256, 'x');
  CHECK(headlines(with_groups(
            "      - name: A\n        count: 1\n        duplicate_from: " + too_long + "\n")) ==
        "m.yaml:7:25: error: duplicate_from must be a non-empty string of at most 255 "
        "characters\n");
  CHECK(headlines(with_groups("      - name: A\n        count: 1\n        renamed_from: [Old, " +
                              too_long + "]\n")) ==
        "m.yaml:7:29: error: each entry of renamed_from must be a non-empty string of at most 255 "
        "characters\n");
}

TEST_CASE("integers may be written in hex or octal as YAML 1.2 allows") {
  const auto result = loadero_sync::load_manifest_text(
      with_groups("      - name: A\n        count: 0x10\n"), "m.yaml");
  REQUIRE(result.ok());
  CHECK(result.manifest.tests.at(0).groups.at(0).count == 16);
}

TEST_CASE("a number as a name must be quoted") {
  CHECK(problems(with_groups("      - name: 2024\n        count: 1\n")) ==
        "m.yaml:5:15: error: name must be a non-empty string of at most 255 characters\n"
        "    5 |       - name: 2024\n"
        "      |               ^\n"
        "  hint: found 2024; quote it: \"2024\"\n");
}

TEST_CASE("an empty name is an error") {
  CHECK(problems(with_groups("      - name: \"\"\n        count: 1\n")) ==
        "m.yaml:5:15: error: name must be a non-empty string of at most 255 characters\n"
        "    5 |       - name: \"\"\n"
        "      |               ^\n"
        "  hint: found an empty string\n");
}

TEST_CASE("a group without a name is an error at the group entry") {
  CHECK(problems(with_groups("      - count: 1\n")) ==
        "m.yaml:5:9: error: missing required key 'name' in group\n"
        "    5 |       - count: 1\n"
        "      |         ^\n"
        "  hint: add `name: ...` (name must be a non-empty string of at most 255 characters)\n");
}

TEST_CASE("ensure accepts only present and absent") {
  CHECK(problems(with_groups("      - name: Legacy\n        ensure: absnt\n")) ==
        "m.yaml:6:17: error: ensure must be present or absent\n"
        "    6 |         ensure: absnt\n"
        "      |                 ^\n"
        "  hint: did you mean 'absent'?\n");
}

TEST_CASE("version is required and must be 1") {
  CHECK(problems("tests: []\n") ==
        "m.yaml: warning: file declares no tests\n"
        "  hint: list the tests to manage under `tests:`\n"
        "m.yaml:1:1: error: missing required key 'version' at the top level\n"
        "    1 | tests: []\n"
        "      | ^\n"
        "  hint: add `version: ...` (version must be 1)\n");
  CHECK(headlines("version: 2\ntests: []\n") ==
        "m.yaml: warning: file declares no tests\n"
        "m.yaml:1:10: error: version must be 1\n");
}

TEST_CASE("ids must be integers >= 1") {
  CHECK(headlines("version: 1\nproject_id: 0\ntests:\n  - test_id: abc\n    groups:\n      - name: "
                  "A\n        count: 1\n"
                  "        id: -3\n") ==
        "m.yaml:2:13: error: project_id must be an integer >= 1\n"
        "m.yaml:4:14: error: test_id must be an integer >= 1\n"
        "m.yaml:8:13: error: id must be an integer >= 1\n");
}

TEST_CASE("lists must be lists, and renamed_from must not be empty") {
  CHECK(problems(with_groups(
            "      - name: Hosts\n        count: 1\n        renamed_from: Presenters\n")) ==
        "m.yaml:7:23: error: renamed_from must be a list of group names\n"
        "    7 |         renamed_from: Presenters\n"
        "      |                       ^\n"
        "  hint: found the string \"Presenters\"; write a list: [Presenters]\n");
  CHECK(
      problems(with_groups("      - name: Hosts\n        count: 1\n        renamed_from: []\n")) ==
      "m.yaml:7:23: error: renamed_from must not be empty\n"
      "    7 |         renamed_from: []\n"
      "      |                       ^\n"
      "  hint: list at least one entry, or remove the key\n");
  CHECK(headlines("version: 1\ntests: {a: 1}\n") ==
        "m.yaml:2:8: error: tests must be a list of tests\n");
  CHECK(headlines("version: 1\ntests:\n  - test_id: 1\n    keep: manual-*\n    prune: true\n"
                  "    groups: [{name: A, count: 1}]\n") ==
        "m.yaml:4:11: error: keep must be a list of glob patterns\n");
  CHECK(headlines("version: 1\ntests:\n  - 5\n") ==
        "m.yaml:3:5: error: each entry of tests must be a mapping with the keys "
        "test_id or test_name, prune, keep, participant_defaults, budget and groups\n");
}

TEST_CASE("a manifest that is not a mapping is an error") {
  CHECK(headlines("- version: 1\n") ==
        "m.yaml:1:1: error: the manifest must be a mapping with the keys version, project_id, "
        "defaults and tests\n");
  CHECK(headlines("hello\n") ==
        "m.yaml:1:1: error: the manifest must be a mapping with the keys version, project_id, "
        "defaults and tests\n");
}

TEST_CASE("a key given twice in one mapping is an error at the second one") {
  CHECK(problems(with_groups("      - name: A\n        count: 1\n        count: 2\n")) ==
        "m.yaml:7:9: error: duplicate key 'count'\n"
        "    7 |         count: 2\n"
        "      |         ^\n"
        "  hint: 'count' is first given at line 6; remove one of them\n");
}

TEST_CASE("a key that is a list or a mapping is an error") {
  CHECK(headlines("version: 1\n? [a, b]\n: 1\ntests: []\n") ==
        "m.yaml: warning: file declares no tests\n"
        "m.yaml:2:3: error: a key must be a plain name, not a list, mapping or empty value\n");
}

TEST_CASE("tags are honoured where they make sense and refused elsewhere") {
  CHECK(headlines(with_groups("      - name: A\n        count: !!str 5\n")) ==
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n");
  CHECK(headlines(with_groups("      - name: !!str 2024\n        count: !!int 5\n")) == "");
  CHECK(headlines(with_groups("      - name: A\n        count: !!int five\n")) ==
        "m.yaml:6:16: error: count five is not a valid !!int\n");
  CHECK(headlines(with_groups("      - name: !custom A\n        count: 1\n")) ==
        "m.yaml:5:15: error: name A has the unsupported tag '!custom'\n");
}

TEST_CASE("a YAML merge key is an unknown key with a hint") {
  CHECK(problems(with_groups(
            "      - &base {name: A, count: 1}\n      - <<: *base\n        name: B\n")) ==
        "m.yaml:6:9: error: unknown key '<<' in group\n"
        "    6 |       - <<: *base\n"
        "      |         ^\n"
        "  hint: YAML merge keys are not supported; write the keys out\n"
        "m.yaml:6:9: error: group 'B' has no count\n"
        "    6 |       - <<: *base\n"
        "      |         ^\n"
        "  hint: add `count: 1` (or more), or `ensure: absent` to delete the group\n");
}

TEST_CASE("a misspelt required key is reported once, as an unknown key") {
  CHECK(problems(with_groups("      - nmae: Callers\n        count: 1\n")) ==
        "m.yaml:5:9: error: unknown key 'nmae' in group\n"
        "    5 |       - nmae: Callers\n"
        "      |         ^\n"
        "  hint: did you mean 'name'?\n");
  CHECK(headlines(with_groups("      - Name: Callers\n        Count: 1\n")) ==
        "m.yaml:5:9: error: unknown key 'Name' in group\n"
        "m.yaml:6:9: error: unknown key 'Count' in group\n");
  CHECK(problems(with_groups("      - Name: Callers\n        count: 1\n"))
            .find("  hint: did you mean 'name'?\n") != std::string::npos);
}

TEST_CASE("editors can complete every participant key from the schema") {
  const nlohmann::ordered_json schema =
      nlohmann::ordered_json::parse(loadero_sync::manifest_schema_text());
  const auto& definitions = schema.at("definitions");
  const std::vector<std::string> settings = {"compute_unit", "browser",     "location",
                                             "network",      "audio_feed",  "video_feed",
                                             "media_type",   "record_audio"};
  std::vector<std::string> participant_keys = {"name", "count", "id"};
  participant_keys.insert(participant_keys.end(), settings.begin(), settings.end());

  const auto& participant = definitions.at("participant");
  CHECK(participant.at("additionalProperties") == false);
  CHECK(participant.at("required") == nlohmann::ordered_json::array({"name", "count"}));
  std::vector<std::string> keys;
  for (const auto& [key, value] : participant.at("properties").items()) keys.push_back(key);
  CHECK(keys == participant_keys);

  keys.clear();
  for (const auto& [key, value] : definitions.at("participant_defaults").at("properties").items())
    keys.push_back(key);
  CHECK(keys == settings);
  for (const std::string& key : settings) {
    CHECK(participant.at("properties").at(key).at("$ref") == "#/definitions/" + key);
    CHECK(definitions.contains(key));
    CHECK(definitions.at(key).contains("description"));
  }

  CHECK(definitions.at("group").at("properties").at("participants").at("items").at("$ref") ==
        "#/definitions/participant");
  CHECK(definitions.at("test").at("properties").at("participant_defaults").at("$ref") ==
        "#/definitions/participant_defaults");
  CHECK(schema.at("properties")
            .at("defaults")
            .at("properties")
            .at("participant_defaults")
            .at("$ref") == "#/definitions/participant_defaults");
  // Browser names are offered for completion without refusing versioned browsers.
  const auto& browser = definitions.at("browser");
  CHECK(browser.at("type") == "string");
  CHECK(browser.at("anyOf").at(0).at("enum") ==
        nlohmann::ordered_json::array({"chromeLatest", "firefoxLatest"}));
  CHECK(browser.at("anyOf").at(1) == nlohmann::ordered_json{{"type", "string"}});
}

TEST_CASE("budget is a key of tests and of defaults, its compute unit the participants' list") {
  const nlohmann::ordered_json schema =
      nlohmann::ordered_json::parse(loadero_sync::manifest_schema_text());
  const auto& definitions = schema.at("definitions");
  CHECK(definitions.at("test").at("properties").at("budget").at("$ref") == "#/definitions/budget");
  CHECK(schema.at("properties").at("defaults").at("properties").at("budget").at("$ref") ==
        "#/definitions/budget");
  const auto& budget = definitions.at("budget");
  CHECK(budget.at("additionalProperties") == false);
  CHECK_FALSE(budget.contains("required"));
  std::vector<std::string> keys;
  for (const auto& [key, value] : budget.at("properties").items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"max_compute_units", "largest_compute_unit"});
  // One enumeration for both: a compute unit added to participants is a budget's too.
  CHECK(budget.at("properties").at("largest_compute_unit").at("$ref") ==
        "#/definitions/compute_unit");
  const auto& units = budget.at("properties").at("max_compute_units");
  CHECK(units.at("type") == "number");
  CHECK(units.at("exclusiveMinimum") == 0);
}
