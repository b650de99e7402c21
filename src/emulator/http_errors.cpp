#include "http_errors.hpp"

#include <nlohmann/json.hpp>

namespace loadero_emulator::detail {

using nlohmann::ordered_json;

ApiResponse error_response(const HttpError& error) {
  ordered_json body;
  body["code"] = error.status;
  body["error"] = error.message;
  return ApiResponse{error.status, body.dump(), error.headers, false};
}

ApiResponse error_response(const ValidationFailure& failure) {
  ordered_json body;
  body["code"] = 422;
  body["errors"] = failure.errors;
  return ApiResponse{422, body.dump(), {}, false};
}

}  // namespace loadero_emulator::detail
