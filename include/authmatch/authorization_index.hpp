#ifndef AUTHMATCH_AUTHORIZATION_INDEX_HPP
#define AUTHMATCH_AUTHORIZATION_INDEX_HPP

#include <authmatch/authorization.hpp>
#include <authmatch/error.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace authmatch {
inline namespace v0 {

/// An authorization that cannot be added: names the field at fault. what() reads
/// "field: message".
class authorization_error : public error {
 public:
  explicit authorization_error(field_problem problem)
      : error(std::string(problem.field) + ": " + problem.message), problem_(std::move(problem)) {}
  const field_problem& problem() const noexcept { return problem_; }

 private:
  field_problem problem_;
};

namespace detail {
struct index_access;
}

/// Authorizations indexed for matching: by number, and by payer + member + code; referrals
/// (type referral) by number and by payer + member, apart, since neither stands in for the other.
/// Strings are interned once; lookups take string_views and never allocate.
/// Not copyable (it may hold millions of rows); move it, or share it by const reference:
/// const member functions are safe to call from several threads at once. A moved-from index is
/// empty, and may be added to again.
class authorization_index {
 public:
  /// A row's place in the index: 0 for the first row added, then 1, 2, ...
  using row_id = std::uint32_t;

  authorization_index() noexcept;
  authorization_index(const authorization_index&) = delete;
  authorization_index& operator=(const authorization_index&) = delete;
  authorization_index(authorization_index&&) noexcept;
  authorization_index& operator=(authorization_index&&) noexcept;
  ~authorization_index();

  /// Normalizes and adds one row. Throws authorization_error, and adds nothing, when the row is
  /// unusable on its own or disagrees with earlier rows of its number about payer or patient.
  row_id add(authorization auth);

  /// Makes room for about `rows` rows, so that adding them does not rebuild the index's tables
  /// as they grow (loaders call it with the rows the file's size and first lines suggest). Rows
  /// past it are added as ever.
  void reserve(std::size_t rows);

  /// Releases the room kept for rows still to come, once the last row is added (loaders call
  /// it). A table is rebuilt smaller, and a store of rows or text copied smaller, only when it
  /// is more than a quarter larger than its rows need: for a moment the copy doubles what it
  /// holds, and room never written to takes no memory.
  void shrink_to_fit();

  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }

  /// The row as it was added (normalized). `row` must be below size().
  authorization get(row_id row) const;

  // Lookups. They compare values as the index stores them, normalized (trimmed, upper case),
  // and give the rows in the order they were added. A span stays valid until the next add(),
  // reserve() or shrink_to_fit(), or until the index (or the one it was moved to) is destroyed.

  /// The rows of one authorization or referral number.
  std::span<const row_id> rows_with_number(std::string_view auth_number) const noexcept;
  /// The authorization rows of one payer, member and code.
  std::span<const row_id> rows_for(std::string_view payer_id, std::string_view member_id,
                                   std::string_view code) const noexcept;
  /// The authorization rows of one member ID, whatever their payer and code.
  std::span<const row_id> rows_of_member(std::string_view member_id) const noexcept;
  /// The referral rows of one payer and member, whatever their code.
  std::span<const row_id> referrals_of(std::string_view payer_id,
                                       std::string_view member_id) const noexcept;

 private:
  class impl;
  friend struct detail::index_access;
  std::unique_ptr<impl> impl_;
};

}  // namespace v0
}  // namespace authmatch

#endif
