#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <new>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "yaml_input_check.hpp"
#include "yaml_tree.hpp"

namespace loadero_sync::manifest_detail {
namespace {

/// Thrown by the builder to stop yaml-cpp when a limit is reached.
struct StopReading {
  RawProblem problem;
};

int mark_line(const YAML::Mark& m) { return m.line; }
int mark_column(const YAML::Mark& m) { return m.column; }

class TreeBuilder final : public YAML::EventHandler {
 public:
  explicit TreeBuilder(const LoadLimits& limits) : m_limits(limits) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++m_documents > 1) {
      throw StopReading{
          RawProblem{mark_line(mark), mark_column(mark),
                     "a manifest file holds one YAML document; this is a second one",
                     "remove the '---' separator or move the document into its own file"}};
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.kind = NodeKind::null;
    set_mark(n, mark);
    const std::size_t start = count_node(mark);
    finish(std::move(n), anchor, start);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) {
      throw StopReading{RawProblem{mark_line(mark), mark_column(mark),
                                   "alias refers to an unknown anchor",
                                   "define the anchor with &name before using *name"}};
    }
    m_nodes += it->second.second;
    m_alias_nodes += it->second.second;
    check_node_limit(mark);
    if (m_alias_nodes > m_limits.max_alias_nodes) {
      throw StopReading{RawProblem{
          mark_line(mark), mark_column(mark),
          "YAML aliases expand to more than " + std::to_string(m_limits.max_alias_nodes) + " nodes",
          "aliases that repeat each other blow up in size; write the content out instead"}};
    }
    Node copy = it->second.first;
    set_mark(copy, mark);
    add(std::move(copy));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n;
    n.kind = NodeKind::scalar;
    set_mark(n, mark);
    n.text = value;
    if (tag == "?") {
      n.style = ScalarStyle::plain;
    } else {
      n.style = ScalarStyle::quoted;
      if (tag != "!") n.tag = tag;
    }
    const std::size_t start = count_node(mark);
    finish(std::move(n), anchor, start);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(NodeKind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(NodeKind::mapping, mark, anchor);
  }
  void OnMapEnd() override { close(); }

  std::optional<Node> take_root() { return std::move(m_root); }

 private:
  struct Open {
    Node node;
    YAML::anchor_t anchor = 0;
    std::size_t start = 0;
  };

  static void set_mark(Node& n, const YAML::Mark& mark) {
    n.line = mark.line < 0 ? 0 : mark.line;
    n.column = mark.column < 0 ? 0 : mark.column;
  }

  void check_node_limit(const YAML::Mark& mark) const {
    if (m_nodes > m_limits.max_nodes) {
      throw StopReading{
          RawProblem{mark_line(mark), mark_column(mark),
                     "manifest has more than " + std::to_string(m_limits.max_nodes) + " YAML nodes",
                     "split the manifest into several files"}};
    }
  }

  std::size_t count_node(const YAML::Mark& mark) {
    const std::size_t start = m_nodes++;
    check_node_limit(mark);
    return start;
  }

  void open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(m_stack.size()) + 1 > m_limits.max_depth) {
      throw StopReading{
          RawProblem{mark_line(mark), mark_column(mark),
                     "nesting is deeper than " + std::to_string(m_limits.max_depth) + " levels",
                     "a manifest needs only a few levels; flatten the structure"}};
    }
    Open o;
    o.node.kind = kind;
    // Most manifest mappings (groups) hold two keys: one allocation instead of three.
    if (kind == NodeKind::mapping) o.node.children.reserve(4);
    set_mark(o.node, mark);
    o.anchor = anchor;
    o.start = count_node(mark);
    m_stack.push_back(std::move(o));
  }

  void close() {
    Open o = std::move(m_stack.back());
    m_stack.pop_back();
    finish(std::move(o.node), o.anchor, o.start);
  }

  void finish(Node n, YAML::anchor_t anchor, std::size_t start) {
    if (anchor != 0) m_anchors[anchor] = {n, m_nodes - start};
    add(std::move(n));
  }

  void add(Node n) {
    if (m_stack.empty()) {
      m_root = std::move(n);
    } else {
      m_stack.back().node.children.push_back(std::move(n));
    }
  }

  const LoadLimits& m_limits;
  std::size_t m_nodes = 0;
  std::size_t m_alias_nodes = 0;
  int m_documents = 0;
  std::vector<Open> m_stack;
  std::unordered_map<YAML::anchor_t, std::pair<Node, std::size_t>> m_anchors;
  std::optional<Node> m_root;
};

std::string hint_for_parser_message(const std::string& msg) {
  if (msg.find("end of sequence flow") != std::string::npos)
    return "a '[' is not closed by a matching ']'";
  if (msg.find("end of map flow") != std::string::npos)
    return "a '{' is not closed by a matching '}'";
  if (msg.find("illegal map value") != std::string::npos) {
    return "a ':' is out of place; check the indentation, and quote values that contain ': '";
  }
  if (msg.find("anchor") != std::string::npos)
    return "define the anchor with &name before using *name";
  if (msg.find("end of") != std::string::npos && msg.find("quote") != std::string::npos) {
    return "a quoted string is not closed";
  }
  return "check the indentation and quoting around this position";
}

}  // namespace

YamlReadResult read_yaml(std::string_view text, const LoadLimits& limits) {
  YamlReadResult result;
  if (auto problem = prescan(text, limits)) {
    result.problem = std::move(problem);
    return result;
  }
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(limits);
    while (parser.HandleNextDocument(builder)) {
    }
    result.root = builder.take_root();
  } catch (const StopReading& stop) {
    result.problem = stop.problem;
  } catch (const YAML::Exception& e) {
    result.problem = RawProblem{e.mark.line, e.mark.column, "invalid YAML: " + e.msg,
                                hint_for_parser_message(e.msg)};
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    result.problem = RawProblem{-1, -1, std::string("invalid YAML: ") + e.what(), ""};
  }
  return result;
}

}  // namespace loadero_sync::manifest_detail
