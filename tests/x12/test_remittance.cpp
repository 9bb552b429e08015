// The 835 reader: the public samples with their counts, remittances built here, and damage.

#include "x12/recorder.hpp"
#include "x12/x12_text.hpp"

#include <authmatch/remittance.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// Two claims: C1 with a denied 97110 line (REF*6R 1) and a paid 97140 line, C2 paid.
std::vector<segments> two_claims() {
  return {
      {"CLP*C1*1*165*55**12*PCN0001", "CAS*OA*23*0", "NM1*QC*1*DOE*JANE****MI*W100200300",
       "MOA***M62*N54", "DTM*232*20260908", "DTM*233*20260908", "SVC*HC:97110:GP*110*0**2",
       "DTM*472*20260908", "CAS*CO*197*110**16*0*1", "REF*6R*1", "LQ*HE*N54",
       "SVC*HC:97140:GP:59*55*55", "REF*6R*2"},
      {"CLP*C2*1*110*110**12*PCN0002", "NM1*QC*1*DOE*JOHN****MI*W100200301",
       "SVC*HC:97110*110*110**2", "DTM*150*20260910", "DTM*151*20260911"},
  };
}

}  // namespace

TEST_CASE("835 reader: every value of a built remittance is read", "[x12][remittance]") {
  const auto r = read_remit(remittance_file("61101", two_claims()));
  REQUIRE(r.stats.claims_read == 2);
  REQUIRE(r.stats.lines_read == 3);
  REQUIRE(r.stats.claims_rejected == 0);
  REQUIRE(r.sink.diagnostics.empty());
  REQUIRE(r.sink.claims.size() == 2);

  const auto& c1 = r.sink.claims[0];
  CHECK(c1.claim_id == "C1");
  CHECK(c1.status == "1");
  CHECK(c1.charge == decimal::from_integer(165));
  CHECK(c1.paid == decimal::from_integer(55));
  CHECK(c1.payer_claim_number == "PCN0001");
  CHECK(c1.payer_id == "61101");
  CHECK(c1.payer_name == "TEST PAYER");
  CHECK(c1.member_id == "W100200300");
  CHECK(c1.statement_from == date(2026, 9, 8));
  REQUIRE(c1.adjustments.size() == 1);
  CHECK(c1.adjustments[0].group == "OA");
  CHECK(c1.adjustments[0].carc == "23");
  CHECK(c1.remarks == std::vector<std::string>{"M62", "N54"});
  CHECK(c1.where.line == 10);  // ISA GS ST BPR TRN DTM N1 N1 LX CLP
  REQUIRE(c1.lines.size() == 2);

  const auto& denied = c1.lines[0];
  CHECK(denied.position == 1);
  CHECK(denied.control_number == "1");
  CHECK(c1.line_numbers() == std::vector<std::uint32_t>{1, 2});
  CHECK(denied.code == "97110");
  CHECK(denied.modifiers == std::vector<std::string>{"GP"});
  CHECK(denied.charge == decimal::from_integer(110));
  CHECK(denied.paid == decimal());
  CHECK(denied.units == decimal::from_integer(2));
  CHECK(denied.service_date == date(2026, 9, 8));
  CHECK(denied.service_date_end == date(2026, 9, 8));
  REQUIRE(denied.adjustments.size() == 2);
  CHECK(denied.adjustments[0].group == "CO");
  CHECK(denied.adjustments[0].carc == "197");
  CHECK(denied.adjustments[0].amount == decimal::from_integer(110));
  CHECK_FALSE(denied.adjustments[0].quantity);
  CHECK(denied.adjustments[1].carc == "16");
  CHECK(denied.adjustments[1].quantity == decimal::from_integer(1));
  CHECK(denied.remarks == std::vector<std::string>{"N54"});

  const auto& paid = c1.lines[1];
  CHECK(paid.modifiers == std::vector<std::string>{"GP", "59"});
  CHECK(paid.service_date == date(2026, 9, 8));  // the claim's statement date

  const auto& c2 = r.sink.claims[1];
  CHECK(c2.line_numbers() == std::vector<std::uint32_t>{1});  // no REF*6R: the position
  CHECK(c2.lines[0].service_date == date(2026, 9, 10));
  CHECK(c2.lines[0].service_date_end == date(2026, 9, 11));
}

TEST_CASE("835 reader: a line has both dates or neither, whichever of them the file gives",
          "[x12][remittance]") {
  struct dates {
    segments claim;
    std::optional<date> start, end;
  };
  const dates d = GENERATE(values<dates>({
      {{"CLP*C1*1*110*0**12", "DTM*233*20260908", "SVC*HC:97110*110*0**2"},
       date(2026, 9, 8),
       date(2026, 9, 8)},
      {{"CLP*C1*1*110*0**12", "SVC*HC:97110*110*0**2", "DTM*151*20260911"},
       date(2026, 9, 11),
       date(2026, 9, 11)},
      {{"CLP*C1*1*110*0**12", "DTM*232*20260908", "SVC*HC:97110*110*0**2", "DTM*151*20260911"},
       date(2026, 9, 8),
       date(2026, 9, 11)},
      {{"CLP*C1*1*110*0**12", "SVC*HC:97110*110*0**2"}, std::nullopt, std::nullopt},
  }));
  const auto r = read_remit(remittance_file("61101", {d.claim}));
  REQUIRE(r.sink.claims.size() == 1);
  REQUIRE(r.sink.claims[0].lines.size() == 1);
  CHECK(r.sink.claims[0].lines[0].service_date == d.start);
  CHECK(r.sink.claims[0].lines[0].service_date_end == d.end);
}

TEST_CASE("835 reader: REF*6R values one of a claim's line numbers each are its line numbers",
          "[x12][remittance]") {
  remittance_claim claim;
  for (const char* ref : {"3", "", "1"}) claim.lines.emplace_back().control_number = ref;
  for (std::uint32_t i = 0; i < 3; ++i) claim.lines[i].position = i + 1;
  CHECK(claim.control_numbers_are_lines());
  CHECK(claim.line_numbers() == std::vector<std::uint32_t>{3, 2, 1});
}

TEST_CASE("835 reader: REF*6R values that cannot be line numbers leave the positions",
          "[x12][remittance]") {
  struct refs_case {
    const char* first;
    const char* second;
  };
  const refs_case c = GENERATE(values<refs_case>({
      {"100234", "100235"},  // the 837's own line item control numbers
      {"2", "2"},            // the same twice
      {"1", "3"},            // past the claim's two lines
      {"0", "1"},            // not a line
      {"1", "A2"},           // not a number
  }));
  CAPTURE(c.first, c.second);
  remittance_claim claim;
  for (const char* ref : {c.first, c.second}) claim.lines.emplace_back().control_number = ref;
  claim.lines[0].position = 1;
  claim.lines[1].position = 2;
  CHECK_FALSE(claim.control_numbers_are_lines());
  CHECK(claim.line_numbers() == std::vector<std::uint32_t>{1, 2});
}

TEST_CASE("835 reader: an SVC outside a claim is counted and passed on as a stray line",
          "[x12][remittance]") {
  const auto r = read_remit(remittance_file(
      "61101", {{"SVC*HC:97110*55*55"}, {"CLP*C1*1*55*55**12*P1", "SVC*HC:97140*55*55"}}));
  CHECK(r.stats.lines_read == 2);
  REQUIRE(r.sink.stray.size() == 1);
  CHECK(r.sink.stray[0].payer_id == "61101");
  CHECK(r.sink.stray[0].where.line == 10);  // ISA GS ST BPR TRN DTM N1 N1 LX SVC
  CHECK(r.sink.trace == "stray line;C1;");
  REQUIRE(r.sink.diagnostics.size() == 1);
  CHECK(r.sink.diagnostics[0].kind == x12::diagnostic_kind::misplaced_segment);
}

TEST_CASE("835 reader: the position of the CLP is its segment number", "[x12][remittance]") {
  const auto r = read_remit(remittance_file("61101", two_claims()));
  CHECK(r.sink.claims[0].where.line == 10);
  CHECK(r.sink.claims[1].where.line == 23);
}

TEST_CASE("835 reader: the payer ID comes from REF*2U when N104 is absent", "[x12][remittance]") {
  segments all =
      interchange({remittance_body("", two_claims())}, "005010X221A1", "000000001", "835");
  const auto payer = std::find(all.begin(), all.end(), "N1*PR*TEST PAYER");
  REQUIRE(payer != all.end());
  all.insert(payer + 1, "REF*2U*87726");
  // SE01 counts one more segment.
  for (auto& seg : all) {
    if (seg.rfind("SE*", 0) == 0)
      seg = "SE*" + std::to_string(std::stoi(seg.substr(3)) + 1) + "*0001";
  }
  const auto r = read_remit(render(all));
  REQUIRE(r.sink.claims.size() == 2);
  CHECK(r.sink.claims[0].payer_id == "87726");
  CHECK(r.sink.diagnostics.empty());
}

TEST_CASE("835 reader: delimiters come from each ISA and chunks change nothing",
          "[x12][remittance]") {
  const x12_style odd{'|', '>', '^', '\n', ""};
  const auto text = remittance_file("61101", two_claims(), odd);
  const auto whole = read_remit(text);
  REQUIRE(whole.sink.claims.size() == 2);
  CHECK(whole.sink.claims[0].lines[0].modifiers == std::vector<std::string>{"GP"});
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{64}}) {
    const auto chunked = read_remit(text, chunk);
    CHECK(chunked.sink.trace == whole.sink.trace);
    CHECK(chunked.stats.segments == whole.stats.segments);
    CHECK(chunked.stats.lines_read == 3);
  }
}

TEST_CASE("835 reader: a damaged claim is rejected with its position and the next is read",
          "[x12][remittance]") {
  auto claims = two_claims();
  claims[0][6] = "SVC*HC:97110:GP*11O*0**2";  // a letter O in the charge
  const auto r = read_remit(remittance_file("61101", claims));
  REQUIRE(r.stats.claims_read == 2);
  REQUIRE(r.stats.claims_rejected == 1);
  CHECK(r.stats.lines_read == 3);
  REQUIRE(r.sink.rejected.size() == 1);
  const auto& bad = r.sink.rejected[0];
  CHECK(bad.claim_id == "C1");
  CHECK(bad.lines == 2);  // both SVC of the claim are counted
  CHECK(bad.where.file == "remit.835");
  CHECK(bad.where.line == 16);
  CHECK(bad.where.column == 2);
  CHECK_THAT(bad.message, Catch::Contains("remit.835: segment 16, element 2, byte") &&
                              Catch::Contains("SVC02 '11O'"));
  REQUIRE(r.sink.claims.size() == 1);
  CHECK(r.sink.claims[0].claim_id == "C2");
  CHECK(r.sink.lines() == 3);
}

TEST_CASE("835 reader: bad values of CLP, CAS and DTM reject their claim", "[x12][remittance]") {
  struct damage {
    std::size_t segment;
    std::string text;
    std::size_t element;
  };
  const damage d = GENERATE(values<damage>({
      {0, "CLP**1*165*55**12*PCN0001", 1},
      {0, "CLP*C1*1*abc*55**12*PCN0001", 3},
      {0, "CLP*C1*1*165*100000000.00**12*PCN0001", 4},
      {1, "CAS**23*0", 1},
      {1, "CAS*  *23*0", 1},      // a group of blanks only
      {1, "CAS*OA*  *0", 2},      // a reason of blanks only, with an amount
      {1, "CAS*OA*23*0***5", 5},  // an amount without a reason
      {1, "CAS*OA*23*x", 3},
      {8, "CAS*CO*197*110**16*0*many", 7},
      {4, "DTM*232*20261399", 2},
      {7, "DTM*472*20260931", 2},
      {6, "SVC*HC*110*0**2", 1},
      {6, "SVC*HC:   *110*0**2", 1},  // a code of blanks only
      {6, "SVC*HC:97110*110*0**-2", 5},
  }));
  auto claims = two_claims();
  claims[0][d.segment] = d.text;
  INFO(d.text);
  const auto r = read_remit(remittance_file("61101", claims));
  REQUIRE(r.stats.claims_read == 2);
  REQUIRE(r.sink.rejected.size() == 1);
  CHECK(r.sink.rejected[0].where.line == 10 + d.segment);
  CHECK(r.sink.rejected[0].where.column == d.element);
  CHECK(r.sink.rejected[0].lines == 2);
  CHECK(r.sink.claims.size() == 1);
  CHECK(r.stats.lines_read == 3);
}

TEST_CASE("835 reader: an input cut short inside a claim rejects that claim", "[x12][remittance]") {
  const auto text = remittance_file("61101", two_claims());
  const auto cut = text.substr(0, text.find("SE*"));
  const auto r = read_remit(cut);
  REQUIRE(r.stats.claims_read == 2);
  REQUIRE(r.sink.rejected.size() == 1);
  CHECK(r.sink.rejected[0].claim_id == "C2");
  CHECK_THAT(r.sink.rejected[0].message, Catch::Contains("the input ends inside claim 'C2'"));
  CHECK_FALSE(r.sink.diagnostics.empty());  // the envelope does not close
}

TEST_CASE("835 reader: input that is not X12 or holds no transaction is refused",
          "[x12][remittance]") {
  remit_recorder sink;
  CHECK_THROWS_AS(x12::read_835_buffer("CLP*C1*1*1*1", "x.835", sink), input_error);
  CHECK_THROWS_AS(x12::read_835_buffer("", "x.835", sink), input_error);
  const std::string no_st = render(segments{isa(), "IEA*0*000000001"});
  CHECK_THROWS_WITH(x12::read_835_buffer(no_st, "x.835", sink),
                    Catch::Contains("not a usable 835"));
}

TEST_CASE("835 reader: an 837 given as a remittance reads no claim and says why",
          "[x12][remittance]") {
  const auto r = read_remit(professional_file({simple_claim("C1")}));
  CHECK(r.stats.claims_read == 0);
  bool said = false;
  for (const auto& d : r.sink.diagnostics) {
    if (d.kind == x12::diagnostic_kind::version &&
        d.message.find("not an 835 remittance") != std::string::npos)
      said = true;
  }
  CHECK(said);
}

TEST_CASE("835 reader: a CLP of another transaction set is rejected, not dropped",
          "[x12][remittance]") {
  const auto text = render(
      interchange({remittance_body("61101", two_claims())}, "005010X221A1", "000000001", "277"));
  const auto r = read_remit(text);
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 2);
  CHECK(r.stats.lines_read == 3);
  REQUIRE(r.sink.rejected.size() == 2);
  CHECK_THAT(r.sink.rejected[0].message, Catch::Contains("not an 835 remittance"));
}

// --- the public samples ----------------------------------------------------------------------

namespace {

const std::filesystem::path samples{AUTHMATCH_SAMPLES_DIR};

bool have_samples() {
  if (std::filesystem::is_directory(samples / "835")) return true;
  WARN("SKIPPED: no X12 835 samples at " << (samples / "835").string()
                                         << " (set AUTHMATCH_SAMPLES_DIR to read them)");
  return false;
}

struct remit_sample {
  const char* file;
  int claims, lines;
  /// lfh_tertiary-payment's only SVC reads "SVC*HC*24599.00*...": SVC01 holds a qualifier and no
  /// procedure code, so its claim is rejected (counted, with its position), not guessed at.
  int rejected;
};

}  // namespace

TEST_CASE("835 reader: every public 835 sample is read with exact counts",
          "[x12][remittance][samples]") {
  if (!have_samples()) return;
  const remit_sample s = GENERATE(values<remit_sample>({
      {"835/lfh_cob-contractural-adjustment.x12", 1, 1, 0},
      {"835/lfh_managed-care.x12", 2, 2, 0},
      {"835/lfh_medicare-part-a.x12", 2, 0, 0},
      {"835/lfh_secondary-payment.x12", 2, 2, 0},
      {"835/lfh_tertiary-payment.x12", 1, 1, 1},
  }));
  INFO(s.file);
  remit_recorder sink;
  const auto stats = x12::read_835_file(samples / s.file, sink);
  CHECK(stats.claims_read == static_cast<std::uint64_t>(s.claims));
  CHECK(stats.lines_read == static_cast<std::uint64_t>(s.lines));
  CHECK(stats.claims_rejected == static_cast<std::uint64_t>(s.rejected));
  CHECK(sink.claims.size() + sink.rejected.size() == static_cast<std::size_t>(s.claims));
  CHECK(sink.lines() == static_cast<std::size_t>(s.lines));
  for (const auto& d : sink.diagnostics) {
    INFO(x12::to_string(d));
    CHECK_FALSE(x12::is_fault(d.kind));
  }
}

TEST_CASE("835 reader: the tertiary sample's SVC without a code is rejected with its position",
          "[x12][remittance][samples]") {
  if (!have_samples()) return;
  remit_recorder sink;
  x12::read_835_file(samples / "835/lfh_tertiary-payment.x12", sink);
  REQUIRE(sink.rejected.size() == 1);
  CHECK(sink.rejected[0].claim_id == "0001000054");
  CHECK(sink.rejected[0].lines == 1);
  CHECK(sink.rejected[0].where.column == 1);
  CHECK_THAT(sink.rejected[0].message, Catch::Contains("SVC01 'HC' names no procedure code"));
}

TEST_CASE("835 reader: a composite with another separator than ISA16's is read",
          "[x12][remittance][samples]") {
  if (!have_samples()) return;
  remit_recorder sink;
  x12::read_835_file(samples / "835/lfh_secondary-payment.x12", sink);
  REQUIRE(sink.claims.size() == 2);
  CHECK(sink.claims[1].lines.at(0).code == "12345");
  CHECK(sink.claims[1].lines.at(0).modifiers == std::vector<std::string>{"26"});
}

TEST_CASE("835 reader: the managed-care sample's values", "[x12][remittance][samples]") {
  if (!have_samples()) return;
  remit_recorder sink;
  x12::read_835_file(samples / "835/lfh_managed-care.x12", sink);
  REQUIRE(sink.claims.size() == 2);
  const auto& c = sink.claims[0];
  CHECK(c.claim_id == "5554555444");
  CHECK(c.payer_name == "RUSHMORE LIFE");
  CHECK(c.payer_id.empty());
  CHECK(c.payer_claim_number == "94060555410000");
  CHECK(c.member_id == "33344555510");
  REQUIRE(c.adjustments.size() == 1);
  CHECK(c.adjustments[0].carc == "A2");
  REQUIRE(c.lines.size() == 1);
  CHECK(c.lines[0].code == "99211");
  CHECK(c.lines[0].charge == decimal::from_integer(800));
  CHECK(c.lines[0].paid == decimal::from_integer(500));
  CHECK(c.lines[0].service_date == date(2002, 3, 1));
  CHECK(c.lines[0].service_date_end == date(2002, 3, 4));
  REQUIRE(c.lines[0].adjustments.size() == 1);
  CHECK(c.lines[0].adjustments[0].group == "PR");
  CHECK(c.lines[0].adjustments[0].carc == "1");
  CHECK(sink.claims[1].lines[0].adjustments.size() == 2);
}
