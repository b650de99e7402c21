#include "faults.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using loadero_emulator::Ambiguity;
using loadero_emulator::FaultInjector;
using loadero_emulator::FaultOptions;

TEST_CASE("the same seed gives the same sequence of injected failures") {
  FaultOptions options;
  options.fail_rate = 0.5;
  options.seed = 42;
  FaultInjector first(options);
  FaultInjector second(options);
  std::vector<int> a;
  std::vector<int> b;
  for (int i = 0; i < 200; ++i) {
    a.push_back(first.injected_failure().value_or(0));
    b.push_back(second.injected_failure().value_or(0));
  }
  CHECK(a == b);
  const auto failures = std::count_if(a.begin(), a.end(), [](int status) { return status != 0; });
  CHECK(failures > 60);
  CHECK(failures < 140);
  for (const int status : a)
    CHECK((status == 0 || status == 500 || status == 502 || status == 503));
}

TEST_CASE("a fail rate of 0 never fails and 1 always fails") {
  FaultOptions never;
  FaultOptions always;
  always.fail_rate = 1.0;
  FaultInjector none(never);
  FaultInjector all(always);
  for (int i = 0; i < 50; ++i) {
    CHECK_FALSE(none.injected_failure());
    CHECK(all.injected_failure());
  }
}

TEST_CASE("an ambiguous rate of 1 loses every answer, both by dropping and by 502") {
  FaultOptions options;
  options.ambiguous_rate = 1.0;
  options.seed = 3;
  FaultInjector injector(options);
  int drops = 0;
  int gateways = 0;
  for (int i = 0; i < 100; ++i) {
    const auto ambiguity = injector.ambiguity_after_write();
    REQUIRE(ambiguity != Ambiguity::none);
    (ambiguity == Ambiguity::drop_connection ? drops : gateways)++;
  }
  CHECK(drops > 0);
  CHECK(gateways > 0);
  CHECK(FaultInjector(FaultOptions{}).ambiguity_after_write() == Ambiguity::none);
}

TEST_CASE(
    "the rate limit admits that many requests per sliding second, then refuses until the window "
    "moves") {
  FaultOptions options;
  options.rate_limit_rps = 3;
  FaultInjector injector(options);
  const auto start = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  CHECK(injector.admit(start));
  CHECK(injector.admit(start + std::chrono::milliseconds(100)));
  CHECK(injector.admit(start + std::chrono::milliseconds(200)));
  CHECK_FALSE(injector.admit(start + std::chrono::milliseconds(300)));
  CHECK_FALSE(injector.admit(start + std::chrono::milliseconds(999)));
  CHECK(injector.admit(start + std::chrono::milliseconds(1001)));
  CHECK_FALSE(injector.admit(start + std::chrono::milliseconds(1050)));
  CHECK(injector.admit(start + std::chrono::milliseconds(1101)));
}

TEST_CASE("without a rate limit every request is admitted") {
  FaultInjector injector(FaultOptions{});
  const auto now = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) CHECK(injector.admit(now));
}
