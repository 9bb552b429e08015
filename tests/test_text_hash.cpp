#include "index/row_groups.hpp"
#include "text/text_hash.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <set>
#include <string>

using namespace authmatch::detail;

namespace {

/// Text of `size` bytes that varies along it.
std::string sample(std::size_t size) {
  std::string text;
  for (std::size_t i = 0; i < size; ++i) text += static_cast<char>('A' + i % 26);
  return text;
}

}  // namespace

TEST_CASE("Texts of every length up to 40 bytes compare equal to a copy", "[text]") {
  for (std::size_t size = 0; size <= 40; ++size) {
    const auto text = sample(size);
    const std::string copy = text;  // another buffer
    CHECK(same_text(text, copy));
    CHECK(text_hash(text) == text_hash(copy));
  }
}

TEST_CASE("A change of any one byte makes texts differ and changes their hash", "[text]") {
  for (std::size_t size = 1; size <= 40; ++size) {
    const auto text = sample(size);
    for (std::size_t at = 0; at < size; ++at) {
      auto changed = text;
      changed[at] = static_cast<char>(changed[at] ^ 0x20);
      CHECK_FALSE(same_text(text, changed));
      CHECK(text_hash(text) != text_hash(changed));
    }
  }
}

TEST_CASE("Texts that differ only in length differ and hash apart", "[text]") {
  const std::string zeros(40, '\0');
  std::set<std::uint64_t> hashes;
  for (std::size_t size = 0; size <= 40; ++size) {
    const std::string_view shorter(zeros.data(), size);
    hashes.insert(text_hash(shorter));
    if (size > 0) CHECK_FALSE(same_text(shorter, std::string_view(zeros.data(), size - 1)));
  }
  CHECK(hashes.size() == 41);
}

TEST_CASE("Numbered identifiers spread over every slot of a table", "[text]") {
  // PA0000000 to PA0009999, as an authorization export numbers them: a table of 256 slots gets
  // every slot, and none more than twice its share (about 39).
  std::array<int, 256> per_slot{};
  for (int i = 0; i < 10000; ++i) {
    const auto id = "PA" + std::string(7 - std::to_string(i).size(), '0') + std::to_string(i);
    ++per_slot[slot_of(text_hash(id), per_slot.size())];
  }
  for (const int count : per_slot) {
    CHECK(count > 0);
    CHECK(count < 78);
  }
}
