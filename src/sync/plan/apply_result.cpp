#include "loadero_sync/apply_result.hpp"

namespace loadero_sync {

std::string_view to_string(ActionStatus status) {
  switch (status) {
    case ActionStatus::applied:
      return "applied";
    case ActionStatus::failed:
      return "failed";
    case ActionStatus::not_attempted:
      return "not attempted";
    case ActionStatus::interrupted:
      return "not attempted (interrupted)";
  }
  return "unknown";
}

namespace {

std::size_t count_status(const ApplyResult& result, ActionStatus status) {
  std::size_t n = 0;
  for (const auto& test : result.tests) {
    for (const auto& action : test.actions) {
      if (action.status == status) ++n;
    }
  }
  return n;
}

}  // namespace

std::size_t ApplyResult::applied() const { return count_status(*this, ActionStatus::applied); }
std::size_t ApplyResult::failed() const { return count_status(*this, ActionStatus::failed); }
std::size_t ApplyResult::not_attempted() const {
  return count_status(*this, ActionStatus::not_attempted) + interrupted();
}
std::size_t ApplyResult::interrupted() const {
  return count_status(*this, ActionStatus::interrupted);
}

std::size_t ApplyResult::conflicts() const {
  std::size_t n = 0;
  for (const auto& test : tests) n += test.conflicts.size();
  return n;
}

}  // namespace loadero_sync
