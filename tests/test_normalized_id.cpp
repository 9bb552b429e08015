#include "text/byte_scan.hpp"
#include "text/text.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

using namespace authmatch::detail;

TEST_CASE("Every byte from a to z and no other is flagged as lower case", "[text]") {
  for (unsigned byte = 0; byte < 256; ++byte) {
    for (unsigned neighbour : {0U, 0x60U, 0x7BU, 0x80U, 0xFFU}) {
      // The byte in each place of a word, among neighbours at the edges of the range.
      for (unsigned place = 0; place < 8; ++place) {
        std::uint64_t word = each_byte * neighbour;
        word &= ~(std::uint64_t{0xFF} << (8 * place));
        word |= std::uint64_t{byte} << (8 * place);
        const bool lower = byte >= 'a' && byte <= 'z';
        INFO("byte " << byte << " beside " << neighbour << " in place " << place);
        CHECK(((bytes_lower_case(word) >> (8 * place + 7)) & 1U) == (lower ? 1U : 0U));
      }
    }
  }
}

TEST_CASE("An identifier with a lower-case letter past its first word is not normalized",
          "[text]") {
  CHECK(is_normalized_id("MEMBER-000123456"));
  CHECK_FALSE(is_normalized_id("MEMBER-000123456x"));
  CHECK_FALSE(is_normalized_id("MEMBER-0001z3456"));
  CHECK_FALSE(is_normalized_id("MEMBEr"));
}

TEST_CASE("Bytes past ASCII are not taken for lower case", "[text]") {
  CHECK(is_normalized_id("CAF\xc3\xa9-\xe1\xfa\xff\xc1\xda\xba"));
}

TEST_CASE("An identifier with blanks at its ends is not normalized", "[text]") {
  CHECK_FALSE(is_normalized_id(" A1"));
  CHECK_FALSE(is_normalized_id("A1\t"));
  CHECK(is_normalized_id("A 1"));
  CHECK(is_normalized_id(""));
}

TEST_CASE("normalized copies only what needs upper-casing or trimming", "[text]") {
  std::string scratch;
  const std::string_view upper = "PAYER12345678";
  CHECK(normalized(upper, scratch).data() == upper.data());
  CHECK(normalized(" payer12345678 ", scratch) == "PAYER12345678");
}

TEST_CASE("A lower-case letter is found at any place of an identifier of any length", "[text]") {
  for (std::size_t size = 1; size <= 24; ++size) {
    for (std::size_t place = 0; place < size; ++place) {
      std::string id(size, '7');
      id[place] = 'q';
      INFO(id);
      CHECK_FALSE(is_normalized_id(id));
      id[place] = 'Q';
      CHECK(is_normalized_id(id));
    }
  }
}
