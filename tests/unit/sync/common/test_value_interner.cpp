#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "loadero_sync/model.hpp"

using loadero_sync::intern_participant_value;
using loadero_sync::ParticipantField;
using loadero_sync::ParticipantSettings;
using loadero_sync::unset_participant_value;

namespace {

// A value no other test case interns, built at run time so that no two calls share a buffer.
std::string value_named(const std::string& prefix, std::size_t index) {
  return "interner-test-" + prefix + "-" + std::to_string(index);
}

}  // namespace

TEST_CASE("equal strings intern to the same value, different strings to different ones") {
  const std::string first = value_named("same", 1);
  const std::string again = value_named("same", 1);
  REQUIRE(first.data() != again.data());

  const auto* interned = intern_participant_value(first);
  REQUIRE(interned != nullptr);
  REQUIRE(interned->has_value());
  CHECK(**interned == first);
  CHECK(intern_participant_value(again) == interned);
  CHECK(intern_participant_value(value_named("same", 2)) != interned);
  // The empty string is a value like any other, not "unset".
  const auto* empty = intern_participant_value("");
  REQUIRE(empty->has_value());
  CHECK((*empty)->empty());
  CHECK(intern_participant_value(std::string()) == empty);
}

TEST_CASE("more distinct values than a thread caches still intern to one value each") {
  std::vector<const std::optional<std::string>*> first_round;
  for (std::size_t i = 0; i < 1000; ++i)
    first_round.push_back(intern_participant_value(value_named("many", i)));
  for (std::size_t i = 0; i < 1000; ++i) {
    const auto* again = intern_participant_value(value_named("many", i));
    CHECK(again == first_round[i]);
    CHECK(**again == value_named("many", i));
  }
}

TEST_CASE("an unset participant setting reads as nullopt and compares equal to another unset") {
  ParticipantSettings settings;
  for (const auto field : loadero_sync::all_participant_fields) {
    CHECK_FALSE(settings.get(field).has_value());
    CHECK(&settings.get(field) == &unset_participant_value);
  }
  CHECK(settings == ParticipantSettings{});

  settings.set(ParticipantField::browser, "chromeLatest");
  REQUIRE(settings.get(ParticipantField::browser).has_value());
  CHECK(*settings.get(ParticipantField::browser) == "chromeLatest");
  CHECK_FALSE(settings == ParticipantSettings{});

  settings.set(ParticipantField::browser, std::nullopt);
  CHECK_FALSE(settings.get(ParticipantField::browser).has_value());
  CHECK(settings == ParticipantSettings{});

  settings.set(ParticipantField::network, std::string());
  CHECK(settings.get(ParticipantField::network) == std::optional<std::string>(""));
  CHECK_FALSE(settings == ParticipantSettings{});
}

TEST_CASE(
    "participant settings built apart from equal strings are equal, one field apart they "
    "are not") {
  ParticipantSettings a;
  ParticipantSettings b;
  a.set(ParticipantField::compute_unit, std::string("g") + "2");
  b.set(ParticipantField::compute_unit, std::string("g2"));
  a.set(ParticipantField::record_audio, "false");
  b.set(ParticipantField::record_audio, "false");
  CHECK(a == b);
  CHECK(&a.get(ParticipantField::compute_unit) == &b.get(ParticipantField::compute_unit));

  b.set(ParticipantField::record_audio, "true");
  CHECK_FALSE(a == b);
  b.set(ParticipantField::compute_unit, std::nullopt);
  b.set(ParticipantField::record_audio, "false");
  CHECK_FALSE(a == b);
}

TEST_CASE("a value read from participant settings outlives the settings") {
  const std::optional<std::string>* read = nullptr;
  {
    ParticipantSettings settings;
    settings.set(ParticipantField::location, value_named("outlives", 0));
    read = &settings.get(ParticipantField::location);
  }
  REQUIRE(read->has_value());
  CHECK(**read == value_named("outlives", 0));
}

TEST_CASE("threads interning the same values at once all get the same value for each string") {
  constexpr std::size_t thread_count = 8;
  constexpr std::size_t value_count = 512;  // more than a thread caches: the pool is contended
  constexpr int rounds = 20;
  std::vector<std::vector<const std::optional<std::string>*>> seen(
      thread_count, std::vector<const std::optional<std::string>*>(value_count, nullptr));
  std::vector<int> changes(thread_count, 0);  // a value whose address changed between rounds
  std::vector<ParticipantSettings> built(thread_count);
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < thread_count; ++t) {
      threads.emplace_back([t, &seen, &changes, &built] {
        for (int round = 0; round < rounds; ++round) {
          // Each thread walks every value in its own order (an odd stride over a power of two),
          // so first inserts race.
          for (std::size_t k = 0; k < value_count; ++k) {
            const std::size_t i = (k * (2 * t + 1) + t * 37) % value_count;
            const auto* interned = intern_participant_value(value_named("threads", i));
            if (seen[t][i] == nullptr) {
              seen[t][i] = interned;
            } else if (seen[t][i] != interned) {
              ++changes[t];
            }
          }
        }
        ParticipantSettings settings;
        settings.set(ParticipantField::compute_unit, value_named("threads", 7));
        settings.set(ParticipantField::media_type, "custom");
        built[t] = settings;
      });
    }
  }  // joined

  for (std::size_t t = 0; t < thread_count; ++t) CHECK(changes[t] == 0);
  for (std::size_t i = 0; i < value_count; ++i) {
    const auto* expected = intern_participant_value(value_named("threads", i));
    for (std::size_t t = 0; t < thread_count; ++t) {
      CHECK(seen[t][i] == expected);
    }
    CHECK(**expected == value_named("threads", i));
  }
  ParticipantSettings here;
  here.set(ParticipantField::compute_unit, value_named("threads", 7));
  here.set(ParticipantField::media_type, "custom");
  for (const auto& settings : built) CHECK(settings == here);
}
