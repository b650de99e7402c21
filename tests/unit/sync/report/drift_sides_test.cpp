// Drift lines say which side is which: `count: live 4, manifest 3`, in text and Markdown; the JSON
// keeps `live` and `desired`.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "action_builders.hpp"
#include "loadero_sync/drift.hpp"
#include "participant_builders.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

Plan sides_plan() {
  Plan plan;
  plan.project_id = 5040;
  TestPlan test;
  test.test_id = 6866;
  test.test_name = "Checkout flow";
  test.actions = {
      update_action(48795, {"Callers", 4}, {"Callers", 3}, manifest_line(8)),
      update_action(48797, {"Mods", 1}, {"Moderators", 1}, manifest_line(14)),
      participant_update(94634, 48795, "Callers",
                         ParticipantState{"Caller", 1, settings({{ParticipantField::location,
                                                                  "us-west-2"}})},
                         ParticipantState{"Caller", 1, settings({{ParticipantField::location,
                                                                  "eu-central-1"}})},
                         manifest_line(20))};
  test.live_participants.emplace();
  plan.tests.push_back(std::move(test));
  return plan;
}

}  // namespace

TEST_CASE("drift text says which value is live and which is the manifest's") {
  std::ostringstream out;
  write_drift_text(out, make_drift(sides_plan()), Color::off);
  const std::string text = out.str();
  CHECK(text.find("  changed     group 48795 \"Callers\": count: live 4, manifest 3, "
                  "loadero.yaml:8\n") != std::string::npos);
  CHECK(text.find("  changed     group 48797 \"Mods\" (count 1): name: live \"Mods\", manifest "
                  "\"Moderators\", loadero.yaml:14\n") != std::string::npos);
  CHECK(text.find("  changed     participant 94634 \"Caller\" in group \"Callers\": location: "
                  "live us-west-2, manifest eu-central-1, loadero.yaml:20\n") != std::string::npos);
  CHECK(text.find("->") == std::string::npos);
}

TEST_CASE("drift Markdown notes say which value is live and which is the manifest's") {
  std::ostringstream out;
  write_drift_markdown(out, make_drift(sides_plan()));
  const std::string text = out.str();
  CHECK(text.find("| changed | 48795 | Callers ×4 | Callers ×3 | count: live 4, manifest 3, "
                  "loadero.yaml:8 |\n") != std::string::npos);
  CHECK(text.find("| changed | 48797 | Mods ×1 | Moderators ×1 | name: live \"Mods\", manifest "
                  "\"Moderators\", loadero.yaml:14 |\n") != std::string::npos);
  CHECK(text.find("| location: live us-west-2, manifest eu-central-1, loadero.yaml:20 |\n") !=
        std::string::npos);
}

TEST_CASE("drift JSON keeps explicit live and desired values") {
  std::ostringstream out;
  write_drift_json(out, make_drift(sides_plan()));
  const auto doc = nlohmann::json::parse(out.str());
  const auto& entries = doc["tests"][0]["entries"];
  CHECK(entries[0]["live"]["count"] == 4);
  CHECK(entries[0]["desired"]["count"] == 3);
  CHECK(entries[2]["changes"][0] ==
        nlohmann::json::parse(
            R"({"field": "location", "live": "us-west-2", "desired": "eu-central-1"})"));
}
