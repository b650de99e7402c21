// Participant setting values: the enumerations checked offline, browsers, record_audio and
// media_type.
#include <doctest/doctest.h>

#include <string>

#include "loadero_sync/manifest.hpp"
#include "manifest_test_util.hpp"

using loadero_sync::load_manifest_text;
using loadero_sync::ParticipantField;
using loadero_sync::SourcePos;
using manifest_test::headlines;
using manifest_test::problems;
using manifest_test::with_participants;
using manifest_test::with_settings;

TEST_CASE("enumerated values are checked offline, with a suggestion that ignores case first") {
  CHECK(problems(with_settings("            compute_unit: g20\n")) ==
        "m.yaml:10:27: error: compute_unit must be one of g0.5, g1, g2, g4, g6, g8, g12\n"
        "   10 |             compute_unit: g20\n"
        "      |                           ^\n"
        "  hint: did you mean 'g2'?\n");
  CHECK(problems(with_settings("            compute_unit: G4\n"))
            .find("  hint: did you mean 'g4'?\n") != std::string::npos);
  CHECK(problems(with_settings("            location: EU-CENTRAL-1\n")) ==
        "m.yaml:10:23: error: location must be one of Loadero's locations\n"
        "   10 |             location: EU-CENTRAL-1\n"
        "      |                       ^\n"
        "  hint: did you mean 'eu-central-1'?\n");
  CHECK(problems(with_settings("            network: 4G\n")).find("  hint: did you mean '4g'?\n") !=
        std::string::npos);
  CHECK(problems(with_settings("            audio_feed: silense\n")) ==
        "m.yaml:10:25: error: audio_feed must be one of Loadero's audio feeds\n"
        "   10 |             audio_feed: silense\n"
        "      |                         ^\n"
        "  hint: did you mean 'silence'?\n");
  CHECK(headlines(with_settings("            video_feed: 720P\n")) ==
        "m.yaml:10:25: error: video_feed must be one of Loadero's video feeds\n");
}

TEST_CASE("a value far from every option lists the allowed values") {
  CHECK(
      problems(with_settings("            location: mars\n")) ==
      "m.yaml:10:23: error: location must be one of Loadero's locations\n"
      "   10 |             location: mars\n"
      "      |                       ^\n"
      "  hint: found the string \"mars\"; allowed values: ap-east-1, ap-northeast-1, "
      "ap-northeast-2, ap-southeast-2, ap-south-1, eu-central-1, eu-west-1, eu-west-3, sa-east-1, "
      "us-east-1, us-east-2, us-west-2\n");
  CHECK(
      problems(with_settings("            network: broadband\n"))
          .find("  hint: found the string \"broadband\"; allowed values: 100packet, 10packet, ") !=
      std::string::npos);
  // compute_unit's message lists them already.
  CHECK(problems(with_settings("            compute_unit: huge\n"))
            .find("  hint: found the string \"huge\"\n") != std::string::npos);
}

TEST_CASE("values must be strings: a number gets a suggestion rather than quotes") {
  CHECK(problems(with_settings("            compute_unit: 2\n")) ==
        "m.yaml:10:27: error: compute_unit must be one of g0.5, g1, g2, g4, g6, g8, g12\n"
        "   10 |             compute_unit: 2\n"
        "      |                           ^\n"
        "  hint: found 2; did you mean 'g2'?\n");
  CHECK(problems(with_settings("            compute_unit: 0.5\n"))
            .find("  hint: found 0.5; did you mean 'g0.5'?\n") != std::string::npos);
  CHECK(problems(with_settings("            video_feed: 1080\n"))
            .find("  hint: found 1080; did you mean '1080p'?\n") != std::string::npos);
  CHECK(problems(with_settings("            media_type: 5\n"))
            .find("  hint: found 5; quote it: \"5\"\n") != std::string::npos);
  // A YAML plain scalar such as 4g or -20db is a string already.
  CHECK(headlines(with_settings("            network: 4g\n            audio_feed: -20db\n")) == "");
  CHECK(headlines(with_settings("            network: [4g]\n")) ==
        "m.yaml:10:22: error: network must be one of Loadero's network conditions\n");
}

TEST_CASE("record_audio is a boolean") {
  CHECK(problems(with_settings("            record_audio: \"true\"\n")) ==
        "m.yaml:10:27: error: record_audio must be true or false\n"
        "   10 |             record_audio: \"true\"\n"
        "      |                           ^\n"
        "  hint: found the string \"true\"; remove the quotes\n");
  CHECK(problems(with_settings("            record_audio: yes\n"))
            .find("  hint: found the string \"yes\"\n") != std::string::npos);
}

TEST_CASE("media_type is free text, but not empty") {
  CHECK(headlines(with_settings("            media_type: anything at all\n")) == "");
  CHECK(headlines(with_settings("            media_type: \"\"\n")) ==
        "m.yaml:10:25: error: media_type must be a non-empty string\n");
}

TEST_CASE("an unknown browser is only a warning, with a suggestion when one is close") {
  const std::string misspelt = with_settings("            browser: chromelatest\n");
  CHECK(problems(misspelt) ==
        "m.yaml:10:22: warning: browser 'chromelatest' is not a known browser (chromeLatest, "
        "firefoxLatest)\n"
        "   10 |             browser: chromelatest\n"
        "      |                      ^\n"
        "  hint: did you mean 'chromeLatest'?\n");
  const auto result = load_manifest_text(misspelt, "m.yaml");
  REQUIRE(result.ok());
  CHECK(result.manifest.tests.at(0).groups.at(0).participants->at(0).settings.get(
            ParticipantField::browser) == "chromelatest");
  CHECK(problems(with_settings("            browser: chrome120\n")) ==
        "m.yaml:10:22: warning: browser 'chrome120' is not a known browser (chromeLatest, "
        "firefoxLatest)\n"
        "   10 |             browser: chrome120\n"
        "      |                      ^\n"
        "  hint: fine if it is a versioned browser Loadero offers; otherwise Loadero refuses it "
        "when the participant is written\n");
  CHECK(headlines("version: 1\ntests:\n  - test_id: 1\n    participant_defaults: {browser: "
                  "Firefoxlatest}\n    groups: [{name: A, count: 1, participants: []}]\n") ==
        "m.yaml:4:37: warning: browser 'Firefoxlatest' is not a known browser (chromeLatest, "
        "firefoxLatest)\n");
}

TEST_CASE("an unknown browser is warned about once per file, however often it is used") {
  std::string list;
  for (int i = 0; i < 1500; ++i)
    list += "          - {name: P" + std::to_string(i) + ", count: 1, browser: chrome120}\n";
  list += "          - {name: Q, count: 1, browser: edge}\n";
  const auto result = load_manifest_text(with_participants(list), "m.yaml");
  CHECK(result.ok());
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].pos == SourcePos{"m.yaml", 8, 43});
  CHECK(result.diagnostics[0].message ==
        "browser 'chrome120' is not a known browser (chromeLatest, firefoxLatest)");
  CHECK(result.diagnostics[1].message ==
        "browser 'edge' is not a known browser (chromeLatest, firefoxLatest)");
}

TEST_CASE("a browser must still be a non-empty string") {
  CHECK(problems(with_settings("            browser: 5\n")) ==
        "m.yaml:10:22: error: browser must be a browser name such as chromeLatest\n"
        "   10 |             browser: 5\n"
        "      |                      ^\n"
        "  hint: found 5; quote it: \"5\"\n");
  CHECK(headlines(with_settings("            browser: \"\"\n")) ==
        "m.yaml:10:22: error: browser must be a browser name such as chromeLatest\n");
}
