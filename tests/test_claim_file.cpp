// The claim file: a run's claims out of memory, read back in order or by place.

#include "run/claim_file.hpp"

#include <fmt/format.h>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::detail;

namespace {

/// Claim i's values; every seventh names an original, every eleventh is a void.
struct claim_values {
  std::string claim_id, original_id, member_id;
  stored_claim stored() const {
    stored_claim claim;
    claim.claim_id = claim_id;
    claim.original_id = original_id;
    claim.member_id = member_id;
    return claim;
  }
};

claim_values values_of(std::uint64_t i) {
  return {fmt::format("CLAIM-{}", i * 7919), i % 7 == 0 ? fmt::format("CLAIM-{}", i) : "",
          fmt::format("M{:0{}}", i, 1 + i % 20)};
}

stored_claim claim_of(const claim_values& values, std::uint64_t i) {
  auto claim = values.stored();
  claim.payer = static_cast<std::uint32_t>(i % 3);
  claim.source_input = static_cast<std::uint32_t>(i % 2);
  claim.frequency = i % 11 == 0 ? claim_frequency::void_claim : claim_frequency::original;
  claim.sequence = i * 1000003;
  claim.source_position = i * 13;
  return claim;
}

void check_claim(const stored_claim& got, std::uint64_t i) {
  const auto values = values_of(i);
  const auto expected = claim_of(values, i);
  CHECK(got.claim_id == expected.claim_id);
  CHECK(got.original_id == expected.original_id);
  CHECK(got.member_id == expected.member_id);
  CHECK(got.payer == expected.payer);
  CHECK(got.source_input == expected.source_input);
  CHECK(got.frequency == expected.frequency);
  CHECK(got.sequence == expected.sequence);
  CHECK(got.source_position == expected.source_position);
}

/// A file of `count` claims, and their places.
std::vector<claim_file::place> fill(claim_file& file, std::uint64_t count) {
  std::vector<claim_file::place> places;
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto values = values_of(i);
    places.push_back(file.append(claim_of(values, i)));
  }
  return places;
}

}  // namespace

TEST_CASE("Claims past a megabyte come back from the temporary file in order with every value",
          "[claim_file]") {
  claim_file file;
  constexpr std::uint64_t count = 60000;
  const auto places = fill(file, count);
  REQUIRE(file.size() == count);
  REQUIRE(file.end() > 2 * (std::uint64_t{1} << 20));  // most of them in the file
  std::uint64_t i = 0;
  for_each_claim(file, [&](claim_file::place at, const stored_claim& claim) {
    REQUIRE(i < count);
    CHECK(at == places[i]);
    check_claim(claim, i++);
  });
  CHECK(i == count);
}

TEST_CASE("A claim file marks every few thousandth claim, and reading from marks covers them all",
          "[claim_file]") {
  claim_file file;
  constexpr std::uint64_t count = 10000;
  const auto places = fill(file, count);
  const auto& marks = file.marks();
  REQUIRE(marks.size() == (count + claim_file::mark_every - 1) / claim_file::mark_every);
  for (std::size_t m = 0; m < marks.size(); ++m)
    CHECK(marks[m] == places[m * claim_file::mark_every]);
  // A share from each mark to the next, as threads read them.
  std::uint64_t i = 0;
  for (std::size_t m = 0; m < marks.size(); ++m) {
    const auto to = m + 1 < marks.size() ? marks[m + 1] : file.end();
    for_each_claim(file, marks[m], to,
                   [&](claim_file::place, const stored_claim& claim) { check_claim(claim, i++); });
  }
  CHECK(i == count);
}

TEST_CASE("A claim is read back by its place from anywhere in the file", "[claim_file]") {
  claim_file file;
  constexpr std::uint64_t count = 60000;
  const auto places = fill(file, count);
  claim_reader reader(file, 4096);
  for (std::uint64_t i = count; i-- > 0;) check_claim(reader.at(places[i]), i);
}

TEST_CASE("A claim longer than the reader's window is read whole", "[claim_file]") {
  claim_file file;
  const std::string long_member(3 << 20, 'M');  // past a megabyte: written to the file at once
  stored_claim claim;
  claim.claim_id = "C1";
  claim.member_id = long_member;
  const auto first = file.append(claim);
  claim.claim_id = "C2";
  claim.member_id = "M2";
  const auto second = file.append(claim);
  claim_reader reader(file, 4096);
  CHECK(reader.at(first).member_id == long_member);
  CHECK(reader.at(second).claim_id == "C2");
  CHECK(reader.at(first).claim_id == "C1");
}

TEST_CASE("A cleared claim file holds nothing", "[claim_file]") {
  claim_file file;
  fill(file, 60000);
  file.clear();
  CHECK(file.size() == 0);
  CHECK(file.end() == 0);
  fill(file, 3);
  claim_reader reader(file);
  check_claim(reader.at(0), 0);
  check_claim(reader.at(reader.next()), 1);
}
