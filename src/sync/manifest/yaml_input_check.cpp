#include "yaml_input_check.hpp"

#include <cstdio>
#include <vector>

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

}  // namespace

// Byte-level checks that must happen before the YAML parser sees the text: nesting is bounded here
// without recursion (a 100k-deep `[[[[...` must cost nothing), and the parser's messages for tabs
// and encoding problems are poor.
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

}  // namespace loadero_sync::manifest_detail
