// The real gateway's participant operations, over libloadero and a transport that answers from
// memory: the requests they send and how answers become LiveParticipant values.

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadero/api_client.hpp"
#include "loadero/transport.hpp"
#include "loadero_sync/gateway.hpp"

using loadero_sync::LiveParticipant;
using loadero_sync::ParticipantField;
using loadero_sync::ParticipantSettings;
using loadero_sync::ParticipantState;

namespace {

// Answers every request with `answer`'s JSON and keeps "METHOD route body" of each.
class AnsweringTransport : public loadero::Transport {
 public:
  explicit AnsweringTransport(std::function<nlohmann::json(const loadero::HttpRequest&)> answer)
      : m_answer(std::move(answer)) {}

  loadero::HttpResponse send(const loadero::HttpRequest& request) override {
    {
      const std::lock_guard lock(m_mutex);
      m_sent.push_back(std::string(loadero::to_string(request.method)) + " " + request.route +
                       (request.body.empty() ? "" : " " + request.body));
    }
    if (request.method == loadero::HttpMethod::del) return {204, "application/json", "", ""};
    const long status = request.method == loadero::HttpMethod::post ? 201 : 200;
    return {status, "application/json", m_answer(request).dump(), ""};
  }

  std::vector<std::string> sent() const {
    const std::lock_guard lock(m_mutex);
    return m_sent;
  }

 private:
  std::function<nlohmann::json(const loadero::HttpRequest&)> m_answer;
  mutable std::mutex m_mutex;
  std::vector<std::string> m_sent;
};

const nlohmann::json caller = {{"id", 20},
                               {"test_id", 1},
                               {"group_id", 10},
                               {"name", "Caller"},
                               {"count", 2},
                               {"compute_unit", "g4"},
                               {"browser", "chromeLatest"},
                               {"location", "eu-central-1"},
                               {"network", "4g"},
                               {"audio_feed", "default"},
                               {"video_feed", "720p"},
                               {"media_type", "custom"},
                               {"record_audio", true}};

ParticipantSettings caller_settings() {
  ParticipantSettings settings;
  settings.set(ParticipantField::compute_unit, "g4");
  settings.set(ParticipantField::browser, "chromeLatest");
  settings.set(ParticipantField::location, "eu-central-1");
  settings.set(ParticipantField::network, "4g");
  settings.set(ParticipantField::audio_feed, "default");
  settings.set(ParticipantField::video_feed, "720p");
  settings.set(ParticipantField::media_type, "custom");
  settings.set(ParticipantField::record_audio, "true");
  return settings;
}

loadero::ClientConfig config() {
  loadero::ClientConfig config;
  config.api_base = "http://127.0.0.1:1/v2/";
  config.project_id = 5040;
  return config;
}

struct Fixture {
  explicit Fixture(std::function<nlohmann::json(const loadero::HttpRequest&)> answer)
      : transport(std::make_shared<AnsweringTransport>(std::move(answer))),
        client(config(), transport),
        gateway(loadero_sync::make_api_gateway(client)) {}

  std::shared_ptr<AnsweringTransport> transport;
  loadero::ApiClient client;
  std::unique_ptr<loadero_sync::LoaderoGateway> gateway;
};

nlohmann::json page_of(std::vector<nlohmann::json> results) {
  const auto count = static_cast<std::int64_t>(results.size());
  return {
      {"filter", nlohmann::json::object()},
      {"pagination",
       {{"limit", count}, {"offset", 0}, {"page", 1}, {"total_pages", 1}, {"total_items", count}}},
      {"results", results}};
}

}  // namespace

TEST_CASE("the participant lists are one request each, every setting read back as text") {
  auto no_group = caller;
  no_group["id"] = 21;
  no_group.erase("group_id");
  no_group["record_audio"] = false;
  Fixture fixture([&](const loadero::HttpRequest& request) {
    return request.route.find("groups") == std::string::npos ? page_of({caller, no_group})
                                                             : page_of({caller});
  });

  const auto all = fixture.gateway->list_participants(1);
  const auto in_group = fixture.gateway->list_group_participants(1, 10);

  auto settings = caller_settings();
  settings.set(ParticipantField::record_audio, "false");
  CHECK(all == std::vector<LiveParticipant>{{20, 10, "Caller", 2, caller_settings()},
                                            {21, std::nullopt, "Caller", 2, settings}});
  CHECK(in_group == std::vector<LiveParticipant>{{20, 10, "Caller", 2, caller_settings()}});
  CHECK(fixture.transport->sent() ==
        std::vector<std::string>{"GET projects/5040/tests/1/participants/",
                                 "GET projects/5040/tests/1/groups/10/participants/"});
}

TEST_CASE("participant writes send name, count, group_id and the set settings only") {
  Fixture fixture([&](const loadero::HttpRequest&) { return caller; });
  ParticipantSettings settings;
  settings.set(ParticipantField::browser, "chromeLatest");
  settings.set(ParticipantField::media_type, "custom");
  settings.set(ParticipantField::record_audio, "true");

  CHECK(fixture.gateway->create_participant(1, 10, {"Caller", 2, settings}) ==
        LiveParticipant{20, 10, "Caller", 2, caller_settings()});
  CHECK(fixture.gateway->update_participant(1, 10, 20, {"Caller", 2, settings}).id == 20);
  CHECK(fixture.gateway->delete_participant(1, 20) == loadero_sync::Deletion::deleted);

  const auto sent = fixture.transport->sent();
  REQUIRE(sent.size() == 3);
  const std::string body =
      R"({"browser":"chromeLatest","count":2,"group_id":10,"media_type":"custom","name":"Caller","record_audio":true})";
  CHECK(sent[0] == "POST projects/5040/tests/1/participants/ " + body);
  CHECK(sent[1] == "PUT projects/5040/tests/1/participants/20/ " + body);
  CHECK(sent[2] == "DELETE projects/5040/tests/1/participants/20/");
}

TEST_CASE("a record_audio other than true or false is refused before any request") {
  Fixture fixture([&](const loadero::HttpRequest&) { return caller; });
  ParticipantSettings settings;
  settings.set(ParticipantField::record_audio, "yes");

  CHECK_THROWS_WITH_AS(fixture.gateway->create_participant(1, 10, {"Caller", 1, settings}),
                       "participant \"Caller\": record_audio must be true or false, not \"yes\"",
                       std::invalid_argument);
  CHECK(fixture.transport->sent().empty());
}
