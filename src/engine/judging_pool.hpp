#ifndef AUTHMATCH_SRC_JUDGING_POOL_HPP
#define AUTHMATCH_SRC_JUDGING_POOL_HPP

// Judging claim lines in batches, on worker threads while the caller goes on reading: claims are
// copied into batches, judged in parallel, and folded into the run batch by batch in the order
// they were added, so a run's results do not depend on how many threads judged them. With one
// thread the caller judges and folds each batch itself; a batch lets judging ask for a line's
// authorization rows a few lines before it needs them.

#include "engine/copy_arena.hpp"
#include "engine/line_judgement.hpp"
#include "engine/recycling_vector.hpp"

#include <authmatch/claim_line.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/validator.hpp>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Claims judged together, with what their lines turned out to be.
struct judging_batch {
  struct line_entry {
    std::uint32_t claim = 0;     ///< the run's index of the line's claim
    std::uint64_t sequence = 0;  ///< the line's position in the run
  };

  /// What judging a line found: its findings end at `findings_end` of the batch's `findings`
  /// (they start where the line's before end).
  struct verdict {
    std::size_t findings_end = 0;
    line_uses uses;
  };

  copy_arena text;
  std::vector<claim_line> lines;  ///< views into `text`
  std::vector<line_entry> entries;
  std::vector<verdict> verdicts;       ///< one per line once judged
  recycling_vector<finding> findings;  ///< every line's, in line order, once judged
  std::vector<std::pair<std::uint64_t, finding>> rejected;  ///< unreadable claims, by position
  std::exception_ptr error;  ///< what judging threw, rethrown instead of folding the batch
  bool judged = false;       ///< guarded by the pool's mutex
  /// The input name of the last line added, as `text` keeps it: the lines of one input share
  /// one copy.
  std::string_view input_kept;

  void add_claim(std::span<const claim_line> claim_lines, std::uint32_t claim,
                 std::uint64_t first_sequence);
  void judge(const validator& checker) noexcept;
  /// Line `i`'s findings, once judged.
  std::span<finding> findings_of(std::size_t i) noexcept {
    return findings.slice(i == 0 ? 0 : verdicts[i - 1].findings_end, verdicts[i].findings_end);
  }
  /// Empties the batch for the next claims; the verdicts are left to judge() to clear.
  void clear() noexcept;
};

/// Worker threads judging batches of lines, and folding the judged batches into the run in the
/// order they were added: whichever worker finishes the batch at the front folds it and the
/// judged ones behind it, one worker at a time, so the thread adding claims mostly reads and
/// copies. That thread counts as one of the pool's `threads` (a pool of N threads has N - 1
/// workers, so that N cores are not shared by N + 1 busy threads): when the workers fall behind
/// (more batches in flight than they keep up with), it judges a waiting batch itself, and folds
/// as a worker would. With one thread there are no workers: the thread adding claims judges and
/// folds each batch once it is full, and the rest at drain() or between_folds().
///
///     judging_pool pool(checker, threads, [&](judging_batch& b) {...});  // the fold
///     pool.add_claim(lines, claim, sequence);  // copies the lines
///     pool.drain();                            // waits until every batch is folded
///
/// Between drain() and the next add, no worker folds: the caller may use what the fold writes.
/// between_folds(fn) gives the same guarantee to `fn` without waiting for the batches in flight.
class judging_pool {
 public:
  /// Lines per batch: enough to make handing a batch over cheap, few enough to keep every
  /// thread busy on small inputs.
  static constexpr std::size_t batch_lines = 1024;

  using fold_function = std::function<void(judging_batch&)>;

  /// `fold` is called for one batch at a time, in order: on a worker thread, or on the thread
  /// adding claims, inside add_claim().
  judging_pool(const validator& checker, unsigned threads, fold_function fold);
  ~judging_pool();
  judging_pool(const judging_pool&) = delete;
  judging_pool& operator=(const judging_pool&) = delete;

  /// Copies one claim's lines (the views need to stay valid only during the call). When that
  /// fills a batch, sends it off, judging others while many are in flight, and rethrows what
  /// judging or folding an earlier batch threw.
  void add_claim(std::span<const claim_line> lines, std::uint32_t claim,
                 std::uint64_t first_sequence);
  /// An unreadable claim, handed to the fold with the batch it falls in.
  void add_rejected(finding unreadable, std::uint64_t sequence);

  /// Sends off the batch being filled and waits until every batch is judged and folded.
  /// Rethrows the first error of judging or folding; the batches after it are not folded.
  void drain();

  /// Runs `fn` while no batch is being folded, under the pool's lock: workers finish the batch
  /// in hand, then wait for `fn` to end before they fold it or take another. `fn` may read what
  /// the folds so far wrote, and must not call into the pool. Does not wait for the batches in
  /// flight; what judging or folding threw waits for the next add or drain(). Without workers,
  /// the lines added so far are judged and folded first.
  template <typename Fn>
  void between_folds(Fn&& fn) {
    if (workers_.empty()) {
      judge_here();
      fn();
      return;
    }
    std::unique_lock lock(mutex_);
    batch_folded_.wait(lock, [this] { return !folding_; });
    fn();
  }

 private:
  /// Sends off the batch being filled; waits, with `for_room`, while too many are in flight.
  /// Without workers, judges and folds it instead.
  void submit(bool for_room);
  /// Judges and folds the batch being filled on the calling thread (a pool without workers).
  void judge_here();
  void rethrow_if_failed() const;
  void work(const std::stop_token& stop);
  /// Judges the first batch waiting, without the lock, then folds the judged batches at the
  /// front. Called with the lock, which it holds again when it returns.
  void judge_next(std::unique_lock<std::mutex>& lock);
  /// Folds the judged batches at the front, unless a worker already does. Called with the lock.
  void fold_front(std::unique_lock<std::mutex>& lock);

  const validator& checker_;
  const fold_function fold_;
  std::size_t max_in_flight_;
  std::unique_ptr<judging_batch> filling_;

  std::mutex mutex_;
  std::condition_variable_any work_ready_, batch_folded_;
  std::deque<std::unique_ptr<judging_batch>> in_flight_;  ///< in order; guarded by mutex_
  std::deque<judging_batch*> to_judge_;                   ///< guarded by mutex_
  std::vector<std::unique_ptr<judging_batch>> spare_;     ///< guarded by mutex_
  bool folding_ = false;      ///< a fold is under way; guarded by mutex_
  bool abandoned_ = false;    ///< the pool is being destroyed; guarded by mutex_
  std::exception_ptr error_;  ///< the first error; guarded by mutex_
  std::vector<std::jthread> workers_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
