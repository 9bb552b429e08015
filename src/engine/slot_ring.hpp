#ifndef AUTHMATCH_SRC_ENGINE_SLOT_RING_HPP
#define AUTHMATCH_SRC_ENGINE_SLOT_RING_HPP

// Work made on some threads and used, in order, on one: the fragments of an 837 read in
// parallel, the rows of an authorization export parsed while the index takes the ones before, the
// findings of a run written out as text.

#include <condition_variable>
#include <cstddef>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Items numbered 0, 1, 2, ..., filled by producer threads and used by one consumer in their
/// order, through a ring of slots filled again and again: item i goes in slot i % size(), once
/// the consumer is done with item i - size(). The ring's size bounds what waits. The slot filled
/// again is the one used longest ago, which the consumer's caches have likely let go of by then:
/// a producer writing over a slot the consumer had just read would wait for its cache lines to
/// come over from the other core, row after row.
///
///     slot_ring<batch> ring(16);
///     // each producer thread:
///     while (const auto item = ring.next_to_fill()) {
///       fill(ring[*item]);
///       ring.filled(*item);
///     }
///     // the consumer:
///     for (std::size_t item = 0; more; ++item) {
///       use(*ring.wait_filled(item));
///       ring.used(item);
///     }
///
/// The consumer calls stop() when it gives up early, before the producers are joined (a
/// stopper made after them does, however the scope ends): producers waiting for room return.
template <typename Slot>
class slot_ring {
 public:
  static constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

  /// `count`: how many items there are, when it is known in advance (past it, next_to_fill()
  /// gives none); otherwise the producers stop by themselves and tell the consumer in the slot.
  explicit slot_ring(std::size_t size, std::size_t count = unbounded)
      : slots_(size), count_(count) {}
  slot_ring(const slot_ring&) = delete;
  slot_ring& operator=(const slot_ring&) = delete;

  std::size_t size() const noexcept { return slots_.size(); }

  /// The next item to fill, once its slot is free (the item size() before it used); none once
  /// every item is handed out or after stop().
  std::optional<std::size_t> next_to_fill() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || next_ >= count_ || next_ < used_ + size(); });
    if (stopped_ || next_ >= count_) return std::nullopt;
    return next_++;
  }

  /// For producers that choose the items they fill (each claims the next one it reaches)
  /// instead of asking next_to_fill(): waits until `item`'s slot is free. False after stop().
  bool wait_for_room(std::size_t item) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || item < used_ + size(); });
    return !stopped_;
  }

  /// The slot of `item`: the producer's between next_to_fill() and filled(), the consumer's
  /// between wait_filled() and used().
  Slot& operator[](std::size_t item) noexcept { return slots_[item % size()].value; }

  /// The producer is done with `item`'s slot.
  void filled(std::size_t item) {
    {
      const std::lock_guard lock(mutex_);
      slots_[item % size()].filled = true;
    }
    changed_.notify_all();
  }

  /// `item`'s slot once a producer has filled it; null when stop() was called first (by a
  /// producer that failed: a ring only its consumer stops always gives the slot).
  Slot* wait_filled(std::size_t item) {
    auto& slot = slots_[item % size()];
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return slot.filled || stopped_; });
    return slot.filled ? &slot.value : nullptr;
  }

  /// `item`'s slot when a producer has filled it; else null, at once.
  Slot* filled_or_null(std::size_t item) {
    auto& slot = slots_[item % size()];
    const std::lock_guard lock(mutex_);
    return slot.filled ? &slot.value : nullptr;
  }

  /// The consumer is done with `item`, the oldest item not yet used: its slot may take item
  /// item + size().
  void used(std::size_t item) {
    {
      const std::lock_guard lock(mutex_);
      slots_[item % size()].filled = false;
      ++used_;
    }
    changed_.notify_all();
  }

  /// No more items are handed out; producers waiting for room return.
  void stop() noexcept {
    {
      const std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }

  /// Calls stop() when it goes out of scope.
  class stopper {
   public:
    explicit stopper(slot_ring& ring) noexcept : ring_(&ring) {}
    stopper(const stopper&) = delete;
    stopper& operator=(const stopper&) = delete;
    ~stopper() { ring_->stop(); }

   private:
    slot_ring* ring_;
  };

 private:
  struct entry {
    Slot value;
    bool filled = false;  ///< guarded by mutex_
  };

  std::vector<entry> slots_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t next_ = 0;  ///< the next item to fill; guarded by mutex_
  std::size_t used_ = 0;  ///< items used; guarded by mutex_
  std::size_t count_;
  bool stopped_ = false;  ///< guarded by mutex_
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
