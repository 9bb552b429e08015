#ifndef AUTHMATCH_LOADERS_HPP
#define AUTHMATCH_LOADERS_HPP

#include <authmatch/auth_rules.hpp>
#include <authmatch/authorization_index.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/enrollment.hpp>
#include <authmatch/finding.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

class claim_sink;

/// Reads a whole file. Throws input_error naming the file when it cannot be read or is a
/// directory.
std::string read_file(const std::filesystem::path& path);

/// Loads an authorization export (CSV with a header row; columns in any order, unknown ones
/// ignored; see the README for the columns). All or nothing: the first bad value throws
/// input_error with its file, line and column. With `threads` 2 or more the rows are parsed on a
/// second thread while the first adds them to the index, then grouped by patient and by member on
/// two threads: the same index, the same error.
authorization_index load_authorizations(const std::filesystem::path& path, unsigned threads = 1);
authorization_index parse_authorizations(std::string_view csv,
                                         std::string_view file_name = "<memory>",
                                         unsigned threads = 1);

/// Loads a rules CSV `payer_id,code,requires_auth`. All or nothing, as above.
auth_rules load_auth_rules(const std::filesystem::path& path);
auth_rules parse_auth_rules(std::string_view csv, std::string_view file_name = "<memory>");

/// Loads a provider enrollment roster, CSV `payer_id,npi,status,effective_date,end_date` (status
/// enrolled, pending or terminated; an empty end_date is open). All or nothing, as above; an NPI
/// whose check digit fails and a file with a header row but no rows are refused too.
enrollment_roster load_enrollment(const std::filesystem::path& path);
enrollment_roster parse_enrollment(std::string_view csv, std::string_view file_name = "<memory>");

/// Claim lines exported one service line per row (claim_id, line, member_id, payer_id, code,
/// units, service_date required; see the README for every column). Rows of one claim need not be
/// adjacent. A claim with a bad value in any of its rows is rejected as a whole, with a
/// claim_unreadable finding that names file, line and column; the others are kept.
/// A missing column or broken quoting throws input_error: the file is unusable.
class claim_line_file {
 public:
  struct claim {
    std::string_view claim_id;
    std::span<const claim_line> lines;
  };

  static claim_line_file load(const std::filesystem::path& path);
  static claim_line_file parse(std::string csv, std::string_view file_name = "<memory>");

  claim_line_file(claim_line_file&&) noexcept = default;
  claim_line_file& operator=(claim_line_file&&) noexcept = default;
  ~claim_line_file();

  /// Readable claims in order of first appearance.
  std::span<const claim> claims() const noexcept;
  /// One claim_unreadable finding per rejected claim.
  std::span<const finding> rejected() const noexcept;

  /// Hands every claim, readable or rejected, in file order to a sink (a validation_run), and
  /// returns how many it handed.
  std::uint64_t feed(claim_sink& sink) const;

 private:
  struct storage;
  explicit claim_line_file(std::unique_ptr<storage> data) noexcept;
  std::unique_ptr<storage> data_;
};

/// Reads a claim-lines CSV from an open file descriptor (left open) and hands every claim,
/// readable or rejected, to a sink: the same claims, in the same order, as
/// claim_line_file::parse followed by feed. `already_read` holds bytes the caller has already
/// taken from it (to detect the format, say): they are read first. Returns the number of claims.
///
/// A regular file is read twice, `chunk_size` bytes at a time: first to refuse a broken file
/// (with the input_error parse would throw, before any claim reaches the sink) and to see that
/// the rows of each claim are adjacent, then claim by claim, handing each out once its last
/// row is read; memory holds a chunk and a claim, whatever the file's size. When the rows of a
/// claim are apart, or the input can be read only once (a pipe), it is loaded whole as parse
/// does. With `threads` of 2 or more, the first reading of a file of four chunks or more reads
/// its two halves side by side on two threads (same claims, same errors; a few chunks more in
/// memory).
std::uint64_t read_claim_lines_fd(int fd, std::string_view name, claim_sink& sink,
                                  std::string_view already_read = {},
                                  std::size_t chunk_size = std::size_t{1} << 20,
                                  unsigned threads = 1);

/// True when the text looks like a claim-lines CSV (a header naming claim_id and code).
bool looks_like_claim_line_csv(std::string_view head) noexcept;

}  // namespace v0
}  // namespace authmatch

#endif
