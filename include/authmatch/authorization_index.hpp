#ifndef AUTHMATCH_AUTHORIZATION_INDEX_HPP
#define AUTHMATCH_AUTHORIZATION_INDEX_HPP

#include <authmatch/authorization.hpp>
#include <authmatch/detail/row_groups.hpp>
#include <authmatch/detail/string_pool.hpp>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// An authorization that cannot be added: names the field at fault.
class authorization_error : public std::invalid_argument {
 public:
  explicit authorization_error(field_problem problem)
      : std::invalid_argument(std::string(problem.field) + ": " + problem.message),
        problem_(std::move(problem)) {}
  const field_problem& problem() const noexcept { return problem_; }

 private:
  field_problem problem_;
};

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

}  // namespace detail

/// Authorizations indexed for matching: by number, and by payer + member + code.
/// Strings are interned once; lookups take string_views and never allocate.
/// Not copyable (it may hold millions of rows); move it, or share it by const reference:
/// const member functions are safe to call from several threads at once.
class authorization_index {
 public:
  using row_id = std::uint32_t;

  authorization_index() = default;
  authorization_index(const authorization_index&) = delete;
  authorization_index& operator=(const authorization_index&) = delete;
  authorization_index(authorization_index&&) noexcept = default;
  authorization_index& operator=(authorization_index&&) noexcept = default;

  /// Normalizes and adds one row. Throws authorization_error, and adds nothing, when the row is
  /// unusable on its own or disagrees with earlier rows of its number about payer or patient.
  row_id add(authorization auth);

  /// Releases the room kept for rows still to come, once the last row is added (loaders call
  /// it): about 10% of the index's memory.
  void shrink_to_fit();

  std::size_t size() const noexcept { return rows_.size(); }
  bool empty() const noexcept { return rows_.empty(); }

  /// The row as it was added (normalized).
  authorization get(row_id row) const;

  // --- lookups used by the validator -----------------------------------------------------------
  std::span<const row_id> rows_with_number(std::string_view auth_number) const noexcept;
  std::span<const row_id> rows_for(std::string_view payer_id, std::string_view member_id,
                                   std::string_view code) const noexcept;
  std::span<const row_id> rows_of_member(std::string_view member_id) const noexcept;

  const detail::auth_row& row(row_id which) const noexcept { return rows_[which]; }
  std::string_view text(detail::string_pool::id which) const noexcept { return strings_[which]; }
  std::span<const detail::string_pool::id> ids(detail::id_list list) const noexcept {
    return {list_ids_.data() + list.first, list.count};
  }
  /// True when `value` is among the strings of `list`.
  bool contains(detail::id_list list, std::string_view value) const noexcept;

 private:
  detail::id_list store_list(const std::vector<std::string>& values);
  std::span<const row_id> rows_with_number(detail::string_pool::id number) const noexcept;

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
  detail::string_pool strings_;
  std::vector<detail::auth_row> rows_;
  std::vector<detail::string_pool::id> list_ids_;
  detail::row_groups by_number_;
  detail::row_groups by_patient_code_;  ///< payer + member + code
  detail::row_groups by_member_;
};

}  // namespace v0
}  // namespace authmatch

#endif
