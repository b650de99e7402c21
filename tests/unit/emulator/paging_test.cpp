#include "paging.hpp"

#include <doctest/doctest.h>

using loadero_emulator::compute_page;
using loadero_emulator::parse_non_negative;

TEST_CASE("an omitted limit returns every item on one page, reported as limit 0") {
  const auto window = compute_page(7, std::nullopt, 0, std::nullopt);
  CHECK(window.begin == 0);
  CHECK(window.end == 7);
  CHECK(window.limit == 0);
  CHECK(window.page == 1);
  CHECK(window.total_pages == 1);
  CHECK(window.total_items == 7);
}

TEST_CASE("a limit pages the list and reports the page and page count") {
  const auto window = compute_page(7, 3, 3, std::nullopt);
  CHECK(window.begin == 3);
  CHECK(window.end == 6);
  CHECK(window.limit == 3);
  CHECK(window.offset == 3);
  CHECK(window.page == 2);
  CHECK(window.total_pages == 3);
  const auto last = compute_page(7, 3, 6, std::nullopt);
  CHECK(last.begin == 6);
  CHECK(last.end == 7);
  CHECK(last.page == 3);
}

TEST_CASE("max page size caps an omitted limit and a larger limit, and reports the cap") {
  const auto omitted = compute_page(10, std::nullopt, 0, 4);
  CHECK(omitted.end == 4);
  CHECK(omitted.limit == 4);
  CHECK(omitted.total_pages == 3);
  const auto larger = compute_page(10, 100, 8, 4);
  CHECK(larger.begin == 8);
  CHECK(larger.end == 10);
  CHECK(larger.limit == 4);
  CHECK(larger.page == 3);
  const auto smaller = compute_page(10, 2, 0, 4);
  CHECK(smaller.limit == 2);
  CHECK(smaller.end == 2);
}

TEST_CASE("an offset past the end gives an empty page and an empty list has one page") {
  const auto past = compute_page(3, 2, 10, std::nullopt);
  CHECK(past.begin == 3);
  CHECK(past.end == 3);
  const auto empty = compute_page(0, 5, 0, std::nullopt);
  CHECK(empty.begin == 0);
  CHECK(empty.end == 0);
  CHECK(empty.total_pages == 1);
}

TEST_CASE("query numbers must be plain non-negative decimal integers") {
  CHECK(parse_non_negative("0") == 0);
  CHECK(parse_non_negative("25") == 25);
  CHECK_FALSE(parse_non_negative(""));
  CHECK_FALSE(parse_non_negative("-1"));
  CHECK_FALSE(parse_non_negative("+1"));
  CHECK_FALSE(parse_non_negative("1.5"));
  CHECK_FALSE(parse_non_negative(" 1"));
  CHECK_FALSE(parse_non_negative("9999999999999999999999"));
}
