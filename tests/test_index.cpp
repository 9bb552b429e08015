// The authorization index's public lookups, its moves, and the data the engine reads behind it.

#include "support/builders.hpp"

#include "index/index_data.hpp"
#include "index/prefetch_ahead.hpp"

#include <catch2/catch.hpp>

#include <type_traits>
#include <vector>

using namespace authmatch;
using namespace authmatch::test;

namespace {

std::vector<authorization_index::row_id> ids(std::span<const authorization_index::row_id> rows) {
  return {rows.begin(), rows.end()};
}

/// A1 for 97110 and 97140, A2 for 97110 (member M1), B1 for member M2 with payer P2.
authorization_index three_numbers() {
  auto other = make_auth("B1");
  other.payer_id = "P2";
  other.member_id = "M2";
  return index_of({make_auth("A1"), make_auth("A1", "97140"), make_auth("A2"), other});
}

}  // namespace

TEST_CASE("An index is moved, never copied", "[index]") {
  STATIC_REQUIRE(std::is_nothrow_move_constructible_v<authorization_index>);
  STATIC_REQUIRE(std::is_nothrow_move_assignable_v<authorization_index>);
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<authorization_index>);
  STATIC_REQUIRE_FALSE(std::is_copy_assignable_v<authorization_index>);
}

TEST_CASE("The index finds rows by number, by patient and code, and by member", "[index]") {
  const auto index = three_numbers();
  REQUIRE(index.size() == 4);
  CHECK_FALSE(index.empty());
  CHECK(ids(index.rows_with_number("A1")) == std::vector<authorization_index::row_id>{0, 1});
  CHECK(ids(index.rows_for("P1", "M1", "97110")) == std::vector<authorization_index::row_id>{0, 2});
  CHECK(ids(index.rows_of_member("M2")) == std::vector<authorization_index::row_id>{3});
  CHECK(index.rows_with_number("Z9").empty());
  CHECK(index.rows_for("P2", "M1", "97110").empty());
  CHECK(index.get(1).code == "97140");
  CHECK(index.get(3).payer_id == "P2");
}

TEST_CASE("An index gives its rows back normalized", "[index]") {
  authorization_index index;
  auto a = make_auth(" a1 ", "g0283");
  a.diagnosis_codes = {"m54.5"};
  CHECK(index.add(a) == 0);
  const auto row = index.get(0);
  CHECK(row.auth_number == "A1");
  CHECK(row.code == "G0283");
  CHECK(row.diagnosis_codes == std::vector<std::string>{"M545"});
  CHECK(row.effective_date == date(2026, 1, 1));
  CHECK_FALSE(row.patient_dob);
  CHECK(index.rows_with_number("A1").size() == 1);
}

TEST_CASE("A diagnosis written in upper case loses its dot as one in lower case does", "[index]") {
  authorization_index index;
  auto a = make_auth("A1");
  a.diagnosis_codes = {"M54.5", "m51.36", "G43909"};
  index.add(a);
  CHECK(index.get(0).diagnosis_codes == std::vector<std::string>{"M545", "M5136", "G43909"});
}

TEST_CASE("A moved-from index is empty and can be added to again", "[index]") {
  auto index = three_numbers();
  const auto a1 = index.rows_with_number("A1");
  authorization_index moved(std::move(index));
  CHECK(moved.size() == 4);
  CHECK(moved.rows_with_number("A1").data() == a1.data());  // the rows did not move
  CHECK(index.size() == 0);
  CHECK(index.empty());
  CHECK(index.rows_with_number("A1").empty());
  CHECK(index.rows_for("P1", "M1", "97110").empty());
  CHECK(index.rows_of_member("M1").empty());
  index.shrink_to_fit();
  CHECK(index.add(make_auth("C1")) == 0);
  CHECK(index.size() == 1);
  index = std::move(moved);
  CHECK(index.size() == 4);
}

TEST_CASE("An index with room reserved finds what one without finds", "[index]") {
  // Room for two rows, then four, the rows past it added as ever, then the room given back.
  const auto plain = three_numbers();
  authorization_index reserved;
  reserved.reserve(2);
  for (authorization_index::row_id row = 0; row < plain.size(); ++row) {
    CHECK(reserved.add(plain.get(row)) == row);
  }
  reserved.shrink_to_fit();
  REQUIRE(reserved.size() == plain.size());
  for (const auto* number : {"A1", "A2", "B1", "Z9"}) {
    CHECK(ids(reserved.rows_with_number(number)) == ids(plain.rows_with_number(number)));
  }
  CHECK(ids(reserved.rows_for("P1", "M1", "97110")) == ids(plain.rows_for("P1", "M1", "97110")));
  CHECK(ids(reserved.rows_of_member("M2")) == ids(plain.rows_of_member("M2")));
}

TEST_CASE("Reserving room in an index that has rows keeps them", "[index]") {
  auto index = three_numbers();
  index.reserve(100000);
  CHECK(ids(index.rows_with_number("A1")) == std::vector<authorization_index::row_id>{0, 1});
  CHECK(ids(index.rows_for("P1", "M1", "97110")) == std::vector<authorization_index::row_id>{0, 2});
  CHECK(index.add(make_auth("C1")) == 4);
  CHECK(ids(index.rows_with_number("C1")) == std::vector<authorization_index::row_id>{4});
  index.shrink_to_fit();
  CHECK(ids(index.rows_of_member("M2")) == std::vector<authorization_index::row_id>{3});
}

TEST_CASE("A default-constructed index is empty", "[index]") {
  const authorization_index index;
  CHECK(index.size() == 0);
  CHECK(index.empty());
  CHECK(index.rows_of_member("M1").empty());
  CHECK(detail::data_of(index).size() == 0);
}

TEST_CASE("The engine reads an index's rows and strings through data_of", "[index]") {
  const auto index = three_numbers();
  const auto& data = detail::data_of(index);
  REQUIRE(data.size() == 4);
  const auto& row = data.row(1);
  CHECK(data.text(row.number) == "A1");
  CHECK(data.text(row.code) == "97140");
  CHECK(row.units == decimal::from_integer(10));
  CHECK(data.ids(row.rendering_npis()).empty());
  CHECK_FALSE(data.contains(row.rendering_npis(), "1234567893"));
  CHECK(ids(data.rows_for("P1", "M1", "97110")) == ids(index.rows_for("P1", "M1", "97110")));
}

namespace {

/// Every step of a prefetch of a lookup, in order, as a judging batch takes them.
template <typename Step>
detail::index_data::lookup_ahead steps_of(Step step) {
  detail::index_data::lookup_ahead ahead;
  for (int i = 0; i < detail::index_data::lookup_steps; ++i) step(i, ahead);
  return ahead;
}

}  // namespace

TEST_CASE("A prefetch's steps find the row a lookup by number finds", "[index]") {
  const auto index = three_numbers();
  const auto& data = detail::data_of(index);
  auto ahead = steps_of([&](int step, auto& at) { data.prefetch_number("B1", step, at); });
  REQUIRE(ahead.found_row);
  CHECK(ahead.row == 3);
  ahead = steps_of([&](int step, auto& at) { data.prefetch_number("Z9", step, at); });
  CHECK_FALSE(ahead.found_row);
}

TEST_CASE("A prefetch's steps find the row a lookup by patient and code finds", "[index]") {
  const auto index = three_numbers();
  const auto& data = detail::data_of(index);
  auto ahead = steps_of(
      [&](int step, auto& at) { data.prefetch_patient_code("P1", "M1", "97140", step, at); });
  REQUIRE(ahead.found_row);
  CHECK(ahead.row == 1);
  ahead = steps_of(
      [&](int step, auto& at) { data.prefetch_patient_code("P2", "M1", "97140", step, at); });
  CHECK_FALSE(ahead.found_row);
}

TEST_CASE("Every item has every prefetch step in order before its turn, the first ones too",
          "[index]") {
  constexpr int steps = 4;
  const std::vector<int> every_step{0, 1, 2, 3};
  const std::vector<std::size_t> strides{1, 2}, begins{0, 3}, sizes{0, 1, 3, 5, 12};
  for (const auto stride : strides) {
    for (const auto begin : begins) {
      for (const auto size : sizes) {
        const std::size_t end = begin + size;
        std::vector<std::vector<int>> taken(end);  // each item's steps, in the order taken
        std::size_t turn = begin;                  // the item handled next
        std::size_t late = 0;  // steps taken once an item's turn had passed, or outside the range
        const auto prefetch = [&](std::size_t item, int step) {
          if (item < turn || item >= end) {
            ++late;
            return;
          }
          taken[item].push_back(step);
        };
        detail::for_each_prefetched(begin, end, steps, stride, prefetch,
                                    [&](std::size_t item) { turn = item + 1; });
        INFO("stride " << stride << ", items " << begin << " to " << end);
        for (std::size_t item = begin; item < end; ++item) CHECK(taken[item] == every_step);
        CHECK(late == 0);
      }
    }
  }
}

TEST_CASE("Rows grouped by id come back in the order added whatever the groups' sizes", "[index]") {
  // Groups of 1 to 40 rows, added interleaved, so that groups move as they grow while others
  // lie after them; key 3 gets none.
  detail::id_groups groups;
  std::vector<std::vector<std::uint32_t>> expected(41);
  std::uint32_t row = 0;
  for (std::uint32_t round = 0; round < 40; ++round) {
    for (std::uint32_t key = 0; key < 41; ++key) {
      if (key == 3 || round >= key) continue;
      groups.add(key, row);
      expected[key].push_back(row++);
    }
  }
  groups.shrink_to_fit();
  for (std::uint32_t key = 0; key < 41; ++key) {
    CHECK(ids(groups.find(key)) == expected[key]);
  }
  CHECK(groups.find(41).empty());
  CHECK(groups.find(1'000'000).empty());
}
