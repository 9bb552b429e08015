// Every public sample 837 in AUTHMATCH_SAMPLES_DIR (see its MANIFEST.md) is read with its exact
// envelope, claim and line counts. Skipped, saying so, when the samples are not there.

#include "support/builders.hpp"
#include "support/errors.hpp"
#include "x12/recorder.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace authmatch;
using namespace authmatch::test;

namespace {

const std::filesystem::path samples{AUTHMATCH_SAMPLES_DIR};

bool have_samples() {
  if (std::filesystem::is_directory(samples)) return true;
  WARN("SKIPPED: no X12 samples at " << samples.string()
                                     << " (set AUTHMATCH_SAMPLES_DIR to read them)");
  return false;
}

struct sample {
  const char* file;
  int interchanges, groups, transactions, claims, lines;
  /// The imsweb files' SE01 are wrong (SE01 says 25 whatever the count), and a few of their
  /// GE01/IEA01 too: counted independently by splitting each file on its own delimiters.
  int envelope_faults;
};

read_result read_sample(const std::string& file) {
  read_result out;
  out.stats = x12::read_837_file(samples / file, out.sink);
  return out;
}

}  // namespace

TEST_CASE("Every valid 5010 sample is read with exact counts and no rejected claim",
          "[x12][samples]") {
  if (!have_samples()) return;
  const sample s = GENERATE(values<sample>({
      {"837p/ims_ambiguous_loop.x12", 1, 1, 1, 1, 1, 1},
      {"837p/ims_complex.x12", 1, 1, 2, 6, 10, 3},
      {"837p/ims_many_claims.x12", 1, 1, 1, 820, 820, 1},
      {"837p/ims_multiple_gs.x12", 1, 3, 3, 6, 6, 4},
      {"837p/ims_multiple_isa.x12", 2, 2, 2, 4, 4, 2},
      {"837p/ims_multiple_st.x12", 1, 1, 2, 4, 4, 3},
      {"837p/ims_multiple_transactions.x12", 312, 312, 312, 624, 624, 312},
      {"837p/ims_no_errors.x12", 1, 1, 1, 2, 2, 1},
      {"837p/ims_valid.x12", 1, 1, 1, 2, 2, 1},
      {"837p/ims_valid_different_separators.x12", 1, 1, 1, 2, 2, 1},
      {"837p/lfh_demo-file.x12", 1, 1, 1, 1, 4, 0},
      {"837p/lfh_demo.ambulance.example5.x12", 1, 1, 1, 1, 4, 0},
      {"837p/lfh_demo.autoaccident.x12", 1, 1, 1, 1, 2, 0},
      {"837p/lfh_demo.cob.2ndary.example4.x12", 1, 1, 1, 1, 1, 0},
      {"837p/lfh_demo.cob.example3.A.x12", 1, 1, 1, 1, 3, 0},
      {"837p/lfh_demo.cob.example3.B.x12", 1, 1, 1, 1, 3, 0},
      {"837p/lfh_demo.cob.example3.C.x12", 1, 1, 1, 1, 3, 0},
      {"837p/lfh_demo.cob.example4.x12", 1, 1, 1, 1, 1, 0},
      {"837p/lfh_demo.drug.example10.1.x12", 1, 1, 1, 1, 2, 0},
      {"837p/lfh_demo.drug.example10.2.x12", 1, 1, 1, 1, 6, 0},
      {"837p/lfh_demo.drug.example10.3.x12", 1, 1, 1, 1, 6, 0},
      {"837p/lfh_demo.example1.x12", 1, 1, 1, 1, 4, 0},
      {"837p/lfh_demo.example11.x12", 1, 1, 1, 1, 2, 0},
      {"837p/lfh_demo.example12.x12", 1, 1, 1, 1, 1, 0},
      {"837p/lfh_demo.example2.x12", 1, 1, 1, 1, 4, 0},
      {"837p/lfh_demo.example6.x12", 1, 1, 1, 1, 1, 0},
      {"837p/lfh_demo.example7.x12", 1, 1, 1, 1, 2, 0},
      {"837p/lfh_demo.example8.x12", 1, 1, 1, 1, 1, 0},
      {"837p/lfh_demo.example9.x12", 1, 1, 1, 1, 1, 0},
      {"837i/ims_x223-test.x12", 1, 1, 1, 1, 1, 1},
      {"837i/lfh_demo-file.x12", 1, 1, 1, 1, 2, 0},
      {"837i/lfh_institutional-claim.x12", 1, 1, 1, 1, 2, 0},
      {"837i/lfh_out-of-network-repriced-claim.x12", 1, 1, 1, 1, 1, 0},
      {"837i/lfh_ppo-repriced-claim.x12", 1, 1, 1, 1, 2, 0},
      {"837i/lfh_two-claims-single-provider.x12", 1, 1, 1, 2, 3, 0},
  }));
  CAPTURE(s.file);
  const read_result r = read_sample(s.file);
  for (const auto& c : r.sink.claims) {
    if (c.rejected) UNSCOPED_INFO("rejected: " << c.rejected->message);
  }
  for (const auto& d : r.sink.diagnostics) UNSCOPED_INFO("diagnostic: " << x12::to_string(d));
  CHECK(r.stats.interchanges == static_cast<std::uint64_t>(s.interchanges));
  CHECK(r.stats.groups == static_cast<std::uint64_t>(s.groups));
  CHECK(r.stats.transactions == static_cast<std::uint64_t>(s.transactions));
  CHECK(r.stats.claims_read == static_cast<std::uint64_t>(s.claims));
  CHECK(r.sink.claims.size() == static_cast<std::size_t>(s.claims));
  CHECK(r.stats.claims_rejected == 0);
  CHECK(r.stats.lines_read == static_cast<std::uint64_t>(s.lines));
  CHECK(r.sink.lines() == static_cast<std::size_t>(s.lines));
  CHECK(r.sink.of_kind(x12::diagnostic_kind::envelope).size() ==
        static_cast<std::size_t>(s.envelope_faults));
  CHECK(r.sink.of_kind(x12::diagnostic_kind::segment_syntax).empty());
  CHECK(r.sink.of_kind(x12::diagnostic_kind::unknown_segment).empty());
}

TEST_CASE("Sample: an ISA one character short is read from its separators and reported",
          "[x12][samples]") {
  if (!have_samples()) return;
  const read_result r = read_sample("malformed/ims_bad_first_line.x12");
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 0);
  const auto notes = r.sink.of_kind(x12::diagnostic_kind::value);  // nothing lost: a note
  REQUIRE_FALSE(notes.empty());
  CHECK(notes[0].where.line == 1);
  CHECK(contains(notes[0].message, "105 characters long instead of 106"));
  CHECK(r.sink.of_kind(x12::diagnostic_kind::envelope).size() == 1);  // the file's wrong SE01
}

TEST_CASE(
    "Sample: bad segment identifiers are reported and the claim left without its "
    "subscriber ID is unreadable",
    "[x12][samples]") {
  if (!have_samples()) return;
  const read_result r = read_sample("malformed/ims_bad_segment_identifier.x12");
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 1);
  const auto syntax = r.sink.of_kind(x12::diagnostic_kind::segment_syntax);
  REQUIRE(syntax.size() == 3);
  CHECK(syntax[0].where.line == 6);
  CHECK(syntax[0].byte_offset == 280);
  CHECK(contains(syntax[0].message, "no identifier"));
  CHECK(syntax[1].segment_id == "Nd4");
  CHECK(syntax[2].segment_id == "NM31");
  REQUIRE(r.sink.claims.size() == 2);
  REQUIRE_FALSE(r.sink.claims[0].readable());
  CHECK(r.sink.claims[0].rejected->claim_id == "A37YH556");
  CHECK(contains(r.sink.claims[0].rejected->message, "segment 22, byte 746"));
  CHECK(contains(r.sink.claims[0].rejected->message, "no subscriber member ID"));
  CHECK(r.sink.claims[1].readable());
}

TEST_CASE("Sample: missing elements leave the claims readable without a claim place of service",
          "[x12][samples]") {
  if (!have_samples()) return;
  const read_result r = read_sample("malformed/ims_missing_elements.x12");
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 0);
  REQUIRE(r.sink.claims.size() == 2);
  // CLM05 is empty in the first claim; its line names its own place of service (SV105).
  CHECK(r.sink.claims[0].lines.at(0).place_of_service == "11");
}

TEST_CASE("Sample: a file that starts at GS is not X12, naming the missing ISA", "[x12][samples]") {
  if (!have_samples()) return;
  const auto error = input_error_of([] { read_sample("malformed/ims_no_isa_line.x12"); });
  REQUIRE(error);
  CHECK(contains(error->message(), "does not start with an ISA segment"));
}

TEST_CASE("Sample: removed and changed segments still read, dangling pointers are reported",
          "[x12][samples]") {
  if (!have_samples()) return;
  const read_result r = read_sample("malformed/ims_segment_errors.x12");
  CHECK(r.stats.claims_read == 1);
  CHECK(r.stats.claims_rejected == 0);
  const auto pointers = r.sink.of_kind(x12::diagnostic_kind::diagnosis_pointer);
  REQUIRE(pointers.size() == 3);
  CHECK(contains(pointers[0].message, "points at nothing"));
}

TEST_CASE("Sample: segments out of order are read", "[x12][samples]") {
  if (!have_samples()) return;
  const read_result r = read_sample("malformed/ims_segments_out_of_order.x12");
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 0);
  CHECK(r.stats.lines_read == 2);
}

TEST_CASE("Sample: 4010 files are refused as an unsupported version, claim by claim",
          "[x12][samples]") {
  if (!have_samples()) return;
  const auto file = GENERATE(as<std::string>{}, "unsupported/lfh_4010_institutional.x12",
                             "unsupported/lfh_4010_patient-is-dependent.x12");
  CAPTURE(file);
  const read_result r = read_sample(file);
  CHECK(r.stats.claims_read == 1);
  CHECK(r.stats.claims_rejected == 1);
  REQUIRE(r.sink.claims.size() == 1);
  CHECK(contains(r.sink.claims[0].rejected->message, "unsupported version 00401"));
  const auto version = r.sink.of_kind(x12::diagnostic_kind::version);
  REQUIRE(version.size() == 1);
  CHECK(contains(version[0].message, "not read"));
}

TEST_CASE("Sample: read in small chunks, every sample gives what it gives from memory",
          "[x12][samples]") {
  if (!have_samples()) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(samples)) {
    if (entry.path().extension() != ".x12") continue;
    CAPTURE(entry.path().string());
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto whole = input_error_of([&] { read_text(text, 0); });
    if (whole) continue;  // not X12: covered above
    const auto a = read_text(text, 0);
    const auto b = read_text(text, 97);
    CHECK(a.stats.claims_read == b.stats.claims_read);
    CHECK(a.stats.claims_rejected == b.stats.claims_rejected);
    CHECK(a.stats.lines_read == b.stats.lines_read);
    CHECK(a.sink.diagnostics.size() == b.sink.diagnostics.size());
  }
}
