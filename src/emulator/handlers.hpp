#pragma once
// The handlers of the API's routes: reading, listing, creating, updating, deleting and copying
// tests, groups and participants in one State.

#include "api.hpp"
#include "routing.hpp"
#include "state.hpp"

namespace loadero_emulator::detail {

/// Serves `request` on its route `match` against `state`; the caller has checked the token and the
/// method and holds the Api lock (shared for GET, exclusive otherwise). Returns the answer, with
/// committed_write set when `state` changed. Throws HttpError (400 for a malformed body or query
/// value, 404 for an unknown test, group or participant) and ValidationFailure (422).
ApiResponse handle_route(State& state, const ApiOptions& options, const ApiRequest& request,
                         const RouteMatch& match);

}  // namespace loadero_emulator::detail
