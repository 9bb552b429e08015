// The copies a judging thread keeps of the lines it is handed: they outlive the reader's buffer,
// and the fields a claim's lines share are copied once.

#include "engine/copy_arena.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace authmatch;
using authmatch::detail::copy_arena;
using authmatch::detail::keep_lines;

namespace {

/// Two lines of one claim over `buffer`: the claim's fields are the same views, the codes and
/// dates of service are the lines' own.
std::vector<claim_line> claim_over(const std::string& buffer,
                                   const std::vector<std::string_view>& diagnoses) {
  const std::string_view text(buffer);
  claim_line first;
  first.claim_id = text.substr(0, 4);
  first.member_id = text.substr(5, 3);
  first.payer_id = text.substr(9, 5);
  first.code = text.substr(15, 5);
  first.diagnosis_codes = diagnoses;
  first.source_input = "claims.x12";
  claim_line second = first;
  second.line = 2;
  second.code = text.substr(21, 5);
  return {first, second};
}

}  // namespace

TEST_CASE("Kept lines read what they read when kept after the buffer changes", "[copy_arena]") {
  std::string buffer = "C001 M01 P0001 97110 97112 F329";
  const std::vector<std::string_view> diagnoses = {std::string_view(buffer).substr(27, 4)};
  copy_arena arena;
  std::vector<claim_line> kept;
  std::string_view input_kept;
  keep_lines(claim_over(buffer, diagnoses), arena, kept, input_kept);
  buffer.assign(buffer.size(), 'x');

  REQUIRE(kept.size() == 2);
  CHECK(kept[0].claim_id == "C001");
  CHECK(kept[1].member_id == "M01");
  CHECK(kept[1].payer_id == "P0001");
  CHECK(kept[0].code == "97110");
  CHECK(kept[1].code == "97112");
  REQUIRE(kept[1].diagnosis_codes.size() == 1);
  CHECK(kept[1].diagnosis_codes[0] == "F329");
  CHECK(kept[1].source_input == "claims.x12");
}

TEST_CASE("The fields a claim's lines share are copied once", "[copy_arena]") {
  const std::string buffer = "C001 M01 P0001 97110 97112 F329";
  const std::vector<std::string_view> diagnoses = {std::string_view(buffer).substr(27, 4)};
  copy_arena arena;
  std::vector<claim_line> kept;
  std::string_view input_kept;
  keep_lines(claim_over(buffer, diagnoses), arena, kept, input_kept);

  REQUIRE(kept.size() == 2);
  CHECK(kept[1].member_id.data() == kept[0].member_id.data());
  CHECK(kept[1].diagnosis_codes.data() == kept[0].diagnosis_codes.data());
  CHECK(kept[1].code.data() != kept[0].code.data());
  CHECK(kept[0].member_id.data() != buffer.data() + 5);
}

TEST_CASE("Equal text at another place is copied again", "[copy_arena]") {
  // A member read again for the second line (its text equal, its place another): its own copy.
  const std::string buffer = "C001 M01 P0001 97110 97112 F329";
  const std::string other(buffer.data(), buffer.size());
  const std::vector<std::string_view> diagnoses = {std::string_view(buffer).substr(27, 4)};
  auto lines = claim_over(buffer, diagnoses);
  lines[1].member_id = std::string_view(other).substr(5, 3);
  copy_arena arena;
  std::vector<claim_line> kept;
  std::string_view input_kept;
  keep_lines(lines, arena, kept, input_kept);

  REQUIRE(kept.size() == 2);
  CHECK(kept[1].member_id == "M01");
  CHECK(kept[1].member_id.data() != kept[0].member_id.data());
}

TEST_CASE("A text longer than the arena's block is kept whole", "[copy_arena]") {
  copy_arena arena;
  const std::string small(100, 'a'), large(std::size_t{200} * 1024, 'b');
  const auto a = arena.copy(small);
  const auto b = arena.copy(large);
  const auto c = arena.copy(small);
  CHECK(a == small);
  CHECK(b == large);
  CHECK(c == small);
}

namespace {

/// Copies `count` texts of 1 KiB, each of its own letter, and checks they read back.
bool fill_and_check(copy_arena& arena, std::size_t count) {
  std::vector<std::string_view> copies;
  for (std::size_t i = 0; i < count; ++i) {
    copies.push_back(arena.copy(std::string(1024, static_cast<char>('a' + i % 26))));
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (copies[i] != std::string(1024, static_cast<char>('a' + i % 26))) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("A cleared arena copies into the blocks it holds", "[copy_arena]") {
  copy_arena arena;
  REQUIRE(fill_and_check(arena, 200));  // 200 KiB: four blocks
  const auto held = arena.blocks_held();
  CHECK(held == 4);
  arena.clear();
  CHECK(fill_and_check(arena, 200));
  CHECK(arena.blocks_held() == held);
}

TEST_CASE("A cleared arena keeps at most max_kept_blocks blocks", "[copy_arena]") {
  copy_arena arena;
  const std::size_t per_block = copy_arena::block_size / 1024;
  REQUIRE(fill_and_check(arena, per_block * (copy_arena::max_kept_blocks + 4)));
  CHECK(arena.blocks_held() == copy_arena::max_kept_blocks + 4);
  arena.clear();
  CHECK(arena.blocks_held() == copy_arena::max_kept_blocks);
}

TEST_CASE("A text longer than a block is not kept by clear", "[copy_arena]") {
  copy_arena arena;
  const std::string large(std::size_t{200} * 1024, 'b');
  CHECK(arena.copy(large) == large);
  CHECK(arena.blocks_held() == 0);
  arena.clear();
  CHECK(fill_and_check(arena, 10));
  CHECK(arena.blocks_held() == 1);
}
