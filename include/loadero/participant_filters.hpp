#pragma once
// Reading the filter echo of a participants list answer, whichever shape it has.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loadero/pagination.hpp"
#include "loadero/participant.hpp"

namespace loadero {

/// The participant filters a list answer applied: setting name ("browser", "count_from") -> the
/// values as text, in the answer's order.
using ParticipantFilters = std::map<std::string, std::vector<std::string>>;

/// Normalises a participants list's "filter" echo. The real API nests participant filters under
/// "profile" (`{"profile": {"browser": ["chromeLatest", "firefoxLatest"]}}`); loadero-emulator
/// echoes them at the top (`{"browser": [...]}`); both read as {"browser": {"chromeLatest",
/// "firefoxLatest"}}, and an answer that holds both has their values joined. A key spelled like
/// the query parameter ("filter_browser") reads as "browser". A single value reads as a list of
/// one; numbers and booleans read as their JSON text ("2", "true"); null reads as no values.
/// An empty echo ({}) gives an empty map.
/// Throws std::invalid_argument when `filter` or its "profile" is not an object
/// (`participant filter echo is not a JSON object`,
/// `participant filter echo 'profile' is not a JSON object`) or a value is an object or a list
/// holding a list or object (`participant filter echo 'browser' is not a value or a list of
/// values`).
ParticipantFilters participant_filters(const nlohmann::json& filter);

/// participant_filters(page.filter).
ParticipantFilters participant_filters(const PagedResponse<ParticipantParams>& page);

}  // namespace loadero
