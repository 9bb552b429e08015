#include "text/text.hpp"

#include <catch2/catch.hpp>

using authmatch::detail::counted;

TEST_CASE("A count takes its noun in the singular for 1 only", "[text]") {
  CHECK(counted(0, "claim") == "0 claims");
  CHECK(counted(1, "authorization row") == "1 authorization row");
  CHECK(counted(2, "day") == "2 days");
}
