// API base URLs: normalise_api_base, is_loopback_host, and ApiClient refusing what they refuse.

#include <doctest/doctest.h>

#include "client_fixture.hpp"
#include "loadero/api_base.hpp"
#include "loadero/api_client.hpp"

using loadero::ApiClient;
using loadero::InvalidApiBase;
using loadero::is_loopback_host;
using loadero::normalise_api_base;
using loadero_test::config_for;
using Problem = loadero::InvalidApiBase::Problem;

namespace {

// The problem normalise_api_base finds in `base`, or "none".
std::string problem_of(const std::string& base) {
  try {
    normalise_api_base(base);
  } catch (const InvalidApiBase& error) {
    switch (error.problem()) {
      case Problem::empty:
        return "empty";
      case Problem::not_a_url:
        return "not_a_url";
      case Problem::unsupported_scheme:
        return "unsupported_scheme";
      case Problem::malformed:
        return "malformed";
      case Problem::no_host:
        return "no_host";
      case Problem::credentials:
        return "credentials";
      case Problem::query_or_fragment:
        return "query_or_fragment";
      case Problem::plain_http:
        return "plain_http";
    }
  }
  return "none";
}

}  // namespace

TEST_CASE("loopback hosts are localhost, ::1 and dotted quads in 127.0.0.0/8") {
  for (const char* host :
       {"localhost", "LocalHost", "::1", "[::1]", "127.0.0.1", "127.1.2.3", "127.255.255.255"}) {
    INFO(host);
    CHECK(is_loopback_host(host));
  }
  for (const char* host : {"", "api.loadero.com", "128.0.0.1", "10.0.0.1", "127.0.0.1.example.com",
                           "127.0.0", "127.0.0.1.", "127.0.0.256", "127.0.0.1000", "127.1",
                           "0x7f.0.0.1", "localhost.example.com", "[::2]", "127.0.0.-1"}) {
    INFO(host);
    CHECK_FALSE(is_loopback_host(host));
  }
}

TEST_CASE("normalise_api_base trims, adds the trailing slash and reports the host") {
  const auto base = normalise_api_base("  https://api.loadero.com/v2\n");
  CHECK(base.url == "https://api.loadero.com/v2/");
  CHECK(base.host == "api.loadero.com");
  CHECK_FALSE(base.loopback);
  const auto local = normalise_api_base("http://[::1]:8080/v2/");
  CHECK(local.url == "http://[::1]:8080/v2/");
  CHECK(local.host == "[::1]");
  CHECK(local.loopback);
  CHECK(normalise_api_base("HTTP://LOCALHOST:9/v2").url == "HTTP://LOCALHOST:9/v2/");
}

TEST_CASE("normalise_api_base names each problem, and plain http the host") {
  CHECK(problem_of("https://api.loadero.com/v2/") == "none");
  CHECK(problem_of(" \t") == "empty");
  CHECK(problem_of("api.loadero.com/v2/") == "not_a_url");
  CHECK(problem_of("ftp://api.loadero.com/v2/") == "unsupported_scheme");
  CHECK(problem_of("https://exa mple.com/v2/") == "malformed");
  CHECK(problem_of("https://:443/v2/") == "no_host");
  CHECK(problem_of("https://user:secret@api.loadero.com/v2/") == "credentials");
  CHECK(problem_of("https://api.loadero.com/v2/?x=1") == "query_or_fragment");
  CHECK(problem_of("https://api.loadero.com/v2/#top") == "query_or_fragment");
  CHECK(problem_of("http://10.0.0.1/v2/") == "plain_http");
  try {
    normalise_api_base("http://api.loadero.com/v2/");
    FAIL("no error");
  } catch (const InvalidApiBase& error) {
    CHECK(error.host() == "api.loadero.com");
  }
}

TEST_CASE("an InvalidApiBase is a std::invalid_argument and never echoes credentials") {
  CHECK_THROWS_AS(normalise_api_base(""), std::invalid_argument);
  try {
    normalise_api_base("https://user:secret@api.loadero.com/v2/");
    FAIL("no error");
  } catch (const InvalidApiBase& error) {
    CHECK(std::string(error.what()).find("secret") == std::string::npos);
  }
}

TEST_CASE("plain http is refused for a host that is not loopback") {
  CHECK_THROWS_WITH_AS(
      ApiClient(config_for("http://api.loadero.com/v2/")),
      "refusing plain http:// to 'api.loadero.com': the access token would travel unencrypted; "
      "use https:// (http:// is allowed only for loopback hosts)",
      std::invalid_argument);
  CHECK_THROWS_AS(ApiClient(config_for("http://128.0.0.1/v2/")), std::invalid_argument);
  CHECK_THROWS_AS(ApiClient(config_for("http://127.0.0.1.example.com/v2/")), std::invalid_argument);
  CHECK_THROWS_AS(ApiClient(config_for("http://10.0.0.1:8080/v2/")), std::invalid_argument);
}

TEST_CASE("plain http is allowed to loopback hosts and https to any host") {
  CHECK_NOTHROW(ApiClient(config_for("http://127.0.0.1:8080/v2/")));
  CHECK_NOTHROW(ApiClient(config_for("http://127.1.2.3/v2/")));
  CHECK_NOTHROW(ApiClient(config_for("http://localhost:9/v2/")));
  CHECK_NOTHROW(ApiClient(config_for("http://LOCALHOST/v2/")));
  CHECK_NOTHROW(ApiClient(config_for("http://[::1]:8080/v2/")));
  CHECK_NOTHROW(ApiClient(config_for("https://api.loadero.com/v2/")));
  CHECK_NOTHROW(ApiClient(config_for("HTTPS://api.loadero.com/v2/")));
}

TEST_CASE("an empty, schemeless or non-http API base is refused") {
  CHECK_THROWS_WITH_AS(ApiClient(config_for("")), "the API base URL is empty",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      ApiClient(config_for("api.loadero.com/v2/")),
      "the API base URL 'api.loadero.com/v2/' is not a URL (expected https://host/path/)",
      std::invalid_argument);
  CHECK_THROWS_WITH_AS(ApiClient(config_for("ftp://api.loadero.com/v2/")),
                       "the API base URL 'ftp://api.loadero.com/v2/' must use https:// (or http:// "
                       "to a loopback host)",
                       std::invalid_argument);
  CHECK_THROWS_AS(ApiClient(config_for("https://api.loadero.com/v2/?x=1")), std::invalid_argument);
}

TEST_CASE("an API base with credentials in it is refused") {
  CHECK_THROWS_WITH_AS(
      ApiClient(config_for("https://user:secret@api.loadero.com/v2/")),
      "the API base URL must not contain credentials; the token is given separately",
      std::invalid_argument);
}
