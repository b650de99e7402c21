#pragma once
// Validating a plan document against schemas/plan.schema.json in tests.

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace plan_test {

// Every error valijson reports for `document` against schemas/plan.schema.json, one per line.
inline std::string schema_errors(const nlohmann::json& document) {
  std::ifstream in(std::string(LOADERO_SOURCE_DIR) + "/schemas/plan.schema.json");
  REQUIRE(in);
  const auto schema_json = nlohmann::json::parse(in);
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter document_adapter(document);
  validator.validate(schema, document_adapter, &results);
  std::string out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const auto& part : error.context) where += part;
    out += where + ": " + error.description + "\n";
  }
  return out;
}

}  // namespace plan_test
