// libloadero against the real loadero-emulator: every operation, every error shape and each
// fault mode, as a client program sees them.

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <loadero/loadero.hpp>
#include <optional>
#include <set>
#include <thread>

#include "emulator_support.hpp"

using loadero_test::EmulatorOptions;
using loadero_test::EmulatorProcess;

namespace {

constexpr std::int64_t k_test = 6866;

EmulatorOptions demo_options(std::vector<std::string> extra_args = {}) {
  EmulatorOptions options;
  options.project_id = 0;  // the built-in demo data: project 5040, token demo-token
  options.token = "demo-token";
  options.extra_args = std::move(extra_args);
  return options;
}

loadero::ClientConfig config_for(const EmulatorProcess& emulator,
                                 std::string token = "demo-token") {
  loadero::ClientConfig config;
  config.api_base = emulator.base_url();
  config.project_id = 5040;
  config.access_token = std::move(token);
  config.max_requests_per_second = 0;
  config.timeout = std::chrono::seconds(10);
  return config;
}

template <typename Call>
loadero::ApiError api_error_of(Call&& call) {
  try {
    call();
  } catch (const loadero::ApiError& error) {
    return error;
  }
  FAIL("expected an ApiError");
  throw std::logic_error("unreachable");
}

std::vector<std::string> names_of(const std::vector<loadero::GroupParams>& groups) {
  std::vector<std::string> names;
  for (const auto& group : groups) names.push_back(group.name().value_or(""));
  return names;
}

}  // namespace

TEST_CASE("libloadero creates, reads, updates, copies and deletes groups on the emulator") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient client(config_for(emulator));
  loadero::GroupAPI groups(client);

  const auto created =
      groups.create(loadero::GroupParams().in_test(k_test).with_name("Callers EU").with_count(2));
  REQUIRE(created.group_id());
  CHECK(created.test_id() == k_test);
  CHECK(created.count() == 2);
  CHECK(created.participant_count() == 0);
  CHECK(created.created() == created.updated());

  const auto read =
      groups.read(loadero::GroupParams().in_test(k_test).with_id(*created.group_id()));
  CHECK(read.name() == "Callers EU");

  const auto updated = groups.update(loadero::GroupParams(
      {.group_id = *created.group_id(), .test_id = k_test, .name = "Callers EU-West", .count = 4}));
  CHECK(updated.name() == "Callers EU-West");
  CHECK(updated.count() == 4);
  CHECK(updated.updated() > created.updated());

  const auto copy =
      groups.duplicate(loadero::GroupParams().in_test(k_test).with_id(48797), "Buyers EU");
  CHECK(copy.name() == "Buyers EU");
  CHECK(copy.participant_count() == 15);
  CHECK(copy.total_cu_count() == 15);
  CHECK(copy.group_id() != 48797);
  loadero::ParticipantAPI participants(client);
  const auto copied = participants.read_all(k_test, copy.group_id());
  REQUIRE(copied.results.size() == 2);
  CHECK(copied.results[0].name() == "Buyer Chrome");
  CHECK(copied.results[0].group_id() == copy.group_id());
  CHECK(copied.results[0].participant_id() != 94633);

  groups.remove(loadero::GroupParams().in_test(k_test).with_id(*created.group_id()));
  const auto gone = api_error_of(
      [&] { groups.read(loadero::GroupParams().in_test(k_test).with_id(*created.group_id())); });
  CHECK(gone.status() == 404);
  CHECK(gone.code() == 404);
  CHECK(gone.error_text() ==
        "group " + std::to_string(*created.group_id()) + " not found in test 6866");

  const auto all = groups.read_all_pages(k_test);
  CHECK(names_of(all) == std::vector<std::string>{"new name", "New name from params", "Callers",
                                                  "Presenters", "Buyers EU"});
  loadero::TestAPI tests(client);
  const auto test = tests.read(k_test);
  CHECK(test.group_count() == 7);
  CHECK(test.participant_count() == 46);
}

TEST_CASE("libloadero's Group object works end to end, including its participants") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient client(config_for(emulator));
  loadero::Group group(client,
                       loadero::GroupParams().in_test(k_test).with_name("Hosts").with_count(1));
  group.create();
  REQUIRE(group.params().group_id());
  group.params().with_count(3);
  group.update();
  CHECK(group.read().params().count() == 3);
  auto copy = group.duplicate("Hosts B");
  CHECK(copy.params().name() == "Hosts B");
  loadero::Group with_participants(client,
                                   loadero::GroupParams({.group_id = 50337, .test_id = k_test}));
  CHECK(with_participants.participants().results.size() == 1);
  copy.remove();
  CHECK(api_error_of([&] { copy.read(); }).status() == 404);
}

TEST_CASE("group list filters and paging reach the emulator as libloadero sends them") {
  EmulatorProcess emulator(demo_options({"--max-page-size", "2"}));
  loadero::ApiClient client(config_for(emulator));
  loadero::GroupAPI groups(client);

  const auto first = groups.read_all(k_test);
  CHECK(first.results.size() == 2);
  CHECK(first.pagination.limit == 2);
  CHECK(first.pagination.total_pages == 2);
  CHECK(first.pagination.total_items == 4);
  CHECK(first.filter == nlohmann::json::object());

  const auto all = groups.read_all_pages(k_test, {}, 100);
  CHECK(names_of(all) ==
        std::vector<std::string>{"new name", "New name from params", "Callers", "Presenters"});

  const auto filtered = groups.read_all(k_test, loadero::QueryParams()
                                                    .filter(loadero::GroupFilterKey::NAME, "name")
                                                    .filter(loadero::GroupFilterKey::COUNT_TO, 1));
  CHECK(names_of(filtered.results) == std::vector<std::string>{"new name", "New name from params"});
  CHECK(filtered.filter.dump() == R"({"count_to":1,"name":["name"]})");

  const auto big = groups.read_all(
      k_test, loadero::QueryParams().filter(loadero::GroupFilterKey::COUNT_FROM, 2));
  CHECK(names_of(big.results) == std::vector<std::string>{"Callers"});
}

TEST_CASE("libloadero reads the project, tests and participants in test and group scope") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient client(config_for(emulator));
  CHECK(loadero::ProjectAPI(client).read()["name"] == "Demo project");

  loadero::TestAPI tests(client);
  const auto listed = tests.read_all_pages();
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].name() == "Checkout flow");
  CHECK(listed[0].group_count() == 6);
  CHECK(listed[0].participant_count() == 31);
  CHECK(listed[1].mode() == "performance");
  const auto by_name =
      tests.read_all(loadero::QueryParams().filter(loadero::TestFilterKey::NAME, "Video call"));
  REQUIRE(by_name.results.size() == 1);
  CHECK(by_name.results[0].test_id() == 6867);

  loadero::ParticipantAPI participants(client);
  const auto in_test = participants.read_all_pages(k_test);
  CHECK(in_test.size() == 4);
  const auto in_group = participants.read_all(k_test, 48797);
  REQUIRE(in_group.results.size() == 2);
  CHECK(in_group.results[1].browser() == "firefoxLatest");
  const auto one = participants.read(k_test, 94635, 50336);
  CHECK(one.name() == "Caller");
  CHECK(one.compute_unit() == "g2");
  CHECK(one.record_audio() == true);
  const auto chrome = participants.read_all(
      k_test, std::nullopt,
      loadero::QueryParams().filter(loadero::ParticipantFilterKey::BROWSER, "chromeLatest"));
  CHECK(chrome.results.size() == 3);
}

TEST_CASE("tests and participants are written through ApiClient and the derived counts follow") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient client(config_for(emulator));
  const auto test = client.post("projects/5040/tests/", {{"name", "Smoke"},
                                                         {"start_interval", 1},
                                                         {"participant_timeout", 120},
                                                         {"mode", "load"},
                                                         {"increment_strategy", "linear"}});
  const auto test_id = test["id"].get<std::int64_t>();
  const std::string test_route = "projects/5040/tests/" + std::to_string(test_id) + "/";
  const auto group = client.post(test_route + "groups/", {{"name", "Team"}, {"count", 3}});
  const std::string group_route =
      test_route + "groups/" + std::to_string(group["id"].get<std::int64_t>()) + "/";

  const auto participant =
      client.post(group_route + "participants/", {{"name", "Member"}, {"count", 2}});
  const auto participant_id = participant["id"].get<std::int64_t>();
  const auto copy =
      client.post(group_route + "participants/" + std::to_string(participant_id) + "/copy/",
                  {{"name", "Member 2"}});
  CHECK(copy["group_id"] == group["id"]);
  client.put(test_route + "participants/" + std::to_string(participant_id) + "/",
             {{"name", "Member"}, {"count", 5}, {"group_id", group["id"]}});

  loadero::TestAPI tests(client);
  CHECK(tests.read(test_id).group_count() == 3);
  CHECK(tests.read(test_id).participant_count() == 3 * (5 + 2));

  const auto test_copy = client.post(test_route + "copy/", {{"name", "Smoke copy"}});
  CHECK(test_copy["participant_count"] == 21);
  client.put(test_route, {{"name", "Smoke renamed"},
                          {"start_interval", 2},
                          {"participant_timeout", 120},
                          {"mode", "load"},
                          {"increment_strategy", "random"}});
  CHECK(tests.read(test_id).name() == "Smoke renamed");

  client.del(test_route + "participants/" + std::to_string(participant_id) + "/");
  CHECK(tests.read(test_id).participant_count() == 3 * 2);
  client.del(test_route);
  CHECK(api_error_of([&] { tests.read(test_id); }).status() == 404);
  CHECK(tests.read(test_copy["id"].get<std::int64_t>()).participant_count() == 21);
}

TEST_CASE(
    "401, 404, 405 and 422 reach libloadero as ApiErrors with Loadero's code, text and field "
    "errors") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient wrong(config_for(emulator, "not-the-token"));
  const auto unauthorized = api_error_of([&] { loadero::GroupAPI(wrong).read_all(k_test); });
  CHECK(unauthorized.status() == 401);
  CHECK(unauthorized.kind() == loadero::ApiError::Kind::http);
  CHECK(unauthorized.error_text() == "invalid access token for project 5040");
  CHECK(std::string(unauthorized.what()).find("not-the-token") == std::string::npos);

  loadero::ApiClient client(config_for(emulator));
  const auto missing_test = api_error_of([&] { loadero::GroupAPI(client).read_all(999); });
  CHECK(missing_test.status() == 404);
  CHECK(missing_test.error_text() == "test 999 not found");

  const auto not_allowed = api_error_of([&] {
    client.put("projects/5040/tests/6866/groups/", {{"name", "x"}});
  });
  CHECK(not_allowed.status() == 405);
  CHECK(not_allowed.code() == 405);

  const auto invalid = api_error_of([&] {
    client.post("projects/5040/tests/6866/groups/", {{"name", ""}, {"count", 0}});
  });
  CHECK(invalid.status() == 422);
  CHECK(invalid.field_errors() ==
        std::map<std::string, std::vector<std::string>>{
            {"count", {"Ensure this value is greater than or equal to 1."}},
            {"name", {"This field may not be blank."}}});
}

TEST_CASE("with --fail-rate 1 every call fails with a retryable 5xx ApiError") {
  EmulatorProcess emulator(demo_options({"--fail-rate", "1", "--seed", "9"}));
  loadero::ApiClient client(config_for(emulator));
  loadero::GroupAPI groups(client);
  for (int i = 0; i < 4; ++i) {
    const auto error = api_error_of([&] { groups.read_all(k_test); });
    CHECK((error.status() == 500 || error.status() == 502 || error.status() == 503));
    CHECK(error.retryable());
    CHECK(error.outcome_unknown());
  }
  const auto write = api_error_of(
      [&] { groups.create(loadero::GroupParams({.test_id = k_test, .name = "X", .count = 1})); });
  CHECK(write.status() >= 500);
  emulator.stop();
  EmulatorProcess check(demo_options());
  CHECK(nlohmann::json::parse(check.http_request(
            "GET", "/v2/projects/5040/tests/6866/groups/"))["pagination"]["total_items"] == 4);
}

TEST_CASE(
    "with --ambiguous-rate 1 libloadero sees failed writes that were nevertheless committed") {
  EmulatorProcess emulator(demo_options({"--ambiguous-rate", "1", "--seed", "1"}));
  loadero::ApiClient client(config_for(emulator));
  loadero::GroupAPI groups(client);
  std::set<loadero::ApiError::Kind> kinds;
  for (int i = 0; i < 6; ++i) {
    const auto error = api_error_of([&] {
      groups.create(loadero::GroupParams({.test_id = k_test, .name = "Maybe", .count = 1}));
    });
    CHECK(error.outcome_unknown());
    kinds.insert(error.kind());
    if (error.kind() == loadero::ApiError::Kind::http) CHECK(error.status() == 502);
  }
  CHECK(kinds == std::set<loadero::ApiError::Kind>{loadero::ApiError::Kind::http,
                                                   loadero::ApiError::Kind::timeout});
  const auto maybe = groups.read_all(
      k_test, loadero::QueryParams().filter(loadero::GroupFilterKey::NAME, "Maybe"));
  // Every POST was committed, although none got a success answer; and each create() sent
  // exactly one POST: writes go out on a fresh connection, so libcurl never re-sends one by
  // itself after a reused connection dies.
  const auto stats = nlohmann::json::parse(emulator.http_get("/_emulator/stats"));
  const auto posts = stats["by_route"]["POST /v2/projects/{project_id}/tests/{test_id}/groups/"]
                         .get<std::size_t>();
  CHECK(posts == 6);
  CHECK(maybe.results.size() == posts);
  CHECK(stats["faults"]["ambiguous"] == posts);
}

TEST_CASE("with --rate-limit libloadero gets 429 with Retry-After of one second") {
  EmulatorProcess emulator(demo_options({"--rate-limit", "3"}));
  loadero::ApiClient client(config_for(emulator));
  loadero::GroupAPI groups(client);
  int admitted = 0;
  std::optional<loadero::ApiError> refused;
  for (int i = 0; i < 100 && !refused; ++i) {  // a loaded machine may spread requests out
    try {
      const auto page = groups.read_all(k_test);  // outside CHECK, which would catch the error
      CHECK(page.results.size() == 4);
      ++admitted;
    } catch (const loadero::ApiError& error) {
      refused = error;
    }
  }
  REQUIRE(refused);
  CHECK(admitted >= 3);
  CHECK(refused->status() == 429);
  CHECK(refused->retry_after_seconds() == 1.0);
  CHECK(refused->retryable());
  CHECK_FALSE(refused->outcome_unknown());
}

TEST_CASE("with --latency-ms a libloadero call takes at least that long") {
  EmulatorProcess emulator(demo_options({"--latency-ms", "120"}));
  loadero::ApiClient client(config_for(emulator));
  const auto start = std::chrono::steady_clock::now();
  loadero::GroupAPI(client).read_all(k_test);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(120));
}

TEST_CASE("concurrent clients creating groups get distinct ids and nothing is lost") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient client(config_for(emulator));
  std::vector<std::thread> threads;
  std::vector<std::vector<std::int64_t>> ids(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      loadero::GroupAPI groups(client);
      for (int i = 0; i < 10; ++i) {
        const loadero::GroupParams parallel({.test_id = k_test, .name = "Parallel", .count = 1});
        ids[t].push_back(*groups.create(parallel).group_id());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::int64_t> unique;
  for (const auto& list : ids) unique.insert(list.begin(), list.end());
  CHECK(unique.size() == 40);
  CHECK(loadero::GroupAPI(client).read_all_pages(k_test).size() == 44);
}

TEST_CASE(
    "SIGTERM stops the emulator at once although a client keeps an idle keep-alive connection") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient client(config_for(emulator));
  CHECK(loadero::GroupAPI(client).read_all(k_test).results.size() == 4);
  const auto start = std::chrono::steady_clock::now();
  emulator.stop();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK(WIFEXITED(emulator.exit_status()));
  CHECK(WEXITSTATUS(emulator.exit_status()) == 0);
}
