#pragma once
// Cooperative cancellation: the caller (the CLI, on SIGINT or SIGTERM) cancels a token; the live
// read and the executor check it before they start the next piece of work and never abandon one
// they started. No signal handling here: the core only reads a flag.

#include <atomic>
#include <exception>

namespace loadero_sync {

/// A one-way flag: once cancelled it stays cancelled. Not copyable; share it by reference.
/// Thread-safe: any thread may cancel it while others read it. cancel() and cancelled() are
/// lock-free, so a signal handler may call them too.
class CancelToken {
 public:
  CancelToken() = default;
  CancelToken(const CancelToken&) = delete;
  CancelToken& operator=(const CancelToken&) = delete;

  /// Cancels the token; later calls change nothing. Never throws.
  void cancel() noexcept { m_cancelled.store(true, std::memory_order_release); }

  /// True once cancel() was called (by any thread). Never throws.
  [[nodiscard]] bool cancelled() const noexcept {
    return m_cancelled.load(std::memory_order_acquire);
  }

  /// Throws Cancelled when the token is cancelled; else does nothing.
  void throw_if_cancelled() const;

  /// A token nobody cancels: the default of every function that takes one.
  static const CancelToken& never() noexcept {
    static const CancelToken token;
    return token;
  }

 private:
  static_assert(std::atomic<bool>::is_always_lock_free);
  std::atomic<bool> m_cancelled{false};
};

/// Thrown by work that stopped because its CancelToken was cancelled (the live reads): what it had
/// done is incomplete and was dropped. Not an error of the API or of the input: whoever cancelled
/// knows why.
class Cancelled : public std::exception {
 public:
  /// "cancelled"
  [[nodiscard]] const char* what() const noexcept override { return "cancelled"; }
};

inline void CancelToken::throw_if_cancelled() const {
  if (cancelled()) throw Cancelled();
}

}  // namespace loadero_sync
