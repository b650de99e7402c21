#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/source_text.hpp"
#include "schema_internal.hpp"

namespace loadero_sync::manifest_detail {
namespace {

bool matches_type(const Node& node, const Scalar& s, std::string_view type) {
  if (type == "object") return node.kind == NodeKind::mapping;
  if (type == "array") return node.kind == NodeKind::sequence;
  if (node.kind != NodeKind::scalar && node.kind != NodeKind::null) return false;
  if (type == "string") return s.type == Scalar::Type::string;
  if (type == "integer") return s.type == Scalar::Type::integer;
  if (type == "number") return s.type == Scalar::Type::integer || s.type == Scalar::Type::number;
  if (type == "boolean") return s.type == Scalar::Type::boolean;
  if (type == "null") return s.type == Scalar::Type::null;
  return true;
}

std::vector<std::string> property_names(const SchemaJson& schema) {
  std::vector<std::string> names;
  const auto props = schema.find("properties");
  if (props != schema.end()) {
    for (auto it = props->begin(); it != props->end(); ++it) names.push_back(it.key());
  }
  return names;
}

/// The string options of the schema's `enum`, in schema order; empty when it has none.
std::vector<std::string> enum_options(const SchemaJson& schema) {
  std::vector<std::string> options;
  const auto e = schema.find("enum");
  if (e == schema.end() || !e->is_array()) return options;
  for (const SchemaJson& option : *e) {
    if (option.is_string()) options.push_back(option.get<std::string>());
  }
  return options;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

/// Explains why the node at `loc` fails its schema, in words. Returns false when it finds nothing
/// (the caller then falls back on valijson's own text).
bool explain(const Location& loc, FindingSink& findings) {
  const Node& node = *loc.node;
  const SchemaJson* schema = loc.schema;
  if (schema == nullptr) return false;
  // An empty value (`count:`) has no useful mark of its own: point at its key.
  const Node& anchor = node.kind == NodeKind::null && loc.key != nullptr ? *loc.key : node;
  const std::string expected = string_or(schema, "x-expected", "valid");
  const std::string must = loc.what + " must be " + expected;
  const Scalar s = resolve_scalar(node);

  if (const auto type = schema->find("type"); type != schema->end() && type->is_string()) {
    if (!matches_type(node, s, type->get_ref<const std::string&>())) {
      std::string hint = describe_found(node);
      if (node.kind == NodeKind::scalar && node.style == ScalarStyle::quoted &&
          (*type == "integer" || *type == "number" || *type == "boolean") &&
          s.type == Scalar::Type::string) {
        hint += "; remove the quotes";
      } else if (*type == "string" && node.kind == NodeKind::scalar &&
                 s.type != Scalar::Type::string) {
        // `compute_unit: 2` wants "g2", not a quoted "2"; quoting only helps free text.
        const std::vector<std::string> options = enum_options(*schema);
        const std::string suggestion = did_you_mean(node.text, options);
        if (!suggestion.empty()) {
          hint += "; " + suggestion;
        } else if (options.empty()) {
          hint += "; quote it: \"" + node.text + "\"";
        }
      } else if (*type == "array" && node.kind == NodeKind::scalar) {
        hint += "; write a list: [" + node.text + "]";
      }
      findings.add(finding_at(anchor, must, hint));
      return true;
    }
  }
  if (const auto c = schema->find("const"); c != schema->end()) {
    const bool equal =
        (c->is_number_integer() && s.type == Scalar::Type::integer &&
         c->get<std::int64_t>() == s.integer) ||
        (c->is_string() && s.type == Scalar::Type::string && c->get<std::string>() == node.text);
    if (!equal) {
      findings.add(finding_at(anchor, must, describe_found(node)));
      return true;
    }
  }
  if (const auto e = schema->find("enum"); e != schema->end() && e->is_array()) {
    const std::vector<std::string> options = enum_options(*schema);
    const bool found = s.type == Scalar::Type::string &&
                       std::find(options.begin(), options.end(), node.text) != options.end();
    if (!found) {
      std::string hint = s.type == Scalar::Type::string ? did_you_mean(node.text, options) : "";
      if (hint.empty()) {
        hint = describe_found(node);
        // "must be one of Loadero's locations" names no value: the hint lists them.
        const bool listed = std::all_of(options.begin(), options.end(), [&](const std::string& o) {
          return expected.find(o) != std::string::npos;
        });
        if (!listed) hint += "; allowed values: " + join(options);
      }
      findings.add(finding_at(anchor, must, hint));
      return true;
    }
  }
  if (const auto m = schema->find("minimum"); m != schema->end() && m->is_number()) {
    const double value =
        s.type == Scalar::Type::integer ? static_cast<double>(s.integer) : s.number;
    if ((s.type == Scalar::Type::integer || s.type == Scalar::Type::number) &&
        value < m->get<double>()) {
      std::string hint = describe_found(node);
      if (const std::string more = string_or(schema, "x-minimum-hint", ""); !more.empty())
        hint += "; " + more;
      findings.add(finding_at(anchor, must, hint));
      return true;
    }
  }
  if (const auto m = schema->find("exclusiveMinimum"); m != schema->end() && m->is_number()) {
    const double value =
        s.type == Scalar::Type::integer ? static_cast<double>(s.integer) : s.number;
    // Written as "not above" so that .nan, which compares false with everything, is caught too.
    if ((s.type == Scalar::Type::integer || s.type == Scalar::Type::number) &&
        !(value > m->get<double>())) {
      findings.add(finding_at(anchor, must, describe_found(node)));
      return true;
    }
  }
  // The schema's maxima are the API's limits (loadero/limits.hpp), so the hint says whose.
  if (const auto m = schema->find("maximum"); m != schema->end() && m->is_number_integer()) {
    const bool above = (s.type == Scalar::Type::integer && s.integer > m->get<std::int64_t>()) ||
                       (s.type == Scalar::Type::number && s.number > m->get<double>());
    if (above) {
      findings.add(finding_at(anchor, must,
                              describe_found(node) + "; the Loadero API accepts at most " +
                                  std::to_string(m->get<std::int64_t>())));
      return true;
    }
  }
  if (s.type == Scalar::Type::string && node.kind == NodeKind::scalar) {
    const auto length =
        static_cast<std::size_t>(code_point_column(node.text, static_cast<int>(node.text.size())));
    if (const auto m = schema->find("minLength");
        m != schema->end() && m->is_number_unsigned() && length < m->get<std::size_t>()) {
      findings.add(finding_at(anchor, must, "found an empty string"));
      return true;
    }
    if (const auto m = schema->find("maxLength");
        m != schema->end() && m->is_number_unsigned() && length > m->get<std::size_t>()) {
      findings.add(finding_at(anchor, must,
                              "found " + std::to_string(length) +
                                  " characters; the Loadero API accepts at most " +
                                  std::to_string(m->get<std::size_t>())));
      return true;
    }
  }
  if (node.kind == NodeKind::sequence) {
    if (const auto m = schema->find("minItems"); m != schema->end() && m->is_number_unsigned() &&
                                                 node.children.size() < m->get<std::size_t>()) {
      findings.add(finding_at(anchor, loc.what + " must not be empty",
                              "list at least one entry, or remove the key"));
      return true;
    }
  }
  bool found = false;
  if (node.kind == NodeKind::mapping) {
    const std::string where = string_or(schema, "x-name", "in " + loc.what);
    const std::vector<std::string> known = property_names(*schema);
    // Known keys that an unknown key was taken for ("cuont" -> count): the "missing required key"
    // finding would only repeat that mistake.
    std::vector<std::string> suggested;
    const auto additional = schema->find("additionalProperties");
    if (additional != schema->end() && *additional == false) {
      for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
        const Node& key = node.children[i];
        if (key.kind != NodeKind::scalar) continue;
        if (std::find(known.begin(), known.end(), key.text) != known.end()) continue;
        if (findings.full()) {
          findings.note_stopped();
          break;
        }
        std::string hint;
        if (key.text == "<<") {
          hint = "YAML merge keys are not supported; write the keys out";
        } else if (std::string best = closest(key.text, known); !best.empty()) {
          hint = "did you mean '" + best + "'?";
          suggested.push_back(std::move(best));
        } else {
          hint = "allowed keys " + where + ": " + join(known);
        }
        findings.add(finding_at(key, "unknown key '" + key.text + "' " + where, hint));
        found = true;
      }
    }
    if (const auto required = schema->find("required");
        required != schema->end() && required->is_array()) {
      for (const SchemaJson& r : *required) {
        if (!r.is_string() || find_value(node, r.get<std::string>()) != nullptr) continue;
        const std::string name = r.get<std::string>();
        if (std::find(suggested.begin(), suggested.end(), name) != suggested.end()) continue;
        const SchemaJson* property = nullptr;
        if (const auto props = schema->find("properties"); props != schema->end()) {
          if (const auto p = props->find(name); p != props->end()) property = resolve_ref(&*p);
        }
        const std::string example = string_or(property, "x-expected", "...");
        findings.add(finding_at(node, "missing required key '" + name + "' " + where,
                                "add `" + name + ": ...` (" + name + " must be " + example + ")"));
        found = true;
      }
    }
  }
  return found;
}

}  // namespace

std::optional<Location> locate(const Node& root, const std::vector<std::string>& context) {
  Location loc{&root, nullptr, resolve_ref(&schema_document()), "the manifest"};
  for (std::size_t i = 1; i < context.size(); ++i) {
    const std::string& step = context[i];
    if (step.size() < 2 || step.front() != '[' || step.back() != ']') return std::nullopt;
    const std::string_view inner = std::string_view(step).substr(1, step.size() - 2);
    if (loc.node->kind == NodeKind::mapping) {
      const Node* key = nullptr;
      const Node* value = find_value(*loc.node, inner, &key);
      if (value == nullptr) return std::nullopt;
      const SchemaJson* child_schema = nullptr;
      if (loc.schema != nullptr) {
        const auto props = loc.schema->find("properties");
        if (props != loc.schema->end()) {
          const auto p = props->find(std::string(inner));
          if (p != props->end()) child_schema = resolve_ref(&*p);
        }
      }
      loc = Location{value, key, child_schema, std::string(inner)};
    } else if (loc.node->kind == NodeKind::sequence) {
      std::size_t index = 0;
      for (const char c : inner) {
        if (c < '0' || c > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(c - '0');
        if (index > loc.node->children.size()) return std::nullopt;
      }
      if (index >= loc.node->children.size()) return std::nullopt;
      const SchemaJson* child_schema = nullptr;
      if (loc.schema != nullptr) {
        const auto items = loc.schema->find("items");
        if (items != loc.schema->end()) child_schema = resolve_ref(&*items);
      }
      loc =
          Location{&loc.node->children[index], nullptr, child_schema, "each entry of " + loc.what};
    } else {
      return std::nullopt;
    }
  }
  return loc;
}

const Node* find_value(const Node& mapping, std::string_view key, const Node** key_out) {
  if (mapping.kind != NodeKind::mapping) return nullptr;
  for (std::size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
    const Node& k = mapping.children[i];
    if (k.kind == NodeKind::scalar && k.text == key) {
      if (key_out != nullptr) *key_out = &k;
      return &mapping.children[i + 1];
    }
  }
  return nullptr;
}

std::string describe_found(const Node& node) {
  switch (node.kind) {
    case NodeKind::null:
      return "found no value";
    case NodeKind::sequence:
      return "found a list";
    case NodeKind::mapping:
      return "found a mapping";
    case NodeKind::scalar:
      break;
  }
  const Scalar s = resolve_scalar(node);
  switch (s.type) {
    case Scalar::Type::null:
      return "found no value";
    case Scalar::Type::boolean:
      return std::string("found ") + (s.boolean ? "true" : "false");
    case Scalar::Type::integer:
    case Scalar::Type::number:
    case Scalar::Type::invalid:
      return "found " + node.text;
    case Scalar::Type::string:
      break;
  }
  std::string shown = node.text.size() > 40 ? node.text.substr(0, 40) + "..." : node.text;
  return "found the string \"" + shown + "\"";
}

void walk(const Location& loc, const std::unordered_set<const Node*>& reported, FindingSink& sink) {
  if (sink.full()) {
    sink.note_stopped();
    return;
  }
  if (loc.schema == nullptr || reported.count(loc.node) != 0) return;
  explain(loc, sink);
  const Node& node = *loc.node;
  if (node.kind == NodeKind::mapping) {
    const auto props = loc.schema->find("properties");
    if (props == loc.schema->end()) return;
    std::vector<std::string_view> walked;  // known keys only, so at most a handful
    for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
      const Node& key = node.children[i];
      if (key.kind != NodeKind::scalar) continue;
      const auto p = props->find(key.text);
      if (p == props->end()) continue;
      // Only the first of duplicate keys counts, as in the JSON valijson saw.
      if (std::find(walked.begin(), walked.end(), key.text) != walked.end()) continue;
      walked.push_back(key.text);
      walk(Location{&node.children[i + 1], &key, resolve_ref(&*p), key.text}, reported, sink);
    }
  } else if (node.kind == NodeKind::sequence) {
    const auto items = loc.schema->find("items");
    if (items == loc.schema->end()) return;
    const SchemaJson* item_schema = resolve_ref(&*items);
    const std::string what = "each entry of " + loc.what;
    for (const Node& child : node.children) {
      if (sink.truncated()) break;
      walk(Location{&child, nullptr, item_schema, what}, reported, sink);
    }
  }
}

}  // namespace loadero_sync::manifest_detail
