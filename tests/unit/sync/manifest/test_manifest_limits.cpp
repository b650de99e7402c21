// The manifest schema states the API's limits in its own words (maxLength, minimum, maximum), and
// loadero/limits.hpp holds them for the code: these tests keep the two from drifting apart.

#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "loadero/limits.hpp"
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
