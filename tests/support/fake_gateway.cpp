#include "fake_gateway.hpp"

#include <algorithm>
#include <stdexcept>

namespace loadero_test {

namespace {

loadero::ApiError make_error(loadero::ApiError::Kind kind, long status, std::string method,
                             std::string route, std::optional<double> retry_after,
                             std::string detail) {
  loadero::ApiError::Details details;
  details.kind = kind;
  details.status = status;
  details.method = std::move(method);
  details.route = std::move(route);
  details.retry_after_seconds = retry_after;
  details.detail = std::move(detail);
  if (kind == loadero::ApiError::Kind::http) {
    details.code = status;
    details.error_text = "injected fault";
  }
  return loadero::ApiError(std::move(details));
}

}  // namespace

loadero::ApiError http_error(long status, std::string method, std::string route,
                             std::optional<double> retry_after) {
  return make_error(loadero::ApiError::Kind::http, status, std::move(method), std::move(route),
                    retry_after, "");
}

loadero::ApiError timeout_error(std::string method, std::string route) {
  return make_error(loadero::ApiError::Kind::timeout, 0, std::move(method), std::move(route),
                    std::nullopt, "connection dropped after sending");
}

loadero::ApiError connection_error(std::string method, std::string route) {
  return make_error(loadero::ApiError::Kind::connection, 0, std::move(method), std::move(route),
                    std::nullopt, "could not connect: Connection refused");
}

class FakeGateway::InFlight {
 public:
  explicit InFlight(FakeGateway& fake) : m_fake(fake) {
    std::unique_lock lock(m_fake.m_mutex);
    ++m_fake.m_in_flight;
    m_fake.m_max_in_flight = std::max(m_fake.m_max_in_flight, m_fake.m_in_flight);
    m_fake.m_cv.notify_all();
    if (m_fake.m_gate > 0) {
      // A latch: once `gate` calls were in flight together, nobody waits any more.
      if (m_fake.m_in_flight >= m_fake.m_gate) m_fake.m_gate = 0;
      m_fake.m_cv.wait_for(lock, std::chrono::seconds(2), [&] { return m_fake.m_gate == 0; });
    }
  }
  ~InFlight() {
    const std::lock_guard lock(m_fake.m_mutex);
    --m_fake.m_in_flight;
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  FakeGateway& m_fake;
};

FakeGateway& FakeGateway::set_mode(std::int64_t test_id, std::string mode) {
  const std::lock_guard lock(m_mutex);
  m_tests.at(test_id).mode = std::move(mode);
  return *this;
}

FakeGateway& FakeGateway::add_test(std::int64_t test_id, std::string name,
                                   std::vector<LiveGroup> groups) {
  const std::lock_guard lock(m_mutex);
  m_tests[test_id] = TestInfo{test_id, std::move(name)};
  m_groups[test_id] = std::move(groups);
  m_participants[test_id].clear();
  return *this;
}

FakeGateway& FakeGateway::set_participants(std::int64_t test_id,
                                           std::vector<LiveParticipant> participants) {
  const std::lock_guard lock(m_mutex);
  m_participants[test_id] = std::move(participants);
  return *this;
}

void FakeGateway::fail(std::string op, loadero::ApiError error, int times, Commit commit,
                       std::optional<std::string> name, std::optional<std::int64_t> test_id) {
  const std::lock_guard lock(m_mutex);
  m_faults.push_back(
      Fault{std::move(op), std::move(error), times, commit, std::move(name), test_id});
}

void FakeGateway::page_tests(std::size_t page_size) {
  const std::lock_guard lock(m_mutex);
  m_test_page_size = page_size;
}

void FakeGateway::gate_concurrency(int concurrency) {
  const std::lock_guard lock(m_mutex);
  m_gate = concurrency;
}

std::vector<Call> FakeGateway::calls() const {
  const std::lock_guard lock(m_mutex);
  return m_calls;
}

std::vector<std::string> FakeGateway::ops() const {
  std::vector<std::string> ops;
  for (const auto& call : calls()) ops.push_back(call.op);
  return ops;
}

std::size_t FakeGateway::count(const std::string& op) const {
  const std::lock_guard lock(m_mutex);
  return static_cast<std::size_t>(std::count_if(m_calls.begin(), m_calls.end(),
                                                [&](const Call& call) { return call.op == op; }));
}

std::vector<LiveParticipant> FakeGateway::participants(std::int64_t test_id) const {
  const std::lock_guard lock(m_mutex);
  const auto it = m_participants.find(test_id);
  return it == m_participants.end() ? std::vector<LiveParticipant>{} : it->second;
}

std::vector<LiveGroup> FakeGateway::groups(std::int64_t test_id) const {
  const std::lock_guard lock(m_mutex);
  const auto it = m_groups.find(test_id);
  return it == m_groups.end() ? std::vector<LiveGroup>{} : it->second;
}

int FakeGateway::max_in_flight() const {
  const std::lock_guard lock(m_mutex);
  return m_max_in_flight;
}

void FakeGateway::on_call(std::function<void(const Call&)> hook) {
  const std::lock_guard lock(m_mutex);
  m_hook = std::move(hook);
}

std::optional<FakeGateway::Fault> FakeGateway::enter(const Call& call) {
  std::optional<Fault> found;
  std::function<void(const Call&)> hook;
  {
    const std::lock_guard lock(m_mutex);
    m_calls.push_back(call);
    hook = m_hook;
    for (auto& fault : m_faults) {
      if (fault.times == 0 || fault.op != call.op) continue;
      if (fault.name && *fault.name != call.name) continue;
      if (fault.test_id && *fault.test_id != call.test_id) continue;
      if (fault.times > 0) --fault.times;
      found = fault;
      break;
    }
  }
  // Outside the lock: the hook may call back into the fake.
  if (hook) hook(call);
  return found;
}

std::vector<LiveGroup>& FakeGateway::test_groups(std::int64_t test_id, const std::string& method) {
  const auto it = m_groups.find(test_id);
  if (it == m_groups.end()) {
    throw http_error(404, method, "projects/5040/tests/" + std::to_string(test_id) + "/groups/");
  }
  return it->second;
}

LiveGroup& FakeGateway::find_group(std::int64_t test_id, std::int64_t group_id,
                                   const std::string& method) {
  auto& groups = test_groups(test_id, method);
  const auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const LiveGroup& g) { return g.id == group_id; });
  if (it == groups.end())
    throw http_error(404, method,
                     "projects/5040/tests/" + std::to_string(test_id) + "/groups/" +
                         std::to_string(group_id) + "/");
  return *it;
}

TestInfo FakeGateway::read_test(std::int64_t test_id) {
  InFlight in_flight(*this);
  const auto fault = enter({"read_test", test_id, 0, "", 0});
  if (fault) throw fault->error;
  const std::lock_guard lock(m_mutex);
  const auto it = m_tests.find(test_id);
  if (it == m_tests.end())
    throw http_error(404, "GET", "projects/5040/tests/" + std::to_string(test_id) + "/");
  return it->second;
}

loadero_sync::TestListing FakeGateway::list_tests(const loadero_sync::ContinueListing& go_on) {
  InFlight in_flight(*this);
  const auto fault = enter({"list_tests", 0, 0, "", 0});
  if (fault) throw fault->error;
  loadero_sync::TestListing listing;
  std::size_t page_size = 0;
  {
    const std::lock_guard lock(m_mutex);
    for (const auto& [id, test] : m_tests) listing.tests.push_back(test);
    page_size = m_test_page_size;
  }
  if (page_size == 0 || listing.tests.size() <= page_size) return listing;
  const auto pages_left =
      static_cast<std::int64_t>((listing.tests.size() - page_size + page_size - 1) / page_size);
  if (!go_on || go_on(pages_left)) return listing;
  listing.tests.resize(page_size);
  listing.complete = false;
  return listing;
}

std::vector<LiveGroup> FakeGateway::list_groups(std::int64_t test_id) {
  InFlight in_flight(*this);
  const auto fault = enter({"list", test_id, 0, "", 0});
  if (fault) throw fault->error;
  const std::lock_guard lock(m_mutex);
  return test_groups(test_id, "GET");
}

LiveGroup FakeGateway::create_group(std::int64_t test_id, const std::string& name,
                                    std::int64_t count) {
  if (name.empty() || count < 1) throw std::invalid_argument("bad group body");
  InFlight in_flight(*this);
  const auto fault = enter({"create", test_id, 0, name, count});
  if (fault && fault->commit == Commit::no) throw fault->error;
  const std::lock_guard lock(m_mutex);
  auto& groups = test_groups(test_id, "POST");
  const LiveGroup group{next_id++, name, count, 0};
  groups.push_back(group);
  if (fault) throw fault->error;
  return group;
}

LiveGroup FakeGateway::update_group(std::int64_t test_id, std::int64_t group_id,
                                    const std::string& name, std::int64_t count) {
  if (name.empty() || count < 1) throw std::invalid_argument("bad group body");
  InFlight in_flight(*this);
  const auto fault = enter({"update", test_id, group_id, name, count});
  if (fault && fault->commit == Commit::no) throw fault->error;
  const std::lock_guard lock(m_mutex);
  auto& group = find_group(test_id, group_id, "PUT");
  group.name = name;
  group.count = count;
  if (fault) throw fault->error;
  return group;
}

loadero_sync::Deletion FakeGateway::delete_group(std::int64_t test_id, std::int64_t group_id) {
  InFlight in_flight(*this);
  const auto fault = enter({"delete", test_id, group_id, "", 0});
  if (fault && fault->commit == Commit::no) throw fault->error;
  const std::lock_guard lock(m_mutex);
  find_group(test_id, group_id, "DELETE");
  std::erase_if(m_groups[test_id], [&](const LiveGroup& g) { return g.id == group_id; });
  std::erase_if(m_participants[test_id],
                [&](const LiveParticipant& p) { return p.group_id == group_id; });
  if (fault) throw fault->error;
  return loadero_sync::Deletion::deleted;
}

LiveGroup FakeGateway::copy_group(std::int64_t test_id, std::int64_t source_group_id,
                                  const std::string& name) {
  if (name.empty()) throw std::invalid_argument("bad copy name");
  InFlight in_flight(*this);
  const auto fault = enter({"copy", test_id, source_group_id, name, 0});
  if (fault && fault->commit == Commit::no) throw fault->error;
  const std::lock_guard lock(m_mutex);
  const auto source = find_group(test_id, source_group_id, "POST");
  const LiveGroup copy{next_id++, name, source.count, source.participant_count};
  m_groups[test_id].push_back(copy);
  auto& participants = m_participants[test_id];
  std::vector<LiveParticipant> copied;
  for (const auto& participant : participants) {
    if (participant.group_id != source_group_id) continue;
    copied.push_back(participant);
    copied.back().id = next_id++;
    copied.back().group_id = copy.id;
  }
  participants.insert(participants.end(), copied.begin(), copied.end());
  if (fault) throw fault->error;
  return copy;
}

namespace {

std::string participants_route(std::int64_t test_id) {
  return "projects/5040/tests/" + std::to_string(test_id) + "/participants/";
}

void check_participant_body(const ParticipantState& state) {
  const auto& record_audio = state.settings.get(loadero_sync::ParticipantField::record_audio);
  if (state.name.empty() || state.count < 1 ||
      (record_audio && *record_audio != "true" && *record_audio != "false"))
    throw std::invalid_argument("bad participant body");
}

// What a write sends over what the participant had: name, count, group and every set setting.
void put_over(LiveParticipant& participant, std::int64_t group_id, const ParticipantState& state) {
  participant.group_id = group_id;
  participant.name = state.name;
  participant.count = state.count;
  for (const auto field : loadero_sync::all_participant_fields) {
    if (const auto& value = state.settings.get(field)) participant.settings.set(field, value);
  }
}

}  // namespace

LiveParticipant& FakeGateway::find_participant(std::int64_t test_id, std::int64_t participant_id,
                                               const std::string& method) {
  test_groups(test_id, method);
  auto& participants = m_participants[test_id];
  const auto it = std::find_if(participants.begin(), participants.end(),
                               [&](const LiveParticipant& p) { return p.id == participant_id; });
  if (it == participants.end())
    throw http_error(404, method,
                     participants_route(test_id) + std::to_string(participant_id) + "/");
  return *it;
}

std::vector<LiveParticipant> FakeGateway::list_participants(std::int64_t test_id) {
  InFlight in_flight(*this);
  const auto fault = enter({"list_participants", test_id, 0, "", 0});
  if (fault) throw fault->error;
  const std::lock_guard lock(m_mutex);
  if (!m_tests.contains(test_id)) throw http_error(404, "GET", participants_route(test_id));
  return m_participants[test_id];
}

std::vector<LiveParticipant> FakeGateway::list_group_participants(std::int64_t test_id,
                                                                  std::int64_t group_id) {
  InFlight in_flight(*this);
  const auto fault = enter({"list_group_participants", test_id, group_id, "", 0});
  if (fault) throw fault->error;
  const std::lock_guard lock(m_mutex);
  find_group(test_id, group_id, "GET");
  std::vector<LiveParticipant> found;
  for (const auto& participant : m_participants[test_id]) {
    if (participant.group_id == group_id) found.push_back(participant);
  }
  return found;
}

LiveParticipant FakeGateway::create_participant(std::int64_t test_id, std::int64_t group_id,
                                                const ParticipantState& state) {
  check_participant_body(state);
  InFlight in_flight(*this);
  const auto fault = enter({"create_participant", test_id, group_id, state.name, state.count});
  if (fault && fault->commit == Commit::no) throw fault->error;
  const std::lock_guard lock(m_mutex);
  find_group(test_id, group_id, "POST");
  LiveParticipant participant{next_id++, group_id, "", 0, {}};
  put_over(participant, group_id, state);
  m_participants[test_id].push_back(participant);
  if (fault) throw fault->error;
  return participant;
}

LiveParticipant FakeGateway::update_participant(std::int64_t test_id, std::int64_t group_id,
                                                std::int64_t participant_id,
                                                const ParticipantState& state) {
  check_participant_body(state);
  InFlight in_flight(*this);
  const auto fault =
      enter({"update_participant", test_id, group_id, state.name, state.count, participant_id});
  if (fault && fault->commit == Commit::no) throw fault->error;
  const std::lock_guard lock(m_mutex);
  find_group(test_id, group_id, "PUT");
  auto& participant = find_participant(test_id, participant_id, "PUT");
  put_over(participant, group_id, state);
  if (fault) throw fault->error;
  return participant;
}

loadero_sync::Deletion FakeGateway::delete_participant(std::int64_t test_id,
                                                       std::int64_t participant_id) {
  InFlight in_flight(*this);
  const auto fault = enter({"delete_participant", test_id, 0, "", 0, participant_id});
  if (fault && fault->commit == Commit::no) throw fault->error;
  const std::lock_guard lock(m_mutex);
  find_participant(test_id, participant_id, "DELETE");
  std::erase_if(m_participants[test_id],
                [&](const LiveParticipant& p) { return p.id == participant_id; });
  if (fault) throw fault->error;
  return loadero_sync::Deletion::deleted;
}

bool RecordingSleeper::sleep_for(std::chrono::milliseconds delay) {
  const std::lock_guard lock(m_mutex);
  m_delays.push_back(delay);
  return true;
}

std::vector<std::chrono::milliseconds> RecordingSleeper::delays() const {
  const std::lock_guard lock(m_mutex);
  return m_delays;
}

}  // namespace loadero_test
