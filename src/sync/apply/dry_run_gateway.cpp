#include <nlohmann/json.hpp>
#include <stdexcept>

#include "loadero_sync/gateway.hpp"

namespace loadero_sync {

std::string group_route(std::int64_t project_id, std::int64_t test_id,
                        std::optional<std::int64_t> group_id) {
  auto route =
      "projects/" + std::to_string(project_id) + "/tests/" + std::to_string(test_id) + "/groups/";
  if (group_id) route += std::to_string(*group_id) + "/";
  return route;
}

namespace {

// The same checks the resource layer makes before sending, so a dry run fails where apply would.
void check_group_body(const std::string& name, std::int64_t count) {
  if (name.empty()) throw std::invalid_argument("a group name must not be empty");
  if (count < 1)
    throw std::invalid_argument("a group count must be at least 1, not " + std::to_string(count));
}

}  // namespace

DryRunGateway::DryRunGateway(LoaderoGateway& reads, std::int64_t project_id,
                             std::function<void(const RecordedRequest&)> on_request)
    : m_reads(reads), m_project_id(project_id), m_on_request(std::move(on_request)) {}

TestInfo DryRunGateway::read_test(std::int64_t test_id) { return m_reads.read_test(test_id); }

std::vector<TestInfo> DryRunGateway::find_tests(const std::string& exact_name) {
  return m_reads.find_tests(exact_name);
}

std::vector<LiveGroup> DryRunGateway::list_groups(std::int64_t test_id) {
  auto groups = m_reads.list_groups(test_id);
  const std::lock_guard lock(m_mutex);
  auto& known = m_groups[test_id];
  for (const auto& group : groups) known.insert_or_assign(group.id, group);
  return groups;
}

void DryRunGateway::record(RecordedRequest request) {
  const std::lock_guard lock(m_mutex);
  m_requests.push_back(std::move(request));
  if (m_on_request) m_on_request(m_requests.back());
}

LiveGroup DryRunGateway::known_group(std::int64_t test_id, std::int64_t group_id) {
  {
    const std::lock_guard lock(m_mutex);
    if (const auto test = m_groups.find(test_id); test != m_groups.end()) {
      if (const auto group = test->second.find(group_id); group != test->second.end())
        return group->second;
    }
  }
  // A live group the run has not listed yet: one read tells the copy's count, as the real copy
  // would.
  for (const auto& group : list_groups(test_id)) {
    if (group.id == group_id) return group;
  }
  throw std::invalid_argument("group " + std::to_string(group_id) + " is not in test " +
                              std::to_string(test_id));
}

LiveGroup DryRunGateway::create_group(std::int64_t test_id, const std::string& name,
                                      std::int64_t count) {
  check_group_body(name, count);
  record({"POST", group_route(m_project_id, test_id),
          nlohmann::json{{"name", name}, {"count", count}}.dump(), test_id});
  const std::lock_guard lock(m_mutex);
  const LiveGroup group{m_next_id--, name, count, 0};
  m_groups[test_id].insert_or_assign(group.id, group);
  return group;
}

LiveGroup DryRunGateway::update_group(std::int64_t test_id, std::int64_t group_id,
                                      const std::string& name, std::int64_t count) {
  check_group_body(name, count);
  record({"PUT", group_route(m_project_id, test_id, group_id),
          nlohmann::json{{"name", name}, {"count", count}}.dump(), test_id});
  const std::lock_guard lock(m_mutex);
  auto& group = m_groups[test_id][group_id];
  group.id = group_id;
  group.name = name;
  group.count = count;
  return group;
}

void DryRunGateway::delete_group(std::int64_t test_id, std::int64_t group_id) {
  record({"DELETE", group_route(m_project_id, test_id, group_id), "", test_id});
  const std::lock_guard lock(m_mutex);
  m_groups[test_id].erase(group_id);
}

LiveGroup DryRunGateway::copy_group(std::int64_t test_id, std::int64_t source_group_id,
                                    const std::string& name) {
  if (name.empty()) throw std::invalid_argument("the name of a group copy must not be empty");
  const auto source = known_group(test_id, source_group_id);
  record({"POST", group_route(m_project_id, test_id, source_group_id) + "copy/",
          nlohmann::json{{"name", name}}.dump(), test_id});
  const std::lock_guard lock(m_mutex);
  const LiveGroup copy{m_next_id--, name, source.count, source.participant_count};
  m_groups[test_id].insert_or_assign(copy.id, copy);
  return copy;
}

const std::vector<RecordedRequest>& DryRunGateway::requests() const { return m_requests; }

}  // namespace loadero_sync
