// The manifest schema states the API's limits in its own words (maxLength, minimum, maximum), and
// loadero/limits.hpp holds them for the code: these tests keep the two from drifting apart.

#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "loadero/limits.hpp"
#include "loadero/participant_values.hpp"
#include "loadero_sync/manifest.hpp"

namespace {

const nlohmann::json& definition(const std::string& name) {
  static const nlohmann::json schema = nlohmann::json::parse(loadero_sync::manifest_schema_text());
  return schema.at("definitions").at(name);
}

}  // namespace

TEST_CASE("the schema's name lengths are the table's") {
  CHECK(definition("group_name").at("maxLength").get<std::size_t>() ==
        loadero::max_group_name_length);
  CHECK(definition("test_name").at("maxLength").get<std::size_t>() ==
        loadero::max_test_name_length);
  CHECK(definition("group_name").at("x-expected").get<std::string>() ==
        "a non-empty string of at most " + std::to_string(loadero::max_group_name_length) +
            " characters");
  CHECK(definition("test_name").at("x-expected").get<std::string>() ==
        "a non-empty string of at most " + std::to_string(loadero::max_test_name_length) +
            " characters");
}

TEST_CASE("the schema's count range is the table's") {
  const auto& count = definition("count");
  CHECK(count.at("minimum").get<std::int64_t>() == loadero::min_group_count);
  CHECK(count.at("maximum").get<std::int64_t>() == loadero::max_group_count);
  CHECK(count.at("x-expected").get<std::string>() ==
        "an integer from " + std::to_string(loadero::min_group_count) + " to " +
            std::to_string(loadero::max_group_count));
}

TEST_CASE("every name and count of the schema refers to the definitions checked above") {
  const nlohmann::json schema = nlohmann::json::parse(loadero_sync::manifest_schema_text());
  const auto& group = schema.at("definitions").at("group").at("properties");
  CHECK(group.at("name").at("$ref") == "#/definitions/group_name");
  CHECK(group.at("duplicate_from").at("$ref") == "#/definitions/group_name");
  CHECK(group.at("renamed_from").at("items").at("$ref") == "#/definitions/group_name");
  CHECK(group.at("count").at("$ref") == "#/definitions/count");
  CHECK(schema.at("definitions").at("test").at("properties").at("test_name").at("$ref") ==
        "#/definitions/test_name");
}

TEST_CASE("the schema's participant name length and count range are the table's") {
  CHECK(definition("participant_name").at("maxLength").get<std::size_t>() ==
        loadero::max_participant_name_length);
  CHECK(definition("participant_name").at("x-expected").get<std::string>() ==
        "a non-empty string of at most " + std::to_string(loadero::max_participant_name_length) +
            " characters");
  const auto& count = definition("participant_count");
  CHECK(count.at("minimum").get<std::int64_t>() == loadero::min_participant_count);
  CHECK(count.at("maximum").get<std::int64_t>() == loadero::max_participant_count);
  CHECK(count.at("x-expected").get<std::string>() ==
        "an integer from " + std::to_string(loadero::min_participant_count) + " to " +
            std::to_string(loadero::max_participant_count));
  const auto& participant = definition("participant").at("properties");
  CHECK(participant.at("name").at("$ref") == "#/definitions/participant_name");
  CHECK(participant.at("count").at("$ref") == "#/definitions/participant_count");
}

TEST_CASE("the schema's participant enumerations are loadero/participant_values.hpp's lists") {
  namespace values = loadero::participant_values;
  const auto list = [](const auto& table) {
    return std::vector<std::string>(table.begin(), table.end());
  };
  const auto enumeration = [](const std::string& name) {
    return definition(name).at("enum").get<std::vector<std::string>>();
  };
  CHECK(enumeration("compute_unit") == list(values::compute_units));
  CHECK(enumeration("location") == list(values::locations));
  CHECK(enumeration("network") == list(values::networks));
  CHECK(enumeration("audio_feed") == list(values::audio_feeds));
  CHECK(enumeration("video_feed") == list(values::video_feeds));
  CHECK(definition("browser").at("anyOf").at(0).at("enum").get<std::vector<std::string>>() ==
        list(values::browsers));
  // compute_unit's message lists the values itself.
  std::string listed;
  for (const std::string_view unit : values::compute_units)
    listed += (listed.empty() ? "" : ", ") + std::string(unit);
  CHECK(definition("compute_unit").at("x-expected").get<std::string>() == "one of " + listed);
  CHECK_FALSE(definition("media_type").contains("enum"));
}
