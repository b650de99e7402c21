#pragma once
// Participant planning for one test: the part of make_plan that matches a group's declared
// participants against its live ones (README.md "How planning works", participants). Internal to
// the planner library: pure, no I/O.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync::detail {

/// What a declared group becomes this run, as far as its participants are concerned.
struct GroupFate {
  enum class Kind {
    skip,     ///< no participant actions: absent, unresolved, or participants not managed
    live,     ///< matched to the live group `live_group_id`
    created,  ///< created this run: it starts with no participants
    copied,   ///< copied this run: it starts with the participants of `copy_source_group_id`
  };
  Kind kind = Kind::skip;
  std::int64_t live_group_id = 0;
  /// copied: the live group whose participants (as they are before this run) the copy brings;
  /// empty when the copy brings none (its source is created this run).
  std::optional<std::int64_t> copy_source_group_id;
  std::string copy_source_name;  ///< copied: the source's name, for messages
};

/// The participant actions of one test, in apply order, and the declared participants that
/// already match.
struct ParticipantPlan {
  std::vector<Action> actions;
  std::int64_t unchanged = 0;
};

/// Reports one planning error at a manifest position.
using ErrorSink = std::function<void(const SourcePos&, std::string)>;

/// Plans the participants of `desired` (one GroupFate per declared group, same order) against
/// `live` (the test's live participants, any order; those of no group are ignored). Conflicts
/// (a name two live participants of a group share, a pinned id that is not in its group or pins
/// into a group that does not exist yet, a name or id declared twice) go to `error`; the returned
/// plan is then incomplete and must be dropped. Never throws except std::bad_alloc.
ParticipantPlan plan_participants(const DesiredTest& desired,
                                  const std::vector<LiveParticipant>& live,
                                  const std::vector<GroupFate>& fates, const ErrorSink& error);

}  // namespace loadero_sync::detail
