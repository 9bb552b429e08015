#ifndef AUTHMATCH_SYNTH_POPULATION_HPP
#define AUTHMATCH_SYNTH_POPULATION_HPP

// The people a generated batch is about: reference tables of services by specialty, providers,
// members with dependents, and the authorizations each patient holds.

#include "output.hpp"
#include "random.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch::synth {

// ---------------------------------------------------------------------------------------------
// Reference tables: services by specialty, with the revenue code an 837I bills them under.

struct service {
  std::string_view code;
  std::string_view revenue;  ///< 837I SV201
  std::int64_t max_units;
  std::int64_t charge_per_unit;  ///< thousandths
};

struct specialty {
  std::span<const service> services;
  std::span<const std::string_view> diagnoses;  ///< ICD-10 with their dots
  std::span<const std::string_view> modifiers;
};

inline constexpr service therapy[] = {{"97110", "0420", 4, 55000},
                                      {"97140", "0420", 2, 50000},
                                      {"97530", "0430", 4, 60000},
                                      {"97112", "0420", 3, 58000}};
inline constexpr service imaging[] = {{"70551", "0610", 1, 1450000},
                                      {"72148", "0610", 1, 1320000},
                                      {"74177", "0350", 1, 980000},
                                      {"73721", "0610", 1, 1180000}};
inline constexpr service infusion[] = {{"J1745", "0636", 60, 12500},
                                       {"96413", "0260", 1, 410000},
                                       {"96415", "0260", 4, 95000},
                                       {"J0897", "0636", 2, 1900000}};
/// Hospital observation hours, billed under revenue code 0762 on an outpatient bill.
inline constexpr service observation_hours = {"G0378", "0762", 24, 45000};
inline constexpr service office[] = {{"99213", "0510", 1, 145000}, {"99214", "0510", 1, 210000}};

inline constexpr std::string_view therapy_dx[] = {"M54.50", "M51.36", "M25.561", "S83.511A"};
inline constexpr std::string_view imaging_dx[] = {"G43.909", "R51.9", "M54.16", "R10.9"};
inline constexpr std::string_view infusion_dx[] = {"K50.90", "K50.00", "M81.0", "M05.79"};
inline constexpr std::string_view therapy_mods[] = {"GP", "59", "KX"};
inline constexpr std::string_view imaging_mods[] = {"26", "TC"};
inline constexpr std::string_view infusion_mods[] = {"JZ", "JW"};

inline constexpr specialty specialties[] = {{therapy, therapy_dx, therapy_mods},
                                            {imaging, imaging_dx, imaging_mods},
                                            {infusion, infusion_dx, infusion_mods}};

inline constexpr std::string_view payers[] = {"61101", "77350", "93044", "60054", "87726", "00431"};
/// The HMO among them: every code of its members needs a PCP referral besides the
/// authorization (write_rules).
inline constexpr std::string_view hmo_payer = "60054";
/// The payers whose provider enrollment the roster tracks (write_enrollment).
inline constexpr std::string_view tracked_payers[] = {"61101", "77350"};
/// Days after 2026-01-01 from which the first billing provider's enrollment with 77350 is
/// terminated.
inline constexpr std::int64_t billing_terminated_after = 200;
inline constexpr std::string_view last_names[] = {"SMITH",  "GARCIA", "NGUYEN", "JOHNSON", "OKAFOR",
                                                  "MULLER", "ROSSI",  "TANAKA", "COHEN",   "SILVA"};
inline constexpr std::string_view first_names[] = {"ANA",  "JAMES", "MEI", "OMAR", "SARA",
                                                   "LUKE", "NINA",  "RAJ", "EVA",  "TOM"};
inline constexpr std::string_view places[] = {"11", "11", "11", "22", "19", "24", "49", "12", "21"};
inline constexpr std::string_view bill_types[] = {"13", "13", "13", "13", "11", "83", "85", "73"};
inline constexpr std::string_view levels_of_care[] = {"inpatient", "observation", "outpatient"};
inline constexpr std::string_view statuses[] = {"approved", "approved", "approved", "approved",
                                                "approved", "approved", "approved", "approved",
                                                "approved", "approved", "pending",  "denied"};

inline constexpr std::int64_t day_2026 = date(2026, 1, 1).days_since_epoch();

// ---------------------------------------------------------------------------------------------
// The population: providers, members with dependents, and their authorizations.

struct authorization {
  std::string number;
  std::size_t specialty = 0;
  std::array<std::size_t, 2> services{};  ///< indexes into the specialty's services
  std::size_t service_count = 1;
  std::int64_t units = 0, units_used = 0;  ///< whole units
  std::int64_t from = 0, to = 0;
  std::string rendering_npi;  ///< empty: any
  std::string_view place;     ///< empty: any
  bool restricts_diagnoses = false;
  std::string_view level_of_care;  ///< empty: any
  bool professional_only = false;  ///< claim type professional, modifier 26 (imaging)
};

/// A PCP referral of an HMO member: any code, for the authorization's window.
struct referral {
  std::string number;  ///< empty: the member has none
  std::int64_t visits = 0, visits_used = 0;
  std::int64_t from = 0, to = 0;
  std::string rendering_npi;  ///< the referred-to provider; empty: any
  bool used_up() const noexcept { return visits_used >= visits; }
};

struct patient {
  std::string last, first;
  std::int64_t dob = 0;
  char sex = 'F';
  authorization auth;
  referral ref;
};

struct member {
  std::string id;
  std::string_view payer;
  std::vector<patient> patients;  ///< [0] the subscriber, then dependents
};

struct population {
  std::vector<std::string> billing, rendering, facilities;
  std::vector<member> members;
  /// Whether the authorizations approve what their claims bill unless a problem is planted on a
  /// line (generator options::problem_share): all approved, with units to spare, no place, level
  /// of care or component restriction, a referral for every HMO patient that covers the window,
  /// and no provider the roster leaves unenrolled.
  bool clean = false;
};

/// Providers and `members` members (or about one for every four claims, when 0), each patient
/// with one authorization; a clean population when `clean` (population::clean).
population make_population(rng& random, std::uint64_t expected_claims, std::uint64_t members,
                           bool clean = false);

/// The first NPI of `people.rendering` a clean population uses: the ones before it are still
/// pending with 61101 (write_enrollment).
inline constexpr std::size_t first_enrolled_rendering = 2;
/// The first NPI of `people.billing` a clean population bills with: the one before it is
/// terminated with 77350 (write_enrollment).
inline constexpr std::size_t first_enrolled_billing = 1;

/// Writes the authorizations CSV of the population (referrals included); counts its rows in
/// `rows`.
void write_authorizations(output& out, const population& people, rng& random, std::uint64_t& rows);

/// Writes the enrollment roster: every provider enrolled with the tracked payers, except two
/// rendering NPIs still pending with 61101 (not_enrolled) and the first billing NPI, terminated
/// with 77350 from billing_terminated_after.
void write_enrollment(output& out, const population& people);

/// Whether the roster of write_enrollment() leaves `npi` not enrolled with `payer` on some day of
/// [from, to].
bool not_enrolled(const population& people, std::string_view payer, std::string_view npi,
                  std::int64_t from, std::int64_t to);

/// Writes the rules: every code needs authorization; the HMO's need a referral too.
void write_rules(output& out);

}  // namespace authmatch::synth

#endif
