// Pages that do not add up are an ApiError(invalid_response) naming the route, never a silently
// partial list: an empty page while items remain, totals out of bounds, ids that repeat.

#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client_fixture.hpp"
#include "fake_transport.hpp"
#include "group_answers.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "loadero/group.hpp"
#include "loadero/pagination.hpp"

using loadero::ApiClient;
using loadero::ApiError;
using loadero::GroupAPI;
using loadero::HttpRequest;
using loadero::HttpResponse;
using loadero::PaginationParams;
using loadero_test::config_for;
using loadero_test::FakeTransport;
using loadero_test::group_json;
using loadero_test::json_answer;
using loadero_test::page_json;

namespace {

const std::string base = "https://api.loadero.com/v2/";
const std::string groups = "projects/5040/tests/6866/groups/";

// A client over a transport that answers each request with `answer` (route with its query).
struct Paged {
  explicit Paged(std::function<std::string(const std::string& route)> answer)
      : transport(std::make_shared<FakeTransport>(
            [answer = std::move(answer)](const HttpRequest& request) -> HttpResponse {
              return json_answer(200, answer(request.route));
            })),
        client(config_for(base), transport) {}

  std::size_t requests() const { return transport->requests().size(); }

  std::shared_ptr<FakeTransport> transport;
  ApiClient client;
};

std::string pagination_only(const std::string& pagination) {
  return R"({"results": [], "pagination": )" + pagination + "}";
}

}  // namespace

TEST_CASE("an empty page while total_items says items remain is refused") {
  Paged api([](const std::string& route) {
    if (route == groups + "?limit=2&offset=0")
      return page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 5, 10);
    return page_json({}, 2, 2, 2, 5, 10);
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866, {}, 2),
                       "GET projects/5040/tests/6866/groups/: invalid response: the page at "
                       "offset 2 is empty, but total_items is 10",
                       ApiError);
  CHECK(api.requests() == 2);
}

TEST_CASE("an empty page while total_pages says pages remain is refused") {
  Paged api([](const std::string& route) {
    if (route == groups + "?limit=2&offset=0")
      return page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 3, std::nullopt);
    return page_json({}, 2, 2, 2, 3, std::nullopt);
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866, {}, 2),
                       "GET projects/5040/tests/6866/groups/: invalid response: page 2 (offset 2) "
                       "is empty, but total_pages is 3",
                       ApiError);
}

TEST_CASE("an empty first page of a list that says it has items is refused") {
  Paged api([](const std::string&) { return page_json({}, 2, 0, 1, 2, 3); });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866, {}, 2),
                       "GET projects/5040/tests/6866/groups/: invalid response: the page at "
                       "offset 0 is empty, but total_items is 3",
                       ApiError);
}

TEST_CASE("an empty page after total_items changed is read again from the start") {
  // Group 3 is deleted between the two pages of the first read: the second page comes back empty
  // with the new total, which is an edit, not a broken server.
  std::atomic<int> calls{0};
  Paged api([&calls](const std::string& route) {
    const int call = ++calls;
    if (route == groups + "?limit=2&offset=0")
      return page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, call == 1 ? 2 : 1,
                       call == 1 ? 3 : 2);
    return page_json({}, 2, 2, 2, 1, 2);
  });
  CHECK(GroupAPI(api.client).read_all_pages(6866, {}, 2).size() == 2);
  CHECK(api.requests() == 3);
}

TEST_CASE("total_items beyond the cap is refused before any item is used") {
  Paged api([](const std::string&) {
    return page_json({group_json(1, "a")}, 1, 0, 1, 1, PaginationParams::max_total_items + 1);
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: pagination field "
                       "'total_items' is 100001, beyond the cap of 100000",
                       ApiError);
  CHECK(api.requests() == 1);
}

TEST_CASE("total_pages beyond the cap is refused") {
  Paged api([](const std::string&) {
    return page_json({group_json(1, "a")}, 1, 0, 1, PaginationParams::max_total_pages + 1,
                     std::nullopt);
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: pagination field "
                       "'total_pages' is 10001, beyond the cap of 10000",
                       ApiError);
}

TEST_CASE("a negative total_items is refused") {
  Paged api([](const std::string&) {
    return pagination_only(R"({"limit": 1, "offset": 0, "page": 1, "total_pages": 1,
                               "total_items": -1})");
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: pagination field "
                       "'total_items' is negative (-1)",
                       ApiError);
}

TEST_CASE("a negative total_pages is refused") {
  Paged api([](const std::string&) {
    return pagination_only(R"({"limit": 1, "offset": 0, "page": 1, "total_pages": -3})");
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: pagination field "
                       "'total_pages' is negative (-3)",
                       ApiError);
}

TEST_CASE("the caps apply to a single read_all page too") {
  Paged api([](const std::string&) {
    return pagination_only(R"({"limit": 0, "offset": 0, "page": 1, "total_pages": 1,
                               "total_items": 1000000000})");
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: pagination field "
                       "'total_items' is 1000000000, beyond the cap of 100000",
                       ApiError);
}

TEST_CASE("pagination numbers at the caps are accepted") {
  const auto pagination = PaginationParams::from_json(nlohmann::json::parse(
      R"({"limit": 10, "offset": 0, "page": 1, "total_pages": 10000, "total_items": 100000})"));
  CHECK(pagination.total_pages == PaginationParams::max_total_pages);
  CHECK(pagination.total_items == PaginationParams::max_total_items);
  CHECK_THROWS_WITH_AS(PaginationParams::from_json(nlohmann::json::parse(R"({"offset": -2})")),
                       "pagination field 'offset' is negative (-2)", std::invalid_argument);
}

TEST_CASE("pages that repeat ids in every read name the route and the ids") {
  // Every page after the first carries the first page's groups again, as a server that pages
  // wrongly would.
  Paged api([](const std::string& route) {
    if (route == groups + "?limit=2&offset=0")
      return page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 2, 4);
    return page_json({group_json(1, "a"), group_json(2, "b"), group_json(3, "c")}, 2, 2, 2, 2, 4);
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866, {}, 2),
                       "GET projects/5040/tests/6866/groups/: invalid response: the page at "
                       "offset 2 repeats ids listed before: 1, 2 (read 3 times from the start; "
                       "the list kept changing, or the server pages wrongly)",
                       ApiError);
  CHECK(api.requests() == 6);
}

TEST_CASE("an id repeated within one page is named too") {
  Paged api([](const std::string&) {
    return page_json({group_json(7, "a"), group_json(7, "a")}, 2, 0, 1, 1, 2);
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866, {}, 2),
                       "GET projects/5040/tests/6866/groups/: invalid response: the page at "
                       "offset 0 repeats an id listed before: 7 (read 3 times from the start; "
                       "the list kept changing, or the server pages wrongly)",
                       ApiError);
}

TEST_CASE("a message names at most ten repeated ids") {
  Paged api([](const std::string& route) {
    std::vector<std::string> first;
    for (int id = 1; id <= 12; ++id) first.push_back(group_json(id, "g"));
    if (route == groups + "?limit=12&offset=0") return page_json(first, 12, 0, 1, 2, 24);
    first.push_back(group_json(13, "g"));
    return page_json(first, 12, 12, 2, 2, 24);
  });
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866, {}, 12),
                       "GET projects/5040/tests/6866/groups/: invalid response: the page at "
                       "offset 12 repeats ids listed before: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 "
                       "more (read 3 times from the start; the list kept changing, or the server "
                       "pages wrongly)",
                       ApiError);
}
