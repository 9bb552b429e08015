#include "remittance.hpp"

#include "population.hpp"
#include "random.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <span>
#include <tuple>
#include <utility>

namespace authmatch::synth {
namespace {

/// A decision outside authorization, with the remark a payer sends with it.
struct other_reason {
  std::string_view group, carc, remark;
};
constexpr other_reason other_reasons[] = {
    {"CO", "97", "M15"},   // bundled with another service
    {"CO", "18", "N522"},  // duplicate of a claim already processed
    {"PR", "1", ""},       // the member's deductible: allowed, paid by the patient
};

/// How the payer settled one line.
struct decision {
  std::string_view outcome = "paid";  ///< paid, denied or deductible
  std::string_view group, carc;       ///< the deciding adjustment (none when paid)
  std::vector<std::string_view> remarks;
  std::string_view kinds;      ///< what authmatch found on the line
  bool predicted = false;      ///< authmatch denies the line
  bool authorization = false;  ///< the deciding adjustment is about authorization
  std::string_view surprise;   ///< what a tracker could not know ("" when nothing)
  std::int64_t allowed = 0, paid = 0, contractual = 0, patient = 0;  ///< thousandths
};

/// The allowed amount of a charge: 80% of it, in whole cents.
std::int64_t allowed_of(std::int64_t charge) { return charge / 10 * 80 / 100 * 10; }

std::string amount_text(std::int64_t thousandths) {
  std::string out;
  append_amount(out, thousandths);
  return out;
}

/// Whether the lines of a claim can be told apart by code and first day alone.
bool distinct_code_and_date(const std::vector<kept_line>& lines) {
  std::set<std::pair<std::string_view, std::int64_t>> seen;
  for (const kept_line& l : lines) {
    if (!seen.emplace(l.code, l.from).second) return false;
  }
  return true;
}

/// The judgement of line `number` of a claim (null: no finding).
const line_judgement* judgement_of(const judgements& found, const std::string& claim_id,
                                   std::uint32_t number) {
  const auto judged = found.find(claim_id);
  if (judged == found.end() || number > judged->second.size()) return nullptr;
  return &judged->second[number - 1];
}

bool denies(const line_judgement* judged) { return judged != nullptr && !judged->carc.empty(); }

/// The payer's decision on a line that the payer's rules judge `judged` and the run's rules
/// `run` (null: no finding); `omitted` when the run's rules omit the line's payer and code.
decision decide(rng& random, std::int64_t charge, const line_judgement* judged,
                const line_judgement* run, bool omitted, double surprises,
                remittance_totals& totals) {
  decision d;
  d.allowed = allowed_of(charge);
  if (run != nullptr) d.kinds = run->kinds;
  d.predicted = denies(run);
  const bool payer_denies = denies(judged);
  const bool surprise = random.chance(surprises);
  if (omitted && payer_denies) {  // the payer requires the authorization the run's rules omit
    // A reason the run still finds (a number not on file, a missing referral) holds for the
    // payer too: it denies with the run's codes. Otherwise with CO-197, which the run missed.
    d.outcome = "denied";
    d.group = d.predicted ? std::string_view(run->group) : "CO";
    d.carc = d.predicted ? std::string_view(run->carc) : "197";
    if (d.predicted) d.remarks.assign(run->rarc.begin(), run->rarc.end());
    d.authorization = true;
    d.surprise = "rule_omitted";
    ++totals.rule_omitted;
  } else if (payer_denies && !surprise) {
    d.outcome = "denied";
    d.group = judged->group;
    d.carc = judged->carc;
    d.remarks.assign(judged->rarc.begin(), judged->rarc.end());
    d.authorization = true;
  } else if (payer_denies) {
    d.surprise = "paid_anyway";
    ++totals.paid_anyway;
  } else if (surprise && random.chance(0.5)) {
    d.outcome = "denied";
    d.group = "CO";
    d.carc = "197";
    d.authorization = true;
    d.surprise = "unforeseen_denial";
    ++totals.unforeseen;
  } else if (surprise) {
    const other_reason& why = random.pick(other_reasons);
    d.outcome = why.group == "PR" ? "deductible" : "denied";
    d.group = why.group;
    d.carc = why.carc;
    if (!why.remark.empty()) d.remarks.push_back(why.remark);
    d.surprise = "other_denial";
    ++totals.other_denials;
  }
  if (d.outcome == "paid") {
    d.paid = d.allowed;
    d.contractual = charge - d.allowed;
  } else if (d.outcome == "deductible") {
    d.patient = d.allowed;
    d.contractual = charge - d.allowed;
  } else {
    d.allowed = 0;
  }
  totals.predicted += d.predicted ? 1 : 0;
  totals.authorization_denials += d.authorization ? 1 : 0;
  return d;
}

/// Writes one interchange of 835 transactions, deciding each line as it goes.
class payer_run {
 public:
  payer_run(const remittance_options& opts, const batch_judgements& found, output& x835,
            output* truth)
      : opts_(opts),
        found_(found),
        seg_(x835, opts.delims),
        truth_(truth),
        random_(opts.seed ^ 0x835835835ULL) {
    write_isa(x835, opts.delims, "PAYERGATEWAY", "AUTHMATCHSYNTH", today.substr(2));
    seg_.begin("GS").add("HP").add("PAYERGATEWAY").add("AUTHMATCHSYNTH").add(today).add("1200");
    seg_.add("1").add("X").add("005010X221A1").end();
    if (truth_ != nullptr) truth_->write(remittance_truth_header());
  }

  /// The claims of one payer to one payee.
  void transaction(std::span<const kept_claim* const> claims) {
    // Decide every line first: the payment (BPR) comes before the claims.
    decided_.assign(claims.size(), {});
    numbered_.assign(claims.size(), true);
    std::int64_t payment = 0;
    for (std::size_t i = 0; i < claims.size(); ++i) {
      const kept_claim& c = *claims[i];
      numbered_[i] =
          !random_.chance(opts_.without_control_numbers) || !distinct_code_and_date(c.lines);
      for (const kept_line& l : c.lines) {
        const bool omitted = std::any_of(
            found_.omitted.begin(), found_.omitted.end(),
            [&](const omitted_rule& r) { return r.payer_id == c.payer_id && r.code == l.code; });
        decided_[i].push_back(decide(random_, l.charge, judgement_of(found_.payer, c.id, l.number),
                                     judgement_of(found_.run, c.id, l.number), omitted,
                                     opts_.surprises, totals_));
        payment += decided_[i].back().paid;
      }
    }
    ++transactions_;
    const std::string control = fmt::format("{:04}", transactions_);
    seg_.reset_count();
    seg_.begin("ST").add("835").add(control).add("005010X221A1").end();
    write_payment(*claims.front(), payment);
    seg_.begin("LX").add("1").end();
    for (std::size_t i = 0; i < claims.size(); ++i)
      write_claim(*claims[i], decided_[i], numbered_[i]);
    seg_.begin("SE").add(std::to_string(seg_.count() + 1)).add(control).end();
  }

  remittance_totals finish() {
    seg_.begin("GE").add(std::to_string(transactions_)).add("1").end();
    seg_.begin("IEA").add("1").add("000000001").end();
    return totals_;
  }

 private:
  static constexpr std::string_view today = "20261015";

  /// BPR, TRN, the payer (1000A) and the payee (1000B).
  void write_payment(const kept_claim& head, std::int64_t payment) {
    const std::string payer_tin = fmt::format("1{:0>9}", head.payer_id);
    if (payment > 0) {
      seg_.begin("BPR").add("I").add(amount_text(payment)).add("C").add("ACH").add("CCP");
      seg_.add("01").add("011000015").add("DA").add("1234567890").add(payer_tin).add("");
      seg_.add("01").add("021000021").add("DA").add("9876543210").add(today).end();
    } else {
      seg_.begin("BPR").add("H").add("0").add("C").add("NON");
      for (int i = 0; i < 11; ++i) seg_.add("");
      seg_.add(today).end();
    }
    seg_.begin("TRN").add("1").add(fmt::format("EFT{:07}", transactions_)).add(payer_tin).end();
    seg_.begin("DTM").add("405").add(today).end();
    seg_.begin("N1").add("PR").add("SYNTHETIC HEALTH PLAN").add("XV").add(head.payer_id).end();
    seg_.begin("N3").add("PO BOX 1000").end();
    seg_.begin("N4").add("SPRINGFIELD").add("IL").add("627010000").end();
    seg_.begin("PER").add("BL").add("PROVIDER SERVICES").add("TE").add("8005550199").end();
    seg_.begin("N1").add("PE").add("SYNTHETIC CARE GROUP").add("XX").add(head.billing_npi).end();
    seg_.begin("N3").add("100 MAIN ST").end();
    seg_.begin("N4").add("SPRINGFIELD").add("IL").add("627010001").end();
    seg_.begin("REF").add("TJ").add("371234567").end();
  }

  void write_claim(const kept_claim& c, const std::vector<decision>& lines, bool numbered) {
    std::int64_t charge = 0, paid = 0, patient = 0;
    std::int64_t from = c.lines.front().from, to = c.lines.front().to;
    bool all_denied = true;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      charge += c.lines[k].charge;
      paid += lines[k].paid;
      patient += lines[k].patient;
      all_denied = all_denied && lines[k].outcome == "denied";
      from = std::min(from, c.lines[k].from);
      to = std::max(to, c.lines[k].to);
    }
    ++totals_.claims;
    seg_.begin("CLP").add(c.id).add(all_denied ? "4" : "1").add(amount_text(charge));
    seg_.add(amount_text(paid))
        .add(amount_text(patient))
        .add(c.payer_id == hmo_payer ? "HM" : "12");
    seg_.add(fmt::format("26288{:09}", totals_.claims));
    seg_.add(c.institutional ? std::string_view() : std::string_view(c.place));
    seg_.add(std::string_view(&c.frequency, 1)).end();
    seg_.begin("NM1").add("QC").add("1").add("PATIENT").add("SYNTHETIC").add("").add("").add("");
    seg_.add("MI").add(c.member_id).end();
    seg_.begin("DTM").add("232").add(date_text(from)).end();
    seg_.begin("DTM").add("233").add(date_text(to)).end();
    seg_.begin("DTM").add("050").add("20261001").end();
    for (std::size_t k = 0; k < lines.size(); ++k) {
      write_line(c.lines[k], lines[k], numbered);
      if (truth_ != nullptr) write_truth(c, c.lines[k], lines[k], numbered);
    }
  }

  void write_line(const kept_line& l, const decision& d, bool numbered) {
    ++totals_.lines;
    seg_.begin("SVC").add("HC").sub(l.code);
    for (const auto& m : l.modifiers) seg_.sub(m);
    seg_.add(amount_text(l.charge)).add(amount_text(d.paid)).add("").add(amount_text(l.units));
    seg_.end();
    if (l.from == l.to) {
      seg_.begin("DTM").add("472").add(date_text(l.from)).end();
    } else {
      seg_.begin("DTM").add("150").add(date_text(l.from)).end();
      seg_.begin("DTM").add("151").add(date_text(l.to)).end();
    }
    if (d.contractual > 0) {
      seg_.begin("CAS").add("CO").add("45").add(amount_text(d.contractual)).end();
    }
    if (d.outcome == "denied") {
      seg_.begin("CAS").add(d.group).add(d.carc).add(amount_text(l.charge)).end();
    } else if (d.patient > 0) {
      seg_.begin("CAS").add(d.group).add(d.carc).add(amount_text(d.patient)).end();
    }
    if (numbered) seg_.begin("REF").add("6R").add(std::to_string(l.number)).end();
    if (d.allowed > 0) seg_.begin("AMT").add("B6").add(amount_text(d.allowed)).end();
    for (const std::string_view remark : d.remarks) seg_.begin("LQ").add("HE").add(remark).end();
  }

  void write_truth(const kept_claim& c, const kept_line& l, const decision& d, bool numbered) {
    std::string adjustment;
    if (!d.carc.empty()) adjustment = fmt::format("{}-{}", d.group, d.carc);
    for (const std::string_view remark : d.remarks) {
      fmt::format_to(std::back_inserter(adjustment), " {}", remark);
    }
    truth_->write(fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", c.id, l.number, c.payer_id,
                              l.code, numbered ? "yes" : "no", d.kinds, d.predicted ? "yes" : "no",
                              d.outcome, adjustment, d.authorization ? "yes" : "no", d.surprise));
  }

  const remittance_options& opts_;
  const batch_judgements& found_;
  segment_writer seg_;
  output* truth_;
  rng random_;
  remittance_totals totals_;
  std::uint64_t transactions_ = 0;
  std::vector<std::vector<decision>> decided_;
  std::vector<bool> numbered_;  ///< per claim: its lines carry REF*6R
};

}  // namespace

judgements judge(const std::function<void(claim_sink&)>& read, std::string_view authorizations_csv,
                 std::string_view rules_csv, std::string_view enrollment_csv) {
  const auto index = parse_authorizations(authorizations_csv, "authorizations");
  const auto rules = parse_auth_rules(rules_csv, "rules");
  const auto roster = parse_enrollment(enrollment_csv, "enrollment");
  const validator checker(index, &rules, validator_options{}, &roster);
  judgements out;
  validation_run run(checker, [&](finding& f) {
    if (f.line == 0) return;  // about the whole claim: no service line of the remittance
    auto& lines = out[f.claim_id];
    if (lines.size() < f.line) lines.resize(f.line);
    line_judgement& judged = lines[f.line - 1];
    if (!judged.kinds.empty()) judged.kinds += '|';
    judged.kinds += to_string(f.kind);
    if (f.level == severity::deny && judged.carc.empty()) {
      judged.group = std::move(f.group);
      judged.carc = std::move(f.carc);
      judged.rarc = std::move(f.rarc);
    }
  });
  read(run);
  static_cast<void>(std::move(run).finish());
  return out;
}

void remittance_writer::add(const expected_line& line) {
  if (claims_.empty() || claims_.back().id != line.claim_id) {
    kept_claim& c = claims_.emplace_back();
    c.id = line.claim_id;
    c.member_id = line.member_id;
    c.payer_id = line.payer_id;
    c.billing_npi = line.billing_npi;
    c.place = line.place_of_service;
    c.frequency = line.frequency;
    c.institutional = line.claim_type == "institutional";
  }
  kept_line& l = claims_.back().lines.emplace_back();
  l.number = line.line;
  l.code = line.code;
  l.modifiers.assign(line.modifiers.begin(), line.modifiers.end());
  l.units = line.units;
  l.charge = line.charge;
  l.from = line.service_date;
  l.to = line.service_date_end;
}

std::string_view remittance_truth_header() {
  return "claim_id,line,payer_id,code,control_number,findings,predicted,decision,adjustment,"
         "authorization,surprise\n";
}

batch_judgements remittance_writer::judge_batch(const std::function<void(claim_sink&)>& read,
                                                std::string_view authorizations_csv,
                                                std::string_view rules_csv,
                                                std::string_view enrollment_csv) const {
  batch_judgements out;
  out.payer = judge(read, authorizations_csv, rules_csv, enrollment_csv);
  // The pairs the payer denies a line of, in a fixed order (void claims are not paid or denied).
  std::set<std::pair<std::string, std::string>> denied;
  for (const kept_claim& c : claims_) {
    if (c.frequency == '8') continue;
    for (const kept_line& l : c.lines) {
      if (denies(judgement_of(out.payer, c.id, l.number))) denied.emplace(c.payer_id, l.code);
    }
  }
  out.run_rules = std::string(rules_csv);
  if (denied.empty()) {
    out.run = out.payer;
    return out;
  }
  rng random(opts_.seed ^ 0x0417ED0417EDULL);
  const auto& [payer_id, code] =
      *std::next(denied.begin(), static_cast<std::ptrdiff_t>(random.below(denied.size())));
  out.omitted.push_back({payer_id, code});
  // The row that omits the pair keeps the referral the payer's rules ask for it.
  const auto rules = parse_auth_rules(rules_csv, "rules");
  if (!out.run_rules.empty() && out.run_rules.back() != '\n') out.run_rules += '\n';
  out.run_rules += fmt::format("{},{},no,{}\n", payer_id, code,
                               rules.requires_referral(payer_id, code) ? "yes" : "no");
  out.run = judge(read, authorizations_csv, out.run_rules, enrollment_csv);
  return out;
}

remittance_totals remittance_writer::write(const batch_judgements& found, output& x835,
                                           output* truth) const {
  // A payer pays each provider separately: one transaction per payer and payee.
  std::vector<const kept_claim*> order;
  for (const kept_claim& c : claims_) {
    if (c.frequency != '8') order.push_back(&c);
  }
  std::stable_sort(order.begin(), order.end(), [](const kept_claim* a, const kept_claim* b) {
    return std::tie(a->payer_id, a->billing_npi) < std::tie(b->payer_id, b->billing_npi);
  });
  payer_run run(opts_, found, x835, truth);
  for (std::size_t first = 0; first < order.size();) {
    std::size_t end = first + 1;
    while (end < order.size() && order[end]->payer_id == order[first]->payer_id &&
           order[end]->billing_npi == order[first]->billing_npi) {
      ++end;
    }
    run.transaction(std::span(order).subspan(first, end - first));
    first = end;
  }
  return run.finish();
}

}  // namespace authmatch::synth
