#include <doctest/doctest.h>

#include "loadero_sync/text.hpp"

using loadero_sync::plural;
using loadero_sync::printable;
using loadero_sync::quote_name;
using loadero_sync::test_label;

TEST_CASE("quote_name escapes quotes, backslashes and control bytes") {
  CHECK(quote_name("Callers") == "\"Callers\"");
  CHECK(quote_name("a \"b\" \\c") == "\"a \\\"b\\\" \\\\c\"");
  CHECK(quote_name("line\nbreak\ttab\x1b[31m") == "\"line\\nbreak\\ttab\\x1b[31m\"");
  CHECK(quote_name("") == "\"\"");
  CHECK(quote_name("Zürich") == "\"Zürich\"");
}

TEST_CASE("printable writes control bytes visibly and leaves the rest") {
  CHECK(printable("a\nb\x7f") == "a\\nb\\x7f");
  CHECK(printable("plain \"text\"") == "plain \"text\"");
}

TEST_CASE("a test label names the id, the name, or both") {
  CHECK(test_label(6866, "Checkout flow") == "test 6866 \"Checkout flow\"");
  CHECK(test_label(6866) == "test 6866");
  CHECK(test_label(std::nullopt, "Checkout flow") == "test \"Checkout flow\"");
}

TEST_CASE("plural adds an s except for one") {
  CHECK(plural(0, "group") == "0 groups");
  CHECK(plural(1, "group") == "1 group");
  CHECK(plural(2, "test") == "2 tests");
}

TEST_CASE("join_ids lists ids sorted, or says none") {
  CHECK(loadero_sync::join_ids({12, 11, 40}) == "11, 12, 40");
  CHECK(loadero_sync::join_ids({}) == "none");
}
