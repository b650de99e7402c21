#include <doctest/doctest.h>

#include "loadero/api_error.hpp"

using loadero::ApiError;

namespace {

ApiError::Details http_details(long status) {
  ApiError::Details details;
  details.kind = ApiError::Kind::http;
  details.status = status;
  details.method = "GET";
  details.route = "projects/5040/tests/6866/groups/48797/";
  return details;
}

}  // namespace

TEST_CASE("a 404 reads as method, route, status, Loadero's error and code") {
  auto details = http_details(404);
  details.code = 404;
  details.error_text = "group not found";
  const ApiError error(details);
  CHECK(std::string(error.what()) ==
        "GET projects/5040/tests/6866/groups/48797/: 404 Not Found: group not found (code 404)");
  CHECK(error.kind() == ApiError::Kind::http);
  CHECK(error.status() == 404);
  CHECK(error.code() == 404);
  CHECK(error.error_text() == "group not found");
  CHECK_FALSE(error.outcome_unknown());
  CHECK_FALSE(error.retryable());
}

TEST_CASE("a 422 lists each field's messages") {
  auto details = http_details(422);
  details.method = "POST";
  details.route = "projects/5040/tests/6866/groups/";
  details.code = 422;
  details.field_errors = {{"count", {"must be at least 1"}},
                          {"name", {"this field is required", "too short"}}};
  const ApiError error(details);
  CHECK(
      std::string(error.what()) ==
      "POST projects/5040/tests/6866/groups/: 422 Unprocessable Entity: count: must be at least 1; "
      "name: this field is required, too short (code 422)");
}

TEST_CASE("a status without body text still names the status") {
  const ApiError error(http_details(503));
  CHECK(std::string(error.what()) ==
        "GET projects/5040/tests/6866/groups/48797/: 503 Service Unavailable");
  CHECK(error.outcome_unknown());
  CHECK(error.retryable());
}

TEST_CASE("5xx answers 500, 502, 503 and 504 leave the outcome unknown and other statuses do not") {
  for (const long status : {500L, 502L, 503L, 504L})
    CHECK(ApiError(http_details(status)).outcome_unknown());
  for (const long status : {400L, 401L, 403L, 404L, 409L, 422L, 429L, 501L}) {
    CHECK_FALSE(ApiError(http_details(status)).outcome_unknown());
  }
}

TEST_CASE("429 is retryable and carries Retry-After") {
  auto details = http_details(429);
  details.retry_after_seconds = 2.5;
  const ApiError error(details);
  CHECK(error.retryable());
  CHECK_FALSE(error.outcome_unknown());
  CHECK(error.retry_after_seconds() == 2.5);
}

TEST_CASE("transport kinds read as method, route and what happened") {
  ApiError::Details details;
  details.kind = ApiError::Kind::timeout;
  details.method = "POST";
  details.route = "projects/5040/tests/6866/groups/";
  details.detail = "timed out after 30s (the outcome is unknown)";
  const ApiError timeout(details);
  CHECK(std::string(timeout.what()) ==
        "POST projects/5040/tests/6866/groups/: timed out after 30s (the outcome is unknown)");
  CHECK(timeout.outcome_unknown());
  CHECK(timeout.retryable());
  CHECK(timeout.status() == 0);

  details.kind = ApiError::Kind::connection;
  const ApiError connection(details);
  CHECK_FALSE(connection.outcome_unknown());
  CHECK(connection.retryable());

  details.kind = ApiError::Kind::invalid_response;
  const ApiError invalid(details);
  CHECK_FALSE(invalid.outcome_unknown());
  CHECK_FALSE(invalid.retryable());
}

TEST_CASE("reason phrases cover the statuses the API documents") {
  CHECK(loadero::http_reason_phrase(401) == "Unauthorized");
  CHECK(loadero::http_reason_phrase(413) == "Payload Too Large");
  CHECK(loadero::http_reason_phrase(429) == "Too Many Requests");
  CHECK(loadero::http_reason_phrase(599).empty());
}

TEST_CASE("an error before any request reads as what happened alone") {
  ApiError::Details details;
  details.kind = ApiError::Kind::connection;
  details.detail = "could not set up libcurl: out of memory";
  CHECK(std::string(ApiError(details).what()) == "could not set up libcurl: out of memory");
  details.method = "GET";
  CHECK(std::string(ApiError(details).what()) ==
        "GET (no route): could not set up libcurl: out of memory");
}
