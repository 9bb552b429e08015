#include "engine/judging_pool.hpp"

#include <algorithm>
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

void judging_batch::judge(const validator& checker, const finding_formatter& format) noexcept {
  try {
    // The last use's findings are freed here, on a judging thread, not by the one reading.
    verdicts.clear();
    texts.clear();
    verdicts.reserve(lines.size());
    // A claim's lines are adjacent: each line is judged with its claim's (rules may ask what
    // else the claim bills).
    std::size_t first = 0, end = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i == end) {
        first = i;
        while (end < lines.size() && entries[end].claim == entries[first].claim) ++end;
      }
      const std::span<const claim_line> claim(lines.data() + first, end - first);
      verdicts.push_back(detail::judge(checker, lines[i], claim, format, texts));
    }
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

judging_pool::judging_pool(const validator& checker, unsigned threads, finding_formatter format)
    : checker_(checker),
      format_(std::move(format)),
      max_in_flight_(std::size_t{4} * std::max(threads, 1U)) {
  workers_.reserve(threads);
  for (unsigned i = 0; i < std::max(threads, 1U); ++i) {
    workers_.emplace_back([this](const std::stop_token& stop) { work(stop); });
  }
}

judging_pool::~judging_pool() {
  for (auto& worker : workers_) worker.request_stop();
  work_ready_.notify_all();
  workers_.clear();  // joins
}

void judging_pool::add_claim(std::span<const claim_line> lines, std::uint32_t claim,
                             std::uint64_t first_sequence) {
  if (!filling_) filling_ = std::make_unique<judging_batch>();
  filling_->add_claim(lines, claim, first_sequence);
  if (filling_->lines.size() >= batch_lines) submit();
}

void judging_pool::add_rejected(finding unreadable, std::uint64_t sequence) {
  if (!filling_) filling_ = std::make_unique<judging_batch>();
  filling_->rejected.emplace_back(sequence, std::move(unreadable));
}

void judging_pool::submit() {
  if (!filling_) return;
  {
    const std::scoped_lock lock(mutex_);
    to_judge_.push_back(filling_.get());
    in_flight_.push_back(std::move(filling_));
    if (!spare_.empty()) {
      filling_ = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  work_ready_.notify_one();
}

std::unique_ptr<judging_batch> judging_pool::next_judged(bool wait) {
  std::unique_lock lock(mutex_);
  if (in_flight_.empty()) return nullptr;
  if (wait || in_flight_.size() > max_in_flight_) {
    batch_judged_.wait(lock, [this] { return in_flight_.front()->judged; });
  } else if (!in_flight_.front()->judged) {
    return nullptr;
  }
  auto front = std::move(in_flight_.front());
  in_flight_.pop_front();
  return front;
}

void judging_pool::recycle(std::unique_ptr<judging_batch> batch) {
  batch->clear();
  const std::scoped_lock lock(mutex_);
  spare_.push_back(std::move(batch));
}

void judging_pool::work(const std::stop_token& stop) {
  for (;;) {
    judging_batch* batch = nullptr;
    {
      std::unique_lock lock(mutex_);
      if (!work_ready_.wait(lock, stop, [this] { return !to_judge_.empty(); })) return;
      batch = to_judge_.front();
      to_judge_.pop_front();
    }
    batch->judge(checker_, format_);
    {
      const std::scoped_lock lock(mutex_);
      batch->judged = true;
    }
    batch_judged_.notify_all();
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
