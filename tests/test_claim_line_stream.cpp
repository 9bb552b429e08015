// A claim-lines CSV read in chunks: the claims, their order and the errors of a whole load, with
// each claim handed out as soon as its last row is read.

#include "support/errors.hpp"

#include "input/claim_line_stream.hpp"
#include "x12/byte_source.hpp"

#include <authmatch/claim_sink.hpp>
#include <authmatch/loaders.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

using namespace authmatch;
using authmatch::test::input_error_of;

namespace {

constexpr std::string_view header =
    "claim_id,line,member_id,payer_id,auth_number,code,modifiers,units,service_date,"
    "service_date_end,diagnosis_codes,charge,frequency,note\n";

/// Claims in adjacent rows: a rejected one between readable ones, a note over two lines, CRLF.
const std::string adjacent_rows = std::string(header) +
                                  "C1,1,M1,P1,A1,97110,GP|59,2.5,2026-03-02,,M54.5|R51,120.50,,\n"
                                  "C1,2,M1,P1,A1,97140,,1,2026-03-02,,,,,\"one, \"\"two\"\"\n"
                                  "three\"\r\n"
                                  "C2,1,M2,P1,,97110,,x,2026-03-03,,,,,\n"
                                  "C2,2,M2,P1,,97110,,1,2026-03-03,,,,,\n"
                                  "\n"
                                  " C3 ,1,M3,P2,A3,97530,,4,20260304,,,,7,\r\n"
                                  "C4,1,M4,P2,,97530,,1,2026-03-05,,,,,last";

/// What a sink is handed, as text: one entry per claim.
class recording_sink final : public claim_sink {
 public:
  void on_claim(std::span<const claim_line> lines) override {
    std::string claim = "claim";
    for (const auto& line : lines) {
      claim += fmt_line(line);
    }
    claims.push_back(std::move(claim));
  }
  void on_rejected(finding unreadable) override {
    claims.push_back("rejected " + unreadable.claim_id + ": " + unreadable.message);
  }

  std::vector<std::string> claims;

 private:
  static std::string fmt_line(const claim_line& line) {
    std::string text = " [" + std::string(line.claim_id) + " " + std::to_string(line.line) + " " +
                       std::string(line.member_id) + " " + std::string(line.code) + " " +
                       line.units.to_string() + " " + std::string(line.auth_number);
    for (const auto m : line.modifiers) text += " m:" + std::string(m);
    for (const auto d : line.diagnosis_codes) text += " d:" + std::string(d);
    return text + "]";
  }
};

std::vector<std::string> whole_load_of(const std::string& text) {
  recording_sink sink;
  claim_line_file::parse(text, "lines.csv").feed(sink);
  return sink.claims;
}

std::vector<std::string> streamed(const std::string& text, std::size_t chunk_size) {
  std::istringstream in(text);
  x12::detail::stream_source source(in, "lines.csv");
  recording_sink sink;
  detail::stream_claim_lines(detail::csv_reader(source, "lines.csv", chunk_size), sink);
  return sink.claims;
}

/// A byte source over a string that counts what it has given out.
class counting_source final : public x12::detail::byte_source {
 public:
  explicit counting_source(std::string_view text) : text_(text) {}
  std::size_t read(char* into, std::size_t size) override {
    const auto part = text_.substr(given, size);
    std::copy(part.begin(), part.end(), into);
    given += part.size();
    return part.size();
  }
  std::size_t given = 0;

 private:
  std::string_view text_;
};

/// A file in the temporary directory, removed afterwards.
class scratch_file {
 public:
  explicit scratch_file(const std::string& contents) {
    static int counter = 0;
    path_ =
        std::filesystem::temp_directory_path() / ("authmatch-lines-" + std::to_string(::getpid()) +
                                                  "-" + std::to_string(++counter) + ".csv");
    std::ofstream(path_, std::ios::binary) << contents;
  }
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
  ~scratch_file() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A file holding `text`, open after the caller took its first `taken` bytes (head()); closed
/// and removed by the destructor.
class file_after_head {
 public:
  file_after_head(const std::string& text, std::size_t taken)
      : file_(text), fd_(::open(file_.path().c_str(), O_RDONLY)), head_(taken, '\0') {
    REQUIRE(fd_ >= 0);
    REQUIRE(::read(fd_, head_.data(), taken) == static_cast<ssize_t>(taken));
  }
  file_after_head(const file_after_head&) = delete;
  file_after_head& operator=(const file_after_head&) = delete;
  ~file_after_head() { ::close(fd_); }

  int fd() const { return fd_; }
  const std::string& head() const { return head_; }

 private:
  scratch_file file_;
  int fd_;
  std::string head_;
};

/// read_claim_lines_fd over a file holding `text`, after the caller took its first `taken` bytes.
std::vector<std::string> read_from_file(const std::string& text, std::size_t chunk_size,
                                        std::size_t taken = 0, unsigned threads = 1) {
  const file_after_head file(text, taken);
  recording_sink sink;
  std::uint64_t claims = 0;
  try {
    claims = read_claim_lines_fd(file.fd(), "lines.csv", sink, file.head(), chunk_size, threads);
  } catch (...) {
    CHECK(sink.claims.empty());  // refused before any claim was handed out
    throw;
  }
  CHECK(claims == sink.claims.size());
  return sink.claims;
}

/// `claims` claims of one to three adjacent rows each, the Nth with ID C<N>, then `after`.
std::string many_claims(int claims, const std::string& after = {}) {
  std::string text(header);
  for (int claim = 0; claim < claims; ++claim) {
    for (int line = 1; line <= 1 + claim % 3; ++line) {
      text += 'C' + std::to_string(claim) + ',' + std::to_string(line) + ",M" +
              std::to_string(claim % 50) + ",P1,A" + std::to_string(claim) +
              ",97110,,1,2026-03-02,,,,,\n";
    }
  }
  return text + after;
}

/// The first reading of a file holding `text` (claim_rows_adjacent) in chunks of `chunk_size`,
/// after the caller took its first `taken` bytes.
detail::claim_rows_check first_reading(const std::string& text, std::size_t chunk_size,
                                       unsigned threads, std::size_t taken = 0) {
  const file_after_head file(text, taken);
  return detail::claim_rows_adjacent(file.fd(), "lines.csv", file.head(), taken, chunk_size,
                                     threads);
}

/// Checks that a file holding `text`, read on two threads, is read as one thread reads it, its
/// second half not taken from the second thread.
void check_read_by_one_thread(const std::string& text) {
  const auto check = first_reading(text, 64, 2);
  CHECK_FALSE(check.halves);
  CHECK(check.adjacent == first_reading(text, 64, 1).adjacent);
  CHECK(read_from_file(text, 64, 0, 2) == whole_load_of(text));
}

}  // namespace

TEST_CASE("Streamed in chunks of any size, claims are those of a whole load, in its order",
          "[loaders][claims][stream]") {
  const auto whole = whole_load_of(adjacent_rows);
  REQUIRE(whole.size() == 4);
  CHECK(whole[1].starts_with("rejected C2: lines.csv:5:8: units"));
  for (std::size_t chunk = 1; chunk <= adjacent_rows.size() + 1; ++chunk) {
    INFO("chunk size " << chunk);
    CHECK(streamed(adjacent_rows, chunk) == whole);
  }
}

TEST_CASE("A claim is handed out before the rest of the file is read",
          "[loaders][claims][stream]") {
  std::string text(header);
  for (int claim = 0; claim < 10000; ++claim) {
    text += 'C';
    text += std::to_string(claim);
    text += ",1,M1,P1,,97110,,1,2026-03-02,,,,,\n";
  }
  counting_source source(text);
  struct first_claim_sink final : claim_sink {
    explicit first_claim_sink(const counting_source& input) : source(&input) {}
    void on_claim(std::span<const claim_line>) override {
      if (claims++ == 0) read_by_then = source->given;
    }
    void on_rejected(finding) override { ++claims; }
    const counting_source* source;
    std::size_t claims = 0, read_by_then = 0;
  } sink(source);
  CHECK(detail::stream_claim_lines(detail::csv_reader(source, "lines.csv", 256), sink) == 10000);
  CHECK(sink.claims == 10000);
  CHECK(sink.read_by_then > 0);
  CHECK(sink.read_by_then < text.size() / 10);
}

TEST_CASE("A file read from its descriptor gives the claims of a whole load",
          "[loaders][claims][stream]") {
  const auto whole = whole_load_of(adjacent_rows);
  for (const std::size_t chunk :
       {std::size_t{1}, std::size_t{5}, std::size_t{64}, std::size_t{1} << 20}) {
    INFO("chunk size " << chunk);
    CHECK(read_from_file(adjacent_rows, chunk) == whole);
    CHECK(read_from_file(adjacent_rows, chunk, 40) == whole);
  }
}

TEST_CASE("Rows of one claim apart are still one claim, as in a whole load",
          "[loaders][claims][stream]") {
  const std::string apart = std::string(header) +
                            "C1,1,M1,P1,,97110,,1,2026-03-02,,,,,\n"
                            "C2,1,M1,P1,,97110,,1,2026-03-03,,,,,\n"
                            "C1,2,M1,P1,,97140,,1,2026-03-02,,,,,\n";
  const auto whole = whole_load_of(apart);
  REQUIRE(whole.size() == 2);
  CHECK(read_from_file(apart, 16) == whole);
  CHECK(read_from_file(apart, 16, 10) == whole);
  CHECK(streamed(apart, 16).size() == 3);  // the streaming pass alone would split C1
}

TEST_CASE("A pipe is read whole, with the claims of a whole load", "[loaders][claims][stream]") {
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  REQUIRE(::write(ends[1], adjacent_rows.data(), adjacent_rows.size()) ==
          static_cast<ssize_t>(adjacent_rows.size()));
  ::close(ends[1]);
  recording_sink sink;
  CHECK(read_claim_lines_fd(ends[0], "lines.csv", sink, {}, 8) == 4);
  ::close(ends[0]);
  CHECK(sink.claims == whole_load_of(adjacent_rows));
}

TEST_CASE("A pipe read with two threads is read whole, with the claims of a whole load",
          "[loaders][claims][stream][halves]") {
  const auto text = many_claims(300);
  REQUIRE(text.size() < 65536);  // the pipe holds it all
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  REQUIRE(::write(ends[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(ends[1]);
  recording_sink sink;
  CHECK(read_claim_lines_fd(ends[0], "lines.csv", sink, {}, 64, 2) == 300);
  ::close(ends[0]);
  CHECK(sink.claims == whole_load_of(text));
}

TEST_CASE("A broken file is refused as a whole load refuses it, before any claim is handed out",
          "[loaders][claims][stream]") {
  for (const std::string& broken :
       {adjacent_rows + "\nC5,1,M5,P2\n", adjacent_rows + "\nC5,1,\"M5\n",
        std::string("claim_id,code\nC1,97110\n"), std::string(header) + "C1,\"x\"y\n"}) {
    const auto whole = input_error_of([&] { whole_load_of(broken); });
    REQUIRE(whole);
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 20}) {
      INFO(broken << " in chunks of " << chunk);
      const auto e = input_error_of([&] { read_from_file(broken, chunk); });
      REQUIRE(e);
      CHECK(e->what() == std::string(whole->what()));
    }
  }
}

TEST_CASE("A file's second half read on a thread of its own gives the claims of one thread",
          "[loaders][claims][stream][halves]") {
  const auto text = many_claims(300);
  const auto whole = whole_load_of(text);
  REQUIRE(whole.size() == 300);
  for (const std::size_t chunk : {std::size_t{64}, std::size_t{1000}, std::size_t{4096}}) {
    INFO("chunk size " << chunk);
    CHECK(first_reading(text, chunk, 2).halves);
    CHECK(first_reading(text, chunk, 2, 100).halves);
    CHECK(read_from_file(text, chunk, 0, 2) == whole);
    CHECK(read_from_file(text, chunk, 100, 2) == whole);
  }
}

TEST_CASE("One thread, or a file of fewer than four chunks, reads the first reading alone",
          "[loaders][claims][stream][halves]") {
  const auto text = many_claims(300);
  CHECK_FALSE(first_reading(text, 64, 1).halves);
  CHECK_FALSE(first_reading(text, text.size() / 3, 2).halves);
  CHECK(first_reading(text, text.size() / 4, 2).halves);
}

TEST_CASE("A claim whose rows run across the middle of a file is one run on two threads",
          "[loaders][claims][stream][halves]") {
  std::string rows;
  for (int line = 1; line <= 2000; ++line) {
    rows += "C1," + std::to_string(line) + ",M1,P1,A1,97110,,1,2026-03-02,,,,,\n";
  }
  const auto text = many_claims(10, rows) + many_claims(10).substr(header.size());
  for (const std::size_t chunk : {std::size_t{64}, std::size_t{777}, std::size_t{8192}}) {
    INFO("chunk size " << chunk);
    const auto check = first_reading(text, chunk, 2);
    CHECK(check.halves);
    CHECK_FALSE(check.adjacent);  // C1's rows come first too, in many_claims(10)
  }
  const auto one_claim = std::string(header) + rows;
  const auto check = first_reading(one_claim, 64, 2);
  CHECK(check.halves);
  CHECK(check.adjacent);
}

TEST_CASE("CRLF line ends blank lines and padded claim IDs at the middle are read on two threads",
          "[loaders][claims][stream][halves]") {
  // Every row ends CRLF, the IDs are padded with blanks, and a blank line follows every claim
  // of three rows: the split lands after a line feed among them.
  std::string text;
  for (const char c : many_claims(300)) text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string padded;
  for (std::size_t at = 0; at < text.size();) {
    const auto end = text.find('\n', at) + 1;
    const auto row = text.substr(at, end - at);
    padded += row.starts_with('C')
                  ? ' ' + row.substr(0, row.find(',')) + " " + row.substr(row.find(','))
                  : row;
    if (row.starts_with('C') && row.find(",3,") != std::string::npos) padded += "\r\n";
    at = end;
  }
  REQUIRE(padded.find("\r\n\r\n ") != std::string::npos);
  // One more row of the first claim, last: its ID is padded as in the first half.
  padded += " C0 ,9,M0,P1,A0,97110,,1,2026-03-02,,,,,\r\n";
  const auto whole = whole_load_of(padded);
  REQUIRE(whole.size() == 300);
  for (const std::size_t chunk : {std::size_t{64}, std::size_t{999}}) {
    INFO("chunk size " << chunk);
    const auto check = first_reading(padded, chunk, 2);
    CHECK(check.halves);
    CHECK_FALSE(check.adjacent);
    CHECK(read_from_file(padded, chunk, 0, 2) == whole);
  }
}

TEST_CASE("A byte-order mark at the middle of a file (files joined) is read as one thread reads it",
          "[loaders][claims][stream][halves]") {
  const auto rows = many_claims(300);
  const auto middle = rows.find('\n', rows.size() / 2) + 1;
  const auto joined = rows.substr(0, middle) + "\xEF\xBB\xBF" + rows.substr(middle);
  REQUIRE(joined.find('\n', joined.size() / 2) + 1 == middle);  // the split guessed is the mark
  check_read_by_one_thread(joined);
}

TEST_CASE("Rows of one claim in both halves of a file are found apart on two threads",
          "[loaders][claims][stream][halves]") {
  // C0's rows lead the file; one more comes last, far into the second half.
  const auto text = many_claims(300, "C0,9,M0,P1,A0,97110,,1,2026-03-02,,,,,\n");
  CHECK_FALSE(first_reading(text, 64, 1).adjacent);
  const auto check = first_reading(text, 64, 2);
  CHECK(check.halves);
  CHECK_FALSE(check.adjacent);
  CHECK(read_from_file(text, 64, 0, 2) == whole_load_of(text));
}

TEST_CASE("Rows of one claim apart within the second half are found apart on two threads",
          "[loaders][claims][stream][halves]") {
  const auto text = many_claims(300,
                                "C299,9,M0,P1,A0,97110,,1,2026-03-02,,,,,\n"
                                "C1000,1,M0,P1,A0,97110,,1,2026-03-02,,,,,\n"
                                "C299,10,M0,P1,A0,97110,,1,2026-03-02,,,,,\n");
  const auto check = first_reading(text, 64, 2);
  CHECK(check.halves);
  CHECK_FALSE(check.adjacent);
}

/// A file whose middle falls in a note of many lines, each a row's worth of text, between
/// `claims` claims before it and as many after: the row after the first line feed from the
/// middle on is inside it, and the quote closing it starts a line.
std::string note_at_the_middle(int claims) {
  std::string note = "\"";
  for (int i = 0; i < 400; ++i) note += "C9999,1,M1,P1,,97110,,1,2026-03-02,,,,,\n";
  note += '"';
  return many_claims(claims) + "C5000,1,M1,P1,,97110,,1,2026-03-02,,,,," + note + '\n' +
         many_claims(claims).substr(header.size());
}

TEST_CASE("A quoted value holding line feeds at the middle of a file is read by one thread",
          "[loaders][claims][stream][halves]") {
  check_read_by_one_thread(note_at_the_middle(100));
}

TEST_CASE("A second half read from inside a quoted value stops within a few chunks of its end",
          "[loaders][claims][stream][halves]") {
  // Read from the middle, the quote closing the note opens a value the rest of the file would
  // go into: the second thread gives up after eight chunks of one record.
  const auto text = note_at_the_middle(5000);
  const auto check = first_reading(text, 64, 2);
  CHECK_FALSE(check.halves);
  CHECK(check.second_half_bytes > 0);
  CHECK(check.second_half_bytes < 16000 / 2 + 4096);  // half the note, and the bound
}

TEST_CASE("A broken row in either half of a file is refused as one thread refuses it",
          "[loaders][claims][stream][halves]") {
  const auto rows = many_claims(300);
  const auto middle = rows.find('\n', rows.size() / 2) + 1;
  for (const auto& broken : {rows.substr(0, middle / 2) + "C7,1,M5,P2\n" + rows.substr(middle / 2),
                             rows + "C7,1,M5,P2\n", rows + "C7,1,\"M5\n",
                             rows.substr(0, middle) + "C7,1,M5,P2\n" + rows.substr(middle)}) {
    const auto whole = input_error_of([&] { whole_load_of(broken); });
    REQUIRE(whole);
    const auto e = input_error_of([&] { read_from_file(broken, 64, 0, 2); });
    REQUIRE(e);
    CHECK(e->what() == std::string(whole->what()));
  }
}
