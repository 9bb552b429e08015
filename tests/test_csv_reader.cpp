// RFC 4180 records: quoting, line ends, and where an error is.

#include "support/errors.hpp"

#include "input/csv_reader.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using authmatch::detail::csv_reader;
using authmatch::test::input_error_of;

namespace {

std::vector<std::vector<std::string>> records_of(std::string_view text) {
  csv_reader reader(text, "t.csv");
  std::vector<std::vector<std::string>> out;
  while (reader.next()) out.emplace_back(reader.fields().begin(), reader.fields().end());
  return out;
}

using rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("Plain fields split on commas, with empty fields kept", "[csv]") {
  CHECK(records_of("a,b,,d\n1,2,3,4\n") == rows{{"a", "b", "", "d"}, {"1", "2", "3", "4"}});
}

TEST_CASE("Quoted fields hold commas, doubled quotes and line breaks", "[csv]") {
  CHECK(records_of("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n") ==
        rows{{"a,b", "say \"hi\"", "two\nlines"}});
}

TEST_CASE("CRLF line ends, a byte-order mark and blank lines are accepted", "[csv]") {
  CHECK(records_of("\xEF\xBB\xBFx,y\r\n\r\n1,\"2\"\r\n") == rows{{"x", "y"}, {"1", "2"}});
}

TEST_CASE("The last record needs no line end", "[csv]") {
  CHECK(records_of("x,y\n1,2") == rows{{"x", "y"}, {"1", "2"}});
}

TEST_CASE("Record lines count the line breaks inside quoted fields", "[csv]") {
  csv_reader reader("h\n\"a\nb\"\nc\n", "t.csv");
  REQUIRE(reader.next());
  REQUIRE(reader.next());
  REQUIRE(reader.next());
  CHECK(reader.line() == 4);
}

TEST_CASE("A quote that is never closed is an error at the field where it opens", "[csv]") {
  const auto e = input_error_of([] { records_of("a,b\n1,\"open\n2,3\n"); });
  REQUIRE(e);
  CHECK(e->where().file == "t.csv");
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 2);
}

TEST_CASE("Characters after a closing quote are an error", "[csv]") {
  const auto e = input_error_of([] { records_of("a,b\n\"x\"y,2\n"); });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 1);
}

TEST_CASE("A quote inside an unquoted field is an error", "[csv]") {
  const auto e = input_error_of([] { records_of("a,b\n1,x\"y\n"); });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 2);
}
