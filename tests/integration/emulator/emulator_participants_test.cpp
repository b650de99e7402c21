// Participants on the real loadero-emulator, as libloadero reads them: the filter echo under
// "profile", several values of one filter, every page under a page cap, media_type, compute
// units g8 and g12 in the group totals, the g2 default and PUT's group rules.

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <loadero/loadero.hpp>
#include <optional>
#include <string>
#include <vector>

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

loadero::ClientConfig config_for(const EmulatorProcess& emulator) {
  loadero::ClientConfig config;
  config.api_base = emulator.base_url();
  config.project_id = 5040;
  config.access_token = "demo-token";
  config.max_requests_per_second = 0;
  config.timeout = std::chrono::seconds(10);
  return config;
}

std::vector<std::string> names_of(const std::vector<loadero::ParticipantParams>& participants) {
  std::vector<std::string> names;
  for (const auto& participant : participants) names.push_back(participant.name().value_or(""));
  return names;
}

}  // namespace

TEST_CASE("libloadero's participant filters come back under profile and several values match any") {
  EmulatorProcess emulator(demo_options({"--max-page-size", "2"}));
  loadero::ApiClient client(config_for(emulator));
  loadero::ParticipantAPI participants(client);
  using Key = loadero::ParticipantFilterKey;

  const auto browsers = loadero::QueryParams()
                            .filter(Key::BROWSER, "chromeLatest")
                            .filter(Key::BROWSER, "firefoxLatest");
  const auto first = participants.read_all(k_test, std::nullopt, browsers);
  CHECK(first.filter.dump() == R"({"profile":{"browser":["chromeLatest","firefoxLatest"]}})");
  CHECK(names_of(first.results) == std::vector<std::string>{"Buyer Chrome", "Buyer Firefox"});
  CHECK(first.pagination.limit == 2);
  CHECK(first.pagination.total_items == 4);
  CHECK(names_of(participants.read_all_pages(k_test, std::nullopt, browsers, 2)) ==
        std::vector<std::string>{"Buyer Chrome", "Buyer Firefox", "Caller", "Presenter"});

  const auto chrome = participants.read_all_pages(
      k_test, std::nullopt, loadero::QueryParams().filter(Key::BROWSER, "chromeLatest"), 2);
  CHECK(names_of(chrome) == std::vector<std::string>{"Buyer Chrome", "Caller", "Presenter"});

  // Group scope, a top-level filter next to a profile one.
  const auto in_group = participants.read_all(
      k_test, 48797, loadero::QueryParams().filter(Key::NAME, "buyer").filter(Key::NETWORK, "4g"));
  CHECK(in_group.filter.dump() == R"({"name":["buyer"],"profile":{"network":["4g"]}})");
  CHECK(names_of(in_group.results) == std::vector<std::string>{"Buyer Firefox"});

  const auto recording = participants.read_all(
      k_test, std::nullopt,
      loadero::QueryParams().filter(Key::RECORD_AUDIO, true).filter(Key::HAS_GROUP, true));
  CHECK(recording.filter.dump() == R"({"has_group":true,"profile":{"record_audio":true}})");
  CHECK(names_of(recording.results) == std::vector<std::string>{"Caller"});
}

TEST_CASE("media_type, g8, g12 and the g2 default written through ApiClient read back the same") {
  EmulatorProcess emulator(demo_options());
  loadero::ApiClient client(config_for(emulator));
  loadero::ParticipantAPI participants(client);
  const std::string test_route = "projects/5040/tests/" + std::to_string(k_test) + "/";
  const auto group_id = client.post(test_route + "groups/", {{"name", "Heavy"}, {"count", 2}})["id"]
                            .get<std::int64_t>();
  const std::string in_test = test_route + "participants/";

  client.post(in_test, {{"name", "Encoder"},
                        {"count", 2},
                        {"compute_unit", "g8"},
                        {"group_id", group_id},
                        {"media_type", "video"}});
  client.post(in_test, {{"name", "Mixer"},
                        {"count", 1},
                        {"compute_unit", "g12"},
                        {"group_id", group_id},
                        {"media_type", "audio"}});
  const auto plain_id =
      client.post(in_test, {{"name", "Plain"}, {"count", 1}, {"group_id", group_id}})["id"]
          .get<std::int64_t>();

  const auto heavy =
      loadero::GroupAPI(client).read(loadero::GroupParams().in_test(k_test).with_id(group_id));
  CHECK(heavy.participant_count() == 4);
  CHECK(heavy.total_cu_count() == 2 * 8 + 12 + 2);
  CHECK(loadero::TestAPI(client).read(k_test).participant_count() == 31 + 2 * 4);

  const auto members = participants.read_all_pages(k_test, group_id);
  REQUIRE(members.size() == 3);
  CHECK(members[0].compute_unit() == "g8");
  CHECK(members[1].compute_unit() == "g12");
  CHECK(members[2].compute_unit() == "g2");

  const auto audio = participants.read_all(
      k_test, std::nullopt, loadero::QueryParams().filter("filter_media_type", "audio"));
  CHECK(audio.filter.dump() == R"({"profile":{"media_type":["audio"]}})");
  CHECK(names_of(audio.results) == std::vector<std::string>{"Mixer"});
  CHECK(client.get(in_test + std::to_string(members[0].participant_id().value()) +
                   "/")["media_type"] == "video");

  // A PUT at test scope with group_id keeps the participant in (or moves it to) that group.
  const std::string plain = in_test + std::to_string(plain_id) + "/";
  client.put(plain, {{"name", "Plain"}, {"count", 3}, {"group_id", group_id}});
  CHECK(participants.read(k_test, plain_id, group_id).count() == 3);
  client.put(plain, {{"name", "Plain"}, {"count", 3}, {"group_id", 50335}});
  CHECK(participants.read(k_test, plain_id, 50335).group_id() == 50335);
  CHECK(names_of(participants.read_all_pages(k_test, group_id)) ==
        std::vector<std::string>{"Encoder", "Mixer"});
}
