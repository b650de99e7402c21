#include "loadero/participant_filters.hpp"

#include <stdexcept>
#include <string_view>

namespace loadero {

namespace {

constexpr std::string_view query_prefix = "filter_";

std::string setting_name(const std::string& key) {
  return key.starts_with(query_prefix) ? key.substr(query_prefix.size()) : key;
}

// One echoed value as text: strings as they are, numbers and booleans as JSON.
std::string value_text(const nlohmann::json& value, const std::string& key) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  throw std::invalid_argument("participant filter echo '" + key +
                              "' is not a value or a list of values");
}

void add_entries(ParticipantFilters& filters, const nlohmann::json& object) {
  for (const auto& [key, value] : object.items()) {
    auto& values = filters[setting_name(key)];
    if (value.is_null()) continue;
    if (value.is_array()) {
      for (const auto& item : value) values.push_back(value_text(item, key));
    } else {
      values.push_back(value_text(value, key));
    }
  }
}

}  // namespace

ParticipantFilters participant_filters(const nlohmann::json& filter) {
  if (!filter.is_object())
    throw std::invalid_argument("participant filter echo is not a JSON object");
  ParticipantFilters filters;
  if (const auto profile = filter.find("profile"); profile != filter.end()) {
    if (!profile->is_object()) {
      throw std::invalid_argument("participant filter echo 'profile' is not a JSON object");
    }
    add_entries(filters, *profile);
  }
  nlohmann::json top_level = filter;
  top_level.erase("profile");
  add_entries(filters, top_level);
  return filters;
}

ParticipantFilters participant_filters(const PagedResponse<ParticipantParams>& page) {
  return participant_filters(page.filter);
}

}  // namespace loadero
