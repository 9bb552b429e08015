// The 837 reader: the shared segment driver over the claim builder.

#include "byte_source.hpp"
#include "claim_builder.hpp"
#include "fragment_reader.hpp"
#include "guide.hpp"
#include "read_ahead_source.hpp"
#include "report.hpp"
#include "segment_driver.hpp"

#include <authmatch/x12/reader.hpp>

#include <optional>
#include <system_error>

#include <unistd.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace {

struct claim_traits {
  static constexpr std::string_view transaction = "837";
  static constexpr std::uint32_t start_tag = detail::tag("CLM");
  static detail::guide_result classify(std::string_view st01, std::string_view st03,
                                       std::string_view gs08) {
    return detail::classify_guide(st01, st03, gs08);
  }
  static bool is_known_segment(std::uint32_t id_tag) noexcept {
    return detail::is_837_segment(id_tag);
  }
};

/// Reads with a fresh reporter, claim builder and driver; `run` calls read_buffer, read_source or
/// read_fragment.
template <typename Run>
read_stats read_claims(std::string_view name, claim_sink& sink, const read_options& options,
                       Run&& run) {
  read_stats stats;
  detail::reporter report(name, sink, stats);
  detail::claim_builder claims(report);
  detail::segment_driver<detail::claim_builder, claim_traits> driver(report, claims, options);
  return run(driver);
}

/// Reads regular file `fd` in fragments on several threads when options.threads asks for it
/// and the input cuts into fragments; nothing otherwise. `already_read`: the bytes the caller
/// has taken from `fd` (its offset must be right after them).
std::optional<read_stats> read_in_parallel(int fd, std::string_view name, claim_sink& sink,
                                           const read_options& options,
                                           std::string_view already_read) {
  const auto size = detail::regular_file_size(fd);
  if (options.threads < 2 || size == 0) return std::nullopt;
  if (::lseek(fd, 0, SEEK_CUR) != static_cast<off_t>(already_read.size())) return std::nullopt;
  const auto read_one = [fd, name](const detail::fragment& part, const detail::fragment_plan& plan,
                                   claim_sink& into, const read_options& each) {
    detail::range_source source(fd, name, part.begin, part.end);
    return read_claims(name, into, each, [&](auto& driver) {
      return driver.read_fragment(source, part, plan.delims, plan.open);
    });
  };
  return detail::read_in_fragments(fd, size, sink, options, read_one);
}

/// Reads `source` with a fresh driver, a few chunks ahead on a thread of its own when
/// options.read_ahead asks for it and `fd` is a regular file (whose reads never wait long: the
/// reading thread is joined however the reading ends) and the thread starts.
read_stats read_file_source(int fd, std::string_view name, detail::byte_source& source,
                            claim_sink& sink, const read_options& options) {
  const auto read_from = [&](detail::byte_source& from) {
    return read_claims(name, sink, options, [&](auto& driver) { return driver.read_source(from); });
  };
  if (options.read_ahead && detail::regular_file_size(fd) > 0) {
    std::optional<detail::read_ahead_source> ahead;
    try {
      ahead.emplace(source, options.chunk_size);
    } catch (const std::system_error&) {
      return read_from(source);  // no thread to read ahead on: read as it comes
    }
    return read_from(*ahead);
  }
  return read_from(source);
}

}  // namespace

bool looks_like_x12(std::string_view head) noexcept {
  head.remove_prefix(detail::bom_length(head));
  while (!head.empty() && detail::is_x12_blank(head.front())) head.remove_prefix(1);
  return detail::starts_with_isa(head);
}

read_stats read_837_buffer(std::string_view bytes, std::string_view name, claim_sink& sink,
                           const read_options& options) {
  return read_claims(name, sink, options, [&](auto& driver) { return driver.read_buffer(bytes); });
}

read_stats read_837_fd(int fd, std::string_view name, claim_sink& sink, const read_options& options,
                       std::string_view already_read) {
  if (auto stats = read_in_parallel(fd, name, sink, options, already_read)) return *stats;
  detail::fd_source rest(fd, name);
  detail::prefixed_source source(already_read, rest);
  return read_file_source(fd, name, source, sink, options);
}

read_stats read_837(std::istream& in, std::string_view name, claim_sink& sink,
                    const read_options& options) {
  detail::stream_source source(in, name);
  return read_claims(name, sink, options, [&](auto& driver) { return driver.read_source(source); });
}

read_stats read_837_file(const std::filesystem::path& path, claim_sink& sink,
                         const read_options& options) {
  detail::file_source source(path);
  if (auto stats = read_in_parallel(source.fd(), path.string(), sink, options, {})) return *stats;
  return read_file_source(source.fd(), path.string(), source, sink, options);
}

}  // namespace x12
}  // namespace v0
}  // namespace authmatch
