#include <stdexcept>
#include <utility>

#include "json_fields.hpp"
#include "loadero/limits.hpp"
#include "loadero/participant.hpp"
#include "pagination_detail.hpp"

namespace loadero {

namespace {

constexpr std::string_view what_participant = "participant";

enum class NeedsParticipantId { no, yes };
enum class NeedsBody { no, yes };

// The API would answer 422; refusing first keeps a dry run and a real apply alike.
void check_name_length(std::string_view what, std::string_view name) {
  const std::size_t length = name_length(name);
  if (length > max_participant_name_length) {
    throw std::invalid_argument(std::string(what) + " is " + std::to_string(length) +
                                " characters long; the API accepts at most " +
                                std::to_string(max_participant_name_length));
  }
}

// The Python client's order: identifiers (test_id, participant_id) first, then the body. The
// group id, which only the group-scoped routes need, is the last identifier checked.
void validate(const ParticipantParams& params, ParticipantScope scope,
              NeedsParticipantId needs_participant_id, NeedsBody needs_body) {
  if (!params.test_id()) throw std::invalid_argument("ParticipantParams.test_id must be set");
  if (needs_participant_id == NeedsParticipantId::yes && !params.participant_id()) {
    throw std::invalid_argument("ParticipantParams.participant_id must be set");
  }
  if (scope == ParticipantScope::group && !params.group_id()) {
    throw std::invalid_argument("ParticipantParams.group_id must be set");
  }
  if (needs_body == NeedsBody::no) return;
  if (!params.name()) throw std::invalid_argument("missing required attribute 'name'");
  if (!params.count()) throw std::invalid_argument("missing required attribute 'count'");
  if (params.name()->empty()) throw std::invalid_argument("participant name must not be empty");
  check_name_length("participant name", *params.name());
  if (*params.count() < min_participant_count || *params.count() > max_participant_count) {
    throw std::invalid_argument(
        "participant count must be between " + std::to_string(min_participant_count) + " and " +
        std::to_string(max_participant_count) + ", not " + std::to_string(*params.count()));
  }
}

ParticipantParams parse_participant(const nlohmann::json& json) {
  return ParticipantParams::from_json(json);
}

// The group id the routes carry: only at group scope (at test scope a group_id is body data).
std::optional<std::int64_t> route_group(const ParticipantParams& params, ParticipantScope scope) {
  return scope == ParticipantScope::group ? params.group_id() : std::nullopt;
}

// A participant of this test (and group, at group scope); `participant_id` when one was asked for.
detail::Identity participant_in(std::int64_t test_id, std::optional<std::int64_t> group_id,
                                std::optional<std::int64_t> participant_id = {}) {
  detail::Identity identity{what_participant, participant_id, {{"test_id", test_id}}};
  if (group_id) identity.parents.emplace_back("group_id", *group_id);
  return identity;
}

// test_id (and at group scope group_id) is taken from the path; an answer that leaves it out
// still belongs to the test and group it was asked about.
ParticipantParams with_parents(ParticipantParams params, std::int64_t test_id,
                               std::optional<std::int64_t> group_id) {
  if (!params.test_id()) params.in_test(test_id);
  if (group_id && !params.group_id()) params.in_group(*group_id);
  return params;
}

// The write body; the group-scoped body has no group_id, the path carries it.
nlohmann::json body_for(const ParticipantParams& params, ParticipantScope scope) {
  nlohmann::json body = params.to_body();
  if (scope == ParticipantScope::group) body.erase("group_id");
  return body;
}

}  // namespace

std::string ParticipantAPI::route(std::int64_t test_id, std::optional<std::int64_t> group_id,
                                  std::optional<std::int64_t> participant_id) const {
  std::string route = m_client->project_route() + "tests/" + std::to_string(test_id) + "/";
  if (group_id) route += "groups/" + std::to_string(*group_id) + "/";
  route += "participants/";
  if (participant_id) route += std::to_string(*participant_id) + "/";
  return route;
}

ParticipantParams ParticipantAPI::create(const ParticipantParams& params, ParticipantScope scope) {
  validate(params, scope, NeedsParticipantId::no, NeedsBody::yes);
  const std::int64_t test_id = *params.test_id();
  const auto group_id = route_group(params, scope);
  const std::string target = route(test_id, group_id);
  return with_parents(detail::parse_resource<ParticipantParams>(
                          m_client->post(target, body_for(params, scope)), parse_participant,
                          participant_in(test_id, group_id), "POST", target),
                      test_id, group_id);
}

ParticipantParams ParticipantAPI::read(const ParticipantParams& params, ParticipantScope scope) {
  validate(params, scope, NeedsParticipantId::yes, NeedsBody::no);
  const std::int64_t test_id = *params.test_id();
  const auto group_id = route_group(params, scope);
  const std::string target = route(test_id, group_id, params.participant_id());
  return with_parents(
      detail::parse_resource<ParticipantParams>(
          m_client->get(target), parse_participant,
          participant_in(test_id, group_id, params.participant_id()), "GET", target),
      test_id, group_id);
}

ParticipantParams ParticipantAPI::read(std::int64_t test_id, std::int64_t participant_id,
                                       std::optional<std::int64_t> group_id) {
  ParticipantParams params;
  params.in_test(test_id).with_id(participant_id);
  if (group_id) params.in_group(*group_id);
  return read(params, group_id ? ParticipantScope::group : ParticipantScope::test);
}

ParticipantParams ParticipantAPI::update(const ParticipantParams& params, ParticipantScope scope) {
  validate(params, scope, NeedsParticipantId::yes, NeedsBody::yes);
  const std::int64_t test_id = *params.test_id();
  const auto group_id = route_group(params, scope);
  const std::string target = route(test_id, group_id, params.participant_id());
  return with_parents(
      detail::parse_resource<ParticipantParams>(
          m_client->put(target, body_for(params, scope)), parse_participant,
          participant_in(test_id, group_id, params.participant_id()), "PUT", target),
      test_id, group_id);
}

void ParticipantAPI::remove(const ParticipantParams& params, ParticipantScope scope) {
  validate(params, scope, NeedsParticipantId::yes, NeedsBody::no);
  m_client->del(route(*params.test_id(), route_group(params, scope), params.participant_id()));
}

ParticipantParams ParticipantAPI::duplicate(const ParticipantParams& params, std::string_view name,
                                            ParticipantScope scope) {
  validate(params, scope, NeedsParticipantId::yes, NeedsBody::no);
  if (name.empty()) throw std::invalid_argument("duplicate name must not be empty");
  check_name_length("duplicate name", name);
  const std::int64_t test_id = *params.test_id();
  const auto group_id = route_group(params, scope);
  const std::string target = route(test_id, group_id, params.participant_id()) + "copy/";
  const nlohmann::json body = {{"name", std::string(name)}};
  return with_parents(
      detail::parse_resource<ParticipantParams>(m_client->post(target, body), parse_participant,
                                                participant_in(test_id, group_id), "POST", target),
      test_id, group_id);
}

PagedResponse<ParticipantParams> ParticipantAPI::read_all(std::int64_t test_id,
                                                          std::optional<std::int64_t> group_id,
                                                          const QueryParams& query) {
  const std::string target = route(test_id, group_id);
  auto page = detail::parse_paged<ParticipantParams>(
      m_client->get(target, query), parse_participant, participant_in(test_id, group_id), target);
  for (auto& participant : page.results) {
    participant = with_parents(std::move(participant), test_id, group_id);
  }
  return page;
}

std::vector<ParticipantParams> ParticipantAPI::read_all_pages(
    std::int64_t test_id, std::optional<std::int64_t> group_id, QueryParams query,
    std::optional<std::int64_t> page_size) {
  auto participants = detail::read_all_pages_as<ParticipantParams>(
      *m_client, route(test_id, group_id), std::move(query), page_size, parse_participant,
      participant_in(test_id, group_id));
  for (auto& participant : participants) {
    participant = with_parents(std::move(participant), test_id, group_id);
  }
  return participants;
}

Participant::Participant(ApiClient& client, ParticipantParams params, ParticipantScope scope)
    : m_client(&client), m_params(std::move(params)), m_scope(scope) {}

Participant& Participant::create() {
  m_params = ParticipantAPI(*m_client).create(m_params, m_scope);
  return *this;
}

Participant& Participant::read() {
  m_params = ParticipantAPI(*m_client).read(m_params, m_scope);
  return *this;
}

Participant& Participant::update() {
  m_params = ParticipantAPI(*m_client).update(m_params, m_scope);
  return *this;
}

void Participant::remove() { ParticipantAPI(*m_client).remove(m_params, m_scope); }

Participant Participant::duplicate(std::string_view name) {
  return Participant(*m_client, ParticipantAPI(*m_client).duplicate(m_params, name, m_scope),
                     m_scope);
}

}  // namespace loadero
