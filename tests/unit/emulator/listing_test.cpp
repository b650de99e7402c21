#include "listing.hpp"

#include <doctest/doctest.h>

#include <string>

#include "http_errors.hpp"

using loadero_emulator::ApiRequest;
using loadero_emulator::detail::contains_any_ignoring_case;
using loadero_emulator::detail::filter_echo;
using loadero_emulator::detail::FilterField;
using loadero_emulator::detail::FilterKind;
using loadero_emulator::detail::HttpError;
using loadero_emulator::detail::paged;
using loadero_emulator::detail::query_number;
using loadero_emulator::detail::read_filter;
using json = nlohmann::ordered_json;

namespace {

ApiRequest with_query(std::vector<std::pair<std::string, std::string>> query) {
  return ApiRequest{"GET", "/v2/projects/1/tests/", std::move(query), "", ""};
}

// The message of the HttpError `call` throws; "" when it throws none.
template <typename Call>
std::string error_of(Call call) {
  try {
    call();
  } catch (const HttpError& error) {
    CHECK(error.status == 400);
    return error.message;
  }
  return "";
}

struct Item {
  std::string name;
  std::int64_t size = 0;
  bool open = false;
};

const std::vector<FilterField<Item>> k_fields{
    {"name", FilterKind::text_contains, [](const Item& i) { return i.name; }},
    {"size_from", FilterKind::integer_from, {}, [](const Item& i) { return i.size; }},
    {"size_to", FilterKind::integer_to, {}, [](const Item& i) { return i.size; }},
    {"open", FilterKind::flag, {}, {}, [](const Item& i) { return i.open; }},
};

json list(const std::vector<Item>& items, std::vector<std::pair<std::string, std::string>> query,
          std::optional<std::int64_t> max_page_size = std::nullopt) {
  std::vector<const Item*> candidates;
  for (const auto& item : items) candidates.push_back(&item);
  const auto response = paged<Item>(with_query(std::move(query)), candidates, k_fields,
                                    max_page_size, [](const Item& i) { return json(i.name); });
  CHECK(response.status == 200);
  CHECK_FALSE(response.committed_write);
  return json::parse(response.body);
}

}  // namespace

TEST_CASE("a filter the query does not name is absent, and text filters keep every value") {
  const auto request = with_query({{"filter_name", "a"}, {"limit", "2"}, {"filter_name", "B"}});
  CHECK_FALSE(read_filter(request, "browser", FilterKind::text_exact));
  const auto name = read_filter(request, "name", FilterKind::text_contains);
  REQUIRE(name);
  CHECK(name->texts == std::vector<std::string>{"a", "B"});
  CHECK(filter_echo(FilterKind::text_contains, *name) == json::array({"a", "B"}));
}

TEST_CASE("integer filters take the last value, negative ones included, and refuse non-integers") {
  const auto number =
      read_filter(with_query({{"filter_count_from", "3"}, {"filter_count_from", "-2"}}),
                  "count_from", FilterKind::integer_from);
  REQUIRE(number);
  CHECK(number->number == -2);
  CHECK(filter_echo(FilterKind::integer_from, *number) == json(-2));
  CHECK(error_of([] {
          read_filter(with_query({{"filter_count_to", "1.5"}}), "count_to", FilterKind::integer_to);
        }) == R"(filter_count_to must be an integer, got "1.5")");
}

TEST_CASE("flag filters accept true, false, 1 and 0 only") {
  const auto flag = [](const std::string& text) {
    return read_filter(with_query({{"filter_has_group", text}}), "has_group", FilterKind::flag);
  };
  CHECK(flag("true")->truth);
  CHECK(flag("1")->truth);
  CHECK_FALSE(flag("false")->truth);
  CHECK_FALSE(flag("0")->truth);
  CHECK(filter_echo(FilterKind::flag, *flag("1")) == json(true));
  CHECK(error_of([&] { flag("yes"); }) == R"(filter_has_group must be true or false, got "yes")");
}

TEST_CASE("text containment ignores case") {
  CHECK(contains_any_ignoring_case("Load Test", {"xyz", "load"}));
  CHECK(contains_any_ignoring_case("load test", {"TEST"}));
  CHECK_FALSE(contains_any_ignoring_case("load test", {"tests"}));
  CHECK_FALSE(contains_any_ignoring_case("load test", {}));
}

TEST_CASE("limit and offset are the last non-negative integer given") {
  CHECK_FALSE(query_number(with_query({}), "limit"));
  CHECK(query_number(with_query({{"limit", "5"}, {"limit", "0"}}), "limit") == 0);
  CHECK(error_of([] {
          query_number(with_query({{"offset", "-1"}}), "offset");
        }) == R"(offset must be a non-negative integer, got "-1")");
}

TEST_CASE("a paged answer filters, pages and echoes the filters it applied") {
  const std::vector<Item> items{
      {"alpha", 1, true}, {"beta", 5, false}, {"Alps", 9, true}, {"gamma", 3, true}};
  const auto all = list(items, {});
  CHECK(
      all.dump() ==
      R"({"filter":{},"pagination":{"limit":0,"offset":0,"page":1,"total_pages":1,"total_items":4},"results":["alpha","beta","Alps","gamma"]})");
  const auto filtered =
      list(items, {{"filter_open", "true"}, {"filter_name", "AL"}, {"filter_size_to", "8"}});
  CHECK(filtered["filter"].dump() == R"({"name":["AL"],"size_to":8,"open":true})");
  CHECK(filtered["results"] == json::array({"alpha"}));
  const auto page = list(items, {{"limit", "2"}, {"offset", "2"}});
  CHECK(page["pagination"].dump() ==
        R"({"limit":2,"offset":2,"page":2,"total_pages":2,"total_items":4})");
  CHECK(page["results"] == json::array({"Alps", "gamma"}));
  const auto capped = list(items, {{"filter_size_from", "3"}}, 2);
  CHECK(capped["pagination"]["limit"] == 2);
  CHECK(capped["pagination"]["total_items"] == 3);
  CHECK(capped["results"] == json::array({"beta", "Alps"}));
}

TEST_CASE("a filter with echo_under is echoed inside that object, where its first filter stands") {
  const std::vector<FilterField<Item>> fields{
      {.key = "name",
       .kind = FilterKind::text_exact,
       .text = [](const Item& i) { return i.name; },
       .echo_under = "profile"},
      {.key = "size_from",
       .kind = FilterKind::integer_from,
       .number = [](const Item& i) { return i.size; }},
      {.key = "open",
       .kind = FilterKind::flag,
       .truth = [](const Item& i) { return i.open; },
       .echo_under = "profile"},
  };
  const std::vector<Item> items{{"alpha", 1, true}, {"beta", 5, false}, {"gamma", 3, true}};
  std::vector<const Item*> candidates;
  for (const auto& item : items) candidates.push_back(&item);
  const auto answer = [&](std::vector<std::pair<std::string, std::string>> query) {
    return json::parse(paged<Item>(with_query(std::move(query)), candidates, fields, std::nullopt,
                                   [](const Item& i) { return json(i.name); })
                           .body);
  };
  const auto both = answer({{"filter_size_from", "2"},
                            {"filter_name", "gamma"},
                            {"filter_open", "true"},
                            {"filter_name", "beta"}});
  CHECK(both["filter"].dump() ==
        R"({"profile":{"name":["gamma","beta"],"open":true},"size_from":2})");
  CHECK(both["results"] == json::array({"gamma"}));
  CHECK(answer({{"filter_size_from", "2"}})["filter"].dump() == R"({"size_from":2})");
  CHECK(answer({})["filter"].dump() == "{}");
}

TEST_CASE("a bad filter is reported before a bad limit") {
  const std::vector<Item> items;
  CHECK(error_of([&] {
          list(items, {{"limit", "x"}, {"filter_size_from", "y"}});
        }) == R"(filter_size_from must be an integer, got "y")");
}
