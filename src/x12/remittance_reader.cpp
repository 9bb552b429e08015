// The 835 reader: the shared segment driver over the remittance builder.

#include "byte_source.hpp"
#include "guide.hpp"
#include "remittance_builder.hpp"
#include "report.hpp"
#include "segment_driver.hpp"

#include <authmatch/remittance.hpp>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace {

struct remittance_traits {
  static constexpr std::string_view transaction = "835";
  static constexpr std::uint32_t start_tag = detail::tag("CLP");
  static detail::guide_result classify(std::string_view st01, std::string_view st03,
                                       std::string_view gs08) {
    return detail::classify_remittance_guide(st01, st03, gs08);
  }
  static bool is_known_segment(std::uint32_t id_tag) noexcept {
    return detail::is_835_segment(id_tag);
  }
};

template <typename Run>
remittance_stats read_remittance(std::string_view name, remittance_sink& sink,
                                 const read_options& options, Run&& run) {
  remittance_stats stats;
  detail::reporter report(
      name, [&sink](const diagnostic& found) { sink.on_diagnostic(found); }, stats);
  detail::remittance_builder claims(report, sink);
  detail::segment_driver<detail::remittance_builder, remittance_traits> driver(report, claims,
                                                                               options);
  return run(driver);
}

}  // namespace

remittance_stats read_835_buffer(std::string_view bytes, std::string_view name,
                                 remittance_sink& sink, const read_options& options) {
  return read_remittance(name, sink, options,
                         [&](auto& driver) { return driver.read_buffer(bytes); });
}

remittance_stats read_835(std::istream& in, std::string_view name, remittance_sink& sink,
                          const read_options& options) {
  detail::stream_source source(in, name);
  return read_remittance(name, sink, options,
                         [&](auto& driver) { return driver.read_source(source); });
}

remittance_stats read_835_file(const std::filesystem::path& path, remittance_sink& sink,
                               const read_options& options) {
  detail::file_source source(path);
  return read_remittance(path.string(), sink, options,
                         [&](auto& driver) { return driver.read_source(source); });
}

}  // namespace x12
}  // namespace v0
}  // namespace authmatch
