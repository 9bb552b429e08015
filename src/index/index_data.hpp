#ifndef AUTHMATCH_SRC_INDEX_DATA_HPP
#define AUTHMATCH_SRC_INDEX_DATA_HPP

// What an authorization_index holds: rows of interned ids and fixed-size values, the interned
// strings, and the rows grouped by number, by payer + member + code and by member. The engine
// and the settlement read it directly through data_of(index): no copies, no virtual calls.

#include <authmatch/authorization_index.hpp>
#include "index/row_groups.hpp"
#include "index/string_pool.hpp"

#include <cstdint>
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

/// One authorization row as the index keeps it: interned ids and fixed-size values only
/// (80 bytes; the fields are ordered so that none is padded).
struct auth_row {
  string_pool::id number = 0, payer = 0, member = 0, code = 0;
  date patient_dob;  ///< not set when the row does not restrict it
  date effective, expiration;
  auth_status status = auth_status::approved;
  authmatch::unit_type unit_type = authmatch::unit_type::units;
  bool has_unit_limit = false;
  decimal units;  ///< meaningful when has_unit_limit
  decimal units_used;
  id_list rendering_npis, facility_npis, places_of_service, diagnosis_codes;
};
static_assert(sizeof(auth_row) == 80);

/// The rows and strings of an authorization index, and what authorization_index does with them.
class index_data {
 public:
  using row_id = authorization_index::row_id;

  row_id add(authorization auth);
  void shrink_to_fit();
  std::size_t size() const noexcept { return rows_.size(); }
  authorization get(row_id which) const;

  std::span<const row_id> rows_with_number(std::string_view auth_number) const noexcept;
  std::span<const row_id> rows_for(std::string_view payer_id, std::string_view member_id,
                                   std::string_view code) const noexcept;
  std::span<const row_id> rows_of_member(std::string_view member_id) const noexcept;

  const auth_row& row(row_id which) const noexcept { return rows_[which]; }
  std::string_view text(string_pool::id which) const noexcept { return strings_[which]; }
  std::span<const string_pool::id> ids(id_list list) const noexcept {
    return {list_ids_.data() + list.first, list.count};
  }
  /// True when `value` is among the strings of `list`.
  bool contains(id_list list, std::string_view value) const noexcept;

 private:
  id_list store_list(const std::vector<std::string>& values);
  std::span<const row_id> rows_with_number(string_pool::id number) const noexcept;

  // The hash of a row's key in each grouping, for row_groups to rehash.
  auto number_of() const noexcept {
    return [this](row_id r) { return std::uint64_t{rows_[r].number}; };
  }
  auto member_of() const noexcept {
    return [this](row_id r) { return std::uint64_t{rows_[r].member}; };
  }
  auto patient_code_of() const noexcept;

  // About 140 bytes a row after shrink_to_fit() (benchmarks/bench_index.cpp): the row, its
  // share of the interned text and of the three groupings, whose slots hold row ids, not keys.
  string_pool strings_;
  std::vector<auth_row> rows_;
  std::vector<string_pool::id> list_ids_;
  row_groups by_number_;
  row_groups by_patient_code_;  ///< payer + member + code
  row_groups by_member_;
};

/// The data behind an index, for data_of() (authorization_index befriends it).
struct index_access {
  static const index_data& of(const authorization_index& index) noexcept;
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
