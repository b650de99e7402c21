#include "yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <new>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "loadero_sync/source_text.hpp"

namespace loadero_sync::manifest_detail {
namespace {

constexpr std::size_t npos = std::string_view::npos;

struct LineCol {
  int line = 0;
  int column = 0;
};

LineCol line_col_of(std::string_view text, std::size_t offset) {
  LineCol lc;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.column = static_cast<int>(offset - line_start);
  return lc;
}

RawProblem problem_at(std::string_view text, std::size_t offset, std::string message,
                      std::string hint) {
  const LineCol lc = line_col_of(text, offset);
  return RawProblem{lc.line, lc.column, std::move(message), std::move(hint)};
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// Byte-level checks that must happen before yaml-cpp sees the text: yaml-cpp recurses once per
/// nesting level (a 100k-deep `[[[[...` would overflow the stack) and gives poor messages for
/// tabs and encoding problems.
std::optional<RawProblem> prescan(std::string_view text, const LoadLimits& limits) {
  if (text.size() > limits.max_file_bytes) {
    return RawProblem{
        -1, -1,
        "file is too large (" + std::to_string(text.size()) + " bytes; the limit is " +
            std::to_string(limits.max_file_bytes) + " bytes)",
        "split the manifest into several files and pass them with -f (a directory works too)"};
  }
  if (const std::size_t bad = first_invalid_utf8(text); bad != npos) {
    char byte_text[8];
    std::snprintf(byte_text, sizeof byte_text, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    return problem_at(text, bad, std::string("file is not valid UTF-8 (byte ") + byte_text + ")",
                      "save the manifest as UTF-8");
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      return problem_at(text, i,
                        std::string("control character ") + code + " is not allowed in a manifest",
                        "remove it; a manifest is plain UTF-8 text");
    }
  }

  enum class Quote { none, single, dbl };
  Quote quote = Quote::none;
  int flow_depth = 0;
  bool in_block_scalar = false;
  int block_scalar_indent = 0;
  std::vector<int> indents;

  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t line_offset = pos;
    pos = end + 1;

    std::size_t first = 0;
    while (first < line.size() && is_blank(line[first])) ++first;
    const bool blank = first == line.size() || line[first] == '#';
    const int indent = static_cast<int>(first);

    if (in_block_scalar) {
      if (blank || indent > block_scalar_indent) continue;
      in_block_scalar = false;
    }
    if (quote == Quote::none && !blank) {
      if (const std::size_t tab = line.substr(0, first).find('\t'); tab != npos) {
        return problem_at(text, line_offset + tab, "tab character used for indentation",
                          "YAML indents with spaces only; replace the tab with spaces");
      }
    }
    if (blank && quote == Quote::none) continue;

    std::size_t i = first;
    int depth_here = 0;
    if (quote == Quote::none) {
      while (!indents.empty() && indents.back() > indent) indents.pop_back();
      if (indents.empty() || indents.back() < indent) indents.push_back(indent);
      int dashes = 0;
      while (i < line.size() && (line[i] == '-' || line[i] == '?') &&
             (i + 1 == line.size() || is_blank(line[i + 1]))) {
        if (static_cast<int>(indents.size()) + ++dashes + flow_depth > limits.max_depth) break;
        ++i;
        while (i < line.size() && is_blank(line[i])) ++i;
      }
      depth_here = static_cast<int>(indents.size()) + dashes;
      if (depth_here + flow_depth > limits.max_depth) {
        return problem_at(text, line_offset + i,
                          "nesting is deeper than " + std::to_string(limits.max_depth) + " levels",
                          "a manifest needs only a few levels; flatten the structure");
      }
    }

    for (; i < line.size(); ++i) {
      const char c = line[i];
      if (quote == Quote::single) {
        if (c == '\'') {
          if (i + 1 < line.size() && line[i + 1] == '\'') {
            ++i;
          } else {
            quote = Quote::none;
          }
        }
        continue;
      }
      if (quote == Quote::dbl) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          quote = Quote::none;
        }
        continue;
      }
      const bool token_start = i == first || is_blank(line[i - 1]) || line[i - 1] == '[' ||
                               line[i - 1] == '{' || line[i - 1] == ',';
      if (c == '#' && (i == 0 || is_blank(line[i - 1]))) break;
      if ((c == '"' || c == '\'') && token_start) {
        quote = c == '"' ? Quote::dbl : Quote::single;
      } else if ((c == '[' || c == '{') && (flow_depth > 0 || token_start)) {
        ++flow_depth;
        if (depth_here + flow_depth > limits.max_depth) {
          return problem_at(
              text, line_offset + i,
              "nesting is deeper than " + std::to_string(limits.max_depth) + " levels",
              "a manifest needs only a few levels; flatten the structure");
        }
      } else if ((c == ']' || c == '}') && flow_depth > 0) {
        --flow_depth;
      }
    }

    if (quote == Quote::none && flow_depth == 0) {
      // A block scalar header (`key: |`, `- >-`): its content lines are text, not structure.
      std::string_view content = line;
      if (const std::size_t hash = content.find(" #"); hash != npos)
        content = content.substr(0, hash);
      while (!content.empty() && is_blank(content.back())) content.remove_suffix(1);
      std::size_t k = content.size();
      while (k > 0 && (content[k - 1] == '+' || content[k - 1] == '-' ||
                       (content[k - 1] >= '1' && content[k - 1] <= '9'))) {
        --k;
      }
      if (k > 0 && (content[k - 1] == '|' || content[k - 1] == '>') &&
          (k == 1 || is_blank(content[k - 2]))) {
        in_block_scalar = true;
        block_scalar_indent = indent;
      }
    }
  }
  return std::nullopt;
}

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

bool all_of_chars(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

constexpr std::string_view k_digits = "0123456789";

std::optional<Scalar> as_integer(std::string_view text) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  int base = 10;
  if (!negative && text.front() != '+' && body.size() > 2 && body[0] == '0' &&
      (body[1] == 'x' || body[1] == 'o')) {
    base = body[1] == 'x' ? 16 : 8;
    body.remove_prefix(2);
    if (!all_of_chars(body, base == 16 ? "0123456789abcdefABCDEF" : "01234567"))
      return std::nullopt;
  } else if (!all_of_chars(body, k_digits)) {
    return std::nullopt;
  }
  Scalar s;
  s.type = Scalar::Type::integer;
  // Accumulate as a negative number so INT64_MIN fits; overflow is reported, not wrapped.
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t value = 0;
  for (const char c : body) {
    const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (value < (min + digit) / base) {
      s.type = Scalar::Type::invalid;
      s.problem = "is beyond the integer range";
      s.hint =
          "numbers in a manifest (ids, counts) are whole numbers from 1 to 9223372036854775807";
      return s;
    }
    value = value * base - digit;
  }
  if (!negative) {
    if (value == min) {
      s.type = Scalar::Type::invalid;
      s.problem = "is beyond the integer range";
      s.hint =
          "numbers in a manifest (ids, counts) are whole numbers from 1 to 9223372036854775807";
      return s;
    }
    value = -value;
  }
  s.integer = value;
  return s;
}

std::optional<Scalar> as_float(std::string_view text) {
  std::string_view body = text;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) body.remove_prefix(1);
  Scalar s;
  s.type = Scalar::Type::number;
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    s.number = text.front() == '-' ? -std::numeric_limits<double>::infinity()
                                   : std::numeric_limits<double>::infinity();
    return s;
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    s.number = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  // [0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)? with at least one digit before the exponent.
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    if (!all_of_chars(body.substr(i), k_digits)) return std::nullopt;
    i = body.size();
  }
  if (i != body.size()) return std::nullopt;
  s.number = std::strtod(std::string(text).c_str(), nullptr);
  return s;
}

Scalar plain_scalar(std::string_view text) {
  Scalar s;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return s;
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
      text == "FALSE") {
    s.type = Scalar::Type::boolean;
    s.boolean = text.front() == 't' || text.front() == 'T';
    return s;
  }
  if (auto i = as_integer(text)) return *i;
  if (auto f = as_float(text)) return *f;
  s.type = Scalar::Type::string;
  return s;
}

}  // namespace

Scalar resolve_scalar(const Node& node) {
  Scalar s;
  if (node.kind != NodeKind::scalar) return s;
  if (node.tag.empty()) {
    if (node.style == ScalarStyle::quoted) {
      s.type = Scalar::Type::string;
      return s;
    }
    return plain_scalar(node.text);
  }
  constexpr std::string_view core = "tag:yaml.org,2002:";
  const std::string_view tag = node.tag;
  if (tag.substr(0, core.size()) == core) {
    const std::string_view kind = tag.substr(core.size());
    if (kind == "str") {
      s.type = Scalar::Type::string;
      return s;
    }
    const Scalar resolved = plain_scalar(node.text);
    const bool fits = (kind == "int" && resolved.type == Scalar::Type::integer) ||
                      (kind == "int" && resolved.type == Scalar::Type::invalid) ||
                      (kind == "bool" && resolved.type == Scalar::Type::boolean) ||
                      (kind == "null" && resolved.type == Scalar::Type::null) ||
                      (kind == "float" && (resolved.type == Scalar::Type::number ||
                                           resolved.type == Scalar::Type::integer));
    if (fits) {
      Scalar out = resolved;
      if (kind == "float" && out.type == Scalar::Type::integer) {
        out.type = Scalar::Type::number;
        out.number = static_cast<double>(out.integer);
      }
      return out;
    }
    s.type = Scalar::Type::invalid;
    s.problem = "is not a valid !!" + std::string(kind);
    s.hint = "remove the tag or fix the value";
    return s;
  }
  s.type = Scalar::Type::invalid;
  s.problem = "has the unsupported tag '" + std::string(tag) + "'";
  s.hint = "remove the tag; a manifest needs no YAML tags";
  return s;
}

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
