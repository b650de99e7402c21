#include <yaml.h>

#include <memory>
#include <new>
#include <unordered_map>
#include <utility>

#include "yaml_input_check.hpp"
#include "yaml_tree.hpp"

namespace loadero_sync::manifest_detail {
namespace {

/// Thrown by the builder to stop reading when a limit is reached.
struct StopReading {
  RawProblem problem;
};

// libyaml counts columns in characters; diagnostics count bytes (as the quoted line is shown).
// Turns a mark's column into a byte column by walking the characters of its line.
class ByteColumns {
 public:
  explicit ByteColumns(std::string_view text) : m_text(text) {
    // libyaml drops a byte order mark before counting; so does the first line here.
    m_starts.push_back(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
        m_starts.push_back(i + 1);
    }
  }

  // Marks come in file order, so the walk goes on from the previous mark when it can: a file
  // that is one long line (a flow list of a million entries) costs one pass, not one per node.
  int column(const yaml_mark_t& mark) {
    if (mark.line >= m_starts.size()) return static_cast<int>(mark.column);
    const std::size_t start = m_starts[mark.line];
    if (mark.line != m_line || mark.column < m_column) {
      m_line = mark.line;
      m_column = 0;
      m_at = start;
    }
    for (; m_column < mark.column && m_at < m_text.size(); ++m_column) {
      const auto lead = static_cast<unsigned char>(m_text[m_at]);
      m_at += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    }
    // Past the end of the text (a mark there): count the rest as one byte each.
    return static_cast<int>(m_at - start + (mark.column - m_column));
  }

 private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;  // byte offset of each line
  std::size_t m_line = 0;             // the cursor: a line, a character column on it ...
  std::size_t m_column = 0;
  std::size_t m_at = 0;  // ... and its byte offset in the text
};

std::string text_of(const yaml_char_t* text) {
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

// A plain scalar that YAML reads as null: the empty value of `key:`, `~`, `null`.
bool is_null_text(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

/// Builds the Node tree from libyaml's parser events, counting nodes (aliases expanded) against
/// the limits.
class TreeBuilder {
 public:
  TreeBuilder(const LoadLimits& limits, ByteColumns& columns)
      : m_limits(limits), m_columns(columns) {}

  void document_start(const yaml_mark_t& mark) {
    if (++m_documents > 1) {
      throw StopReading{
          problem_at(mark, "a manifest file holds one YAML document; this is a second one",
                     "remove the '---' separator or move the document into its own file")};
    }
  }

  void alias(const yaml_mark_t& mark, const std::string& anchor) {
    const auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) {
      throw StopReading{problem_at(mark, "alias *" + anchor + " refers to an unknown anchor",
                                   "define the anchor with &name before using *name")};
    }
    m_nodes += it->second.second;
    m_alias_nodes += it->second.second;
    check_node_limit(mark);
    if (m_alias_nodes > m_limits.max_alias_nodes) {
      throw StopReading{problem_at(
          mark,
          "YAML aliases expand to more than " + std::to_string(m_limits.max_alias_nodes) + " nodes",
          "aliases that repeat each other blow up in size; write the content out instead")};
    }
    Node copy = it->second.first;
    set_mark(copy, mark);
    add(std::move(copy));
  }

  void scalar(const yaml_event_t& event) {
    const auto& data = event.data.scalar;
    const yaml_mark_t& mark = event.start_mark;
    Node n;
    set_mark(n, mark);
    n.text.assign(reinterpret_cast<const char*>(data.value), data.length);
    const bool plain = data.style == YAML_PLAIN_SCALAR_STYLE;
    const std::string tag = text_of(data.tag);
    if (plain && tag.empty()) {
      n.kind = is_null_text(n.text) ? NodeKind::null : NodeKind::scalar;
      n.style = ScalarStyle::plain;
      if (n.kind == NodeKind::null) n.text.clear();
    } else {
      // Quoted, block and tagged scalars are never resolved as numbers or booleans; a tag other
      // than the non-specific "!" is kept for resolve_scalar to judge.
      n.kind = NodeKind::scalar;
      n.style = ScalarStyle::quoted;
      if (tag != "!") n.tag = tag;
    }
    const std::size_t start = count_node(mark);
    finish(std::move(n), text_of(data.anchor), start);
  }

  void open(NodeKind kind, const yaml_mark_t& mark, const yaml_char_t* anchor) {
    if (static_cast<int>(m_stack.size()) + 1 > m_limits.max_depth) {
      throw StopReading{problem_at(
          mark, "nesting is deeper than " + std::to_string(m_limits.max_depth) + " levels",
          "a manifest needs only a few levels; flatten the structure")};
    }
    Open o;
    o.node.kind = kind;
    // Most manifest mappings (groups) hold two keys: one allocation instead of three.
    if (kind == NodeKind::mapping) o.node.children.reserve(4);
    set_mark(o.node, mark);
    o.anchor = text_of(anchor);
    o.start = count_node(mark);
    m_stack.push_back(std::move(o));
  }

  void close() {
    Open o = std::move(m_stack.back());
    m_stack.pop_back();
    finish(std::move(o.node), o.anchor, o.start);
  }

  std::optional<Node> take_root() { return std::move(m_root); }

 private:
  struct Open {
    Node node;
    std::string anchor;
    std::size_t start = 0;
  };

  void set_mark(Node& n, const yaml_mark_t& mark) const {
    n.line = static_cast<int>(mark.line);
    n.column = m_columns.column(mark);
  }

  void check_node_limit(const yaml_mark_t& mark) const {
    if (m_nodes > m_limits.max_nodes) {
      throw StopReading{problem_at(
          mark, "manifest has more than " + std::to_string(m_limits.max_nodes) + " YAML nodes",
          "split the manifest into several files")};
    }
  }

  std::size_t count_node(const yaml_mark_t& mark) {
    const std::size_t start = m_nodes++;
    check_node_limit(mark);
    return start;
  }

  void finish(Node n, const std::string& anchor, std::size_t start) {
    // A later anchor of the same name replaces the earlier one, as YAML says.
    if (!anchor.empty()) m_anchors[anchor] = {n, m_nodes - start};
    add(std::move(n));
  }

  void add(Node n) {
    if (m_stack.empty()) {
      m_root = std::move(n);
    } else {
      m_stack.back().node.children.push_back(std::move(n));
    }
  }

  RawProblem problem_at(const yaml_mark_t& mark, std::string message, std::string hint) const {
    return RawProblem{static_cast<int>(mark.line), m_columns.column(mark), std::move(message),
                      std::move(hint)};
  }

  const LoadLimits& m_limits;
  ByteColumns& m_columns;
  std::size_t m_nodes = 0;
  std::size_t m_alias_nodes = 0;
  int m_documents = 0;
  std::vector<Open> m_stack;
  std::unordered_map<std::string, std::pair<Node, std::size_t>> m_anchors;
  std::optional<Node> m_root;
};

// libyaml's parser and the event in hand, released whatever happens.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    if (yaml_parser_initialize(&m_parser) == 0) throw std::bad_alloc();
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() {
    if (m_has_event) yaml_event_delete(&m_event);
    yaml_parser_delete(&m_parser);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  /// The next event, or nullptr when the parser failed (see problem()).
  const yaml_event_t* next() {
    if (m_has_event) yaml_event_delete(&m_event);
    m_has_event = yaml_parser_parse(&m_parser, &m_event) != 0;
    if (!m_has_event && m_parser.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
    return m_has_event ? &m_event : nullptr;
  }

  /// The parser's error as a problem at its position.
  RawProblem problem(ByteColumns& columns) const;

 private:
  yaml_parser_t m_parser{};
  yaml_event_t m_event{};
  bool m_has_event = false;
};

std::string hint_for_parser_message(const std::string& msg) {
  if (msg.find("',' or ']'") != std::string::npos) return "a '[' is not closed by a matching ']'";
  if (msg.find("',' or '}'") != std::string::npos) return "a '{' is not closed by a matching '}'";
  if (msg.find("mapping values are not allowed") != std::string::npos) {
    return "a ':' is out of place; check the indentation, and quote values that contain ': '";
  }
  if (msg.find("anchor") != std::string::npos || msg.find("alias") != std::string::npos)
    return "define the anchor with &name before using *name";
  if (msg.find("quoted scalar") != std::string::npos) return "a quoted string is not closed";
  return "check the indentation and quoting around this position";
}

RawProblem Parser::problem(ByteColumns& columns) const {
  std::string message = m_parser.problem != nullptr ? m_parser.problem : "cannot be parsed";
  // "did not find expected key" says more with its context: "while parsing a block mapping".
  if (m_parser.context != nullptr) message += " (" + std::string(m_parser.context) + ")";
  const yaml_mark_t& mark = m_parser.problem_mark;
  return RawProblem{static_cast<int>(mark.line), columns.column(mark), "invalid YAML: " + message,
                    hint_for_parser_message(message)};
}

}  // namespace

YamlReadResult read_yaml(std::string_view text, const LoadLimits& limits) {
  YamlReadResult result;
  if (auto problem = prescan(text, limits)) {
    result.problem = std::move(problem);
    return result;
  }
  try {
    ByteColumns columns(text);
    Parser parser(text);
    TreeBuilder builder(limits, columns);
    for (bool done = false; !done;) {
      const yaml_event_t* event = parser.next();
      if (event == nullptr) {
        result.problem = parser.problem(columns);
        return result;
      }
      switch (event->type) {
        case YAML_STREAM_END_EVENT:
          done = true;
          break;
        case YAML_DOCUMENT_START_EVENT:
          builder.document_start(event->start_mark);
          break;
        case YAML_ALIAS_EVENT:
          builder.alias(event->start_mark, text_of(event->data.alias.anchor));
          break;
        case YAML_SCALAR_EVENT:
          builder.scalar(*event);
          break;
        case YAML_SEQUENCE_START_EVENT:
          builder.open(NodeKind::sequence, event->start_mark, event->data.sequence_start.anchor);
          break;
        case YAML_MAPPING_START_EVENT:
          builder.open(NodeKind::mapping, event->start_mark, event->data.mapping_start.anchor);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          builder.close();
          break;
        default:  // stream start, document end, no event
          break;
      }
    }
    result.root = builder.take_root();
  } catch (const StopReading& stop) {
    result.problem = stop.problem;
  }
  return result;
}

}  // namespace loadero_sync::manifest_detail
