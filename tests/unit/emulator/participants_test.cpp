// Participants as the real API keeps them: every field stored, returned and filterable, the
// filter echo under "profile", compute units g0.5 to g12 with g2 by default, and PUT's group rules.

#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api.hpp"
#include "loadero/participant_values.hpp"
#include "state.hpp"

using namespace loadero_emulator;
using json = nlohmann::ordered_json;

namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

const std::string k_test = "/v2/projects/5040/tests/6866/";

struct Fixture {
  Api api{demo_state(), ApiOptions{}};

  ApiResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                   Query query = {}) {
    return api.handle(ApiRequest{method, path, std::move(query), "LoaderoAuth demo-token", body});
  }

  // The JSON answer of a call that must answer `status`.
  json answer(int status, const std::string& method, const std::string& path,
              const std::string& body = "", Query query = {}) {
    const auto response = call(method, path, body, std::move(query));
    CHECK(response.status == status);
    return json::parse(response.body);
  }

  // The id of a participant made by POSTing `body` to `route`, as text for routes.
  std::string create(const std::string& route, const std::string& body) {
    return std::to_string(answer(201, "POST", route, body)["id"].get<std::int64_t>());
  }
};

// A participant answer without its timestamps (they come from the clock).
json without_times(json participant) {
  participant.erase("created");
  participant.erase("updated");
  return participant;
}

std::vector<std::string> names_in(const json& list) {
  std::vector<std::string> names;
  for (const auto& item : list["results"]) names.push_back(item["name"].get<std::string>());
  return names;
}

}  // namespace

TEST_CASE("participant filters on settings echo under profile, name, count and group at the top") {
  Fixture f;
  const auto list = f.answer(200, "GET", k_test + "participants/", "",
                             {{"filter_browser", "chromeLatest"},
                              {"filter_name", "buyer"},
                              {"filter_compute_unit", "g1"},
                              {"filter_count_from", "1"},
                              {"filter_browser", "firefoxLatest"},
                              {"filter_has_group", "true"},
                              {"filter_record_audio", "false"}});
  CHECK(
      list["filter"].dump() ==
      R"({"name":["buyer"],"count_from":1,"has_group":true,"profile":{"compute_unit":["g1"],"record_audio":false,"browser":["chromeLatest","firefoxLatest"]}})");
  CHECK(names_in(list) == std::vector<std::string>{"Buyer Chrome", "Buyer Firefox"});

  // Group and test lists keep their flat echo.
  CHECK(
      f.answer(200, "GET", k_test + "groups/", "", {{"filter_name", "Callers"}})["filter"].dump() ==
      R"({"name":["Callers"]})");
  CHECK(
      f.answer(200, "GET", "/v2/projects/5040/tests/", "", {{"filter_test_mode", "load"}})["filter"]
          .dump() == R"({"test_mode":["load"]})");
}

TEST_CASE("several values of one participant filter match any of them, in both scopes") {
  Fixture f;
  const auto browser = [&](Query query, const std::string& scope = "") {
    return f.answer(200, "GET", k_test + scope + "participants/", "", std::move(query));
  };
  CHECK(names_in(browser({{"filter_browser", "chromeLatest"}})) ==
        std::vector<std::string>{"Buyer Chrome", "Caller", "Presenter"});
  CHECK(names_in(browser({{"filter_browser", "firefoxLatest"}})) ==
        std::vector<std::string>{"Buyer Firefox"});
  const auto both =
      browser({{"filter_browser", "chromeLatest"}, {"filter_browser", "firefoxLatest"}});
  CHECK(both["filter"].dump() == R"({"profile":{"browser":["chromeLatest","firefoxLatest"]}})");
  CHECK(both["pagination"]["total_items"] == 4);
  const auto networks =
      browser({{"filter_network", "4g"}, {"filter_network", "default"}}, "groups/48797/");
  CHECK(networks["filter"].dump() == R"({"profile":{"network":["4g","default"]}})");
  CHECK(names_in(networks) == std::vector<std::string>{"Buyer Chrome", "Buyer Firefox"});
  // Filters on different keys must all hold.
  CHECK(names_in(browser({{"filter_browser", "chromeLatest"}, {"filter_video_feed", "720p"}})) ==
        std::vector<std::string>{"Presenter"});
  CHECK(names_in(browser({{"filter_location", "us-west-2"},
                          {"filter_compute_unit", "g2"},
                          {"filter_compute_unit", "g4"}})) == std::vector<std::string>{"Caller"});
}

TEST_CASE("total_cu_count is count x the compute unit's value for every compute unit") {
  Fixture f;
  const std::vector<std::pair<std::string, double>> units = {
      {"g0.5", 0.5}, {"g1", 1}, {"g2", 2}, {"g4", 4}, {"g6", 6}, {"g8", 8}, {"g12", 12}};
  REQUIRE(units.size() == loadero::participant_values::compute_units.size());
  double mixed = 0;
  const auto mixed_group =
      f.answer(201, "POST", k_test + "groups/", R"({"name": "Mixed", "count": 2})")["id"];
  const std::string mixed_route =
      k_test + "groups/" + std::to_string(mixed_group.get<std::int64_t>()) + "/";
  for (const auto& [unit, value] : units) {
    CAPTURE(unit);
    CHECK(loadero::participant_values::compute_units_of(unit) == value);
    const auto group = f.answer(201, "POST", k_test + "groups/",
                                R"({"name": "Only )" + unit + R"(", "count": 5})")["id"];
    const std::string route = k_test + "groups/" + std::to_string(group.get<std::int64_t>()) + "/";
    f.create(route + "participants/",
             R"({"name": "P", "count": 3, "compute_unit": ")" + unit + R"("})");
    const auto answer = f.answer(200, "GET", route);
    // One copy: the participant's count x the unit's value; whole figures stay integers.
    CHECK(answer["total_cu_count"].get<double>() == 3 * value);
    CHECK(answer["total_cu_count"].is_number_integer() == (unit != "g0.5"));
    f.create(mixed_route + "participants/",
             R"({"name": "M", "count": 1, "compute_unit": ")" + unit + R"("})");
    mixed += value;
  }
  CHECK(f.answer(200, "GET", mixed_route)["total_cu_count"].get<double>() == mixed);  // 33.5
  // A participant created without a compute unit gets g2.
  const auto plain =
      f.answer(201, "POST", k_test + "groups/", R"({"name": "Plain", "count": 1})")["id"];
  const std::string plain_route =
      k_test + "groups/" + std::to_string(plain.get<std::int64_t>()) + "/";
  f.create(plain_route + "participants/", R"({"name": "P", "count": 4})");
  CHECK(f.answer(200, "GET", plain_route)["total_cu_count"] == 8);
}

TEST_CASE("g8 and g12 participants count 8 and 12 compute units in their group's total") {
  Fixture f;
  const auto group =
      f.answer(201, "POST", k_test + "groups/", R"({"name": "Heavy", "count": 2})")["id"];
  const std::string route = k_test + "groups/" + std::to_string(group.get<std::int64_t>()) + "/";
  CHECK(f.answer(201, "POST", route + "participants/",
                 R"({"name": "Encoder", "count": 2, "compute_unit": "g8"})")["compute_unit"] ==
        "g8");
  f.create(route + "participants/", R"({"name": "Mixer", "count": 1, "compute_unit": "g12"})");
  f.create(route + "participants/", R"({"name": "Light", "count": 1, "compute_unit": "g0.5"})");
  const auto heavy = f.answer(200, "GET", route);
  CHECK(heavy["participant_count"] == 4);
  CHECK(heavy["total_cu_count"] == 28.5);  // 2 x 8 + 12 + 0.5, exact
  const auto test = f.answer(200, "GET", k_test);
  CHECK(test["group_count"] == 8);
  CHECK(test["participant_count"] == 31 + 2 * 4);
  CHECK(names_in(f.answer(200, "GET", k_test + "participants/", "",
                          {{"filter_compute_unit", "g12"}, {"filter_compute_unit", "g8"}})) ==
        std::vector<std::string>{"Encoder", "Mixer"});
}

TEST_CASE("a participant created without compute_unit gets g2, and a PUT without it goes back") {
  Fixture f;
  const auto id =
      f.create(k_test + "participants/", R"({"name": "Plain", "count": 3, "group_id": 50335})");
  CHECK(
      without_times(f.answer(200, "GET", k_test + "participants/" + id + "/")).dump() ==
      R"({"id":)" + id +
          R"(,"test_id":6866,"group_id":50335,"name":"Plain","count":3,"compute_unit":"g2","browser":"chromeLatest","location":"us-west-2","network":"default","audio_feed":"default","video_feed":"default","record_audio":false})");
  CHECK(f.answer(200, "GET", k_test + "groups/50335/")["total_cu_count"] == 6);
  f.answer(200, "PUT", k_test + "participants/" + id + "/",
           R"({"name": "Plain", "count": 3, "group_id": 50335, "compute_unit": "g4"})");
  CHECK(f.answer(200, "GET", k_test + "groups/50335/")["total_cu_count"] == 12);
  CHECK(f.answer(200, "PUT", k_test + "participants/" + id + "/",
                 R"({"name": "Plain", "count": 3, "group_id": 50335})")["compute_unit"] == "g2");
}

TEST_CASE("compute_unit must be a listed value, while the other settings take any text") {
  Fixture f;
  const auto refused = f.call("POST", k_test + "groups/50335/participants/",
                              R"({"name": "P", "count": 1, "compute_unit": "g16"})");
  CHECK(refused.status == 422);
  CHECK(
      refused.body ==
      R"({"code":422,"errors":{"compute_unit":["\"g16\" is not a valid choice. Choose one of: g0.5, g1, g2, g4, g6, g8, g12."]}})");
  CHECK_FALSE(refused.committed_write);
  const auto versioned = f.answer(
      201, "POST", k_test + "groups/50335/participants/",
      R"({"name": "P", "count": 1, "browser": "chrome120", "location": "mars-1", "network": "lunar",
          "audio_feed": "hum", "video_feed": "8k", "media_type": "custom"})");
  CHECK(versioned["browser"] == "chrome120");
  CHECK(versioned["location"] == "mars-1");
  CHECK(versioned["network"] == "lunar");
  CHECK(versioned["audio_feed"] == "hum");
  CHECK(versioned["video_feed"] == "8k");
  CHECK(versioned["media_type"] == "custom");
}

TEST_CASE("media_type is stored, returned, filtered exactly and dropped by a PUT without it") {
  Fixture f;
  const auto id = f.create(k_test + "groups/50335/participants/",
                           R"({"name": "Streamer", "count": 1, "media_type": "audio-video"})");
  f.create(k_test + "groups/50335/participants/",
           R"({"name": "Listener", "count": 1, "media_type": "audio"})");
  CHECK(
      without_times(f.answer(200, "GET", k_test + "groups/50335/participants/" + id + "/"))
          .dump() ==
      R"({"id":)" + id +
          R"(,"test_id":6866,"group_id":50335,"name":"Streamer","count":1,"compute_unit":"g2","browser":"chromeLatest","location":"us-west-2","network":"default","audio_feed":"default","video_feed":"default","media_type":"audio-video","record_audio":false})");

  const auto audio =
      f.answer(200, "GET", k_test + "participants/", "", {{"filter_media_type", "audio"}});
  CHECK(audio["filter"].dump() == R"({"profile":{"media_type":["audio"]}})");
  CHECK(names_in(audio) == std::vector<std::string>{"Listener"});
  CHECK(
      names_in(f.answer(200, "GET", k_test + "participants/", "",
                        {{"filter_media_type", "audio"}, {"filter_media_type", "audio-video"}})) ==
      std::vector<std::string>{"Streamer", "Listener"});

  // Saved with the state and read back.
  const State saved = state_from_json_text(state_to_json_text(f.api.snapshot()), 0);
  CHECK(saved.participants.at(std::stoll(id)).media_type == "audio-video");

  const auto replaced = f.answer(200, "PUT", k_test + "groups/50335/participants/" + id + "/",
                                 R"({"name": "Streamer", "count": 1})");
  CHECK_FALSE(replaced.contains("media_type"));
  CHECK(names_in(f.answer(200, "GET", k_test + "participants/", "",
                          {{"filter_media_type", "audio-video"}})) == std::vector<std::string>{});
  CHECK(f.answer(200, "PUT", k_test + "groups/50335/participants/" + id + "/",
                 R"({"name": "Streamer", "count": 1, "media_type": ""})")
            .contains("media_type") == false);
}

TEST_CASE("a PUT at test scope keeps or moves the participant to the group_id it carries") {
  Fixture f;
  const std::string participant = k_test + "participants/94636/";  // Presenter, in 50337
  const auto kept =
      f.answer(200, "PUT", participant, R"({"name": "Presenter", "count": 4, "group_id": 50337})");
  CHECK(kept["group_id"] == 50337);
  CHECK(f.answer(200, "GET", k_test + "groups/50337/")["participant_count"] == 4);

  const auto moved =
      f.answer(200, "PUT", participant, R"({"name": "Presenter", "count": 4, "group_id": 50335})");
  CHECK(moved["group_id"] == 50335);
  CHECK(f.call("GET", k_test + "groups/50337/participants/94636/").status == 404);
  CHECK(f.answer(200, "GET", k_test + "groups/50335/participants/94636/")["count"] == 4);
  CHECK_FALSE(f.answer(200, "GET", k_test + "groups/50337/").contains("participant_count"));
  CHECK(f.answer(200, "GET", k_test + "groups/50335/")["participant_count"] == 4);

  // A group of another test is refused and nothing changes.
  const auto elsewhere =
      f.call("PUT", participant, R"({"name": "Presenter", "count": 4, "group_id": 50400})");
  CHECK(elsewhere.status == 422);
  CHECK(elsewhere.body ==
        R"({"code":422,"errors":{"group_id":["Group 50400 does not exist in this test."]}})");
  CHECK(f.answer(200, "GET", participant)["group_id"] == 50335);

  // PUT replaces everything: without group_id the participant is in no group.
  const auto loose = f.answer(200, "PUT", participant, R"({"name": "Presenter", "count": 4})");
  CHECK_FALSE(loose.contains("group_id"));
  CHECK(names_in(
            f.answer(200, "GET", k_test + "participants/", "", {{"filter_has_group", "false"}})) ==
        std::vector<std::string>{"Presenter"});
}

TEST_CASE("a PUT at group scope keeps the route's group whatever group_id the body says") {
  Fixture f;
  const auto updated = f.answer(200, "PUT", k_test + "groups/50336/participants/94635/",
                                R"({"name": "Caller", "count": 5, "group_id": 48797})");
  CHECK(updated["group_id"] == 50336);
  CHECK(updated["count"] == 5);
  CHECK(f.answer(200, "GET", k_test + "groups/50336/")["participant_count"] == 5);
  CHECK(f.answer(200, "GET", k_test + "groups/48797/")["participant_count"] == 15);
}
