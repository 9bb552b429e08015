#include "run/settlement.hpp"

#include <authmatch/payer_profiles.hpp>

#include "engine/line_judgement.hpp"
#include "engine/line_values.hpp"
#include "engine/shared_work.hpp"
#include "index/index_data.hpp"
#include "index/prefetch_ahead.hpp"
#include "model/adjustments.hpp"
#include "model/source_text.hpp"
#include "run/claim_chains.hpp"
#include "run/sorted_merge.hpp"
#include "text/text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cassert>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

using row_id = authorization_index::row_id;

// --- findings ---------------------------------------------------------------------------------

finding claim_finding(finding_kind kind, const run_claims& claims, const chained_claim& claim) {
  finding f;
  classify(f, kind);
  f.claim_id = claim.claim_id;
  f.line = 0;
  f.member_id = claim.member_id;
  f.payer_id = claims.party(claim.payer);
  f.source = source_text(claims.party(claim.source_input), claim.source_position);
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

/// Parks a finding about a claim in the run's claim_changes, and counts it.
void park_claim_change(run_state& run, const finding& found, std::uint64_t at) {
  run.count(found.kind);
  run.claim_changes.write(at, found);
}

/// Says what a replacement or void did, and why a superseded claim uses nothing. The members
/// of the run come in run order: so do the findings.
void report_supersession(run_state& run, const chains& found, const prior_usage& prior,
                         const usage_by_claim& usage) {
  // What earlier runs recorded for the recorded claims that no longer count.
  std::unordered_map<std::size_t, decimal> released;
  for (const auto& m : found.members) {
    if (m.run_claim || found.counts(m)) continue;
    for (const auto* use : recorded_usage_of(m, prior, usage)) released[m.group] += use->units;
  }

  const auto& claims = run.claims;
  [[maybe_unused]] std::uint64_t last = 0;  // claim_changes is read back in the order written
  for (const auto& m : found.members) {
    if (!m.run_claim) continue;
    const auto& claim = *m.run_claim;
    assert(claim.sequence >= last);
    last = claim.sequence;
    const std::string_view id = claim.claim_id;
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
      park_claim_change(run, f, claim.sequence);
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
      park_claim_change(run, f, claim.sequence);
    }
  }
}

/// Sets `f` to a units finding about a counted line, compared with `row`. `f` may be one written
/// before: every member is set, and its strings are assigned, keeping their room.
void assign_usage_finding(finding& f, finding_kind kind, const run_state& run, const run_usage& use,
                          const stored_claim& claim) {
  const auto& index = data_of(run.checker->index());
  const auto& row = index.row(use.row);
  classify(f, kind, row.status);
  f.claim_id = claim.claim_id;
  f.line = use.line;
  assign_source_text(f.source, run.claims.party(claim.source_input), use.source_position);
  assign_text(f.auth_number, index.text(row.number));
  f.member_id = index.text(row.member);
  f.payer_id = index.text(row.payer);
  f.code = use.code == run_usage::no_code ? index.text(row.code) : run.claims.party(use.code);
  f.service_date = use.first_day;
  f.units = use.units;
  f.charge = use.charge;
  f.expected.clear();
  f.actual.clear();
  f.message.clear();
  if (const auto* profiles = run.checker->options().profiles) profiles->apply(f, true);
}

/// Sets `out` to the formatted text, keeping its room.
template <typename... Args>
void assign_format(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  out.clear();
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

std::string visits_of(std::size_t count) { return counted(count, "visit"); }

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
    assign_concat(f.expected, "at most ", visits_of(open));
    assign_concat(f.actual, visits_of(new_days));
    assign_format(
        f.message,
        "{} of service billed ({}) but {} remaining on {} {} for {}; the excess of {} will "
        "deny: {}.",
        new_days == 1 ? "A new day" : visits_of(new_days) + " on new days",
        dates_of(use.first_day, use.last_day), visits_of(open), approval, *f.auth_number, f.code,
        visits_of(new_days - open), ask);
    return;
  }
  assign_concat(f.expected, "at most ", available.to_string());
  assign_concat(f.actual, use.units.to_string());
  assign_format(f.message,
                "{} billed but {} remaining on {} {} for {}; the excess of {} will deny: {}.",
                units_of(use.units), units_of(available), approval, *f.auth_number, f.code,
                units_of(use.units - available), ask);
}

/// units_low: `remaining` is left after the line, below the warning's share of the approval.
void explain_low(finding& f, const auth_row& row, decimal remaining,
                 const validator_options& options) {
  const auto threshold = portion(row.units, *options.units_low_below);
  const auto percent = decimal::from_thousandths(options.units_low_below->thousandths() * 100);
  assign_format(f.expected, "at least {} ({}% of {})", threshold.to_string(), percent.to_string(),
                row.units.to_string());
  assign_concat(f.actual, remaining.to_string());
  const bool visits = row.unit_type == unit_type::visits;
  const auto count = [visits](decimal quantity) {
    return visits ? visits_of(static_cast<std::size_t>(quantity.thousandths() / decimal::scale))
                  : units_of(quantity);
  };
  if (remaining.is_zero()) {
    assign_format(f.message,
                  "This line uses the last of the {} approved on authorization {} for {}; "
                  "further services need more from the payer.",
                  count(row.units), *f.auth_number, f.code);
    return;
  }
  assign_format(f.message,
                "Only {} of the {} approved {} on authorization {} for {} after this line; "
                "request more from the payer before they run out.",
                count(remaining), count(row.units),
                remaining == decimal::from_integer(1) ? "remains" : "remain", *f.auth_number,
                f.code);
}

// --- usage ------------------------------------------------------------------------------------

/// What earlier runs used of the rows: the ledger's usage of claims outside the run's groups
/// (`prior`), and the recorded usage of the run's groups' claims that still count (carried).
/// Read by every partition at once once carrying is over.
class usage_before {
 public:
  explicit usage_before(const prior_usage& prior) : prior_(prior) {}

  /// Recorded usage of claims that still count is carried into the tally as it is.
  void carry(const recorded_usage& use, unit_type type) {
    if (type == unit_type::visits) {
      carried_visits_[use.auth_number].insert(use.service_date);
    } else {
      carried_units_[{use.auth_number, use.code, use.effective_date}] += use.units;
    }
  }

  /// Whether any row has units used before the run (else units() is zero for every row).
  bool has_units() const noexcept { return !prior_.units.empty() || !carried_units_.empty(); }

  decimal units(const ledger_row_key& key) const {
    decimal used;
    if (const auto p = prior_.units.find(key); p != prior_.units.end()) used += p->second;
    if (const auto c = carried_units_.find(key); c != carried_units_.end()) used += c->second;
    return used;
  }

  std::set<date> visit_dates(std::string_view number) const {
    std::set<date> seen;
    if (const auto p = prior_.visit_dates.find(number); p != prior_.visit_dates.end())
      seen = p->second;
    if (const auto c = carried_visits_.find(number); c != carried_visits_.end()) {
      seen.insert(c->second.begin(), c->second.end());
    }
    return seen;
  }

 private:
  const prior_usage& prior_;
  std::map<ledger_row_key, decimal> carried_units_;
  std::map<std::string, std::set<date>, std::less<>> carried_visits_;
};

/// What one partition's rows have used so far: what earlier runs used, then the run's lines in
/// date-of-service order. Every row of a number is in the same partition.
class usage_tally {
 public:
  usage_tally(const index_data& index, const usage_before& before)
      : index_(index), before_(before) {}

  decimal& units_used(row_id id) {
    const auto [it, added] = units_.try_emplace(id);
    // Without a ledger nothing was used before: the row's number and code, a cache miss each in
    // a large index, are not read.
    if (added && before_.has_units()) {
      const auto& row = index_.row(id);
      it->second = before_.units({std::string(index_.text(row.number)),
                                  std::string(index_.text(row.code)), row.effective});
    }
    return it->second;
  }

  std::set<date>& visit_dates(row_id id) {
    const auto number = index_.row(id).number;
    const auto [it, added] = visits_.try_emplace(number);
    if (added) it->second = before_.visit_dates(index_.text(number));
    return it->second;
  }

 private:
  const index_data& index_;
  const usage_before& before_;
  std::unordered_map<row_id, decimal> units_;
  std::unordered_map<string_pool::id, std::set<date>> visits_;
};

/// A counted line's place in date-of-service order, (day, claim ID, line, place in the run),
/// packed into four words: sorting compares integers, not claim IDs. The claim ID's first 16
/// bytes order any two IDs that differ there; IDs whose words do not say everything (longer than
/// 16 bytes, or holding a NUL byte, which the padding hides) and that share their words with
/// another ID of the partition's day are ranked among those (rank_long_ids), from 1; the others
/// rank 0.
struct usage_key {
  std::uint64_t day_head = 0;   ///< the day (as an unsigned number), the ID's first 4 bytes
  std::uint64_t head_tail = 0;  ///< the ID's next 8 bytes
  std::uint64_t tail_rank = 0;  ///< its next 4 bytes, its rank among the IDs it shares them with
  std::uint64_t line = 0;       ///< the line and the usage's ordinal

  friend auto operator<=>(const usage_key&, const usage_key&) noexcept = default;

  /// Whether the keys are of the same day and claim ID words.
  bool same_words(const usage_key& other) const noexcept {
    return day_head == other.day_head && head_tail == other.head_tail &&
           tail_rank >> 32 == other.tail_rank >> 32;
  }
};

/// A line that both an authorization's row and a referral's deny, perhaps in two partitions: its
/// charge is at risk once.
struct paired_denial {
  std::uint64_t sequence = 0;
  std::uint32_t payer = 0;  ///< run_claims::party
  decimal charge;
};

/// What settling one partition found, taken into the run once every partition is settled.
struct settled_partition {
  std::vector<units_finding> found;  ///< until the partition is settled: then the run's store's
  std::array<std::uint64_t, finding_kind_count> found_by_kind{};
  /// The charges of the lines it denies: each kind once a line (a line has one row of each), and
  /// each line once, but for the paired lines not yet at risk, counted once all are settled.
  run_summary at_risk;
  std::vector<paired_denial> paired;
  std::vector<std::pair<usage_key, recorded_usage>> recorded;  ///< with a ledger
  std::vector<row_id> rows;                                    ///< with a ledger
};

/// The claim ID of each claim by its place: what a run recording its usage in a ledger writes
/// with each line's usage (it records every claim too).
class claim_ids_by_place {
 public:
  explicit claim_ids_by_place(const claim_file& file) {
    places_.reserve(file.size());
    for_each_claim(file, [&](claim_file::place at, const stored_claim& claim) {
      places_.push_back(at);
      starts_.push_back(chars_.size());
      chars_.append(claim.claim_id);
    });
    starts_.push_back(chars_.size());
  }

  std::string_view operator()(claim_file::place at) const noexcept {
    const auto i = static_cast<std::size_t>(std::lower_bound(places_.begin(), places_.end(), at) -
                                            places_.begin());
    assert(i < places_.size() && places_[i] == at);
    return std::string_view(chars_).substr(starts_[i], starts_[i + 1] - starts_[i]);
  }

 private:
  std::vector<claim_file::place> places_;
  std::vector<std::size_t> starts_;
  std::string chars_;
};

/// Settles one partition's counted lines, in date order, against its own tally.
class settler {
 public:
  /// `recording`: with a ledger, the claims' IDs; null without.
  settler(const run_state& run, const usage_before& before, const claim_ids_by_place* recording,
          settled_partition& out)
      : run_(run),
        index_(data_of(run.checker->index())),
        options_(run.checker->options()),
        tally_(index_, before),
        recording_(recording),
        out_(out) {}

  /// Applies one counted line, `key` its place in date order.
  void apply(const run_usage& use, const usage_key& key) {
    const auto& row = index_.row(use.row);
    key_ = &key;
    if (row.unit_type == unit_type::visits) {
      apply_visits(use, row);
    } else {
      apply_units(use, row);
    }
  }

 private:
  void apply_units(const run_usage& use, const auth_row& row) {
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
    if (!taken.is_zero()) record(use, row, use.first_day, taken);
  }

  void apply_visits(const run_usage& use, const auth_row& row) {
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
      record(use, row, day, decimal::from_integer(1));
    }
  }

  /// The line asks for more than `available` (units, or visits on `new_days` new days): the
  /// excess denies, and the line's charge is at risk.
  void deny(const run_usage& use, const auth_row& row, decimal available, std::uint32_t new_days) {
    const auto kind =
        row.is_referral() ? finding_kind::referral_exceeded : finding_kind::units_exceeded;
    out_.found.push_back({use, kind, new_days, available});
    out_.at_risk.add_kind_at_risk(kind, use.charge);
    if (use.at_risk) return;  // counted with the line's own findings
    if (use.paired) {
      out_.paired.push_back({use.sequence, use.payer, use.charge});
    } else {
      out_.at_risk.add_at_risk(run_.claims.party(use.payer), use.charge);
    }
  }

  /// units_low, about authorizations: a referral's count is the primary care provider's.
  void warn_if_low(const run_usage& use, const auth_row& row, decimal remaining) {
    if (!options_.units_low_below || row.units.is_zero() || row.is_referral()) return;
    if (remaining >= portion(row.units, *options_.units_low_below)) return;
    out_.found.push_back({use, finding_kind::units_low, 0, remaining});
  }

  void record(const run_usage& use, const auth_row& row, date day, decimal units) {
    if (!recording_) return;
    out_.recorded.emplace_back(
        *key_, recorded_usage{std::string((*recording_)(use.claim)), use.line,
                              std::string(index_.text(row.number)),
                              std::string(index_.text(row.code)), row.effective, day, units});
  }

  const run_state& run_;
  const index_data& index_;
  const validator_options& options_;
  usage_tally tally_;
  const claim_ids_by_place* recording_;
  settled_partition& out_;
  const usage_key* key_ = nullptr;  ///< of the line being applied
};

// --- the order counted lines use their rows in -------------------------------------------------

/// The key of a counted line: its day, its claim ID's first 16 bytes (the rank 0), its line and
/// ordinal.
usage_key order_key(const run_usage& use) noexcept {
  const auto unsigned_day =
      static_cast<std::uint32_t>(use.first_day.days_since_epoch()) ^ 0x80000000U;
  const auto head = use.id_head, tail = use.id_tail;
  return {std::uint64_t{unsigned_day} << 32 | head >> 32, head << 32 | tail >> 32, tail << 32,
          std::uint64_t{use.line} << 32 | use.ordinal};
}

/// A counted line of a partition, by its place in date order.
struct keyed_usage {
  usage_key key;
  std::uint32_t at = 0;  ///< into the partition's usage
  /// The line's row, kept here (in what would be padding) so that it can be asked for ahead
  /// without first waiting for the line's usage record.
  authorization_index::row_id row = 0;
  friend bool operator<(const keyed_usage& a, const keyed_usage& b) noexcept {
    return a.key < b.key;
  }
};
static_assert(sizeof(keyed_usage) == 40, "the row fits what the key and `at` leave over");

/// Sorts a partition's lines by their keys: by day first, a bucket a day (a batch spans a few
/// hundred days, a partition holds thousands of lines), then each day's lines by the rest of
/// their keys, so that each comparison sort is short. Lines spread over more days than there are
/// lines are sorted whole. `by_day` is room for the buckets: it may end up swapped with
/// `order`, and what it holds after is of no use.
void sort_by_key(std::vector<keyed_usage>& order, std::vector<keyed_usage>& by_day) {
  const auto day_of = [](const keyed_usage& u) { return u.key.day_head >> 32; };
  if (order.size() < 1024) {
    std::sort(order.begin(), order.end());
    return;
  }
  const auto [lowest, highest] = std::minmax_element(
      order.begin(), order.end(),
      [&](const keyed_usage& a, const keyed_usage& b) { return day_of(a) < day_of(b); });
  const auto first_day = day_of(*lowest);
  const auto days = day_of(*highest) - first_day + 1;
  if (days > order.size()) {
    std::sort(order.begin(), order.end());
    return;
  }
  // ends[d]: where day d's bucket ends, once every line is placed.
  std::vector<std::uint32_t> ends(days + 1);
  for (const auto& u : order) ++ends[day_of(u) - first_day + 1];
  for (std::size_t d = 1; d <= days; ++d) ends[d] += ends[d - 1];
  by_day.resize(order.size());
  for (const auto& u : order) by_day[ends[day_of(u) - first_day]++] = u;
  auto start = by_day.begin();
  for (std::size_t d = 0; d < days; ++d) {
    const auto end = by_day.begin() + ends[d];
    std::sort(start, end);
    start = end;
  }
  order.swap(by_day);
}

/// Orders the lines of a sorted partition whose keys tie but for the line (their day and claim ID
/// words the same) and whose claim IDs may still differ: some ID among them is long, and they are
/// of several claims. Reads those claims' IDs, sorts the lines by ID, line and ordinal, and
/// ranks the IDs among them from 1. Such lines are rare: the IDs of a day's lines on one
/// authorization number that share their first 16 bytes.
void rank_long_ids(std::vector<keyed_usage>& order, const std::vector<run_usage>& usage,
                   claim_reader& claims, std::vector<std::pair<std::string, keyed_usage>>& tied) {
  for (std::size_t first = 0; first < order.size();) {
    const auto& head = usage[order[first].at];
    bool any_long = head.long_id, several = false;
    std::size_t end = first + 1;
    for (; end < order.size() && order[end].key.same_words(order[first].key); ++end) {
      const auto& use = usage[order[end].at];
      any_long = any_long || use.long_id;
      several = several || use.claim != head.claim;
    }
    if (any_long && several) {
      tied.clear();
      for (std::size_t i = first; i < end; ++i) {
        tied.emplace_back(claims.at(usage[order[i].at].claim).claim_id, order[i]);
      }
      std::sort(tied.begin(), tied.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first, a.second.key.line) < std::tie(b.first, b.second.key.line);
      });
      std::uint64_t rank = 1;
      for (std::size_t i = 0; i < tied.size(); ++i) {
        if (i > 0 && tied[i].first != tied[i - 1].first) ++rank;
        order[first + i] = tied[i].second;
        order[first + i].key.tail_rank |= rank;
      }
    }
    first = end;
  }
}

/// What every partition shares while they are settled: read only.
struct settling {
  const run_state& run;
  const usage_before& before;
  const std::vector<claim_file::place>& not_counted;  ///< the claims that do not count, in order
  const claim_ids_by_place* recording;  ///< with a ledger: what is recorded names the claims
  units_store& found;                   ///< where each partition's units findings go
};

/// What a thread settling partitions fills anew for each: the same memory each time, not pages
/// mapped afresh for every partition.
struct settling_scratch {
  std::vector<run_usage> usage;
  std::vector<keyed_usage> order, by_day;
  std::vector<std::pair<std::string, keyed_usage>> tied;
};

/// Settles partition `which`: its counted lines in date-of-service order, the same day by claim
/// ID, line and place in the run.
void settle_partition(const settling& shared, unsigned which, settled_partition& out,
                      settling_scratch& scratch) {
  const auto& run = shared.run;
  auto& usage = scratch.usage;
  usage.clear();
  run.usage.read(which, usage);
  if (const auto& skip = shared.not_counted; !skip.empty()) {
    std::erase_if(usage, [&](const run_usage& use) {
      return std::binary_search(skip.begin(), skip.end(), use.claim);
    });
  }
  auto& order = scratch.order;
  order.clear();  // every key is set below: nothing of the last partition is copied on growth
  order.resize(usage.size());
  bool any_long_id = false;
  for (std::uint32_t i = 0; i < usage.size(); ++i) {
    order[i] = {order_key(usage[i]), i, usage[i].row};
    any_long_id = any_long_id || usage[i].long_id;
  }
  sort_by_key(order, scratch.by_day);
  // Only a long claim ID can leave lines to rank; without one, the walk of the usage in date
  // order (a cache miss a line in a large partition) is skipped.
  if (any_long_id) {
    claim_reader claims(run.claims.file(), 4096);
    rank_long_ids(order, usage, claims, scratch.tied);
  }

  const auto& index = data_of(run.checker->index());
  settler usage_of_rows(run, shared.before, shared.recording, out);
  // In date order the lines lie scattered over the index's rows and the partition's usage:
  // asking for both a few places ahead hides most of the wait for memory.
  constexpr std::size_t ahead = 4;
  for_each_prefetched(
      0, order.size(), 1, ahead,
      [&](std::size_t later, int) {
        __builtin_prefetch(&index.row(order[later].row));
        __builtin_prefetch(&usage[order[later].at]);
      },
      [&](std::size_t i) { usage_of_rows.apply(usage[order[i].at], order[i].key); });
  std::sort(out.found.begin(), out.found.end(),
            [](const units_finding& a, const units_finding& b) { return key_of(a) < key_of(b); });
  for (const auto& found : out.found) ++out.found_by_kind[static_cast<std::size_t>(found.kind)];
  shared.found.put(which, std::exchange(out.found, {}));
  if (shared.recording) {
    for (const auto& use : usage) out.rows.push_back(use.row);
  }
}

static_assert(units_store::partitions == usage_store::partitions);

/// Settles every partition, on up to `threads` threads (each takes the next partition not yet
/// taken); the first exception thrown is rethrown once every thread has stopped.
std::vector<settled_partition> settle_partitions(const settling& shared, unsigned threads) {
  std::vector<settled_partition> settled(usage_store::partitions);
  std::vector<settling_scratch> scratch(std::min(threads, usage_store::partitions));
  share_out(usage_store::partitions, threads, [&](std::size_t p, unsigned worker) {
    settle_partition(shared, static_cast<unsigned>(p), settled[p], scratch[worker]);
  });
  return settled;
}

/// Takes what the partitions found into the run: the counts of their units findings (which each
/// put in the run's store as it was settled), and the charges of the lines they denied, a paired
/// line's once.
void take_findings(run_state& run, std::vector<settled_partition>& settled) {
  std::vector<paired_denial> paired;
  for (auto& part : settled) {
    for (std::size_t kind = 0; kind < finding_kind_count; ++kind) {
      run.summary.findings_by_kind[kind] += part.found_by_kind[kind];
    }
    for (const auto kind : {finding_kind::units_exceeded, finding_kind::referral_exceeded}) {
      run.summary.add_kind_at_risk(kind, part.at_risk.kind_at_risk(kind));
    }
    // A partition holds a payer only for a charge other than zero, as the run does.
    for (const auto& [payer, charge] : part.at_risk.charge_at_risk_by_payer) {
      run.summary.add_at_risk(payer, charge);
    }
    paired.insert(paired.end(), part.paired.begin(), part.paired.end());
    part.at_risk = {};
    part.paired = {};
  }
  std::sort(paired.begin(), paired.end(),
            [](const paired_denial& a, const paired_denial& b) { return a.sequence < b.sequence; });
  for (std::size_t i = 0; i < paired.size(); ++i) {
    if (i > 0 && paired[i - 1].sequence == paired[i].sequence) continue;
    run.summary.add_at_risk(run.claims.party(paired[i].payer), paired[i].charge);
  }
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

/// Every claim of the touched chains, once each (the latest copy of an ID), in the order they
/// came: the recorded ones, then the run's; a claim of the run no other touches is a chain of its
/// own.
void record_claims(const run_state& run, const chains& found, ledger_batch& batch) {
  const auto names = group_names(found);
  std::unordered_map<std::string_view, std::size_t> latest;
  for (std::size_t i = 0; i < found.members.size(); ++i) latest[found.members[i].id] = i;
  const auto record_member = [&](std::size_t i) {
    const auto& m = found.members[i];
    if (m.id.empty() || latest[m.id] != i) return;
    batch.claims.push_back({std::string(m.id), m.frequency, std::string(m.original_id),
                            std::string(names.at(m.group))});
  };
  std::size_t next_member = 0;  // the run's members follow the recorded ones, in run order
  for (; next_member < found.members.size() && !found.members[next_member].run_claim;
       ++next_member) {
    record_member(next_member);
  }
  for_each_claim(run.claims.file(), [&](claim_file::place at, const stored_claim& claim) {
    if (next_member < found.members.size() && found.members[next_member].run_claim->at == at) {
      record_member(next_member++);
    } else if (!claim.claim_id.empty()) {
      batch.claims.push_back({std::string(claim.claim_id), claim.frequency, std::string(),
                              std::string(claim.claim_id)});
    }
  });
}

/// The place of a recorded usage in date order across partitions: its key, but for the rank,
/// which only orders the IDs of one partition, then the claim ID itself.
auto recorded_order(const std::pair<usage_key, recorded_usage>& keyed) noexcept {
  const auto& key = keyed.first;
  return std::tuple(key.day_head, key.head_tail, key.tail_rank >> 32,
                    std::string_view(keyed.second.claim_id), key.line);
}

/// The run's usage after the carried usage, in date order as one thread would record it (each
/// partition's is in that order already), and the rows it used.
void record_usage(const index_data& index, std::vector<settled_partition>& settled,
                  ledger_batch& batch) {
  std::vector<std::vector<std::pair<usage_key, recorded_usage>>> recorded;
  std::vector<row_id> rows;
  for (auto& part : settled) {
    recorded.push_back(std::move(part.recorded));
    rows.insert(rows.end(), part.rows.begin(), part.rows.end());
  }
  sorted_merge in_order(recorded, [](const auto& keyed) { return recorded_order(keyed); });
  for (auto* next = in_order.peek(); next; in_order.pop(), next = in_order.peek()) {
    batch.usage.push_back(std::move(next->second));
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  for (const auto id : rows) batch.rows.push_back(index.get(id));
}

}  // namespace

std::vector<std::string> claim_ids_of(const run_state& run) {
  std::vector<std::string> found;
  for_each_claim(run.claims.file(), [&](claim_file::place, const stored_claim& claim) {
    for (const auto id : {claim.claim_id, claim.original_id}) {
      if (!id.empty()) found.emplace_back(id);
    }
  });
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

ledger_batch settle(run_state& run, const prior_usage& prior, unsigned threads) {
  const auto& index = data_of(run.checker->index());
  const bool recording = run.ledger != nullptr;
  const auto found = chains_of(run.claims, prior, run.memory_budget, threads);
  const auto recorded = usage_of_claims(prior);
  report_supersession(run, found, prior, recorded);

  ledger_batch batch;
  usage_before before(prior);
  // Recorded claims that still count keep what they recorded.
  for (const auto& m : found.members) {
    if (m.run_claim || !found.counts(m)) continue;
    for (const auto* use : recorded_usage_of(m, prior, recorded)) {
      before.carry(*use, type_of(index, *use));
      if (recording) batch.usage.push_back(*use);
    }
  }

  std::optional<claim_ids_by_place> ids;
  if (recording) ids.emplace(run.claims.file());
  run.units_findings.clear();
  auto settled =
      settle_partitions({run, before, found.not_counted, ids ? &*ids : nullptr, run.units_findings},
                        std::max(threads, 1U));
  take_findings(run, settled);
  if (recording) {
    record_claims(run, found, batch);
    record_usage(index, settled, batch);
  }
  return batch;
}

void write_units_finding(const run_state& run, const units_finding& found, claim_reader& claims,
                         finding& out) {
  const auto& use = found.use;
  const auto& row = data_of(run.checker->index()).row(use.row);
  assign_usage_finding(out, found.kind, run, use, claims.at(use.claim));
  if (found.kind != finding_kind::units_low) {
    explain_excess(out, use, row, found.quantity, found.new_days);
  } else {
    explain_low(out, row, found.quantity, run.checker->options());
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
