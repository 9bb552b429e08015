// Output formats: JSON Lines with the contract's field names, CSV, the table and the summary.

#include "output/json_string.hpp"
#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

finding sample() {
  finding f;
  f.claim_id = "C\"1";
  f.line = 2;
  f.kind = finding_kind::units_exceeded;
  f.level = severity::deny;
  f.group = "CO";
  f.carc = "198";
  f.rarc = {"N640"};
  f.auth_number = "A1";
  f.member_id = "M1";
  f.payer_id = "P1";
  f.code = "97110";
  f.service_date = day("2026-03-02");
  f.units = qty("1.5");
  f.charge = qty("100");
  f.expected = "at most 1";
  f.actual = "1.5";
  f.message = "Line one,\nline two";
  return f;
}

}  // namespace

TEST_CASE("A finding is one JSON object with the contract's fields in order", "[output]") {
  CHECK(to_json(sample()) ==
        R"({"claim_id":"C\"1","line":2,"kind":"units_exceeded","severity":"deny","group":"CO",)"
        R"("carc":"198","rarc":["N640"],"auth_number":"A1","member_id":"M1","payer_id":"P1",)"
        R"("code":"97110","service_date":"2026-03-02","units":1.5,"charge":100.00,)"
        R"("expected":"at most 1","actual":"1.5","message":"Line one,\nline two"})");
}

TEST_CASE("Absent values are JSON null and an empty RARC list is []", "[output]") {
  finding f;
  f.kind = finding_kind::claim_unreadable;
  f.level = severity::error;
  const auto json = to_json(f);
  CHECK(contains(json, R"("rarc":[],"auth_number":null)"));
  CHECK(contains(json, R"("service_date":null,"units":null,"charge":null)"));
}

TEST_CASE("JSON strings escape a character wherever it falls among the bytes scanned together",
          "[output]") {
  // The writer tests 16 or 8 bytes at a time, the last of them in the block that ends the
  // value, and a value shorter than a word byte by byte: each escape at each position of values
  // of every length from 1 to 40 bytes.
  const std::pair<std::string_view, std::string_view> escapes[] = {{"\"", R"(\")"},
                                                                   {"\\", R"(\\)"},
                                                                   {"\n", R"(\n)"},
                                                                   {"\r", R"(\r)"},
                                                                   {"\t", R"(\t)"},
                                                                   {"\x01", R"(\u0001)"},
                                                                   {"\x1f", R"(\u001f)"},
                                                                   {"\xff", R"(\ufffd)"},
                                                                   {"\xc3\xa9", "\xc3\xa9"},
                                                                   {"\x7f", "\x7f"},
                                                                   {" ", " "}};
  for (const auto& [raw, escaped] : escapes) {
    for (std::size_t length = 0; length < 40; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        const std::string before(at, 'a');
        const std::string after(length - at, 'z');
        CAPTURE(raw, at, length);
        CHECK(detail::json_string(before + std::string(raw) + after) ==
              '"' + before + std::string(escaped) + after + '"');
      }
    }
  }
  CHECK(detail::json_string("") == R"("")");
  CHECK(detail::json_string("\x80\x80\x80\x80\x80\x80\x80\x80\"") ==
        R"("\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\"")");
}

TEST_CASE("A finding whose every text is escaped in full is written whole", "[output]") {
  // Each byte of each text takes six (\u0001, \ufffd): the most room a finding can need.
  const std::string control(300, '\x01'), not_utf8(40, '\xff');
  finding f = sample();
  f.claim_id = f.group = f.carc = f.member_id = f.payer_id = f.code = not_utf8;
  f.rarc = {control, not_utf8, control};
  f.auth_number = control;
  f.expected = f.actual = not_utf8;
  f.message = control + control;
  const auto text = [](const std::string& value) { return detail::json_string(value); };
  CHECK(to_json(f) ==
        "{\"claim_id\":" + text(not_utf8) +
            R"(,"line":2,"kind":"units_exceeded","severity":"deny",)" +
            "\"group\":" + text(not_utf8) + ",\"carc\":" + text(not_utf8) + ",\"rarc\":[" +
            text(control) + ',' + text(not_utf8) + ',' + text(control) +
            "],\"auth_number\":" + text(control) + ",\"member_id\":" + text(not_utf8) +
            ",\"payer_id\":" + text(not_utf8) + ",\"code\":" + text(not_utf8) +
            R"(,"service_date":"2026-03-02","units":1.5,"charge":100.00,"expected":)" +
            text(not_utf8) + ",\"actual\":" + text(not_utf8) +
            ",\"message\":" + text(control + control) + '}');
}

TEST_CASE("Every kind and severity is written as its name", "[output]") {
  for (const auto kind : all_finding_kinds) {
    finding f = sample();
    f.kind = kind;
    f.level = severity_of(kind);
    CAPTURE(to_string(kind));
    CHECK(contains(to_json(f), R"(,"kind":")" + std::string(to_string(kind)) + R"(","severity":")" +
                                   std::string(to_string(f.level)) + R"(",)"));
  }
}

TEST_CASE("The CSV header names the same fields as the JSON", "[output]") {
  CHECK(csv_header_row() ==
        "claim_id,line,kind,severity,group,carc,rarc,auth_number,member_id,payer_id,code,"
        "service_date,units,charge,expected,actual,message");
}

TEST_CASE("CSV rows quote fields with commas, quotes and line breaks", "[output]") {
  CHECK(to_csv_row(sample()) ==
        "\"C\"\"1\",2,units_exceeded,deny,CO,198,N640,A1,M1,P1,97110,2026-03-02,1.5,100.00,"
        "at most 1,1.5,\"Line one,\nline two\"");
}

TEST_CASE("CSV fields are quoted for a comma, a quote or a line break wherever it falls",
          "[output]") {
  // The writer tests eight bytes at a time, the last of them in the word that ends the value,
  // and a value shorter than a word byte by byte: each character at each position of values of
  // every length from 1 to 20 bytes.
  const std::pair<std::string_view, std::string_view> fields[] = {
      {",", "\",\""},           {"\"", "\"\"\"\""},       {"\r", "\"\r\""}, {"\n", "\"\n\""},
      {"\xc3\xa9", "\xc3\xa9"}, {"\xff", "\xef\xbf\xbd"}, {";", ";"}};
  for (const auto& [raw, written] : fields) {
    for (std::size_t length = 0; length < 20; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        finding f = sample();
        const std::string before(at, 'a');
        const std::string after(length - at, 'z');
        f.message = before + std::string(raw) + after;
        CAPTURE(raw, at, length);
        const bool quoted = written.front() == '"';
        const std::string expected =
            quoted ? '"' + before + std::string(written.substr(1, written.size() - 2)) + after + '"'
                   : before + std::string(written) + after;
        const auto row = to_csv_row(f);
        CHECK(row.substr(row.rfind("1.5,") + 4) == expected);
      }
    }
  }
}

TEST_CASE("The table has a row per finding and a count", "[output]") {
  const std::vector<finding> findings{sample(), sample()};
  const auto table = to_table(findings);
  CHECK(table.starts_with("CLAIM"));
  CHECK(contains(table, "units_exceeded"));
  CHECK(contains(table, "CO-198 N640"));
  CHECK(table.ends_with("2 findings.\n"));
}

TEST_CASE("The table's columns line up past a combining accent", "[output]") {
  finding plain = sample();
  finding accented = sample();
  plain.claim_id = "JOSE-0001";
  accented.claim_id = "JOSE\xcc\x81-01";  // U+0301 after the E: 7 columns, 9 bytes
  const auto table = to_table(std::vector<finding>{plain, accented});
  std::vector<std::string> rows;
  for (std::size_t at = 0, end = 0; (end = table.find('\n', at)) != std::string::npos;
       at = end + 1) {
    rows.push_back(table.substr(at, end - at));
  }
  REQUIRE(rows.size() >= 3);
  // Both claims take 9 columns with their blanks: the rest of the rows are the same bytes.
  CHECK(rows[1].substr(9, 2) == "  ");
  CHECK(rows[2].substr(9, 4) == "    ");  // 9 bytes, 7 columns, 4 blanks
  CHECK(rows[1].substr(11) == rows[2].substr(13));
}

TEST_CASE("The table says so when there is nothing to fix", "[output]") {
  CHECK(to_table({}) == "No authorization problems found.\n");
}

TEST_CASE("The summary JSON lists every kind and the charge at risk", "[output]") {
  run_summary s;
  s.claims_read = 3;
  s.claims_rejected = 1;
  s.lines_read = 5;
  s.findings_by_kind[static_cast<std::size_t>(finding_kind::auth_missing)] = 2;
  s.charge_at_risk = qty("1250.5");
  const auto json = to_json(s, true);
  CHECK(contains(json, "\"claims_read\": 3,"));
  CHECK(contains(json, "\"claims_validated\": 2,"));
  CHECK(contains(json, "\"claims_rejected\": 1,"));
  CHECK(contains(json, "\"lines_read\": 5,"));
  CHECK(contains(json, "\"every_line_requires_auth\": true,"));
  CHECK(contains(json, "\"auth_missing\": 2,"));
  CHECK(contains(json, "\"claim_unreadable\": 0,\n"));
  CHECK(contains(json, "\"input_fault\": 0\n"));
  CHECK(contains(json, "\"charge_at_risk\": 1250.50,\n"));
  CHECK(contains(json, "\"charge_at_risk_by_payer\": {},\n"));
  CHECK(contains(json, "\"charge_at_risk_by_kind\": {\n    \"auth_missing\": 0.00,"));
  CHECK(json.ends_with("\"input_fault\": 0.00\n  }\n}\n"));
}

TEST_CASE("The summary JSON gives the charge at risk by payer and by kind", "[output]") {
  run_summary s;
  s.add_at_risk("61101", qty("100"));
  s.add_at_risk("\"B\"", qty("0.5"));
  s.add_at_risk("C", qty("0"));  // nothing at risk: no entry
  s.add_kind_at_risk(finding_kind::site_mismatch, qty("100"));
  s.add_kind_at_risk(finding_kind::units_exceeded, qty("100.5"));
  const auto json = to_json(s, false);
  CHECK(contains(json, "\"charge_at_risk\": 100.50,\n"));
  CHECK(contains(json,
                 "\"charge_at_risk_by_payer\": {\n    \"\\\"B\\\"\": 0.50,\n"
                 "    \"61101\": 100.00\n  },\n"));
  CHECK(contains(json, "\"site_mismatch\": 100.00,\n"));
  CHECK(contains(json, "\"units_exceeded\": 100.50,\n"));
}
