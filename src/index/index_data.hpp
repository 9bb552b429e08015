#ifndef AUTHMATCH_SRC_INDEX_DATA_HPP
#define AUTHMATCH_SRC_INDEX_DATA_HPP

// What an authorization_index holds: rows of interned ids and fixed-size values, the interned
// strings, and the rows grouped by number, by payer + member + code and by member. The engine
// and the settlement read it directly through data_of(index): no copies, no virtual calls.

#include <authmatch/authorization_index.hpp>
#include "index/id_groups.hpp"
#include "index/row_groups.hpp"
#include "index/string_pool.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A run of interned ids inside the index's shared list storage.
struct id_list {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

/// One authorization or referral row as the index keeps it: interned ids and fixed-size values
/// only (64 bytes; the fields are ordered so that none is padded). Its lists of values lie one
/// after the other in the index's shared list storage, from `lists` on, in the order of `list`.
struct auth_row {
  enum class list : std::uint8_t {
    rendering_npis,
    facility_npis,
    places_of_service,
    diagnosis_codes,
    modifiers,
  };
  static constexpr std::size_t list_count = 5;
  /// The longest list a row can keep.
  static constexpr std::size_t max_list_size = 0xFFFF;

  string_pool::id number = 0, payer = 0, member = 0, code = 0;
  date patient_dob;  ///< not set when the row does not restrict it
  date effective, expiration;
  auth_status status = auth_status::approved;
  authmatch::unit_type unit_type = authmatch::unit_type::units;
  bool has_unit_limit = false;
  auth_type type = auth_type::authorization;
  decimal units;  ///< meaningful when has_unit_limit
  decimal units_used;
  std::uint32_t lists = 0;
  std::array<std::uint16_t, list_count> list_sizes{};
  std::uint8_t level = 0;       ///< 0 any, else 1 + the level_of_care
  std::uint8_t claim_kind = 0;  ///< 0 either, else 1 + the claim_type

  id_list values(list which) const noexcept {
    const auto at = static_cast<std::size_t>(which);
    std::uint32_t first = lists;
    for (std::size_t i = 0; i < at; ++i) first += list_sizes[i];
    return {first, list_sizes[at]};
  }
  id_list rendering_npis() const noexcept { return values(list::rendering_npis); }
  id_list facility_npis() const noexcept { return values(list::facility_npis); }
  id_list places_of_service() const noexcept { return values(list::places_of_service); }
  id_list diagnosis_codes() const noexcept { return values(list::diagnosis_codes); }
  id_list modifiers() const noexcept { return values(list::modifiers); }

  std::optional<authmatch::level_of_care> level_of_care() const noexcept {
    if (level == 0) return std::nullopt;
    return static_cast<authmatch::level_of_care>(level - 1);
  }
  std::optional<authmatch::claim_type> claim_type() const noexcept {
    if (claim_kind == 0) return std::nullopt;
    return static_cast<authmatch::claim_type>(claim_kind - 1);
  }
  bool is_referral() const noexcept { return type == auth_type::referral; }
};
static_assert(sizeof(auth_row) == 64);

/// The tracker's columns of a row that has any (requested date, priority, next action): kept
/// beside the rows, not in them, since matching never reads them and most rows have none.
struct tracker_values {
  authorization_index::row_id row = 0;
  date requested;        ///< not set: none
  date next_action_due;  ///< not set: none
  auth_priority priority = auth_priority::standard;
  string_pool::id next_action = 0;
  bool has_next_action = false;
};

/// The rows and strings of an authorization index, and what authorization_index does with them.
class index_data {
 public:
  using row_id = authorization_index::row_id;

  /// Adds `auth`, normalized in place first (its room is left to the caller to fill again).
  row_id add(authorization& auth);
  void reserve(std::size_t rows);
  /// Starts loading what add(auth) will look up first (the slots of its number and member in
  /// the string pool), for a caller that knows the rows it adds next. Payers and codes are few:
  /// their slots stay in the cache.
  [[gnu::always_inline]] void prefetch(const authorization& auth) const noexcept {
    strings_.prefetch(auth.auth_number);
    strings_.prefetch(auth.member_id);
  }
  void shrink_to_fit();
  /// Rows added from here on are grouped by number only, until group_rows() groups them by
  /// payer + member (+ code) and by member: a loader adding many rows groups them in two passes
  /// at the end, one per grouping, side by side on two threads. No lookup but by number until
  /// then.
  void group_later() noexcept;
  /// Groups the rows added since group_later(), on `threads` threads (two at most).
  void group_rows(unsigned threads);
  std::size_t size() const noexcept { return rows_.size(); }
  authorization get(row_id which) const;

  std::span<const row_id> rows_with_number(std::string_view auth_number) const noexcept;
  std::span<const row_id> rows_for(std::string_view payer_id, std::string_view member_id,
                                   std::string_view code) const noexcept;
  std::span<const row_id> rows_of_member(std::string_view member_id) const noexcept;
  std::span<const row_id> referrals_of(std::string_view payer_id,
                                       std::string_view member_id) const noexcept;

  /// Steps of prefetch_number() and prefetch_patient_code().
  static constexpr int lookup_steps = 4;
  /// What the steps of one lookup's prefetch have found, for the next step to go on from (none
  /// hashes or probes again what the one before did). Step 0 fills it anew.
  struct lookup_ahead {
    std::uint64_t hashes[3] = {};  ///< step 0: the number's, or the payer's, member's and code's
    std::uint64_t key = 0;         ///< step 1: the key the rows are grouped by
    string_pool::id text = 0;      ///< step 1: the string looked up by text (number, member)
    std::uint32_t row = 0;         ///< step 2: the row found, when `found_row`
    bool found_key = false;        ///< step 1 found the strings
    bool found_row = false;        ///< step 2 found a group of one row
  };
  /// Start loading what rows_with_number(number) will read, and the lists of the row it finds, in
  /// lookup_steps steps: each loads what the step before it found, each a cache miss in a large
  /// index. A caller judging many lines asks for step 0 of a line a few lines ahead of the one it
  /// judges, step 1 of the line after it, and so on, so that a line's rows are loaded when its
  /// turn comes; it keeps a `lookup_ahead` for each line from its step 0 to its last.
  void prefetch_number(std::string_view number, int step, lookup_ahead& ahead) const noexcept;
  /// The same for rows_for(payer, member, code).
  void prefetch_patient_code(std::string_view payer_id, std::string_view member_id,
                             std::string_view code, int step, lookup_ahead& ahead) const noexcept;

  const auth_row& row(row_id which) const noexcept { return rows_[which]; }
  std::string_view text(string_pool::id which) const noexcept { return strings_[which]; }
  std::span<const string_pool::id> ids(id_list list) const noexcept {
    return {list_ids_.data() + list.first, list.count};
  }
  /// True when `value` is among the strings of `list`.
  bool contains(id_list list, std::string_view value) const noexcept;

 private:
  /// The hash of a row's key in by_patient_code_, or in referrals_ for a referral.
  static std::uint64_t patient_key(const auth_row& row) noexcept;
  /// Start loading the slot group_by_patient(row) and group_by_member(row) will look at first.
  void prefetch_patient_slot(const auth_row& row) const noexcept;
  void prefetch_member_slot(const auth_row& row) const noexcept;
  /// Adds row `id` to by_patient_code_ (to referrals_, a referral).
  void group_by_patient(row_id id);
  /// Adds row `id` to by_member_ (an authorization's; a referral is not grouped by member).
  void group_by_member(row_id id);
  /// Stores the lists of `auth` after those of earlier rows, and says where in `row`.
  void store_lists(const authorization& auth, auth_row& row);
  std::span<const row_id> rows_with_number(string_pool::id number) const noexcept;
  /// Steps 2 and 3 of a prefetch of the rows that `groups` (row_groups or id_groups) keeps under
  /// `ahead.key`, once step 1 has found the key: the text looked up and the group's first row,
  /// then the row's lists. Inlined always (see string_pool::prefetch).
  template <typename Groups>
  [[gnu::always_inline]] void prefetch_rows(const Groups& groups, int step,
                                            lookup_ahead& ahead) const noexcept;

  // The hash of a row's key in each grouping, for row_groups to rehash.
  auto patient_code_of() const noexcept;
  auto patient_of() const noexcept;

  // About 132 bytes a row after shrink_to_fit() (benchmarks/bench_index.cpp): the row, its
  // share of the interned text and of the groupings, whose slots hold row ids, not keys.
  // Authorizations are grouped by number, by payer + member + code and by member; referrals by
  // number and by payer + member, so that neither is found where the other is looked for. A
  // number and a member are single strings: their groupings are indexed by the string's id.
  string_pool strings_;
  large_vector<auth_row> rows_;
  large_vector<string_pool::id> list_ids_;
  std::vector<tracker_values> tracker_;  ///< by row, ascending
  id_groups by_number_;
  row_groups by_patient_code_;  ///< payer + member + code
  id_groups by_member_;
  row_groups referrals_;         ///< payer + member
  bool grouping_later_ = false;  ///< group_later() was called, group_rows() not yet
  row_id ungrouped_from_ = 0;    ///< the first row group_rows() groups
};

/// The data behind an index, for data_of() (authorization_index befriends it).
struct index_access {
  static const index_data& of(const authorization_index& index) noexcept;
  /// The data of an index being built (made when it has none yet).
  static index_data& building(authorization_index& index);
};

/// What an index without rows (never added to, or moved from) reads as.
const index_data& no_index_data() noexcept;

}  // namespace detail

/// What an authorization_index points to: its data, nothing more.
class authorization_index::impl : public detail::index_data {};

namespace detail {

inline const index_data& index_access::of(const authorization_index& index) noexcept {
  return index.impl_ ? *index.impl_ : no_index_data();
}

/// The data of `index`, valid until the index is changed or destroyed: one branch and one
/// pointer to follow, so callers may fetch it for each line they judge.
inline const index_data& data_of(const authorization_index& index) noexcept {
  return index_access::of(index);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
