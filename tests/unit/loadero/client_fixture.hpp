#pragma once
// Shared set-up for tests that talk to a RecordingServer.

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "recording_server.hpp"

namespace loadero_test {

/// A token distinctive enough to search for in every message.
inline constexpr const char* test_token = "TOKEN-d1st1nct1ve-7f3a";

/// A client for `base_url`, project 5040, no rate cap, a short timeout.
inline std::unique_ptr<loadero::ApiClient> make_client(
    const std::string& base_url,
    std::chrono::milliseconds timeout = std::chrono::milliseconds{3000}) {
  loadero::ClientConfig config;
  config.api_base = base_url;
  config.project_id = 5040;
  config.access_token = test_token;
  config.timeout = timeout;
  config.max_requests_per_second = 0;
  return std::make_unique<loadero::ApiClient>(config);
}

/// A configuration for `base`: project 5040, the test token, otherwise the defaults.
inline loadero::ClientConfig config_for(std::string base) {
  loadero::ClientConfig config;
  config.api_base = std::move(base);
  config.project_id = 5040;
  config.access_token = test_token;
  return config;
}

/// The ApiError `call` throws; fails the test when it throws none.
inline loadero::ApiError catch_api_error(const std::function<void()>& call) {
  try {
    call();
  } catch (const loadero::ApiError& error) {
    return error;
  }
  FAIL("no ApiError was thrown");
  throw std::logic_error("unreachable");
}

}  // namespace loadero_test
