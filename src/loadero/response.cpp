#include "response.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <utility>

#include "strings.hpp"

namespace loadero::detail {

namespace {

// Shortest token we scrub from messages; shorter "tokens" would mangle ordinary text.
constexpr std::size_t min_scrubbed_token = 4;
// How much of a non-JSON error body goes into a message.
constexpr std::size_t max_excerpt = 200;

void replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  if (needle.empty()) return;
  for (auto pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + replacement.size())) {
    text.replace(pos, needle.size(), replacement);
  }
}

[[noreturn]] void fail(ApiError::Details details, std::string_view token) {
  scrub_token(details, token);
  throw ApiError(std::move(details));
}

}  // namespace

std::optional<double> parse_retry_after(std::string_view value) {
  const std::string text = trim(value);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (end == text.c_str() + text.size()) {
    if (!std::isfinite(seconds) || seconds < 0) return std::nullopt;
    return seconds;
  }
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return std::max(0.0, static_cast<double>(when - now));
}

void fill_error_body(ApiError::Details& details, const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  bool understood = false;
  if (json.is_object()) {
    if (const auto code = json.find("code"); code != json.end() && code->is_number_integer()) {
      details.code = code->get<std::int64_t>();
      understood = true;
    }
    if (const auto error = json.find("error"); error != json.end()) {
      if (error->is_string()) {
        details.error_text = error->get<std::string>();
      } else if (!error->is_null()) {
        details.error_text = error->dump();
      }
      understood = true;
    }
    if (const auto errors = json.find("errors"); errors != json.end() && errors->is_object()) {
      for (const auto& [field, messages] : errors->items()) {
        auto& list = details.field_errors[field];
        if (messages.is_array()) {
          for (const auto& message : messages) {
            list.push_back(message.is_string() ? message.get<std::string>() : message.dump());
          }
        } else {
          list.push_back(messages.is_string() ? messages.get<std::string>() : messages.dump());
        }
      }
      understood = true;
    }
  }
  if (!understood) {
    // Not Loadero's error shape (a proxy's HTML page, say): keep a short first-line excerpt.
    std::string excerpt = trim(body.substr(0, body.find('\n')));
    if (excerpt.size() > max_excerpt) excerpt = excerpt.substr(0, max_excerpt) + "...";
    details.error_text = excerpt;
  }
}

void scrub_token(std::string& text, std::string_view token) {
  if (token.size() >= min_scrubbed_token) replace_all(text, token, "***");
}

void scrub_token(ApiError::Details& details, std::string_view token) {
  scrub_token(details.error_text, token);
  scrub_token(details.detail, token);
  for (auto& [field, messages] : details.field_errors) {
    for (auto& message : messages) scrub_token(message, token);
  }
}

nlohmann::json read_answer(HttpMethod method, const std::string& route,
                           const HttpResponse& response, std::string_view token) {
  ApiError::Details details;
  details.method = std::string(to_string(method));
  details.route = route;
  details.status = response.status;
  details.retry_after_seconds = parse_retry_after(response.retry_after);

  if (response.status < 200 || response.status > 299) {
    details.kind = ApiError::Kind::http;
    fill_error_body(details, response.body);
    fail(std::move(details), token);
  }
  if (method == HttpMethod::del) return nullptr;

  const auto reason = http_reason_phrase(response.status);
  const std::string status_text =
      std::to_string(response.status) + (reason.empty() ? "" : " ") + std::string(reason);
  details.kind = ApiError::Kind::invalid_response;
  if (trim(response.body).empty()) {
    details.detail = "invalid response: " + status_text + " with an empty body, expected JSON";
    fail(std::move(details), token);
  }
  if (to_lower(response.content_type).find("application/json") == std::string::npos) {
    details.detail =
        "invalid response: " + status_text + " with Content-Type '" +
        (response.content_type.empty() ? std::string("(none)") : response.content_type) +
        "', expected application/json";
    fail(std::move(details), token);
  }
  try {
    return nlohmann::json::parse(response.body);
  } catch (const nlohmann::json::parse_error&) {
    details.detail = "invalid response: " + status_text + " with a body that is not valid JSON";
    fail(std::move(details), token);
  }
}

}  // namespace loadero::detail
