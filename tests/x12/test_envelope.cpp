// Envelope faults are reported with their position and never drop a claim.

#include "support/builders.hpp"
#include "x12/recorder.hpp"
#include "x12/x12_text.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// The whole file's segments: one 837P transaction with claims C1 and C2.
segments two_claim_file() {
  return interchange({professional_body({simple_claim("C1"), simple_claim("C2")})});
}

/// Index of the first segment starting with `prefix`.
std::size_t index_of(const segments& all, std::string_view prefix) {
  const auto it = std::find_if(all.begin(), all.end(),
                               [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
  REQUIRE(it != all.end());
  return static_cast<std::size_t>(it - all.begin());
}

/// The file with the first segment starting with `prefix` replaced.
std::string with_segment(std::string_view prefix, std::string replacement) {
  segments all = two_claim_file();
  all[index_of(all, prefix)] = std::move(replacement);
  return render(all);
}

/// The only envelope diagnostic of a read.
x12::diagnostic only_envelope_fault(const read_result& r) {
  const auto found = r.sink.of_kind(x12::diagnostic_kind::envelope);
  REQUIRE(found.size() == 1);
  return found[0];
}

}  // namespace

TEST_CASE("A well-formed envelope gives no diagnostic", "[x12][envelope]") {
  const auto r = read_text(render(two_claim_file()));
  CHECK(r.sink.diagnostics.empty());
  CHECK(r.stats.claims_read == 2);
}

TEST_CASE("SE01 that disagrees with the segment count is reported at SE01", "[x12][envelope]") {
  const segments all = two_claim_file();
  const std::size_t se = index_of(all, "SE*");
  const std::string text = with_segment("SE*", "SE*99*0001");
  const auto r = read_text(text);
  const auto d = only_envelope_fault(r);
  CHECK(d.segment_id == "SE");
  CHECK(d.where.line == se + 1);
  CHECK(d.where.column == 1);
  CHECK(d.byte_offset == text.find("SE*99"));
  CHECK(contains(d.message, "SE01 says 99 but there are 24 segments"));
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 0);
}

TEST_CASE("SE02 that is not ST02 is reported", "[x12][envelope]") {
  const auto r = read_text(with_segment("SE*", "SE*24*0002"));
  const auto d = only_envelope_fault(r);
  CHECK(d.where.column == 2);
  CHECK(contains(d.message, "SE02 '0002' does not match ST02 '0001'"));
}

TEST_CASE("GE01 that disagrees with the number of transactions is reported", "[x12][envelope]") {
  const auto d = only_envelope_fault(read_text(with_segment("GE*", "GE*2*1")));
  CHECK(d.segment_id == "GE");
  CHECK(contains(d.message, "GE01 says 2 but there are 1 transaction sets"));
}

TEST_CASE("GE02 that is not GS06 is reported", "[x12][envelope]") {
  const auto d = only_envelope_fault(read_text(with_segment("GE*", "GE*1*7")));
  CHECK(d.where.column == 2);
  CHECK(contains(d.message, "GS06"));
}

TEST_CASE("IEA01 and IEA02 are checked against the groups and ISA13", "[x12][envelope]") {
  const auto r = read_text(with_segment("IEA*", "IEA*3*000000002"));
  const auto found = r.sink.of_kind(x12::diagnostic_kind::envelope);
  REQUIRE(found.size() == 2);
  CHECK(contains(found[0].message, "IEA01 says 3 but there are 1 functional groups"));
  CHECK(contains(found[1].message, "IEA02 '000000002' does not match ISA13 '000000001'"));
}

TEST_CASE("Control numbers compare as numbers when both are numeric", "[x12][envelope]") {
  const auto r = read_text(with_segment("IEA*", "IEA*1*1"));
  CHECK(r.sink.diagnostics.empty());
}

TEST_CASE("Missing GE and IEA are reported at the end of the input, claims are kept",
          "[x12][envelope]") {
  segments all = two_claim_file();
  all.resize(all.size() - 2);
  const std::string text = render(all);
  const auto r = read_text(text);
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 0);
  const auto found = r.sink.of_kind(x12::diagnostic_kind::envelope);
  REQUIRE(found.size() == 2);
  CHECK(contains(found[0].message, "functional group 1 (GS at segment 2) has no GE"));
  CHECK(contains(found[1].message, "interchange 000000001 (ISA at segment 1) has no IEA"));
  CHECK(found[1].byte_offset == text.size());
}

TEST_CASE("A missing SE before the next ST is reported, the claims before it are kept",
          "[x12][envelope]") {
  const auto body = professional_body({simple_claim("C1")});
  segments all = interchange({body, body});
  all.erase(all.begin() + static_cast<std::ptrdiff_t>(index_of(all, "SE*")));
  const auto r = read_text(render(all));
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 0);
  const auto found = r.sink.of_kind(x12::diagnostic_kind::envelope);
  REQUIRE_FALSE(found.empty());
  CHECK(contains(found[0].message,
                 "transaction 0001 (ST at segment 3) has no SE before the next ST"));
}

TEST_CASE("A file cut after a claim's last line rejects that claim: lines may be missing",
          "[x12][envelope]") {
  segments all = two_claim_file();
  all.resize(index_of(all, "SE*"));
  const std::string text = render(all);
  const auto r = read_text(text);
  REQUIRE(r.stats.claims_read == 2);
  CHECK(r.sink.claims[0].readable());
  REQUIRE_FALSE(r.sink.claims[1].readable());
  CHECK(r.sink.claims[1].rejected->claim_id == "C2");
  CHECK(contains(r.sink.claims[1].rejected->message,
                 fmt::format("the input ends at byte {} inside this claim", text.size())));
  CHECK(r.sink.of_kind(x12::diagnostic_kind::envelope).size() == 3);  // no SE, GE, IEA
}

TEST_CASE("A file cut inside a segment reports the unterminated segment and rejects its claim",
          "[x12][envelope]") {
  const std::string whole = render(two_claim_file());
  const std::string text = whole.substr(0, whole.rfind("DTP*472") + 10);
  const auto r = read_text(text);
  REQUIRE(r.stats.claims_read == 2);
  CHECK_FALSE(r.sink.claims[1].readable());
  const auto syntax = r.sink.of_kind(x12::diagnostic_kind::segment_syntax);
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].byte_offset == whole.rfind("DTP*472"));
  CHECK(contains(syntax[0].message, "no terminator"));
}

TEST_CASE("Segments outside a transaction are reported once per run", "[x12][envelope]") {
  segments all = two_claim_file();
  all.insert(all.begin() + 2, "NTE*ADD*STRAY");
  all.insert(all.begin() + 3, "NTE*ADD*STRAY TOO");
  const auto found = read_text(render(all)).sink.of_kind(x12::diagnostic_kind::envelope);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 3);
  CHECK(contains(found[0].message, "outside a transaction"));
}

TEST_CASE("An ISA whose terminator lies past its first 512 bytes reads the same in chunks",
          "[x12][envelope]") {
  // ISA02 padded so that the separator before ISA16 is byte 510 and the terminator byte 512: a
  // window of 512 bytes holds every separator but not the terminator, which more input brings.
  segments all = two_claim_file();
  std::string padded = all[0];
  padded.insert(7, std::string(407, ' '));
  REQUIRE(padded.rfind('*') == 510);
  all[0] = padded;
  const auto text = render(all);
  const auto whole = read_text(text);
  REQUIRE(whole.sink.claims.size() == 2);
  for (const std::size_t chunk : {1U, 7U, 64U, 511U, 512U, 513U}) {
    CAPTURE(chunk);
    const auto chunked = read_text(text, chunk);
    CHECK(chunked.stats.claims_read == whole.stats.claims_read);
    CHECK(chunked.stats.segments == whole.stats.segments);
    CHECK(chunked.sink.diagnostics.size() == whole.sink.diagnostics.size());
  }
}
