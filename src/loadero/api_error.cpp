#include "loadero/api_error.hpp"

#include <string>
#include <utility>

namespace loadero {

namespace {

std::string join_field_errors(const std::map<std::string, std::vector<std::string>>& field_errors) {
  std::string text;
  for (const auto& [field, messages] : field_errors) {
    if (!text.empty()) text += "; ";
    text += field;
    text += ": ";
    bool first = true;
    for (const auto& message : messages) {
      if (!first) text += ", ";
      first = false;
      text += message;
    }
  }
  return text;
}

}  // namespace

ApiError::ApiError(Details details)
    : std::runtime_error(format_message(details)), m_details(std::move(details)) {}

std::string ApiError::format_message(const Details& details) {
  std::string message;
  // An error with neither method nor route happened before any request (a transport that could
  // not be set up); it has nothing to name.
  const bool no_request = details.method.empty() && details.route.empty();
  if (!details.method.empty()) {
    message += details.method;
    message += ' ';
  }
  if (!no_request) {
    message += details.route.empty() ? std::string("(no route)") : details.route;
    message += ": ";
  }
  if (details.kind != Kind::http) {
    message += details.detail.empty() ? std::string("request failed") : details.detail;
    return message;
  }
  message += std::to_string(details.status);
  if (const auto reason = http_reason_phrase(details.status); !reason.empty()) {
    message += ' ';
    message += reason;
  }
  // A 422 is only useful with its per-field messages; other errors carry one "error" text.
  std::string explanation = join_field_errors(details.field_errors);
  if (explanation.empty()) explanation = details.error_text;
  if (!explanation.empty()) {
    message += ": ";
    message += explanation;
  }
  if (details.code) message += " (code " + std::to_string(*details.code) + ")";
  if (!details.detail.empty()) {
    message += ": ";
    message += details.detail;
  }
  return message;
}

bool ApiError::outcome_unknown() const noexcept {
  if (m_details.kind == Kind::timeout) return true;
  if (m_details.kind != Kind::http) return false;
  const long status = m_details.status;
  return status == 500 || status == 502 || status == 503 || status == 504;
}

bool ApiError::retryable() const noexcept {
  switch (m_details.kind) {
    case Kind::connection:
    case Kind::timeout:
      return true;
    case Kind::invalid_response:
      return false;
    case Kind::http:
      return m_details.status == 429 || (m_details.status >= 500 && m_details.status <= 599);
  }
  return false;
}

std::string_view http_reason_phrase(long status) noexcept {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return {};
  }
}

}  // namespace loadero
