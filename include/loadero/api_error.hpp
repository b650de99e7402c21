#pragma once
// loadero::ApiError: every failure of a Loadero API call (HTTP error status, transport failure,
// unusable response). Never carries the access token.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace loadero {

/// Thrown by ApiClient and the resource classes when an API call fails, by transports when no
/// usable HTTP answer arrives, and (Kind::connection) when a transport cannot be set up.
/// `what()` is one readable line, for example
/// `GET projects/5040/tests/6866/groups/48797/: 404 Not Found: group not found (code 404)`.
/// The access token never appears in it or in any accessor.
class ApiError : public std::runtime_error {
 public:
  /// What went wrong.
  enum class Kind {
    http,        ///< the server answered with a non-2xx status
    connection,  ///< could not connect; the request was certainly not sent (refused, DNS, TLS
                 ///< setup, or the transport itself could not be set up)
    timeout,     ///< timed out or the connection dropped after sending: the outcome is unknown
    invalid_response,  ///< a 2xx answer whose body is not JSON, is malformed, or has the wrong
                       ///< content type
  };

  /// Everything an ApiError carries. Public so that fakes (for example in executor tests) can
  /// raise the same errors the real client raises.
  struct Details {
    Kind kind = Kind::http;
    long status = 0;     ///< HTTP status; 0 when there was no HTTP answer or it is unknown
    std::string method;  ///< "GET", "POST", "PUT" or "DELETE"
    std::string route;   ///< relative to the API base, e.g. "projects/5040/tests/6866/groups/"
    std::optional<std::int64_t> code;  ///< Loadero's "code" from the error body
    std::string error_text;  ///< Loadero's "error" from the error body (or a short raw excerpt)
    std::map<std::string, std::vector<std::string>> field_errors;  ///< a 422 body's "errors"
    std::optional<double> retry_after_seconds;  ///< Retry-After, in seconds from now
    std::string detail;  ///< for non-http kinds: what happened, e.g. "timed out after 30s"
  };

  /// Builds the error and its message from `details`.
  explicit ApiError(Details details);

  Kind kind() const noexcept { return m_details.kind; }
  /// The HTTP status, or 0 if no HTTP answer was received (or, for an answer whose resource
  /// did not parse, the 2xx status is not kept).
  long status() const noexcept { return m_details.status; }
  const std::string& method() const noexcept { return m_details.method; }
  const std::string& route() const noexcept { return m_details.route; }
  /// Loadero's numeric "code" from the error body, if present.
  std::optional<std::int64_t> code() const noexcept { return m_details.code; }
  /// Loadero's "error" text from the error body (empty if none).
  const std::string& error_text() const noexcept { return m_details.error_text; }
  /// The 422 per-field messages ("errors": {"name": ["this field is required"]}); empty otherwise.
  const std::map<std::string, std::vector<std::string>>& field_errors() const noexcept {
    return m_details.field_errors;
  }
  /// The Retry-After header in seconds from now (delay-seconds, or an HTTP-date converted).
  std::optional<double> retry_after_seconds() const noexcept {
    return m_details.retry_after_seconds;
  }
  /// True when a write may have been committed although it failed: a timeout / dropped
  /// connection after sending, or a 500, 502, 503 or 504 answer.
  bool outcome_unknown() const noexcept;
  /// True when trying again later may succeed: 429, 5xx, timeouts and connection failures.
  bool retryable() const noexcept;
  const Details& details() const noexcept { return m_details; }

  /// The readable message for `details` (what `what()` returns): "METHOD route: ...", or just
  /// the detail when neither method nor route is set (a failure before any request, such as a
  /// transport that could not be set up).
  static std::string format_message(const Details& details);

 private:
  Details m_details;
};

/// "Not Found" for 404 and so on; empty for an unknown status.
std::string_view http_reason_phrase(long status) noexcept;

}  // namespace loadero
