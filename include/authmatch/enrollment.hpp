#ifndef AUTHMATCH_ENROLLMENT_HPP
#define AUTHMATCH_ENROLLMENT_HPP

#include <authmatch/date.hpp>
#include <authmatch/error.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace authmatch {
inline namespace v0 {

/// Where a provider's enrollment (credentialing) with a payer stands over a period.
enum class enrollment_status : std::uint8_t { enrolled, pending, terminated };

/// "enrolled", "pending", "terminated".
std::string_view to_string(enrollment_status status) noexcept;
/// The same names, in any case, with blanks around them.
std::optional<enrollment_status> parse_enrollment_status(std::string_view text) noexcept;

/// One row of a provider enrollment roster: an NPI's standing with one payer from a first day,
/// up to a last day or open. One NPI may have several rows over time (pending, then enrolled,
/// then terminated).
struct enrollment {
  std::string payer_id;
  std::string npi;
  enrollment_status status = enrollment_status::enrolled;
  date effective_date;           ///< first day of the period (inclusive)
  std::optional<date> end_date;  ///< last day (inclusive); nullopt = open
};

/// Brings the payer ID and the NPI to the form they are compared in (trimmed, upper case).
void normalize(enrollment& row);

/// Checks one normalized roster row: a payer and an NPI given, the NPI's check digit, a first
/// day, a period that does not end before it starts. nullopt when the row is usable.
std::optional<field_problem> check(const enrollment& row);

/// A roster row that cannot be added: names the field at fault. what() reads "field: message".
class enrollment_error : public error {
 public:
  explicit enrollment_error(field_problem problem)
      : error(std::string(problem.field) + ": " + problem.message), problem_(std::move(problem)) {}
  const field_problem& problem() const noexcept { return problem_; }

 private:
  field_problem problem_;
};

/// The providers' enrollment with payers. A provider not enrolled with the patient's payer on
/// the date of service is denied whatever its authorization says (CO-B7), so a validator given
/// a roster checks each line's rendering and billing NPI in it.
///
/// Only payers that appear in the roster are checked: a payer with no row is not tracked, and
/// its lines are never denied for enrollment. On a day, the row in effect for an NPI is the one
/// of its rows whose period holds the day and that starts last (rows are a history: a later row
/// overrides an earlier one left open); the NPI may bill the payer that day when that row says
/// enrolled.
///
/// Rows are indexed by payer and NPI: a lookup reads only that NPI's rows and never allocates.
/// Payer IDs and NPIs are compared trimmed and upper-cased. Not copyable; move it, or share it
/// by const reference: const member functions are safe to call from several threads at once.
class enrollment_roster {
 public:
  enrollment_roster() noexcept;
  enrollment_roster(const enrollment_roster&) = delete;
  enrollment_roster& operator=(const enrollment_roster&) = delete;
  enrollment_roster(enrollment_roster&&) noexcept;
  enrollment_roster& operator=(enrollment_roster&&) noexcept;
  ~enrollment_roster();

  /// Normalizes and adds one row. Throws enrollment_error, and adds nothing, when check()
  /// refuses it.
  void add(enrollment row);

  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  /// The rows in the order they were added (normalized). The span stays valid until the next
  /// add(), or until the roster (or the one it was moved to) is destroyed.
  std::span<const enrollment> rows() const noexcept;

  /// Whether the payer has any row: only those payers are checked.
  bool tracks(std::string_view payer_id) const;

  /// nullopt when `npi` may bill `payer_id` on every day from `first_day` to `last_day`: an
  /// enrolled row is in effect on each of them, or the payer is not tracked. Otherwise what the
  /// roster says on the first day that is not covered, in a few words: "pending since
  /// 2026-09-01", "terminated on 2026-06-30", "enrolled from 2026-11-01", "enrolled until
  /// 2026-06-30", "not on the roster".
  std::optional<std::string> gap(std::string_view payer_id, std::string_view npi, date first_day,
                                 date last_day) const;
  /// The same for one day.
  std::optional<std::string> gap(std::string_view payer_id, std::string_view npi, date day) const {
    return gap(payer_id, npi, day, day);
  }

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace v0
}  // namespace authmatch

#endif
