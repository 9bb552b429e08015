#ifndef AUTHMATCH_LEDGER_HPP
#define AUTHMATCH_LEDGER_HPP

#include <authmatch/authorization.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/error.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// A ledger that cannot be opened, read or written.
class ledger_error : public error {
 public:
  using error::error;
};

/// Which authorization row a usage belongs to: number, code and first day of the window.
using ledger_row_key = std::tuple<std::string, std::string, date>;

/// One line's recorded use of an authorization row. For a visit authorization, one record per
/// date of service the line added, with units 1.
struct recorded_usage {
  std::string claim_id;
  std::uint32_t line = 0;
  std::string auth_number;
  std::string code;
  date effective_date;  ///< with number and code, names the authorization row
  date service_date;
  decimal units;
};

/// A claim as the ledger remembers it. Replacements, voids and the claims they superseded are
/// all kept, so that a claim superseded in one run stays superseded when it is sent again.
struct recorded_claim {
  std::string claim_id;
  claim_frequency frequency = claim_frequency::original;
  std::string original_claim_id;  ///< REF*F8
  std::string claim_group;        ///< the first claim of its replacement chain
};

/// What the ledger holds when a run starts.
struct prior_usage {
  /// Units used by the claims outside the run's claim groups, per units row.
  std::map<ledger_row_key, decimal> units;
  /// Dates of service used by the claims outside the run's claim groups, per authorization
  /// number of a visits authorization.
  std::map<std::string, std::set<date>, std::less<>> visit_dates;
  /// The recorded claims of the run's claim groups (those the run's claims are, or name, or are
  /// named by), oldest first, and their usage.
  std::vector<recorded_claim> claims;
  std::vector<recorded_usage> usage;
};

/// What a run records for its claim groups: it replaces everything the ledger held for them.
struct ledger_batch {
  std::vector<recorded_claim> claims;
  std::vector<recorded_usage> usage;
  std::vector<authorization> rows;  ///< the authorization rows the usage refers to
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
/// writes. Move-only; one object per thread.
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

  /// In one write transaction: reads what earlier runs recorded (see prior_usage) for a run
  /// whose claims are or name `claim_ids`, lets `settle` compute the run's batch from it, then
  /// replaces the recorded claims of those groups and their usage with the batch. An exception
  /// from `settle`, a failure or a kill at any point leaves the ledger as it was before.
  void record_run(std::span<const std::string> claim_ids,
                  const std::function<ledger_batch(const prior_usage&)>& settle);

  /// Every row the ledger knows, or those of one authorization number.
  std::vector<ledger_row> rows(std::optional<std::string_view> auth_number = std::nullopt) const;

  const std::filesystem::path& path() const noexcept;

 private:
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
