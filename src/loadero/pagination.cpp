#include "loadero/pagination.hpp"

#include "json_fields.hpp"

namespace loadero {

PaginationParams PaginationParams::from_json(const nlohmann::json& json) {
  detail::require_object(json, "pagination");
  PaginationParams params;
  params.limit = detail::read_int(json, "limit", "pagination").value_or(0);
  params.offset = detail::read_int(json, "offset", "pagination").value_or(0);
  params.page = detail::read_int(json, "page", "pagination").value_or(0);
  params.total_pages = detail::read_int(json, "total_pages", "pagination").value_or(0);
  params.total_items = detail::read_int(json, "total_items", "pagination");
  return params;
}

nlohmann::json PaginationParams::to_json() const {
  nlohmann::json json = {
      {"limit", limit}, {"offset", offset}, {"page", page}, {"total_pages", total_pages}};
  if (total_items) json["total_items"] = *total_items;
  return json;
}

}  // namespace loadero
