// The utilization ledger: usage that holds across runs.

#include "ledger/ledger_run.hpp"
#include "support/builders.hpp"
#include "support/scratch_ledger.hpp"

#include <authmatch/ledger.hpp>

#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace authmatch;
using namespace authmatch::test;

namespace {

line_spec claim(std::string_view id, std::string_view units, std::string_view iso = "2026-03-02",
                claim_frequency frequency = claim_frequency::original,
                std::string_view original = "") {
  line_spec line;
  line.claim_id = id;
  line.auth_number = "A1";
  line.units = qty(units);
  line.service_date = day(iso);
  line.frequency = frequency;
  line.original_claim_id = original;
  return line;
}

struct fixture {
  authorization_index index = index_of({make_auth()});  // A1: 10 units, 0 used
  validator checker{index, nullptr, denials_only};
  scratch_ledger file;

  std::vector<finding> run(const std::vector<line_spec>& lines) {
    auto ledger = file.open();
    return check_run(checker, lines, &ledger);
  }
  decimal remaining(std::string_view number = "A1") const {
    const auto rows = utilization_ledger::open(file.path()).rows(number);
    REQUIRE(rows.size() == 1);
    return rows.front().remaining().value();
  }
};

bool exceeded(const std::vector<finding>& findings) {
  return !only(findings, finding_kind::units_exceeded).empty();
}

}  // namespace

TEST_CASE("A run with a ledger records what each row used", "[ledger]") {
  fixture f;
  f.run({claim("C1", "3"), claim("C2", "2")});
  const auto rows = utilization_ledger::open(f.file.path()).rows();
  REQUIRE(rows.size() == 1);
  CHECK(rows.front().auth.auth_number == "A1");
  CHECK(rows.front().auth.code == "97110");
  CHECK(rows.front().used_recorded == qty("5"));
  CHECK(rows.front().claims == 2);
  CHECK(rows.front().remaining() == qty("5"));
}

TEST_CASE("The next run starts from what earlier runs recorded", "[ledger]") {
  fixture f;
  f.run({claim("C1", "8")});
  CHECK(exceeded(f.run({claim("C2", "3", "2026-04-01")})));
}

TEST_CASE("Validating the same batch twice leaves the remaining units unchanged", "[ledger]") {
  fixture f;
  const std::vector batch = {claim("C1", "3"), claim("C2", "4", "2026-03-09")};
  const auto first = f.run(batch);
  const auto remaining = f.remaining();
  const auto second = f.run(batch);
  CHECK(f.remaining() == remaining);
  CHECK(remaining == qty("3"));
  CHECK(kinds_of(second) == kinds_of(first));
}

TEST_CASE("A claim sent again in a later run replaces what it recorded", "[ledger]") {
  fixture f;
  f.run({claim("C1", "3"), claim("C2", "4")});
  f.run({claim("C2", "1")});
  CHECK(f.remaining() == qty("6"));
}

TEST_CASE("A replacement in a later run takes over its original's usage", "[ledger]") {
  fixture f;
  f.run({claim("C1", "8")});
  f.run({claim("R1", "3", "2026-03-02", claim_frequency::replacement, "C1")});
  CHECK(f.remaining() == qty("7"));
}

TEST_CASE("A void in a later run releases its original's usage", "[ledger]") {
  fixture f;
  f.run({claim("C1", "8"), claim("C2", "1")});
  const auto findings = f.run({claim("V1", "8", "2026-03-02", claim_frequency::void_claim, "C1")});
  CHECK(f.remaining() == qty("9"));
  const auto voided = only(findings, finding_kind::claim_voided);
  REQUIRE(voided.size() == 1);
  CHECK(contains(voided.front().message, "(8 units recorded earlier released)"));
}

TEST_CASE("An original sent after its void stays voided", "[ledger]") {
  fixture f;
  f.run({claim("V1", "8", "2026-03-02", claim_frequency::void_claim, "C1")});
  const auto findings = f.run({claim("C1", "8")});
  const auto voided = only(findings, finding_kind::claim_voided);
  REQUIRE(voided.size() == 1);
  CHECK(voided.front().claim_id == "C1");
  CHECK(contains(voided.front().message, "(recorded earlier)"));
  CHECK(utilization_ledger::open(f.file.path()).rows().empty());
}

TEST_CASE("An original sent after its replacement does not count again", "[ledger]") {
  fixture f;
  f.run({claim("C1", "8")});
  f.run({claim("R1", "3", "2026-03-02", claim_frequency::replacement, "C1")});
  f.run({claim("C1", "8")});
  CHECK(f.remaining() == qty("7"));
}

TEST_CASE("Replacement and void give the same usage in any order of runs", "[ledger]") {
  const auto o = claim("C1", "6");
  const auto r = claim("R1", "4", "2026-03-02", claim_frequency::replacement, "C1");
  const auto v = claim("V1", "4", "2026-03-02", claim_frequency::void_claim, "R1");
  const auto other = claim("C9", "1", "2026-05-01");
  const std::vector<std::vector<line_spec>> orders[] = {
      {{o}, {r}, {v}, {other}}, {{v}, {r}, {o}, {other}}, {{r}, {o, other}, {v}},
      {{other, v}, {o}, {r}},   {{o, r, v, other}},
  };
  for (const auto& runs : orders) {
    fixture f;
    for (const auto& batch : runs) f.run(batch);
    CHECK(f.remaining() == qty("9"));
  }
}

TEST_CASE("Visits recorded by earlier runs count once across runs", "[ledger][visits]") {
  auto auth = make_auth();
  auth.unit_type = unit_type::visits;
  auth.units = decimal::from_integer(2);
  const auto index = index_of({auth});
  const validator checker(index, nullptr, denials_only);
  scratch_ledger file;
  auto ledger = file.open();
  check_run(checker, {claim("C1", "4", "2026-03-02")}, &ledger);
  check_run(checker, {claim("C2", "4", "2026-03-02")}, &ledger);  // same day: same visit
  CHECK_FALSE(exceeded(check_run(checker, {claim("C3", "1", "2026-03-03")}, &ledger)));
  CHECK(exceeded(check_run(checker, {claim("C4", "1", "2026-03-04")}, &ledger)));
  const auto rows = ledger.rows();
  REQUIRE(rows.size() == 1);
  CHECK(rows.front().used_recorded == qty("2"));
}

TEST_CASE("A run's transaction dropped without commit leaves the ledger as it was", "[ledger]") {
  fixture f;
  f.run({claim("C1", "3")});
  auto ledger = f.file.open();
  const std::string ids[] = {"C1", "C2"};
  {
    detail::ledger_run recording(ledger, ids);  // a failure while settling: never committed
  }
  CHECK(f.remaining() == qty("7"));
}

TEST_CASE("A reader sees the ledger as it was while a run writes", "[ledger][concurrency]") {
  fixture f;
  f.run({claim("C1", "3")});
  auto writer = f.file.open();
  const auto reader =
      utilization_ledger::open(f.file.path(), utilization_ledger::open_mode::read_only);
  const std::string ids[] = {"C2"};
  detail::ledger_run recording(writer, ids);
  // The write transaction is open: a reader neither blocks nor sees half a run.
  const auto rows = reader.rows();
  REQUIRE(rows.size() == 1);
  CHECK(rows.front().used_recorded == qty("3"));
  CHECK(recording.prior().units.at({"A1", "97110", day("2026-01-01")}) == qty("3"));
  detail::ledger_batch batch;
  batch.claims.push_back({"C2", claim_frequency::original, "", "C2"});
  batch.usage.push_back({"C2", 1, "A1", "97110", day("2026-01-01"), day("2026-03-02"), qty("4")});
  batch.rows.push_back(make_auth());
  recording.commit(batch);
  CHECK(reader.rows().front().used_recorded == qty("7"));
}

TEST_CASE("Opening a missing ledger read-only is an error naming the file", "[ledger]") {
  scratch_ledger file;
  try {
    utilization_ledger::open(file.path(), utilization_ledger::open_mode::read_only);
    FAIL("no error");
  } catch (const ledger_error& e) {
    CHECK(contains(e.what(), file.path().string()));
  }
}

TEST_CASE("A file that is not a ledger is an error", "[ledger]") {
  scratch_ledger file;
  {
    std::FILE* out = std::fopen(file.path().c_str(), "wb");
    REQUIRE(out);
    std::fputs("claim_id,line\nC1,1\n", out);
    std::fclose(out);
  }
  CHECK_THROWS_AS(file.open(), ledger_error);
}

TEST_CASE("Ledger rows export as CSV with what was used to date", "[ledger][output]") {
  fixture f;
  f.run({claim("C1", "3")});
  const auto csv = to_csv(utilization_ledger::open(f.file.path()).rows());
  CHECK(csv ==
        "auth_number,status,payer_id,member_id,code,unit_type,approved,units_used,ledger_used,"
        "used_to_date,remaining,effective_date,expiration_date\r\n"
        "A1,approved,P1,M1,97110,units,10,0,3,3,7,2026-01-01,2026-12-31\r\n");
}
