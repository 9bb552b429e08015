// A source read ahead on a thread of its own gives the bytes of the source it reads, in order,
// and what reading that source threw, where it threw it.

#include "x12/read_ahead_source.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

using authmatch::x12::detail::byte_source;
using authmatch::x12::detail::read_ahead_source;

namespace {

/// The bytes of a string, at most `most` a read (as a pipe gives them), throwing once `fail_at`
/// bytes are read.
class string_source final : public byte_source {
 public:
  string_source(std::string_view text, std::size_t most,
                std::size_t fail_at = std::string_view::npos)
      : text_(text), most_(most), fail_at_(fail_at) {}

  std::size_t read(char* into, std::size_t size) override {
    if (at_ >= fail_at_) throw std::runtime_error("disk error");
    const std::size_t n = std::min({size, most_, text_.size() - at_, fail_at_ - at_});
    std::copy_n(text_.data() + at_, n, into);
    at_ += n;
    read_so_far.store(at_);
    return n;
  }

  std::atomic<std::size_t> read_so_far{0};

 private:
  std::string_view text_;
  std::size_t most_;
  std::size_t fail_at_;
  std::size_t at_ = 0;
};

std::string sample_text(std::size_t size) {
  std::string text(size, '\0');
  for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('A' + i * 7 % 26);
  return text;
}

/// Everything `source` gives, `step` bytes a read at most.
std::string read_all(byte_source& source, std::size_t step) {
  std::string got;
  std::string room(step, '\0');
  while (const std::size_t n = source.read(room.data(), room.size())) got.append(room, 0, n);
  return got;
}

}  // namespace

TEST_CASE("A source read ahead gives every byte in order whatever the chunk and read sizes",
          "[x12][read_ahead]") {
  const auto text = sample_text(10'000);
  const std::size_t chunk = GENERATE(1U, 3U, 4096U, 100'000U);
  const std::size_t step = GENERATE(1U, 5U, 4096U);
  const std::size_t most = GENERATE(2U, 10'000U);  // short reads fill a chunk too
  CAPTURE(chunk, step, most);
  string_source from(text, most);
  read_ahead_source ahead(from, chunk);
  CHECK(read_all(ahead, step) == text);
  std::string room(8, '\0');
  CHECK(ahead.read(room.data(), room.size()) == 0);  // the end, again
}

TEST_CASE("A source read ahead gives an empty source's end", "[x12][read_ahead]") {
  string_source from("", 10);
  read_ahead_source ahead(from, 64);
  std::string room(8, '\0');
  CHECK(ahead.read(room.data(), room.size()) == 0);
}

TEST_CASE("A failure reading ahead reaches the reader after the bytes before it",
          "[x12][read_ahead]") {
  const auto text = sample_text(1000);
  string_source from(text, 1000, 700);
  read_ahead_source ahead(from, 64);
  std::string got;
  std::string room(50, '\0');
  // Reads to the end: without the failure, read() gives 0 and nothing is thrown.
  CHECK_THROWS_WITH(
      [&] {
        while (const std::size_t n = ahead.read(room.data(), room.size())) got.append(room, 0, n);
      }(),
      "disk error");
  CHECK(got == text.substr(0, 700));
  CHECK_THROWS_WITH(ahead.read(room.data(), room.size()), "disk error");  // and again
}

TEST_CASE("A source read ahead fills its ring while the reader waits, and goes no further",
          "[x12][read_ahead]") {
  const auto text = sample_text(100'000);
  string_source from(text, 100'000);
  constexpr std::size_t chunk = 100;
  constexpr std::size_t ring_bytes = read_ahead_source::ring_chunks * chunk;
  {
    read_ahead_source ahead(from, chunk);
    std::string room(10, '\0');
    REQUIRE(ahead.read(room.data(), room.size()) == 10);
    // While the first chunk is copied out, the others are read...
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (from.read_so_far.load() < ring_bytes && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    CHECK(from.read_so_far.load() == ring_bytes);
    // ...and no more, however long the reader takes: the ring bounds the memory held.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(from.read_so_far.load() == ring_bytes);
  }  // dropped before the end: its thread stops without reading on, and is joined
  CHECK(from.read_so_far.load() == ring_bytes);
}
