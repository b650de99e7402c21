#pragma once
// What retry.cpp and retry_participants.cpp share: RetryingGateway's retry loop and the error
// tests it settles writes by. Private to loadero_sync_live.

#include <exception>
#include <string>

#include "loadero/api_error.hpp"
#include "loadero_sync/retry.hpp"

namespace loadero_sync {

namespace retry_detail {

inline bool outcome_unknown(const std::exception& error) {
  const auto* api = dynamic_cast<const loadero::ApiError*>(&error);
  return api != nullptr && api->outcome_unknown();
}

inline bool is_not_found(const loadero::ApiError& error) {
  return error.kind() == loadero::ApiError::Kind::http && error.status() == 404;
}

/// The error to give up with after `tries` sends of one request: a timeout-kind error also says
/// how many tries were made and hints at --timeout ("GET projects/5040/tests/: timed out after
/// 5s; tried 4 times (hint: raise --timeout if the API is just slow)"); any other is `error`.
loadero::ApiError given_up(const loadero::ApiError& error, int tries);

}  // namespace retry_detail

template <class Fn>
auto RetryingGateway::with_retries(const std::string& what, Fn&& attempt) -> decltype(attempt(0)) {
  for (int retry = 0;; ++retry) {
    try {
      return attempt(retry);
    } catch (const loadero::ApiError& error) {
      if (!is_retryable(error)) throw;
      if (retry >= m_policy.max_retries) throw retry_detail::given_up(error, retry + 1);
      wait_before_retry(what, retry, error);
    }
  }
}

}  // namespace loadero_sync
