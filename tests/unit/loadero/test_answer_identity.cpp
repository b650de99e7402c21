// An answer must be the resource asked for: an "id", the route's id, the route's parent ids.
// Anything else is an ApiError(invalid_response) naming the request, never a resource with id 0.

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "client_fixture.hpp"
#include "fake_transport.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "loadero/group.hpp"
#include "loadero/participant.hpp"
#include "loadero/project.hpp"
#include "loadero/test.hpp"

using loadero::ApiClient;
using loadero::ApiError;
using loadero::GroupAPI;
using loadero::GroupParams;
using loadero::HttpRequest;
using loadero::ParticipantAPI;
using loadero::TestAPI;
using loadero_test::config_for;
using loadero_test::FakeTransport;
using loadero_test::json_answer;

namespace {

const std::string base = "https://api.loadero.com/v2/";

// A client whose every request, whatever its route or method, is answered 200 with `body`.
struct Answering {
  explicit Answering(std::string body)
      : transport(std::make_shared<FakeTransport>(
            [body = std::move(body)](const HttpRequest&) { return json_answer(200, body); })),
        client(config_for(base), transport) {}

  std::shared_ptr<FakeTransport> transport;
  ApiClient client;
};

const GroupParams group_48797 = GroupParams({.group_id = 48797, .test_id = 6866});

}  // namespace

TEST_CASE("a test answer without id is refused instead of read as test 0") {
  Answering api(R"({"project_id": 5040, "name": "Smoke"})");
  CHECK_THROWS_WITH_AS(TestAPI(api.client).read(6866),
                       "GET projects/5040/tests/6866/: invalid response: test has no \"id\"",
                       ApiError);
}

TEST_CASE("a test answer with another id than the route's is refused") {
  Answering api(R"({"id": 6867, "project_id": 5040, "name": "Video call"})");
  CHECK_THROWS_WITH_AS(TestAPI(api.client).read(6866),
                       "GET projects/5040/tests/6866/: invalid response: test has id 6867 instead "
                       "of 6866",
                       ApiError);
}

TEST_CASE("a test answer of another project is refused") {
  Answering api(R"({"id": 6866, "project_id": 1, "name": "Smoke"})");
  CHECK_THROWS_WITH_AS(TestAPI(api.client).read(6866),
                       "GET projects/5040/tests/6866/: invalid response: test 6866 has project_id "
                       "1 instead of 5040",
                       ApiError);
}

TEST_CASE("an invalid_response for a wrong id is neither retryable nor of unknown outcome") {
  Answering api(R"({"id": 5, "test_id": 6866, "name": "a", "count": 1})");
  const auto error = loadero_test::catch_api_error([&] { GroupAPI(api.client).read(group_48797); });
  CHECK(error.kind() == ApiError::Kind::invalid_response);
  CHECK_FALSE(error.retryable());
  CHECK_FALSE(error.outcome_unknown());
}

TEST_CASE("a group read answering another group id is refused") {
  Answering api(R"({"id": 5, "test_id": 6866, "name": "a", "count": 1})");
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read(group_48797),
                       "GET projects/5040/tests/6866/groups/48797/: invalid response: group has id "
                       "5 instead of 48797",
                       ApiError);
}

TEST_CASE("a group update answering another group id is refused") {
  Answering api(R"({"id": 5, "test_id": 6866, "name": "a", "count": 2})");
  GroupParams update = group_48797;
  update.with_name("a").with_count(2);
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).update(update),
                       "PUT projects/5040/tests/6866/groups/48797/: invalid response: group has id "
                       "5 instead of 48797",
                       ApiError);
}

TEST_CASE("a group read answering without id is refused") {
  Answering api(R"({"test_id": 6866, "name": "a", "count": 1})");
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read(group_48797),
                       "GET projects/5040/tests/6866/groups/48797/: invalid response: group has no "
                       "\"id\"",
                       ApiError);
}

TEST_CASE("a group create answering without id is refused") {
  Answering api(R"({"test_id": 6866, "name": "a", "count": 1})");
  CHECK_THROWS_WITH_AS(
      GroupAPI(api.client).create(GroupParams().in_test(6866).with_name("a").with_count(1)),
      "POST projects/5040/tests/6866/groups/: invalid response: group has no \"id\"", ApiError);
}

TEST_CASE("a group copy answering without id is refused") {
  Answering api(R"({"test_id": 6866, "name": "b", "count": 1})");
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).duplicate(group_48797, "b"),
                       "POST projects/5040/tests/6866/groups/48797/copy/: invalid response: group "
                       "has no \"id\"",
                       ApiError);
}

TEST_CASE("a group answer of another test than the route's is refused") {
  Answering api(R"({"id": 48797, "test_id": 7, "name": "a", "count": 1})");
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read(group_48797),
                       "GET projects/5040/tests/6866/groups/48797/: invalid response: group 48797 "
                       "has test_id 7 instead of 6866",
                       ApiError);
}

TEST_CASE("a group in a list page without id is refused") {
  Answering api(R"({"results": [{"id": 1, "name": "a", "count": 1}, {"name": "b", "count": 1}]})");
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: group has no "
                       "\"id\"",
                       ApiError);
}

TEST_CASE("a group of another test in a paged list is refused") {
  Answering api(
      R"({"pagination": {"limit": 100, "offset": 0, "page": 1, "total_pages": 1, "total_items": 1},
          "results": [{"id": 1, "test_id": 6867, "name": "a", "count": 1}]})");
  CHECK_THROWS_WITH_AS(GroupAPI(api.client).read_all_pages(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: group 1 has "
                       "test_id 6867 instead of 6866",
                       ApiError);
}

TEST_CASE("a test without id in the tests list is refused") {
  Answering api(
      R"({"pagination": {"limit": 100, "offset": 0, "page": 1, "total_pages": 1, "total_items": 1},
          "results": [{"project_id": 5040, "name": "Smoke"}]})");
  CHECK_THROWS_WITH_AS(TestAPI(api.client).read_all_pages(),
                       "GET projects/5040/tests/: invalid response: test has no \"id\"", ApiError);
}

TEST_CASE("a participant read answering another participant id is refused") {
  Answering api(R"({"id": 94634, "test_id": 6866, "name": "p", "count": 1})");
  CHECK_THROWS_WITH_AS(ParticipantAPI(api.client).read(6866, 94633),
                       "GET projects/5040/tests/6866/participants/94633/: invalid response: "
                       "participant has id 94634 instead of 94633",
                       ApiError);
}

TEST_CASE("a participant of another group than the route's is refused") {
  Answering api(R"({"id": 94633, "test_id": 6866, "group_id": 5, "name": "p", "count": 1})");
  CHECK_THROWS_WITH_AS(ParticipantAPI(api.client).read(6866, 94633, 48797),
                       "GET projects/5040/tests/6866/groups/48797/participants/94633/: invalid "
                       "response: participant 94633 has group_id 5 instead of 48797",
                       ApiError);
}

TEST_CASE("a participant in no group is read at test scope") {
  Answering api(R"({"id": 94633, "test_id": 6866, "name": "p", "count": 1})");
  CHECK_FALSE(ParticipantAPI(api.client).read(6866, 94633).group_id().has_value());
}

TEST_CASE("a project answer without id is refused") {
  Answering api(R"({"name": "Project"})");
  CHECK_THROWS_WITH_AS(loadero::ProjectAPI(api.client).read(),
                       "GET projects/5040/: invalid response: project has no \"id\"", ApiError);
}

TEST_CASE("a project answer with another id is refused") {
  Answering api(R"({"id": 5041, "name": "Project"})");
  CHECK_THROWS_WITH_AS(loadero::ProjectAPI(api.client).read(),
                       "GET projects/5040/: invalid response: project has id 5041 instead of 5040",
                       ApiError);
}
