#include "handlers.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http_errors.hpp"
#include "listing.hpp"
#include "loadero/limits.hpp"
#include "participant_fields.hpp"
#include "render.hpp"
#include "validation.hpp"

namespace loadero_emulator::detail {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Answers and names shared by the handlers.

ApiResponse json_answer(int status, const ordered_json& body, bool committed) {
  return ApiResponse{status, body.dump(), {}, committed};
}

constexpr std::array<std::string_view, 3> k_test_modes{"load", "performance", "session-record"};
constexpr std::array<std::string_view, 4> k_increment_strategies{"linear", "linear_group", "random",
                                                                 "random_group"};

Millis bumped(Millis previous) { return std::max(now_millis(), previous + 1); }

std::string copy_name(const json& body, const std::string& original, std::size_t max_length) {
  Validator validator(body);
  auto name = validator.optional_name("name", max_length);
  validator.throw_if_failed();
  return name ? *name : "Copy of " + original;
}

// ---------------------------------------------------------------------------------------------
// The handlers. Each runs with the Api lock held (shared for GET, exclusive otherwise).

class Handlers {
 public:
  Handlers(State& state, const ApiOptions& options, const ApiRequest& request,
           const RouteMatch& match)
      : m_state(state), m_options(options), m_request(request), m_match(match) {}

  ApiResponse run() {
    const auto& method = m_request.method;
    switch (m_match.spec->kind) {
      case RouteKind::project:
        return json_answer(200, render_project(project()), false);
      case RouteKind::tests:
        return method == "GET" ? list_tests() : create_test();
      case RouteKind::test:
        if (method == "GET") return json_answer(200, render_test(m_state, test()), false);
        return method == "PUT" ? update_test() : delete_test();
      case RouteKind::test_copy:
        return copy_test();
      case RouteKind::groups:
        return method == "GET" ? list_groups() : create_group();
      case RouteKind::group:
        if (method == "GET")
          return json_answer(200, render_group(group(), group_totals(m_state, group().id)), false);
        return method == "PUT" ? update_group() : delete_group();
      case RouteKind::group_copy:
        return copy_group();
      case RouteKind::test_participants:
      case RouteKind::group_participants:
        return method == "GET" ? list_participants() : create_participant();
      case RouteKind::test_participant:
      case RouteKind::group_participant:
        if (method == "GET") return json_answer(200, render_participant(participant()), false);
        return method == "PUT" ? update_participant() : delete_participant();
      case RouteKind::test_participant_copy:
      case RouteKind::group_participant_copy:
        return copy_participant();
    }
    throw HttpError{500, "unhandled route"};
  }

 private:
  Project& project() { return m_state.projects.at(m_match.project_id); }

  Test& test() {
    const auto it = m_state.tests.find(m_match.test_id);
    if (it == m_state.tests.end() || it->second.project_id != m_match.project_id) {
      throw HttpError{404, "test " + std::to_string(m_match.test_id) + " not found"};
    }
    return it->second;
  }

  Group& group() {
    const auto& owner = test();
    const auto it = m_state.groups.find(m_match.group_id);
    if (it == m_state.groups.end() || it->second.test_id != owner.id) {
      throw HttpError{404, "group " + std::to_string(m_match.group_id) + " not found in test " +
                               std::to_string(owner.id)};
    }
    return it->second;
  }

  bool group_scope() const { return m_match.group_id != 0; }

  Participant& participant() {
    const auto& owner = test();
    if (group_scope()) group();
    const auto it = m_state.participants.find(m_match.participant_id);
    if (it == m_state.participants.end() || it->second.test_id != owner.id ||
        (group_scope() && it->second.group_id != m_match.group_id)) {
      throw HttpError{404, "participant " + std::to_string(m_match.participant_id) +
                               " not found in " +
                               (group_scope() ? "group " + std::to_string(m_match.group_id)
                                              : "test " + std::to_string(owner.id))};
    }
    return it->second;
  }

  // Tests ---------------------------------------------------------------------------------------

  ApiResponse list_tests() {
    static const std::vector<FilterField<Test>> fields{
        {"name", FilterKind::text_contains, [](const Test& t) { return t.name; }},
        {"test_mode", FilterKind::text_exact, [](const Test& t) { return t.mode; }},
        {"increment_strategy", FilterKind::text_exact,
         [](const Test& t) { return t.increment_strategy; }},
        {"start_interval_from",
         FilterKind::integer_from,
         {},
         [](const Test& t) { return t.start_interval; }},
        {"start_interval_to",
         FilterKind::integer_to,
         {},
         [](const Test& t) { return t.start_interval; }},
        {"participant_timeout_from",
         FilterKind::integer_from,
         {},
         [](const Test& t) { return t.participant_timeout; }},
        {"participant_timeout_to",
         FilterKind::integer_to,
         {},
         [](const Test& t) { return t.participant_timeout; }},
    };
    std::vector<const Test*> candidates;
    for (const auto& [id, item] : m_state.tests) {
      if (item.project_id == m_match.project_id) candidates.push_back(&item);
    }
    return paged<Test>(m_request, candidates, fields, m_options.max_page_size,
                       [this](const Test& t) { return render_test(m_state, t); });
  }

  void read_test_body(Test& target) {
    const json body = parse_body(m_request.body);
    Validator v(body);
    auto name = v.required_name("name", loadero::max_test_name_length);
    auto start_interval = v.required_integer("start_interval", loadero::min_test_start_interval,
                                             loadero::max_test_start_interval);
    auto participant_timeout =
        v.required_integer("participant_timeout", loadero::min_test_participant_timeout,
                           loadero::max_test_participant_timeout);
    auto mode = v.choice("mode", k_test_modes, std::nullopt);
    auto strategy = v.choice("increment_strategy", k_increment_strategies, std::nullopt);
    auto mos_test = v.optional_bool("mos_test", false);
    auto script = v.optional_any_text("script");
    v.throw_if_failed();
    target.name = std::move(name);
    target.start_interval = start_interval;
    target.participant_timeout = participant_timeout;
    target.mode = std::move(mode);
    target.increment_strategy = std::move(strategy);
    target.mos_test = mos_test;
    target.script = std::move(script);
  }

  ApiResponse create_test() {
    Test created;
    read_test_body(created);
    created.project_id = m_match.project_id;
    created.id = m_state.next_test_id++;
    created.created = created.updated = now_millis();
    const auto& stored = m_state.tests.emplace(created.id, std::move(created)).first->second;
    return json_answer(201, render_test(m_state, stored), true);
  }

  ApiResponse update_test() {
    Test& target = test();
    Test changed = target;
    read_test_body(changed);
    changed.updated = bumped(target.updated);
    target = std::move(changed);
    return json_answer(200, render_test(m_state, target), true);
  }

  ApiResponse delete_test() {
    m_state.erase_test(test().id);
    return ApiResponse{204, "", {}, true};
  }

  ApiResponse copy_test() {
    const Test& source = test();
    const auto name =
        copy_name(parse_body(m_request.body), source.name, loadero::max_test_name_length);
    const auto now = now_millis();
    Test copy = source;
    copy.id = m_state.next_test_id++;
    copy.name = name;
    copy.created = copy.updated = now;
    std::map<std::int64_t, std::int64_t> new_group_ids;
    std::vector<Group> groups;
    for (const auto id : m_state.group_ids_of(source.id)) {
      Group group_copy = m_state.groups.at(id);
      group_copy.id = m_state.next_group_id++;
      group_copy.test_id = copy.id;
      group_copy.created = group_copy.updated = now;
      new_group_ids[id] = group_copy.id;
      groups.push_back(group_copy);
    }
    std::vector<Participant> participants;
    for (const auto id : m_state.participant_ids_of(source.id)) {
      Participant participant_copy = m_state.participants.at(id);
      participant_copy.id = m_state.next_participant_id++;
      participant_copy.test_id = copy.id;
      if (participant_copy.group_id != 0)
        participant_copy.group_id = new_group_ids.at(participant_copy.group_id);
      participant_copy.created = participant_copy.updated = now;
      participants.push_back(participant_copy);
    }
    for (auto& item : groups) m_state.add_group(std::move(item));
    for (auto& item : participants) m_state.add_participant(std::move(item));
    const auto& stored = m_state.tests.emplace(copy.id, std::move(copy)).first->second;
    return json_answer(200, render_test(m_state, stored), true);
  }

  // Groups --------------------------------------------------------------------------------------

  ApiResponse list_groups() {
    static const std::vector<FilterField<Group>> fields{
        {"name", FilterKind::text_contains, [](const Group& g) { return g.name; }},
        {"count_from", FilterKind::integer_from, {}, [](const Group& g) { return g.count; }},
        {"count_to", FilterKind::integer_to, {}, [](const Group& g) { return g.count; }},
    };
    const auto test_id = test().id;
    std::vector<const Group*> candidates;
    for (const auto id : m_state.group_ids_of(test_id)) {
      candidates.push_back(&m_state.groups.at(id));
    }
    auto totals = group_totals_in_test(m_state, test_id);
    return paged<Group>(m_request, candidates, fields, m_options.max_page_size,
                        [&totals](const Group& g) { return render_group(g, totals[g.id]); });
  }

  std::pair<std::string, std::int64_t> read_group_body() {
    const json body = parse_body(m_request.body);
    Validator v(body);
    auto name = v.required_name("name", loadero::max_group_name_length);
    auto count = v.required_integer("count", loadero::min_group_count, loadero::max_group_count);
    v.throw_if_failed();
    return {std::move(name), count};
  }

  ApiResponse create_group() {
    const auto test_id = test().id;
    auto [name, count] = read_group_body();
    Group created;
    created.id = m_state.next_group_id++;
    created.test_id = test_id;
    created.name = std::move(name);
    created.count = count;
    created.created = created.updated = now_millis();
    const auto& stored = *m_state.add_group(std::move(created));
    return json_answer(201, render_group(stored, GroupTotals{}), true);
  }

  ApiResponse update_group() {
    Group& target = group();
    auto [name, count] = read_group_body();
    target.name = std::move(name);
    target.count = count;
    target.updated = bumped(target.updated);
    return json_answer(200, render_group(target, group_totals(m_state, target.id)), true);
  }

  ApiResponse delete_group() {
    m_state.erase_group(group().id);
    return ApiResponse{204, "", {}, true};
  }

  ApiResponse copy_group() {
    const Group& source = group();
    const auto name =
        copy_name(parse_body(m_request.body), source.name, loadero::max_group_name_length);
    const auto now = now_millis();
    Group copy = source;
    copy.id = m_state.next_group_id++;
    copy.name = name;
    copy.created = copy.updated = now;
    std::vector<Participant> participants;
    for (const auto id : m_state.participant_ids_of(source.test_id)) {
      const Participant& item = m_state.participants.at(id);
      if (item.group_id != source.id) continue;
      Participant participant_copy = item;
      participant_copy.id = m_state.next_participant_id++;
      participant_copy.group_id = copy.id;
      participant_copy.created = participant_copy.updated = now;
      participants.push_back(participant_copy);
    }
    const auto& stored = *m_state.add_group(std::move(copy));
    for (auto& item : participants) m_state.add_participant(std::move(item));
    return json_answer(200, render_group(stored, group_totals(m_state, stored.id)), true);
  }

  // Participants --------------------------------------------------------------------------------

  ApiResponse list_participants() {
    const auto test_id = test().id;
    if (group_scope()) group();
    std::vector<const Participant*> candidates;
    for (const auto id : m_state.participant_ids_of(test_id)) {
      const Participant& item = m_state.participants.at(id);
      if (group_scope() && item.group_id != m_match.group_id) continue;
      candidates.push_back(&item);
    }
    return paged<Participant>(m_request, candidates, participant_filter_fields(),
                              m_options.max_page_size,
                              [](const Participant& p) { return render_participant(p); });
  }

  // Reads a POST or PUT body into `target` (read_participant_fields), and its group:
  // - group scope: the route's group; a group_id in the body is ignored (read-only there);
  // - test scope: the body's group_id, which must be a group of this test; a PUT that carries
  //   the participant's own group keeps it there, another group moves it there, and a body
  //   without group_id (absent, null or 0) leaves it in no group, PUT replacing everything.
  // Throws ValidationFailure (422) with every problem, leaving `target` partly written.
  void read_participant_body(Participant& target) {
    const json body = parse_body(m_request.body);
    Validator v(body);
    read_participant_fields(v, target);
    std::int64_t group_id = m_match.group_id;
    if (!group_scope()) {
      group_id = v.optional_id("group_id").value_or(0);
      if (group_id != 0) {
        const auto it = m_state.groups.find(group_id);
        if (it == m_state.groups.end() || it->second.test_id != target.test_id) {
          v.fail("group_id", "Group " + std::to_string(group_id) + " does not exist in this test.");
        }
      }
    }
    v.throw_if_failed();
    target.group_id = group_id;
  }

  ApiResponse create_participant() {
    Participant created;
    created.test_id = test().id;
    if (group_scope()) group();
    read_participant_body(created);
    created.id = m_state.next_participant_id++;
    created.created = created.updated = now_millis();
    const auto& stored = *m_state.add_participant(std::move(created));
    return json_answer(201, render_participant(stored), true);
  }

  // PUT, at test or group scope: the body replaces every writable field (see
  // read_participant_body for the group); id, test_id and created stay, updated moves forward.
  ApiResponse update_participant() {
    Participant& target = participant();
    Participant changed = target;
    read_participant_body(changed);
    changed.updated = bumped(target.updated);
    target = std::move(changed);
    return json_answer(200, render_participant(target), true);
  }

  ApiResponse delete_participant() {
    m_state.erase_participant(participant().id);
    return ApiResponse{204, "", {}, true};
  }

  ApiResponse copy_participant() {
    const Participant& source = participant();
    Participant copy = source;
    copy.name =
        copy_name(parse_body(m_request.body), source.name, loadero::max_participant_name_length);
    copy.id = m_state.next_participant_id++;
    copy.created = copy.updated = now_millis();
    const auto& stored = *m_state.add_participant(std::move(copy));
    return json_answer(200, render_participant(stored), true);
  }

  State& m_state;
  const ApiOptions& m_options;
  const ApiRequest& m_request;
  const RouteMatch& m_match;
};

}  // namespace

ApiResponse handle_route(State& state, const ApiOptions& options, const ApiRequest& request,
                         const RouteMatch& match) {
  return Handlers(state, options, request, match).run();
}

}  // namespace loadero_emulator::detail
