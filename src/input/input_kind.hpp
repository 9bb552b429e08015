#ifndef AUTHMATCH_SRC_INPUT_INPUT_KIND_HPP
#define AUTHMATCH_SRC_INPUT_INPUT_KIND_HPP

// Telling an input's format by its content, never by its name: the command and the bindings
// take 837 files and claim-lines CSV files alike.

#include <authmatch/x12/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

enum class input_kind {
  x12_837,          ///< starts with an ISA interchange header
  claim_lines_csv,  ///< a header row naming claim_id and code
};

/// How much of an input detect_input() needs to see.
inline constexpr std::size_t detection_bytes = 4096;

/// What the input is, from its first bytes (detection_bytes, or all of a shorter input).
/// Throws input_error naming `name` when it is neither, and says so when it is UTF-16 text.
input_kind detect_input(std::string_view head, std::string_view name);

/// Called with an input's kind once its first bytes are read, before the rest: it may throw to
/// refuse the input.
using kind_check = std::function<void(input_kind)>;

/// What read_by_content() read.
struct content_read {
  input_kind kind;
  std::uint64_t claims = 0;  ///< claims passed to the sink, rejected ones included
};

/// Reads the input open on `fd` by its content: an 837 with x12::read_837_fd (`options`), a
/// claim-lines CSV with read_claim_lines_fd (in chunks of `options.chunk_size`, its first reading
/// in two halves when `csv_threads` is 2 or more), both claim by claim into `sink`. Throws
/// input_error naming `name` when it is neither, or cannot be read.
content_read read_by_content(int fd, std::string_view name, claim_sink& sink,
                             const x12::read_options& options = {}, const kind_check& check = {},
                             unsigned csv_threads = 1);

/// Bytes holding an input, by content: an 837 read in place, a claim-lines CSV parsed whole.
content_read read_by_content(std::string_view bytes, std::string_view name, claim_sink& sink,
                             const kind_check& check = {});

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
