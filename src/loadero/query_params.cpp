#include "loadero/query_params.hpp"

#include <algorithm>

namespace loadero {

QueryParams& QueryParams::limit(std::int64_t limit) {
  m_limit = limit;
  return *this;
}

QueryParams& QueryParams::offset(std::int64_t offset) {
  m_offset = offset;
  return *this;
}

QueryParams& QueryParams::filter(std::string_view key, std::string_view value) {
  auto it = std::find_if(m_filters.begin(), m_filters.end(),
                         [&](const auto& entry) { return entry.first == key; });
  if (it == m_filters.end()) {
    m_filters.emplace_back(std::string(key), std::vector<std::string>{});
    it = std::prev(m_filters.end());
  }
  it->second.emplace_back(value);
  return *this;
}

QueryParams& QueryParams::filter(std::string_view key, std::int64_t value) {
  return filter(key, std::string_view(std::to_string(value)));
}

QueryParams& QueryParams::filter(std::string_view key, bool value) {
  return filter(key, std::string_view(value ? "true" : "false"));
}

QueryParams& QueryParams::filter(std::string_view key, Timestamp value) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(value).time_since_epoch().count();
  return filter(key, static_cast<std::int64_t>(seconds));
}

QueryParams& QueryParams::clear_filter(std::string_view key) {
  std::erase_if(m_filters, [&](const auto& entry) { return entry.first == key; });
  return *this;
}

std::vector<std::pair<std::string, std::string>> QueryParams::parse() const {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (m_limit) pairs.emplace_back("limit", std::to_string(*m_limit));
  if (m_offset) pairs.emplace_back("offset", std::to_string(*m_offset));
  for (const auto& [key, values] : m_filters) {
    for (const auto& value : values) pairs.emplace_back(key, value);
  }
  return pairs;
}

std::string QueryParams::to_query_string() const {
  std::string query;
  for (const auto& [key, value] : parse()) {
    if (!query.empty()) query += '&';
    query += url_encode(key);
    query += '=';
    query += url_encode(value);
  }
  return query;
}

std::string url_encode(std::string_view text) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' ||
                            byte == '.' || byte == '~';
    if (unreserved) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += hex[byte >> 4];
      encoded += hex[byte & 0x0F];
    }
  }
  return encoded;
}

}  // namespace loadero
