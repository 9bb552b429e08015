// The separator bitmaps (x12/separator_scan.hpp) against the portable byte-by-byte code, and the
// tokenizer that reads segments from them against a plain split of the same text.

#include "x12/x12_text.hpp"

#include "x12/separator_scan.hpp"
#include "x12/tokenizer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using authmatch::x12::detail::delimiters;
using authmatch::x12::detail::find_separators;
using authmatch::x12::detail::find_separators_portable;
using authmatch::x12::detail::segment;
using authmatch::x12::detail::separator_block;
using authmatch::x12::detail::separator_masks;

/// The bitmaps of every block of `text`, 64 bytes at a time from `from`, both ways.
void check_blocks(std::string_view text, std::size_t from, const delimiters& delims) {
  for (std::size_t at = from; at < text.size(); at += separator_block) {
    const std::size_t size = std::min(separator_block, text.size() - at);
    INFO("block at " << at << " of " << size << " bytes");
    CHECK(find_separators(text.data() + at, size, delims) ==
          find_separators_portable(text.data() + at, size, delims));
  }
}

TEST_CASE("every separator is found at every position of a block and across blocks",
          "[x12][scan]") {
  const delimiters delims{'*', ':', '^', '~'};
  const std::string kinds = {'~', '*', ':', '\r', '\n'};
  for (const std::size_t length : {1u, 63u, 64u, 65u, 127u, 128u, 130u, 200u}) {
    for (std::size_t position = 0; position < length; ++position) {
      for (const char kind : kinds) {
        std::string text(length, 'A');
        text[position] = kind;
        INFO("length " << length << ", '" << kind << "' at " << position);
        check_blocks(text, 0, delims);
        // The block that holds it, found with the vector code.
        const std::size_t block = position / separator_block * separator_block;
        const std::size_t size = std::min(separator_block, length - block);
        const separator_masks found = find_separators(text.data() + block, size, delims);
        const std::uint64_t bit = std::uint64_t{1} << (position - block);
        CHECK(found.terminator == (kind == '~' ? bit : 0));
        CHECK(found.element == (kind == '*' ? bit : 0));
        CHECK(found.component == (kind == ':' ? bit : 0));
        CHECK(found.line_break == (kind == '\r' || kind == '\n' ? bit : 0));
        // Blocks that start anywhere, as the tokenizer starts them at a segment.
        for (std::size_t from = 1; from < std::min<std::size_t>(length, 66); from += 13) {
          check_blocks(text, from, delims);
        }
      }
    }
  }
}

TEST_CASE("no byte past a short block is taken for a separator", "[x12][scan]") {
  const delimiters delims{'*', ':', '^', '~'};
  const std::string text(128, '~');
  for (std::size_t size = 0; size < separator_block; ++size) {
    const separator_masks found = find_separators(text.data(), size, delims);
    CHECK(found.terminator == (std::uint64_t{1} << size) - 1);
    CHECK(found.element == 0);
  }
  CHECK(find_separators(text.data(), 64, delims).terminator == ~std::uint64_t{0});
}

TEST_CASE("random bytes and delimiters give the bitmaps of the portable code", "[x12][scan]") {
  std::mt19937 random(20261130);
  const std::vector<delimiters> choices = {{'*', ':', '^', '~'},
                                           {'|', '>', '^', '\n'},
                                           {'\x1D', '\x1F', '\x1E', '\x1C'},
                                           {'\xE9', '\x80', '\0', '\xFF'},
                                           {'*', '*', '\0', '*'}};
  for (const delimiters& delims : choices) {
    const std::string alphabet = {
        delims.element, delims.component, delims.segment, '\r',   '\n', 'A', '0',
        '\0',           '\x7F',           '\x80',         '\xFF', ' '};
    for (int round = 0; round < 200; ++round) {
      std::string text(random() % 300, ' ');
      for (char& c : text) c = alphabet[random() % alphabet.size()];
      check_blocks(text, random() % 70, delims);
    }
  }
}

/// A segment as a plain split finds it: its text and where its element separators are.
struct split_segment {
  std::string text;
  std::vector<std::size_t> cuts;  ///< offsets in text, at most segment::max_cuts
  bool operator==(const split_segment&) const = default;
};

bool is_blank(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/// The segments after the ISA, split one byte at a time.
std::vector<split_segment> plain_split(std::string_view text, const delimiters& delims) {
  std::vector<split_segment> out;
  std::size_t at = 0;
  for (;;) {
    while (at < text.size() && is_blank(text[at])) ++at;
    if (at == text.size()) return out;
    std::size_t end = text.find(delims.segment, at);
    const std::size_t resume = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    while (end > at && is_blank(text[end - 1])) --end;
    split_segment seg{std::string(text.substr(at, end - at)), {}};
    for (std::size_t i = 0; i < seg.text.size() && seg.cuts.size() < segment::max_cuts; ++i) {
      if (seg.text[i] == delims.element) seg.cuts.push_back(i);
    }
    out.push_back(std::move(seg));
    at = resume;
  }
}

/// The segments after the ISA as the tokenizer finds them in one window.
std::vector<split_segment> tokenized(std::string_view text) {
  using authmatch::x12::detail::token;
  using authmatch::x12::detail::tokenizer;
  tokenizer tokens(std::size_t{1} << 20);
  tokens.set_window(text.data(), text.size(), 0, true);
  std::vector<split_segment> out;
  token t;
  while (tokens.next(t) == tokenizer::status::segment) {
    if (t.isa_read) continue;
    split_segment seg{std::string(t.seg.text), {}};
    for (std::size_t i = 0; i < t.seg.cut_count; ++i) {
      seg.cuts.push_back(static_cast<std::size_t>(t.seg.cuts[i] - t.seg.text.data()));
    }
    out.push_back(std::move(seg));
  }
  return out;
}

TEST_CASE("the tokenizer splits segments as a plain split does, wherever the blocks fall",
          "[x12][scan]") {
  std::mt19937 random(837);
  const std::vector<authmatch::test::x12_style> styles = {
      {'*', ':', '^', '~', "\n"}, {'|', '>', '^', '\x1C', ""}, {'*', ':', '^', '~', "\r\n"}};
  for (const auto& style : styles) {
    const delimiters delims{style.element, style.component, style.repetition, style.segment};
    // No 'I' or 'S': no ISA in the random part. Runs of separators make segments with more
    // elements than are recorded.
    const std::string alphabet = {style.element,
                                  style.element,
                                  style.element,
                                  style.component,
                                  style.segment,
                                  'A',
                                  'B',
                                  '0',
                                  '9',
                                  ' ',
                                  '\r',
                                  '\n',
                                  '.'};
    for (int round = 0; round < 300; ++round) {
      const std::string head = authmatch::test::render({authmatch::test::isa()}, style);
      std::string body(random() % 400, ' ');
      for (char& c : body) c = alphabet[random() % alphabet.size()];
      INFO("body '" << body << "'");
      CHECK(tokenized(head + body) == plain_split(body, delims));
    }
  }
}

}  // namespace
