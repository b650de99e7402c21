#include "stats.hpp"

#include <nlohmann/json.hpp>

namespace loadero_emulator {

void Stats::record_request(std::string_view method, std::string_view route) {
  std::string key;
  key.reserve(method.size() + 1 + route.size());
  key.append(method).append(" ").append(route);
  std::lock_guard lock(m_mutex);
  ++m_total;
  auto by_method = m_by_method.find(method);
  if (by_method == m_by_method.end()) by_method = m_by_method.emplace(std::string(method), 0).first;
  ++by_method->second;
  ++m_by_route[key];
}

void Stats::record_fault(FaultKind kind) {
  std::lock_guard lock(m_mutex);
  switch (kind) {
    case FaultKind::rate_limited:
      ++m_rate_limited;
      break;
    case FaultKind::server_error:
      ++m_server_errors;
      break;
    case FaultKind::ambiguous:
      ++m_ambiguous;
      break;
  }
}

void Stats::record_save() {
  std::lock_guard lock(m_mutex);
  ++m_saves;
}

void Stats::reset() {
  std::lock_guard lock(m_mutex);
  m_total = 0;
  m_by_method.clear();
  m_by_route.clear();
  m_rate_limited = 0;
  m_server_errors = 0;
  m_ambiguous = 0;
  m_saves = 0;
}

std::string Stats::to_json() const {
  std::lock_guard lock(m_mutex);
  nlohmann::ordered_json document;
  document["total"] = m_total;
  document["by_method"] = nlohmann::ordered_json::object();
  for (const auto& [method, count] : m_by_method) document["by_method"][method] = count;
  document["by_route"] = nlohmann::ordered_json::object();
  for (const auto& [route, count] : m_by_route) document["by_route"][route] = count;
  document["faults"] = {
      {"429", m_rate_limited}, {"5xx", m_server_errors}, {"ambiguous", m_ambiguous}};
  document["saves"] = m_saves;
  return document.dump();
}

}  // namespace loadero_emulator
