#include "population.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace authmatch::synth {

population make_population(rng& random, std::uint64_t expected_claims, std::uint64_t members) {
  population people;
  for (int i = 0; i < 12; ++i) people.billing.push_back(make_npi(random));
  for (int i = 0; i < 40; ++i) people.rendering.push_back(make_npi(random));
  for (int i = 0; i < 8; ++i) people.facilities.push_back(make_npi(random));
  const std::uint64_t count =
      members > 0 ? members : std::clamp<std::uint64_t>(expected_claims / 4, 4, 40000);
  people.members.resize(count);
  std::uint64_t auth_serial = 0;
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
      a.units = services[a.services[0]].max_units * random.between(4, 12);
      a.units_used = random.chance(0.3) ? random.between(0, a.units / 2) : 0;
      a.from = day_2026 + random.between(0, 240);
      a.to = a.from + random.between(30, 120);
      if (random.chance(0.6))
        a.rendering_npi = people.rendering[random.below(people.rendering.size())];
      if (random.chance(0.5)) a.place = random.pick(places);
      a.restricts_diagnoses = random.chance(0.4);
    }
  }
  return people;
}

void write_authorizations(output& out, const population& people, rng& random, std::uint64_t& rows) {
  std::string text =
      "auth_number,status,payer_id,member_id,patient_dob,code,units,units_used,effective_date,"
      "expiration_date,rendering_npi,facility_npi,place_of_service,diagnosis_codes\n";
  for (const member& who : people.members) {
    for (const patient& person : who.patients) {
      const authorization& a = person.auth;
      const specialty& kind = specialties[a.specialty];
      const std::string_view status = random.pick(statuses);
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
        text += '\n';
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
