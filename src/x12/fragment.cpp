// Cutting an 837 into fragments at ST segments, and counting what comes before each, so that
// fragments can be read in parallel with the positions a reading of the whole input gives.

#include "fragment.hpp"

#include "byte_source.hpp"
#include "isa.hpp"
#include "separator_scan.hpp"
#include "tokenizer.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include <unistd.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

/// Bytes read past a block to see the identifier of the segment after its last terminator.
constexpr std::size_t lookahead = 16;
/// Blanks (line breaks, say) allowed between a terminator and the next segment; past them the
/// input is read whole.
constexpr std::size_t max_blanks = 8;
/// Bytes read at a time when scanning.
constexpr std::size_t scan_block = std::size_t{256} * 1024;

/// What starts after a segment terminator, as far as cutting cares.
enum class next_segment { other, st, envelope, unknown, none };

/// The segment that starts at `p` (after blanks), `end` being the end of the bytes known. Its
/// identifier is taken as the tokenizer takes it: up to the first element separator, else up to
/// the terminator without trailing blanks. `start` is set to where it begins.
next_segment segment_at(const char* p, const char* end, bool end_of_input, const delimiters& delims,
                        const char*& start) noexcept {
  std::size_t blanks = 0;
  while (p < end && is_x12_blank(*p)) {
    if (++blanks > max_blanks) return next_segment::unknown;
    ++p;
  }
  start = p;
  if (p == end) return end_of_input ? next_segment::none : next_segment::unknown;
  // An ISA is one whatever the delimiters in effect: it brings its own.
  if (starts_with_isa(std::string_view(p, static_cast<std::size_t>(end - p)))) {
    return next_segment::envelope;
  }
  const char* stop = p;
  while (stop < end && *stop != delims.element && *stop != delims.segment) ++stop;
  if (stop == end && !end_of_input) return next_segment::unknown;
  const char* id_end = stop;
  if (stop == end || *stop == delims.segment) {
    while (id_end > p && is_x12_blank(id_end[-1])) --id_end;
  }
  const auto id_tag = tag(std::string_view(p, static_cast<std::size_t>(id_end - p)));
  if (id_tag == tag("ST")) return next_segment::st;
  if (id_tag == tag("GS") || id_tag == tag("GE") || id_tag == tag("ISA") || id_tag == tag("IEA")) {
    return next_segment::envelope;
  }
  return next_segment::other;
}

/// Whether a segment that cutting does not care about surely starts at `p` (after at most two
/// blanks): its first character is none of ST's, GS's, GE's, ISA's and IEA's. The common case,
/// told apart without segment_at(); and so even where the identifier runs past `end`, which
/// segment_at() calls unknown (it cannot tell an ST it does not see whole).
bool starts_other_segment(const char* p, const char* end) noexcept {
  for (std::size_t blanks = 0; blanks < 2 && p < end && is_x12_blank(*p); ++blanks) ++p;
  return p < end && !is_x12_blank(*p) && *p != 'S' && *p != 'G' && *p != 'I';
}

/// What a fragment holds, from the ST at its start up to its end.
struct fragment_counts {
  std::uint64_t segments = 0;
  std::uint64_t transactions = 0;
  bool envelope = false;  ///< a GS, GE, ISA or IEA starts in it
  bool readable = true;
};

/// Counts the segments and STs of [begin, end), which starts with an ST.
fragment_counts count_fragment(int fd, std::uint64_t size, const delimiters& delims,
                               std::uint64_t begin, std::uint64_t end) {
  fragment_counts found;
  found.transactions = 1;  // the ST at `begin`
  auto buffer = std::make_unique_for_overwrite<char[]>(scan_block + lookahead);
  for (std::uint64_t at = begin; at < end; at += scan_block) {
    const std::size_t block = std::min<std::uint64_t>(scan_block, end - at);
    const auto got = read_at(fd, buffer.get(), block + lookahead, at);
    if (!got || *got < block) return {0, 0, false, false};
    const char* const data = buffer.get();
    const char* const known = data + *got;
    const bool end_of_input = at + *got == size;
    for (std::size_t i = 0; i < block; i += separator_block) {
      const std::size_t span = std::min(separator_block, block - i);
      std::uint64_t stops = find_separators(data + i, span, delims).terminator;
      for (; stops != 0; stops &= stops - 1) {
        ++found.segments;
        const char* const after = data + i + std::countr_zero(stops) + 1;
        if (starts_other_segment(after, known)) continue;
        const char* start = nullptr;
        const auto next = segment_at(after, known, end_of_input, delims, start);
        if (next == next_segment::unknown) return {0, 0, false, false};
        if (next == next_segment::none || at + static_cast<std::uint64_t>(start - data) >= end) {
          continue;  // the next fragment's ST, or nothing
        }
        if (next == next_segment::st) ++found.transactions;
        if (next == next_segment::envelope) found.envelope = true;
      }
    }
  }
  return found;
}

/// How far past a fragment's planned end an ST is looked for.
constexpr std::size_t st_search_bytes = std::size_t{1} << 20;

/// The first ST that starts at or after `from`, within st_search_bytes, or nothing; only an ST
/// whose terminator follows within `max_segment` bytes: the reader reports one cut short before
/// it ends the transaction before it, which a fragment that starts with it would not.
std::optional<std::uint64_t> st_after(int fd, std::uint64_t size, const delimiters& delims,
                                      std::size_t max_segment, std::uint64_t from) {
  constexpr std::size_t window = std::size_t{64} * 1024;
  auto buffer = std::make_unique_for_overwrite<char[]>(window + lookahead);
  for (std::size_t searched = 0; searched < st_search_bytes && from < size;
       searched += window, from += window) {
    const auto got = read_at(fd, buffer.get(), window + lookahead, from);
    if (!got) return std::nullopt;
    const char* const data = buffer.get();
    const bool end_of_input = from + *got == size;
    const std::size_t block = std::min(window, *got);
    // "ST" and the element separator, found with memmem, then checked to start a segment: a
    // terminator and blanks before it.
    const char needle[] = {'S', 'T', delims.element};
    for (const char* hit = data; hit < data + block;) {
      const auto* found = static_cast<const char*>(
          ::memmem(hit, static_cast<std::size_t>(data + *got - hit), needle, sizeof needle));
      if (found == nullptr || found >= data + block) break;
      const char* before = found;
      while (before > data && is_x12_blank(before[-1]) &&
             static_cast<std::size_t>(found - before) < max_blanks) {
        --before;
      }
      if (before > data && before[-1] == delims.segment) {
        const char* start = nullptr;
        const auto* terminator = static_cast<const char*>(
            std::memchr(found, delims.segment, static_cast<std::size_t>(data + *got - found)));
        if (segment_at(before, data + *got, end_of_input, delims, start) == next_segment::st &&
            start == found && terminator != nullptr &&
            static_cast<std::size_t>(terminator - found) <= max_segment) {
          return from + static_cast<std::uint64_t>(found - data);
        }
      }
      hit = found + 1;
    }
  }
  return std::nullopt;
}

/// The interchange header, the group header and the first ST, which must open the input.
struct input_head {
  delimiters delims;
  envelope_resume open;
  position first_st;
};

std::optional<input_head> read_head(int fd, std::uint64_t size) {
  constexpr std::size_t head_bytes = std::size_t{64} * 1024;
  auto buffer = std::make_unique_for_overwrite<char[]>(head_bytes);
  const auto got = read_at(fd, buffer.get(), head_bytes, 0);
  if (!got) return std::nullopt;
  tokenizer tokens(head_bytes);
  tokens.set_window(buffer.get(), *got, 0, *got == size);
  const std::string_view head(buffer.get(), *got);
  tokens.seek(bom_length(head), 1);

  input_head found;
  token t;
  const auto next_is = [&](std::string_view id) {
    return tokens.next(t) == tokenizer::status::segment && t.seg.id == id && !t.isa_unreadable &&
           !t.seg.unterminated && !t.seg.oversized;
  };
  if (!next_is("ISA") || !t.isa_read || t.isa.length != isa_fixed_width) return std::nullopt;
  found.delims = t.isa.delims;
  if (is_x12_blank(found.delims.segment)) return std::nullopt;  // blank runs would not count
  found.open.isa_at = t.seg.where;
  found.open.isa_control.assign(t.isa.control_number);
  if (!next_is("GS")) return std::nullopt;
  const elements gs(t.seg);
  found.open.gs_at = t.seg.where;
  found.open.gs_control.assign(gs[6]);
  found.open.gs_version.assign(gs[8]);
  if (!next_is("ST")) return std::nullopt;
  found.first_st = t.seg.where;
  return found;
}

}  // namespace

std::optional<fragment_plan> plan_fragments(int fd, std::uint64_t size,
                                            const read_options& options) {
  const std::size_t fragment_bytes = std::max<std::size_t>(options.fragment_bytes, 1);
  const unsigned threads = std::max(options.threads, 1U);
  // The segment length past which the reader reports a segment cut short (segment_driver).
  const std::size_t max_segment = std::max<std::size_t>(options.max_segment_bytes, 16);
  if (size < 2 * fragment_bytes) return std::nullopt;
  const auto head = read_head(fd, size);
  if (!head) return std::nullopt;

  // Cut at the first ST past every multiple of fragment_bytes; fragment 0 is counted from its
  // first ST, what comes before it being the ISA, the GS and the blanks around them.
  std::vector<std::uint64_t> cuts{head->first_st.offset};
  for (std::uint64_t target = fragment_bytes; target < size;) {
    const auto cut =
        st_after(fd, size, head->delims, max_segment, std::max(target, cuts.back() + 1));
    if (!cut) {  // no ST within reach: the fragment grows past it
      target += st_search_bytes;
      continue;
    }
    cuts.push_back(*cut);
    target = *cut + fragment_bytes;
  }
  if (cuts.size() < 2) return std::nullopt;
  cuts.push_back(size);

  // Count the segments and STs of every fragment but the last (nothing follows it), in
  // parallel.
  const std::size_t parts = cuts.size() - 1;
  std::vector<fragment_counts> counts(parts - 1);
  std::atomic<std::size_t> next{0};
  const auto count = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < counts.size();) {
      counts[i] = count_fragment(fd, size, head->delims, cuts[i], cuts[i + 1]);
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(count);
    count();
  }

  fragment_plan plan;
  plan.delims = head->delims;
  plan.open = head->open;
  std::uint64_t segment = head->first_st.number;
  std::uint64_t transactions = 0;
  for (std::size_t i = 0; i < parts; ++i) {
    fragment part;
    part.begin = i == 0 ? 0 : cuts[i];
    part.end = cuts[i + 1];
    part.first_segment = i == 0 ? 1 : segment;
    part.transactions_before = transactions;
    part.at_end = i + 1 == parts;
    if (!part.at_end) {
      // A fragment that another follows holds no envelope segment: what the next one starts
      // with (the group, the delimiters, the count of transactions) is as it was at the first ST.
      const auto& c = counts[i];
      if (!c.readable || c.envelope) return std::nullopt;
      segment += c.segments;
      transactions += c.transactions;
      part.end_segment = segment;
    }
    plan.fragments.push_back(part);
  }
  return plan;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
