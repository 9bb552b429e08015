// The 837 reader: the shared segment driver over the claim builder.

#include "byte_source.hpp"
#include "claim_builder.hpp"
#include "guide.hpp"
#include "report.hpp"
#include "segment_driver.hpp"

#include <authmatch/x12/reader.hpp>

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

/// Reads with a fresh reporter, claim builder and driver; `run` calls read_buffer or read_source.
template <typename Run>
read_stats read_claims(std::string_view name, claim_sink& sink, const read_options& options,
                       Run&& run) {
  read_stats stats;
  detail::reporter report(name, sink, stats);
  detail::claim_builder claims(report);
  detail::segment_driver<detail::claim_builder, claim_traits> driver(report, claims, options);
  return run(driver);
}

}  // namespace

bool looks_like_x12(std::string_view head) noexcept {
  if (head.substr(0, 3) == detail::utf8_bom) head.remove_prefix(3);
  while (!head.empty() && detail::is_x12_blank(head.front())) head.remove_prefix(1);
  return detail::starts_with_isa(head);
}

read_stats read_837_buffer(std::string_view bytes, std::string_view name, claim_sink& sink,
                           const read_options& options) {
  return read_claims(name, sink, options, [&](auto& driver) { return driver.read_buffer(bytes); });
}

read_stats read_837_fd(int fd, std::string_view name, claim_sink& sink, const read_options& options,
                       std::string_view already_read) {
  detail::fd_source rest(fd, name);
  detail::prefixed_source source(already_read, rest);
  return read_claims(name, sink, options, [&](auto& driver) { return driver.read_source(source); });
}

read_stats read_837(std::istream& in, std::string_view name, claim_sink& sink,
                    const read_options& options) {
  detail::stream_source source(in, name);
  return read_claims(name, sink, options, [&](auto& driver) { return driver.read_source(source); });
}

read_stats read_837_file(const std::filesystem::path& path, claim_sink& sink,
                         const read_options& options) {
  detail::file_source source(path);
  return read_claims(path.string(), sink, options,
                     [&](auto& driver) { return driver.read_source(source); });
}

}  // namespace x12
}  // namespace v0
}  // namespace authmatch
