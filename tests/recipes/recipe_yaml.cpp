#include "recipe_yaml.hpp"

#include <yaml.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace recipes_test {
namespace {

std::string position(const std::filesystem::path& path, const yaml_mark_t& mark) {
  return path.string() + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

std::string scalar_text(const yaml_node_t& node) {
  return {reinterpret_cast<const char*>(node.data.scalar.value), node.data.scalar.length};
}

class Converter {
 public:
  Converter(const std::filesystem::path& path, yaml_document_t& document)
      : m_path(path), m_document(document) {}

  nlohmann::json convert(const yaml_node_t& node, int depth) {
    if (depth > 64)
      throw std::runtime_error(position(m_path, node.start_mark) + ": nested too deep");
    switch (node.type) {
      case YAML_SCALAR_NODE: {
        std::string text = scalar_text(node);
        const bool plain = node.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (plain && (text.empty() || text == "~" || text == "null")) return nullptr;
        return text;
      }
      case YAML_SEQUENCE_NODE: {
        nlohmann::json items = nlohmann::json::array();
        for (auto* item = node.data.sequence.items.start; item < node.data.sequence.items.top;
             ++item)
          items.push_back(convert(child(*item), depth + 1));
        return items;
      }
      case YAML_MAPPING_NODE: {
        nlohmann::json object = nlohmann::json::object();
        for (auto* pair = node.data.mapping.pairs.start; pair < node.data.mapping.pairs.top;
             ++pair) {
          const yaml_node_t& key = child(pair->key);
          if (key.type != YAML_SCALAR_NODE)
            throw std::runtime_error(position(m_path, key.start_mark) +
                                     ": a key that is not a scalar");
          const std::string name = scalar_text(key);
          if (object.contains(name))
            throw std::runtime_error(position(m_path, key.start_mark) + ": duplicate key '" + name +
                                     "'");
          object[name] = convert(child(pair->value), depth + 1);
        }
        return object;
      }
      case YAML_NO_NODE:
        break;
    }
    return nullptr;
  }

 private:
  const yaml_node_t& child(int index) {
    const yaml_node_t* node = yaml_document_get_node(&m_document, index);
    if (node == nullptr) throw std::runtime_error(m_path.string() + ": a dangling YAML node");
    return *node;
  }

  const std::filesystem::path& m_path;
  yaml_document_t& m_document;
};

}  // namespace

nlohmann::json load_yaml_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0)
    throw std::runtime_error("libyaml: cannot initialize a parser");
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  yaml_document_t document;
  if (yaml_parser_load(&parser, &document) == 0) {
    std::string message = position(path, parser.problem_mark) + ": " +
                          (parser.problem != nullptr ? parser.problem : "YAML error");
    if (parser.context != nullptr) message += " (" + std::string(parser.context) + ")";
    yaml_parser_delete(&parser);
    throw std::runtime_error(message);
  }
  struct Release {
    yaml_parser_t& parser;
    yaml_document_t& document;
    ~Release() {
      yaml_document_delete(&document);
      yaml_parser_delete(&parser);
    }
  } release{parser, document};

  const yaml_node_t* root = yaml_document_get_root_node(&document);
  if (root == nullptr) throw std::runtime_error(path.string() + ": no YAML document");
  return Converter(path, document).convert(*root, 0);
}

}  // namespace recipes_test
