#include "misbehave.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace loadero_emulator {
namespace {

using nlohmann::ordered_json;

struct Named {
  Misbehaviour mode;
  std::string_view name;
};

constexpr std::array<Named, 6> k_modes{{
    {Misbehaviour::missing_id, "missing-id"},
    {Misbehaviour::wrong_id, "wrong-id"},
    {Misbehaviour::wrong_parent, "wrong-parent"},
    {Misbehaviour::empty_page, "empty-page"},
    {Misbehaviour::huge_total, "huge-total"},
    {Misbehaviour::repeat_ids, "repeat-ids"},
}};

bool has(const std::vector<Misbehaviour>& modes, Misbehaviour mode) {
  return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

bool is_list(const ordered_json& body) {
  const auto results = body.find("results");
  const auto pagination = body.find("pagination");
  return results != body.end() && results->is_array() && pagination != body.end() &&
         pagination->is_object();
}

std::int64_t number_in(const ordered_json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

void bump(ordered_json& object, const char* key) {
  const auto it = object.find(key);
  if (it != object.end() && it->is_number_integer()) *it = it->get<std::int64_t>() + 1;
}

// The same rewrite for a resource answered alone and for each item of a list.
void rewrite_resource(const std::vector<Misbehaviour>& modes, ordered_json& resource, bool alone) {
  if (!resource.is_object()) return;
  if (has(modes, Misbehaviour::wrong_parent)) {
    for (const char* key : {"project_id", "test_id", "group_id"}) bump(resource, key);
  }
  // A list has no id asked for, so another id there would be no lie a client could see.
  if (alone && has(modes, Misbehaviour::wrong_id)) bump(resource, "id");
  if (has(modes, Misbehaviour::missing_id)) resource.erase("id");
}

// The first page of the same list: the same request with offset 0 (limit and filters kept).
ordered_json first_page_results(const ApiRequest& request, const Refetch& refetch) {
  ApiRequest first = request;
  first.method = "GET";
  std::erase_if(first.query, [](const auto& entry) { return entry.first == "offset"; });
  first.query.emplace_back("offset", "0");
  const ApiResponse answer = refetch(first);
  if (answer.status < 200 || answer.status > 299) return ordered_json::array();
  const ordered_json body = ordered_json::parse(answer.body, nullptr, false);
  if (body.is_discarded() || !is_list(body)) return ordered_json::array();
  return body["results"];
}

void rewrite_list(const std::vector<Misbehaviour>& modes, const ApiRequest& request,
                  ordered_json& body, const Refetch& refetch) {
  ordered_json& results = body["results"];
  ordered_json& pagination = body["pagination"];
  if (has(modes, Misbehaviour::repeat_ids) && number_in(pagination, "offset") > 0) {
    ordered_json repeated = first_page_results(request, refetch);
    for (auto& item : results) repeated.push_back(std::move(item));
    results = std::move(repeated);
  }
  if (has(modes, Misbehaviour::empty_page) && number_in(pagination, "page") == 2) {
    results = ordered_json::array();
  }
  if (has(modes, Misbehaviour::huge_total)) {
    const std::int64_t limit = number_in(pagination, "limit");
    pagination["total_items"] = huge_total_items;
    pagination["total_pages"] = limit > 0 ? (huge_total_items + limit - 1) / limit : 1;
  }
  for (auto& item : results) rewrite_resource(modes, item, false);
}

}  // namespace

std::string_view to_string(Misbehaviour mode) noexcept {
  for (const auto& named : k_modes) {
    if (named.mode == mode) return named.name;
  }
  return "missing-id";
}

std::optional<Misbehaviour> parse_misbehaviour(std::string_view name) {
  for (const auto& named : k_modes) {
    if (named.name == name) return named.mode;
  }
  return std::nullopt;
}

std::string misbehaviour_names() {
  std::string names;
  for (const auto& named : k_modes) {
    if (!names.empty()) names += ", ";
    names += named.name;
  }
  return names;
}

void misbehave(const std::vector<Misbehaviour>& modes, const ApiRequest& request,
               ApiResponse& answer, const Refetch& refetch) {
  if (modes.empty() || answer.status < 200 || answer.status > 299 || answer.body.empty()) return;
  const std::string& method = request.method;
  if (method != "GET" && method != "HEAD" && method != "POST" && method != "PUT") return;
  ordered_json body = ordered_json::parse(answer.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return;
  if (is_list(body)) {
    rewrite_list(modes, request, body, refetch);
  } else {
    rewrite_resource(modes, body, true);
  }
  answer.body = body.dump();
}

}  // namespace loadero_emulator
