#include "text/printable.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace authmatch::detail;

TEST_CASE("Control characters and NUL are shown escaped", "[text]") {
  CHECK(printable(std::string("A\x1b[31mB\0C", 9)) == "A\\x1B[31mB\\x00C");
}

TEST_CASE("Bytes that are not UTF-8 are shown escaped and UTF-8 is kept", "[text]") {
  CHECK(printable("caf\xc3\xa9 \xff\xfe") == "caf\xc3\xa9 \\xFF\\xFE");
}

TEST_CASE("A C1 control in UTF-8 is shown escaped", "[text]") {
  CHECK(printable("a\xc2\x9b"
                  "31m") == "a\\xC2\\x9B31m");
}

TEST_CASE("A long value is quoted with its length", "[text]") {
  const std::string value(100000, '9');
  CHECK(quoted_value(value) == "'" + std::string(quoted_bytes, '9') + "...' (100000 bytes)");
  CHECK(quoted_value("ab") == "'ab'");
}

TEST_CASE("A message is cut at its limit and says so", "[text]") {
  const auto message = safe_message(std::string(5000, 'x'));
  CHECK(message.size() < message_bytes + 40);
  CHECK(message.ends_with("(message cut short)"));
}

TEST_CASE("Invalid UTF-8 becomes U+FFFD, overlong forms and surrogates included", "[text]") {
  std::string out;
  append_valid_utf8(out,
                    "a\xff"
                    "b\xc0\xaf"
                    "c\xed\xa0\x80"
                    "d\xe2\x82");
  CHECK(out ==
        "a\xef\xbf\xbd"
        "b\xef\xbf\xbd\xef\xbf\xbd"
        "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
        "d\xef\xbf\xbd\xef\xbf\xbd");
}
