#include "text/display_width.hpp"

#include <catch2/catch.hpp>

using authmatch::detail::display_width;

TEST_CASE("ASCII takes a column a byte", "[text][width]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("CLM-1001") == 8);
}

TEST_CASE("An accented letter takes one column however it is spelled", "[text][width]") {
  CHECK(display_width("Jos\xc3\xa9") == 4);   // U+00E9
  CHECK(display_width("Jose\xcc\x81") == 4);  // e and U+0301 COMBINING ACUTE ACCENT
}

TEST_CASE("Zero-width characters take no column", "[text][width]") {
  CHECK(display_width("A\xe2\x80\x8b"
                      "B") == 2);  // U+200B ZERO WIDTH SPACE
  CHECK(display_width("\xef\xbb\xbf"
                      "A") == 1);  // U+FEFF ZERO WIDTH NO-BREAK SPACE
}

TEST_CASE("Wide characters take two columns", "[text][width]") {
  CHECK(display_width("\xe5\xb1\xb1\xe7\x94\xb0") == 4);  // two CJK ideographs
  CHECK(display_width("\xf0\x9f\x98\x80") == 2);          // U+1F600 emoji
  CHECK(display_width("\xf0\x9f\x9a\x91") == 2);          // U+1F691 ambulance
  CHECK(display_width("\xf0\x9f\xa9\xba") == 2);          // U+1FA7A stethoscope
}

TEST_CASE("A byte that is not UTF-8 takes one column", "[text][width]") {
  CHECK(display_width("A\xff") == 2);
}
