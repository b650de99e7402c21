#pragma once
// The routes of the emulated API: which resource a path names, with its ids, and which methods
// each route allows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loadero_emulator {

/// Returns the route a path matches, as a pattern, e.g.
/// "/v2/projects/{project_id}/tests/{test_id}/groups/";
/// "(unmatched)" when it matches none. Used as the stats key.
std::string route_pattern_of(std::string_view path);

namespace detail {

/// The resource (or copy action) a route serves.
enum class RouteKind {
  project,
  tests,
  test,
  test_copy,
  groups,
  group,
  group_copy,
  test_participants,
  test_participant,
  test_participant_copy,
  group_participants,
  group_participant,
  group_participant_copy,
};

/// One route of the API.
struct RouteSpec {
  RouteKind kind;
  std::string_view pattern;  ///< relative to /v2/, with a trailing slash
  std::string_view methods;  ///< the Allow header value, e.g. "GET, PUT, DELETE"
};

/// A path matched to its route, with the ids the path names (0 for ids the route has not).
struct RouteMatch {
  const RouteSpec* spec = nullptr;
  std::int64_t project_id = 0;
  std::int64_t test_id = 0;
  std::int64_t group_id = 0;
  std::int64_t participant_id = 0;
};

/// Returns the route `path` (without the query) matches, with its ids; nullopt when it matches
/// none. A path must start with "/v2/" and end with a slash, and every id must be a positive
/// decimal integer.
std::optional<RouteMatch> match_route(std::string_view path);

/// Returns whether `method` ("GET", "POST", ...) is one of the methods `spec` allows.
bool method_allowed(const RouteSpec& spec, std::string_view method);

}  // namespace detail
}  // namespace loadero_emulator
