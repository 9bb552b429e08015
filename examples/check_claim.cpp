// Checks one claim against authorizations built in code: what a billing system does when a
// claim is saved. Prints each finding as JSON.
//
//   ./check_claim

#include <authmatch/authmatch.hpp>

#include <cstdio>

int main() {
  using namespace authmatch;

  authorization mri;
  mri.auth_number = "RBM550101";
  mri.payer_id = "77350";
  mri.member_id = "M55501234";
  mri.code = "70551";
  mri.units = decimal::from_integer(1);
  mri.effective_date = *parse_date("2026-10-01");
  mri.expiration_date = *parse_date("2026-10-31");
  mri.places_of_service = {"22", "24"};

  authorization_index index;
  index.add(mri);
  const validator checker(index);

  // The claim as the billing system holds it: MRI with contrast, billed at the hospital.
  claim_line line;
  line.claim_id = "RSG-20001";
  line.line = 1;
  line.member_id = "M55501234";
  line.payer_id = "77350";
  line.auth_number = "RBM550101";
  line.code = "70553";
  line.service_date = line.service_date_end = *parse_date("2026-10-12");
  line.place_of_service = "22";
  line.charge = *decimal::parse("1450.00");

  const claim_line lines[] = {line};
  for (const finding& f : checker.validate(lines)) std::puts(to_json(f).c_str());
}
