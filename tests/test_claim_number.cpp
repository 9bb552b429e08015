// The claim's authorization number (837 2300 REF*G1) and the lines it does not belong to.

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using kinds = std::vector<finding_kind>;

namespace {

/// Imaging needs authorization with payer P1, an office visit does not.
auth_rules imaging_rules() {
  auth_rules rules;
  rules.add("P1", "70000-79999", true);
  rules.add("P1", "99213", false);
  rules.add("P1", "97110", true);
  return rules;
}

/// A line of code `code` carrying `number`, the claim's (2300) when `from_claim`.
line_spec carrying(std::string_view code, std::string_view number, bool from_claim) {
  line_spec l;
  l.code = code;
  l.auth_number = number;
  l.auth_number_from_claim = from_claim;
  return l;
}

std::vector<finding> judged(const authorization_index& index, const line_spec& line) {
  const auto rules = imaging_rules();
  const validator checker(index, &rules, denials_only);
  return check_run(checker, {line});
}

}  // namespace

TEST_CASE("A line whose code needs no authorization is not denied for the MRI's number",
          "[validator][claim-number]") {
  const auto index = index_of({make_auth("MRI1", "72148")});
  CHECK(judged(index, carrying("99213", "MRI1", true)).empty());
  CHECK(judged(index, carrying("99213", "MRI1", false)).empty());  // repeated on a CSV row
}

TEST_CASE("The claim's number on a line it does not approve names the line's own number",
          "[validator][claim-number]") {
  const auto index = index_of({make_auth("MRI1", "72148"), make_auth("PT1", "97110")});
  const auto found = judged(index, carrying("97110", "MRI1", true));
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(found[0].expected == "PT1");
  CHECK(found[0].actual == "MRI1");
  CHECK(*found[0].auth_number == "PT1");
  CHECK(found[0].carc == "16");
  CHECK(contains(found[0].message, "add REF*G1 PT1 to this line (loop 2400)"));
}

TEST_CASE("The claim's number on a line no authorization approves is a code_mismatch",
          "[validator][claim-number]") {
  const auto index = index_of({make_auth("MRI1", "72148")});
  const auto found = judged(index, carrying("97110", "MRI1", true));
  CHECK(kinds_of(found) == kinds{finding_kind::code_mismatch});
}

TEST_CASE("A line's own number that does not approve its code is a code_mismatch",
          "[validator][claim-number]") {
  const auto index = index_of({make_auth("MRI1", "72148"), make_auth("PT1", "97110")});
  const auto found = judged(index, carrying("97110", "MRI1", false));
  CHECK(kinds_of(found) == kinds{finding_kind::code_mismatch});
}

TEST_CASE("The line's own authorization keeps its other checks when the claim's number is wrong",
          "[validator][claim-number]") {
  auto expired = make_auth("PT1", "97110");
  expired.expiration_date = date(2026, 2, 28);
  const auto index = index_of({make_auth("MRI1", "72148"), expired});
  const auto found = judged(index, carrying("97110", "MRI1", true));
  CHECK(kinds_of(found) == kinds{finding_kind::auth_number_missing, finding_kind::auth_expired});
}
