#include "validation.hpp"

#include <algorithm>
#include <cctype>

#include "http_errors.hpp"
#include "loadero/limits.hpp"

namespace loadero_emulator::detail {

using nlohmann::json;

json parse_body(const std::string& body) {
  const bool blank =
      std::all_of(body.begin(), body.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return json::object();
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::parse_error& error) {
    throw HttpError{400, std::string("malformed JSON body: ") + error.what()};
  }
  if (!parsed.is_object()) throw HttpError{400, "the request body must be a JSON object"};
  return parsed;
}

Validator::Validator(const json& body) : m_body(body) {}

std::string Validator::required_name(const char* key, std::size_t max_length) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null())
    return fail(key, "This field is required."), std::string();
  return checked_name(key, *it, max_length);
}

std::optional<std::string> Validator::optional_name(const char* key, std::size_t max_length) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null()) return std::nullopt;
  return checked_name(key, *it, max_length);
}

std::int64_t Validator::required_integer(const char* key, std::int64_t minimum,
                                         std::int64_t maximum) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null()) return fail(key, "This field is required."), minimum;
  if (!it->is_number_integer()) return fail(key, "A valid integer is required."), minimum;
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(maximum)) {
    return fail(key, "Ensure this value is less than or equal to " + std::to_string(maximum) + "."),
           minimum;
  }
  const auto value = it->get<std::int64_t>();
  if (value < minimum) {
    return fail(key,
                "Ensure this value is greater than or equal to " + std::to_string(minimum) + "."),
           minimum;
  }
  if (value > maximum) {
    return fail(key, "Ensure this value is less than or equal to " + std::to_string(maximum) + "."),
           minimum;
  }
  return value;
}

std::string Validator::choice(const char* key, std::span<const std::string_view> choices,
                              std::optional<std::string_view> fallback) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null()) {
    if (fallback) return std::string(*fallback);
    return fail(key, "This field is required."), std::string();
  }
  if (!it->is_string()) return fail(key, "Not a valid string."), std::string();
  const auto value = it->get<std::string>();
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    std::string allowed;
    for (const auto item : choices) allowed += (allowed.empty() ? "" : ", ") + std::string(item);
    return fail(key, "\"" + value + "\" is not a valid choice. Choose one of: " + allowed + "."),
           std::string();
  }
  return value;
}

std::string Validator::optional_text(const char* key, std::string_view fallback) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null()) return std::string(fallback);
  if (!it->is_string()) return fail(key, "Not a valid string."), std::string();
  auto value = it->get<std::string>();
  if (value.empty()) return fail(key, "This field may not be blank."), std::string();
  return value;
}

std::string Validator::optional_any_text(const char* key) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null()) return {};
  if (!it->is_string()) return fail(key, "Not a valid string."), std::string();
  return it->get<std::string>();
}

bool Validator::optional_bool(const char* key, bool fallback) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return fail(key, "Must be a valid boolean."), fallback;
  return it->get<bool>();
}

std::optional<std::int64_t> Validator::optional_id(const char* key) {
  const auto it = m_body.find(key);
  if (it == m_body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
    return fail(key, "A valid integer is required."), std::nullopt;
  }
  return it->get<std::int64_t>();
}

void Validator::fail(const std::string& key, std::string message) {
  m_errors[key].push_back(std::move(message));
}

void Validator::throw_if_failed() {
  if (!m_errors.empty()) throw ValidationFailure{m_errors};
}

std::string Validator::checked_name(const char* key, const json& value, std::size_t max_length) {
  if (!value.is_string()) return fail(key, "Not a valid string."), std::string();
  auto text = value.get<std::string>();
  const bool blank =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return fail(key, "This field may not be blank."), std::string();
  // Characters, not bytes: the API counts characters, and so do the tools that check first.
  if (loadero::name_length(text) > max_length) {
    return fail(key, "Ensure this field has no more than " + std::to_string(max_length) +
                         " characters."),
           std::string();
  }
  return text;
}

}  // namespace loadero_emulator::detail
