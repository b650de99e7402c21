#include "loadero/api_client.hpp"
#include "loadero/group.hpp"
#include "loadero/test.hpp"
#include "loadero_sync/gateway.hpp"

namespace loadero_sync {

namespace {

LiveGroup to_live(const loadero::GroupParams& params) {
  return LiveGroup{params.group_id().value_or(0), params.name().value_or(""),
                   params.count().value_or(0), params.participant_count()};
}

TestInfo to_info(const loadero::TestParams& params) {
  return TestInfo{params.test_id().value_or(0), params.name().value_or("")};
}

class ApiGateway : public LoaderoGateway {
 public:
  explicit ApiGateway(loadero::ApiClient& client) : m_groups(client), m_tests(client) {}

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

 private:
  loadero::GroupAPI m_groups;
  loadero::TestAPI m_tests;
};

}  // namespace

std::unique_ptr<LoaderoGateway> make_api_gateway(loadero::ApiClient& client) {
  return std::make_unique<ApiGateway>(client);
}

}  // namespace loadero_sync
