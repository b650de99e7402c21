#include "loadero/project.hpp"

#include <stdexcept>

#include "json_fields.hpp"
#include "pagination_detail.hpp"

namespace loadero {

nlohmann::json ProjectAPI::read() {
  const std::string target = m_client->project_route();
  nlohmann::json project = m_client->get(target);
  if (!project.is_object())
    detail::throw_invalid_response("GET", target, "project is not a JSON object");
  try {
    detail::check_identity(project, detail::Identity{"project", m_client->config().project_id, {}});
  } catch (const std::invalid_argument& error) {
    detail::throw_invalid_response("GET", target, error.what());
  }
  return project;
}

}  // namespace loadero
