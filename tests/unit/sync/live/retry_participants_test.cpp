// RetryingGateway's participant operations: retried like the group ones, and a create whose answer
// was lost settled by listing its group's participants, never by a second POST.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fake_gateway.hpp"
#include "loadero_sync/retry.hpp"

using namespace loadero_test;
using loadero_sync::Deletion;
using loadero_sync::LiveParticipant;
using loadero_sync::ParticipantField;
using loadero_sync::ParticipantSettings;
using loadero_sync::ParticipantState;
using loadero_sync::RetryingGateway;
using loadero_sync::RetryPolicy;
using std::chrono::milliseconds;

namespace {

RetryPolicy policy(int retries) {
  RetryPolicy p;
  p.max_retries = retries;
  p.base_delay = milliseconds(100);
  p.max_delay = milliseconds(1000);
  return p;
}

ParticipantSettings browser(std::string value) {
  ParticipantSettings settings;
  settings.set(ParticipantField::browser, std::move(value));
  return settings;
}

const std::string participants_route = "projects/5040/tests/1/participants/";

// Test 1 with group 10 "Callers" holding participant 20 "Caller".
FakeGateway& one_group(FakeGateway& fake) {
  fake.add_test(1, "a", {{10, "Callers", 1, 1}});
  fake.set_participants(1, {{20, 10, "Caller", 1, browser("chromeLatest")}});
  return fake;
}

}  // namespace

TEST_CASE("participant lists are retried on 429, 5xx and network errors") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("list_participants", http_error(429, "GET", participants_route, 0.5));
  fake.fail("list_group_participants",
            timeout_error("GET", "projects/5040/tests/1/groups/10/participants/"));
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  const std::vector<LiveParticipant> expected{{20, 10, "Caller", 1, browser("chromeLatest")}};
  CHECK(gateway.list_participants(1) == expected);
  CHECK(gateway.list_group_participants(1, 10) == expected);
  CHECK(fake.ops() == std::vector<std::string>{"list_participants", "list_participants",
                                               "list_group_participants",
                                               "list_group_participants"});
  REQUIRE(sleeper.delays().size() == 2);
  CHECK(sleeper.delays()[0] == milliseconds(500));
}

TEST_CASE(
    "a participant create whose answer was lost but which landed is adopted, no second POST") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("create_participant", timeout_error("POST", participants_route), 1, Commit::yes);
  RecordingSleeper sleeper;
  std::vector<std::string> lines;
  RetryingGateway gateway(
      fake, policy(3), sleeper, [&](const std::string& line) { lines.push_back(line); }, 7);
  gateway.list_participants(1);  // what planning read

  const auto made = gateway.create_participant(1, 10, {"Host", 2, browser("firefoxLatest")});

  CHECK(made == LiveParticipant{1000, 10, "Host", 2, browser("firefoxLatest")});
  CHECK(fake.ops() == std::vector<std::string>{"list_participants", "create_participant",
                                               "list_group_participants"});
  CHECK(fake.participants(1).size() == 2);
  CHECK(sleeper.delays().empty());
  CHECK(lines == std::vector<std::string>{
                     "create participant \"Host\" in group 10 of test 1: the answer was lost (" +
                     std::string(timeout_error("POST", participants_route).what()) +
                     ") but the participant was made: id 1000"});
}

TEST_CASE("a participant create that did not land is read back first, then sent again") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("create_participant", http_error(502, "POST", participants_route), 2);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);
  gateway.list_participants(1);

  const auto made = gateway.create_participant(1, 10, {"Host", 1, {}});

  CHECK(made.id == 1000);
  CHECK(fake.ops() == std::vector<std::string>{"list_participants", "create_participant",
                                               "list_group_participants", "create_participant",
                                               "list_group_participants", "create_participant"});
  CHECK(fake.participants(1).size() == 2);
  CHECK(sleeper.delays().size() == 2);
}

TEST_CASE("a live participant of the same name is not taken for the landed create") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("create_participant", timeout_error("POST", participants_route), 1, Commit::no);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);
  gateway.list_participants(1);

  const auto made = gateway.create_participant(1, 10, {"Caller", 1, {}});

  CHECK(made.id == 1000);
  CHECK(fake.ops() == std::vector<std::string>{"list_participants", "create_participant",
                                               "list_group_participants", "create_participant"});
  CHECK(fake.participants(1).size() == 2);
}

TEST_CASE("a create lost in a group made by the same gateway is settled though no list read it") {
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("create_participant", timeout_error("POST", participants_route), 1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);
  const auto group = gateway.create_group(1, "Callers", 1);

  const auto made = gateway.create_participant(1, group.id, {"Caller", 1, {}});

  CHECK(made == LiveParticipant{1001, 1000, "Caller", 1, {}});
  CHECK(fake.ops() ==
        std::vector<std::string>{"create", "create_participant", "list_group_participants"});
  CHECK(fake.participants(1).size() == 1);
}

TEST_CASE("a participant create lost on every attempt never makes a second participant") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("create_participant", http_error(503, "POST", participants_route), 1, Commit::no);
  fake.fail("create_participant", timeout_error("POST", participants_route), 1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(0), sleeper, {}, 7);
  gateway.list_participants(1);

  // Out of retries after the first lost answer: the error, and nothing was made.
  CHECK_THROWS_WITH_AS(gateway.create_participant(1, 10, {"Host", 1, {}}),
                       http_error(503, "POST", participants_route).what(), loadero::ApiError);
  // The second create lands, its answer lost on the last attempt: still settled by reading.
  CHECK(gateway.create_participant(1, 10, {"Host", 1, {}}).id == 1000);
  std::size_t hosts = 0;
  for (const auto& participant : fake.participants(1)) hosts += participant.name == "Host" ? 1 : 0;
  CHECK(hosts == 1);
}

TEST_CASE("when the read settling a lost participant create fails, the create's error is thrown") {
  FakeGateway fake;
  one_group(fake);
  const auto lost = timeout_error("POST", participants_route);
  fake.fail("create_participant", lost, 1, Commit::no);
  fake.fail("list_group_participants",
            http_error(500, "GET", "projects/5040/tests/1/groups/10/participants/"), -1);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(0), sleeper, {}, 7);

  CHECK_THROWS_WITH_AS(gateway.create_participant(1, 10, {"Host", 1, {}}), lost.what(),
                       loadero::ApiError);
  CHECK(fake.ops() == std::vector<std::string>{"create_participant", "list_group_participants"});
}

TEST_CASE("a participant update is retried as idempotent") {
  FakeGateway fake;
  one_group(fake);
  const auto route = participants_route + "20/";
  fake.fail("update_participant", timeout_error("PUT", route), 1, Commit::yes);
  fake.fail("update_participant", http_error(503, "PUT", route));
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  const auto updated =
      gateway.update_participant(1, 10, 20, {"Caller", 3, browser("firefoxLatest")});

  CHECK(updated == LiveParticipant{20, 10, "Caller", 3, browser("firefoxLatest")});
  CHECK(fake.ops() ==
        std::vector<std::string>{"update_participant", "update_participant", "update_participant"});
  CHECK(sleeper.delays().size() == 2);
}

TEST_CASE("a participant update whose every answer was lost but which landed counts as done") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("update_participant", timeout_error("PUT", participants_route + "20/"), -1,
            Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(1), sleeper, {}, 7);

  CHECK(gateway.update_participant(1, 10, 20, {"Caller", 3, {}}) ==
        LiveParticipant{20, 10, "Caller", 3, browser("chromeLatest")});
  CHECK(fake.ops() == std::vector<std::string>{"update_participant", "update_participant",
                                               "list_group_participants"});
}

TEST_CASE("a participant update that did not land throws its error after the check read") {
  FakeGateway fake;
  one_group(fake);
  const auto lost = timeout_error("PUT", participants_route + "20/");
  fake.fail("update_participant", lost, -1, Commit::no);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(1), sleeper, {}, 7);

  // Given up after its retries: the error also names the tries and --timeout.
  CHECK_THROWS_WITH_AS(gateway.update_participant(1, 10, 20, {"Caller", 3, {}}),
                       (std::string(lost.what()) +
                        "; tried 2 times (hint: raise --timeout if the API is just slow)")
                           .c_str(),
                       loadero::ApiError);
  CHECK(fake.ops() == std::vector<std::string>{"update_participant", "update_participant",
                                               "list_group_participants"});
  CHECK(fake.participants(1).front().count == 1);
}

TEST_CASE(
    "a participant delete answered 404 is already gone on the first try, deleted on a retry") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("delete_participant", timeout_error("DELETE", participants_route + "20/"), 1,
            Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  CHECK(gateway.delete_participant(1, 20) == Deletion::deleted);
  CHECK(fake.ops() == std::vector<std::string>{"delete_participant", "delete_participant"});
  CHECK(fake.participants(1).empty());

  CHECK(gateway.delete_participant(1, 20) == Deletion::already_gone);
  CHECK(fake.count("delete_participant") == 3);
}

TEST_CASE("a participant delete whose last answer was lost counts as done when it is gone") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("delete_participant", timeout_error("DELETE", participants_route + "20/"), 1,
            Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(0), sleeper, {}, 7);

  CHECK(gateway.delete_participant(1, 20) == Deletion::deleted);
  CHECK(fake.ops() == std::vector<std::string>{"delete_participant", "list_participants"});
}

TEST_CASE("a participant write refused with 422 is not retried") {
  FakeGateway fake;
  one_group(fake);
  fake.fail("create_participant", http_error(422, "POST", participants_route));
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  CHECK_THROWS_AS(gateway.create_participant(1, 10, {"Host", 1, {}}), loadero::ApiError);
  CHECK(fake.ops() == std::vector<std::string>{"create_participant"});
  CHECK(sleeper.delays().empty());
}
