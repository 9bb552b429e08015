#ifndef AUTHMATCH_SRC_RUN_CLAIMS_HPP
#define AUTHMATCH_SRC_RUN_CLAIMS_HPP

// The claims a run has read: in a claim_file, out of memory, with the few texts many claims share
// (payers, inputs, procedure codes) kept in memory.

#include "index/string_pool.hpp"
#include "run/claim_file.hpp"
#include "run/run_usage.hpp"
#include "text/text.hpp"

#include <authmatch/claim_line.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The claims of a run. Each is written to the claim file as it is added; what the run holds in
/// memory for it is nothing but the texts it shares with other claims.
class run_claims {
 public:
  using id = string_pool::id;
  static constexpr id none = ~id{0};

  /// What a claim added is known by: its place in the file, its payer (normalized), and its
  /// claim ID's words.
  struct added {
    claim_file::place at = 0;
    id payer = none;
    claim_id_words words;
  };

  /// Adds the claim of `first` (a line of it).
  added add(const claim_line& first, std::uint64_t sequence) {
    return add(first.claim_id, first.original_claim_id, first.member_id, first.payer_id,
               first.frequency, sequence, first.source_input, first.source_position);
  }

  /// Adds a claim by its values (an empty original ID: none). Its member and payer are kept
  /// normalized.
  added add(std::string_view claim_id, std::string_view original_id, std::string_view member_id,
            std::string_view payer_id, claim_frequency frequency, std::uint64_t sequence,
            std::string_view source_input, std::uint64_t source_position) {
    stored_claim claim;
    claim.claim_id = claim_id;
    claim.original_id = original_id;
    claim.member_id = normalized(member_id, scratch_);
    claim.payer = parties_.intern(normalized(payer_id, payer_scratch_));
    claim.source_input = input_id(source_input);
    claim.frequency = frequency;
    claim.sequence = sequence;
    claim.source_position = source_position;
    return {file_.append(claim), claim.payer, claim_id_words::of(claim_id)};
  }

  /// Claims added.
  std::uint64_t size() const noexcept { return file_.size(); }
  /// Where the claims are: read them with a claim_reader.
  const claim_file& file() const noexcept { return file_; }

  /// The text of a payer, input or code id.
  std::string_view party(id which) const noexcept { return parties_[which]; }

  /// A procedure code kept with the parties (a few thousand distinct ones in any batch).
  id note_code(std::string_view code) { return parties_.intern(normalized(code, scratch_)); }

  void clear() {
    file_.clear();
    parties_ = string_pool();
    last_input_ = none;
  }

 private:
  /// The input's name kept with the parties; the claims of one input come one after another, so
  /// the last one is compared first instead of hashing the name for every claim.
  id input_id(std::string_view name) {
    if (last_input_ == none || parties_[last_input_] != name) last_input_ = parties_.intern(name);
    return last_input_;
  }

  claim_file file_;
  string_pool parties_;
  id last_input_ = none;  ///< input_id()'s last answer
  std::string scratch_, payer_scratch_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
