// RFC 4180 records: quoting, line ends, and where an error is.

#include "support/errors.hpp"

#include "input/csv_reader.hpp"
#include "x12/byte_source.hpp"

#include <catch2/catch.hpp>
#include <sstream>
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

namespace {

/// A record as read, with the line it starts on.
struct numbered_record {
  std::size_t line;
  std::vector<std::string> fields;
  bool operator==(const numbered_record&) const = default;
};

std::vector<numbered_record> numbered_records_of(csv_reader reader) {
  std::vector<numbered_record> out;
  while (reader.next()) {
    out.push_back({reader.line(), {reader.fields().begin(), reader.fields().end()}});
  }
  return out;
}

/// The records of `text` read through a stream `chunk_size` bytes at a time.
std::vector<numbered_record> chunked_records_of(const std::string& text, std::size_t chunk_size) {
  std::istringstream in(text);
  authmatch::x12::detail::stream_source source(in, "t.csv");
  return numbered_records_of(csv_reader(source, "t.csv", chunk_size));
}

constexpr std::string_view tricky_csv =
    "\xEF\xBB\xBF"
    "id,note,n\r\n"
    "1,\"a, \"\"quoted\"\" note\nover two lines\",10\r\n"
    "\r\n"
    "\n"
    "2,\"\",\"\"\"\"\n"
    "3,plain,\"x\r\ny\"\r\n"
    "4,,\n"
    "5,last,without line end";

}  // namespace

TEST_CASE("Read in chunks of any size, records and their lines are those of a whole read",
          "[csv]") {
  const auto whole = numbered_records_of(csv_reader(tricky_csv, "t.csv"));
  REQUIRE(whole.size() == 6);
  CHECK(whole[1].fields[1] == "a, \"quoted\" note\nover two lines");
  CHECK(whole[2].line == 6);
  for (std::size_t chunk = 1; chunk <= tricky_csv.size() + 1; ++chunk) {
    INFO("chunk size " << chunk);
    CHECK(chunked_records_of(std::string(tricky_csv), chunk) == whole);
  }
}

TEST_CASE("A record's offset is its first byte's place in the input, in chunks of any size",
          "[csv]") {
  const std::string text(tricky_csv);
  // Past the byte-order mark, the blank lines and the line breaks inside quoted fields.
  const std::vector<std::uint64_t> starts = {
      3, text.find("1,\""), text.find("2,"), text.find("3,p"), text.find("4,,"), text.find("5,l")};
  for (std::size_t chunk = 1; chunk <= text.size() + 1; ++chunk) {
    INFO("chunk size " << chunk);
    std::istringstream in(text);
    authmatch::x12::detail::stream_source source(in, "t.csv");
    csv_reader reader(source, "t.csv", chunk);
    std::vector<std::uint64_t> offsets;
    while (reader.next()) offsets.push_back(reader.record_offset());
    CHECK(offsets == starts);
  }
}

TEST_CASE("Records over many 64-byte blocks split at every comma and keep their lines", "[csv]") {
  // Fields of 1 to 30 characters, so that the commas and line ends fall on every position of a
  // block; one field ends in a carriage return (dropped), one holds one (kept). The second record
  // has a quoted field in its fourth block, the third ends the input without a line end.
  std::vector<std::string> plain;
  for (std::size_t n = 1; n <= 30; ++n) plain.emplace_back(n, static_cast<char>('a' + n % 26));
  plain[7] = std::string("e\r");
  plain[9] = std::string("c\rd");
  auto quoted = plain;
  quoted[22] = std::string("x,\"y\"");
  std::string first, second;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i > 0) {
      first += ',';
      second += ',';
    }
    first += plain[i];
    second += i == 22 ? std::string("\"x,\"\"y\"\"\"") : plain[i];
  }
  const std::string text = first + "\r\n" + second + "\n" + first;
  REQUIRE(second.size() > 4 * 64);
  auto expected = plain;
  expected[7] = std::string("e");
  auto expected_quoted = quoted;
  expected_quoted[7] = std::string("e");
  const std::vector<numbered_record> records{{1, expected}, {2, expected_quoted}, {3, expected}};
  CHECK(numbered_records_of(csv_reader(text, "t.csv")) == records);
  for (std::size_t chunk = 1; chunk <= text.size() + 1; chunk += 7) {
    INFO("chunk size " << chunk);
    CHECK(chunked_records_of(text, chunk) == records);
  }
}

TEST_CASE("A field longer than many chunks is carried over whole", "[csv]") {
  const std::string long_field(10000, 'x');
  const std::string text = "a,b\n1," + long_field + "\n\"" + long_field + "\",2\n";
  const auto records = chunked_records_of(text, 7);
  REQUIRE(records.size() == 3);
  CHECK(records[1].fields[1] == long_field);
  CHECK(records[2].fields[0] == long_field);
  CHECK(records[2].line == 3);
}

TEST_CASE("Read in chunks, an error names the same position and says the same", "[csv]") {
  for (const std::string text : {"a,b\n1,\"open\n2,3\n", "a,b\n\"x\"y,2\n", "a,b\n1,x\"y\n",
                                 "a,b\n\"x\"\rz,1\n", "a,b\n1,\"2\"\"\n"}) {
    const auto whole = input_error_of([&] { numbered_records_of(csv_reader(text, "t.csv")); });
    REQUIRE(whole);
    for (std::size_t chunk = 1; chunk <= text.size() + 1; ++chunk) {
      INFO(text << " in chunks of " << chunk);
      const auto chunked = input_error_of([&] { chunked_records_of(text, chunk); });
      REQUIRE(chunked);
      CHECK(chunked->what() == std::string(whole->what()));
    }
  }
}

TEST_CASE("The head of a chunked input reaches past its first line feed", "[csv]") {
  const std::string text = std::string(50, 'h') + "\r\n1\n";
  std::istringstream in(text);
  authmatch::x12::detail::stream_source source(in, "t.csv");
  csv_reader reader(source, "t.csv", 4);
  CHECK(reader.head(8) == text.substr(0, 52));
  REQUIRE(reader.next());
  CHECK(reader.fields()[0] == std::string(50, 'h'));
}
