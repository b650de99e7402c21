#include "validation.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>

#include "http_errors.hpp"

using loadero_emulator::detail::HttpError;
using loadero_emulator::detail::parse_body;
using loadero_emulator::detail::ValidationFailure;
using loadero_emulator::detail::Validator;
using nlohmann::json;

namespace {

// The problems `read` records on `body`, as thrown by throw_if_failed.
template <typename Read>
std::map<std::string, std::vector<std::string>> problems(const json& body, Read read) {
  Validator v(body);
  read(v);
  try {
    v.throw_if_failed();
  } catch (const ValidationFailure& failure) {
    return failure.errors;
  }
  return {};
}

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("a blank body is an empty object, and anything but a JSON object is a 400") {
  CHECK(parse_body("") == json::object());
  CHECK(parse_body(" \n\t") == json::object());
  CHECK(parse_body(R"({"name":"a"})") == json{{"name", "a"}});
  try {
    parse_body("{");
    FAIL("no error");
  } catch (const HttpError& error) {
    CHECK(error.status == 400);
    CHECK(error.message.rfind("malformed JSON body: ", 0) == 0);
  }
  try {
    parse_body("[1]");
    FAIL("no error");
  } catch (const HttpError& error) {
    CHECK(error.status == 400);
    CHECK(error.message == "the request body must be a JSON object");
  }
}

TEST_CASE("names are required, strings, not blank and at most 255 characters") {
  const json body{{"blank", "  "},
                  {"number", 5},
                  {"long", std::string(256, 'x')},
                  {"longest", std::string(255, 'x')}};
  const auto errors = problems(body, [](Validator& v) {
    CHECK(v.required_name("missing", 255).empty());
    CHECK(v.required_name("blank", 255).empty());
    CHECK(v.required_name("number", 255).empty());
    CHECK(v.required_name("long", 255).empty());
    CHECK(v.required_name("longest", 255) == std::string(255, 'x'));
    CHECK_FALSE(v.optional_name("absent", 255));
  });
  CHECK(errors.size() == 4);
  CHECK(errors.at("missing") == Messages{"This field is required."});
  CHECK(errors.at("blank") == Messages{"This field may not be blank."});
  CHECK(errors.at("number") == Messages{"Not a valid string."});
  CHECK(errors.at("long") == Messages{"Ensure this field has no more than 255 characters."});
}

TEST_CASE("name lengths count characters, not bytes, as the API does") {
  std::string longest;
  for (int i = 0; i < 255; ++i) longest += "\u00e9";  // 2 bytes each
  const json body{{"longest", longest}, {"long", longest + "x"}};
  const auto errors = problems(body, [&](Validator& v) {
    CHECK(v.required_name("longest", 255) == longest);
    CHECK(v.optional_name("long", 255) == "");
  });
  CHECK(errors == std::map<std::string, Messages>{
                      {"long", {"Ensure this field has no more than 255 characters."}}});
}

TEST_CASE("integers are checked against their range and give the minimum after a problem") {
  const json body{{"low", 0},    {"high", 11},      {"huge", 18446744073709551615ULL},
                  {"text", "5"}, {"fraction", 1.5}, {"ok", 10}};
  const auto errors = problems(body, [](Validator& v) {
    CHECK(v.required_integer("low", 1, 10) == 1);
    CHECK(v.required_integer("high", 1, 10) == 1);
    CHECK(v.required_integer("huge", 1, 10) == 1);
    CHECK(v.required_integer("text", 1, 10) == 1);
    CHECK(v.required_integer("fraction", 1, 10) == 1);
    CHECK(v.required_integer("missing", 1, 10) == 1);
    CHECK(v.required_integer("ok", 1, 10) == 10);
  });
  CHECK(errors.at("low") == Messages{"Ensure this value is greater than or equal to 1."});
  CHECK(errors.at("high") == Messages{"Ensure this value is less than or equal to 10."});
  CHECK(errors.at("huge") == Messages{"Ensure this value is less than or equal to 10."});
  CHECK(errors.at("text") == Messages{"A valid integer is required."});
  CHECK(errors.at("fraction") == Messages{"A valid integer is required."});
  CHECK(errors.at("missing") == Messages{"This field is required."});
  CHECK_FALSE(errors.contains("ok"));
}

TEST_CASE("choices, texts, booleans and ids fall back when absent and name their problems") {
  const json body{{"mode", "fast"}, {"browser", ""},   {"script", ""},  {"flag", "yes"},
                  {"group_id", -1}, {"unit", nullptr}, {"other_id", 7}, {"record_audio", true}};
  const auto errors = problems(body, [](Validator& v) {
    constexpr std::array<std::string_view, 2> modes{"load", "performance"};
    constexpr std::array<std::string_view, 2> units{"g1", "g2"};
    constexpr std::array<std::string_view, 1> strategies{"linear"};
    CHECK(v.choice("mode", modes, std::nullopt).empty());
    CHECK(v.choice("unit", units, "g1") == "g1");
    CHECK(v.choice("strategy", strategies, std::nullopt).empty());
    CHECK(v.optional_text("browser", "chromeLatest").empty());
    CHECK(v.optional_text("location", "us-west-2") == "us-west-2");
    CHECK(v.optional_any_text("script").empty());
    CHECK(v.optional_bool("flag", true));
    CHECK(v.optional_bool("record_audio", false));
    CHECK_FALSE(v.optional_id("group_id"));
    CHECK(v.optional_id("other_id") == 7);
    v.fail("other_id", "Group 7 does not exist in this test.");
  });
  CHECK(errors.at("mode") ==
        Messages{"\"fast\" is not a valid choice. Choose one of: load, performance."});
  CHECK(errors.at("strategy") == Messages{"This field is required."});
  CHECK(errors.at("browser") == Messages{"This field may not be blank."});
  CHECK(errors.at("flag") == Messages{"Must be a valid boolean."});
  CHECK(errors.at("group_id") == Messages{"A valid integer is required."});
  CHECK(errors.at("other_id") == Messages{"Group 7 does not exist in this test."});
  CHECK(errors.size() == 6);
}

TEST_CASE("a validator without problems does not throw") {
  const json body{{"name", "a"}};
  Validator v(body);
  CHECK(v.required_name("name", 255) == "a");
  CHECK_NOTHROW(v.throw_if_failed());
}
