// Reconciliation: remittance lines matched with a run's findings, the counts, the lessons, and
// codes compared through payer profiles.

#include "x12/x12_text.hpp"

#include <authmatch/output.hpp>
#include <authmatch/reconcile.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace authmatch;
using namespace authmatch::test;

namespace {

finding deny(std::string claim, std::uint32_t line, std::string code, finding_kind kind,
             std::string carc, std::vector<std::string> rarc = {}) {
  finding f;
  f.claim_id = std::move(claim);
  f.line = line;
  f.kind = kind;
  f.level = severity_of(kind);
  f.group = "CO";
  f.carc = std::move(carc);
  f.rarc = std::move(rarc);
  f.payer_id = "61101";
  f.code = std::move(code);
  f.service_date = date(2026, 9, 8);
  return f;
}

reconcile_report reconcile(const std::vector<finding>& findings, const std::string& remit,
                           reconcile_options options = {}) {
  reconciliation matcher(findings, options);
  x12::read_835_buffer(remit, "remit.835", matcher);
  return matcher.report();
}

const reconcile_row& row(const reconcile_report& r, std::string_view code) {
  for (const auto& each : r.rows) {
    if (each.code == code) return each;
  }
  FAIL("no row for " << code);
  return r.rows.front();
}

}  // namespace

TEST_CASE("Reconcile: a line is matched by its line control number", "[reconcile]") {
  // The remittance lists the lines in another order than the claim; REF*6R says which is which.
  const auto remit = remittance_file(
      "61101", {{"CLP*C1*4*165*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908", "CAS*CO*197*55",
                 "REF*6R*2", "SVC*HC:97110*110*110", "DTM*472*20260908", "REF*6R*1"}});
  const auto r = reconcile({deny("C1", 2, "97140", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.claims_read == 1);
  CHECK(r.totals.lines_read == 2);
  CHECK(r.totals.lines_matched == 1);
  CHECK(r.totals.lines_unmatched == 1);
  CHECK(r.totals.denials_made == 1);
  CHECK(r.totals.true_positives == 1);
  CHECK(r.totals.missed == 0);
  CHECK(r.totals.false_alarms == 0);
  CHECK(r.totals.precision() == 1.0);
  CHECK(r.totals.recall() == 1.0);
  CHECK(r.lessons.empty());
}

TEST_CASE("Reconcile: without a control number, lines match by code and date in order",
          "[reconcile]") {
  const auto remit = remittance_file(
      "61101", {{"CLP*C1*4*220*110**12*P1", "SVC*HC:97110*110*110", "DTM*472*20260908",
                 "SVC*HC:97110*110*0", "DTM*472*20260908", "CAS*CO*198*110", "LQ*HE*N640"}});
  // The run denied line 2 only; the first 97110 of the remittance takes line 1 (a warning).
  finding warned = deny("C1", 1, "97110", finding_kind::units_low, "");
  warned.level = severity::warn;
  warned.group.clear();
  const auto r =
      reconcile({warned, deny("C1", 2, "97110", finding_kind::units_exceeded, "198")}, remit);
  CHECK(r.totals.lines_matched == 2);
  CHECK(r.totals.denials_made == 1);
  CHECK(r.totals.denials_predicted == 1);
  CHECK(r.totals.true_positives == 1);
  CHECK(r.totals.false_alarms == 0);
}

TEST_CASE("Reconcile: without a control number, a line matches the line at its position",
          "[reconcile]") {
  // Two 97110 lines on one day; the run wrote findings for line 2 only (nothing for a clean
  // line), so the first 97110 of the remittance must not take line 2.
  const auto remit = remittance_file(
      "61101", {{"CLP*X2*1*220*110**12*P1", "SVC*HC:97110*110*110", "DTM*472*20260908",
                 "SVC*HC:97110*110*0", "DTM*472*20260908", "CAS*CO*197*110"}});
  const auto r = reconcile({deny("X2", 2, "97110", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.lines_matched == 1);
  CHECK(r.totals.true_positives == 1);
  CHECK(r.totals.missed == 0);
  CHECK(r.totals.false_alarms == 0);
}

TEST_CASE("Reconcile: a line whose position holds another code matches by code and date",
          "[reconcile]") {
  // The remittance lists 97140 first; the claim's line 2 is the 97140.
  const auto remit =
      remittance_file("61101", {{"CLP*C1*4*165*110**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908",
                                 "CAS*CO*197*55", "SVC*HC:97110*110*110", "DTM*472*20260908"}});
  const auto r = reconcile({deny("C1", 2, "97140", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.lines_matched == 1);
  CHECK(r.totals.true_positives == 1);
  CHECK(r.totals.false_alarms == 0);
}

TEST_CASE("Reconcile: REF*6R values that cannot be line numbers are matched by position",
          "[reconcile]") {
  // The payer echoes the 837's own line item control numbers, not the line numbers.
  const auto remit = remittance_file(
      "61101",
      {{"CLP*C1*1*220*110**12*P1", "SVC*HC:97110*110*110", "DTM*472*20260908", "REF*6R*100234",
        "SVC*HC:97110*110*0", "DTM*472*20260908", "CAS*CO*197*110", "REF*6R*100235"}});
  const auto r = reconcile({deny("C1", 2, "97110", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.lines_matched == 1);
  CHECK(r.totals.true_positives == 1);
  CHECK(r.totals.missed == 0);
  CHECK(r.totals.false_alarms == 0);
}

TEST_CASE("Reconcile: an SVC outside a claim counts as a line read and unmatched", "[reconcile]") {
  const auto remit = remittance_file(
      "61101",
      {{"SVC*HC:97110*55*55"}, {"CLP*C1*1*55*55**12*P1", "SVC*HC:97140*55*55", "REF*6R*1"}});
  const auto r = reconcile({}, remit);
  CHECK(r.totals.claims_read == 1);
  CHECK(r.totals.lines_read == 2);
  CHECK(r.totals.lines_unmatched == 2);
  CHECK(r.by_payer.at("61101").lines_read == 2);
  CHECK(r.by_payer.at("61101").lines_unmatched == 2);
}

TEST_CASE("Reconcile: a denial no rule requires authorization for is a lesson to add the rule",
          "[reconcile]") {
  const auto remit = remittance_file("61101", {{"CLP*C9*4*55*0**12*P1", "SVC*HC:97140*55*0",
                                                "DTM*472*20260908", "CAS*CO*197*55"}});
  const auth_rules rules;
  const auto r = reconcile({}, remit, {nullptr, &rules});
  CHECK(r.totals.missed == 1);
  CHECK(r.totals.recall() == 0.0);
  CHECK_FALSE(r.totals.precision());
  REQUIRE(r.lessons.size() == 1);
  CHECK(r.lessons[0].message ==
        "payer 61101 denied 97140 with CO-197: no rule says it needs authorization; add "
        "`61101,97140,yes` to the rules");
  CHECK(row(r, "97140").lessons.size() == 1);
}

TEST_CASE("Reconcile: without the rules, a CO-197 lesson says what to check either way",
          "[reconcile]") {
  const auto remit = remittance_file("61101", {{"CLP*C9*4*55*0**12*P1", "SVC*HC:97140*55*0",
                                                "DTM*472*20260908", "CAS*CO*197*55"}});
  const auto r = reconcile({}, remit);
  REQUIRE(r.lessons.size() == 1);
  CHECK(r.lessons[0].message ==
        "payer 61101 denied 97140 with CO-197: the rules were not given to reconcile (--rules); "
        "if no rule says it needs authorization, add `61101,97140,yes` to the rules; if one "
        "does, check the authorization's number, code, dates, provider and site against what the "
        "payer has on file");
}

TEST_CASE("Reconcile: lessons say what to change for each kind of denial", "[reconcile]") {
  struct lesson_case {
    const char* cas;
    const char* says;
  };
  const lesson_case c = GENERATE(values<lesson_case>({
      {"CAS*CO*198*55", "ledger"},
      {"CAS*CO*B7*55", "enrollment roster"},
      {"CAS*CO*288*55", "requires_referral"},
      {"CAS*CO*39*55", "status to denied"},
  }));
  const auto remit = remittance_file(
      "61101", {{"CLP*C9*4*55*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908", c.cas}});
  const auto r = reconcile({}, remit);
  REQUIRE(r.lessons.size() == 1);
  CHECK_THAT(r.lessons[0].message, Catch::Contains(c.says));
}

TEST_CASE(
    "Reconcile: with rules that require authorization, the lesson points at the "
    "authorization",
    "[reconcile]") {
  auth_rules rules;
  rules.add("*", "97*", true);
  const auto remit = remittance_file("61101", {{"CLP*C9*4*55*0**12*P1", "SVC*HC:97140*55*0",
                                                "DTM*472*20260908", "CAS*CO*197*55"}});
  const auto r = reconcile({}, remit, {nullptr, &rules});
  REQUIRE(r.lessons.size() == 1);
  CHECK_THAT(r.lessons[0].message, Catch::Contains("check its number, code, dates"));
}

TEST_CASE("Reconcile: 16 counts as an authorization denial only with M62 or N54", "[reconcile]") {
  const std::vector<std::string> m62{"M62"}, other{"MA130"};
  CHECK(is_authorization_denial({"CO", "16", decimal(), std::nullopt}, m62));
  CHECK_FALSE(is_authorization_denial({"CO", "16", decimal(), std::nullopt}, other));
  CHECK_FALSE(is_authorization_denial({"CO", "45", decimal(), std::nullopt}, m62));
  CHECK(is_authorization_denial({"CO", "B7", decimal(), std::nullopt}, other));
}

TEST_CASE("Reconcile: a payer's other codes are a lesson until a profile maps them",
          "[reconcile]") {
  const auto remit = remittance_file("61101", {{"CLP*C1*4*55*0**12*P1", "SVC*HC:97140*55*0",
                                                "DTM*472*20260908", "CAS*CO*15*55", "REF*6R*1"}});
  const std::vector<finding> findings{
      deny("C1", 1, "97140", finding_kind::auth_number_unknown, "16", {"M62"})};
  const auto plain = reconcile(findings, remit);
  CHECK(plain.totals.true_positives == 1);
  REQUIRE(plain.lessons.size() == 1);
  CHECK_THAT(plain.lessons[0].message,
             Catch::Contains("with CO-15 where the run predicted CO-16 M62 (auth_number_unknown)"));

  payer_profiles legacy;
  legacy.set_preset("61101", profile_preset::legacy);
  const auto through = reconcile(findings, remit, {&legacy, nullptr});
  CHECK(through.totals.true_positives == 1);
  CHECK(through.lessons.empty());
}

TEST_CASE("Reconcile: a code a profile maps to counts as an authorization denial", "[reconcile]") {
  payer_profiles profiles;
  profiles.set_override("61101", finding_kind::auth_missing, {"CO", "A1", std::nullopt});
  const auto remit = remittance_file(
      "61101", {{"CLP*C1*4*55*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908", "CAS*CO*A1*55"}});
  CHECK(reconcile({}, remit).totals.denials_made == 0);
  CHECK(reconcile({}, remit, {&profiles, nullptr}).totals.denials_made == 1);
}

TEST_CASE("Reconcile: a profile's CO-16 counts as a denial only with its remarks", "[reconcile]") {
  payer_profiles profiles;
  profiles.set_preset("*", profile_preset::standard);
  const auto remit =
      remittance_file("61101", {{"CLP*C1*4*55*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908",
                                 "CAS*CO*16*55", "LQ*HE*MA130"}});
  const auto r = reconcile({}, remit, {&profiles, nullptr});
  CHECK(r.totals.denials_made == 0);
  CHECK(r.lessons.empty());
}

TEST_CASE("Reconcile: a finding that carries the payer's own codes is no code lesson",
          "[reconcile]") {
  // The run gave the line the codes the payer sent, although the profile reconciled with would
  // give another code for its kind.
  payer_profiles legacy;
  legacy.set_preset("61101", profile_preset::legacy);
  const auto remit =
      remittance_file("61101", {{"CLP*C1*4*55*0**12*P1", "SVC*HC:97110*55*0", "DTM*472*20260908",
                                 "CAS*CO*16*55", "LQ*HE*M62", "REF*6R*1"}});
  const auto r =
      reconcile({deny("C1", 1, "97110", finding_kind::auth_number_unknown, "16", {"M62"})}, remit,
                {&legacy, nullptr});
  CHECK(r.totals.true_positives == 1);
  CHECK(r.lessons.empty());
}

TEST_CASE("Reconcile: a predicted denial the payer paid is a false alarm", "[reconcile]") {
  const auto remit = remittance_file("61101", {{"CLP*C1*1*55*44**12*P1", "SVC*HC:97140*55*44",
                                                "DTM*472*20260908", "CAS*CO*45*11"}});
  const auto r = reconcile({deny("C1", 1, "97140", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.false_alarms == 1);
  CHECK(r.totals.precision() == 0.0);
  CHECK_FALSE(r.totals.recall());
}

TEST_CASE("Reconcile: an unreadable claim's lines count as read and unmatched", "[reconcile]") {
  const auto remit =
      remittance_file("61101", {{"CLP*C1*4*abc*0**12*P1", "SVC*HC:97140*55*0", "SVC*HC:97110*55*0"},
                                {"CLP*C2*1*55*55**12*P2", "SVC*HC:97140*55*55"}});
  const auto r = reconcile({}, remit);
  CHECK(r.totals.claims_read == 2);
  CHECK(r.claims_rejected == 1);
  CHECK(r.totals.lines_read == 3);
  CHECK(r.totals.lines_unmatched == 3);
  CHECK(r.by_payer.at("61101").lines_read == 3);
}

TEST_CASE("Reconcile: the summary has exactly the documented keys", "[reconcile]") {
  const auto remit = remittance_file("61101", {{"CLP*C1*4*55*0**12*P1", "SVC*HC:97140*55*0",
                                                "DTM*472*20260908", "CAS*CO*197*55"}});
  const auto json = reconcile_summary_json(reconcile({}, remit));
  for (const char* key : {"claims_read", "lines_read", "lines_matched", "lines_unmatched",
                          "denials_made", "denials_predicted", "true_positives", "missed",
                          "false_alarms", "precision", "recall", "by_payer"}) {
    CHECK_THAT(json, Catch::Contains(std::string("\"") + key + "\":"));
  }
  CHECK_THAT(json, Catch::Contains("\"61101\": {"));
  CHECK_THAT(json, Catch::Contains("\"precision\": null"));
}

TEST_CASE("Reconcile: findings written as JSON Lines read back", "[reconcile]") {
  auto f = deny("C\"1", 2, "97140", finding_kind::auth_number_unknown, "16", {"M62"});
  f.auth_number = "PT1";
  f.units = decimal::from_integer(2);
  f.charge = decimal::from_integer(55);
  f.message = "caf\xC3\xA9 \u00e9\t";
  const auto back = parse_findings(to_json(f) + "\n\n" + to_json(f) + "\n", "f.jsonl");
  REQUIRE(back.size() == 2);
  CHECK(back[0].claim_id == "C\"1");
  CHECK(back[0].line == 2);
  CHECK(back[0].kind == finding_kind::auth_number_unknown);
  CHECK(back[0].level == severity::deny);
  CHECK(back[0].rarc == std::vector<std::string>{"M62"});
  CHECK(back[0].auth_number == "PT1");
  CHECK(back[0].service_date == date(2026, 9, 8));
  CHECK(back[0].charge == decimal::from_integer(55));
  CHECK(back[0].message == f.message);
}

TEST_CASE("Reconcile: a line that is not a finding is refused with its line and column",
          "[reconcile]") {
  try {
    static_cast<void>(
        parse_findings("{\"claim_id\":\"C1\",\"kind\":\"auth_missing\"}\n"
                       "{\"claim_id\":\"C1\",\"kind\":\"nope\"}\n",
                       "f.jsonl"));
    FAIL("no error");
  } catch (const input_error& e) {
    CHECK(e.where().file == "f.jsonl");
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 25);  // where the value starts
    CHECK_THAT(e.what(), Catch::Contains("'nope' is not a finding kind"));
  }
}

TEST_CASE("Reconcile: JSON Lines, the summary and CSV replace bytes that are not UTF-8 (U+FFFD)",
          "[reconcile]") {
  // A payer ID with a stray Latin-1 byte and a code with a cut-short sequence, as a damaged 835
  // may carry them; the lesson quotes both.
  const auto remit = remittance_file(
      "61\xE9"
      "01",
      {{"CLP*C9*4*55*0**12*P1", "SVC*HC:97\xC3*55*0", "DTM*472*20260908", "CAS*CO*197*55"}});
  const auto r = reconcile({}, remit);
  REQUIRE(r.rows.size() == 1);
  const auto jsonl = reconcile_jsonl(r);
  CHECK_THAT(jsonl, Catch::Contains("\"payer_id\": \"61\\ufffd01\", \"code\": \"97\\ufffd\"") &&
                        Catch::Contains("payer 61\\ufffd01 denied 97\\ufffd with CO-197"));
  const auto summary = reconcile_summary_json(r);
  CHECK_THAT(summary, Catch::Contains("\"61\\ufffd01\": {"));
  const auto csv = reconcile_csv(r);
  CHECK_THAT(csv, Catch::Contains("\r\n61\xEF\xBF\xBD"
                                  "01,97\xEF\xBF\xBD,"));
  CHECK(csv.find('\xE9') == std::string::npos);
  for (const auto& text : {jsonl, summary}) {
    CHECK(std::none_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  }
}

TEST_CASE("Reconcile: a reversal's lines are read and are no denial", "[reconcile][reversal]") {
  // CLP02 22 takes back a payment made in an earlier remittance, with its amounts negated.
  const auto remit = remittance_file(
      "61101",
      {{"CLP*C1*22*-165*0**12*P1", "SVC*HC:97140*-55*0", "DTM*472*20260908", "CAS*CO*197*-55",
        "REF*6R*2", "SVC*HC:97110*-110*0", "DTM*472*20260908", "CAS*CO*45*-110", "REF*6R*1"}});
  const auto r = reconcile({deny("C1", 2, "97140", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.claims_read == 1);
  CHECK(r.totals.lines_read == 2);
  CHECK(r.totals.lines_matched == 0);
  CHECK(r.totals.lines_unmatched == 2);
  CHECK(r.totals.denials_made == 0);
  CHECK(r.totals.denials_predicted == 0);
  CHECK(r.totals.missed == 0);
  CHECK(r.lessons.empty());
}

TEST_CASE("Reconcile: a reversal takes back the payment before it and the correction counts",
          "[reconcile][reversal]") {
  // Denied, reversed, then paid on the corrected claim: the payer's decision is the last one.
  const auto remit = remittance_file(
      "61101", {{"CLP*C1*4*55*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908", "CAS*CO*197*55",
                 "REF*6R*2"},
                {"CLP*C1*22*-55*0**12*P1", "SVC*HC:97140*-55*0", "DTM*472*20260908",
                 "CAS*CO*197*-55", "REF*6R*2"},
                {"CLP*C1*1*55*55**12*P2", "SVC*HC:97140*55*55", "DTM*472*20260908", "REF*6R*2"}});
  const auto r = reconcile({deny("C1", 2, "97140", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.claims_read == 3);
  CHECK(r.totals.lines_read == 3);
  CHECK(r.totals.lines_matched == 1);
  CHECK(r.totals.lines_unmatched == 2);
  CHECK(r.totals.denials_made == 0);
  CHECK(r.totals.denials_predicted == 1);
  CHECK(r.totals.true_positives == 0);
  CHECK(r.totals.false_alarms == 1);
  CHECK(row(r, "97140").counts.false_alarms == 1);
  CHECK(row(r, "97140").counts.lines_read == 3);
}

TEST_CASE("Reconcile: a reversed denial teaches nothing", "[reconcile][reversal]") {
  const auto remit = remittance_file(
      "61101",
      {{"CLP*C2*4*55*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908", "CAS*CO*197*55"},
       {"CLP*C2*22*-55*0**12*P1", "SVC*HC:97140*-55*0", "DTM*472*20260908", "CAS*CO*197*-55"}});
  const auto r = reconcile({}, remit);
  CHECK(r.totals.denials_made == 0);
  CHECK(r.totals.missed == 0);
  CHECK(r.lessons.empty());
  CHECK(row(r, "97140").lessons.empty());
}

TEST_CASE("Reconcile: a reversal takes back only the latest payment of its claim",
          "[reconcile][reversal]") {
  // The denial of 09-07 matches no line of the run (another day); the payment of 09-08 matches
  // the run's line 1 and is the one reversed: its false alarm goes, the denial stands.
  const auto remit = remittance_file(
      "61101", {{"CLP*C3*4*55*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260907", "CAS*CO*197*55"},
                {"CLP*C3*1*55*55**12*P2", "SVC*HC:97140*55*55", "DTM*472*20260908"},
                {"CLP*C3*22*-55*-55**12", "SVC*HC:97140*-55*-55", "DTM*472*20260908"}});
  const auto r = reconcile({deny("C3", 1, "97140", finding_kind::auth_missing, "197")}, remit);
  CHECK(r.totals.lines_matched == 0);
  CHECK(r.totals.false_alarms == 0);
  CHECK(r.totals.denials_predicted == 0);
  CHECK(r.totals.denials_made == 1);
  CHECK(r.totals.missed == 1);
  CHECK(r.lessons.size() == 1);
}

TEST_CASE("Reconcile: a reversal takes back the payment with its payer claim number",
          "[reconcile][reversal]") {
  // The correction (P2) came before the reversal of the original (P1) in the remittance.
  const auto remit = remittance_file(
      "61101",
      {{"CLP*C4*4*55*0**12*P1", "SVC*HC:97140*55*0", "DTM*472*20260908", "CAS*CO*197*55"},
       {"CLP*C4*1*55*55**12*P2", "SVC*HC:97140*55*55", "DTM*472*20260908"},
       {"CLP*C4*22*-55*0**12*P1", "SVC*HC:97140*-55*0", "DTM*472*20260908", "CAS*CO*197*-55"}});
  const auto r = reconcile({}, remit);
  CHECK(r.totals.denials_made == 0);
  CHECK(r.totals.missed == 0);
  CHECK(r.lessons.empty());
}
