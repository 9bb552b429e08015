// A line's values as compared, read line after line into the same line_values.

#include "engine/line_values.hpp"
#include "support/builders.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace authmatch;
using namespace authmatch::test;

TEST_CASE("A field read again from the same text keeps its compared value", "[line_values]") {
  const std::string member = " m1 ";  // shared by both lines, as a claim's field is in a batch
  claim_line first, second;
  first.member_id = second.member_id = member;
  first.code = "97110";
  second.code = "g0283";
  detail::line_values values;
  values.read(first);
  CHECK(values.member_id == "M1");
  values.read(second);
  CHECK(values.member_id == "M1");
  CHECK(values.code == "G0283");
  CHECK(&values.line() == &second);
}

TEST_CASE("A field of the same length elsewhere is read anew", "[line_values]") {
  const std::string text = "m1 M2 m1 ";
  claim_line first, second, third;
  first.member_id = std::string_view(text).substr(0, 2);
  second.member_id = std::string_view(text).substr(3, 2);  // same length, another place
  third.member_id = std::string_view(text).substr(3, 4);   // same place, longer
  detail::line_values values;
  values.read(first);
  CHECK(values.member_id == "M1");
  values.read(second);
  CHECK(values.member_id == "M2");
  values.read(third);
  CHECK(values.member_id == "M2 M");
  first.member_id = std::string_view(text).substr(6, 3);
  values.read(first);
  CHECK(values.member_id == "M1");
}

TEST_CASE("Diagnoses as compared keep the line's order", "[line_values]") {
  const std::vector<std::string_view> codes = {"m54.5", "R51", "k50.90"};
  claim_line line;
  line.diagnosis_codes = codes;
  const detail::line_values values(line);
  CHECK(std::vector(values.diagnoses().begin(), values.diagnoses().end()) ==
        std::vector<std::string_view>{"M545", "R51", "K5090"});
}

TEST_CASE("Diagnoses written as compared are the line's own list", "[line_values]") {
  const std::vector<std::string_view> codes = {"M545", "R51"};
  claim_line line;
  line.diagnosis_codes = codes;
  const detail::line_values values(line);
  CHECK(values.diagnoses().data() == codes.data());
  CHECK(values.diagnoses().size() == 2);
}

TEST_CASE("Lines of one claim with a member to normalize each find their authorization",
          "[line_values]") {
  const auto index = index_of({make_auth("A1", "97110"), make_auth("B1", "97140")});
  line_spec first;
  first.member_id = " m1 ";
  first.auth_number = "A1";
  line_spec second = first;
  second.line = 2;
  second.code = "97140";
  second.auth_number = "B1";
  CHECK(check(index, {first, second}).empty());
}

TEST_CASE("Lines sharing their claim's fields as a reader gives them are each judged on their own",
          "[line_values]") {
  auto approved = make_auth("A1", "97110");
  approved.diagnosis_codes = {"M54.50"};
  auto other = make_auth("B1", "97140");
  other.diagnosis_codes = {"M54.50"};
  const auto index = index_of({approved, other});
  // The claim's member and payer are one text for both lines, as a reader's lines point into
  // the claim; each line's diagnoses are its own list of the same length.
  const std::string member = " m1 ", payer = "p1";
  const std::vector<std::string_view> back_pain = {"m54.50"}, other_pain = {"k52.90"};
  line_spec first_spec;
  first_spec.auth_number = "A1";
  line_spec second_spec = first_spec;
  second_spec.line = 2;
  second_spec.code = "97140";
  second_spec.auth_number = "B1";
  std::vector<claim_line> lines = {first_spec.view(), second_spec.view()};
  for (auto& line : lines) {
    line.member_id = member;
    line.payer_id = payer;
  }
  lines[0].diagnosis_codes = back_pain;
  lines[1].diagnosis_codes = other_pain;
  const validator checker(index, nullptr, denials_only);
  collected_run collected(checker);
  collected.run.add_claim(lines);
  const auto found = collected.finish();
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == finding_kind::diagnosis_mismatch);
  CHECK(found[0].line == 2);
  CHECK(found[0].auth_number == "B1");
  CHECK(found[0].actual == "K5290");
}
