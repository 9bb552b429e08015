// Matching remittance lines with a validation run's predictions, and what the misses teach
// (docs/remittances.md).

#include <authmatch/reconcile.hpp>

#include "text/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <tuple>
#include <unordered_map>

namespace authmatch {
inline namespace v0 {
namespace {

/// What the run said about one line of a claim.
struct predicted_line {
  std::uint32_t line = 0;
  std::string code;
  std::optional<date> service_date;
  std::string payer_id;
  bool denied = false;
  std::vector<const finding*> denials;  ///< its `deny` findings
  bool matched = false;
};

constexpr std::array<std::string_view, 12> authorization_carcs = {
    "197", "198", "39", "15", "62", "284", "296", "302", "287", "288", "243", "B7"};

bool has_remark(std::span<const std::string> remarks, std::string_view code) {
  return std::find(remarks.begin(), remarks.end(), code) != remarks.end();
}

std::string adjustment_text(const std::string& group, const std::string& carc,
                            std::span<const std::string> remarks) {
  std::string out = group + "-" + carc;
  for (const auto& r : remarks) out += " " + r;
  return out;
}

/// Names a lesson: payer, code and the payer's adjustment.
using lesson_key = std::tuple<std::string, std::string, std::string>;

/// What one service line of a claim payment added to the counts beyond being read, so that a
/// reversal of the payment can take it back: its match, whether the payer denied it, and the
/// lesson it taught.
struct counted_line {
  std::string payer;
  std::string code;
  predicted_line* prediction = nullptr;  ///< the line of the run it matched
  bool denied = false;
  std::optional<lesson_key> lesson;
};

/// A claim payment counted and not reversed since: its lines that matched a line of the run or
/// were denied (the others added nothing a reversal takes back).
struct counted_payment {
  std::string payer;
  std::string payer_claim_number;  ///< CLP07
  std::vector<counted_line> lines;
};

/// CLP02 of a claim payment that reverses an earlier one.
constexpr std::string_view reversal_status = "22";

/// The payer's authorization-related adjustment of a line, if any, and the remarks it comes with.
struct payer_denial {
  const remittance_adjustment* adjustment = nullptr;
  std::vector<std::string> remarks;  ///< the line's and the claim's
};

}  // namespace

std::optional<double> reconcile_counts::precision() const noexcept {
  if (denials_predicted == 0) return std::nullopt;
  return static_cast<double>(true_positives) / static_cast<double>(denials_predicted);
}

std::optional<double> reconcile_counts::recall() const noexcept {
  if (denials_made == 0) return std::nullopt;
  return static_cast<double>(true_positives) / static_cast<double>(denials_made);
}

bool is_authorization_denial(const remittance_adjustment& adjustment,
                             std::span<const std::string> remarks) noexcept {
  const std::string_view carc = adjustment.carc;
  if (std::find(authorization_carcs.begin(), authorization_carcs.end(), carc) !=
      authorization_carcs.end()) {
    return true;
  }
  return carc == "16" && (has_remark(remarks, "M62") || has_remark(remarks, "N54"));
}

struct reconciliation::state {
  reconcile_options options;
  std::unordered_map<std::string, std::vector<predicted_line>> claims;
  reconcile_report report;
  std::map<std::pair<std::string, std::string>, reconcile_counts> rows;
  std::map<lesson_key, reconcile_lesson> lessons;
  /// The claim payments counted and not reversed, by claim ID, in input order.
  std::unordered_map<std::string, std::vector<counted_payment>> payments;
  std::unordered_map<std::string, std::vector<adjustment_codes>> deny_codes;  ///< by payer

  /// Whether the payer's profile maps an authorization finding to this adjustment (beyond the
  /// fixed list). CARC 16 says only that something is missing or wrong: as in the fixed list, a
  /// profile's 16 counts only with the remarks the profile gives with it, and never without any.
  bool profile_code(const std::string& payer, const remittance_adjustment& a,
                    std::span<const std::string> remarks) {
    if (options.profiles == nullptr) return false;
    for (const auto& codes : deny_codes_of(payer)) {
      if (codes.carc != a.carc || codes.group != a.group) continue;
      if (codes.carc != "16") return true;
      if (!codes.rarc.empty() &&
          std::all_of(codes.rarc.begin(), codes.rarc.end(),
                      [&](const std::string& r) { return has_remark(remarks, r); })) {
        return true;
      }
    }
    return false;
  }

  /// The codes the payer's profile gives the `deny` kinds, with and without a number on the
  /// claim: worked out once per payer, not for every adjustment of every line.
  const std::vector<adjustment_codes>& deny_codes_of(const std::string& payer) {
    const auto [it, added] = deny_codes.try_emplace(payer);
    if (!added) return it->second;
    for (const auto kind : all_finding_kinds) {
      if (severity_of(kind) != severity::deny) continue;
      for (const bool number : {true, false}) {
        it->second.push_back(options.profiles->codes_for(payer, kind, number));
      }
    }
    return it->second;
  }

  payer_denial denial_of(const remittance_claim& claim, const remittance_line& line,
                         const std::string& payer) {
    payer_denial out;
    out.remarks = line.remarks;
    out.remarks.insert(out.remarks.end(), claim.remarks.begin(), claim.remarks.end());
    for (const auto* list : {&line.adjustments, &claim.adjustments}) {
      for (const auto& a : *list) {
        if (is_authorization_denial(a, out.remarks) || profile_code(payer, a, out.remarks)) {
          out.adjustment = &a;
          return out;
        }
      }
    }
    return out;
  }

  /// Pairs each line of the claim with the line the run has findings for, if any: by REF*6R
  /// when the claim's control numbers are line numbers; else, or for a line without one, the
  /// line whose number is the SVC's position when its code (and date, when both are known)
  /// agree; else the first line not yet taken with the same code and date, in line order.
  static std::vector<predicted_line*> match(std::vector<predicted_line>* predicted,
                                            const remittance_claim& claim) {
    std::vector<predicted_line*> out(claim.lines.size(), nullptr);
    if (predicted == nullptr) return out;
    const auto agrees = [](const predicted_line& p, const remittance_line& line) {
      return !p.matched && p.code == line.code &&
             (!p.service_date || !line.service_date || *p.service_date == *line.service_date);
    };
    const auto take = [&](std::size_t i, predicted_line& p) {
      p.matched = true;
      out[i] = &p;
    };
    const bool numbered = claim.control_numbers_are_lines();
    const auto numbers = claim.line_numbers();
    // A line whose REF*6R is its line number is matched by it alone.
    const auto decided = [&](std::size_t i) {
      return numbered && !claim.lines[i].control_number.empty();
    };
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {  // REF*6R: the finding's line
      if (!decided(i)) continue;
      for (auto& p : *predicted) {
        if (!p.matched && p.line == numbers[i]) {
          take(i, p);
          break;
        }
      }
    }
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {  // the line at the SVC's position
      if (decided(i)) continue;
      for (auto& p : *predicted) {
        if (p.line == claim.lines[i].position && agrees(p, claim.lines[i])) {
          take(i, p);
          break;
        }
      }
    }
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {  // else code and date, in order
      if (decided(i) || out[i] != nullptr) continue;
      for (auto& p : *predicted) {
        if (agrees(p, claim.lines[i])) {
          take(i, p);
          break;
        }
      }
    }
    return out;
  }

  /// Adds one to (or, with `by` -1, takes one from) a count of the totals, the payer and the
  /// payer's row for the code.
  void count(const std::string& payer, const std::string& code,
             std::uint64_t reconcile_counts::*field, int by = 1) {
    for (auto* counts : {&report.totals, &report.by_payer[payer], &rows[{payer, code}]}) {
      if (by > 0) {
        ++(counts->*field);
      } else {
        --(counts->*field);
      }
    }
  }

  lesson_key learn(const std::string& payer, const std::string& code, const std::string& adjustment,
                   std::string message) {
    lesson_key key{payer, code, adjustment};
    auto& lesson = lessons[key];
    if (lesson.lines == 0) {
      lesson.payer_id = payer;
      lesson.code = code;
      lesson.adjustment = adjustment;
      lesson.message = std::move(message);
    }
    ++lesson.lines;
    return key;
  }

  void unlearn(const lesson_key& key) {
    const auto found = lessons.find(key);
    if (found != lessons.end() && --found->second.lines == 0) lessons.erase(found);
  }

  /// Counts whether the payer denied a line and the run predicted it, and what that teaches.
  void judge(const counted_line& line, int by) {
    const bool foreseen = line.prediction != nullptr && line.prediction->denied;
    if (line.denied) count(line.payer, line.code, &reconcile_counts::denials_made, by);
    if (foreseen) count(line.payer, line.code, &reconcile_counts::denials_predicted, by);
    if (line.denied && foreseen) {
      count(line.payer, line.code, &reconcile_counts::true_positives, by);
    } else if (line.denied) {
      count(line.payer, line.code, &reconcile_counts::missed, by);
    } else if (foreseen) {
      count(line.payer, line.code, &reconcile_counts::false_alarms, by);
    }
  }

  /// Takes back what a claim payment's line added: it stays read, now unmatched, and its line of
  /// the run is free for the payment that replaces it.
  void withdraw(counted_line& line) {
    judge(line, -1);
    if (line.lesson) unlearn(*line.lesson);
    if (line.prediction != nullptr) {
      count(line.payer, line.code, &reconcile_counts::lines_matched, -1);
      count(line.payer, line.code, &reconcile_counts::lines_unmatched);
      line.prediction->matched = false;
    }
  }

  /// A reversal (CLP02 22) takes back the payer's earlier decision on the claim: the latest
  /// payment of the claim by the same payer read before it with the reversal's payer claim number
  /// (CLP07, which a reversal repeats from the payment it reverses), else the latest by the same
  /// payer, when there is one. Its own lines are read and match nothing: they are no decision.
  void reverse(const remittance_claim& claim, const std::string& payer) {
    for (const auto& line : claim.lines) {
      count(payer, line.code, &reconcile_counts::lines_read);
      count(payer, line.code, &reconcile_counts::lines_unmatched);
    }
    const auto found = payments.find(claim.claim_id);
    if (found == payments.end()) return;
    auto& earlier = found->second;
    auto reversed = std::find_if(earlier.rbegin(), earlier.rend(), [&](const counted_payment& p) {
      return p.payer == payer && !claim.payer_claim_number.empty() &&
             p.payer_claim_number == claim.payer_claim_number;
    });
    if (reversed == earlier.rend()) {
      reversed = std::find_if(earlier.rbegin(), earlier.rend(),
                              [&](const counted_payment& p) { return p.payer == payer; });
    }
    if (reversed == earlier.rend()) return;
    for (auto& line : reversed->lines) withdraw(line);
    earlier.erase(std::next(reversed).base());
  }

  std::string missed_message(const std::string& payer, const remittance_line& line,
                             const remittance_adjustment& a, const std::string& adjustment) const {
    const std::string who = payer.empty() ? std::string("the payer") : "payer " + payer;
    const std::string head = fmt::format("{} denied {} with {}: ", who, line.code, adjustment);
    const std::string rule = fmt::format("{},{}", payer.empty() ? "*" : payer, line.code);
    if (a.carc == "198") {
      return head +
             "the payer counts more units used than the run did; record earlier claims in the "
             "ledger (--ledger) or correct units_used in the authorizations";
    }
    if (a.carc == "B7") {
      return head +
             "the provider is not enrolled with the payer on that date; add the payer's rows to "
             "the enrollment roster (--enrollment)";
    }
    if (a.carc == "287" || a.carc == "288" || a.carc == "243") {
      return head + fmt::format(
                        "no rule says it needs a referral; add `{},yes,yes` "
                        "(payer_id,code,requires_auth,requires_referral) to the rules",
                        rule);
    }
    if (a.carc == "39") {
      return head +
             "the payer denied the authorization request; set its status to denied in the "
             "authorizations file";
    }
    const std::string_view check =
        "check the authorization's number, code, dates, provider and site against what the "
        "payer has on file";
    if (options.rules == nullptr) {
      return head + fmt::format(
                        "the rules were not given to reconcile (--rules); if no rule says it "
                        "needs authorization, add `{},yes` to the rules; if one does, {}",
                        rule, check);
    }
    if (!options.rules->requires_auth(payer, line.code)) {
      return head +
             fmt::format("no rule says it needs authorization; add `{},yes` to the rules", rule);
    }
    return head +
           "the run found an authorization that covers the line; check its number, code, dates, "
           "provider and site against what the payer has on file";
  }

  void on_claim(const remittance_claim& claim) {
    auto found = claims.find(claim.claim_id);
    std::vector<predicted_line>* predicted = found == claims.end() ? nullptr : &found->second;
    std::string payer = claim.payer_id;
    if (payer.empty() && predicted != nullptr && !predicted->empty()) {
      payer = predicted->front().payer_id;
    }
    ++report.totals.claims_read;  // claims count per payer; rows are per code
    ++report.by_payer[payer].claims_read;
    if (claim.status == reversal_status) {
      reverse(claim, payer);
      return;
    }
    const auto matched = match(predicted, claim);
    counted_payment payment{payer, claim.payer_claim_number, {}};
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {
      const remittance_line& line = claim.lines[i];
      const auto denial = denial_of(claim, line, payer);
      counted_line counted{payer, line.code, matched[i], denial.adjustment != nullptr, {}};
      count(payer, line.code, &reconcile_counts::lines_read);
      count(payer, line.code,
            counted.prediction != nullptr ? &reconcile_counts::lines_matched
                                          : &reconcile_counts::lines_unmatched);
      judge(counted, 1);
      if (counted.denied && counted.prediction != nullptr && counted.prediction->denied) {
        counted.lesson =
            check_codes(payer, line, *denial.adjustment, denial.remarks, *counted.prediction);
      } else if (counted.denied) {
        const auto text = adjustment_text(denial.adjustment->group, denial.adjustment->carc,
                                          denial.adjustment->carc == "16"
                                              ? std::span<const std::string>(denial.remarks)
                                              : std::span<const std::string>());
        counted.lesson =
            learn(payer, line.code, text, missed_message(payer, line, *denial.adjustment, text));
      }
      if (counted.prediction != nullptr || counted.denied) {
        payment.lines.push_back(std::move(counted));
      }
    }
    payments[claim.claim_id].push_back(std::move(payment));
  }

  /// A denial that was predicted, but under other codes than the payer's: a profile would say so.
  std::optional<lesson_key> check_codes(const std::string& payer, const remittance_line& line,
                                        const remittance_adjustment& a,
                                        const std::vector<std::string>& remarks,
                                        const predicted_line& p) {
    for (const finding* f : p.denials) {
      if (f->group == a.group && f->carc == a.carc) return std::nullopt;  // the payer's own
      if (options.profiles != nullptr) {
        for (const bool number : {true, false}) {
          const auto codes = options.profiles->codes_for(payer, f->kind, number, f->carc == "39");
          if (codes.group == a.group && codes.carc == a.carc) return std::nullopt;
        }
      }
    }
    const finding& first = *p.denials.front();
    const auto payer_text = adjustment_text(
        a.group, a.carc,
        a.carc == "16" ? std::span<const std::string>(remarks) : std::span<const std::string>());
    const std::string who = payer.empty() ? std::string("the payer") : "payer " + payer;
    return learn(
        payer, line.code, payer_text + " for " + std::string(to_string(first.kind)),
        fmt::format("{} denied {} with {} where the run predicted {} ({}); give {} a payer "
                    "profile that maps {} to {}-{} (--payer-profiles)",
                    who, line.code, payer_text,
                    adjustment_text(first.group, first.carc, first.rarc), to_string(first.kind),
                    payer.empty() ? std::string("the payer") : payer, to_string(first.kind),
                    a.group, a.carc));
  }
};

reconciliation::reconciliation(std::span<const finding> findings, reconcile_options options)
    : state_(std::make_unique<state>()) {
  state_->options = options;
  for (const finding& f : findings) {
    if (f.line == 0) continue;  // about a whole claim: no service line to compare
    auto& lines = state_->claims[f.claim_id];
    auto it = std::find_if(lines.begin(), lines.end(),
                           [&](const predicted_line& p) { return p.line == f.line; });
    if (it == lines.end()) {
      it = lines.insert(lines.end(), predicted_line{});
      it->line = f.line;
      it->code = f.code;
      it->service_date = f.service_date;
      it->payer_id = f.payer_id;
    }
    if (f.level == severity::deny) {
      it->denied = true;
      it->denials.push_back(&f);
    }
  }
  for (auto& [id, lines] : state_->claims) {
    std::sort(lines.begin(), lines.end(),
              [](const predicted_line& a, const predicted_line& b) { return a.line < b.line; });
  }
}

reconciliation::reconciliation(reconciliation&&) noexcept = default;
reconciliation& reconciliation::operator=(reconciliation&&) noexcept = default;
reconciliation::~reconciliation() = default;

void reconciliation::on_claim(const remittance_claim& claim) { state_->on_claim(claim); }

void reconciliation::on_rejected(const remittance_rejection& rejected) {
  auto& s = *state_;
  ++s.report.claims_rejected;
  const auto add = [&](reconcile_counts& c) {
    ++c.claims_read;
    c.lines_read += rejected.lines;
    c.lines_unmatched += rejected.lines;
  };
  add(s.report.totals);
  add(s.report.by_payer[rejected.payer_id]);
}

void reconciliation::on_stray_line(const remittance_stray_line& line) {
  auto& s = *state_;
  const auto add = [](reconcile_counts& c) {
    ++c.lines_read;
    ++c.lines_unmatched;
  };
  add(s.report.totals);
  add(s.report.by_payer[line.payer_id]);
}

reconcile_report reconciliation::report() const {
  reconcile_report out = state_->report;
  for (const auto& [key, counts] : state_->rows) {
    reconcile_row row{key.first, key.second, counts, {}};
    for (const auto& [lesson_key, lesson] : state_->lessons) {
      if (std::get<0>(lesson_key) == key.first && std::get<1>(lesson_key) == key.second)
        row.lessons.push_back(lesson.message);
    }
    out.rows.push_back(std::move(row));
  }
  for (const auto& [key, lesson] : state_->lessons) out.lessons.push_back(lesson);
  return out;
}

}  // namespace v0
}  // namespace authmatch
