// GroupAPI::read_all_pages: following offset pages, and reading again when the list changes.

#include <doctest/doctest.h>

#include "client_fixture.hpp"
#include "group_answers.hpp"
#include "loadero/api_error.hpp"
#include "loadero/group.hpp"
#include "loadero/test.hpp"

using loadero::ApiError;
using loadero::GroupAPI;
using loadero::GroupFilterKey;
using loadero::QueryParams;
using loadero_test::group_json;
using loadero_test::groups_route;
using loadero_test::json_response;
using loadero_test::jv_all_groups_json;
using loadero_test::make_client;
using loadero_test::page_json;
using loadero_test::RecordingServer;

TEST_CASE("read_all_pages follows pages by offset until total_items is reached") {
  RecordingServer server;
  server.set_fallback([](const loadero_test::RecordedRequest& request) {
    if (request.query == "limit=2&offset=0")
      return json_response(200, page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 3, 5));
    if (request.query == "limit=2&offset=2")
      return json_response(200, page_json({group_json(3, "c"), group_json(4, "d")}, 2, 2, 2, 3, 5));
    if (request.query == "limit=2&offset=4")
      return json_response(200, page_json({group_json(5, "e")}, 2, 4, 3, 3, 5));
    return json_response(400, R"({"code": 400, "error": "unexpected query"})");
  });
  auto client = make_client(server.base_url());
  const auto groups = GroupAPI(*client).read_all_pages(6866, {}, 2);
  REQUIRE(groups.size() == 5);
  CHECK(groups[4].name() == "e");
  CHECK(server.request_count() == 3);
}

TEST_CASE("read_all_pages keeps the caller's filters on every page") {
  RecordingServer server;
  server.set_fallback([](const loadero_test::RecordedRequest& request) {
    if (request.query == "limit=1&offset=0&filter_name=a")
      return json_response(200, page_json({group_json(1, "a")}, 1, 0, 1, 2, 2));
    if (request.query == "limit=1&offset=1&filter_name=a")
      return json_response(200, page_json({group_json(2, "a")}, 1, 1, 2, 2, 2));
    return json_response(400, R"({"code": 400, "error": "unexpected query"})");
  });
  auto client = make_client(server.base_url());
  const auto groups = GroupAPI(*client).read_all_pages(
      6866, QueryParams().filter(GroupFilterKey::NAME, "a").limit(50), 1);
  CHECK(groups.size() == 2);
}

TEST_CASE("read_all_pages uses page and total_pages when total_items is missing") {
  RecordingServer server;
  server.set_fallback([](const loadero_test::RecordedRequest& request) {
    if (request.query == "limit=2&offset=0")
      return json_response(
          200, page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 2, std::nullopt));
    if (request.query == "limit=2&offset=2")
      return json_response(
          200, page_json({group_json(3, "c"), group_json(4, "d")}, 2, 2, 2, 2, std::nullopt));
    return json_response(400, R"({"code": 400, "error": "unexpected query"})");
  });
  auto client = make_client(server.base_url());
  const auto groups = GroupAPI(*client).read_all_pages(6866, {}, 2);
  CHECK(groups.size() == 4);
  CHECK(server.request_count() == 2);
}

TEST_CASE("read_all_pages reads an empty list with one request") {
  RecordingServer server;
  server.respond("GET", groups_route, json_response(200, page_json({}, 2, 0, 1, 1, 0)));
  auto client = make_client(server.base_url());
  CHECK(GroupAPI(*client).read_all_pages(6866, {}, 2).empty());
  CHECK(server.request_count() == 1);
}

TEST_CASE("without a page size the first request has no limit and later pages keep the server's") {
  RecordingServer server;
  server.set_fallback([](const loadero_test::RecordedRequest& request) {
    if (request.query.empty())
      return json_response(200, page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 2, 3));
    if (request.query == "limit=2&offset=2")
      return json_response(200, page_json({group_json(3, "c")}, 2, 2, 2, 2, 3));
    return json_response(400, R"({"code": 400, "error": "unexpected query"})");
  });
  auto client = make_client(server.base_url());
  CHECK(GroupAPI(*client).read_all_pages(6866).size() == 3);
  CHECK(server.request_count() == 2);
}

TEST_CASE("without a page size a whole list costs one request") {
  RecordingServer server;
  server.respond(
      "GET", groups_route,
      json_response(200, page_json({group_json(1, "a"), group_json(2, "b")}, 0, 0, 1, 1, 2)));
  auto client = make_client(server.base_url());
  CHECK(GroupAPI(*client).read_all_pages(6866).size() == 2);
  CHECK(server.request_count() == 1);
  CHECK(server.requests().at(0).query.empty());
}

TEST_CASE("read_pages_while stops after the first page when the caller says so") {
  RecordingServer server;
  std::int64_t asked = -1;
  server.set_fallback([](const loadero_test::RecordedRequest& request) {
    if (request.query.empty()) {
      return json_response(200, page_json({R"({"id": 1, "project_id": 5040, "name": "a"})",
                                           R"({"id": 2, "project_id": 5040, "name": "b"})"},
                                          2, 0, 1, 4, 7));
    }
    return json_response(400, R"({"code": 400, "error": "unexpected query"})");
  });
  auto client = make_client(server.base_url());
  const auto listed = loadero::TestAPI(*client).read_pages_while([&](std::int64_t pages_left) {
    asked = pages_left;
    return false;
  });
  CHECK(asked == 3);  // 5 items left at 2 a page
  CHECK_FALSE(listed.complete);
  CHECK(listed.items.size() == 2);
  CHECK(server.request_count() == 1);
}

TEST_CASE("read_all_pages reads everything in one request when the server ignores limit") {
  RecordingServer server;
  server.respond("GET", groups_route, json_response(200, jv_all_groups_json));
  auto client = make_client(server.base_url());
  CHECK(GroupAPI(*client).read_all_pages(6866, {}, 1).size() == 2);
  CHECK(server.request_count() == 1);
}

TEST_CASE("read_all_pages refuses a server that ignores offset instead of looping forever") {
  RecordingServer server;
  server.respond(
      "GET", groups_route,
      json_response(200, page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 3, 6)));
  auto client = make_client(server.base_url());
  CHECK_THROWS_WITH_AS(
      GroupAPI(*client).read_all_pages(6866, {}, 2),
      "GET projects/5040/tests/6866/groups/: invalid response: the page at offset 2 repeats the "
      "previous page (the server ignores offset?)",
      ApiError);
  CHECK(server.request_count() == 2);
}

TEST_CASE("read_all_pages refuses a page size below 1") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  CHECK_THROWS_WITH_AS(GroupAPI(*client).read_all_pages(6866, {}, 0),
                       "page size must be at least 1", std::invalid_argument);
  CHECK(server.request_count() == 0);
}

TEST_CASE("read_all_pages reads again from the start when total_items changes between pages") {
  RecordingServer server;
  int calls = 0;
  server.set_fallback([&calls](const loadero_test::RecordedRequest& request) {
    ++calls;
    const bool after_delete = calls > 1;  // group 3 is deleted right after the first page
    if (request.query == "limit=2&offset=0") {
      return json_response(200, page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1,
                                          after_delete ? 2 : 3, after_delete ? 4 : 5));
    }
    if (request.query == "limit=2&offset=2") {
      return json_response(200, page_json({group_json(4, "d"), group_json(5, "e")}, 2, 2, 2, 2, 4));
    }
    return json_response(400, R"({"code": 400, "error": "unexpected query"})");
  });
  auto client = make_client(server.base_url());
  const auto groups = GroupAPI(*client).read_all_pages(6866, {}, 2);
  std::vector<std::int64_t> ids;
  for (const auto& group : groups) ids.push_back(*group.group_id());
  CHECK(ids == std::vector<std::int64_t>{1, 2, 4, 5});
  CHECK(server.request_count() == 4);
}

TEST_CASE("read_all_pages reads again from the start when an id shows up on two pages") {
  RecordingServer server;
  int calls = 0;
  server.set_fallback([&calls](const loadero_test::RecordedRequest& request) {
    ++calls;
    if (request.query == "limit=2&offset=0") {
      return json_response(
          200, page_json({group_json(1, "a"), group_json(2, "b")}, 2, 0, 1, 2, std::nullopt));
    }
    // The first time, a group created before "a" pushed "b" onto the second page.
    if (calls == 2) {
      return json_response(
          200, page_json({group_json(2, "b"), group_json(3, "c")}, 2, 2, 2, 2, std::nullopt));
    }
    return json_response(200, page_json({group_json(3, "c")}, 2, 2, 2, 2, std::nullopt));
  });
  auto client = make_client(server.base_url());
  CHECK(GroupAPI(*client).read_all_pages(6866, {}, 2).size() == 3);
  CHECK(server.request_count() == 4);
}

TEST_CASE("read_all_pages gives up on a list that keeps changing") {
  RecordingServer server;
  int calls = 0;
  server.set_fallback([&calls](const loadero_test::RecordedRequest& request) {
    ++calls;
    const std::int64_t offset = request.query == "limit=2&offset=0" ? 0 : 2;
    return json_response(200, page_json({group_json(offset + 1, "x"), group_json(offset + 2, "y")},
                                        2, offset, offset / 2 + 1, 3, 5 + calls));
  });
  auto client = make_client(server.base_url());
  CHECK_THROWS_WITH_AS(GroupAPI(*client).read_all_pages(6866, {}, 2),
                       "GET projects/5040/tests/6866/groups/: invalid response: the list kept "
                       "changing while it was read page by page (total_items went from 10 to 11; "
                       "tried 3 times)",
                       ApiError);
  CHECK(server.request_count() == 6);
}
