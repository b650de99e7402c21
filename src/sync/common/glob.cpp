#include "loadero_sync/glob.hpp"

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadero_sync {
namespace {

struct GlobToken {
  enum class Kind { literal, any_one, any_run, set } kind = Kind::literal;
  char literal = 0;
  std::bitset<256> set;  ///< for Kind::set, already negated when the pattern says [!...]
};

struct ParsedGlob {
  std::vector<GlobToken> tokens;
  std::optional<std::string> error;
};

ParsedGlob parse_glob(std::string_view pattern) {
  ParsedGlob out;
  if (pattern.empty()) {
    out.error = "empty pattern";
    return out;
  }
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    GlobToken token;
    if (c == '*') {
      // Runs of '*' mean the same as one; keeping one keeps matching linear in the stars.
      if (!out.tokens.empty() && out.tokens.back().kind == GlobToken::Kind::any_run) continue;
      token.kind = GlobToken::Kind::any_run;
    } else if (c == '?') {
      token.kind = GlobToken::Kind::any_one;
    } else if (c == '\\') {
      if (i + 1 == pattern.size()) {
        out.error = "trailing backslash";
        return out;
      }
      token.literal = pattern[++i];
    } else if (c == '[') {
      const std::size_t open = i;
      std::size_t j = i + 1;
      bool negate = false;
      if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) {
        negate = true;
        ++j;
      }
      token.kind = GlobToken::Kind::set;
      bool first = true;
      bool closed = false;
      for (; j < pattern.size(); ++j) {
        char lo = pattern[j];
        if (lo == ']' && !first) {
          closed = true;
          break;
        }
        first = false;
        if (lo == '\\' && j + 1 < pattern.size()) lo = pattern[++j];
        char hi = lo;
        if (j + 2 < pattern.size() && pattern[j + 1] == '-' && pattern[j + 2] != ']') {
          hi = pattern[j + 2];
          j += 2;
          if (hi == '\\' && j + 1 < pattern.size()) hi = pattern[++j];
          if (static_cast<unsigned char>(hi) < static_cast<unsigned char>(lo)) {
            out.error = std::string("reversed range '") + lo + '-' + hi + "' at offset " +
                        std::to_string(open);
            return out;
          }
        }
        for (unsigned v = static_cast<unsigned char>(lo); v <= static_cast<unsigned char>(hi); ++v)
          token.set.set(v);
      }
      if (!closed) {
        out.error = "unclosed '[' at offset " + std::to_string(open);
        return out;
      }
      if (negate) token.set.flip();
      i = j;
    } else {
      token.literal = c;
    }
    out.tokens.push_back(token);
  }
  return out;
}

bool token_matches(const GlobToken& t, char c) {
  switch (t.kind) {
    case GlobToken::Kind::literal:
      return t.literal == c;
    case GlobToken::Kind::any_one:
      return true;
    case GlobToken::Kind::set:
      return t.set.test(static_cast<unsigned char>(c));
    case GlobToken::Kind::any_run:
      return false;
  }
  return false;
}

}  // namespace

std::optional<std::string> glob_error(std::string_view pattern) {
  return parse_glob(pattern).error;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  const ParsedGlob glob = parse_glob(pattern);
  if (glob.error) return false;
  const std::vector<GlobToken>& tokens = glob.tokens;
  // Greedy matching with one backtrack point (the last '*'): O(|pattern| * |text|) worst case.
  std::size_t t = 0;
  std::size_t s = 0;
  std::size_t star_token = std::string_view::npos;
  std::size_t star_text = 0;
  while (s < text.size()) {
    if (t < tokens.size() && tokens[t].kind == GlobToken::Kind::any_run) {
      star_token = t++;
      star_text = s;
    } else if (t < tokens.size() && token_matches(tokens[t], text[s])) {
      ++t;
      ++s;
    } else if (star_token != std::string_view::npos) {
      t = star_token + 1;
      s = ++star_text;
    } else {
      return false;
    }
  }
  while (t < tokens.size() && tokens[t].kind == GlobToken::Kind::any_run) ++t;
  return t == tokens.size();
}

}  // namespace loadero_sync
