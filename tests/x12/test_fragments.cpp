// Reading a file in fragments on several threads, or read ahead on a second one, hands the sink
// exactly what one thread reading it as it comes does: every claim, rejection and diagnostic, in
// order, with the same positions, and the same counts.

#include "support/call_log.hpp"
#include "x12/recorder.hpp"

#include "x12/fragment.hpp"

#include <generator.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <unistd.h>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// A file holding `text`, removed with the object.
class scratch_file {
 public:
  explicit scratch_file(std::string_view text) {
    std::string pattern = std::string(P_tmpdir) + "/authmatch-fragments-XXXXXX";
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) throw std::runtime_error("cannot make a scratch file");
    path_ = pattern;
    for (std::size_t done = 0; done < text.size();) {
      const auto n = ::write(fd_, text.data() + done, text.size() - done);
      if (n <= 0) throw std::runtime_error("cannot write the scratch file");
      done += static_cast<std::size_t>(n);
    }
  }
  ~scratch_file() {
    ::close(fd_);
    std::remove(path_.c_str());
  }
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
  const std::string& path() const noexcept { return path_; }
  int fd() const noexcept { return fd_; }

 private:
  int fd_ = -1;
  std::string path_;
};

struct reading {
  std::string calls;
  x12::read_stats stats;
};

reading read_file(const scratch_file& file, const x12::read_options& options) {
  call_log log;
  const auto stats = x12::read_837_file(file.path(), log, options);
  return {log.text, stats};
}

reading read_file(const scratch_file& file, unsigned threads, std::size_t fragment_bytes) {
  x12::read_options options;
  options.threads = threads;
  options.fragment_bytes = fragment_bytes;
  return read_file(file, options);
}

void check_same(const x12::read_stats& a, const x12::read_stats& b) {
  CHECK(a.bytes == b.bytes);
  CHECK(a.segments == b.segments);
  CHECK(a.interchanges == b.interchanges);
  CHECK(a.groups == b.groups);
  CHECK(a.transactions == b.transactions);
  CHECK(a.claims_read == b.claims_read);
  CHECK(a.claims_rejected == b.claims_rejected);
  CHECK(a.lines_read == b.lines_read);
  CHECK(a.diagnostics == b.diagnostics);
}

/// How many fragments `text` would be cut into.
std::size_t fragments_of(const scratch_file& file, std::size_t size, std::size_t fragment_bytes) {
  x12::read_options options;
  options.threads = 2;
  options.fragment_bytes = fragment_bytes;
  const auto plan = x12::detail::plan_fragments(file.fd(), size, options);
  return plan ? plan->fragments.size() : 0;
}

/// Reads `text` with one thread and in fragments of several sizes on 2 and 3 threads, and
/// checks the calls and counts agree; returns how many fragments the smallest size made.
std::size_t check_fragments_agree(std::string_view text) {
  const scratch_file file(text);
  const auto whole = read_file(file, 1, 1024);
  for (const std::size_t fragment_bytes : {std::size_t{1}, std::size_t{700}, std::size_t{4096}}) {
    for (const unsigned threads : {2U, 3U}) {
      CAPTURE(fragment_bytes, threads);
      const auto parts = read_file(file, threads, fragment_bytes);
      CHECK(parts.calls == whole.calls);
      check_same(parts.stats, whole.stats);
    }
  }
  return fragments_of(file, text.size(), 1);
}

/// Checks that `file` read ahead in chunks of each of `chunk_sizes` gives the calls and counts
/// of reading it as it comes; returns the claims read.
std::uint64_t check_read_ahead_agrees(const scratch_file& file,
                                      std::initializer_list<std::size_t> chunk_sizes) {
  const auto as_it_comes = read_file(file, 1, 1024);
  for (const std::size_t chunk_size : chunk_sizes) {
    CAPTURE(chunk_size);
    x12::read_options options;
    options.read_ahead = true;
    options.chunk_size = chunk_size;
    const auto ahead = read_file(file, options);
    CHECK(ahead.calls == as_it_comes.calls);
    check_same(ahead.stats, as_it_comes.stats);
  }
  return as_it_comes.stats.claims_read;
}

std::string generated(synth::claim_kind kind, std::uint64_t seed, std::uint64_t claims = 120,
                      std::uint64_t claims_per_transaction = 3) {
  synth::options opts;
  opts.kind = kind;
  opts.seed = seed;
  opts.claims = claims;
  opts.claims_per_transaction = claims_per_transaction;
  std::string text;
  synth::output x12(text);
  synth::generate(opts, x12, nullptr, {});
  x12.flush();
  return text;
}

/// `text` with every `every`-th occurrence of `from` replaced by `to`.
std::string replace_every(std::string text, std::string_view from, std::string_view to,
                          std::size_t every) {
  std::size_t seen = 0;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    if (++seen % every == 0) {
      text.replace(at, from.size(), to);
      at += to.size();
    } else {
      at += from.size();
    }
  }
  return text;
}

}  // namespace

TEST_CASE("Fragments of a generated 837 give the calls and counts of one reading",
          "[x12][fragments]") {
  const auto kind = GENERATE(synth::claim_kind::professional, synth::claim_kind::institutional);
  const auto text = generated(kind, 7);
  CHECK(check_fragments_agree(text) > 20);
}

TEST_CASE("Fragments agree where transactions lack their SE", "[x12][fragments]") {
  // Every third SE is gone: the ST after it reports the transaction, whichever fragment it is in.
  const auto text =
      replace_every(generated(synth::claim_kind::professional, 8), "~\nSE*", "~\nZZ*", 3);
  CHECK(check_fragments_agree(text) > 20);
}

TEST_CASE("Fragments agree where segments lie between transactions", "[x12][fragments]") {
  const auto text = replace_every(generated(synth::claim_kind::institutional, 9), "~\nST*",
                                  "~\nN3*STRAY~\nST*", 2);
  CHECK(check_fragments_agree(text) > 20);
}

TEST_CASE("Fragments agree on damaged claims, counts and line breaks", "[x12][fragments]") {
  auto text = generated(synth::claim_kind::professional, 10);
  text = replace_every(text, "~\nCLM*", "~\nCLM~\nCLM*", 7);  // claims without an ID
  text = replace_every(text, "~\nSV1*HC:", "~\nSV1*XX:", 5);  // lines with a bad qualifier
  text = replace_every(text, "~\nSE*", "~\nSE*9999*", 4);     // counts that are wrong
  text = replace_every(text, "~\n", "~\r\n", 1);              // CR LF after terminators
  text = "\xEF\xBB\xBF" + text;                               // a byte order mark
  CHECK(check_fragments_agree(text) > 20);
}

TEST_CASE("Fragments agree when the group count is wrong and the IEA is missing",
          "[x12][fragments]") {
  auto text = generated(synth::claim_kind::professional, 11);
  const auto ge = text.rfind("~\nGE*");
  REQUIRE(ge != std::string::npos);
  text = text.substr(0, ge) + "~\nGE*1*1~\n";  // GE01 says 1 transaction; no IEA
  CHECK(check_fragments_agree(text) > 20);
}

TEST_CASE("Fragments agree when the input ends inside an ST", "[x12][fragments]") {
  // The ST is reported cut short before the transaction before it, which has no SE, is closed:
  // no fragment starts with it.
  auto text = generated(synth::claim_kind::professional, 15);
  text = text.substr(0, text.rfind("~\nSE*")) + "~\nST*837*9999*005010X222A1";
  CHECK(check_fragments_agree(text) > 20);
}

TEST_CASE("Fragments cut an input whose unknown segments straddle the planner's reads",
          "[x12][fragments]") {
  // Before every CLM, a 400-byte segment of one letter and no separator: the planner reads the
  // input 256 KiB at a time, and where one straddles the end of a read, its identifier runs past
  // the bytes read. It starts with none of ST's, GS's, GE's, ISA's and IEA's letters, so it is
  // none of them: it does not keep the input from being cut.
  auto text = generated(synth::claim_kind::professional, 16, 5000, 30);
  text = replace_every(text, "~\nCLM*", "~\n" + std::string(400, 'Q') + "~\nCLM*", 1);
  REQUIRE(text.size() > std::size_t{4} << 20);

  const scratch_file file(text);
  constexpr std::size_t fragment_bytes = std::size_t{300} << 10;
  CHECK(fragments_of(file, text.size(), fragment_bytes) > 8);
  const auto whole = read_file(file, 1, fragment_bytes);
  const auto parts = read_file(file, 2, fragment_bytes);
  CHECK(parts.calls == whole.calls);
  check_same(parts.stats, whole.stats);
}

TEST_CASE("An input that does not cut cleanly is read by one thread, with the same result",
          "[x12][fragments]") {
  const auto one = generated(synth::claim_kind::professional, 12);
  SECTION("two interchanges") {
    const auto text = one + generated(synth::claim_kind::institutional, 13);
    CHECK(check_fragments_agree(text) == 0);
  }
  SECTION("a second group") {
    const auto iea = one.rfind("IEA*");
    auto text = one.substr(0, iea);
    const auto gs_end = one.find('~', one.find("GS*"));
    const auto st = one.find("ST*");
    text += one.substr(one.find("GS*"), gs_end + 1 - one.find("GS*"));
    text += one.substr(st, one.find("~\nGE*") + 2 - st) + one.substr(iea);
    CHECK(check_fragments_agree(text) == 0);
  }
  SECTION("many blanks after a terminator") {
    const auto text = replace_every(one, "~\nST*", "~          ST*", 2);
    CHECK(check_fragments_agree(text) == 0);
  }
}

TEST_CASE("A file read ahead gives the calls and counts of reading it as it comes",
          "[x12][fragments]") {
  // Damaged, so that the calls include rejections and diagnostics.
  auto text = generated(synth::claim_kind::professional, 17);
  text = replace_every(text, "~\nCLM*", "~\nCLM~\nCLM*", 7);
  text = replace_every(text, "~\nSE*", "~\nSE*9999*", 4);
  const scratch_file file(text);
  check_read_ahead_agrees(file, {std::size_t{7}, std::size_t{4096}, std::size_t{1} << 20});
}

TEST_CASE(
    "A file read ahead gives the calls and counts of reading it as it comes with claims "
    "that span chunks",
    "[x12][fragments]") {
  // Claims of about 300 bytes, of 1.5 KB and of 12 KB, read ahead in chunks smaller and larger
  // than them: a claim a chunk's end cuts is carried into the next window.
  std::string notes;
  for (int i = 0; i < 40; ++i) notes += "NTE*ADD*A NOTE LONG ENOUGH TO MATTER~\n";
  std::string long_notes;
  for (int i = 0; i < 8; ++i) long_notes += notes;
  auto text = generated(synth::claim_kind::professional, 19);
  text = replace_every(text, "~\nHI*", "~\n" + notes + "HI*", 3);
  text = replace_every(text, "~\nHI*", "~\n" + long_notes + "HI*", 10);
  const scratch_file file(text);
  REQUIRE(check_read_ahead_agrees(file, {4096, 5000, 65536}) > 100);
  // The input ending inside a long claim.
  const auto cut = text.rfind(long_notes) + long_notes.size() / 2;
  const scratch_file cut_short(text.substr(0, cut));
  CHECK(check_read_ahead_agrees(cut_short, {4096}) > 50);
}

TEST_CASE("A sink that throws stops reading in fragments or ahead where it stops one reading",
          "[x12][fragments]") {
  const auto text = generated(synth::claim_kind::professional, 14);
  const scratch_file file(text);
  /// Throws on the 50th claim, after logging it.
  class failing_log final : public claim_sink {
   public:
    call_log log;
    int claims = 0;
    void on_claim(std::span<const claim_line> lines) override {
      log.on_claim(lines);
      if (++claims == 50) throw std::runtime_error("full");
    }
    void on_rejected(finding unreadable) override { log.on_rejected(std::move(unreadable)); }
    void on_diagnostic(const x12::diagnostic& found) override { log.on_diagnostic(found); }
  };
  const auto read = [&](unsigned threads, bool read_ahead) {
    failing_log sink;
    x12::read_options options;
    options.threads = threads;
    options.fragment_bytes = 512;
    options.read_ahead = read_ahead;
    options.chunk_size = 512;
    CHECK_THROWS_WITH(x12::read_837_file(file.path(), sink, options), "full");
    return sink.log.text;
  };
  const auto one = read(1, false);
  CHECK(read(2, false) == one);
  CHECK(read(1, true) == one);  // and the thread reading ahead is stopped and joined
}

TEST_CASE("Every public 837 sample read in fragments gives one thread's calls",
          "[x12][fragments][samples]") {
  const std::filesystem::path samples{AUTHMATCH_SAMPLES_DIR};
  if (!std::filesystem::is_directory(samples)) {
    WARN("SKIPPED: no X12 samples at " << samples.string()
                                       << " (set AUTHMATCH_SAMPLES_DIR to read them)");
    return;
  }
  std::size_t read = 0, cut = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(samples)) {
    if (!entry.is_regular_file() || entry.path().string().find("/835/") != std::string::npos)
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!x12::looks_like_x12(text)) continue;
    CAPTURE(entry.path().string());
    ++read;
    if (check_fragments_agree(text) > 1) ++cut;
  }
  CHECK(read >= 10);
  CHECK(cut >= 2);  // the samples of one group and several transactions are cut between them
}
