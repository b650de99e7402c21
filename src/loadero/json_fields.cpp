#include "json_fields.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace loadero::detail {

namespace {

const nlohmann::json* find_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

[[noreturn]] void wrong_type(std::string_view what, const char* key, std::string_view type) {
  throw std::invalid_argument(std::string(what) + " field '" + key + "' is not " +
                              std::string(type));
}

}  // namespace

void require_object(const nlohmann::json& json, std::string_view what) {
  if (!json.is_object()) throw std::invalid_argument(std::string(what) + " is not a JSON object");
}

std::optional<std::int64_t> read_int(const nlohmann::json& object, const char* key,
                                     std::string_view what) {
  const auto* field = find_field(object, key);
  if (field == nullptr) return std::nullopt;
  if (field->is_number_integer()) {
    if (field->is_number_unsigned() &&
        field->get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      wrong_type(what, key, "a 64-bit integer");
    }
    return field->get<std::int64_t>();
  }
  // Some serialisers write whole numbers as 4.0; accept those, nothing fractional.
  if (field->is_number_float()) {
    const double value = field->get<double>();
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9.0e15) {
      return static_cast<std::int64_t>(value);
    }
  }
  wrong_type(what, key, "an integer");
}

std::optional<double> read_number(const nlohmann::json& object, const char* key,
                                  std::string_view what) {
  const auto* field = find_field(object, key);
  if (field == nullptr) return std::nullopt;
  if (field->is_number()) {
    const double value = field->get<double>();
    if (std::isfinite(value)) return value;
  }
  wrong_type(what, key, "a number");
}

std::optional<std::string> read_string(const nlohmann::json& object, const char* key,
                                       std::string_view what) {
  const auto* field = find_field(object, key);
  if (field == nullptr) return std::nullopt;
  if (!field->is_string()) wrong_type(what, key, "a string");
  return field->get<std::string>();
}

std::optional<bool> read_bool(const nlohmann::json& object, const char* key,
                              std::string_view what) {
  const auto* field = find_field(object, key);
  if (field == nullptr) return std::nullopt;
  if (!field->is_boolean()) wrong_type(what, key, "a boolean");
  return field->get<bool>();
}

std::optional<Timestamp> read_timestamp(const nlohmann::json& object, const char* key,
                                        std::string_view what) {
  const auto* field = find_field(object, key);
  if (field == nullptr) return std::nullopt;
  if (!field->is_string()) wrong_type(what, key, "an RFC 3339 timestamp");
  const auto parsed = parse_timestamp(field->get_ref<const std::string&>());
  if (!parsed) wrong_type(what, key, "an RFC 3339 timestamp");
  return parsed;
}

void check_identity(const nlohmann::json& object, const Identity& identity) {
  const std::string what(identity.what);
  // Without its own id an answer cannot be matched to anything: a test read as id 0 would make a
  // sync list the groups of test 0 and plan to create every group again.
  const auto id = read_int(object, "id", identity.what);
  if (!id) throw std::invalid_argument(what + " has no \"id\"");
  if (identity.id && *id != *identity.id) {
    throw std::invalid_argument(what + " has id " + std::to_string(*id) + " instead of " +
                                std::to_string(*identity.id));
  }
  for (const auto& [key, expected] : identity.parents) {
    const auto parent = read_int(object, key, identity.what);
    if (parent && *parent != expected) {
      throw std::invalid_argument(what + " " + std::to_string(*id) + " has " + key + " " +
                                  std::to_string(*parent) + " instead of " +
                                  std::to_string(expected));
    }
  }
}

}  // namespace loadero::detail
