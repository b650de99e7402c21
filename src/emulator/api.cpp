#include "api.hpp"

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
    : m_state(std::move(state)),
      m_options(std::move(options)),
      m_saver(
          SaveOptions{m_options.state_file, m_options.save_interval, m_options.sync_save},
          [this] {
            std::shared_lock lock(m_mutex);
            return std::make_pair(m_state, m_generation);
          },
          m_options.on_saved) {}

State Api::snapshot() const {
  std::shared_lock lock(m_mutex);
  return m_state;
}

void Api::save() { m_saver.flush(); }

std::int64_t Api::saves() const { return m_saver.saves(); }

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
    if (!response.committed_write) return response;
    const auto generation = ++m_generation;
    lock.unlock();
    // Saving happens outside the lock, so readers and other writers are not held up by it.
    m_saver.written(generation);
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
