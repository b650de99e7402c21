#include "schema_check.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema_internal.hpp"

namespace loadero_sync::manifest_detail {
namespace {

using nlohmann::json;

/// Node tree -> JSON for valijson. Problems JSON cannot express are reported here, and the nodes
/// involved are remembered so valijson's follow-up complaints about them are not reported twice.
class JsonConverter {
 public:
  JsonConverter(FindingSink& sink, std::unordered_set<const Node*>& reported)
      : m_sink(sink), m_reported(reported) {}

  json convert(const Node& node, std::string_view key) {
    switch (node.kind) {
      case NodeKind::null:
        return nullptr;
      case NodeKind::scalar:
        return convert_scalar(node, key);
      case NodeKind::sequence: {
        json array = json::array();
        array.get_ref<json::array_t&>().reserve(node.children.size());
        for (const Node& child : node.children) array.push_back(convert(child, key));
        return array;
      }
      case NodeKind::mapping:
        return convert_mapping(node);
    }
    return nullptr;
  }

 private:
  json convert_scalar(const Node& node, std::string_view key) {
    const Scalar s = resolve_scalar(node);
    switch (s.type) {
      case Scalar::Type::null:
        return nullptr;
      case Scalar::Type::boolean:
        return s.boolean;
      case Scalar::Type::integer:
        return s.integer;
      case Scalar::Type::number:
        return s.number;
      case Scalar::Type::string:
        return node.text;
      case Scalar::Type::invalid:
        break;
    }
    const std::string subject =
        key.empty() ? "value " + node.text : std::string(key) + " " + node.text;
    m_sink.add(finding_at(node, subject + " " + s.problem, s.hint));
    m_reported.insert(&node);
    return nullptr;
  }

  json convert_mapping(const Node& node) {
    json object = json::object();
    // Small mappings (every manifest mapping but a hostile one) are checked for duplicate keys by a
    // linear scan; large ones through a hash map, so the check never turns quadratic.
    std::unordered_map<std::string_view, const Node*> seen_large;
    const bool large = node.children.size() > 32;
    for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
      const Node& key = node.children[i];
      const Node& value = node.children[i + 1];
      if (key.kind != NodeKind::scalar) {
        m_sink.add(finding_at(key, "a key must be a plain name, not a list, mapping or empty value",
                              "write keys as `name: value`"));
        continue;
      }
      const Node* first = nullptr;
      if (large) {
        auto [it, inserted] = seen_large.emplace(key.text, &key);
        if (!inserted) first = it->second;
      } else {
        for (std::size_t j = 0; j < i; j += 2) {
          if (node.children[j].kind == NodeKind::scalar && node.children[j].text == key.text) {
            first = &node.children[j];
            break;
          }
        }
      }
      if (first != nullptr) {
        m_sink.add(finding_at(key, "duplicate key '" + key.text + "'",
                              "'" + key.text + "' is first given at line " +
                                  std::to_string(first->line + 1) + "; remove one of them"));
        continue;
      }
      object.emplace(key.text, convert(value, key.text));
    }
    return object;
  }

  FindingSink& m_sink;
  std::unordered_set<const Node*>& m_reported;
};

bool is_prefix(const std::vector<std::string>& prefix, const std::vector<std::string>& of) {
  return prefix.size() < of.size() && std::equal(prefix.begin(), prefix.end(), of.begin());
}

}  // namespace

void check_schema(const Node& root, FindingSink& sink) {
  std::unordered_set<const Node*> reported;
  JsonConverter converter(sink, reported);
  const json document = converter.convert(root, "");

  // valijson decides; without a results object it stops at the first failure, so a file with a
  // million bad entries costs no more than a valid one. The words come from walking the tree
  // along the same schema, in file order, stopping when the sink is full.
  const valijson::Schema& schema = schema_validator();
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter target(document);
  if (validator.validate(schema, target, nullptr)) return;

  const std::size_t before = sink.size();
  walk(Location{&root, nullptr, resolve_ref(&schema_document()), "the manifest"}, reported, sink);
  if (sink.size() != before || sink.full() || !reported.empty()) return;

  // valijson found something the walk cannot put in words (a schema keyword explain() does not
  // know): report valijson's own text at the deepest failing contexts rather than stay silent.
  valijson::ValidationResults results;
  validator.validate(schema, target, &results);
  std::vector<std::pair<std::vector<std::string>, std::string>> errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error))
    errors.emplace_back(std::move(error.context), std::move(error.description));
  std::stable_sort(errors.begin(), errors.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < errors.size();) {
    std::size_t j = i;
    while (j < errors.size() && errors[j].first == errors[i].first) ++j;
    const bool leaf = j == errors.size() || !is_prefix(errors[i].first, errors[j].first);
    if (leaf) {
      const std::optional<Location> loc = locate(root, errors[i].first);
      const Node& at = loc ? *loc->node : root;
      for (std::size_t k = i; k < j; ++k)
        sink.add(finding_at(at, "schema violation: " + errors[k].second, ""));
    }
    i = j;
  }
}

}  // namespace loadero_sync::manifest_detail
