#include "loadero/dry_run_transport.hpp"

#include <charconv>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <variant>

namespace loadero {

namespace {

using Segments = std::vector<std::string>;

// "projects/5040/tests/" -> {"projects", "5040", "tests"}; a query is not part of the route.
Segments split_route(std::string_view route) {
  route = route.substr(0, route.find('?'));
  Segments segments;
  while (!route.empty()) {
    const auto slash = route.find('/');
    if (slash != 0) segments.emplace_back(route.substr(0, slash));
    if (slash == std::string_view::npos) break;
    route.remove_prefix(slash + 1);
  }
  return segments;
}

// The route of the first `count` segments, with the API's trailing '/'.
std::string join(const Segments& segments, std::size_t count) {
  std::string route;
  for (std::size_t i = 0; i < count && i < segments.size(); ++i) route += segments[i] + "/";
  return route;
}

std::optional<std::int64_t> to_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

std::string singular(std::string plural) {
  if (plural.ends_with("ies")) return plural.substr(0, plural.size() - 3) + "y";
  if (plural.ends_with('s')) plural.pop_back();
  return plural;
}

// The API takes parent ids from the path: .../tests/6866/groups/ gives "test_id": 6866.
void add_parent_ids(nlohmann::json& object, const Segments& collection) {
  for (std::size_t i = 0; i + 1 < collection.size(); ++i) {
    if (to_id(collection[i])) continue;
    if (const auto id = to_id(collection[i + 1])) object[singular(collection[i]) + "_id"] = *id;
  }
}

HttpResponse json_answer(long status, const nlohmann::json& body) {
  return HttpResponse{status, "application/json", body.dump(), ""};
}

HttpResponse error_answer(long status, const std::string& text) {
  return json_answer(status, {{"code", status}, {"error", text}});
}

HttpResponse deleted_answer() {
  return error_answer(404, "not found (deleted earlier in this dry run)");
}

HttpResponse missing_answer() {
  return error_answer(404, "not found (no such object in this dry run)");
}

std::optional<nlohmann::json> json_object(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  return json;
}

// How many leading segments of `segments` name a simulated object (its id, the last of them,
// is negative), the deepest one; 0 when the route has none.
std::size_t simulated_prefix(const Segments& segments) {
  std::size_t prefix = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (const auto id = to_id(segments[i]); id && *id < 0) prefix = i + 1;
  }
  return prefix;
}

// A page's pagination.<key> when it is a whole number >= 1.
std::optional<std::size_t> pagination_count(const nlohmann::json& page, const char* key) {
  const auto pagination = page.find("pagination");
  if (pagination == page.end() || !pagination->is_object()) return std::nullopt;
  const auto value = pagination->find(key);
  if (value == pagination->end() || !value->is_number_unsigned() || *value == 0)
    return std::nullopt;
  return value->get<std::size_t>();
}

// Enough for any group (the API caps a test's participants far below), and a bound against a
// server whose pagination never ends.
constexpr std::size_t max_source_pages = 10000;

nlohmann::json whole_page(nlohmann::json results) {
  const auto total = results.size();
  return {{"filter", nlohmann::json::object()},
          {"pagination",
           {{"limit", 0}, {"offset", 0}, {"page", 1}, {"total_pages", 1}, {"total_items", total}}},
          {"results", std::move(results)}};
}

}  // namespace

struct DryRunTransport::Simulation {
  std::mutex mutex;
  std::vector<RecordedRequest> requests;
  std::map<std::string, nlohmann::json> objects;   // by object route
  std::set<std::string> deleted;                   // object routes deleted in this dry run
  std::map<std::string, std::string> copied_from;  // copy's route -> its source's route
  /// Collection route -> the routes of the simulated objects in it, in the order they were made.
  std::map<std::string, std::vector<std::string>> children;
  std::set<std::string> imported;  // collections under copies whose source items were read
  /// Simulated id -> the route it was made at. The API reaches one object through several routes
  /// (a participant at test and at group scope); a simulated id is unique, so it finds it.
  std::map<std::int64_t, std::string> route_of_id;
  std::int64_t next_id = -1;

  // The route a simulated object is kept at, when `route` names one by another route; else
  // `route`.
  std::string canonical_locked(const std::string& route) const {
    const Segments segments = split_route(route);
    if (segments.empty()) return route;
    const auto id = to_id(segments.back());
    if (!id || *id >= 0) return route;
    const auto known = route_of_id.find(*id);
    return known == route_of_id.end() ? route : known->second;
  }

  // Gives `object` the next simulated id and the parent ids of `collection`, and keeps it.
  nlohmann::json store(const Segments& collection, nlohmann::json object) {
    add_parent_ids(object, collection);
    std::lock_guard lock(mutex);
    return store_locked(collection, std::move(object)).second;
  }

  std::pair<std::string, nlohmann::json> store_locked(const Segments& collection,
                                                      nlohmann::json object) {
    const std::int64_t id = next_id--;
    object["id"] = id;
    const std::string collection_route = join(collection, collection.size());
    const std::string route = collection_route + std::to_string(id) + "/";
    objects[route] = object;
    children[collection_route].push_back(route);
    route_of_id[id] = route;
    return {route, std::move(object)};
  }
};

DryRunTransport::DryRunTransport(std::shared_ptr<Transport> reads, Listener listener)
    : m_reads(std::move(reads)),
      m_listener(std::move(listener)),
      m_simulation(std::make_unique<Simulation>()) {
  if (!m_reads) throw std::invalid_argument("the dry run's read transport must not be null");
}

DryRunTransport::~DryRunTransport() = default;

HttpResponse DryRunTransport::send(const HttpRequest& request) {
  if (request.method == HttpMethod::get) return read(request);
  RecordedRequest recorded{request.method, request.route, request.body};
  {
    std::lock_guard lock(m_simulation->mutex);
    m_simulation->requests.push_back(recorded);
  }
  if (m_listener) m_listener(recorded);
  return simulate(request);
}

HttpResponse DryRunTransport::read(const HttpRequest& request) {
  const Segments segments = split_route(request.route);
  const std::size_t prefix = simulated_prefix(segments);
  if (prefix == 0) return m_reads->send(request);
  Simulation& sim = *m_simulation;
  const std::string object_route = join(segments, prefix);
  if (prefix == segments.size()) {
    std::lock_guard lock(sim.mutex);
    if (const auto known = sim.objects.find(sim.canonical_locked(object_route));
        known != sim.objects.end())
      return json_answer(200, known->second);
    return missing_answer();
  }
  if (prefix + 1 != segments.size()) {
    return error_answer(404, "not found (no such route in this dry run)");
  }
  const std::string collection_route = join(segments, segments.size());
  std::optional<std::string> source;
  {
    std::lock_guard lock(sim.mutex);
    if (!sim.objects.contains(object_route)) return missing_answer();
    if (const auto copy = sim.copied_from.find(object_route);
        copy != sim.copied_from.end() && !sim.imported.contains(collection_route)) {
      source = copy->second + segments.back() + "/";
    }
  }
  if (source) {
    // A copy brings the source's items (a group copy its participants): read them once, through
    // the real API, and give each a simulated id of its own. A source made in this dry run (a
    // copy of a copy, a copy of a created group) is read from the simulation: the API has no such
    // id, and the copy brings what that source holds here.
    const bool simulated_source = simulated_prefix(split_route(*source)) > 0;
    nlohmann::json items = nlohmann::json::array();
    // Without a query the API answers every item at once, but a server may still cap its pages:
    // follow them, with the page size it reported, until every item it counts is read.
    std::size_t page_size = 0;
    for (std::size_t pages = 1;; ++pages) {
      HttpRequest source_read = request;
      source_read.route = *source;
      if (pages > 1) {
        source_read.route +=
            "?limit=" + std::to_string(page_size) + "&offset=" + std::to_string(items.size());
      }
      source_read.url = request.base() + source_read.route;
      HttpResponse answer = simulated_source ? read(source_read) : m_reads->send(source_read);
      if (answer.status < 200 || answer.status > 299) return answer;
      const auto page = json_object(answer.body);
      if (!page || !page->contains("results") || !(*page)["results"].is_array()) return answer;
      const auto& results = (*page)["results"];
      for (const auto& item : results) items.push_back(item);
      if (pages == 1) page_size = pagination_count(*page, "limit").value_or(results.size());
      const auto total = pagination_count(*page, "total_items");
      if (results.empty() || page_size == 0 || !total || items.size() >= *total ||
          pages >= max_source_pages)
        break;
    }
    std::lock_guard lock(sim.mutex);
    if (sim.imported.insert(collection_route).second) {
      for (auto item : items) {
        if (!item.is_object()) continue;
        add_parent_ids(item, segments);
        sim.store_locked(segments, std::move(item));
      }
    }
  }
  std::lock_guard lock(sim.mutex);
  nlohmann::json results = nlohmann::json::array();
  for (const auto& route : sim.children[collection_route]) {
    if (const auto known = sim.objects.find(route); known != sim.objects.end())
      results.push_back(known->second);
  }
  return json_answer(200, whole_page(std::move(results)));
}

std::vector<RecordedRequest> DryRunTransport::requests() const {
  std::lock_guard lock(m_simulation->mutex);
  return m_simulation->requests;
}

HttpResponse DryRunTransport::simulate(const HttpRequest& request) {
  const Segments segments = split_route(request.route);
  Simulation& sim = *m_simulation;

  // The object at `route`: simulated, or read with one GET (not recorded: it is a read). An
  // unusable answer to that GET is what the write gets back.
  const auto object_at =
      [&](const std::string& asked) -> std::variant<nlohmann::json, HttpResponse> {
    std::string route = asked;
    {
      std::lock_guard lock(sim.mutex);
      route = sim.canonical_locked(asked);
      if (sim.deleted.contains(route)) return deleted_answer();
      if (const auto known = sim.objects.find(route); known != sim.objects.end())
        return known->second;
    }
    // A simulated id the simulation no longer knows (its group was deleted) is nothing the API
    // could have: answer as it would, without asking it.
    if (simulated_prefix(split_route(route)) > 0) return missing_answer();
    HttpRequest read;
    read.method = HttpMethod::get;
    read.url = request.base() + route;
    read.route = route;
    for (const auto& header : request.headers) {
      if (header.first != "Content-Type") read.headers.push_back(header);
    }
    read.on_transfer_start = request.on_transfer_start;
    HttpResponse answer = m_reads->send(read);
    if (answer.status >= 200 && answer.status <= 299) {
      if (auto object = json_object(answer.body)) return std::move(*object);
    }
    return answer;
  };

  if (request.method == HttpMethod::del) {
    std::lock_guard lock(sim.mutex);
    const std::string route = sim.canonical_locked(join(segments, segments.size()));
    if (sim.deleted.contains(route)) return deleted_answer();
    if (simulated_prefix(split_route(route)) > 0 && !sim.objects.contains(route))
      return missing_answer();
    sim.objects.erase(route);
    sim.deleted.insert(route);
    // A deleted group takes its items with it.
    for (auto it = sim.objects.begin(); it != sim.objects.end();) {
      it = it->first.starts_with(route) ? sim.objects.erase(it) : std::next(it);
    }
    return HttpResponse{204, "", "", ""};
  }

  const auto body = json_object(request.body);
  if (!body) return error_answer(400, "the request body is not a JSON object");

  if (request.method == HttpMethod::put) {
    std::string route = join(segments, segments.size());
    {
      std::lock_guard lock(sim.mutex);
      route = sim.canonical_locked(route);
    }
    auto known = object_at(route);
    if (auto* answer = std::get_if<HttpResponse>(&known)) return std::move(*answer);
    auto& object = std::get<nlohmann::json>(known);
    const auto id = object.find("id") != object.end() ? object["id"] : nlohmann::json();
    object.update(*body);
    // Identifiers are read-only: the API keeps them whatever the body says.
    if (!id.is_null()) object["id"] = id;
    add_parent_ids(object, Segments(segments.begin(), segments.end() - (segments.empty() ? 0 : 1)));
    std::lock_guard lock(sim.mutex);
    sim.objects[route] = object;
    return json_answer(200, object);
  }

  if (segments.size() >= 2 && segments.back() == "copy") {
    auto known = object_at(join(segments, segments.size() - 1));
    if (auto* answer = std::get_if<HttpResponse>(&known)) return std::move(*answer);
    auto& copy = std::get<nlohmann::json>(known);
    copy.update(*body);
    const Segments collection(segments.begin(), segments.end() - 2);
    add_parent_ids(copy, collection);
    std::lock_guard lock(sim.mutex);
    auto [route, stored] = sim.store_locked(collection, copy);
    sim.copied_from[route] = join(segments, segments.size() - 1);
    return json_answer(201, stored);
  }
  return json_answer(201, sim.store(segments, *body));
}

}  // namespace loadero
