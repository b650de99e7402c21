#pragma once
// Loadero project read (GET projects/{p}/), e.g. to check the token before a run.

#include <nlohmann/json.hpp>

#include "loadero/api_client.hpp"

namespace loadero {

/// Project reads. Holds a reference to the client, which must outlive it.
class ProjectAPI {
 public:
  explicit ProjectAPI(ApiClient& client) : m_client(&client) {}
  /// GET projects/{p}/: the project object as the API returns it. Throws ApiError; throws
  /// ApiError(Kind::invalid_response) if the answer is not a JSON object, or its "id" is missing
  /// or is not the configured project_id.
  nlohmann::json read();

 private:
  ApiClient* m_client;
};

}  // namespace loadero
