#include <doctest/doctest.h>

#include <random>
#include <string>

#include "keep_glob.hpp"
#include "loadero_sync/manifest.hpp"

using loadero_sync::plan_detail::keep_glob_match;

TEST_CASE("keep globs match whole names with * and ?") {
  CHECK(keep_glob_match("manual-*", "manual-"));
  CHECK(keep_glob_match("manual-*", "manual-qa team"));
  CHECK_FALSE(keep_glob_match("manual-*", "xmanual-qa"));
  CHECK(keep_glob_match("*-eu", "callers-eu"));
  CHECK_FALSE(keep_glob_match("*-eu", "callers-eu2"));
  CHECK(keep_glob_match("a*b*c", "aXXbYYbc"));
  CHECK(keep_glob_match("g?", "g1"));
  CHECK_FALSE(keep_glob_match("g?", "g12"));
  CHECK(keep_glob_match("*", ""));
  CHECK(keep_glob_match("exact", "exact"));
  CHECK_FALSE(keep_glob_match("exact", "Exact"));
}

TEST_CASE("keep globs support sets, ranges, negation and escapes") {
  CHECK(keep_glob_match("tmp-[0-9]", "tmp-7"));
  CHECK_FALSE(keep_glob_match("tmp-[0-9]", "tmp-x"));
  CHECK(keep_glob_match("[!a]x", "bx"));
  CHECK_FALSE(keep_glob_match("[!a]x", "ax"));
  CHECK(keep_glob_match("[^a]x", "bx"));
  CHECK(keep_glob_match("[]]", "]"));
  CHECK(keep_glob_match("\\*", "*"));
  CHECK_FALSE(keep_glob_match("\\*", "x"));
}

TEST_CASE("a malformed keep glob matches nothing") {
  CHECK_FALSE(keep_glob_match("", ""));
  CHECK_FALSE(keep_glob_match("[abc", "a"));
  CHECK_FALSE(keep_glob_match("abc\\", "abc"));
  CHECK_FALSE(keep_glob_match("[z-a]", "m"));
}

TEST_CASE("keep globs match exactly what the manifest's glob_match matches") {
  // The planner may not link the manifest library, so it keeps its own matcher; this keeps the
  // two in step on random patterns built from every special character.
  std::mt19937 rng(4242);
  const std::string pattern_chars = "ab-*?[]!^\\";
  const std::string text_chars = "ab-]![";
  for (int i = 0; i < 20000; ++i) {
    std::string pattern;
    std::string text;
    for (std::size_t n = rng() % 7; n > 0; --n)
      pattern += pattern_chars[rng() % pattern_chars.size()];
    for (std::size_t n = rng() % 6; n > 0; --n) text += text_chars[rng() % text_chars.size()];
    CAPTURE(pattern);
    CAPTURE(text);
    CHECK(keep_glob_match(pattern, text) == loadero_sync::glob_match(pattern, text));
  }
}
