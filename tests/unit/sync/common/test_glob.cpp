#include <doctest/doctest.h>

#include <string>

#include "loadero_sync/glob.hpp"

using loadero_sync::glob_error;
using loadero_sync::glob_match;

TEST_CASE("a star matches any run of characters, also an empty one") {
  CHECK(glob_match("manual-*", "manual-"));
  CHECK(glob_match("manual-*", "manual-EU callers"));
  CHECK_FALSE(glob_match("manual-*", "Manual-EU"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("*-*-*", "a-b-c"));
  CHECK_FALSE(glob_match("*-*-*", "a-b"));
  CHECK(glob_match("a*b*c", "aXXbYYbZZc"));
  CHECK(glob_match("a/*", "a/b/c"));
}

TEST_CASE("a question mark matches exactly one character") {
  CHECK(glob_match("g?", "g1"));
  CHECK_FALSE(glob_match("g?", "g"));
  CHECK_FALSE(glob_match("g?", "g12"));
}

TEST_CASE("a set matches one character of it, ranges and negation included") {
  CHECK(glob_match("[abc]x", "bx"));
  CHECK_FALSE(glob_match("[abc]x", "dx"));
  CHECK(glob_match("g[0-9]", "g7"));
  CHECK_FALSE(glob_match("g[0-9]", "ga"));
  CHECK(glob_match("g[!0-9]", "ga"));
  CHECK(glob_match("g[^0-9]", "ga"));
  CHECK_FALSE(glob_match("g[!0-9]", "g5"));
  CHECK(glob_match("[]]", "]"));
  CHECK(glob_match("[a-]", "-"));
}

TEST_CASE("a backslash makes the next character literal") {
  CHECK(glob_match("\\*", "*"));
  CHECK_FALSE(glob_match("\\*", "x"));
  CHECK(glob_match("a\\[b", "a[b"));
}

TEST_CASE("matching is whole-name and case-sensitive") {
  CHECK_FALSE(glob_match("call", "callers"));
  CHECK_FALSE(glob_match("Callers", "callers"));
  CHECK(glob_match("Callers", "Callers"));
}

TEST_CASE("malformed patterns are explained and match nothing") {
  CHECK(glob_error("") == "empty pattern");
  CHECK(glob_error("ab[cd") == "unclosed '[' at offset 2");
  CHECK(glob_error("[]") == "unclosed '[' at offset 0");
  CHECK(glob_error("x\\") == "trailing backslash");
  CHECK(glob_error("[z-a]") == "reversed range 'z-a' at offset 0");
  CHECK_FALSE(glob_error("manual-*").has_value());
  CHECK_FALSE(glob_match("ab[cd", "ab[cd"));
  CHECK_FALSE(glob_match("", ""));
}

TEST_CASE("many stars against a long name stay fast") {
  const std::string pattern = std::string(50, '*') + "a" + std::string(50, '*') + "b";
  const std::string text(100000, 'a');
  CHECK_FALSE(glob_match(pattern, text));
  CHECK(glob_match(pattern, text + "b"));
}
