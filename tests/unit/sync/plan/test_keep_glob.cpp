#include <doctest/doctest.h>

#include "keep_glob.hpp"

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
