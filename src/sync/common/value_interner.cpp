#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "loadero_sync/model.hpp"

namespace loadero_sync {

namespace {

std::string_view view_of(std::string_view value) { return value; }
std::string_view view_of(const std::optional<std::string>& value) { return *value; }

// Transparent, so a lookup by string_view builds no std::string.
struct ValueHash {
  using is_transparent = void;
  template <typename Value>
  std::size_t operator()(const Value& value) const noexcept {
    return std::hash<std::string_view>{}(view_of(value));
  }
};

struct ValueEqual {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const noexcept {
    return view_of(a) == view_of(b);
  }
};

// Node-based: an element never moves when the set rehashes, so its address is the value's
// identity.
struct Pool {
  std::mutex mutex;
  std::unordered_set<std::optional<std::string>, ValueHash, ValueEqual> values;
};

// Leaked on purpose: interned values are immortal, so a pointer held by a static object or by
// another thread outlives any destruction order at exit.
Pool& pool() {
  static auto* const instance = new Pool;
  return *instance;
}

// Each thread remembers the values it interned last, one per slot by hash. Settings repeat the
// same few values (enumerations), so nearly every call ends here without the lock. A slot only
// ever holds a pointer from the pool, which never dies, so a stale slot is merely a miss.
constexpr std::size_t cache_slots = 64;
thread_local std::array<const std::optional<std::string>*, cache_slots> t_cache{};

}  // namespace

const std::optional<std::string>* intern_participant_value(std::string_view value) {
  const std::size_t hash = std::hash<std::string_view>{}(value);
  auto& slot = t_cache[hash % cache_slots];
  if (slot != nullptr && std::string_view(**slot) == value) return slot;

  auto& shared = pool();
  const std::lock_guard lock(shared.mutex);
  auto found = shared.values.find(value);
  if (found == shared.values.end()) found = shared.values.emplace(std::string(value)).first;
  slot = &*found;
  return slot;
}

}  // namespace loadero_sync
