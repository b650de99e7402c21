#pragma once
// --misbehave: answers that break the API's promises on purpose (a resource without its id or
// with another one, an empty page while more remain, absurd totals, repeated ids), so that tests
// can show a client refusing them. A post-processor of the answers Api::handle produced.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api.hpp"

namespace loadero_emulator {

/// One way to misbehave.
enum class Misbehaviour {
  missing_id,    ///< "missing-id": resources, alone or in a list, have no "id"
  wrong_id,      ///< "wrong-id": a resource answer carries its id + 1 (lists are left alone)
  wrong_parent,  ///< "wrong-parent": project_id, test_id and group_id of resources are + 1
  empty_page,    ///< "empty-page": the second page of a list is empty; pagination unchanged
  huge_total,    ///< "huge-total": lists report total_items huge_total_items
  repeat_ids,    ///< "repeat-ids": every page after the first repeats the first page's items
};

/// The total_items a huge-total list reports: far beyond any client's sane cap.
inline constexpr std::int64_t huge_total_items = 1'000'000'000;

/// The flag value of a mode: "missing-id", "wrong-id", "wrong-parent", "empty-page",
/// "huge-total", "repeat-ids".
std::string_view to_string(Misbehaviour mode) noexcept;

/// The mode named `name` (as to_string spells it); nullopt for any other text.
std::optional<Misbehaviour> parse_misbehaviour(std::string_view name);

/// Every mode's name, in declaration order, separated by ", " (for --help and errors).
std::string misbehaviour_names();

/// Answers a request from the same API, without misbehaving (repeat-ids uses it to read the
/// first page).
using Refetch = std::function<ApiResponse(const ApiRequest&)>;

/// Rewrites `answer`, the answer Api::handle gave to `request`, as each mode in `modes` says.
/// Only successful (2xx) answers to GET, HEAD, POST and PUT whose body is a JSON object change;
/// errors, 204s and anything else pass unchanged. A list is an object with a "results" array and
/// a "pagination" object; any other object is a resource. Calls `refetch` once for a repeat-ids
/// page after the first. Never throws for a body it cannot read (it leaves it alone).
void misbehave(const std::vector<Misbehaviour>& modes, const ApiRequest& request,
               ApiResponse& answer, const Refetch& refetch);

}  // namespace loadero_emulator
