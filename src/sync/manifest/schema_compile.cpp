#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>

#include "loadero_sync/manifest.hpp"
#include "schema_internal.hpp"

namespace loadero_sync::manifest_detail {
namespace {

using nlohmann::json;

struct Compiled {
  SchemaJson document;  ///< the schema as JSON, for messages (x-expected, x-name, properties)
  json validator_document;
  valijson::Schema schema;
};

const Compiled& compiled_schema() {
  static const std::unique_ptr<Compiled> compiled = [] {
    auto c = std::make_unique<Compiled>();
    c->document = SchemaJson::parse(manifest_schema_text());
    c->validator_document = json::parse(manifest_schema_text());
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(c->validator_document);
    parser.populateSchema(adapter, c->schema);
    return c;
  }();
  return *compiled;
}

}  // namespace

const SchemaJson& schema_document() { return compiled_schema().document; }

const valijson::Schema& schema_validator() { return compiled_schema().schema; }

const SchemaJson* resolve_ref(const SchemaJson* schema) {
  const SchemaJson& root = schema_document();
  for (int hops = 0; schema != nullptr && schema->is_object() && hops < 8; ++hops) {
    const auto ref = schema->find("$ref");
    if (ref == schema->end() || !ref->is_string()) return schema;
    const std::string& target = ref->get_ref<const std::string&>();
    constexpr std::string_view prefix = "#/definitions/";
    if (target.rfind(prefix, 0) != 0) return schema;
    const auto defs = root.find("definitions");
    if (defs == root.end()) return nullptr;
    const auto def = defs->find(target.substr(prefix.size()));
    schema = def == defs->end() ? nullptr : &*def;
  }
  return schema;
}

std::string string_or(const SchemaJson* schema, const char* key, std::string fallback) {
  if (schema == nullptr) return fallback;
  const auto it = schema->find(key);
  return it != schema->end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace loadero_sync::manifest_detail
