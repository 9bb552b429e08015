// Work made on some threads and used in order on one, through a ring of slots filled again.

#include "engine/slot_ring.hpp"

#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using authmatch::detail::slot_ring;

namespace {

struct numbered {
  std::size_t item = 0;
  std::size_t square = 0;
};

}  // namespace

TEST_CASE("A slot ring hands its consumer every item in order whichever thread filled it",
          "[slot_ring]") {
  constexpr std::size_t items = 5000;
  slot_ring<numbered> ring(4, items);
  std::vector<std::jthread> producers;
  for (int t = 0; t < 3; ++t) {
    producers.emplace_back([&] {
      while (const auto i = ring.next_to_fill()) {
        ring[*i] = {*i, *i * *i};
        ring.filled(*i);
      }
    });
  }
  std::size_t out_of_order = 0;
  for (std::size_t i = 0; i < items; ++i) {
    const auto& slot = *ring.wait_filled(i);
    if (slot.item != i || slot.square != i * i) ++out_of_order;
    ring.used(i);
  }
  producers.clear();  // joins: each returned once every item was handed out
  CHECK(out_of_order == 0);
}

TEST_CASE("A slot ring hands out no more items than its count", "[slot_ring]") {
  slot_ring<numbered> ring(8, 3);
  std::vector<std::size_t> handed;
  while (const auto i = ring.next_to_fill()) handed.push_back(*i);
  CHECK(handed == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("A slot ring fills a slot again with the item a ring after the one used", "[slot_ring]") {
  slot_ring<numbered> ring(2);
  REQUIRE(ring.next_to_fill() == std::optional<std::size_t>(0));
  REQUIRE(ring.next_to_fill() == std::optional<std::size_t>(1));
  ring.filled(0);
  ring.wait_filled(0);
  ring.used(0);
  CHECK(ring.next_to_fill() == std::optional<std::size_t>(2));
  CHECK(&ring[2] == &ring[0]);
}

TEST_CASE("A producer waiting for room gives up when the ring is stopped", "[slot_ring]") {
  slot_ring<numbered> ring(2);
  std::vector<std::size_t> handed;
  {
    std::jthread producer([&] {
      // Items 0 and 1 take the ring; item 2 waits for room that never comes.
      while (const auto i = ring.next_to_fill()) handed.push_back(*i);
    });
    ring.stop();
  }  // joins: a producer still waiting would hang here
  CHECK(handed.size() <= 2);
  CHECK(!ring.next_to_fill());
}

TEST_CASE("Producers of fixed items each fill their own, and the consumer gets them in order",
          "[slot_ring]") {
  constexpr std::size_t items = 3000;
  constexpr std::size_t producer_count = 3;
  slot_ring<numbered> ring(2 * producer_count);
  std::vector<std::jthread> producers;
  for (std::size_t p = 0; p < producer_count; ++p) {
    producers.emplace_back([&ring, p] {
      for (std::size_t i = p; i < items; i += producer_count) {
        if (!ring.wait_for_room(i)) return;
        ring[i] = {i, i * i};
        ring.filled(i);
      }
    });
  }
  std::size_t out_of_order = 0;
  for (std::size_t i = 0; i < items; ++i) {
    const auto* slot = ring.wait_filled(i);
    REQUIRE(slot != nullptr);
    if (slot->item != i || slot->square != i * i) ++out_of_order;
    ring.used(i);
  }
  producers.clear();
  CHECK(out_of_order == 0);
}

TEST_CASE("A consumer waiting for an item no one fills returns when a producer stops the ring",
          "[slot_ring]") {
  slot_ring<numbered> ring(4);
  const numbered* got = &ring[0];
  {
    std::jthread failing([&ring] { ring.stop(); });  // a producer that failed before item 0
    got = ring.wait_filled(0);
  }
  CHECK(got == nullptr);
  CHECK_FALSE(ring.wait_for_room(1));
}
