#include "engine/judging_pool.hpp"
#include "engine/line_values.hpp"
#include "index/index_data.hpp"
#include "index/prefetch_ahead.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace detail {

// --- judging_batch ----------------------------------------------------------------------------

void judging_batch::add_claim(std::span<const claim_line> claim_lines, std::uint32_t claim,
                              std::uint64_t first_sequence) {
  keep_lines(claim_lines, text, lines, input_kept);
  for (std::size_t i = 0; i < claim_lines.size(); ++i) entries.push_back({claim, first_sequence++});
}

void judging_batch::judge(const validator& checker) noexcept {
  try {
    verdicts.clear();
    verdicts.reserve(lines.size());
    findings.clear();
    // A claim's lines are adjacent: each line is judged with its claim's (rules may ask what
    // else the claim bills).
    std::size_t first = 0, end = 0;
    // Made for this call only: it keeps a field's compared value while the next line's field is
    // the same view, which means the same text only while `text` holds these lines unchanged (a
    // batch filled again may have other text at the same place).
    line_values values;
    // What the prefetch steps found of each line ahead, by its place: a line's are taken from
    // its first lookup step to its turn, lookup_steps lines on.
    std::array<index_data::lookup_ahead, index_data::lookup_steps + 1> ahead;
    // A step a line: a line's rows are loaded when it is judged.
    const auto prefetch = [&](std::size_t later, int step) {
      prefetch_judging(checker, lines[later], step, ahead[later % ahead.size()]);
    };
    for_each_prefetched(0, lines.size(), judging_prefetch_steps, 1, prefetch, [&](std::size_t i) {
      if (i == end) {
        first = i;
        while (end < lines.size() && entries[end].claim == entries[first].claim) ++end;
      }
      const std::span<const claim_line> claim(lines.data() + first, end - first);
      const auto uses = detail::judge(checker, values, lines[i], claim, findings);
      verdicts.push_back({findings.size(), uses});
    });
  } catch (...) {
    error = std::current_exception();
  }
}

void judging_batch::clear() noexcept {
  text.clear();
  lines.clear();
  entries.clear();
  rejected.clear();
  error = nullptr;
  judged = false;
  input_kept = {};
}

// --- judging_pool -----------------------------------------------------------------------------

judging_pool::judging_pool(const validator& checker, unsigned threads, fold_function fold)
    : checker_(checker),
      fold_(std::move(fold)),
      max_in_flight_(std::size_t{4} * std::max(threads, 1U)) {
  // Room for every batch there can be (those in flight, one past the limit, the one filling):
  // a worker recycling a batch never allocates.
  spare_.reserve(max_in_flight_ + 2);
  if (threads <= 1) return;  // the caller judges
  workers_.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) {  // the caller is the last thread
    workers_.emplace_back([this](const std::stop_token& stop) { work(stop); });
  }
}

judging_pool::~judging_pool() {
  {
    // An abandoned run (its reader failed, say): what is still queued is neither judged nor
    // folded; a worker folding finishes the batch in hand.
    const std::scoped_lock lock(mutex_);
    abandoned_ = true;
  }
  for (auto& worker : workers_) worker.request_stop();
  work_ready_.notify_all();
  workers_.clear();  // joins
}

void judging_pool::add_claim(std::span<const claim_line> lines, std::uint32_t claim,
                             std::uint64_t first_sequence) {
  if (!filling_) filling_ = std::make_unique<judging_batch>();
  filling_->add_claim(lines, claim, first_sequence);
  if (filling_->lines.size() >= batch_lines) submit(true);
}

void judging_pool::add_rejected(finding unreadable, std::uint64_t sequence) {
  if (!filling_) filling_ = std::make_unique<judging_batch>();
  filling_->rejected.emplace_back(sequence, std::move(unreadable));
}

void judging_pool::drain() {
  submit(false);
  if (workers_.empty()) return;
  std::unique_lock lock(mutex_);
  batch_folded_.wait(lock, [this] { return in_flight_.empty() && !folding_; });
  rethrow_if_failed();
}

void judging_pool::rethrow_if_failed() const {
  if (error_) std::rethrow_exception(error_);
}

void judging_pool::submit(bool for_room) {
  if (workers_.empty()) {
    judge_here();
    return;
  }
  std::unique_lock lock(mutex_);
  rethrow_if_failed();
  if (filling_) {
    to_judge_.push_back(filling_.get());
    in_flight_.push_back(std::move(filling_));
    if (!spare_.empty()) {
      filling_ = std::move(spare_.back());
      spare_.pop_back();
    }
    work_ready_.notify_one();
  }
  if (!for_room) return;
  // Too many in flight: rather than wait for the workers, judge the first waiting batch here,
  // and fold what is judged at the front, as a worker would.
  while (in_flight_.size() > max_in_flight_ && !error_) {
    if (to_judge_.empty()) {
      batch_folded_.wait(lock, [this] {
        return in_flight_.size() <= max_in_flight_ || error_ || !to_judge_.empty();
      });
    } else {
      judge_next(lock);
    }
  }
  rethrow_if_failed();
}

void judging_pool::judge_next(std::unique_lock<std::mutex>& lock) {
  judging_batch* batch = to_judge_.front();
  to_judge_.pop_front();
  lock.unlock();
  batch->judge(checker_);
  lock.lock();
  batch->judged = true;
  fold_front(lock);
}

void judging_pool::judge_here() {
  rethrow_if_failed();  // as with workers, nothing is folded after an error
  if (!filling_ || (filling_->lines.empty() && filling_->rejected.empty())) return;
  filling_->judge(checker_);
  try {
    if (filling_->error) std::rethrow_exception(filling_->error);
    fold_(*filling_);
  } catch (...) {
    error_ = std::current_exception();
    throw;
  }
  filling_->clear();
}

void judging_pool::work(const std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!work_ready_.wait(lock, stop, [this] { return !to_judge_.empty(); }) || abandoned_) {
      return;
    }
    judge_next(lock);
  }
}

void judging_pool::fold_front(std::unique_lock<std::mutex>& lock) {
  if (folding_) return;  // the worker folding reaches this batch in turn
  folding_ = true;
  while (!in_flight_.empty() && in_flight_.front()->judged) {
    std::unique_ptr<judging_batch> front = std::move(in_flight_.front());
    in_flight_.pop_front();
    const bool fold = !error_ && !abandoned_;
    lock.unlock();
    std::exception_ptr failed = front->error;
    if (fold && !failed) {
      try {
        fold_(*front);
      } catch (...) {
        failed = std::current_exception();
      }
    }
    front->clear();
    lock.lock();
    if (fold && failed) error_ = failed;
    spare_.push_back(std::move(front));
    batch_folded_.notify_all();
  }
  folding_ = false;
  batch_folded_.notify_all();
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
