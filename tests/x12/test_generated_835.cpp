// The payer's 835 for a generated batch: read back with no diagnostic, balanced, with the
// decision its truth file states on every line, the same for a seed, and reconciled with the
// run's findings into exactly the counts that truth gives.

#include "x12/recorder.hpp"

#include <generator.hpp>
#include <remittance.hpp>

#include <authmatch/loaders.hpp>
#include <authmatch/reconcile.hpp>
#include <authmatch/validator.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// A generated batch: the 837, what it is checked against (`rules` as kept for the run, which
/// omit a pair the payer requires), the payer's 835 and its truth.
struct batch {
  std::string claims, auths, rules, enrollment, remit, truth;
  std::vector<synth::omitted_rule> omitted;
  synth::remittance_totals totals;
};

batch generate(synth::claim_kind kind, std::uint64_t seed, double surprises,
               std::uint64_t claims = 300) {
  batch b;
  synth::options opts;
  opts.kind = kind;
  opts.seed = seed;
  opts.claims = claims;
  opts.claims_per_transaction = 120;
  synth::remittance_options payer_opts;
  payer_opts.seed = seed;
  payer_opts.surprises = surprises;
  synth::remittance_writer payer(payer_opts);
  {
    synth::output x12(b.claims), auths(b.auths), rules(b.rules), enrollment(b.enrollment);
    synth::generate(
        opts, x12, &auths, [&](const synth::expected_line& line) { payer.add(line); }, &enrollment,
        &rules);
  }
  const auto judged = payer.judge_batch(
      [&](claim_sink& sink) { x12::read_837_buffer(b.claims, "claims.x12", sink); }, b.auths,
      b.rules, b.enrollment);
  b.rules = judged.run_rules;
  b.omitted = judged.omitted;
  synth::output remit(b.remit), truth(b.truth);
  b.totals = payer.write(judged, remit, &truth);
  return b;
}

/// One row of the truth file, by column name.
using truth_row = std::map<std::string, std::string>;

std::vector<truth_row> truth_rows(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  std::istringstream header(line);
  for (std::string name; std::getline(header, name, ',');) names.push_back(name);
  std::vector<truth_row> rows;
  while (std::getline(in, line)) {
    truth_row& row = rows.emplace_back();
    std::size_t at = 0;
    for (const auto& name : names) {
      const std::size_t comma = std::min(line.find(',', at), line.size());
      row[name] = line.substr(at, comma - at);
      at = comma + 1;
    }
  }
  return rows;
}

decimal sum_of(const std::vector<remittance_adjustment>& adjustments) {
  decimal total;
  for (const auto& a : adjustments) total = total + a.amount;
  return total;
}

/// What reconciling the 835 must count, from the truth alone.
reconcile_counts expected_counts(const std::vector<truth_row>& rows, std::string_view payer = {}) {
  reconcile_counts c;
  std::set<std::string> claims;
  for (const auto& r : rows) {
    if (!payer.empty() && r.at("payer_id") != payer) continue;
    claims.insert(r.at("claim_id"));
    const bool denied = r.at("authorization") == "yes", predicted = r.at("predicted") == "yes";
    ++c.lines_read;
    ++(r.at("findings").empty() ? c.lines_unmatched : c.lines_matched);
    c.denials_made += denied ? 1 : 0;
    c.denials_predicted += predicted ? 1 : 0;
    c.true_positives += denied && predicted ? 1 : 0;
    c.missed += denied && !predicted ? 1 : 0;
    c.false_alarms += predicted && !denied ? 1 : 0;
  }
  c.claims_read = claims.size();
  return c;
}

void check_counts(const reconcile_counts& got, const reconcile_counts& want) {
  CHECK(got.claims_read == want.claims_read);
  CHECK(got.lines_read == want.lines_read);
  CHECK(got.lines_matched == want.lines_matched);
  CHECK(got.lines_unmatched == want.lines_unmatched);
  CHECK(got.denials_made == want.denials_made);
  CHECK(got.denials_predicted == want.denials_predicted);
  CHECK(got.true_positives == want.true_positives);
  CHECK(got.missed == want.missed);
  CHECK(got.false_alarms == want.false_alarms);
}

/// The findings of a validation run over the batch's claims, with its authorizations, rules and
/// roster, as `authmatch validate` gives them.
std::vector<finding> findings_of(const batch& b) {
  const auto index = parse_authorizations(b.auths);
  const auto rules = parse_auth_rules(b.rules);
  const auto roster = parse_enrollment(b.enrollment);
  const validator checker(index, &rules, {}, &roster);
  std::vector<finding> findings;
  validation_run run(checker, [&](finding& f) { findings.push_back(std::move(f)); });
  x12::read_837_buffer(b.claims, "claims.x12", run);
  static_cast<void>(std::move(run).finish());
  return findings;
}

}  // namespace

TEST_CASE("A generated 835 reads back cleanly with its truth's decision on every line",
          "[x12][generated][remittance]") {
  const auto kind = GENERATE(synth::claim_kind::professional, synth::claim_kind::institutional);
  const auto seed = GENERATE(1u, 42u);
  const batch b = generate(kind, seed, 0.2);
  const auto r = read_remit(b.remit);
  CHECK(r.sink.diagnostics.empty());
  CHECK(r.sink.rejected.empty());
  CHECK(r.stats.claims_read == b.totals.claims);
  CHECK(r.stats.lines_read == b.totals.lines);
  CHECK(r.stats.transactions > 6);  // one per payer and payee
  const auto rows = truth_rows(b.truth);
  REQUIRE(rows.size() == b.totals.lines);
  std::size_t at = 0, unnumbered = 0;
  std::map<std::string, std::size_t> surprises;
  for (const auto& claim : r.sink.claims) {
    CAPTURE(claim.claim_id);
    decimal charge, paid;
    const auto numbers = claim.line_numbers();
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {
      const auto& line = claim.lines[i];
      const truth_row& t = rows.at(at++);
      CAPTURE(line.position);
      CHECK(claim.claim_id == t.at("claim_id"));
      CHECK(claim.payer_id == t.at("payer_id"));
      CHECK(line.code == t.at("code"));
      CHECK(std::to_string(numbers[i]) == t.at("line"));
      CHECK(line.control_number.empty() == (t.at("control_number") == "no"));
      if (line.control_number.empty()) ++unnumbered;
      CHECK(line.charge == line.paid + sum_of(line.adjustments));  // the line balances
      CHECK((line.paid == decimal()) == (t.at("decision") != "paid"));
      bool authorization = false;
      std::string adjustment;
      for (const auto& a : line.adjustments) {
        authorization = authorization || is_authorization_denial(a, line.remarks);
        if (a.carc != "45") adjustment = a.group + "-" + a.carc;
      }
      for (const auto& remark : line.remarks) adjustment += " " + remark;
      CHECK(adjustment == t.at("adjustment"));
      CHECK(authorization == (t.at("authorization") == "yes"));
      ++surprises[t.at("surprise")];
      charge = charge + line.charge;
      paid = paid + line.paid;
    }
    CHECK(claim.charge == charge);
    CHECK(claim.paid == paid);
  }
  CHECK(at == rows.size());
  CHECK(unnumbered > 0);
  CHECK(surprises["unforeseen_denial"] == b.totals.unforeseen);
  CHECK(surprises["other_denial"] == b.totals.other_denials);
  CHECK(surprises["paid_anyway"] == b.totals.paid_anyway);
  CHECK(b.totals.unforeseen > 0);
  CHECK(b.totals.other_denials > 0);
  CHECK(b.totals.paid_anyway > 0);
}

TEST_CASE("The generated 835 is the same for a seed and another for another seed",
          "[x12][generated][remittance]") {
  const batch first = generate(synth::claim_kind::professional, 7, 0.05, 100);
  const batch again = generate(synth::claim_kind::professional, 7, 0.05, 100);
  const batch other = generate(synth::claim_kind::professional, 8, 0.05, 100);
  CHECK(first.remit == again.remit);
  CHECK(first.truth == again.truth);
  CHECK(first.remit != other.remit);
}

TEST_CASE("Without surprises the payer denies what authmatch predicts and the omitted rule's lines",
          "[x12][generated][remittance]") {
  const batch b = generate(synth::claim_kind::professional, 3, 0.0, 200);
  CHECK(b.totals.unforeseen + b.totals.other_denials + b.totals.paid_anyway == 0);
  CHECK(b.totals.predicted > 0);
  for (const auto& row : truth_rows(b.truth)) {
    CAPTURE(row.at("claim_id"), row.at("line"));
    CHECK((row.at("authorization") == "yes") ==
          (row.at("predicted") == "yes" || row.at("surprise") == "rule_omitted"));
  }
}

TEST_CASE("The kept rules omit one pair the payer requires, and its denied lines say so",
          "[x12][generated][remittance]") {
  const batch b = generate(synth::claim_kind::professional, 11, 0.05, 300);
  REQUIRE(b.omitted.size() == 1);
  const auto& [payer_id, code] = b.omitted.front();
  CHECK_THAT(b.rules, Catch::EndsWith("\n" + payer_id + "," + code + ",no,no\n") ||
                          Catch::EndsWith("\n" + payer_id + "," + code + ",no,yes\n"));
  std::size_t omitted_rows = 0;
  for (const auto& row : truth_rows(b.truth)) {
    if (row.at("surprise") != "rule_omitted") continue;
    ++omitted_rows;
    CHECK(row.at("payer_id") == payer_id);
    CHECK(row.at("code") == code);
    CHECK(row.at("authorization") == "yes");
    if (row.at("predicted") == "no") CHECK(row.at("adjustment") == "CO-197");
  }
  CHECK(omitted_rows > 0);
  CHECK(omitted_rows == b.totals.rule_omitted);
}

TEST_CASE("Reconciling a generated 835 names the rule the kept rules omit",
          "[x12][generated][remittance][reconcile]") {
  const batch b = generate(synth::claim_kind::professional, 11, 0.05, 300);
  REQUIRE(b.omitted.size() == 1);
  const auto rules = parse_auth_rules(b.rules);
  const auto findings = findings_of(b);
  reconciliation matcher(findings, {nullptr, &rules});
  x12::read_835_buffer(b.remit, "remit.835", matcher);
  const auto report = matcher.report();
  const std::string add = "no rule says it needs authorization; add `" +
                          b.omitted.front().payer_id + "," + b.omitted.front().code +
                          ",yes` to the rules";
  CHECK(std::any_of(report.lessons.begin(), report.lessons.end(), [&](const reconcile_lesson& l) {
    return l.message.find(add) != std::string::npos;
  }));
}

TEST_CASE("Reconciling a generated 835 with the run's findings gives the counts of its truth",
          "[x12][generated][remittance][reconcile]") {
  const auto kind = GENERATE(synth::claim_kind::professional, synth::claim_kind::institutional);
  const batch b = generate(kind, 5, 0.1, 400);
  const auto rules = parse_auth_rules(b.rules);
  const auto findings = findings_of(b);

  reconciliation matcher(findings, {nullptr, &rules});
  x12::read_835_buffer(b.remit, "remit.835", matcher);
  const reconcile_report report = matcher.report();
  const auto rows = truth_rows(b.truth);
  check_counts(report.totals, expected_counts(rows));
  std::uint64_t omitted_missed = 0;
  for (const auto& row : rows) {
    if (row.at("surprise") == "rule_omitted" && row.at("predicted") == "no") ++omitted_missed;
  }
  CHECK(report.totals.missed == b.totals.unforeseen + omitted_missed);
  CHECK(report.totals.false_alarms == b.totals.paid_anyway);
  REQUIRE(report.by_payer.size() == 6);
  for (const auto& [payer, counts] : report.by_payer) {
    CAPTURE(payer);
    check_counts(counts, expected_counts(rows, payer));
  }
}
