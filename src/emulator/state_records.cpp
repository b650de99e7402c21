// State's records and its per-test index of them: every add and erase goes through here, so the
// index cannot drift from the maps.

#include <vector>

#include "state.hpp"

namespace loadero_emulator {

namespace {

using IdsByTest = std::unordered_map<std::int64_t, std::set<std::int64_t>>;

// Adds `record` under its id and indexes it under its test; nullptr when the id is taken.
template <class Record>
Record* add_indexed(std::map<std::int64_t, Record>& records, IdsByTest& index, Record record) {
  const auto id = record.id;
  const auto test_id = record.test_id;
  const auto [it, added] = records.emplace(id, std::move(record));
  if (!added) return nullptr;
  index[test_id].insert(id);
  return &it->second;
}

void unindex(IdsByTest& index, std::int64_t test_id, std::int64_t id) {
  const auto ids = index.find(test_id);
  if (ids == index.end()) return;
  ids->second.erase(id);
  if (ids->second.empty()) index.erase(ids);
}

const std::set<std::int64_t>& ids_in(const IdsByTest& index, std::int64_t test_id) {
  static const std::set<std::int64_t> none;
  const auto it = index.find(test_id);
  return it == index.end() ? none : it->second;
}

}  // namespace

Group* State::add_group(Group group) {
  return add_indexed(groups, m_group_ids_by_test, std::move(group));
}

Participant* State::add_participant(Participant participant) {
  return add_indexed(participants, m_participant_ids_by_test, std::move(participant));
}

void State::erase_group(std::int64_t id) {
  const auto group = groups.find(id);
  if (group == groups.end()) return;
  const auto test_id = group->second.test_id;
  std::vector<std::int64_t> members;
  for (const auto participant_id : participant_ids_of(test_id)) {
    if (participants.at(participant_id).group_id == id) members.push_back(participant_id);
  }
  for (const auto participant_id : members) erase_participant(participant_id);
  groups.erase(group);
  unindex(m_group_ids_by_test, test_id, id);
}

void State::erase_participant(std::int64_t id) {
  const auto participant = participants.find(id);
  if (participant == participants.end()) return;
  unindex(m_participant_ids_by_test, participant->second.test_id, id);
  participants.erase(participant);
}

void State::erase_test(std::int64_t id) {
  if (const auto ids = m_participant_ids_by_test.find(id); ids != m_participant_ids_by_test.end()) {
    for (const auto participant_id : ids->second) participants.erase(participant_id);
    m_participant_ids_by_test.erase(ids);
  }
  if (const auto ids = m_group_ids_by_test.find(id); ids != m_group_ids_by_test.end()) {
    for (const auto group_id : ids->second) groups.erase(group_id);
    m_group_ids_by_test.erase(ids);
  }
  tests.erase(id);
}

const std::set<std::int64_t>& State::group_ids_of(std::int64_t test_id) const {
  return ids_in(m_group_ids_by_test, test_id);
}

const std::set<std::int64_t>& State::participant_ids_of(std::int64_t test_id) const {
  return ids_in(m_participant_ids_by_test, test_id);
}

}  // namespace loadero_emulator
