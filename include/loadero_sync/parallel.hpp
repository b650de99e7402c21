#pragma once
// Runs fn(0..count-1) on at most `parallelism` threads; used by the live read and the executor.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace loadero_sync::detail {

/// Calls fn(i) once for every i in [0, count), on min(parallelism, count) threads (inline when that
/// is 1). Indices are handed out in increasing order. If calls throw, every other call still runs
/// and the exception of the lowest index is rethrown after all threads have ended.
template <class Fn>
void for_each_parallel(std::size_t count, int parallelism, Fn&& fn) {
  std::vector<std::exception_ptr> errors(count);
  auto run_one = [&](std::size_t index) {
    try {
      fn(index);
    } catch (...) {
      errors[index] = std::current_exception();
    }
  };
  const std::size_t threads = std::min(count, static_cast<std::size_t>(std::max(parallelism, 1)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) run_one(i);
  } else {
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> workers;
    workers.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) run_one(i);
      });
    }
  }  // jthreads join here
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace loadero_sync::detail
