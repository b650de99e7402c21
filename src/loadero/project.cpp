#include "loadero/project.hpp"

#include "pagination_detail.hpp"

namespace loadero {

nlohmann::json ProjectAPI::read() {
  const std::string target = m_client->project_route();
  nlohmann::json project = m_client->get(target);
  if (!project.is_object())
    detail::throw_invalid_response("GET", target, "project is not a JSON object");
  return project;
}

}  // namespace loadero
