// The first pass over a claim-lines CSV read in chunks: every row read and checked as a whole
// load checks it, and whether the rows of each claim are adjacent. A large file read with two
// threads has its second half read on a thread of its own.

#include "input/claim_line_stream.hpp"
#include "input/csv_table.hpp"

#include <authmatch/claim_record.hpp>
#include "text/text.hpp"
#include "x12/byte_source.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
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
    if (!hashes_.empty() && claim_id == last_) return;
    if (hashes_.empty()) first_.assign(claim_id);
    last_.assign(claim_id);
    hashes_.push_back(std::hash<std::string_view>{}(claim_id));
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

  /// True when no claim has two runs.
  bool adjacent() {
    std::sort(hashes_.begin(), hashes_.end());
    return std::adjacent_find(hashes_.begin(), hashes_.end()) == hashes_.end();
  }

 private:
  std::vector<std::size_t> hashes_;
  std::string first_, last_;
};

/// Where the second half of an input starts: a guess, the row after the first line feed from the
/// middle on, which the first half's reader confirms (or not: a quoted value may hold line
/// feeds) when it gets there.
struct split_point {
  std::uint64_t input_at;  ///< its offset in the input
  std::uint64_t file_at;   ///< in the file
  std::uint64_t file_end;
};

/// The point where an input is split: `taken` bytes the caller read, then the file open on `fd`
/// from `rest_at` on. None for an input shorter than four chunks, or without a line feed in the
/// 64 KiB from its middle on (the second half is then read from the rest of the file only).
std::optional<split_point> split_of(int fd, std::size_t taken, std::uint64_t rest_at,
                                    std::size_t chunk_size) {
  const std::uint64_t file_end = x12::detail::regular_file_size(fd);
  if (file_end <= rest_at) return std::nullopt;
  const std::uint64_t length = taken + (file_end - rest_at);
  if (length / 4 < chunk_size || length / 2 < taken) return std::nullopt;
  const std::uint64_t middle = rest_at + (length / 2 - taken);
  std::string window(std::size_t{64} << 10, '\0');
  const auto got = x12::detail::read_at(fd, window.data(), window.size(), middle);
  if (!got) return std::nullopt;  // the first half's reader reads on, and reports it
  const auto line_feed = std::string_view(window.data(), *got).find('\n');
  if (line_feed == std::string_view::npos || middle + line_feed + 1 >= file_end) {
    return std::nullopt;
  }
  const std::uint64_t file_at = middle + line_feed + 1;
  return split_point{taken + (file_at - rest_at), file_at, file_end};
}

/// What the thread reading the second half found.
struct second_half {
  static constexpr auto no_row = std::numeric_limits<std::uint64_t>::max();

  claim_runs runs;
  std::uint64_t first_row = no_row;  ///< the offset in the input of its first row
  bool read = false;                 ///< to its end, every row as many fields as the header
};

/// Reads the second half of an input (from `at`), whose rows have `columns` fields and their
/// claim ID in `claim_id_column`, until its end or a stop is asked for. A row that cannot be read
/// or has another number of fields ends it unread: the first half's reader reads on, and
/// reports it where a whole load does.
void read_second_half(int fd, std::string_view name, split_point at, std::size_t columns,
                      std::size_t claim_id_column, std::size_t chunk_size,
                      const std::stop_token& stop, second_half& out) noexcept {
  try {
    x12::detail::range_source source(fd, name, at.file_at, at.file_end);
    csv_reader reader(source, std::string(name), chunk_size);
    while (reader.next()) {
      if (stop.stop_requested() || reader.fields().size() != columns) return;
      if (out.first_row == second_half::no_row)
        out.first_row = at.input_at + reader.record_offset();
      out.runs.add(trim(reader.fields()[claim_id_column]));
    }
    out.read = true;
  } catch (...) {
  }
}

}  // namespace

bool claim_rows_adjacent(csv_reader reader) {
  csv_table table(std::move(reader), required_claim_fields);
  const auto claim_id_column = table.column("claim_id");
  claim_runs runs;
  while (table.next()) runs.add(table[claim_id_column]);
  return runs.adjacent();
}

claim_rows_check claim_rows_adjacent(int fd, std::string_view name, std::string_view already_read,
                                     std::uint64_t rest_at, std::size_t chunk_size,
                                     unsigned threads) {
  x12::detail::fd_source rest(fd, name);
  x12::detail::prefixed_source source(already_read, rest);
  csv_table table(csv_reader(source, std::string(name), chunk_size), required_claim_fields);
  const auto claim_id_column = table.column("claim_id");
  const auto split =
      threads >= 2 ? split_of(fd, already_read.size(), rest_at, chunk_size) : std::nullopt;
  second_half half;
  std::jthread second;
  if (split) {
    second = std::jthread([fd, name, at = *split, columns = table.columns(), claim_id_column,
                           chunk_size, &half](const std::stop_token& stop) {
      read_second_half(fd, name, at, columns, claim_id_column, chunk_size, stop, half);
    });
  }
  claim_runs runs;
  while (table.next()) {
    if (second.joinable() && table.row_offset() >= split->input_at) {
      second.join();
      // Both halves read this row first: the second half was read as a whole load reads it.
      if (half.read && half.first_row == table.row_offset()) {
        runs.append(half.runs);
        return {runs.adjacent(), true};
      }
    }
    runs.add(table[claim_id_column]);
  }
  return {runs.adjacent(), false};  // the second half was read here too (its thread stops)
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
