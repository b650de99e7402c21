#pragma once
// The errors request handling raises, and the answers Api::handle turns them into.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api.hpp"

namespace loadero_emulator::detail {

/// A request that cannot be served. Answered with `status`, the body
/// {"code": status, "error": message} and the extra `headers` (e.g. Allow on 405).
struct HttpError {
  int status;
  std::string message;
  std::vector<std::pair<std::string, std::string>> headers = {};
};

/// A request body with invalid fields. Answered 422 with {"code": 422, "errors": errors}.
struct ValidationFailure {
  std::map<std::string, std::vector<std::string>> errors;  ///< messages by field name
};

/// Returns the answer to `error`: its status and headers, the body
/// {"code": status, "error": message}, not a committed write.
ApiResponse error_response(const HttpError& error);

/// Returns the 422 answer to `failure`: {"code": 422, "errors": {field: [message, ...]}}, fields
/// in name order, not a committed write.
ApiResponse error_response(const ValidationFailure& failure);

}  // namespace loadero_emulator::detail
