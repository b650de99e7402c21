#pragma once
// loadero::DryRunTransport: a Transport that sends reads and only pretends to send writes.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loadero/transport.hpp"

namespace loadero {

/// A write that a DryRunTransport did not send.
struct RecordedRequest {
  HttpMethod method = HttpMethod::post;
  /// Relative to the API base, e.g. "projects/5040/tests/6866/groups/48797/copy/".
  std::string route;
  /// Exactly the bytes the client built (`{"count":2,"name":"Moderators"}`); "" for DELETE.
  std::string body;

  friend bool operator==(const RecordedRequest&, const RecordedRequest&) = default;
};

/// A Transport for dry runs: reads (GET) go to the inner transport unchanged; writes (POST, PUT,
/// DELETE) are never sent. Each write is recorded (method, route, body; never the headers, which
/// hold the token) and answered from a small local simulation of the API's REST conventions.
/// Because the real client and resource layer (ApiClient, GroupAPI, Group) run above it, a dry
/// run makes the same client-side checks and builds the same request bytes as a real apply, and
/// the resource layer parses the simulated answers exactly as real ones.
///
/// The simulation (objects live at `<collection>/<id>/`):
/// - POST to a collection (`projects/5040/tests/6866/groups/`) answers 201 with the body, an
///   "id" counting down from -1 (-1, -2, ...; never a real id), and the parent ids the API adds:
///   each `<plural>/<number>/` before the collection gives `<singular>_id` ("project_id": 5040,
///   "test_id": 6866; the singular drops a final "s", or turns "ies" into "y").
/// - POST to `<object>/copy/` answers 201 with a copy of the object with the body merged over it
///   (top-level keys replaced), a new simulated id and the parent ids.
/// - PUT to an object answers 200 with the object with the body merged over it.
/// - DELETE answers 204 with an empty body and forgets the object.
/// An object is known from an earlier simulated answer, or else read with one GET of its route
/// through the inner transport (a read: sent, not recorded). When that GET does not answer 2xx
/// with a JSON object, its answer is returned as the write's answer (a 404 for a missing group,
/// as the API would). A PUT, copy or DELETE of an object deleted earlier in the dry run answers
/// 404; a body that is not a JSON object answers 400. Errors the inner transport throws
/// (ApiError) pass through.
///
/// Reads of what the dry run made are answered by the simulation too (the API has no such ids):
/// a GET of a simulated object answers it; a GET of a collection right under one
/// (`.../groups/-3/participants/`) answers every simulated item of it in one page (query
/// parameters aside). Under a copy, that collection first takes the source's items, read once
/// with the GETs of the source's collection through the inner transport (every page; the
/// simulation's own items when the source is simulated too), each given a simulated
/// id and the copy's parent ids (a group copy brings its participants). Other GETs go to the inner
/// transport unchanged. Deleting an object forgets the items under it; a write to a simulated id
/// the dry run forgot answers 404. A simulated object is
/// found by its id through any route that ends in it, as the API reaches a participant at test
/// and at group scope (`.../participants/-2/` and `.../groups/-1/participants/-2/`).
///
/// Thread-safe.
class DryRunTransport : public Transport {
 public:
  /// Hears each write right after it is recorded, on the sending thread and outside any lock
  /// (so, with several threads, possibly not in recording order). Exceptions it throws reach
  /// the sender.
  using Listener = std::function<void(const RecordedRequest&)>;

  /// `reads` carries the GETs; the dry run shares it. Throws std::invalid_argument when it is
  /// null.
  explicit DryRunTransport(std::shared_ptr<Transport> reads, Listener listener = {});
  ~DryRunTransport() override;
  DryRunTransport(const DryRunTransport&) = delete;
  DryRunTransport& operator=(const DryRunTransport&) = delete;

  /// GET: `reads->send(request)`, or answered by the simulation when it reads what the dry run
  /// made. POST, PUT, DELETE: recorded and answered as described above.
  HttpResponse send(const HttpRequest& request) override;

  /// Every write recorded so far, in the order they were made.
  std::vector<RecordedRequest> requests() const;

 private:
  struct Simulation;

  HttpResponse simulate(const HttpRequest& request);
  HttpResponse read(const HttpRequest& request);

  std::shared_ptr<Transport> m_reads;
  Listener m_listener;
  std::unique_ptr<Simulation> m_simulation;
};

}  // namespace loadero
