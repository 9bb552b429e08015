#include "run/claim_chains.hpp"

#include "engine/shared_work.hpp"
#include "run/sorted_merge.hpp"
#include "text/text_hash.hpp"

#include <boost/sort/pdqsort/pdqsort.hpp>

#include <algorithm>
#include <iterator>
#include <span>
#include <unordered_set>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

/// The fewest hashes a pass over the claim file takes, whatever the budget: a budget of a few
/// bytes would read the file once for every few claims.
constexpr std::uint64_t least_per_pass = std::uint64_t{1} << 16;

int rank_of(claim_frequency frequency) noexcept {
  switch (frequency) {
    case claim_frequency::void_claim: return 2;
    case claim_frequency::replacement: return 1;
    case claim_frequency::original: break;
  }
  return 0;
}

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

/// What the first pass over the claim file learns besides the shared hashes.
struct run_claim_traits {
  /// Some claim replaces or voids another, or names an original (REF*F8).
  bool corrects = false;
  /// Some claim has no ID.
  bool empty_id = false;
};

/// Where the claim file is cut for up to `threads` threads to read a share each (at its marks):
/// share i reads the claims from cuts[i] to cuts[i + 1].
std::vector<claim_file::place> shares_of(const claim_file& file, unsigned threads) {
  const auto& marks = file.marks();
  const auto shares = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(marks.size(), 1));
  std::vector<claim_file::place> cuts;
  for (std::size_t i = 0; i < shares; ++i) {
    cuts.push_back(marks.empty() ? 0 : marks[i * marks.size() / shares]);
  }
  cuts.push_back(file.end());
  return cuts;
}

/// The hashes of the claim IDs that two claims share: one has it and another has it or names
/// it as its original, in the run or recorded by earlier runs. Sorted. Made in passes over the
/// claim file, each taking the hashes of one share of them, so that each pass holds at most
/// `per_pass` hashes of the run's claim IDs; within a pass, up to `threads` threads each read and
/// sort the hashes of a share of the file (`cuts`, shares_of()). Sets `traits` on the way.
std::vector<std::uint64_t> shared_id_hashes(const run_claims& claims, const prior_usage& prior,
                                            std::uint64_t per_pass,
                                            std::span<const claim_file::place> cuts,
                                            unsigned threads, run_claim_traits& traits) {
  const auto passes = std::max<std::uint64_t>(1, (claims.size() + per_pass - 1) / per_pass);
  const std::size_t shares = cuts.size() - 1;
  // By share of the file: the hashes of its claims' IDs, of the IDs they name (the first
  // share's, of the recorded claims' too), what it learns.
  std::vector<std::vector<std::uint64_t>> ids(shares), named(shares);
  std::vector<run_claim_traits> learned(shares);
  std::vector<std::uint64_t> shared;
  for (std::uint64_t pass = 0; pass < passes; ++pass) {
    share_out(shares, threads, [&](std::size_t share, unsigned) {
      auto& share_ids = ids[share];
      auto& share_named = named[share];
      share_ids.clear();
      share_named.clear();
      const auto take = [&](std::vector<std::uint64_t>& into, std::string_view id) {
        if (id.empty()) return;
        const auto hash = text_hash(id);
        if (hash % passes == pass) into.push_back(hash);
      };
      if (share == 0) {
        for (const auto& claim : prior.claims) {
          take(share_named, claim.claim_id);
          take(share_named, claim.original_claim_id);
        }
      }
      auto& traits_of_share = learned[share];
      for_each_claim(claims.file(), cuts[share], cuts[share + 1],
                     [&](claim_file::place, const stored_claim& claim) {
                       take(share_ids, claim.claim_id);
                       take(share_named, claim.original_id);
                       traits_of_share.corrects = traits_of_share.corrects ||
                                                  claim.frequency != claim_frequency::original ||
                                                  !claim.original_id.empty();
                       traits_of_share.empty_id =
                           traits_of_share.empty_id || claim.claim_id.empty();
                     });
      // Hashes compare at random: a sort without a branch on each comparison (pdqsort's block
      // partitioning) takes less than half the time std::sort does on them.
      boost::sort::pdqsort_branchless(share_ids.begin(), share_ids.end());
      boost::sort::pdqsort_branchless(share_named.begin(), share_named.end());
    });
    const auto is_named = [&](std::uint64_t hash) {
      return std::any_of(named.begin(), named.end(), [hash](const auto& share_named) {
        return std::binary_search(share_named.begin(), share_named.end(), hash);
      });
    };
    // The shares' hashes in order, as one list (a hash two shares hold comes twice in a row).
    sorted_merge in_order(ids, [](std::uint64_t hash) { return hash; });
    const std::uint64_t* before = nullptr;
    for (const auto* hash = in_order.peek(); hash; in_order.pop(), hash = in_order.peek()) {
      const bool twice = before != nullptr && *before == *hash;
      if ((twice || is_named(*hash)) && (shared.empty() || shared.back() != *hash)) {
        shared.push_back(*hash);
      }
      before = hash;
    }
  }
  traits = {};
  for (const auto& share : learned) {
    traits.corrects = traits.corrects || share.corrects;
    traits.empty_id = traits.empty_id || share.empty_id;
  }
  boost::sort::pdqsort_branchless(shared.begin(), shared.end());
  return shared;
}

/// The run's claims that another claim may touch, in run order: replacements and voids, claims
/// naming an original, and claims whose ID another claim has or names (a hash two IDs share
/// only adds a claim that then stands alone). `empty_id` is set when some claim of the run has
/// no ID.
std::vector<chained_claim> claims_that_may_chain(const run_claims& claims, const prior_usage& prior,
                                                 std::size_t budget, unsigned threads,
                                                 bool& empty_id) {
  const std::uint64_t per_pass =
      budget == 0 ? claims.size()
                  : std::max<std::uint64_t>(budget / 4 / sizeof(std::uint64_t), least_per_pass);
  const auto cuts = shares_of(claims.file(), threads);
  run_claim_traits traits;
  const auto shared =
      shared_id_hashes(claims, prior, std::max<std::uint64_t>(per_pass, 1), cuts, threads, traits);
  empty_id = traits.empty_id;
  std::vector<chained_claim> found;
  // A batch of originals with IDs of their own (most batches): no claim may chain, and the file
  // is not read again.
  if (!traits.corrects && shared.empty()) return found;
  std::vector<std::vector<chained_claim>> found_in(cuts.size() - 1);
  share_out(found_in.size(), threads, [&](std::size_t share, unsigned) {
    for_each_claim(
        claims.file(), cuts[share], cuts[share + 1],
        [&](claim_file::place at, const stored_claim& claim) {
          const bool may_chain =
              claim.frequency != claim_frequency::original || !claim.original_id.empty() ||
              (!claim.claim_id.empty() &&
               std::binary_search(shared.begin(), shared.end(), text_hash(claim.claim_id)));
          if (!may_chain) return;
          found_in[share].push_back({at, std::string(claim.claim_id),
                                     std::string(claim.original_id), std::string(claim.member_id),
                                     claim.payer, claim.source_input, claim.frequency,
                                     claim.sequence, claim.source_position});
        });
  });
  for (auto& share : found_in) {
    found.insert(found.end(), std::make_move_iterator(share.begin()),
                 std::make_move_iterator(share.end()));
  }
  return found;
}

}  // namespace

chains chains_of(const run_claims& claims, const prior_usage& prior, std::size_t budget,
                 unsigned threads) {
  chains result;
  bool empty_id = false;
  result.run_claims = claims_that_may_chain(claims, prior, budget, threads, empty_id);
  std::unordered_set<std::string_view> in_run;
  for (const auto& claim : result.run_claims) in_run.insert(claim.claim_id);
  if (empty_id) in_run.insert({});

  // A claim the run sends again replaces its recorded self (a recorded claim without an ID, any
  // claim of the run without one).
  for (std::size_t i = 0; i < prior.claims.size(); ++i) {
    const auto& claim = prior.claims[i];
    if (in_run.contains(claim.claim_id)) continue;
    result.members.push_back(
        {claim.claim_id, claim.original_claim_id, claim.frequency, nullptr, i, 0});
  }
  for (const auto& claim : result.run_claims) {
    result.members.push_back({claim.claim_id, claim.original_id, claim.frequency, &claim, 0, 0});
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
  for (const auto& m : result.members) {
    if (m.run_claim && !result.counts(m)) result.not_counted.push_back(m.run_claim->at);
  }
  return result;
}

std::unordered_map<std::size_t, std::string_view> group_names(const chains& found) {
  std::unordered_map<std::size_t, std::string_view> names;
  for (const auto& m : found.members) {
    const auto [it, added] = names.try_emplace(m.group, m.id);
    if (!added && m.id < it->second) it->second = m.id;
  }
  return names;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
