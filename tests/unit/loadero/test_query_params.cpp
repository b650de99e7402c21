#include <doctest/doctest.h>

#include "loadero/group.hpp"
#include "loadero/participant.hpp"
#include "loadero/query_params.hpp"
#include "loadero/test.hpp"

using loadero::QueryParams;
using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("limit alone parses to one pair like the Python client") {
  CHECK(QueryParams().limit(30).parse() == Pairs{{"limit", "30"}});
  CHECK(QueryParams().limit(30).to_query_string() == "limit=30");
}

TEST_CASE("an empty QueryParams gives no pairs and an empty query string") {
  CHECK(QueryParams().parse().empty());
  CHECK(QueryParams().to_query_string().empty());
}

TEST_CASE("limit and offset come first, then filters in order of first use with every value") {
  QueryParams query;
  query.filter("filter_browser", "chromeLatest")
      .filter(loadero::GroupFilterKey::NAME, "Moderators")
      .offset(40)
      .filter("filter_browser", "firefoxLatest")
      .limit(20);
  CHECK(query.parse() == Pairs{{"limit", "20"},
                               {"offset", "40"},
                               {"filter_browser", "chromeLatest"},
                               {"filter_browser", "firefoxLatest"},
                               {"filter_name", "Moderators"}});
  CHECK(query.to_query_string() ==
        "limit=20&offset=40&filter_browser=chromeLatest&filter_browser=firefoxLatest&filter_name="
        "Moderators");
}

TEST_CASE("setting limit or offset again replaces the value instead of repeating it") {
  QueryParams query;
  query.limit(10).limit(100).offset(5).offset(0);
  CHECK(query.to_query_string() == "limit=100&offset=0");
  CHECK(query.get_limit() == 100);
  CHECK(query.get_offset() == 0);
}

TEST_CASE("filter values are URL-encoded") {
  QueryParams query;
  query.filter(loadero::GroupFilterKey::NAME, "a b&c=d/é?+%");
  CHECK(query.to_query_string() == "filter_name=a%20b%26c%3Dd%2F%C3%A9%3F%2B%25");
  CHECK(loadero::url_encode("AZaz09-_.~") == "AZaz09-_.~");
}

TEST_CASE("integer filter values are sent in decimal") {
  QueryParams query;
  query.filter(loadero::GroupFilterKey::COUNT_FROM, 2)
      .filter(loadero::GroupFilterKey::COUNT_TO, std::int64_t{-7});
  CHECK(query.to_query_string() == "filter_count_from=2&filter_count_to=-7");
}

TEST_CASE("group filter keys have the wire names of the Python client") {
  CHECK(loadero::to_string(loadero::GroupFilterKey::COUNT_FROM) == "filter_count_from");
  CHECK(loadero::to_string(loadero::GroupFilterKey::COUNT_TO) == "filter_count_to");
  CHECK(loadero::to_string(loadero::GroupFilterKey::NAME) == "filter_name");
}

TEST_CASE("test filter keys have the wire names of the Python client") {
  using loadero::TestFilterKey;
  CHECK(loadero::to_string(TestFilterKey::NAME) == "filter_name");
  CHECK(loadero::to_string(TestFilterKey::TEST_MODE) == "filter_test_mode");
  CHECK(loadero::to_string(TestFilterKey::INCREMENT_STRATEGY) == "filter_increment_strategy");
  CHECK(loadero::to_string(TestFilterKey::START_INTERVAL_FROM) == "filter_start_interval_from");
  CHECK(loadero::to_string(TestFilterKey::START_INTERVAL_TO) == "filter_start_interval_to");
  CHECK(loadero::to_string(TestFilterKey::PARTICIPANT_TIMEOUT_FROM) ==
        "filter_participant_timeout_from");
  CHECK(loadero::to_string(TestFilterKey::PARTICIPANT_TIMEOUT_TO) ==
        "filter_participant_timeout_to");
}

TEST_CASE("participant filter keys have the wire names of the Python client") {
  using loadero::ParticipantFilterKey;
  CHECK(loadero::to_string(ParticipantFilterKey::NAME) == "filter_name");
  CHECK(loadero::to_string(ParticipantFilterKey::COUNT_FROM) == "filter_count_from");
  CHECK(loadero::to_string(ParticipantFilterKey::COUNT_TO) == "filter_count_to");
  CHECK(loadero::to_string(ParticipantFilterKey::COMPUTE_UNIT) == "filter_compute_unit");
  CHECK(loadero::to_string(ParticipantFilterKey::HAS_GROUP) == "filter_has_group");
  CHECK(loadero::to_string(ParticipantFilterKey::RECORD_AUDIO) == "filter_record_audio");
  CHECK(loadero::to_string(ParticipantFilterKey::BROWSER) == "filter_browser");
  CHECK(loadero::to_string(ParticipantFilterKey::NETWORK) == "filter_network");
  CHECK(loadero::to_string(ParticipantFilterKey::LOCATION) == "filter_location");
  CHECK(loadero::to_string(ParticipantFilterKey::VIDEO_FEED) == "filter_video_feed");
  CHECK(loadero::to_string(ParticipantFilterKey::AUDIO_FEED) == "filter_audio_feed");
}

TEST_CASE("clear_filter removes every value of one key and keeps the others") {
  QueryParams query;
  query.filter("filter_a", "1")
      .filter("filter_b", "2")
      .filter("filter_a", "3")
      .clear_filter("filter_a");
  CHECK(query.to_query_string() == "filter_b=2");
}

TEST_CASE("boolean filter values are sent as true and false") {
  QueryParams query;
  query.filter(loadero::ParticipantFilterKey::RECORD_AUDIO, true)
      .filter(loadero::ParticipantFilterKey::HAS_GROUP, false);
  CHECK(query.to_query_string() == "filter_record_audio=true&filter_has_group=false");
}

TEST_CASE("datetime filter values are sent as integer Unix seconds") {
  QueryParams query;
  query.filter("filter_created_from", *loadero::parse_timestamp("2021-02-02T12:00:25.900Z"));
  CHECK(query.to_query_string() == "filter_created_from=1612267225");
}
