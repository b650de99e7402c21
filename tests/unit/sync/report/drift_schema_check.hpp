#pragma once
// Checks a drift JSON document against schemas/drift.schema.json (for the drift writer tests).

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace loadero_test {

/// True when `document_text` follows schemas/drift.schema.json; else false, with the validator's
/// messages in `errors` when given.
inline bool schema_accepts(const std::string& document_text, std::string* errors = nullptr) {
  std::ifstream schema_file(std::string(LOADERO_SOURCE_DIR) + "/schemas/drift.schema.json");
  REQUIRE(schema_file.good());
  const nlohmann::json schema_json = nlohmann::json::parse(schema_file);
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  const nlohmann::json document = nlohmann::json::parse(document_text);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter document_adapter(document);
  const bool valid = validator.validate(schema, document_adapter, &results);
  valijson::ValidationResults::Error error;
  while (errors != nullptr && results.popError(error)) {
    for (const auto& part : error.context) *errors += part;
    *errors += ": " + error.description + "\n";
  }
  return valid;
}

/// Checks that `document_text` follows schemas/drift.schema.json, showing why not.
inline void check_against_schema(const std::string& document_text) {
  std::string errors;
  const bool valid = schema_accepts(document_text, &errors);
  INFO(errors);
  CHECK(valid);
}

}  // namespace loadero_test
