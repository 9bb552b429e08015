// The first pass over a claim-lines CSV read in chunks: every row read and checked as a whole
// load checks it, and whether the rows of each claim are adjacent. A large file read with two
// threads has its second half read on a thread of its own.

#include "input/claim_line_stream.hpp"
#include "input/csv_table.hpp"

#include <authmatch/claim_record.hpp>
#include "text/text.hpp"
#include "text/text_hash.hpp"
#include "x12/byte_source.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

/// The runs of rows of one claim in a part of a file, as a hash of each run's claim ID: a claim
/// whose rows are apart has two runs. Hashes take 8 bytes a run where the IDs would take more;
/// two IDs that share a hash only cost the fast path.
class claim_runs {
 public:
  /// Counts a row of `claim_id`, which the row before it may share.
  void add(std::string_view claim_id) {
    if (!hashes_.empty() && same_text(claim_id, last_)) return;
    if (hashes_.empty()) first_.assign(claim_id);
    last_.assign(claim_id);
    hashes_.push_back(text_hash(claim_id));
  }

  /// Counts the runs of the part after this one, whose first run goes on with this part's last
  /// when both are of one claim.
  void append(const claim_runs& after) {
    if (after.hashes_.empty()) return;
    const bool goes_on = !hashes_.empty() && after.first_ == last_;
    if (hashes_.empty()) first_ = after.first_;
    hashes_.insert(hashes_.end(), after.hashes_.begin() + (goes_on ? 1 : 0), after.hashes_.end());
    last_ = after.last_;
  }

  /// True when no claim has two runs; sorts the runs to find out.
  bool sort_and_check_adjacent() {
    std::sort(hashes_.begin(), hashes_.end());
    return std::adjacent_find(hashes_.begin(), hashes_.end()) == hashes_.end();
  }

 private:
  std::vector<std::uint64_t> hashes_;
  std::string first_, last_;
};

/// Where the second half of an input starts: a guess, the row after the first line feed from the
/// middle on, which the first half's reader confirms (or not: a quoted value may hold line
/// feeds) when it gets there.
struct split_point {
  std::uint64_t input_at;  ///< its offset in the input
  std::uint64_t file_at;   ///< in the file
  std::uint64_t file_end;  ///< the file's size when the split was chosen
};

/// The point where an input is split: `taken` bytes the caller read, then the file open on `fd`
/// from `rest_at` on. None for an input shorter than four chunks (of at least a byte), one whose
/// middle falls in the `taken` bytes, or one without a line feed in the 64 KiB from its middle
/// on.
std::optional<split_point> split_of(int fd, std::size_t taken, std::uint64_t rest_at,
                                    std::size_t chunk_size) {
  const std::uint64_t file_end = x12::detail::regular_file_size(fd);
  if (file_end <= rest_at) return std::nullopt;
  const std::uint64_t length = taken + (file_end - rest_at);
  if (length / 4 < chunk_size || length / 2 < taken) return std::nullopt;
  const std::uint64_t middle = rest_at + (length / 2 - taken);
  constexpr std::size_t window_size = std::size_t{64} << 10;
  const auto window = std::make_unique_for_overwrite<char[]>(window_size);
  const auto got = x12::detail::read_at(fd, window.get(), window_size, middle);
  if (!got) return std::nullopt;  // the first half's reader reads on, and reports it
  const auto line_feed = std::string_view(window.get(), *got).find('\n');
  if (line_feed == std::string_view::npos || middle + line_feed + 1 >= file_end) {
    return std::nullopt;
  }
  const std::uint64_t file_at = middle + line_feed + 1;
  return split_point{taken + (file_at - rest_at), file_at, file_end};
}

/// What the thread reading the second half found.
struct second_half {
  static constexpr auto no_row = std::numeric_limits<std::uint64_t>::max();
  static constexpr auto gave_up = no_row - 1;

  claim_runs runs;
  /// The offset in the input of its first row, set (and notified) once that row is read, or
  /// `gave_up` when the thread ended before it: the first half's reader waits for it when it
  /// gets to the split, while this thread reads on.
  std::atomic<std::uint64_t> first_row = no_row;
  bool read_to_end = false;  ///< every row read, each with as many fields as the header
  std::uint64_t bytes_read = 0;
};

/// The second half's bytes, which stop coming (with an exception) once the first half's reader
/// asks, or once a record has taken `record_bound` bytes: a split guessed inside a quoted value
/// may read a closing quote as an opening one, and the rest of the file as one record. A record
/// that long only costs the second thread; the first reads it as one thread would.
class second_half_source final : public x12::detail::byte_source {
 public:
  struct stopped {};

  /// Counts the bytes it reads in `bytes_read`.
  second_half_source(int fd, std::string_view name, split_point at, std::size_t record_bound,
                     const std::stop_token& stop, std::uint64_t& bytes_read)
      : range_(fd, name, at.file_at, at.file_end),
        record_bound_(record_bound),
        stop_(stop),
        bytes_read_(bytes_read) {}

  std::size_t read(char* into, std::size_t size) override {
    if (stop_.stop_requested() || since_record_ > record_bound_) throw stopped{};
    const std::size_t got = range_.read(into, size);
    since_record_ += got;
    bytes_read_ += got;
    return got;
  }

  /// A record was read: the bytes read for the next one count from here.
  void record_read() noexcept { since_record_ = 0; }

 private:
  x12::detail::range_source range_;
  std::size_t record_bound_;
  const std::stop_token& stop_;
  std::uint64_t& bytes_read_;
  std::size_t since_record_ = 0;
};

/// Reads the rows of the second half of an input (from `at`), whose rows have `columns` fields
/// and their claim ID in `claim_id_column`, into `out`, `chunk_size` (at least 1) bytes at a
/// time: true when it read them all, false when a row has another number of fields. Throws as
/// the reader throws, or second_half_source::stopped once a stop is asked for.
bool read_second_half_rows(int fd, std::string_view name, split_point at, std::size_t columns,
                           std::size_t claim_id_column, std::size_t chunk_size,
                           const std::stop_token& stop, second_half& out) {
  second_half_source source(fd, name, at, 8 * chunk_size, stop, out.bytes_read);
  csv_reader reader(source, std::string(name), chunk_size);
  while (reader.next()) {
    source.record_read();
    if (reader.fields().size() != columns) return false;
    if (out.first_row.load(std::memory_order_relaxed) == second_half::no_row) {
      out.first_row.store(at.input_at + reader.record_offset(), std::memory_order_release);
      out.first_row.notify_all();
    }
    out.runs.add(trim(reader.fields()[claim_id_column]));
  }
  return true;
}

/// The second half's thread: its rows read as read_second_half_rows() reads them, any error
/// leaving them unread (the first half's reader reads on, and reports it where a whole load
/// does), and `out.first_row` given up on when no row was read.
void read_second_half(int fd, std::string_view name, split_point at, std::size_t columns,
                      std::size_t claim_id_column, std::size_t chunk_size,
                      const std::stop_token& stop, second_half& out) noexcept {
  try {
    out.read_to_end =
        read_second_half_rows(fd, name, at, columns, claim_id_column, chunk_size, stop, out);
  } catch (...) {
  }
  if (out.first_row.load(std::memory_order_relaxed) == second_half::no_row) {
    out.first_row.store(second_half::gave_up, std::memory_order_release);
    out.first_row.notify_all();
  }
}

}  // namespace

claim_rows_check claim_rows_adjacent(int fd, std::string_view name, std::string_view already_read,
                                     std::uint64_t rest_at, std::size_t chunk_size,
                                     unsigned threads) {
  chunk_size = std::max<std::size_t>(chunk_size, 1);
  x12::detail::fd_source rest(fd, name);
  x12::detail::prefixed_source source(already_read, rest);
  csv_table table(csv_reader(source, std::string(name), chunk_size), required_claim_fields);
  const auto claim_id_column = table.column("claim_id");
  const auto split =
      threads >= 2 ? split_of(fd, already_read.size(), rest_at, chunk_size) : std::nullopt;
  second_half half;
  std::jthread second_reader;
  if (split) {
    try {
      second_reader =
          std::jthread([fd, name, at = *split, columns = table.columns(), claim_id_column,
                        chunk_size, &half](const std::stop_token& stop) {
            read_second_half(fd, name, at, columns, claim_id_column, chunk_size, stop, half);
          });
    } catch (const std::system_error&) {
      // No second thread to be had: the first reads the whole input.
    }
  }
  claim_runs runs;
  while (table.next()) {
    if (second_reader.joinable() && table.row_offset() >= split->input_at) {
      // The second half is taken when its first row is this one (then both read the same rows
      // from here, as a whole load reads them), it was read to its end, and that end is still
      // the file's. Otherwise its thread stops, and this one reads on. Its first row comes
      // within a few chunks of its start, or it gives up.
      half.first_row.wait(second_half::no_row, std::memory_order_acquire);
      const bool same_row = half.first_row.load(std::memory_order_acquire) == table.row_offset();
      if (!same_row) second_reader.request_stop();
      second_reader.join();
      if (same_row && half.read_to_end && x12::detail::regular_file_size(fd) == split->file_end) {
        runs.append(half.runs);
        return {runs.sort_and_check_adjacent(), true, half.bytes_read};
      }
    }
    runs.add(table[claim_id_column]);
  }
  if (second_reader.joinable()) {  // the file ended before its middle: it became shorter
    second_reader.request_stop();
    second_reader.join();
  }
  return {runs.sort_and_check_adjacent(), false, half.bytes_read};
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
