#ifndef AUTHMATCH_LIMITS_HPP
#define AUTHMATCH_LIMITS_HPP

#include <authmatch/decimal.hpp>

namespace authmatch {
inline namespace v0 {

/// The largest quantity a claim line or an authorization row may carry: 9,999,999.999 units.
/// Far above any real service (a year of daily visits is 365; a drug billed per 0.1 mg rarely
/// reaches 100,000), and small enough that the usage of a billion lines on one authorization
/// still sums exactly. Inputs refuse quantities outside [0, max_units] with their position.
inline constexpr decimal max_units = decimal::from_thousandths(9'999'999'999);

/// The largest charge of one claim line: 99,999,999.99. Charges outside [0, max_charge], or with
/// a fraction of a cent, are refused at the input; a run's charge at risk sums exactly up to 92
/// million lines at the largest charge.
inline constexpr decimal max_charge = decimal::from_thousandths(99'999'999'990);

constexpr bool is_valid_units(decimal units) noexcept {
  return !units.is_negative() && units <= max_units;
}
/// A charge in [0, max_charge], in whole cents.
constexpr bool is_valid_charge(decimal charge) noexcept {
  return !charge.is_negative() && charge <= max_charge && charge.thousandths() % 10 == 0;
}

/// What the inputs' messages say a quantity and a charge must be.
inline constexpr const char* units_expected =
    "a quantity from 0 to 9999999.999 with at most 3 decimals";
inline constexpr const char* charge_expected =
    "an amount from 0 to 99999999.99 with at most 2 decimals, such as 125.50";

}  // namespace v0
}  // namespace authmatch

#endif
