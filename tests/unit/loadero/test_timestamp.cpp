#include <doctest/doctest.h>

#include "loadero/timestamp.hpp"

using namespace std::chrono;
using loadero::parse_timestamp;
using loadero::Timestamp;

namespace {

Timestamp at(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms = 0) {
  return Timestamp{sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} +
                   milliseconds{ms}};
}

}  // namespace

TEST_CASE("a timestamp with whole seconds and Z parses (Java fixture shape)") {
  CHECK(parse_timestamp("2021-02-02T12:00:25Z") == at(2021, 2, 2, 12, 0, 25));
}

TEST_CASE("a timestamp with milliseconds and Z parses (Python fixture shape)") {
  CHECK(parse_timestamp("2022-04-01T13:54:25.689Z") == at(2022, 4, 1, 13, 54, 25, 689));
}

TEST_CASE("a timestamp with an offset is converted to UTC") {
  CHECK(parse_timestamp("2022-04-01T15:54:25.689+02:00") == at(2022, 4, 1, 13, 54, 25, 689));
  CHECK(parse_timestamp("2022-04-01T08:24:25-05:30") == at(2022, 4, 1, 13, 54, 25));
  CHECK(parse_timestamp("2022-01-01T00:30:00+01:00") == at(2021, 12, 31, 23, 30, 0));
}

TEST_CASE("fractional seconds of any length are kept to the millisecond") {
  CHECK(parse_timestamp("2022-04-01T13:54:25.6Z") == at(2022, 4, 1, 13, 54, 25, 600));
  CHECK(parse_timestamp("2022-04-01T13:54:25.123456789Z") == at(2022, 4, 1, 13, 54, 25, 123));
}

TEST_CASE("lowercase t and z and a space separator are accepted as RFC 3339 allows") {
  CHECK(parse_timestamp("2021-02-02t12:00:25z") == at(2021, 2, 2, 12, 0, 25));
  CHECK(parse_timestamp("2021-02-02 12:00:25Z") == at(2021, 2, 2, 12, 0, 25));
}

TEST_CASE("malformed timestamps are rejected") {
  CHECK_FALSE(parse_timestamp(""));
  CHECK_FALSE(parse_timestamp("2021-02-02"));
  CHECK_FALSE(parse_timestamp("2021-02-02T12:00:25"));
  CHECK_FALSE(parse_timestamp("2021-02-02T12:00:25.Z"));
  CHECK_FALSE(parse_timestamp("2021-02-30T12:00:25Z"));
  CHECK_FALSE(parse_timestamp("2021-13-02T12:00:25Z"));
  CHECK_FALSE(parse_timestamp("2021-02-02T24:00:25Z"));
  CHECK_FALSE(parse_timestamp("2021-02-02T12:00:25+0200"));
  CHECK_FALSE(parse_timestamp("2021-02-02T12:00:25Zjunk"));
  CHECK_FALSE(parse_timestamp("2022-11-19 09:50:22+00"));
}

TEST_CASE("timestamps format as RFC 3339 UTC with milliseconds only when present") {
  CHECK(loadero::format_timestamp(at(2021, 2, 2, 12, 0, 25)) == "2021-02-02T12:00:25Z");
  CHECK(loadero::format_timestamp(at(2022, 4, 1, 13, 54, 25, 689)) == "2022-04-01T13:54:25.689Z");
  CHECK(loadero::format_timestamp(at(2022, 4, 1, 13, 54, 25, 7)) == "2022-04-01T13:54:25.007Z");
}
