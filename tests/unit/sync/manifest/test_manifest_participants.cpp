// Participants as code: a group's `participants:` and the `participant_defaults` they inherit.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "manifest_test_util.hpp"

using loadero_sync::DesiredParticipant;
using loadero_sync::load_manifest_text;
using loadero_sync::ParticipantField;
using loadero_sync::ParticipantSettings;
using loadero_sync::SourcePos;
using manifest_test::headlines;
using manifest_test::problems;
using manifest_test::with_participants;
using manifest_test::with_settings;

namespace {

const char* const k_issue_example = R"(version: 1
defaults:
  participant_defaults:            # optional, file-wide
    compute_unit: g1
tests:
  - test_id: 6866
    participant_defaults:            # optional; per test (over the file's defaults)
      compute_unit: g2
      browser: chromeLatest
      location: eu-central-1
    groups:
      - name: Callers
        count: 2
        participants:                # omitted: this group's participants are not managed
          - name: Caller
            count: 3
            network: 4g
          - name: Lurker
            count: 1
            compute_unit: g1
            video_feed: default
)";

ParticipantSettings settings(
    std::initializer_list<std::pair<ParticipantField, std::string>> values) {
  ParticipantSettings s;
  for (const auto& [field, value] : values) s.set(field, value);
  return s;
}

}  // namespace

TEST_CASE(
    "the issue's example loads: settings are the participant's own over the test's over "
    "the file's") {
  const auto result = load_manifest_text(k_issue_example, "loadero.yaml");
  CHECK(result.diagnostics.empty());
  REQUIRE(result.ok());
  const auto& group = result.manifest.tests.at(0).groups.at(0);
  REQUIRE(group.participants.has_value());
  REQUIRE(group.participants->size() == 2);
  CHECK(group.participants->at(0) ==
        DesiredParticipant{std::nullopt, "Caller", 3,
                           settings({{ParticipantField::compute_unit, "g2"},
                                     {ParticipantField::browser, "chromeLatest"},
                                     {ParticipantField::location, "eu-central-1"},
                                     {ParticipantField::network, "4g"}}),
                           SourcePos{"loadero.yaml", 15, 13}});
  CHECK(group.participants->at(1) ==
        DesiredParticipant{std::nullopt, "Lurker", 1,
                           settings({{ParticipantField::compute_unit, "g1"},
                                     {ParticipantField::browser, "chromeLatest"},
                                     {ParticipantField::location, "eu-central-1"},
                                     {ParticipantField::video_feed, "default"}}),
                           SourcePos{"loadero.yaml", 18, 13}});
  CHECK(result.manifest.tests.at(0).manages_participants());
}

TEST_CASE("every setting key is read, record_audio as \"true\" or \"false\", and id pins") {
  const auto result = load_manifest_text(
      with_participants("          - name: P\n            count: 2\n            id: 77\n"
                        "            compute_unit: g0.5\n            browser: firefoxLatest\n"
                        "            location: us-west-2\n            network: 3g\n"
                        "            audio_feed: -20db\n            video_feed: 720p-30fps\n"
                        "            media_type: custom\n            record_audio: true\n"
                        "          - {name: Q, count: 1, record_audio: false}\n"),
      "m.yaml");
  CHECK(result.diagnostics.empty());
  const auto& participants = result.manifest.tests.at(0).groups.at(0).participants.value();
  REQUIRE(participants.size() == 2);
  CHECK(participants[0].id == 77);
  CHECK(participants[0].count == 2);
  CHECK(participants[0].settings == settings({{ParticipantField::compute_unit, "g0.5"},
                                              {ParticipantField::browser, "firefoxLatest"},
                                              {ParticipantField::location, "us-west-2"},
                                              {ParticipantField::network, "3g"},
                                              {ParticipantField::audio_feed, "-20db"},
                                              {ParticipantField::video_feed, "720p-30fps"},
                                              {ParticipantField::media_type, "custom"},
                                              {ParticipantField::record_audio, "true"}}));
  CHECK(participants[1].settings == settings({{ParticipantField::record_audio, "false"}}));
  CHECK_FALSE(participants[1].id.has_value());
}

TEST_CASE("participant_defaults merge in order: participant, then test, then the file's defaults") {
  const auto result = load_manifest_text(
      "version: 1\ndefaults:\n  participant_defaults:\n    compute_unit: g1\n    network: 4g\n"
      "    record_audio: true\ntests:\n"
      "  - test_id: 1\n    participant_defaults: {network: 3g, browser: firefoxLatest}\n"
      "    groups:\n      - name: A\n        count: 1\n        participants:\n"
      "          - {name: Own, count: 1, network: edge, record_audio: false}\n"
      "          - {name: Inherits, count: 1}\n"
      "  - test_id: 2\n    groups:\n      - name: B\n        count: 1\n        participants:\n"
      "          - {name: FileOnly, count: 1}\n",
      "m.yaml");
  CHECK(result.diagnostics.empty());
  const auto& tests = result.manifest.tests;
  REQUIRE(tests.size() == 2);
  const auto& first = tests[0].groups.at(0).participants.value();
  CHECK(first.at(0).settings == settings({{ParticipantField::compute_unit, "g1"},
                                          {ParticipantField::browser, "firefoxLatest"},
                                          {ParticipantField::network, "edge"},
                                          {ParticipantField::record_audio, "false"}}));
  CHECK(first.at(1).settings == settings({{ParticipantField::compute_unit, "g1"},
                                          {ParticipantField::browser, "firefoxLatest"},
                                          {ParticipantField::network, "3g"},
                                          {ParticipantField::record_audio, "true"}}));
  CHECK(tests[1].groups.at(0).participants.value().at(0).settings ==
        settings({{ParticipantField::compute_unit, "g1"},
                  {ParticipantField::network, "4g"},
                  {ParticipantField::record_audio, "true"}}));
}

TEST_CASE("participants: [] means the group must have none, and no key leaves them unmanaged") {
  const auto result = load_manifest_text(
      "version: 1\ntests:\n  - test_id: 1\n    groups:\n"
      "      - {name: Empty, count: 1, participants: []}\n      - {name: Free, count: 1}\n"
      "  - test_id: 2\n    groups: [{name: Free, count: 1}]\n",
      "m.yaml");
  CHECK(result.diagnostics.empty());
  const auto& tests = result.manifest.tests;
  REQUIRE(tests.size() == 2);
  REQUIRE(tests[0].groups.size() == 2);
  REQUIRE(tests[0].groups[0].participants.has_value());
  CHECK(tests[0].groups[0].participants->empty());
  CHECK_FALSE(tests[0].groups[1].participants.has_value());
  CHECK(tests[0].manages_participants());
  CHECK_FALSE(tests[1].manages_participants());
}

TEST_CASE("two participants of one name in one group is an error at the second") {
  CHECK(problems(with_participants("          - name: Caller\n            count: 1\n"
                                   "          - name: Caller\n            count: 2\n")) ==
        "m.yaml:10:19: error: participant 'Caller' is declared twice in group 'Callers'\n"
        "   10 |           - name: Caller\n"
        "      |                   ^\n"
        "  hint: first declared at line 8; merge the two entries or rename one\n");
  // The same name in two groups is fine.
  CHECK(headlines("version: 1\ntests:\n  - test_id: 1\n    groups:\n"
                  "      - {name: A, count: 1, participants: [{name: P, count: 1}]}\n"
                  "      - {name: B, count: 1, participants: [{name: P, count: 1}]}\n") == "");
}

TEST_CASE("duplicate names are found in a group too large for a linear scan") {
  std::string list;
  for (int i = 0; i < 40; ++i) list += "          - {name: P" + std::to_string(i) + ", count: 1}\n";
  list += "          - {name: P3, count: 1}\n          - {name: P39, count: 1}\n";
  CHECK(headlines(with_participants(list)) ==
        "m.yaml:48:20: error: participant 'P3' is declared twice in group 'Callers'\n"
        "m.yaml:49:20: error: participant 'P39' is declared twice in group 'Callers'\n");
}

TEST_CASE("a participant id pinned twice in one test is an error, across groups too") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 6866\n    groups:\n"
                 "      - name: A\n        count: 1\n        participants:\n"
                 "          - {id: 5, name: P, count: 1}\n"
                 "      - name: B\n        count: 1\n        participants:\n"
                 "          - {id: 5, name: Q, count: 1}\n") ==
        "m.yaml:12:18: error: participant id 5 is pinned twice in test 6866\n"
        "   12 |           - {id: 5, name: Q, count: 1}\n"
        "      |                  ^\n"
        "  hint: first pinned at line 8; a live participant matches one entry only\n");
  CHECK(headlines("version: 1\ntests:\n"
                  "  - test_name: Checkout\n    groups: [{name: A, count: 1, participants: "
                  "[{id: 5, name: P, count: 1}]}]\n"
                  "  - test_id: 2\n    groups: [{name: A, count: 1, participants: "
                  "[{id: 5, name: P, count: 1}]}]\n") == "");
  CHECK(headlines("version: 1\ntests:\n  - test_name: Checkout\n    groups:\n"
                  "      - {name: A, count: 1, participants: [{id: 5, name: P, count: 1}, "
                  "{id: 5, name: Q, count: 1}]}\n") ==
        "m.yaml:5:77: error: participant id 5 is pinned twice in test \"Checkout\"\n");
}

TEST_CASE("a group with ensure: absent cannot declare participants") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 6866\n    groups:\n"
                 "      - name: Legacy\n        ensure: absent\n        participants: []\n") ==
        "m.yaml:7:9: error: a group with ensure: absent cannot declare participants\n"
        "    7 |         participants: []\n"
        "      |         ^\n"
        "  hint: remove participants, or remove `ensure: absent`\n");
}

TEST_CASE("a participant needs a name and a count") {
  CHECK(problems(with_participants("          - count: 1\n")) ==
        "m.yaml:8:13: error: missing required key 'name' in participant\n"
        "    8 |           - count: 1\n"
        "      |             ^\n"
        "  hint: add `name: ...` (name must be a non-empty string of at most 255 characters)\n");
  CHECK(problems(with_participants("          - name: P\n")) ==
        "m.yaml:8:13: error: missing required key 'count' in participant\n"
        "    8 |           - name: P\n"
        "      |             ^\n"
        "  hint: add `count: ...` (count must be an integer from 1 to 1000000)\n");
}

TEST_CASE("a misspelt participant key is reported once, with a suggestion") {
  CHECK(problems(with_participants("          - name: P\n            cuont: 2\n")) ==
        "m.yaml:9:13: error: unknown key 'cuont' in participant\n"
        "    9 |             cuont: 2\n"
        "      |             ^\n"
        "  hint: did you mean 'count'?\n");
  CHECK(headlines(with_settings("            netwrok: 4g\n")) ==
        "m.yaml:10:13: error: unknown key 'netwrok' in participant\n");
  CHECK(problems(with_settings("            Browser: chromeLatest\n"))
            .find("  hint: did you mean 'browser'?\n") != std::string::npos);
  CHECK(problems(with_settings("            group: X\n")) ==
        "m.yaml:10:13: error: unknown key 'group' in participant\n"
        "   10 |             group: X\n"
        "      |             ^\n"
        "  hint: allowed keys in participant: name, count, id, compute_unit, browser, location, "
        "network, audio_feed, video_feed, media_type, record_audio\n");
}

TEST_CASE("participant_defaults takes the setting keys only") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    participant_defaults:\n"
                 "      count: 2\n    groups: [{name: A, count: 1, participants: []}]\n") ==
        "m.yaml:5:7: error: unknown key 'count' in participant_defaults\n"
        "    5 |       count: 2\n"
        "      |       ^\n"
        "  hint: allowed keys in participant_defaults: compute_unit, browser, location, network, "
        "audio_feed, video_feed, media_type, record_audio\n");
  CHECK(headlines("version: 1\ndefaults:\n  participant_defaults:\n    locaton: us-east-1\n"
                  "tests: []\n") ==
        "m.yaml: warning: file declares no tests\n"
        "m.yaml:4:5: error: unknown key 'locaton' in participant_defaults\n");
  CHECK(headlines("version: 1\ntests:\n  - test_id: 1\n    participant_defaults: g2\n") ==
        "m.yaml:4:27: error: participant_defaults must be a mapping with the keys compute_unit, "
        "browser, location, network, audio_feed, video_feed, media_type and record_audio\n");
}

TEST_CASE("participant_defaults where no group declares participants is a warning") {
  const std::string text =
      "version: 1\ndefaults:\n  participant_defaults: {compute_unit: g1}\ntests:\n"
      "  - test_id: 1\n    participant_defaults:\n      browser: chromeLatest\n"
      "    groups: [{name: A, count: 1}]\n";
  CHECK(problems(text) ==
        "m.yaml:3:3: warning: participant_defaults has no effect: no test of this file declares "
        "participants\n"
        "    3 |   participant_defaults: {compute_unit: g1}\n"
        "      |   ^\n"
        "  hint: list a group's participants under `participants:`, or remove "
        "participant_defaults\n"
        "m.yaml:6:5: warning: participant_defaults has no effect: no group of this test declares "
        "participants\n"
        "    6 |     participant_defaults:\n"
        "      |     ^\n"
        "  hint: list a group's participants under `participants:`, or remove "
        "participant_defaults\n");
  CHECK(load_manifest_text(text, "m.yaml").ok());
  // One test that declares participants is enough for the file's defaults.
  CHECK(headlines("version: 1\ndefaults:\n  participant_defaults: {compute_unit: g1}\ntests:\n"
                  "  - test_id: 1\n  - test_id: 2\n    groups: [{name: A, count: 1, "
                  "participants: []}]\n") == "");
}

TEST_CASE("a participant count outside the API's range is an error with a participant's hint") {
  CHECK(problems(with_participants("          - name: P\n            count: 0\n")) ==
        "m.yaml:9:20: error: count must be an integer from 1 to 1000000\n"
        "    9 |             count: 0\n"
        "      |                    ^\n"
        "  hint: found 0; to remove the participant, delete its entry\n");
  CHECK(problems(with_participants("          - name: P\n            count: 1000001\n")) ==
        "m.yaml:9:20: error: count must be an integer from 1 to 1000000\n"
        "    9 |             count: 1000001\n"
        "      |                    ^\n"
        "  hint: found 1000001; the Loadero API accepts at most 1000000\n");
  CHECK(headlines(with_participants("          - name: P\n            count: \"3\"\n")) ==
        "m.yaml:9:20: error: count must be an integer from 1 to 1000000\n");
  CHECK(headlines(with_participants("          - name: P\n            count: 1000000\n")) == "");
}

TEST_CASE("participant names are non-blank and at most 255 characters") {
  CHECK(problems(with_participants("          - name: \" \"\n            count: 1\n")) ==
        "m.yaml:8:19: error: name must not be blank\n"
        "    8 |           - name: \" \"\n"
        "      |                   ^\n"
        "  hint: give the participant's name\n");
  CHECK(headlines(with_participants("          - name: \"\"\n            count: 1\n")) ==
        "m.yaml:8:19: error: name must be a non-empty string of at most 255 characters\n");
  std::string accented;  // 255 characters, 510 bytes
  for (int i = 0; i < 255; ++i) accented += "\u00e9";
  CHECK(headlines(
            with_participants("          - name: " + accented + "\n            count: 1\n")) == "");
  CHECK(
      headlines(with_participants("          - name: " + accented + "e\n            count: 1\n")) ==
      "m.yaml:8:19: error: name must be a non-empty string of at most 255 characters\n");
  CHECK(problems(with_participants("          - name: 2024\n            count: 1\n"))
            .find("  hint: found 2024; quote it: \"2024\"\n") != std::string::npos);
}

TEST_CASE("a pinned participant id must be an integer >= 1") {
  CHECK(headlines(with_participants("          - {id: 0, name: P, count: 1}\n")) ==
        "m.yaml:8:18: error: id must be an integer >= 1\n");
}

TEST_CASE("participants must be a list of mappings") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    groups:\n      - name: A\n        count: "
                 "1\n        participants: Caller\n") ==
        "m.yaml:7:23: error: participants must be a list of participants\n"
        "    7 |         participants: Caller\n"
        "      |                       ^\n"
        "  hint: found the string \"Caller\"; write a list: [Caller]\n");
  CHECK(headlines(with_participants("          - Caller\n")) ==
        "m.yaml:8:13: error: each entry of participants must be a mapping with the keys name, "
        "count, id, compute_unit, browser, location, network, audio_feed, video_feed, media_type "
        "and record_audio\n");
  const auto result = load_manifest_text(
      "version: 1\ntests:\n  - test_id: 1\n    groups:\n      - name: A\n        count: 1\n"
      "        participants:\n",
      "m.yaml");
  CHECK_FALSE(result.ok());
  CHECK(
      headlines("version: 1\ntests:\n  - test_id: 1\n    groups:\n      - name: A\n        count: "
                "1\n        participants:\n") ==
      "m.yaml:7:9: error: participants must be a list of participants\n");
}

TEST_CASE("a duplicate setting key is an error and the first value counts") {
  const std::string text = with_settings("            network: 4g\n            network: 3g\n");
  CHECK(headlines(text) == "m.yaml:11:13: error: duplicate key 'network'\n");
  CHECK(load_manifest_text(text, "m.yaml")
            .manifest.tests.at(0)
            .groups.at(0)
            .participants->at(0)
            .settings.get(ParticipantField::network) == "4g");
}

TEST_CASE("participant lists shared through YAML aliases load in each group") {
  const auto result = load_manifest_text(
      "version: 1\ntests:\n  - test_id: 1\n    groups:\n"
      "      - {name: A, count: 1, participants: &team [{name: P, count: 2, network: 4g}]}\n"
      "      - {name: B, count: 1, participants: *team}\n",
      "m.yaml");
  REQUIRE(result.ok());
  const auto& groups = result.manifest.tests.at(0).groups;
  CHECK(groups.at(1).participants == groups.at(0).participants);
  CHECK(groups.at(1).participants->at(0).count == 2);
}

TEST_CASE("hostile participant lists stay linear and capped") {
  // 30,000 entries of one name: one error each beyond the first, capped at 1000, quickly.
  std::string same;
  for (int i = 0; i < 30000; ++i) same += "          - {name: P, count: 1}\n";
  const auto start = std::chrono::steady_clock::now();
  const auto flood = load_manifest_text(with_participants(same), "m.yaml");
  CHECK(flood.diagnostics.size() == 1001);
  CHECK(flood.diagnostics[0].message == "participant 'P' is declared twice in group 'Callers'");
  CHECK(flood.diagnostics.back().message == "too many problems; stopped after the first 1000");

  // 30,000 distinct names and pinned ids: no problem, and no quadratic check.
  std::string distinct;
  for (int i = 0; i < 30000; ++i) {
    distinct += "          - {id: " + std::to_string(i + 1) + ", name: P" + std::to_string(i) +
                ", count: 1}\n";
  }
  const auto many = load_manifest_text(with_participants(distinct), "m.yaml");
  CHECK(many.diagnostics.empty());
  CHECK(many.manifest.tests.at(0).groups.at(0).participants->size() == 30000);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));

  // Values that are long, nested or keys that are not names end in errors, not crashes.
  CHECK(headlines(with_settings("            browser: " + std::string(5000, 'x') + "\n")) ==
        "m.yaml:10:22: warning: browser '" + std::string(40, 'x') +
            "...' is not a known browser (chromeLatest, firefoxLatest)\n");
  CHECK(headlines(with_settings("            location: {a: [1, {b: 2}]}\n")) ==
        "m.yaml:10:23: error: location must be one of Loadero's locations\n");
  CHECK(headlines(with_participants("          - {[name]: P, count: 1}\n")) ==
        "m.yaml:8:13: error: missing required key 'name' in participant\n"
        "m.yaml:8:14: error: a key must be a plain name, not a list, mapping or empty value\n");
}
