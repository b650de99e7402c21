#include "loadero/test.hpp"

#include <utility>

#include "json_fields.hpp"
#include "pagination_detail.hpp"

namespace loadero {

namespace {

constexpr std::string_view what_test = "test";

TestParams parse_test(const nlohmann::json& json) { return TestParams::from_json(json); }

// A test of this project; `test_id` when one test was asked for.
detail::Identity test_in(std::int64_t project_id, std::optional<std::int64_t> test_id = {}) {
  return detail::Identity{what_test, test_id, {{"project_id", project_id}}};
}

template <class T>
void put_if_set(nlohmann::json& json, const char* key, const std::optional<T>& value) {
  if (value) json[key] = *value;
}

}  // namespace

std::string_view to_string(TestFilterKey key) noexcept {
  switch (key) {
    case TestFilterKey::NAME:
      return "filter_name";
    case TestFilterKey::TEST_MODE:
      return "filter_test_mode";
    case TestFilterKey::INCREMENT_STRATEGY:
      return "filter_increment_strategy";
    case TestFilterKey::START_INTERVAL_FROM:
      return "filter_start_interval_from";
    case TestFilterKey::START_INTERVAL_TO:
      return "filter_start_interval_to";
    case TestFilterKey::PARTICIPANT_TIMEOUT_FROM:
      return "filter_participant_timeout_from";
    case TestFilterKey::PARTICIPANT_TIMEOUT_TO:
      return "filter_participant_timeout_to";
  }
  return "filter_name";
}

TestParams& TestParams::with_id(std::int64_t test_id) {
  m_test_id = test_id;
  return *this;
}
TestParams& TestParams::with_name(std::string name) {
  m_name = std::move(name);
  return *this;
}
TestParams& TestParams::with_start_interval(std::int64_t seconds) {
  m_start_interval = seconds;
  return *this;
}
TestParams& TestParams::with_participant_timeout(std::int64_t seconds) {
  m_participant_timeout = seconds;
  return *this;
}
TestParams& TestParams::with_mode(std::string mode) {
  m_mode = std::move(mode);
  return *this;
}
TestParams& TestParams::with_increment_strategy(std::string strategy) {
  m_increment_strategy = std::move(strategy);
  return *this;
}
TestParams& TestParams::with_mos_test(bool mos_test) {
  m_mos_test = mos_test;
  return *this;
}
TestParams& TestParams::with_script(std::string script) {
  m_script = std::move(script);
  return *this;
}

TestParams TestParams::from_json(const nlohmann::json& json) {
  detail::require_object(json, what_test);
  TestParams params;
  params.m_test_id = detail::read_int(json, "id", what_test);
  params.m_project_id = detail::read_int(json, "project_id", what_test);
  params.m_name = detail::read_string(json, "name", what_test);
  params.m_start_interval = detail::read_int(json, "start_interval", what_test);
  params.m_participant_timeout = detail::read_int(json, "participant_timeout", what_test);
  params.m_mode = detail::read_string(json, "mode", what_test);
  params.m_increment_strategy = detail::read_string(json, "increment_strategy", what_test);
  params.m_mos_test = detail::read_bool(json, "mos_test", what_test);
  params.m_script = detail::read_string(json, "script", what_test);
  params.m_script_file_id = detail::read_int(json, "script_file_id", what_test);
  params.m_group_count = detail::read_int(json, "group_count", what_test).value_or(0);
  params.m_participant_count = detail::read_int(json, "participant_count", what_test).value_or(0);
  params.m_deleted = detail::read_bool(json, "deleted", what_test).value_or(false);
  params.m_created = detail::read_timestamp(json, "created", what_test);
  params.m_updated = detail::read_timestamp(json, "updated", what_test);
  return params;
}

nlohmann::json TestParams::to_json() const {
  nlohmann::json json = nlohmann::json::object();
  put_if_set(json, "id", m_test_id);
  put_if_set(json, "project_id", m_project_id);
  json.update(to_body());
  put_if_set(json, "script_file_id", m_script_file_id);
  json["group_count"] = m_group_count;
  json["participant_count"] = m_participant_count;
  json["deleted"] = m_deleted;
  if (m_created) json["created"] = format_timestamp(*m_created);
  if (m_updated) json["updated"] = format_timestamp(*m_updated);
  return json;
}

nlohmann::json TestParams::to_body() const {
  nlohmann::json body = nlohmann::json::object();
  put_if_set(body, "name", m_name);
  put_if_set(body, "start_interval", m_start_interval);
  put_if_set(body, "participant_timeout", m_participant_timeout);
  put_if_set(body, "mode", m_mode);
  put_if_set(body, "increment_strategy", m_increment_strategy);
  put_if_set(body, "mos_test", m_mos_test);
  put_if_set(body, "script", m_script);
  return body;
}

std::string TestAPI::route(std::optional<std::int64_t> test_id) const {
  std::string route = m_client->project_route() + "tests/";
  if (test_id) route += std::to_string(*test_id) + "/";
  return route;
}

TestParams TestAPI::read(std::int64_t test_id) {
  const std::string target = route(test_id);
  return detail::parse_resource<TestParams>(m_client->get(target), parse_test,
                                            test_in(m_client->config().project_id, test_id), "GET",
                                            target);
}

PagedResponse<TestParams> TestAPI::read_all(const QueryParams& query) {
  const std::string target = route();
  return detail::parse_paged<TestParams>(m_client->get(target, query), parse_test,
                                         test_in(m_client->config().project_id), target);
}

std::vector<TestParams> TestAPI::read_all_pages(QueryParams query,
                                                std::optional<std::int64_t> page_size) {
  return detail::read_all_pages_as<TestParams>(*m_client, route(), std::move(query), page_size,
                                               parse_test, test_in(m_client->config().project_id));
}

PartialList<TestParams> TestAPI::read_pages_while(const ContinuePaging& go_on, QueryParams query,
                                                  std::optional<std::int64_t> page_size) {
  const std::string target = route();
  auto listing = detail::read_every_page(*m_client, target, query, page_size, go_on);
  return PartialList<TestParams>{
      detail::parse_items<TestParams>(std::move(listing.items), target, parse_test,
                                      test_in(m_client->config().project_id)),
      listing.complete};
}

}  // namespace loadero
