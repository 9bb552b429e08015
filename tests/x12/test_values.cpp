// Each claim-line value comes from where docs/inputs.md says, with its fallbacks.

#include "support/builders.hpp"
#include "x12/recorder.hpp"
#include "x12/x12_text.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// The lines of the only claim of an 837P file holding `claim`.
std::vector<claim_record> lines_of(const segments& claim) {
  const auto r = read_text(professional_file({claim}));
  REQUIRE(r.sink.claims.size() == 1);
  if (r.sink.claims[0].rejected) FAIL(r.sink.claims[0].rejected->message);
  return r.sink.claims[0].lines;
}

claim_record line_of(const segments& claim) { return lines_of(claim).at(0); }

/// Adds line 2: 97140, 1 unit on 2026-09-08, without a place of service, REF*G1 or providers.
void add_second_line(segments& claim) {
  claim.insert(claim.end(), {"LX*2", "SV1*HC:97140*55*UN*1***1", "DTP*472*D8*20260908"});
}

/// An 837I transaction body: hospital 1234567893, subscriber W100200300 of payer 61101.
segments institutional_body(const segments& claim) {
  segments out{
      "BHT*0019*00*B1*20260901*1200*CH",
      "NM1*41*2*HOSPITAL*****46*S1",
      "NM1*40*2*PAYER ONE*****46*R1",
      "HL*1**20*1",
      "NM1*85*2*HOSPITAL*****XX*1234567893",
      "HL*2*1*22*0",
      "SBR*P*18*******CI",
      "NM1*IL*1*DOE*JANE****MI*W100200300",
      "DMG*D8*19680412*F",
      "NM1*PR*2*PAYER ONE*****PI*61101",
  };
  out.insert(out.end(), claim.begin(), claim.end());
  return out;
}

std::vector<claim_record> institutional_lines(const segments& claim) {
  const auto r = read_text(render(interchange({institutional_body(claim)}, "005010X223A2")));
  REQUIRE(r.sink.claims.size() == 1);
  if (r.sink.claims[0].rejected) FAIL(r.sink.claims[0].rejected->message);
  return r.sink.claims[0].lines;
}

}  // namespace

TEST_CASE("An 837P line carries the claim's and the hierarchy's values", "[x12][values]") {
  const claim_record l = line_of(simple_claim("C1"));
  CHECK(l.claim_id == "C1");
  CHECK(l.line == 1);
  CHECK(l.member_id == "W100200300");
  CHECK(l.payer_id == "61101");
  CHECK(l.patient_dob == day("1968-04-12"));
  CHECK(l.auth_number == "PT1");
  CHECK(l.code == "97110");
  CHECK(l.modifiers.values() == std::vector<std::string>{"GP"});
  CHECK(l.units == qty("2"));
  CHECK(l.service_date == day("2026-09-08"));
  CHECK(l.service_date_end == day("2026-09-08"));
  CHECK(l.billing_npi == "1234567893");
  CHECK(l.rendering_npi == "1234567893");  // no 2310B or 2420A: the billing provider
  CHECK(l.facility_npi.empty());
  CHECK(l.place_of_service == "11");
  CHECK(l.diagnosis_codes.values() == std::vector<std::string>{"M5450", "M5136"});
  CHECK(l.charge == qty("110"));
  CHECK(l.frequency == claim_frequency::original);
  CHECK(l.original_claim_id.empty());
}

TEST_CASE("A line's REF*G1 wins over the claim's", "[x12][values]") {
  auto claim = simple_claim();
  claim.push_back("REF*G1*PT2");
  add_second_line(claim);
  const auto lines = lines_of(claim);
  CHECK(lines.at(0).auth_number == "PT2");
  CHECK(lines.at(1).auth_number == "PT1");
}

TEST_CASE("Without REF*G1 anywhere the line has no authorization number", "[x12][values]") {
  auto claim = simple_claim();
  claim.erase(claim.begin() + 1);
  CHECK(line_of(claim).auth_number.empty());
}

TEST_CASE("Rendering NPI: 2420A, else 2310B, else the billing provider", "[x12][values]") {
  auto claim = simple_claim();
  claim.insert(claim.begin() + 3, "NM1*82*1*THERAPIST*TOM****XX*1987654328");
  claim.push_back("NM1*82*1*OTHER*ANN****XX*1456789019");
  add_second_line(claim);
  const auto lines = lines_of(claim);
  CHECK(lines.at(0).rendering_npi == "1456789019");
  CHECK(lines.at(1).rendering_npi == "1987654328");
  CHECK(lines.at(1).billing_npi == "1234567893");
}

TEST_CASE("Facility NPI: 2420C, else 2310C", "[x12][values]") {
  auto claim = simple_claim();
  claim.insert(claim.begin() + 3, "NM1*77*2*CLINIC SITE*****XX*1765432103");
  claim.push_back("NM1*77*2*OTHER SITE*****XX*1456789019");
  add_second_line(claim);
  const auto lines = lines_of(claim);
  CHECK(lines.at(0).facility_npi == "1456789019");
  CHECK(lines.at(1).facility_npi == "1765432103");
}

TEST_CASE("A provider identified by something other than an NPI is not used as one",
          "[x12][values]") {
  auto claim = simple_claim();
  claim.insert(claim.begin() + 3, "NM1*82*1*THERAPIST*TOM****24*123456789");
  const auto r = read_text(professional_file({claim}));
  CHECK(r.sink.claims.at(0).lines.at(0).rendering_npi == "1234567893");
  REQUIRE(r.sink.of_kind(x12::diagnostic_kind::value).size() == 1);
}

TEST_CASE("Place of service: SV105, else CLM05-1", "[x12][values]") {
  auto claim = simple_claim();
  claim[0] = "CLM*C1*110***22:B:1*Y*A*Y*Y";
  add_second_line(claim);
  const auto lines = lines_of(claim);
  CHECK(lines.at(0).place_of_service == "11");
  CHECK(lines.at(1).place_of_service == "22");
}

TEST_CASE("Without SV105 or CLM05-1 a line has no place of service", "[x12][values]") {
  auto claim = simple_claim();
  claim[0] = "CLM*C1*110****Y*A*Y*Y";
  claim[4] = "SV1*HC:97110:GP*110*UN*2***1:2";
  CHECK(line_of(claim).place_of_service.empty());
}

TEST_CASE("An RD8 date of service gives the first and last day", "[x12][values]") {
  auto claim = simple_claim();
  claim[5] = "DTP*472*RD8*20260908-20260912";
  const claim_record l = line_of(claim);
  CHECK(l.service_date == day("2026-09-08"));
  CHECK(l.service_date_end == day("2026-09-12"));
}

TEST_CASE("Modifiers are kept apart from the code", "[x12][values]") {
  auto claim = simple_claim();
  claim[4] = "SV1*HC:97110:GP:59:KX:76*110*UN*2*11**1";
  const claim_record l = line_of(claim);
  CHECK(l.code == "97110");
  CHECK(l.modifiers.values() == std::vector<std::string>{"GP", "59", "KX", "76"});
}

TEST_CASE("Units and charges are exact decimals", "[x12][values]") {
  auto claim = simple_claim();
  claim[4] = "SV1*HC:J1745*1234.56*UN*1.5000*11**1";
  const claim_record l = line_of(claim);
  CHECK(l.units == qty("1.5"));
  CHECK(l.charge == qty("1234.56"));
}

TEST_CASE("SV107 pointers choose the line's diagnoses, without their dots", "[x12][values]") {
  auto claim = simple_claim();
  claim[2] = "HI*ABK:M54.50*ABF:M51.36*ABF:R51.9";
  claim[4] = "SV1*HC:97110*110*UN*2*11**3:1";
  CHECK(line_of(claim).diagnosis_codes.values() == std::vector<std::string>{"R519", "M5450"});
}

TEST_CASE("A pointer to no diagnosis is reported, the line keeps the claim's diagnoses",
          "[x12][values]") {
  auto claim = simple_claim();
  claim[4] = "SV1*HC:97110*110*UN*2*11**5";
  const auto r = read_text(professional_file({claim}));
  const auto& l = r.sink.claims.at(0).lines.at(0);
  CHECK(l.diagnosis_codes.values() == std::vector<std::string>{"M5450", "M5136"});
  const auto found = r.sink.of_kind(x12::diagnostic_kind::diagnosis_pointer);
  REQUIRE(found.size() == 1);
  CHECK(found[0].claim_id == "C1");
  CHECK(contains(found[0].message, "pointer 5 of line 1 points at nothing"));
}

TEST_CASE("A replacement claim carries its frequency and REF*F8", "[x12][values]") {
  auto claim = simple_claim();
  claim[0] = "CLM*C1*110***11:B:7*Y*A*Y*Y";
  claim.insert(claim.begin() + 1, "REF*F8*PAYERICN0001");
  const claim_record l = line_of(claim);
  CHECK(l.frequency == claim_frequency::replacement);
  CHECK(l.original_claim_id == "PAYERICN0001");
}

TEST_CASE("A void claim has frequency 8", "[x12][values]") {
  auto claim = simple_claim();
  claim[0] = "CLM*C1*110***11:B:8*Y*A*Y*Y";
  CHECK(line_of(claim).frequency == claim_frequency::void_claim);
}

TEST_CASE("A dependent's claim has the patient's birth date and the subscriber's ID",
          "[x12][values]") {
  segments body = professional_body({});
  body.push_back("HL*3*2*23*0");
  body.push_back("PAT*19");
  body.push_back("NM1*QC*1*DOE*TIM");
  body.push_back("DMG*D8*20120730*M");
  const auto claim = simple_claim("C1");
  body.insert(body.end(), claim.begin(), claim.end());
  const auto r = read_text(render(interchange({body})));
  const auto& l = r.sink.claims.at(0).lines.at(0);
  CHECK(l.member_id == "W100200300");
  CHECK(l.patient_dob == day("2012-07-30"));
}

TEST_CASE("The HL hierarchy decides whose claim it is", "[x12][values]") {
  segments body = professional_body({simple_claim("C1")});
  const segments second = {
      "HL*3*1*22*0",
      "SBR*P*18*******CI",
      "NM1*IL*1*ROE*RICK****MI*K99887766",
      "DMG*D8*19900625*M",
      "NM1*PR*2*PAYER TWO*****PI*93044",
  };
  body.insert(body.end(), second.begin(), second.end());
  const auto claim = simple_claim("C2");
  body.insert(body.end(), claim.begin(), claim.end());
  const auto r = read_text(render(interchange({body})));
  REQUIRE(r.stats.claims_read == 2);
  const auto& l = r.sink.claims.at(1).lines.at(0);
  CHECK(l.member_id == "K99887766");
  CHECK(l.payer_id == "93044");
  CHECK(l.patient_dob == day("1990-06-25"));
  CHECK(r.sink.claims.at(0).lines.at(0).member_id == "W100200300");
}

TEST_CASE("Other payers' loops (2320/2330) do not change the claim's values", "[x12][values]") {
  auto claim = simple_claim();
  claim.insert(claim.begin() + 3, {"SBR*S*01*******12", "NM1*IL*1*DOE*JACK****MI*T55",
                                   "NM1*PR*2*OTHER PAYER*****PI*99999",
                                   "NM1*82*1*OTHER*ANN****XX*1456789019", "REF*G1*OTHERAUTH"});
  const claim_record l = line_of(claim);
  CHECK(l.member_id == "W100200300");
  CHECK(l.payer_id == "61101");
  CHECK(l.rendering_npi == "1234567893");
  CHECK(l.auth_number == "PT1");
}

TEST_CASE("An 837I line: revenue and procedure code, units, statement dates", "[x12][values]") {
  const auto lines = institutional_lines({
      "CLM*I1*500***13:A:1**A*Y*Y",
      "DTP*434*RD8*20261001-20261003",
      "REF*G1*RBM1",
      "HI*ABK:G43.909*ABF:R51.9",
      "NM1*71*1*ATTENDING*AL****XX*1456789019",
      "NM1*82*1*RENDER*RITA****XX*1987654328",
      "LX*1",
      "SV2*0610*HC:70551:26*450*UN*1",
      "LX*2",
      "SV2*0300*HC:85025*50*UN*3",
      "DTP*472*D8*20261002",
      "NM1*82*1*LAB*LEE****XX*1765432103",
  });
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].code == "70551");
  CHECK(lines[0].modifiers.values() == std::vector<std::string>{"26"});
  CHECK(lines[0].units == qty("1"));
  CHECK(lines[0].charge == qty("450"));
  CHECK(lines[0].service_date == day("2026-10-01"));  // statement dates
  CHECK(lines[0].service_date_end == day("2026-10-03"));
  CHECK(lines[0].rendering_npi == "1987654328");  // 2310D
  CHECK(lines[0].place_of_service == "22");       // type of bill 13: outpatient hospital
  CHECK(lines[0].diagnosis_codes.values() == std::vector<std::string>{"G43909", "R519"});
  CHECK(lines[0].auth_number == "RBM1");
  CHECK(lines[1].units == qty("3"));
  CHECK(lines[1].service_date == day("2026-10-02"));
  CHECK(lines[1].rendering_npi == "1765432103");  // 2420C
}

TEST_CASE("An 837I line without a procedure code is matched on its revenue code", "[x12][values]") {
  const auto lines = institutional_lines({
      "CLM*I1*900***11:A:1**A*Y*Y",
      "DTP*434*RD8*20261001-20261003",
      "HI*ABK:K5090",
      "LX*1",
      "SV2*0120**900*DA*3",
  });
  CHECK(lines.at(0).code == "0120");
  CHECK(lines.at(0).units == qty("3"));
  CHECK(lines.at(0).place_of_service == "21");
}
