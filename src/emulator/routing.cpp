#include "routing.hpp"

#include <array>
#include <vector>

#include "paging.hpp"

namespace loadero_emulator {
namespace detail {
namespace {

constexpr std::array k_routes{
    RouteSpec{RouteKind::project, "projects/{project_id}/", "GET"},
    RouteSpec{RouteKind::tests, "projects/{project_id}/tests/", "GET, POST"},
    RouteSpec{RouteKind::test, "projects/{project_id}/tests/{test_id}/", "GET, PUT, DELETE"},
    RouteSpec{RouteKind::test_copy, "projects/{project_id}/tests/{test_id}/copy/", "POST"},
    RouteSpec{RouteKind::groups, "projects/{project_id}/tests/{test_id}/groups/", "GET, POST"},
    RouteSpec{RouteKind::group, "projects/{project_id}/tests/{test_id}/groups/{group_id}/",
              "GET, PUT, DELETE"},
    RouteSpec{RouteKind::group_copy,
              "projects/{project_id}/tests/{test_id}/groups/{group_id}/copy/", "POST"},
    RouteSpec{RouteKind::test_participants, "projects/{project_id}/tests/{test_id}/participants/",
              "GET, POST"},
    RouteSpec{RouteKind::test_participant,
              "projects/{project_id}/tests/{test_id}/participants/{participant_id}/",
              "GET, PUT, DELETE"},
    RouteSpec{RouteKind::test_participant_copy,
              "projects/{project_id}/tests/{test_id}/participants/{participant_id}/copy/", "POST"},
    RouteSpec{RouteKind::group_participants,
              "projects/{project_id}/tests/{test_id}/groups/{group_id}/participants/", "GET, POST"},
    RouteSpec{
        RouteKind::group_participant,
        "projects/{project_id}/tests/{test_id}/groups/{group_id}/participants/{participant_id}/",
        "GET, PUT, DELETE"},
    RouteSpec{RouteKind::group_participant_copy,
              "projects/{project_id}/tests/{test_id}/groups/{group_id}/participants/"
              "{participant_id}/copy/",
              "POST"},
};

std::vector<std::string_view> split_segments(std::string_view text) {
  std::vector<std::string_view> segments;
  while (!text.empty()) {
    const auto slash = text.find('/');
    segments.push_back(text.substr(0, slash));
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

std::optional<RouteMatch> match_route(std::string_view path) {
  constexpr std::string_view prefix = "/v2/";
  // Routes end with a slash, like every official client sends them; no redirect is offered.
  if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix ||
      path.back() != '/') {
    return std::nullopt;
  }
  path.remove_prefix(prefix.size());
  path.remove_suffix(1);
  const auto segments = split_segments(path);
  for (const auto& spec : k_routes) {
    std::string_view pattern = spec.pattern;
    pattern.remove_suffix(1);
    const auto pattern_segments = split_segments(pattern);
    if (pattern_segments.size() != segments.size()) continue;
    RouteMatch match;
    match.spec = &spec;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      const auto want = pattern_segments[i];
      if (want.front() != '{') {
        ok = want == segments[i];
        continue;
      }
      const auto id = parse_non_negative(segments[i]);
      if (!id || *id == 0) {
        ok = false;
        continue;
      }
      if (want == "{project_id}") match.project_id = *id;
      if (want == "{test_id}") match.test_id = *id;
      if (want == "{group_id}") match.group_id = *id;
      if (want == "{participant_id}") match.participant_id = *id;
    }
    if (ok) return match;
  }
  return std::nullopt;
}

bool method_allowed(const RouteSpec& spec, std::string_view method) {
  std::string_view methods = spec.methods;
  while (!methods.empty()) {
    const auto comma = methods.find(", ");
    if (methods.substr(0, comma) == method) return true;
    if (comma == std::string_view::npos) break;
    methods.remove_prefix(comma + 2);
  }
  return false;
}

}  // namespace detail

std::string route_pattern_of(std::string_view path) {
  const auto match = detail::match_route(path);
  if (!match) return "(unmatched)";
  return "/v2/" + std::string(match->spec->pattern);
}

}  // namespace loadero_emulator
