#pragma once
// Private: turning an HTTP answer into JSON or an ApiError, and keeping the token out of errors.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "loadero/api_error.hpp"
#include "loadero/transport.hpp"

namespace loadero::detail {

/// The JSON of a 2xx answer to GET, POST or PUT; null for any 2xx answer to DELETE. Throws
/// ApiError(Kind::http) for another status (with Loadero's error body and Retry-After read) and
/// ApiError(Kind::invalid_response) for a 2xx answer that is empty, not application/json or not
/// valid JSON. `route` (without the query) goes into the error; `token` is scrubbed from it.
nlohmann::json read_answer(HttpMethod method, const std::string& route,
                           const HttpResponse& response, std::string_view token);

/// Retry-After as seconds from now: delay-seconds, or an HTTP-date (a past date gives 0).
/// std::nullopt when `value` is empty or neither.
std::optional<double> parse_retry_after(std::string_view value);

/// Fills code, error_text and field_errors from a Loadero error body ({"code", "error",
/// "errors"}); anything else becomes a short excerpt of its first line in error_text.
void fill_error_body(ApiError::Details& details, const std::string& body);

/// Replaces `token` by "***" in `text`. Tokens shorter than 4 characters are left alone:
/// scrubbing them would mangle ordinary text.
void scrub_token(std::string& text, std::string_view token);
/// scrub_token on every text of `details` (error_text, detail, field_errors).
void scrub_token(ApiError::Details& details, std::string_view token);

}  // namespace loadero::detail
