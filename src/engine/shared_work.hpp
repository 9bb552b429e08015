#ifndef AUTHMATCH_SRC_ENGINE_SHARED_WORK_HPP
#define AUTHMATCH_SRC_ENGINE_SHARED_WORK_HPP

// Work in numbered items shared among threads: settlement's partitions, the shares of the claim
// file that replacement chains read.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Calls `work(item, worker)` for every item in [0, count), on up to `threads` threads: this one
/// (worker 0) and helpers it starts (workers 1, 2, ...), each taking the next item not yet
/// taken, so a worker may keep scratch of its own. When no more threads can be had, those
/// started and this one do the rest. The first exception thrown is rethrown here once every
/// thread has stopped; the items no thread had taken by then are not done.
template <typename Work>
void share_out(std::size_t count, unsigned threads, Work&& work) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failed;
  std::mutex failing;
  const auto take = [&](unsigned worker) {
    for (std::size_t item; (item = next.fetch_add(1)) < count;) {
      try {
        work(item, worker);
      } catch (...) {
        const std::lock_guard lock(failing);
        if (!failed) failed = std::current_exception();
        next = count;
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    const auto workers = static_cast<unsigned>(std::min<std::size_t>(threads, count));
    for (unsigned worker = 1; worker < workers; ++worker) {
      try {
        helpers.emplace_back(take, worker);
      } catch (const std::system_error&) {
        break;  // no more threads to be had
      }
    }
    take(0);
  }
  if (failed) std::rethrow_exception(failed);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
