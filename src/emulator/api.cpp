#include "api.hpp"

#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

#include "handlers.hpp"
#include "http_errors.hpp"
#include "routing.hpp"

namespace loadero_emulator {

using detail::error_response;
using detail::handle_route;
using detail::HttpError;
using detail::match_route;
using detail::method_allowed;
using detail::ValidationFailure;

Api::Api(State state, ApiOptions options)
    : m_state(std::move(state)), m_options(std::move(options)) {}

State Api::snapshot() const {
  std::shared_lock lock(m_mutex);
  return m_state;
}

void Api::save() const {
  std::unique_lock lock(m_mutex);
  save_locked();
}

void Api::save_locked() const {
  if (!m_options.state_file.empty()) save_state_file(m_options.state_file, m_state);
}

ApiResponse Api::handle(const ApiRequest& request) {
  if (request.method == "HEAD") {
    ApiRequest as_get = request;
    as_get.method = "GET";
    return handle(as_get);
  }
  try {
    if (request.method == "GET") {
      std::shared_lock lock(m_mutex);
      return handle_locked(request);
    }
    std::unique_lock lock(m_mutex);
    auto response = handle_locked(request);
    if (response.committed_write) {
      try {
        save_locked();
      } catch (const std::exception& error) {
        // The change is live in memory; the next successful save carries it.
        std::cerr << "loadero-emulator: warning: " << error.what() << '\n';
      }
    }
    return response;
  } catch (const HttpError& error) {
    return error_response(error);
  } catch (const ValidationFailure& failure) {
    return error_response(failure);
  } catch (const std::exception& error) {
    return error_response(HttpError{500, std::string("internal error: ") + error.what()});
  }
}

ApiResponse Api::handle_locked(const ApiRequest& request) {
  const auto match = match_route(request.path);
  if (!match) throw HttpError{404, "no route for " + request.method + " " + request.path};

  constexpr std::string_view scheme = "LoaderoAuth ";
  const std::string_view header = request.authorization;
  if (header.empty()) {
    throw HttpError{401,
                    "authentication required: send the header Authorization: LoaderoAuth <token>"};
  }
  const auto project = m_state.projects.find(match->project_id);
  if (header.substr(0, scheme.size()) != scheme || project == m_state.projects.end() ||
      header.substr(scheme.size()) != project->second.token) {
    throw HttpError{401, "invalid access token for project " + std::to_string(match->project_id)};
  }

  if (!method_allowed(*match->spec, request.method)) {
    throw HttpError{405,
                    "method " + request.method + " is not allowed on /v2/" +
                        std::string(match->spec->pattern) +
                        " (allowed: " + std::string(match->spec->methods) + ")",
                    {{"Allow", std::string(match->spec->methods)}}};
  }
  return handle_route(m_state, m_options, request, *match);
}

}  // namespace loadero_emulator
