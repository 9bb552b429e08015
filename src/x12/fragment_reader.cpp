#include "fragment_reader.hpp"

#include "engine/copy_arena.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
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
  bool done = false;  ///< guarded by the mutex
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
  // fragment `ahead` places later reuses: what bounds the memory the reading holds.
  const std::size_t ahead = threads + 1;
  std::vector<fragment_slot> slots(ahead);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t handed_on = 0;  // guarded by the mutex
  bool stop = false;          // likewise
  std::size_t next = 0;       // likewise: the next fragment to read

  read_options each = options;
  each.progress = nullptr;
  each.threads = 1;
  const auto read_fragments = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= count || next < handed_on + ahead; });
        if (stop || next >= count) return;
        i = next++;
      }
      auto& slot = slots[i % ahead];
      try {
        slot.stats = read_one(plan->fragments[i], *plan, slot.calls, each);
      } catch (...) {
        slot.error = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex);
        slot.done = true;
      }
      changed.notify_all();
    }
  };

  read_stats total;
  std::vector<std::jthread> readers;
  // Whatever ends the handing on (the sink may throw) stops the readers before they are joined.
  struct stop_readers {
    std::mutex& mutex;
    std::condition_variable& changed;
    bool& stop;
    std::vector<std::jthread>& readers;
    ~stop_readers() {
      {
        const std::lock_guard lock(mutex);
        stop = true;
      }
      changed.notify_all();
      readers.clear();
    }
  } stopping{mutex, changed, stop, readers};
  for (unsigned t = 0; t < threads; ++t) readers.emplace_back(read_fragments);

  for (std::size_t i = 0; i < count; ++i) {
    auto& slot = slots[i % ahead];
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return slot.done; });
    }
    slot.calls.replay(sink);
    if (slot.error) std::rethrow_exception(slot.error);
    add(total, slot.stats);
    slot.calls.clear();
    {
      const std::lock_guard lock(mutex);
      slot.done = false;
      ++handed_on;
    }
    changed.notify_all();
    if (options.progress) options.progress(total.bytes);
  }
  return total;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
