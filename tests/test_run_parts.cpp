// A batch judged in parts (finish_part) and joined in one run (add_part): the findings, their
// order and the summary of one run over the whole batch.

#include "support/builders.hpp"
#include "support/scratch_ledger.hpp"

#include <authmatch/error.hpp>
#include <authmatch/output.hpp>

#include <fmt/format.h>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

constexpr int claim_count = 9000;

/// Claim i: line 1 has no authorization on file; line 2 uses A1 (3 units, or 1). Some claims
/// replace or void a claim thousands of claims earlier, so in another part; every 1000th is
/// followed by an unreadable one.
std::vector<line_spec> claim(int i) {
  static const line_spec defaults;  // copied: GCC 12 at -O3 misreads the inlined constructor
  line_spec missing = defaults;
  missing.claim_id = fmt::format("C{:05}", i);
  missing.code = "99213";
  missing.service_date = day("2026-01-01") + i / 100;
  if (i >= 3000 && i % 97 == 5) {
    missing.frequency = claim_frequency::replacement;
    missing.original_claim_id = fmt::format("C{:05}", i - 2500);
  } else if (i >= 6000 && i % 89 == 3) {
    missing.frequency = claim_frequency::void_claim;
    missing.original_claim_id = fmt::format("C{:05}", i - 5000);
  }
  line_spec uses = missing;
  uses.line = 2;
  uses.code = "97110";
  uses.auth_number = "A1";
  uses.units = decimal::from_integer(i % 7 == 0 ? 3 : 1);
  return {missing, uses};
}

/// A1 runs out part of the way through the batch.
authorization_index index_for_claims() {
  auto a = make_auth();
  a.effective_date = day("2026-01-01");
  a.expiration_date = day("2026-12-31");
  a.units = decimal::from_integer(9000);
  return index_of({a});
}

/// Feeds claims [from, to) into a run.
void feed(validation_run& run, int from, int to) {
  for (int i = from; i < to; ++i) {
    const auto specs = claim(i);
    const std::vector<claim_line> lines = {specs[0].view(), specs[1].view()};
    run.add_claim(lines);
    if (i % 1000 == 999) {
      finding unreadable;
      unreadable.kind = finding_kind::claim_unreadable;
      unreadable.level = severity::error;
      unreadable.claim_id = fmt::format("BAD{}", i);
      unreadable.message = "unreadable";
      run.reject_claim(std::move(unreadable));
    }
  }
}

struct outcome {
  std::vector<std::string> findings;  ///< as JSON Lines
  std::string summary;
};

outcome outcome_of(collected_run& run) {
  outcome out;
  for (const auto& f : run.finish()) out.findings.push_back(to_json(f));
  out.summary = to_json(run.summary, false);
  return out;
}

/// The batch judged in `parts` parts of about equal size, each in a run of its own on
/// `threads` threads, joined in order by one run.
outcome joined(const validator& checker, int parts, unsigned threads,
               utilization_ledger* ledger = nullptr) {
  std::vector<std::string> bytes;
  for (int p = 0; p < parts; ++p) {
    validation_run part(checker, [](finding&) { FAIL("a part hands out no finding"); },
                        {nullptr, threads});
    feed(part, claim_count * p / parts, claim_count * (p + 1) / parts);
    bytes.push_back(std::move(part).finish_part());
  }
  collected_run whole(checker, {ledger, threads});
  for (const auto& part : bytes) whole.run.add_part(part);
  return outcome_of(whole);
}

outcome single(const validator& checker, utilization_ledger* ledger = nullptr) {
  collected_run run(checker, {ledger, 1});
  feed(run.run, 0, claim_count);
  return outcome_of(run);
}

}  // namespace

TEST_CASE("Parts joined in order give the findings and summary of one run", "[runs][parts]") {
  const auto index = index_for_claims();
  const validator checker(index);  // warnings on: units_low too
  const auto expected = single(checker);
  REQUIRE(expected.findings.size() > 2 * 4096);  // some parked in the spool on the way
  for (const int parts : {1, 2, 3, 7}) {
    for (const unsigned threads : {1U, 2U}) {
      CAPTURE(parts, threads);
      const auto found = joined(checker, parts, threads);
      CHECK(found.findings == expected.findings);
      CHECK(found.summary == expected.summary);
    }
  }
}

TEST_CASE("Claims added before and after a part keep their places", "[runs][parts]") {
  const auto index = index_for_claims();
  const validator checker(index);
  const auto expected = single(checker);

  validation_run middle(checker, [](finding&) {});
  feed(middle, 3000, 6000);
  const auto part = std::move(middle).finish_part();
  collected_run whole(checker);
  feed(whole.run, 0, 3000);
  whole.run.add_part(part);
  feed(whole.run, 6000, claim_count);
  const auto found = outcome_of(whole);
  CHECK(found.findings == expected.findings);
  CHECK(found.summary == expected.summary);
}

TEST_CASE("Parts joined by a run with a ledger record what one run records", "[runs][parts]") {
  const auto index = index_for_claims();
  const validator checker(index);
  const scratch_ledger one_file, parts_file;
  auto one_ledger = one_file.open();
  auto parts_ledger = parts_file.open();
  const auto expected = single(checker, &one_ledger);
  const auto found = joined(checker, 3, 1, &parts_ledger);
  CHECK(found.findings == expected.findings);
  CHECK(to_csv(one_ledger.rows()) == to_csv(parts_ledger.rows()));
}

TEST_CASE("A part cut short, of other bytes or of other authorizations is refused",
          "[runs][parts]") {
  const auto index = index_for_claims();
  const validator checker(index);
  validation_run run(checker, [](finding&) {});
  feed(run, 0, 50);
  const auto part = std::move(run).finish_part();

  const auto refused = [&checker](std::string_view bytes) {
    validation_run whole(checker, [](finding&) {});
    whole.add_part(bytes);
  };
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{10}, part.size() / 2, part.size() - 1}) {
    CAPTURE(size);
    CHECK_THROWS_AS(refused(std::string_view(part).substr(0, size)), input_error);
  }
  CHECK_THROWS_WITH(refused("PK\x03\x04 not a part at all"), Catch::Contains("not a part"));
  CHECK_THROWS_WITH(refused(part + "x"), Catch::Contains("damaged"));

  auto other = make_auth("B1");
  const auto bigger = index_of({make_auth(), other});
  const validator other_checker(bigger);
  validation_run whole(other_checker, [](finding&) {});
  CHECK_THROWS_WITH(whole.add_part(part), Catch::Contains("1 authorization rows, this run has 2"));
}

TEST_CASE("A run that writes text makes no part", "[runs][parts]") {
  const auto index = index_for_claims();
  const validator checker(index);
  validation_run run(checker,
                     text_output{[](const finding&, std::string&) {}, [](std::string_view) {}});
  CHECK_THROWS_AS(std::move(run).finish_part(), std::logic_error);
}

TEST_CASE("Parts joined by a run that writes text give the text of one run", "[runs][parts]") {
  const auto index = index_for_claims();
  const validator checker(index);
  std::string expected;
  for (const auto& json : single(checker).findings) expected += json + "\n";

  std::vector<std::string> parts;
  for (const auto& [from, to] : {std::pair(0, 4000), std::pair(4000, claim_count)}) {
    validation_run part(checker, [](finding&) {});
    feed(part, from, to);
    parts.push_back(std::move(part).finish_part());
  }
  std::string written;
  validation_run whole(
      checker, text_output{[](const finding& f, std::string& text) { text += to_json(f) + "\n"; },
                           [&written](std::string_view text) { written += text; }});
  for (const auto& part : parts) whole.add_part(part);
  std::move(whole).finish();
  CHECK(written == expected);
}
