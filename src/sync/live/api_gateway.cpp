#include <stdexcept>
#include <string>
#include <vector>

#include "loadero/api_client.hpp"
#include "loadero/group.hpp"
#include "loadero/participant.hpp"
#include "loadero/test.hpp"
#include "loadero_sync/gateway.hpp"

namespace loadero_sync {

namespace {

LiveGroup to_live(const loadero::GroupParams& params) {
  return LiveGroup{params.group_id().value_or(0), params.name().value_or(""),
                   params.count().value_or(0), params.participant_count(),
                   params.total_cu_count()};
}

LiveParticipant to_live(const loadero::ParticipantParams& params) {
  LiveParticipant participant;
  participant.id = params.participant_id().value_or(0);
  participant.group_id = params.group_id();
  participant.name = params.name().value_or("");
  participant.count = params.count().value_or(0);
  auto& settings = participant.settings;
  settings.set(ParticipantField::compute_unit, params.compute_unit());
  settings.set(ParticipantField::browser, params.browser());
  settings.set(ParticipantField::location, params.location());
  settings.set(ParticipantField::network, params.network());
  settings.set(ParticipantField::audio_feed, params.audio_feed());
  settings.set(ParticipantField::video_feed, params.video_feed());
  settings.set(ParticipantField::media_type, params.media_type());
  if (const auto record_audio = params.record_audio())
    settings.set(ParticipantField::record_audio, *record_audio ? "true" : "false");
  return participant;
}

std::vector<LiveParticipant> to_live(const std::vector<loadero::ParticipantParams>& listed) {
  std::vector<LiveParticipant> participants;
  participants.reserve(listed.size());
  for (const auto& params : listed) participants.push_back(to_live(params));
  return participants;
}

// The write body of a participant: name, count, group and every setting that is set. Throws
// std::invalid_argument for a record_audio that is not "true" or "false".
loadero::ParticipantParams to_params(std::int64_t test_id, std::int64_t group_id,
                                     const ParticipantState& state) {
  loadero::ParticipantParams params;
  params.in_test(test_id).in_group(group_id).with_name(state.name).with_count(state.count);
  const auto& settings = state.settings;
  if (const auto& value = settings.get(ParticipantField::compute_unit))
    params.with_compute_unit(*value);
  if (const auto& value = settings.get(ParticipantField::browser)) params.with_browser(*value);
  if (const auto& value = settings.get(ParticipantField::location)) params.with_location(*value);
  if (const auto& value = settings.get(ParticipantField::network)) params.with_network(*value);
  if (const auto& value = settings.get(ParticipantField::audio_feed))
    params.with_audio_feed(*value);
  if (const auto& value = settings.get(ParticipantField::video_feed))
    params.with_video_feed(*value);
  if (const auto& value = settings.get(ParticipantField::media_type))
    params.with_media_type(*value);
  if (const auto& value = settings.get(ParticipantField::record_audio)) {
    if (*value != "true" && *value != "false") {
      throw std::invalid_argument("participant \"" + state.name +
                                  "\": record_audio must be true or false, not \"" + *value + "\"");
    }
    params.with_record_audio(*value == "true");
  }
  return params;
}

TestInfo to_info(const loadero::TestParams& params) {
  return TestInfo{params.test_id().value_or(0), params.name().value_or(""), params.mode()};
}

class ApiGateway : public LoaderoGateway {
 public:
  explicit ApiGateway(loadero::ApiClient& client)
      : m_groups(client), m_participants(client), m_tests(client) {}

  TestInfo read_test(std::int64_t test_id) override { return to_info(m_tests.read(test_id)); }

  TestListing list_tests(const ContinueListing& go_on) override {
    auto listed = m_tests.read_pages_while(go_on);
    TestListing listing;
    listing.complete = listed.complete;
    listing.tests.reserve(listed.items.size());
    for (const auto& test : listed.items) listing.tests.push_back(to_info(test));
    return listing;
  }

  std::vector<LiveGroup> list_groups(std::int64_t test_id) override {
    std::vector<LiveGroup> groups;
    for (const auto& group : m_groups.read_all_pages(test_id)) groups.push_back(to_live(group));
    return groups;
  }

  LiveGroup create_group(std::int64_t test_id, const std::string& name,
                         std::int64_t count) override {
    return to_live(
        m_groups.create(loadero::GroupParams({.test_id = test_id, .name = name, .count = count})));
  }

  LiveGroup update_group(std::int64_t test_id, std::int64_t group_id, const std::string& name,
                         std::int64_t count) override {
    return to_live(m_groups.update(loadero::GroupParams(
        {.group_id = group_id, .test_id = test_id, .name = name, .count = count})));
  }

  Deletion delete_group(std::int64_t test_id, std::int64_t group_id) override {
    m_groups.remove(loadero::GroupParams({.group_id = group_id, .test_id = test_id}));
    return Deletion::deleted;
  }

  LiveGroup copy_group(std::int64_t test_id, std::int64_t source_group_id,
                       const std::string& name) override {
    return to_live(m_groups.duplicate(
        loadero::GroupParams({.group_id = source_group_id, .test_id = test_id}), name));
  }

  std::vector<LiveParticipant> list_participants(std::int64_t test_id) override {
    return to_live(m_participants.read_all_pages(test_id));
  }

  std::vector<LiveParticipant> list_group_participants(std::int64_t test_id,
                                                       std::int64_t group_id) override {
    return to_live(m_participants.read_all_pages(test_id, group_id));
  }

  LiveParticipant create_participant(std::int64_t test_id, std::int64_t group_id,
                                     const ParticipantState& state) override {
    return to_live(m_participants.create(to_params(test_id, group_id, state)));
  }

  LiveParticipant update_participant(std::int64_t test_id, std::int64_t group_id,
                                     std::int64_t participant_id,
                                     const ParticipantState& state) override {
    auto params = to_params(test_id, group_id, state);
    params.with_id(participant_id);
    return to_live(m_participants.update(params));
  }

  Deletion delete_participant(std::int64_t test_id, std::int64_t participant_id) override {
    m_participants.remove(loadero::ParticipantParams().in_test(test_id).with_id(participant_id));
    return Deletion::deleted;
  }

 private:
  loadero::GroupAPI m_groups;
  loadero::ParticipantAPI m_participants;
  loadero::TestAPI m_tests;
};

}  // namespace

std::unique_ptr<LoaderoGateway> make_api_gateway(loadero::ApiClient& client) {
  return std::make_unique<ApiGateway>(client);
}

}  // namespace loadero_sync
