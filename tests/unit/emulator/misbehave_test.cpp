#include "misbehave.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "api.hpp"
#include "cli.hpp"

using namespace loadero_emulator;
using json = nlohmann::ordered_json;

namespace {

const std::string groups = "/v2/projects/5040/tests/6866/groups/";

// The demo data behind an API that pages by 2, and its answers after `modes`.
struct Misbehaving {
  explicit Misbehaving(std::vector<Misbehaviour> modes_in) : modes(std::move(modes_in)) {}

  ApiResponse call(const std::string& method, const std::string& path,
                   std::vector<std::pair<std::string, std::string>> query = {},
                   const std::string& body = "") {
    const ApiRequest request{method, path, std::move(query), "LoaderoAuth demo-token", body};
    ApiResponse answer = api.handle(request);
    misbehave(modes, request, answer,
              [this](const ApiRequest& again) { return api.handle(again); });
    return answer;
  }

  json get(const std::string& path, std::vector<std::pair<std::string, std::string>> query = {}) {
    return json::parse(call("GET", path, std::move(query)).body);
  }

  std::vector<std::int64_t> ids(const json& list) {
    std::vector<std::int64_t> out;
    for (const auto& item : list["results"]) out.push_back(item["id"].get<std::int64_t>());
    return out;
  }

  Api api{demo_state(), ApiOptions{2, ""}};
  std::vector<Misbehaviour> modes;
};

int run_cli(std::vector<std::string> args, std::string& out, std::string& err) {
  args.insert(args.begin(), "loadero-emulator");
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  std::ostringstream out_stream;
  std::ostringstream err_stream;
  const int code = run(static_cast<int>(argv.size()), argv.data(), out_stream, err_stream);
  out = out_stream.str();
  err = err_stream.str();
  return code;
}

}  // namespace

TEST_CASE("misbehave modes are named as the flag spells them and unknown names are refused") {
  CHECK(misbehaviour_names() ==
        "missing-id, wrong-id, wrong-parent, empty-page, huge-total, repeat-ids");
  for (const auto mode :
       {Misbehaviour::missing_id, Misbehaviour::wrong_id, Misbehaviour::wrong_parent,
        Misbehaviour::empty_page, Misbehaviour::huge_total, Misbehaviour::repeat_ids}) {
    CHECK(parse_misbehaviour(to_string(mode)) == mode);
  }
  CHECK_FALSE(parse_misbehaviour("missing_id"));
  CHECK_FALSE(parse_misbehaviour(""));
}

TEST_CASE("missing-id drops the id of a resource answer and of every list item") {
  Misbehaving server({Misbehaviour::missing_id});
  const auto test = server.get("/v2/projects/5040/tests/6866/");
  CHECK_FALSE(test.contains("id"));
  CHECK(test["name"] == "Checkout flow");
  const auto list = server.get(groups);
  REQUIRE(list["results"].size() == 2);
  for (const auto& group : list["results"]) CHECK_FALSE(group.contains("id"));
  const auto created = server.call("POST", groups, {}, R"({"name": "New", "count": 1})");
  CHECK(created.status == 201);
  CHECK_FALSE(json::parse(created.body).contains("id"));
}

TEST_CASE("wrong-id answers a resource with its id + 1 and leaves lists alone") {
  Misbehaving server({Misbehaviour::wrong_id});
  CHECK(server.get(groups + "48797/")["id"] == 48798);
  CHECK(server.get("/v2/projects/5040/tests/6866/")["id"] == 6867);
  CHECK(server.ids(server.get(groups)) == std::vector<std::int64_t>{48797, 50335});
}

TEST_CASE("wrong-parent moves the parent ids of resources and list items") {
  Misbehaving server({Misbehaviour::wrong_parent});
  const auto group = server.get(groups + "48797/");
  CHECK(group["id"] == 48797);
  CHECK(group["test_id"] == 6867);
  CHECK(server.get("/v2/projects/5040/tests/6866/")["project_id"] == 5041);
  CHECK(server.get(groups)["results"][1]["test_id"] == 6867);
}

TEST_CASE("empty-page empties the second page of a list and keeps its pagination") {
  Misbehaving server({Misbehaviour::empty_page});
  CHECK(server.ids(server.get(groups)) == std::vector<std::int64_t>{48797, 50335});
  const auto second = server.get(groups, {{"limit", "2"}, {"offset", "2"}});
  CHECK(second["results"].empty());
  CHECK(second["pagination"].dump() ==
        R"({"limit":2,"offset":2,"page":2,"total_pages":2,"total_items":4})");
}

TEST_CASE("huge-total reports a billion items and the pages they would fill") {
  Misbehaving server({Misbehaviour::huge_total});
  const auto list = server.get(groups);
  CHECK(list["pagination"].dump() ==
        R"({"limit":2,"offset":0,"page":1,"total_pages":500000000,"total_items":1000000000})");
  CHECK(list["results"].size() == 2);
}

TEST_CASE("repeat-ids puts the first page's items before every later page's own") {
  Misbehaving server({Misbehaviour::repeat_ids});
  CHECK(server.ids(server.get(groups)) == std::vector<std::int64_t>{48797, 50335});
  const auto second = server.get(groups, {{"limit", "2"}, {"offset", "2"}});
  CHECK(server.ids(second) == std::vector<std::int64_t>{48797, 50335, 50336, 50337});
  CHECK(second["pagination"]["total_items"] == 4);
}

TEST_CASE("misbehaving leaves errors, deletes and other answers alone") {
  Misbehaving server({Misbehaviour::missing_id, Misbehaviour::wrong_id});
  const auto missing = server.call("GET", groups + "1/");
  CHECK(missing.status == 404);
  CHECK(json::parse(missing.body).contains("error"));
  const auto removed = server.call("DELETE", groups + "48797/");
  CHECK(removed.status == 204);
  CHECK(removed.body.empty());

  Misbehaving none({});
  const auto plain = none.call("GET", groups + "50335/");
  CHECK(
      plain.body ==
      none.api.handle(ApiRequest{"GET", groups + "50335/", {}, "LoaderoAuth demo-token", ""}).body);
}

TEST_CASE("an unknown --misbehave mode exits 2 naming the modes, and --help lists them") {
  std::string out;
  std::string err;
  CHECK(run_cli({"--misbehave", "missing-id,bogus"}, out, err) == 2);
  CHECK(err ==
        "loadero-emulator: error: unknown --misbehave mode 'bogus' (modes: missing-id, wrong-id, "
        "wrong-parent, empty-page, huge-total, repeat-ids)\n");
  CHECK(run_cli({"--help"}, out, err) == 0);
  CHECK(out.find("--misbehave") != std::string::npos);
  CHECK(out.find("  repeat-ids    every page after the first repeats the first page's items\n") !=
        std::string::npos);
}

TEST_CASE("--version prints the emulator's version and the git commit it was built from") {
  std::string out;
  std::string err;
  CHECK(run_cli({"--version"}, out, err) == 0);
  CHECK(out == std::string("loadero-emulator 0.1.0 (commit ") + LOADERO_EXPECTED_COMMIT + ")\n");
}
