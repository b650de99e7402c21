#include "loadero/group.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "json_fields.hpp"
#include "loadero/limits.hpp"
#include "pagination_detail.hpp"

namespace loadero {

namespace {

constexpr std::string_view what_group = "group";

enum class NeedsGroupId { no, yes };
enum class NeedsBody { no, yes };

// The API would answer 422; refusing first keeps a dry run and a real apply alike.
void check_name_length(std::string_view what, std::string_view name) {
  const std::size_t length = name_length(name);
  if (length > max_group_name_length) {
    throw std::invalid_argument(std::string(what) + " is " + std::to_string(length) +
                                " characters long; the API accepts at most " +
                                std::to_string(max_group_name_length));
  }
}

// Mirrors the Python client's checks, in its order: identifiers first, then the body.
void validate(const GroupParams& params, NeedsGroupId needs_group_id, NeedsBody needs_body) {
  if (!params.test_id()) throw std::invalid_argument("GroupParams.test_id must be set");
  if (needs_group_id == NeedsGroupId::yes && !params.group_id()) {
    throw std::invalid_argument("GroupParams.group_id must be set");
  }
  if (needs_body == NeedsBody::no) return;
  if (!params.name()) throw std::invalid_argument("missing required attribute 'name'");
  if (!params.count()) throw std::invalid_argument("missing required attribute 'count'");
  if (params.name()->empty()) throw std::invalid_argument("group name must not be empty");
  check_name_length("group name", *params.name());
  if (*params.count() < min_group_count || *params.count() > max_group_count) {
    throw std::invalid_argument("group count must be between " + std::to_string(min_group_count) +
                                " and " + std::to_string(max_group_count) + ", not " +
                                std::to_string(*params.count()));
  }
}

GroupParams parse_group(const nlohmann::json& json) { return GroupParams::from_json(json); }

// A group of this test; `group_id` when one group was asked for.
detail::Identity group_in(std::int64_t test_id, std::optional<std::int64_t> group_id = {}) {
  return detail::Identity{what_group, group_id, {{"test_id", test_id}}};
}

// test_id is read-only and taken from the path; an answer that leaves it out still belongs to
// the test it was asked about.
GroupParams with_test(GroupParams params, std::int64_t test_id) {
  if (!params.test_id()) params.in_test(test_id);
  return params;
}

}  // namespace

std::string_view to_string(GroupFilterKey key) noexcept {
  switch (key) {
    case GroupFilterKey::COUNT_FROM:
      return "filter_count_from";
    case GroupFilterKey::COUNT_TO:
      return "filter_count_to";
    case GroupFilterKey::NAME:
      return "filter_name";
  }
  return "filter_name";
}

GroupParams::GroupParams(Fields fields)
    : m_group_id(fields.group_id),
      m_test_id(fields.test_id),
      m_name(std::move(fields.name)),
      m_count(fields.count) {}

GroupParams& GroupParams::with_id(std::int64_t group_id) {
  m_group_id = group_id;
  return *this;
}

GroupParams& GroupParams::with_name(std::string name) {
  m_name = std::move(name);
  return *this;
}

GroupParams& GroupParams::with_count(std::int64_t count) {
  m_count = count;
  return *this;
}

GroupParams& GroupParams::in_test(std::int64_t test_id) {
  m_test_id = test_id;
  return *this;
}

GroupParams GroupParams::from_json(const nlohmann::json& json) {
  detail::require_object(json, what_group);
  GroupParams params;
  params.m_group_id = detail::read_int(json, "id", what_group);
  params.m_test_id = detail::read_int(json, "test_id", what_group);
  params.m_name = detail::read_string(json, "name", what_group);
  params.m_count = detail::read_int(json, "count", what_group);
  params.m_participant_count = detail::read_int(json, "participant_count", what_group).value_or(0);
  params.m_total_cu_count = detail::read_number(json, "total_cu_count", what_group);
  params.m_created = detail::read_timestamp(json, "created", what_group);
  params.m_updated = detail::read_timestamp(json, "updated", what_group);
  return params;
}

nlohmann::json GroupParams::to_json() const {
  nlohmann::json json = nlohmann::json::object();
  if (m_group_id) json["id"] = *m_group_id;
  if (m_test_id) json["test_id"] = *m_test_id;
  if (m_name) json["name"] = *m_name;
  if (m_count) json["count"] = *m_count;
  json["participant_count"] = m_participant_count;
  if (m_total_cu_count) {
    // Whole numbers as integers, as the API writes them.
    const double units = *m_total_cu_count;
    if (std::trunc(units) == units && std::fabs(units) < 9.0e15) {
      json["total_cu_count"] = static_cast<std::int64_t>(units);
    } else {
      json["total_cu_count"] = units;
    }
  }
  if (m_created) json["created"] = format_timestamp(*m_created);
  if (m_updated) json["updated"] = format_timestamp(*m_updated);
  return json;
}

nlohmann::json GroupParams::to_body() const {
  nlohmann::json body = nlohmann::json::object();
  if (m_name) body["name"] = *m_name;
  if (m_count) body["count"] = *m_count;
  return body;
}

std::string GroupAPI::route(std::int64_t test_id, std::optional<std::int64_t> group_id) const {
  std::string route = m_client->project_route() + "tests/" + std::to_string(test_id) + "/groups/";
  if (group_id) route += std::to_string(*group_id) + "/";
  return route;
}

GroupParams GroupAPI::create(const GroupParams& params) {
  validate(params, NeedsGroupId::no, NeedsBody::yes);
  const std::string target = route(*params.test_id());
  return with_test(
      detail::parse_resource<GroupParams>(m_client->post(target, params.to_body()), parse_group,
                                          group_in(*params.test_id()), "POST", target),
      *params.test_id());
}

GroupParams GroupAPI::read(const GroupParams& params) {
  validate(params, NeedsGroupId::yes, NeedsBody::no);
  const std::string target = route(*params.test_id(), params.group_id());
  return with_test(detail::parse_resource<GroupParams>(
                       m_client->get(target), parse_group,
                       group_in(*params.test_id(), params.group_id()), "GET", target),
                   *params.test_id());
}

GroupParams GroupAPI::update(const GroupParams& params) {
  validate(params, NeedsGroupId::yes, NeedsBody::yes);
  const std::string target = route(*params.test_id(), params.group_id());
  return with_test(detail::parse_resource<GroupParams>(
                       m_client->put(target, params.to_body()), parse_group,
                       group_in(*params.test_id(), params.group_id()), "PUT", target),
                   *params.test_id());
}

void GroupAPI::remove(const GroupParams& params) {
  validate(params, NeedsGroupId::yes, NeedsBody::no);
  m_client->del(route(*params.test_id(), params.group_id()));
}

GroupParams GroupAPI::duplicate(const GroupParams& params, std::string_view name) {
  validate(params, NeedsGroupId::yes, NeedsBody::no);
  if (name.empty()) throw std::invalid_argument("duplicate name must not be empty");
  check_name_length("duplicate name", name);
  const std::string target = route(*params.test_id(), params.group_id()) + "copy/";
  const nlohmann::json body = {{"name", std::string(name)}};
  return with_test(detail::parse_resource<GroupParams>(m_client->post(target, body), parse_group,
                                                       group_in(*params.test_id()), "POST", target),
                   *params.test_id());
}

PagedResponse<GroupParams> GroupAPI::read_all(std::int64_t test_id, const QueryParams& query) {
  const std::string target = route(test_id);
  auto page = detail::parse_paged<GroupParams>(m_client->get(target, query), parse_group,
                                               group_in(test_id), target);
  for (auto& group : page.results) group = with_test(std::move(group), test_id);
  return page;
}

std::vector<GroupParams> GroupAPI::read_all_pages(std::int64_t test_id, QueryParams query,
                                                  std::optional<std::int64_t> page_size) {
  auto groups = detail::read_all_pages_as<GroupParams>(*m_client, route(test_id), std::move(query),
                                                       page_size, parse_group, group_in(test_id));
  for (auto& group : groups) group = with_test(std::move(group), test_id);
  return groups;
}

Group::Group(ApiClient& client, GroupParams params)
    : m_client(&client), m_params(std::move(params)) {}

Group& Group::create() {
  m_params = GroupAPI(*m_client).create(m_params);
  return *this;
}

Group& Group::read() {
  m_params = GroupAPI(*m_client).read(m_params);
  return *this;
}

Group& Group::update() {
  m_params = GroupAPI(*m_client).update(m_params);
  return *this;
}

void Group::remove() { GroupAPI(*m_client).remove(m_params); }

Group Group::duplicate(std::string_view name) {
  return Group(*m_client, GroupAPI(*m_client).duplicate(m_params, name));
}

PagedResponse<ParticipantParams> Group::participants(const QueryParams& query) {
  validate(m_params, NeedsGroupId::yes, NeedsBody::no);
  return ParticipantAPI(*m_client).read_all(*m_params.test_id(), m_params.group_id(), query);
}

}  // namespace loadero
