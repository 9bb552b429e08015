#include "population.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>

namespace authmatch::synth {

population make_population(rng& random, std::uint64_t expected_claims, std::uint64_t members,
                           bool clean) {
  population people;
  people.clean = clean;
  for (int i = 0; i < 12; ++i) people.billing.push_back(make_npi(random));
  for (int i = 0; i < 40; ++i) people.rendering.push_back(make_npi(random));
  for (int i = 0; i < 8; ++i) people.facilities.push_back(make_npi(random));
  const std::uint64_t count =
      members > 0 ? members : std::clamp<std::uint64_t>(expected_claims / 4, 4, 40000);
  people.members.resize(count);
  std::uint64_t auth_serial = 0;
  // A clean population's authorizations outlast the busiest patient of the batch: twice the
  // claims a member has on average, a few lines each, every one at the most units.
  const auto claims_per_member = static_cast<std::int64_t>((expected_claims + count - 1) / count);
  const std::int64_t clean_lines = 20 + 8 * claims_per_member;
  for (std::uint64_t m = 0; m < count; ++m) {
    member& who = people.members[m];
    who.id = fmt::format("W{}", 100000000 + random.below(900000000));
    who.payer = random.pick(payers);
    const std::size_t dependents = random.chance(0.3) ? 1 + random.below(2) : 0;
    for (std::size_t p = 0; p <= dependents; ++p) {
      patient& person = who.patients.emplace_back();
      person.last = random.pick(last_names);
      person.first = random.pick(first_names);
      constexpr std::int64_t year = 365;
      person.dob = p == 0 ? day_2026 - random.between(25 * year, 80 * year)
                          : day_2026 - random.between(2 * year, 20 * year);
      person.sex = random.chance(0.5) ? 'F' : 'M';
      authorization& a = person.auth;
      a.number = fmt::format("PA{}", 26000000 + ++auth_serial);
      a.specialty = random.below(std::size(specialties));
      const auto& services = specialties[a.specialty].services;
      a.services[0] = random.below(services.size());
      a.service_count = 1;
      if (random.chance(0.4)) {
        a.services[1] = (a.services[0] + 1) % services.size();
        a.service_count = 2;
      }
      if (clean) {
        // The second code's row holds half the units (write_authorizations).
        const std::int64_t most = std::max(services[a.services[0]].max_units,
                                           services[a.services[a.service_count - 1]].max_units);
        a.units = 2 * most * clean_lines;
      } else {
        a.units = services[a.services[0]].max_units * random.between(4, 12);
        a.units_used = random.chance(0.3) ? random.between(0, a.units / 2) : 0;
      }
      a.from = day_2026 + random.between(0, 240);
      // A clean population's windows are long enough for its claims to end well before them
      // (generator: clean_days_before_end).
      a.to = a.from + (clean ? random.between(90, 365) : random.between(30, 120));
      if (clean) {
        if (random.chance(0.6)) {
          a.rendering_npi =
              people.rendering[first_enrolled_rendering +
                               random.below(people.rendering.size() - first_enrolled_rendering)];
        }
      } else {
        if (random.chance(0.6))
          a.rendering_npi = people.rendering[random.below(people.rendering.size())];
        if (random.chance(0.5)) a.place = random.pick(places);
      }
      a.restricts_diagnoses = random.chance(0.4);
      // Dependents born on the same day as another patient of the member would be one patient.
      for (std::size_t q = 0; q < p; ++q) {
        if (who.patients[q].dob == person.dob) person.dob -= 1 + static_cast<std::int64_t>(q);
      }
      if (clean) {
        if (who.payer == hmo_payer) {
          referral& r = person.ref;
          r.number = fmt::format("RF{}", 71000000 + auth_serial);
          r.from = a.from - random.between(0, 20);
          r.to = a.to;
          r.visits = 1000;
          r.rendering_npi = a.rendering_npi;
        }
        continue;
      }
      if (random.chance(0.25)) {
        a.level_of_care = random.pick(levels_of_care);
      }
      a.professional_only = a.specialty == 1 && random.chance(0.5);
      if (who.payer == hmo_payer && random.chance(0.8)) {
        referral& r = person.ref;
        r.number = fmt::format("RF{}", 71000000 + auth_serial);
        r.from = a.from - random.between(0, 20);
        r.to = a.to - random.between(0, 30);
        // Most referrals allow more visits than any batch uses; some are used up already.
        r.visits = random.chance(0.2) ? random.between(2, 6) : 1000;
        r.visits_used = r.visits < 1000 ? r.visits : 0;
        if (!a.rendering_npi.empty() && random.chance(0.5)) r.rendering_npi = a.rendering_npi;
      }
    }
  }
  return people;
}

void write_authorizations(output& out, const population& people, rng& random, std::uint64_t& rows) {
  std::string text =
      "auth_number,status,payer_id,member_id,patient_dob,code,units,units_used,effective_date,"
      "expiration_date,rendering_npi,facility_npi,place_of_service,diagnosis_codes,type,"
      "unit_type,level_of_care,claim_type,modifiers\n";
  for (const member& who : people.members) {
    for (const patient& person : who.patients) {
      const authorization& a = person.auth;
      const specialty& kind = specialties[a.specialty];
      const std::string_view drawn = random.pick(statuses);
      const std::string_view status = people.clean ? std::string_view("approved") : drawn;
      for (std::size_t s = 0; s < a.service_count; ++s) {
        const service& svc = kind.services[a.services[s]];
        text += a.number;
        text += ',';
        text += status;
        text += ',';
        text += who.payer;
        text += ',';
        text += who.id;
        text += ',';
        append_date(text, person.dob, true);
        text += ',';
        text += svc.code;
        text += ',';
        text += std::to_string(s == 0 ? a.units : a.units / 2);
        text += ',';
        text += std::to_string(s == 0 ? a.units_used : 0);
        text += ',';
        append_date(text, a.from, true);
        text += ',';
        append_date(text, a.to, true);
        text += ',';
        text += a.rendering_npi;
        text += ",,";
        text += a.place;
        text += ',';
        if (a.restricts_diagnoses) {
          text += kind.diagnoses[0];
          text += '|';
          text += kind.diagnoses[1];
        }
        text += ",,,";
        text += a.level_of_care;
        text += a.professional_only ? ",professional,26\n" : ",,\n";
        ++rows;
      }
      if (const referral& r = person.ref; !r.number.empty()) {
        fmt::format_to(std::back_inserter(text), "{},approved,{},{},", r.number, who.payer, who.id);
        append_date(text, person.dob, true);
        fmt::format_to(std::back_inserter(text), ",*,{},{},", r.visits, r.visits_used);
        append_date(text, r.from, true);
        text += ',';
        append_date(text, r.to, true);
        fmt::format_to(std::back_inserter(text), ",{},,,,referral,visits,,,\n", r.rendering_npi);
        ++rows;
      }
      if (text.size() > (1u << 16)) {
        out.write(text);
        text.clear();
      }
    }
  }
  out.write(text);
}

}  // namespace authmatch::synth

namespace authmatch::synth {
namespace {

/// The rendering NPIs whose enrollment with 61101 is still pending.
bool pending_with_61101(const population& people, std::string_view npi) {
  return npi == people.rendering[0] || npi == people.rendering[1];
}

}  // namespace

void write_enrollment(output& out, const population& people) {
  std::string text = "payer_id,npi,status,effective_date,end_date\n";
  const auto row = [&](std::string_view payer, std::string_view npi, std::string_view status,
                       std::int64_t from, std::optional<std::int64_t> to) {
    fmt::format_to(std::back_inserter(text), "{},{},{},", payer, npi, status);
    append_date(text, from, true);
    text += ',';
    if (to) append_date(text, *to, true);
    text += '\n';
  };
  const std::int64_t long_ago = day_2026 - std::int64_t{7} * 365;
  for (const std::string_view payer : tracked_payers) {
    for (const auto& npi : people.rendering) {
      if (payer == "61101" && pending_with_61101(people, npi)) {
        row(payer, npi, "pending", day_2026 - 30, std::nullopt);
      } else {
        row(payer, npi, "enrolled", long_ago, std::nullopt);
      }
    }
    for (const auto& npi : people.billing) {
      if (payer == "77350" && npi == people.billing[0]) {
        const std::int64_t terminated = day_2026 + billing_terminated_after;
        row(payer, npi, "enrolled", long_ago, terminated - 1);
        row(payer, npi, "terminated", terminated, std::nullopt);
      } else {
        row(payer, npi, "enrolled", long_ago, std::nullopt);
      }
    }
  }
  out.write(text);
}

bool not_enrolled(const population& people, std::string_view payer, std::string_view npi,
                  std::int64_t, std::int64_t to) {
  if (npi.empty()) return false;
  if (payer == "61101") return pending_with_61101(people, npi);
  if (payer == "77350") {
    return npi == people.billing[0] && to >= day_2026 + billing_terminated_after;
  }
  return false;
}

void write_rules(output& out) {
  out.write(fmt::format("payer_id,code,requires_auth,requires_referral\n*,*,yes,no\n{},*,yes,yes\n",
                        hmo_payer));
}

}  // namespace authmatch::synth
