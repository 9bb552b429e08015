#include "run/settlement.hpp"

#include <authmatch/payer_profiles.hpp>

#include "engine/line_judgement.hpp"
#include "engine/line_values.hpp"
#include "index/index_data.hpp"
#include "model/adjustments.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cassert>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

using row_id = authorization_index::row_id;

// --- which claims count -----------------------------------------------------------------------

int rank_of(claim_frequency frequency) noexcept {
  switch (frequency) {
    case claim_frequency::void_claim: return 2;
    case claim_frequency::replacement: return 1;
    case claim_frequency::original: break;
  }
  return 0;
}

/// A claim of a replacement chain: recorded by an earlier run, or read by this one.
struct chain_member {
  std::string_view id, original_id;
  claim_frequency frequency = claim_frequency::original;
  std::optional<std::uint32_t> run_claim;  ///< into run_state::claims; else recorded
  std::size_t recorded = 0;                ///< into prior_usage::claims
  std::size_t group = 0;
};

/// Claims joined with the claims they name (REF*F8), union-find over claim IDs.
class claim_groups {
 public:
  std::size_t node(std::string_view id) {
    if (id.empty()) return fresh();  // a claim without an ID is a chain of its own
    const auto [it, added] = nodes_.try_emplace(id, parent_.size());
    if (added) parent_.push_back(parent_.size());
    return it->second;
  }
  void join(std::size_t a, std::size_t b) { parent_[root(a)] = root(b); }
  std::size_t root(std::size_t n) {
    while (parent_[n] != n) n = parent_[n] = parent_[parent_[n]];
    return n;
  }

 private:
  std::size_t fresh() {
    parent_.push_back(parent_.size());
    return parent_.size() - 1;
  }
  std::unordered_map<std::string_view, std::size_t> nodes_;
  std::vector<std::size_t> parent_;
};

/// The members of every chain the run touches, with the one that counts in each.
struct chains {
  /// Recorded ones first, then the run's that may chain, in run order.
  std::vector<chain_member> members;
  std::unordered_map<std::size_t, std::size_t> winner;  ///< group -> index into members

  const chain_member& winner_of(const chain_member& m) const { return members[winner.at(m.group)]; }
  bool counts(const chain_member& m) const {
    return &winner_of(m) == &m && m.frequency != claim_frequency::void_claim;
  }
};

chains chains_of(const run_state& run, const prior_usage& prior) {
  const auto& claims = run.claims;
  const auto& ids = claims.ids();
  std::vector<bool> in_run(ids.size(), false);  // by ID: a claim of the run has it
  for (const auto& claim : claims) in_run[claim.claim_id] = true;
  std::vector<bool> recorded(ids.size(), false);  // by ID: a recorded claim has or names it
  for (const auto& claim : prior.claims) {
    for (const std::string_view id :
         {std::string_view(claim.claim_id), std::string_view(claim.original_claim_id)}) {
      if (const auto found = ids.find(id)) recorded[*found] = true;
    }
  }

  chains result;
  // A claim the run sends again replaces its recorded self.
  for (std::size_t i = 0; i < prior.claims.size(); ++i) {
    const auto& claim = prior.claims[i];
    if (const auto found = ids.find(claim.claim_id); found && in_run[*found]) continue;
    result.members.push_back(
        {claim.claim_id, claim.original_claim_id, claim.frequency, std::nullopt, i, 0});
  }
  // The run's claims that no other claim can touch stand alone: they count, and say nothing.
  for (std::uint32_t i = 0; i < claims.size(); ++i) {
    const auto& claim = claims[i];
    if (!claims.may_chain(claim) && !recorded[claim.claim_id]) continue;
    result.members.push_back(
        {claims.claim_id(claim), claims.original_id(claim), claim.frequency, i, 0, 0});
  }

  claim_groups groups;
  std::vector<std::size_t> nodes;
  nodes.reserve(result.members.size());
  for (const auto& m : result.members) {
    nodes.push_back(groups.node(m.id));
    if (!m.original_id.empty() && m.original_id != m.id) {
      groups.join(nodes.back(), groups.node(m.original_id));
    }
  }
  // A claim that another names as its original has been superseded by it: the chain's head
  // counts. Among several heads (two corrections of one claim) a void outranks a replacement,
  // which outranks an original; among equals the later one wins.
  std::unordered_set<std::string_view> named;
  for (const auto& m : result.members) {
    if (!m.original_id.empty() && m.original_id != m.id) named.insert(m.original_id);
  }
  const auto standing = [&](const chain_member& m) {
    return std::pair(!named.contains(m.id), rank_of(m.frequency));
  };
  for (std::size_t i = 0; i < result.members.size(); ++i) {
    auto& m = result.members[i];
    m.group = groups.root(nodes[i]);
    const auto [it, added] = result.winner.try_emplace(m.group, i);
    if (!added && standing(m) >= standing(result.members[it->second])) it->second = i;
  }
  return result;
}

/// The name a chain is recorded under: its smallest claim ID, the same whatever the order.
std::unordered_map<std::size_t, std::string_view> group_names(const chains& found) {
  std::unordered_map<std::size_t, std::string_view> names;
  for (const auto& m : found.members) {
    const auto [it, added] = names.try_emplace(m.group, m.id);
    if (!added && m.id < it->second) it->second = m.id;
  }
  return names;
}

// --- findings ---------------------------------------------------------------------------------

finding claim_finding(finding_kind kind, const run_claims& claims, const run_claims::claim& claim) {
  finding f;
  classify(f, kind);
  f.claim_id = claims.claim_id(claim);
  f.line = 0;
  f.member_id = claims.member_id(claim);
  f.payer_id = claims.payer_id(claim);
  f.source = source_text(claims.source_input(claim), claim.source_position);
  return f;
}

std::string released_note(decimal released) {
  return released.is_zero() ? std::string()
                            : fmt::format(" ({} recorded earlier released)", units_of(released));
}

/// The usage earlier runs recorded, by claim ID (one pass, however many claims a run corrects).
using usage_by_claim = std::unordered_map<std::string_view, std::vector<const recorded_usage*>>;

usage_by_claim usage_of_claims(const prior_usage& prior) {
  usage_by_claim found;
  for (const auto& use : prior.usage) found[use.claim_id].push_back(&use);
  return found;
}

/// What earlier runs recorded for one recorded member of a chain.
const std::vector<const recorded_usage*>& recorded_usage_of(const chain_member& m,
                                                            const prior_usage& prior,
                                                            const usage_by_claim& usage) {
  static const std::vector<const recorded_usage*> none;
  const auto it = usage.find(prior.claims[m.recorded].claim_id);
  return it == usage.end() ? none : it->second;
}

/// Says what a replacement or void did, and why a superseded claim uses nothing.
void report_supersession(run_state& run, const chains& found, const prior_usage& prior,
                         const usage_by_claim& usage) {
  // What earlier runs recorded for the recorded claims that no longer count.
  std::unordered_map<std::size_t, decimal> released;
  for (const auto& m : found.members) {
    if (m.run_claim || found.counts(m)) continue;
    for (const auto* use : recorded_usage_of(m, prior, usage)) released[m.group] += use->units;
  }

  const auto& claims = run.claims;
  for (const auto& m : found.members) {
    if (!m.run_claim) continue;
    const auto& claim = claims[*m.run_claim];
    const auto id = claims.claim_id(claim);
    const auto& winner = found.winner_of(m);
    const bool is_void = claim.frequency == claim_frequency::void_claim;
    const auto original = m.original_id.empty() ? id : m.original_id;
    if (&winner == &m) {
      if (claim.frequency == claim_frequency::original) continue;
      auto f = claim_finding(is_void ? finding_kind::claim_voided : finding_kind::claim_replaced,
                             claims, claim);
      f.expected = std::string(original);
      f.actual = id;
      const auto note = released_note(released[m.group]);
      f.message = is_void ? fmt::format(
                                "Claim {} voids claim {}: its usage of the authorizations is "
                                "released{}; nothing of the void counts.",
                                id, original, note)
                          : fmt::format(
                                "Claim {} replaces claim {}: only the replacement's lines "
                                "count against the authorizations{}.",
                                id, original, note);
      run.add_finding(std::move(f), claim.sequence);
    } else if (winner.id != m.id) {
      const bool voided = winner.frequency == claim_frequency::void_claim;
      auto f = claim_finding(voided ? finding_kind::claim_voided : finding_kind::claim_replaced,
                             claims, claim);
      f.expected = std::string(winner.id);
      f.actual = id;
      f.message = fmt::format(
          "Claim {} was {} by claim {}{}; its lines use none of the "
          "authorizations.",
          id, voided ? "voided" : "replaced", winner.id,
          winner.run_claim ? "" : " (recorded earlier)");
      run.add_finding(std::move(f), claim.sequence);
    }
  }
}

/// A units finding about a counted line, compared with `row`.
finding usage_finding(finding_kind kind, const run_state& run, const run_usage& use) {
  const auto& index = data_of(run.checker->index());
  const auto& row = index.row(use.row);
  finding f;
  classify(f, kind, row.status);
  const auto& claim = run.claims[use.claim];
  f.claim_id = run.claims.claim_id(claim);
  f.line = use.line;
  f.source = source_text(run.claims.source_input(claim), use.source_position);
  f.auth_number = std::string(index.text(row.number));
  f.member_id = index.text(row.member);
  f.payer_id = index.text(row.payer);
  f.code = use.code == run_claims::none ? index.text(row.code) : run.claims.code(use.code);
  f.service_date = use.first_day;
  f.units = use.units;
  f.charge = use.charge;
  if (const auto* profiles = run.checker->options().profiles) profiles->apply(f, true);
  return f;
}

std::string visits_of(std::size_t count) {
  return fmt::format("{} visit{}", count, count == 1 ? "" : "s");
}

/// `share` of `whole`, rounded down to a thousandth.
decimal portion(decimal whole, decimal share) noexcept {
  return decimal::from_thousandths(whole.thousandths() * share.thousandths() / decimal::scale);
}

/// units_exceeded or referral_exceeded: the line asks for more than `available` (visits: on
/// `new_days` new days).
void explain_excess(finding& f, const run_usage& use, const auth_row& row, decimal available,
                    std::uint32_t new_days) {
  const std::string_view approval = row.is_referral() ? "referral" : "authorization";
  const bool visits = row.unit_type == unit_type::visits;
  const std::string_view ask = row.is_referral() ? "ask the patient's primary care provider for "
                                                   "a new referral"
                               : visits          ? "request more visits from the payer"
                                                 : "request more units from the payer";
  if (visits) {
    const auto open = static_cast<std::size_t>(available.thousandths() / decimal::scale);
    f.expected = "at most " + visits_of(open);
    f.actual = visits_of(new_days);
    f.message = fmt::format(
        "{} of service billed ({}) but {} remaining on {} {} for {}; the excess of {} will "
        "deny: {}.",
        new_days == 1 ? "A new day" : visits_of(new_days) + " on new days",
        dates_of(use.first_day, use.last_day), visits_of(open), approval, *f.auth_number, f.code,
        visits_of(new_days - open), ask);
    return;
  }
  f.expected = "at most " + available.to_string();
  f.actual = use.units.to_string();
  f.message =
      fmt::format("{} billed but {} remaining on {} {} for {}; the excess of {} will deny: {}.",
                  units_of(use.units), units_of(available), approval, *f.auth_number, f.code,
                  units_of(use.units - available), ask);
}

/// units_low: `remaining` is left after the line, below the warning's share of the approval.
void explain_low(finding& f, const auth_row& row, decimal remaining,
                 const validator_options& options) {
  const auto threshold = portion(row.units, *options.units_low_below);
  const auto percent = decimal::from_thousandths(options.units_low_below->thousandths() * 100);
  f.expected = fmt::format("at least {} ({}% of {})", threshold.to_string(), percent.to_string(),
                           row.units.to_string());
  f.actual = remaining.to_string();
  const bool visits = row.unit_type == unit_type::visits;
  const auto count = [visits](decimal quantity) {
    return visits ? visits_of(static_cast<std::size_t>(quantity.thousandths() / decimal::scale))
                  : units_of(quantity);
  };
  f.message = remaining.is_zero()
                  ? fmt::format(
                        "This line uses the last of the {} approved on authorization {} "
                        "for {}; further services need more from the payer.",
                        count(row.units), *f.auth_number, f.code)
                  : fmt::format(
                        "Only {} of the {} approved {} on authorization {} for {} "
                        "after this line; request more from the payer before they run "
                        "out.",
                        count(remaining), count(row.units),
                        remaining == decimal::from_integer(1) ? "remains" : "remain",
                        *f.auth_number, f.code);
}

// --- usage ------------------------------------------------------------------------------------

/// What the rows' quantities have used so far: recorded by earlier runs, then this run's lines in
/// date-of-service order.
class usage_tally {
 public:
  usage_tally(const index_data& index, const prior_usage& prior) : index_(index), prior_(prior) {}

  /// Recorded usage of claims that still count is carried into the tally as it is.
  void carry(const recorded_usage& use, unit_type type) {
    if (type == unit_type::visits) {
      carried_visits_[use.auth_number].insert(use.service_date);
    } else {
      carried_units_[{use.auth_number, use.code, use.effective_date}] += use.units;
    }
  }

  decimal& units_used(row_id id) {
    const auto [it, added] = units_.try_emplace(id);
    if (added) {
      const auto& row = index_.row(id);
      const ledger_row_key key{std::string(index_.text(row.number)),
                               std::string(index_.text(row.code)), row.effective};
      if (const auto p = prior_.units.find(key); p != prior_.units.end()) it->second += p->second;
      if (const auto c = carried_units_.find(key); c != carried_units_.end()) {
        it->second += c->second;
      }
    }
    return it->second;
  }

  std::set<date>& visit_dates(row_id id) {
    const auto number = index_.row(id).number;
    const auto [it, added] = visits_.try_emplace(number);
    if (added) {
      const auto text = index_.text(number);
      if (const auto p = prior_.visit_dates.find(text); p != prior_.visit_dates.end()) {
        it->second = p->second;
      }
      if (const auto c = carried_visits_.find(std::string(text)); c != carried_visits_.end()) {
        it->second.insert(c->second.begin(), c->second.end());
      }
    }
    return it->second;
  }

 private:
  const index_data& index_;
  const prior_usage& prior_;
  std::map<ledger_row_key, decimal> carried_units_;
  std::map<std::string, std::set<date>> carried_visits_;
  std::unordered_map<row_id, decimal> units_;
  std::unordered_map<string_pool::id, std::set<date>> visits_;
};

class settler {
 public:
  settler(run_state& run, const prior_usage& prior)
      : run_(run),
        index_(data_of(run.checker->index())),
        options_(run.checker->options()),
        tally_(index_, prior) {}

  void carry(const recorded_usage& use, unit_type type) { tally_.carry(use, type); }

  /// Applies one counted line; returns what it recorded.
  void apply(const run_usage& use, std::vector<recorded_usage>* recorded) {
    const auto& row = index_.row(use.row);
    if (row.unit_type == unit_type::visits) {
      apply_visits(use, row, recorded);
    } else {
      apply_units(use, row, recorded);
    }
  }

 private:
  void apply_units(const run_usage& use, const auth_row& row, std::vector<recorded_usage>* out) {
    decimal& used = tally_.units_used(use.row);
    decimal taken = use.units;
    if (row.has_unit_limit) {
      const decimal available = std::max(row.units - row.units_used - used, decimal());
      taken = std::min(use.units, available);
      if (use.units > available) {
        deny(use, row, available, 0);
      } else {
        warn_if_low(use, row, available - taken);
      }
    }
    used += taken;
    if (out && !taken.is_zero()) out->push_back(recorded_for(use, row, use.first_day, taken));
  }

  void apply_visits(const run_usage& use, const auth_row& row, std::vector<recorded_usage>* out) {
    auto& seen = tally_.visit_dates(use.row);
    std::vector<date> added;
    for (auto day = use.first_day; day <= use.last_day; day += 1) {
      if (!seen.contains(day)) added.push_back(day);
    }
    if (row.has_unit_limit) {
      const auto used = decimal::from_integer(static_cast<std::int64_t>(seen.size()));
      const decimal available = std::max(row.units - row.units_used - used, decimal());
      const auto open = static_cast<std::size_t>(available.thousandths() / decimal::scale);
      if (added.size() > open) {
        deny(use, row, decimal::from_integer(static_cast<std::int64_t>(open)),
             static_cast<std::uint32_t>(added.size()));
        added.resize(open);
      } else {
        warn_if_low(use, row,
                    decimal::from_integer(static_cast<std::int64_t>(open - added.size())));
      }
    }
    for (const auto day : added) {
      seen.insert(day);
      if (out) out->push_back(recorded_for(use, row, day, decimal::from_integer(1)));
    }
  }

  /// The line asks for more than `available` (units, or visits on `new_days` new days): the
  /// excess denies, and the line's charge is at risk (once, when both its authorization and its
  /// referral run out; once more under each of the two kinds).
  void deny(const run_usage& use, const auth_row& row, decimal available, std::uint32_t new_days) {
    const auto kind =
        row.is_referral() ? finding_kind::referral_exceeded : finding_kind::units_exceeded;
    found(use, kind, available, new_days);
    if (!use.at_risk && risked_.insert(use.sequence).second) {
      run_.summary.add_at_risk(run_.claims.payer_id(run_.claims[use.claim]), use.charge);
    }
    if (kind_risked_.insert(use.sequence * 2 + (row.is_referral() ? 1 : 0)).second) {
      run_.summary.add_kind_at_risk(kind, use.charge);
    }
  }

  /// units_low, about authorizations: a referral's count is the primary care provider's.
  void warn_if_low(const run_usage& use, const auth_row& row, decimal remaining) {
    if (!options_.units_low_below || row.units.is_zero() || row.is_referral()) return;
    if (remaining >= portion(row.units, *options_.units_low_below)) return;
    found(use, finding_kind::units_low, remaining, 0);
  }

  void found(const run_usage& use, finding_kind kind, decimal quantity, std::uint32_t new_days) {
    run_.count(kind);
    run_.units_findings.push_back(
        {static_cast<std::uint32_t>(&use - run_.usage.data()), kind, new_days, quantity});
  }

  recorded_usage recorded_for(const run_usage& use, const auth_row& row, date day,
                              decimal units) const {
    return {std::string(run_.claims.claim_id(run_.claims[use.claim])),
            use.line,
            std::string(index_.text(row.number)),
            std::string(index_.text(row.code)),
            row.effective,
            day,
            units};
  }

  run_state& run_;
  const index_data& index_;
  const validator_options& options_;
  usage_tally tally_;
  std::unordered_set<std::uint64_t> risked_;  ///< lines whose charge settlement put at risk
  /// Lines whose charge counts under units_exceeded (2 × sequence) or referral_exceeded (+ 1).
  std::unordered_set<std::uint64_t> kind_risked_;
};

// --- the order counted lines use their rows in -------------------------------------------------

/// Eight bytes of `text` from `from` on as a big-endian number, zeros past its end: when the words
/// of two texts differ, they compare as the texts do.
std::uint64_t word_at(std::string_view text, std::size_t from) noexcept {
  std::uint64_t word = 0;
  for (std::size_t i = from; i < from + 8; ++i) {
    word = word << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0U);
  }
  return word;
}

/// Each claim ID's place among all of them in text order, by its id in `ids` (distinct texts:
/// distinct places). The first 16 bytes decide nearly every comparison without reading the text.
std::vector<std::uint32_t> text_ranks(const string_pool& ids) {
  struct entry {
    std::uint64_t head = 0, tail = 0;
    string_pool::id id = 0;
  };
  std::vector<entry> entries(ids.size());
  for (string_pool::id id = 0; id < ids.size(); ++id) {
    entries[id] = {word_at(ids[id], 0), word_at(ids[id], 8), id};
  }
  std::sort(entries.begin(), entries.end(), [&ids](const entry& a, const entry& b) {
    if (a.head != b.head) return a.head < b.head;
    if (a.tail != b.tail) return a.tail < b.tail;
    return ids[a.id] < ids[b.id];
  });
  std::vector<std::uint32_t> ranks(ids.size());
  for (std::uint32_t place = 0; place < entries.size(); ++place) ranks[entries[place].id] = place;
  return ranks;
}

/// A counted line's place in date-of-service order, (day, claim ID, line, position in the run),
/// packed once into two words: sorting compares integers, not claim IDs.
struct usage_key {
  std::uint64_t high = 0;  ///< the day (as an unsigned number) and the claim ID's rank
  std::uint64_t low = 0;   ///< the line and its usage's place in the run
  const run_usage* use = nullptr;

  friend bool operator<(const usage_key& a, const usage_key& b) noexcept {
    return a.high != b.high ? a.high < b.high : a.low < b.low;
  }
};

/// The usage of the counted claims in date-of-service order; the same day by claim ID, line and
/// position. Usage is recorded in run order (parts append theirs after), so a usage's place among
/// the counted ones is its position's rank.
std::vector<const run_usage*> in_date_order(const run_state& run,
                                            const std::vector<bool>& counted) {
  std::vector<const run_usage*> order;
  order.reserve(run.usage.size());
  for (const auto& use : run.usage) {
    if (counted[use.claim]) order.push_back(&use);
  }
  assert(std::is_sorted(order.begin(), order.end(), [](const run_usage* a, const run_usage* b) {
    return a->sequence < b->sequence;
  }));
  const auto id_ranks = text_ranks(run.claims.ids());
  std::vector<usage_key> keys(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& use = *order[i];
    const auto day = static_cast<std::uint32_t>(use.first_day.days_since_epoch()) ^ 0x80000000U;
    keys[i] = {std::uint64_t{day} << 32 | id_ranks[run.claims[use.claim].claim_id],
               std::uint64_t{use.line} << 32 | static_cast<std::uint32_t>(i), &use};
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].use;
  return order;
}

/// The unit type of a recorded usage's row, when the index still has it.
unit_type type_of(const index_data& index, const recorded_usage& use) {
  for (const auto id : index.rows_with_number(use.auth_number)) {
    const auto& row = index.row(id);
    if (index.text(row.code) == use.code && row.effective == use.effective_date)
      return row.unit_type;
  }
  return unit_type::units;
}

}  // namespace

std::vector<std::string> claim_ids_of(const run_state& run) {
  const auto& ids = run.claims.ids();
  std::vector<std::string> found;
  found.reserve(ids.size());
  for (string_pool::id id = 0; id < ids.size(); ++id) {
    if (!ids[id].empty()) found.emplace_back(ids[id]);
  }
  std::sort(found.begin(), found.end());
  return found;
}

ledger_batch settle(run_state& run, const prior_usage& prior) {
  const auto& index = data_of(run.checker->index());
  const bool recording = run.ledger != nullptr;
  const auto found = chains_of(run, prior);
  const auto recorded = usage_of_claims(prior);
  report_supersession(run, found, prior, recorded);

  ledger_batch batch;
  settler usage(run, prior);
  // Recorded claims that still count keep what they recorded.
  for (const auto& m : found.members) {
    if (m.run_claim || !found.counts(m)) continue;
    for (const auto* use : recorded_usage_of(m, prior, recorded)) {
      usage.carry(*use, type_of(index, *use));
      if (recording) batch.usage.push_back(*use);
    }
  }

  std::vector<bool> counted(run.claims.size(), true);
  for (const auto& m : found.members) {
    if (m.run_claim) counted[*m.run_claim] = found.counts(m);
  }
  const auto order = in_date_order(run, counted);
  // In date order the lines lie scattered over the run's usage and the index's rows: asking for
  // the lines a few places ahead, and for their rows, hides most of the wait for memory.
  constexpr std::size_t ahead = 8;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i + ahead < order.size()) __builtin_prefetch(order[i + ahead]);
    if (i + ahead / 2 < order.size()) __builtin_prefetch(&index.row(order[i + ahead / 2]->row));
    usage.apply(*order[i], recording ? &batch.usage : nullptr);
  }
  if (!recording) return batch;

  // Every claim of the touched chains, once each (the latest copy of an ID), in the order they
  // came: the recorded ones, then the run's; a claim of the run no other touches is a chain of
  // its own.
  const auto names = group_names(found);
  std::unordered_map<std::string_view, std::size_t> latest;
  for (std::size_t i = 0; i < found.members.size(); ++i) latest[found.members[i].id] = i;
  const auto& claims = run.claims;
  std::vector<std::optional<std::size_t>> member_of(claims.size());
  for (std::size_t i = 0; i < found.members.size(); ++i) {
    const auto& m = found.members[i];
    if (m.run_claim) {
      member_of[*m.run_claim] = i;
    } else if (!m.id.empty() && latest[m.id] == i) {
      batch.claims.push_back({std::string(m.id), m.frequency, std::string(m.original_id),
                              std::string(names.at(m.group))});
    }
  }
  for (std::uint32_t c = 0; c < claims.size(); ++c) {
    if (const auto i = member_of[c]) {
      const auto& m = found.members[*i];
      if (m.id.empty() || latest[m.id] != *i) continue;
      batch.claims.push_back({std::string(m.id), m.frequency, std::string(m.original_id),
                              std::string(names.at(m.group))});
    } else if (const auto id = claims.claim_id(claims[c]); !id.empty()) {
      batch.claims.push_back(
          {std::string(id), claims[c].frequency, std::string(), std::string(id)});
    }
  }
  std::vector<row_id> rows;
  rows.reserve(order.size());
  for (const auto* use : order) rows.push_back(use->row);
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  for (const auto id : rows) batch.rows.push_back(index.get(id));
  return batch;
}

finding written(const run_state& run, const units_finding& found) {
  const auto& use = run.usage[found.use];
  const auto& row = data_of(run.checker->index()).row(use.row);
  auto f = usage_finding(found.kind, run, use);
  if (found.kind != finding_kind::units_low) {
    explain_excess(f, use, row, found.quantity, found.new_days);
  } else {
    explain_low(f, row, found.quantity, run.checker->options());
  }
  return f;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
