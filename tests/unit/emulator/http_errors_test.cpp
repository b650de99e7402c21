#include "http_errors.hpp"

#include <doctest/doctest.h>

using loadero_emulator::detail::error_response;
using loadero_emulator::detail::HttpError;
using loadero_emulator::detail::ValidationFailure;

TEST_CASE("an HTTP error answers its status, code and message, and keeps its headers") {
  const auto response = error_response(HttpError{405, "no", {{"Allow", "GET"}}});
  CHECK(response.status == 405);
  CHECK(response.body == R"({"code":405,"error":"no"})");
  REQUIRE(response.headers.size() == 1);
  CHECK(response.headers[0].first == "Allow");
  CHECK(response.headers[0].second == "GET");
  CHECK_FALSE(response.committed_write);
}

TEST_CASE("a validation failure answers 422 with the messages by field, in name order") {
  const auto response =
      error_response(ValidationFailure{{{"name", {"This field is required."}},
                                        {"count", {"A valid integer is required.", "Other."}}}});
  CHECK(response.status == 422);
  CHECK(
      response.body ==
      R"({"code":422,"errors":{"count":["A valid integer is required.","Other."],"name":["This field is required."]}})");
  CHECK(response.headers.empty());
  CHECK_FALSE(response.committed_write);
}
