// Delimiters, line breaks, interchanges, chunk boundaries and inputs that are not X12.

#include "support/builders.hpp"
#include "support/errors.hpp"
#include "x12/recorder.hpp"
#include "x12/x12_text.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// The values a test compares between two reads of the same claims.
std::string fingerprint(const recorder& sink) {
  std::string out;
  for (const auto& c : sink.claims) {
    if (c.rejected) {
      out += "rejected " + c.rejected->claim_id + ": " + c.rejected->message + "\n";
      continue;
    }
    for (const auto& l : c.lines) {
      out += l.claim_id + "/" + std::to_string(l.line) + " " + l.member_id + " " + l.payer_id +
             " " + l.auth_number + " " + l.code + " " + l.units.to_string() + " " +
             to_iso(l.service_date) + " " + l.rendering_npi + " " + l.place_of_service + " " +
             l.charge.to_string();
      for (const auto& m : l.modifiers.values()) out += " mod " + m;
      for (const auto& d : l.diagnosis_codes.values()) out += " dx " + d;
      out += "\n";
    }
  }
  for (const auto& d : sink.diagnostics) out += x12::to_string(d) + "\n";
  return out;
}

const std::string two_claims = professional_file({simple_claim("C1"), simple_claim("C2")});

}  // namespace

TEST_CASE("The test ISA is fixed-width", "[x12][syntax]") { CHECK(isa().size() + 1 == 106); }

TEST_CASE("Delimiters are taken from each ISA, whatever they are", "[x12][syntax]") {
  const x12_style style =
      GENERATE(x12_style{'*', ':', '^', '~', "\n"}, x12_style{'|', '>', '!', '\'', ""},
               x12_style{'~', '^', '{', '_', "\n"}, x12_style{'\x1D', '\x1F', '\x1C', '\x1E', ""},
               x12_style{'*', ':', '^', '\n', ""});
  CAPTURE(style.element, style.component, style.segment);
  const auto r = read_text(professional_file({simple_claim()}, style));
  REQUIRE(r.sink.claims.size() == 1);
  REQUIRE(r.sink.claims[0].readable());
  const claim_record& line = r.sink.claims[0].lines.at(0);
  CHECK(line.code == "97110");
  CHECK(line.modifiers.values() == std::vector<std::string>{"GP"});
  CHECK(line.diagnosis_codes.values() == std::vector<std::string>{"M5450", "M5136"});
  CHECK(line.place_of_service == "11");
  CHECK(r.sink.diagnostics.empty());
}

TEST_CASE("CR, LF or CRLF after terminators change nothing", "[x12][syntax]") {
  const std::string_view breaks =
      GENERATE(as<std::string_view>{}, "", "\n", "\r\n", "\r", "\r\n\r\n");
  x12_style style;
  style.after_segment = breaks;
  const auto plain = read_text(professional_file({simple_claim("C1"), simple_claim("C2")}, {}));
  const auto r = read_text(professional_file({simple_claim("C1"), simple_claim("C2")}, style));
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.lines_read == 2);
  CHECK(r.sink.diagnostics.empty());
  CHECK(r.sink.claims[1].lines.at(0).claim_id == "C2");
  CHECK(r.sink.claims[1].lines.at(0).charge == plain.sink.claims[1].lines.at(0).charge);
}

TEST_CASE("Several interchanges with different delimiters follow one another", "[x12][syntax]") {
  const std::string first = professional_file({simple_claim("C1")});
  const std::string second =
      render(interchange({professional_body({simple_claim("C2")})}, "005010X222A1", "000000002"),
             x12_style{'|', '>', '!', '~', "\r\n"});
  const auto r = read_text(first + second);
  CHECK(r.stats.interchanges == 2);
  CHECK(r.stats.groups == 2);
  CHECK(r.stats.transactions == 2);
  REQUIRE(r.stats.claims_read == 2);
  CHECK(r.sink.claims[1].lines.at(0).modifiers.values() == std::vector<std::string>{"GP"});
  CHECK(r.sink.diagnostics.empty());
}

TEST_CASE("Several transactions and groups in one interchange are all read", "[x12][syntax]") {
  const auto body = professional_body({simple_claim("C1")});
  const auto r = read_text(render(interchange({body, body, body})));
  CHECK(r.stats.transactions == 3);
  CHECK(r.stats.claims_read == 3);
  CHECK(r.sink.diagnostics.empty());
}

TEST_CASE("A claim split across read chunks reads as it does from memory", "[x12][syntax]") {
  const std::size_t chunk = GENERATE(1u, 2u, 3u, 7u, 64u, 333u, 4096u);
  CAPTURE(chunk);
  const auto whole = read_text(two_claims);
  const auto chunked = read_text(two_claims, chunk);
  CHECK(chunked.stats.claims_read == 2);
  CHECK(chunked.stats.segments == whole.stats.segments);
  CHECK(chunked.stats.bytes == two_claims.size());
  CHECK(fingerprint(chunked.sink) == fingerprint(whole.sink));
}

TEST_CASE("Diagnostics inside a claim split across chunks are reported once", "[x12][syntax]") {
  auto claim = simple_claim("C1");
  claim.push_back("ZZZ*UNKNOWN");  // an identifier no 837 uses, inside the line
  const std::string text = professional_file({claim, simple_claim("C2")});
  const auto whole = read_text(text);
  const auto chunked = read_text(text, 5);
  REQUIRE(whole.sink.diagnostics.size() == 1);
  CHECK(fingerprint(chunked.sink) == fingerprint(whole.sink));
}

TEST_CASE("A byte order mark and blanks before the ISA are skipped", "[x12][syntax]") {
  const auto r = read_text("\xEF\xBB\xBF\r\n  " + two_claims);
  CHECK(r.stats.claims_read == 2);
  CHECK(r.sink.diagnostics.empty());
}

TEST_CASE("An ISA that is not fixed-width is read from its separators and noted, not a fault",
          "[x12][syntax]") {
  std::string text = two_claims;
  text.erase(text.find("SUBMITTER      ") + 9, 1);  // ISA06 one character short
  const auto r = read_text(text);
  CHECK(r.stats.claims_read == 2);
  CHECK(r.sink.of_kind(x12::diagnostic_kind::envelope).empty());
  const auto found = r.sink.of_kind(x12::diagnostic_kind::value);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 1);
  CHECK(found[0].byte_offset == 0);
  CHECK(contains(found[0].message, "105 characters"));
}

TEST_CASE("Detecting X12 by its first bytes", "[x12][syntax]") {
  CHECK(x12::looks_like_x12("ISA*00*"));
  CHECK(x12::looks_like_x12("ISA|"));
  CHECK(x12::looks_like_x12("\xEF\xBB\xBF\n ISA*00"));
  CHECK_FALSE(x12::looks_like_x12("GS*HC*SENDER"));
  CHECK_FALSE(x12::looks_like_x12("claim_id,line,member_id"));
  CHECK_FALSE(x12::looks_like_x12("ISAAC,1"));
  CHECK_FALSE(x12::looks_like_x12(""));
}

TEST_CASE("Input that does not start with an ISA is refused, naming the missing ISA",
          "[x12][syntax]") {
  const std::string text = two_claims.substr(two_claims.find("GS*"));
  recorder sink;
  const auto error = input_error_of([&] { x12::read_837_buffer(text, "gs.x12", sink); });
  REQUIRE(error);
  CHECK(error->where().file == "gs.x12");
  CHECK(contains(error->message(), "does not start with an ISA"));
  CHECK(sink.claims.empty());
}

TEST_CASE("An empty input is refused", "[x12][syntax]") {
  recorder sink;
  const auto error = input_error_of([&] { x12::read_837_buffer("\n", "empty.x12", sink); });
  REQUIRE(error);
  CHECK(contains(error->message(), "empty"));
}

TEST_CASE("An ISA whose delimiters cannot be read at the start is refused", "[x12][syntax]") {
  recorder sink;
  const auto error =
      input_error_of([&] { x12::read_837_buffer("ISA*00*short~GS*HC~", "bad.x12", sink); });
  REQUIRE(error);
  CHECK(contains(error->message(), "ISA"));
}

TEST_CASE("Segment positions count from the ISA and give the byte offset", "[x12][syntax]") {
  auto claim = simple_claim("C2");
  claim.insert(claim.begin() + 1, "XY1*Q");
  const std::string text = professional_file({simple_claim("C1"), claim});
  const auto r = read_text(text);
  REQUIRE(r.sink.diagnostics.size() == 1);
  const auto& d = r.sink.diagnostics[0];
  CHECK(d.kind == x12::diagnostic_kind::unknown_segment);
  CHECK(d.segment_id == "XY1");
  CHECK(d.claim_id == "C2");
  CHECK(d.where.line == 3 + 10 + 6 + 2);  // ISA GS ST, the body's 10, claim C1's 6, CLM, XY1
  CHECK(d.byte_offset == text.find("XY1*Q"));
  CHECK(contains(x12::to_string(d), "test.x12: segment 21, byte "));
}

TEST_CASE("A claim's diagnostics past the first hundred are counted in one", "[x12][syntax]") {
  auto claim = simple_claim("C1");
  for (int i = 0; i < 150; ++i) claim.insert(claim.begin() + 1, "ZZZ*NOISE");
  const auto r = read_text(professional_file({claim}));
  CHECK(r.stats.claims_read == 1);
  CHECK(r.stats.claims_rejected == 0);
  REQUIRE(r.sink.diagnostics.size() == 101);
  CHECK(r.sink.diagnostics.back().claim_id == "C1");
  CHECK(contains(r.sink.diagnostics.back().message, "50 more diagnostics about claim 'C1'"));
}

TEST_CASE("Every segment identifier an 837 uses is known, others are reported", "[x12][syntax]") {
  // Identifiers that the claim builder passes over inside a claim, so that only the
  // identification of the segment is tested.
  const std::vector<std::string> known = {
      "AMT", "BHT", "CAS", "CL1", "CN1", "CR1", "CR2", "CR3", "CR4", "CR5", "CR6", "CR7",
      "CR8", "CRC", "CTP", "CUR", "DMG", "DN1", "DN2", "DSB", "FRM", "HCP", "HSD", "K3",
      "LIN", "LQ",  "MEA", "MIA", "MOA", "N2",  "N3",  "N4",  "NTE", "OI",  "PAT", "PER",
      "PRV", "PS1", "PWK", "QTY", "SV3", "SV4", "SV5", "SV6", "SV7", "SVD", "TA1", "TOO"};
  auto claim = simple_claim("C1");
  for (const auto& id : known) claim.push_back(id + "*X");
  const auto clean = read_text(professional_file({claim}));
  CHECK(clean.sink.diagnostics.empty());
  CHECK(clean.stats.lines_read == 1);

  const std::vector<std::string> unknown = {"SV8", "ZZ", "NM2", "CLX", "AM", "HI1", "A1", "ST1"};
  claim = simple_claim("C1");
  for (const auto& id : unknown) claim.push_back(id + "*X");
  const auto r = read_text(professional_file({claim}));
  REQUIRE(r.sink.diagnostics.size() == unknown.size());
  for (std::size_t i = 0; i < unknown.size(); ++i) {
    CHECK(r.sink.diagnostics[i].kind == x12::diagnostic_kind::unknown_segment);
    CHECK(r.sink.diagnostics[i].segment_id == unknown[i]);
  }
}

TEST_CASE("An identifier starting with a NUL byte is not taken for the one after it",
          "[x12][syntax]") {
  auto claim = simple_claim("C1");
  claim.push_back(std::string("\0N3*X", 5));
  const auto r = read_text(professional_file({claim}));
  REQUIRE(r.sink.diagnostics.size() == 1);
  CHECK(r.sink.diagnostics[0].kind == x12::diagnostic_kind::segment_syntax);
  CHECK(contains(r.sink.diagnostics[0].message, "is not a segment identifier"));
}

TEST_CASE("A segment whose identifier starts with a NUL byte is ignored, as reported",
          "[x12][syntax]") {
  auto claim = simple_claim("C1");
  claim.push_back(std::string("\0LX*2", 5));  // not a second line: its SV1 has no LX of its own
  claim.push_back("SV1*HC:97140*55*UN*1***1");
  claim.push_back("DTP*472*D8*20260908");
  const auto r = read_text(professional_file({claim}));
  CHECK(r.stats.lines_read == 1);
  CHECK(contains(r.sink.diagnostics.front().message, "is not a segment identifier"));
}

TEST_CASE("Elements are split wherever their separators fall in a segment", "[x12][syntax]") {
  const std::size_t chunk = GENERATE(0u, 7u, 97u);
  CAPTURE(chunk);
  for (std::size_t n = 0; n <= 40; ++n) {
    CAPTURE(n);
    auto claim = simple_claim("C1");
    claim.insert(claim.begin() + 3, "NM1*82*1*" + std::string(n, 'R') + "*CARE****XX*1234567893");
    const auto r = read_text(professional_file({claim}), chunk);
    REQUIRE(r.stats.lines_read == 1);
    CHECK(r.sink.claims[0].lines[0].rendering_npi == "1234567893");
    CHECK(r.sink.diagnostics.empty());
  }
}

TEST_CASE("Elements past the 31st stay joined in the last one", "[x12][syntax]") {
  std::string hi = "HI";
  for (int i = 1; i <= 35; ++i) hi += fmt::format("*ABF:D{:02}", i);
  const auto r =
      read_text(professional_file({{"CLM*C1*110***11:B:1*Y*A*Y*Y", hi, "LX*1",
                                    "SV1*HC:97110*110*UN*2*11", "DTP*472*D8*20260908"}}));
  REQUIRE(r.stats.lines_read == 1);
  const auto& codes = r.sink.claims[0].lines[0].diagnosis_codes;
  REQUIRE(codes.size() == 31);
  for (std::size_t i = 0; i < 30; ++i) CHECK(codes[i] == fmt::format("D{:02}", i + 1));
  CHECK(codes[30] == "D31*ABF");
}
