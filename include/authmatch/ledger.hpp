#ifndef AUTHMATCH_LEDGER_HPP
#define AUTHMATCH_LEDGER_HPP

#include <authmatch/authorization.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/error.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

namespace detail {
class ledger_run;
}

/// A ledger that cannot be opened, read or written.
class ledger_error : public error {
 public:
  using error::error;
};

/// One authorization row with what the ledger holds against it, for `ledger show` and export.
struct ledger_row {
  authorization auth;
  decimal used_recorded;  ///< units (or visits) recorded by runs
  std::uint64_t claims = 0;
  /// approved - units_used - used_recorded; nullopt when the row has no limit.
  std::optional<decimal> remaining() const;
};

/// Utilization recorded across runs in one SQLite file (write-ahead log, one transaction per
/// run), so that "quantity used to date" holds across nightly batches: a claim validated again
/// replaces what it recorded before instead of counting twice. Readers may look while a run
/// writes. A validation_run given the ledger (run_options::ledger) records into it when it
/// finishes. Move-only; one object per thread.
class utilization_ledger {
 public:
  enum class open_mode {
    read_write,  ///< creates the file and its tables when missing
    read_only,   ///< the file must exist; for reports while runs write
  };

  /// Opens a ledger. Throws ledger_error when it cannot be opened or is not a ledger.
  static utilization_ledger open(const std::filesystem::path& path,
                                 open_mode mode = open_mode::read_write);

  utilization_ledger(utilization_ledger&&) noexcept;
  utilization_ledger& operator=(utilization_ledger&&) noexcept;
  ~utilization_ledger();

  /// Every row the ledger knows, or those of one authorization number.
  std::vector<ledger_row> rows(std::optional<std::string_view> auth_number = std::nullopt) const;

  const std::filesystem::path& path() const noexcept;

 private:
  friend class detail::ledger_run;  // a validation run's transaction
  struct connection;
  explicit utilization_ledger(std::unique_ptr<connection> db) noexcept;
  std::unique_ptr<connection> db_;
};

/// The rows as a terminal table: approved, used and remaining per authorization row.
std::string to_table(std::span<const ledger_row> rows);

/// The rows as CSV for the authorization tracker: a header row, then one row each (RFC 4180,
/// CRLF line ends). used_to_date = units_used + ledger_used.
std::string to_csv(std::span<const ledger_row> rows);

}  // namespace v0
}  // namespace authmatch

#endif
