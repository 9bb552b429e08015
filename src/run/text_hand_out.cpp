#include "run/text_hand_out.hpp"

#include "engine/slot_ring.hpp"
#include "run/findings_walk.hpp"

#include <atomic>
#include <exception>
#include <limits>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

/// Each finding formatted and written at once: one thread.
void write_each(run_state& run) {
  std::string text;  // each finding's, in the room of the one before
  findings_walk walk(run, findings_walk::caller::reads);
  while (walk.next()) {
    text.clear();
    run.format_handed_out(walk.get(), text);
    run.write(text);
  }
}

/// A walk's share of the stretches formatted into the ring's slots, a stretch to a slot.
class share_formatter {
 public:
  share_formatter(run_state& run, slot_ring<std::string>& texts) : run_(run), texts_(texts) {}

  /// Begins filling stretch 0 before the walk reaches it: it may be empty, and its slot is free
  /// from the start.
  void begin_first() { filling_ = 0; }

  /// Formats the finding `walk` has gone to when it wants its stretch, and tells the ring when a
  /// stretch it filled is over. False when the ring was stopped.
  bool take(findings_walk& walk) {
    if (walk.stretch() != filling_) end_stretch();
    if (!walk.wanted()) return true;
    if (filling_ == none) {
      if (!texts_.wait_for_room(walk.stretch())) return false;
      filling_ = walk.stretch();
    }
    run_.format_handed_out(walk.get(), text_);
    return true;
  }

  /// The stretch being filled is over: its text goes to its slot, whose room (written out)
  /// takes the next.
  void end_stretch() {
    if (filling_ == none) return;
    const auto stretch = std::exchange(filling_, none);
    std::swap(text_, texts_[stretch]);
    text_.clear();
    texts_.filled(stretch);
  }

 private:
  run_state& run_;
  slot_ring<std::string>& texts_;
  static constexpr std::uint64_t none = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t filling_ = none;  ///< the stretch being formatted
  /// Its text: formatted here, not in the slot, whose string lies beside the others' (every
  /// append would write to a cache line that the other threads write to as well).
  std::string text_;
};

}  // namespace

void write_as_text(run_state& run, unsigned threads) {
  if (threads <= 1) {
    write_each(run);
    return;
  }
  // Slots for four stretches a thread: the others run ahead while this one writes.
  slot_ring<std::string> texts(std::size_t{4} * threads);
  // Stretches are formatted by the thread whose walk reaches them first: stretch 0 (which may be
  // empty) by this one, the others as they are claimed, in order.
  std::atomic<std::uint64_t> unclaimed{1};
  const auto claim = [&unclaimed](std::uint64_t stretch) {
    auto expected = stretch;
    return unclaimed.compare_exchange_strong(expected, stretch + 1);
  };
  std::vector<std::exception_ptr> failed(threads);
  std::vector<std::jthread> helpers;
  {
    const slot_ring<std::string>::stopper stop_helpers(texts);  // before they are joined
    try {
      for (unsigned which = 1; which < threads; ++which) {
        helpers.emplace_back([&run, &texts, &failed, &claim, which] {
          try {
            findings_walk walk(run, findings_walk::caller::reads,
                               [&](std::uint64_t s) { return s != 0 && claim(s); });
            share_formatter share(run, texts);
            while (walk.next()) {
              if (!share.take(walk)) return;
            }
            share.end_stretch();
          } catch (...) {
            failed[which] = std::current_exception();
            texts.stop();
          }
        });
      }
    } catch (const std::system_error&) {
      texts.stop();  // the threads made are not enough for the shares: all on this one
      helpers.clear();
      write_each(run);
      return;
    }

    // This thread writes the stretches out in order as they are filled, and formats a stretch
    // when its walk reaches one no other thread has taken, having first written those ready:
    // where writing is slow (a file), the others take most of the formatting.
    std::uint64_t written = 0;  // stretches written out
    const auto write_filled = [&](std::uint64_t before, bool wait) {
      for (; written < before; ++written) {
        const auto* text = wait ? texts.wait_filled(written) : texts.filled_or_null(written);
        if (text == nullptr) return !wait;  // not yet filled, or a helper failed
        if (!text->empty()) run.write(*text);
        texts.used(written);
      }
      return true;
    };
    findings_walk walk(run, findings_walk::caller::reads, [&](std::uint64_t s) {
      if (s == 0) return true;
      write_filled(s, false);
      return claim(s);
    });
    share_formatter share(run, texts);
    share.begin_first();
    std::uint64_t last = 0;
    bool going = true;
    while (going && walk.next()) {
      last = walk.stretch();
      // A stretch of its own takes a slot: those a ring before it are written out first.
      if (walk.wanted() && last >= texts.size() && !write_filled(last + 1 - texts.size(), true)) {
        going = false;
      }
      if (going && !share.take(walk)) going = false;
    }
    if (going) {
      share.end_stretch();
      write_filled(last + 1, true);
    }
  }
  helpers.clear();  // joined
  for (const auto& failure : failed) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
