#ifndef AUTHMATCH_SRC_X12_FRAGMENT_READER_HPP
#define AUTHMATCH_SRC_X12_FRAGMENT_READER_HPP

// Reading the fragments of an input on several threads and handing what they hold to one sink,
// in input order, on the calling thread.

#include "fragment.hpp"

#include <authmatch/claim_sink.hpp>
#include <authmatch/x12/reader.hpp>

#include <cstdint>
#include <functional>
#include <optional>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// Reads one fragment into a sink with a reader of its own (and `options`, whose progress is
/// unset: it runs on a reading thread).
using fragment_reading = std::function<read_stats(const fragment& part, const fragment_plan& plan,
                                                  claim_sink& sink, const read_options& options)>;

/// Reads the `size` bytes of regular file `fd` in fragments on options.threads threads, or
/// returns nothing (having called nothing) when the input does not cut into fragments (see
/// plan_fragments). The sink's calls, the counts and what an error leaves are those of one
/// thread reading the whole input; options.progress is called between fragments.
std::optional<read_stats> read_in_fragments(int fd, std::uint64_t size, claim_sink& sink,
                                            const read_options& options,
                                            const fragment_reading& read_one);

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
