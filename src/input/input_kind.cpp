#include "input/input_kind.hpp"

#include "text/text.hpp"
#include "x12/byte_source.hpp"

#include <authmatch/input_error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/x12/reader.hpp>

#include <algorithm>
#include <string>

namespace authmatch {
inline namespace v0 {
namespace detail {

input_kind detect_input(std::string_view head, std::string_view name) {
  if (x12::looks_like_x12(head)) return input_kind::x12_837;
  if (looks_like_claim_line_csv(head)) return input_kind::claim_lines_csv;
  if (looks_like_utf16(head)) {
    throw input_error({std::string(name), 1, 0},
                      "the file is UTF-16 text, not UTF-8: save it as UTF-8 (CSV UTF-8, or the "
                      "837 as plain text) and validate it again");
  }
  throw input_error({std::string(name), 1, 0},
                    "neither an X12 837 (it does not start with an ISA interchange header) nor "
                    "a claim-lines CSV (a header row naming claim_id, line, member_id, "
                    "payer_id, code, units and service_date)");
}

namespace {

/// The first detection_bytes of `fd` (all of a shorter input).
std::string read_head(int fd, std::string_view name) {
  x12::detail::fd_source source(fd, name);
  std::string head(detection_bytes, '\0');
  std::size_t got = 0;
  x12::detail::fill_from(source, head.data(), head.size(), got);
  head.resize(got);
  return head;
}

/// The kind of an input starting with `head`, once `check` accepts it.
input_kind checked_kind(std::string_view head, std::string_view name, const kind_check& check) {
  const auto kind = detect_input(head.substr(0, detection_bytes), name);
  if (check) check(kind);
  return kind;
}

}  // namespace

content_read read_by_content(int fd, std::string_view name, claim_sink& sink,
                             const x12::read_options& options, const kind_check& check,
                             unsigned csv_threads) {
  const auto head = read_head(fd, name);
  const auto kind = checked_kind(head, name, check);
  if (kind == input_kind::x12_837) {
    return {kind, x12::read_837_fd(fd, name, sink, options, head).claims_read};
  }
  return {kind, read_claim_lines_fd(fd, name, sink, head, options.chunk_size, csv_threads)};
}

content_read read_by_content(std::string_view bytes, std::string_view name, claim_sink& sink,
                             const kind_check& check) {
  const auto kind = checked_kind(bytes, name, check);
  if (kind == input_kind::x12_837) {
    return {kind, x12::read_837_buffer(bytes, name, sink).claims_read};
  }
  return {kind, claim_line_file::parse(std::string(bytes), name).feed(sink)};
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
