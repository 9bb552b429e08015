#include "fragment_reader.hpp"

#include "engine/copy_arena.hpp"
#include "engine/slot_ring.hpp"

#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

/// What a fragment's reading handed its sink, kept to be handed on in the same order.
class recorded_fragment final : public claim_sink {
 public:
  void on_claim(std::span<const claim_line> lines) override {
    ::authmatch::detail::keep_lines(lines, text_, lines_, input_kept_);
    events_.push_back({event::claim, static_cast<std::uint32_t>(lines.size())});
  }
  void on_rejected(finding unreadable) override {
    rejected_.push_back(std::move(unreadable));
    events_.push_back({event::rejected, 0});
  }
  void on_diagnostic(const diagnostic& found) override {
    diagnostics_.push_back(found);
    events_.push_back({event::diagnostic, 0});
  }

  /// Forgets every call, keeping the memory for the next fragment.
  void clear() noexcept {
    events_.clear();
    text_.clear();
    lines_.clear();
    input_kept_ = {};
    rejected_.clear();
    diagnostics_.clear();
  }

  /// Hands everything on to `to`, in the order it came.
  void replay(claim_sink& to) {
    std::size_t line = 0, rejected = 0, diagnostic = 0;
    for (const auto& [what, lines] : events_) {
      switch (what) {
        case event::claim:
          to.on_claim(std::span<const claim_line>(lines_).subspan(line, lines));
          line += lines;
          break;
        case event::rejected: to.on_rejected(std::move(rejected_[rejected++])); break;
        case event::diagnostic: to.on_diagnostic(diagnostics_[diagnostic++]); break;
      }
    }
  }

 private:
  enum class event : std::uint8_t { claim, rejected, diagnostic };
  struct entry {
    event what;
    std::uint32_t lines;  ///< of a claim
  };

  std::vector<entry> events_;
  ::authmatch::detail::copy_arena text_;
  std::vector<claim_line> lines_;
  std::string_view input_kept_;
  std::vector<finding> rejected_;
  std::vector<diagnostic> diagnostics_;
};

/// One fragment's reading, as a reading thread leaves it for the calling one.
struct fragment_slot {
  recorded_fragment calls;
  read_stats stats;
  std::exception_ptr error;
};

void add(read_stats& total, const read_stats& part) noexcept {
  total.bytes += part.bytes;
  total.segments = std::max(total.segments, part.segments);  // counted from the input's start
  total.interchanges += part.interchanges;
  total.groups += part.groups;
  total.transactions += part.transactions;
  total.claims_read += part.claims_read;
  total.claims_rejected += part.claims_rejected;
  total.lines_read += part.lines_read;
  total.diagnostics += part.diagnostics;
}

}  // namespace

std::optional<read_stats> read_in_fragments(int fd, std::uint64_t size, claim_sink& sink,
                                            const read_options& options,
                                            const fragment_reading& read_one) {
  const unsigned threads = std::max(options.threads, 1U);
  const auto plan = plan_fragments(fd, size, options);
  if (!plan) return std::nullopt;

  const std::size_t count = plan->fragments.size();
  // Fragments read ahead of the one being handed on, each in a slot of its own that the
  // fragment `threads + 1` places later reuses: what bounds the memory the reading holds.
  ::authmatch::detail::slot_ring<fragment_slot> slots(threads + 1, count);

  read_options each = options;
  each.progress = nullptr;
  each.threads = 1;
  const auto read_fragments = [&] {
    while (const auto i = slots.next_to_fill()) {
      auto& slot = slots[*i];
      try {
        slot.stats = read_one(plan->fragments[*i], *plan, slot.calls, each);
      } catch (...) {
        slot.error = std::current_exception();
      }
      slots.filled(*i);
    }
  };

  read_stats total;
  std::vector<std::jthread> readers;
  // Whatever ends the handing on (the sink may throw, a thread may not start) stops the readers
  // before they are joined.
  const decltype(slots)::stopper stopping(slots);
  for (unsigned t = 0; t < threads; ++t) readers.emplace_back(read_fragments);

  for (std::size_t i = 0; i < count; ++i) {
    auto& slot = *slots.wait_filled(i);  // filled: only this loop's end stops the ring
    slot.calls.replay(sink);
    if (slot.error) std::rethrow_exception(slot.error);
    add(total, slot.stats);
    slot.calls.clear();
    slots.used(i);
    if (options.progress) options.progress(total.bytes);
  }
  return total;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
