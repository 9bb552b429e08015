// Settlement by partition: on several threads, and with the usage past the memory budget waiting
// in a temporary file, a run settles as one thread holding everything in memory does.

#include "support/builders.hpp"
#include "support/scratch_ledger.hpp"

#include "run/units_store.hpp"
#include "run/usage_codec.hpp"
#include "run/usage_store.hpp"

#include <authmatch/output.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

constexpr int authorization_count = 300;
constexpr int claim_count = 4000;

std::string member_of(int number) { return fmt::format("M{:03}", number % 100); }

/// A000..A299: 8 units of 97110 (every fourth: 5 visits), for member M(n mod 100) of P1 (odd
/// members: P2); each member of P1 has a referral for 4 visits too.
authorization_index many_authorizations() {
  std::vector<authorization> auths;
  for (int n = 0; n < authorization_count; ++n) {
    auto a = make_auth(fmt::format("A{:03}", n));
    a.member_id = member_of(n);
    a.payer_id = n % 2 == 0 ? "P1" : "P2";
    if (n % 4 == 0) {
      a.unit_type = unit_type::visits;
      a.units = decimal::from_integer(5);
    } else {
      a.units = decimal::from_integer(8);
    }
    auths.push_back(std::move(a));
  }
  for (int m = 0; m < 100; m += 2) {
    auto r = make_auth(fmt::format("R{:03}", m), "*");
    r.type = auth_type::referral;
    r.member_id = member_of(m);
    r.units = decimal::from_integer(4);
    r.unit_type = unit_type::visits;
    auths.push_back(std::move(r));
  }
  return index_of(std::move(auths));
}

/// Claim i: a line on authorization A(i*7 mod 300), its dates out of input order, 1 to 3 units
/// (every third claim: a second line the same day); P1's lines carry the member's referral.
/// Every 50th claim replaces an earlier one, every 170th voids one and every 97th sends an
/// earlier claim's ID again, so some claims do not count.
std::vector<line_spec> claim(int i) {
  const int n = (i * 7) % authorization_count;
  line_spec line;
  line.claim_id = fmt::format("C{:05}", i % 97 == 96 ? i - 5 : i);
  line.member_id = member_of(n);
  line.payer_id = n % 2 == 0 ? "P1" : "P2";
  line.auth_number = fmt::format("A{:03}", n);
  if (n % 2 == 0) line.referral_number = fmt::format("R{:03}", n % 100);
  line.service_date = day("2026-01-05") + (i * 37 + i / 7) % 300;
  line.units = decimal::from_integer(1 + i % 3);
  line.charge = decimal::from_integer(100 + i % 9);
  if (i % 50 == 49) {
    line.frequency = claim_frequency::replacement;
    line.original_claim_id = fmt::format("C{:05}", i - 40);
  } else if (i % 170 == 169) {
    line.frequency = claim_frequency::void_claim;
    line.original_claim_id = fmt::format("C{:05}", i - 100);
  }
  if (i % 3 != 0) return {line};
  line_spec second = line;
  second.line = 2;
  second.units = decimal::from_integer(1);
  return {line, second};
}

/// Every code needs an authorization; P1's a referral too.
auth_rules referral_rules() {
  auth_rules rules;
  rules.add("*", "*", true);
  rules.add("P1", "*", true, true);
  return rules;
}

struct outcome {
  std::vector<std::string> findings;  ///< as JSON
  std::string summary;
};

/// Adds claims first .. first + count - 1 to `run`.
void feed(validation_run& run, int first = 0, int count = claim_count) {
  for (int i = first; i < first + count; ++i) {
    const auto specs = claim(i);
    std::vector<claim_line> lines;
    for (const auto& spec : specs) lines.push_back(spec.view());
    run.add_claim(lines);
  }
}

outcome run_with(const validator& checker, run_options options, int first = 0,
                 int count = claim_count) {
  collected_run run(checker, options);
  feed(run.run, first, count);
  outcome result;
  for (const auto& f : run.finish()) result.findings.push_back(to_json(f));
  result.summary = to_json(run.summary, false);
  return result;
}

std::size_t count_of(const outcome& o, std::string_view kind) {
  const auto key = fmt::format("\"kind\":\"{}\"", kind);
  return static_cast<std::size_t>(
      std::count_if(o.findings.begin(), o.findings.end(),
                    [&](const std::string& json) { return json.find(key) != std::string::npos; }));
}

/// The batch's authorizations, rules and validator.
struct settlement_batch {
  authorization_index index = many_authorizations();
  auth_rules rules = referral_rules();
  validator checker{index, &rules};
};

/// Budgets: everything in memory, and 100 records (the usage goes to the file many times over).
constexpr std::size_t all_in_memory = 0;
constexpr std::size_t hundred_records = 100 * sizeof(detail::run_usage);

}  // namespace

TEST_CASE("The batch of the settlement tests runs out of units and visits and referrals",
          "[settlement]") {
  const settlement_batch batch;
  const auto& checker = batch.checker;
  const auto one = run_with(checker, {nullptr, 1, all_in_memory});
  // The comparisons below mean something only if settlement finds every kind it can.
  CHECK(count_of(one, "units_exceeded") > 100);
  CHECK(count_of(one, "units_low") > 100);
  CHECK(count_of(one, "referral_exceeded") > 100);
  CHECK(count_of(one, "claim_replaced") > 10);
  CHECK(count_of(one, "claim_voided") > 10);
}

TEST_CASE("Settling on several threads gives the findings and summary of one thread",
          "[settlement][threads]") {
  const settlement_batch batch;
  const auto& checker = batch.checker;
  const auto one = run_with(checker, {nullptr, 1, all_in_memory});
  for (const unsigned threads : {2U, 3U, 8U}) {
    CAPTURE(threads);
    const auto several = run_with(checker, {nullptr, threads, all_in_memory});
    CHECK(several.findings == one.findings);
    CHECK(several.summary == one.summary);
  }
}

TEST_CASE("Usage past the memory budget settles as usage held in memory", "[settlement][memory]") {
  const settlement_batch batch;
  const auto& checker = batch.checker;
  const auto in_memory = run_with(checker, {nullptr, 1, all_in_memory});
  for (const unsigned threads : {1U, 3U}) {
    CAPTURE(threads);
    const auto parked = run_with(checker, {nullptr, threads, hundred_records});
    CHECK(parked.findings == in_memory.findings);
    CHECK(parked.summary == in_memory.summary);
  }
}

TEST_CASE("A ledger records the same usage whatever the threads and the memory budget",
          "[settlement][ledger]") {
  const settlement_batch batch;
  const auto& checker = batch.checker;
  std::optional<std::string> expected_rows;
  std::optional<outcome> expected_second;
  for (const auto& [threads, budget] : {std::pair(1U, all_in_memory), std::pair(3U, all_in_memory),
                                        std::pair(2U, hundred_records)}) {
    CAPTURE(threads, budget);
    scratch_ledger file;
    auto ledger = file.open();
    // The first half, recorded; then the second half (which corrects some of the first's claims)
    // starts from it.
    run_with(checker, {&ledger, threads, budget}, 0, claim_count / 2);
    const auto second =
        run_with(checker, {&ledger, threads, budget}, claim_count / 2 - 200, claim_count / 2 + 200);
    const auto rows = to_csv(ledger.rows());
    if (!expected_rows) {
      expected_rows = rows;
      expected_second = second;
      REQUIRE(count_of(second, "units_exceeded") > 0);
      continue;
    }
    CHECK(rows == *expected_rows);
    CHECK(second.findings == expected_second->findings);
    CHECK(second.summary == expected_second->summary);
  }
}

TEST_CASE("A part of a run whose usage waits on disk is the part of one held in memory",
          "[settlement][memory][parts]") {
  const settlement_batch batch;
  const auto& checker = batch.checker;
  const auto part_with = [&](std::size_t budget) {
    validation_run run(checker, [](finding&) {}, {nullptr, 1, budget});
    feed(run);
    return std::move(run).finish_part();
  };
  const auto in_memory = part_with(all_in_memory);
  CHECK(part_with(hundred_records) == in_memory);

  // Joined, the part settles as the run it came from.
  collected_run joined(checker, {nullptr, 2, hundred_records});
  joined.run.add_part(in_memory, "part");
  std::vector<std::string> findings;
  for (const auto& f : joined.finish()) findings.push_back(to_json(f));
  CHECK(findings == run_with(checker, {nullptr, 1, all_in_memory}).findings);
}

/// One-line claims of one unit each on A1, of `units` units: the claim IDs whose lines exceed
/// them, and the claim IDs in the order the units should go to them (by day, then claim ID).
struct one_authorization_run {
  std::set<std::string> exceeded;
  std::vector<std::string> in_date_order;
};

one_authorization_run run_on_one_authorization(int units, int line_count,
                                               const std::function<line_spec(int)>& line_of) {
  auto a = make_auth("A1");
  a.units = decimal::from_integer(units);
  const auto index = index_of({a});
  const validator checker(index);
  collected_run run(checker);
  std::vector<std::pair<date, std::string>> settled;
  for (int i = 0; i < line_count; ++i) {
    auto line = line_of(i);
    line.auth_number = "A1";
    settled.emplace_back(line.service_date, line.claim_id);
    const std::vector<claim_line> lines = {line.view()};
    run.run.add_claim(lines);
  }
  one_authorization_run result;
  for (const auto& f : run.finish()) {
    if (f.kind == finding_kind::units_exceeded) result.exceeded.insert(f.claim_id);
  }
  std::sort(settled.begin(), settled.end());
  for (auto& [service_date, id] : settled) result.in_date_order.push_back(std::move(id));
  return result;
}

TEST_CASE("Thousands of lines of one authorization use its units by day then claim ID",
          "[settlement]") {
  // 3,000 one-unit lines on A1 (2,050 units: they run out halfway through a day) over 30 days,
  // their claim IDs in an order unrelated to their text: within a day, the input order is not
  // the order the units are used in.
  const auto found = run_on_one_authorization(2050, 3000, [](int i) {
    line_spec line;
    line.claim_id = fmt::format("C{:05}", (i * 7919) % 3000);
    line.service_date = day("2026-03-01") + (i * 13) % 30;
    return line;
  });
  const auto& ids = found.in_date_order;
  CHECK(found.exceeded == std::set<std::string>(ids.begin() + 2050, ids.end()));
}

TEST_CASE("Long claim IDs of one day are ordered by their text when the claims wait on disk",
          "[settlement][memory]") {
  // 30,000 one-unit lines on A1 (15,000 units), all on one day: their claim IDs share their
  // first 16 bytes, and past them come in an order unrelated to the input's. The claims fill the
  // run's claim file past what it holds in memory.
  const auto found = run_on_one_authorization(15000, 30000, [](int i) {
    line_spec line;
    line.claim_id = fmt::format("CLAIM-2026-03-01-PRACTICE-{}", (i * 7919) % 30000);
    line.service_date = day("2026-03-01");
    return line;
  });
  const auto& ids = found.in_date_order;
  CHECK(found.exceeded == std::set<std::string>(ids.begin() + 15000, ids.end()));
}

TEST_CASE("Replacements are found the same when claim IDs take several passes to compare",
          "[settlement][memory]") {
  // 70,000 claims: a budget of a byte compares their IDs' hashes 65,536 at a time.
  const settlement_batch batch;
  constexpr int many_claims = 70000;
  const auto in_passes = run_with(batch.checker, {nullptr, 1, 1}, 0, many_claims);
  const auto at_once = run_with(batch.checker, {nullptr, 1, all_in_memory}, 0, many_claims);
  CHECK(count_of(at_once, "claim_replaced") > 1000);
  CHECK(count_of(at_once, "claim_voided") > 300);
  CHECK(in_passes.findings == at_once.findings);
  CHECK(in_passes.summary == at_once.summary);
}

TEST_CASE("Replacements are found the same when threads read shares of the claims",
          "[settlement][threads]") {
  // 70,000 claims on 3 threads, each reading a third of the claim file: at once, and in the
  // passes a budget of a byte takes.
  const settlement_batch batch;
  constexpr int many_claims = 70000;
  const auto one_thread = run_with(batch.checker, {nullptr, 1, all_in_memory}, 0, many_claims);
  REQUIRE(count_of(one_thread, "claim_replaced") > 1000);
  for (const std::size_t budget : {all_in_memory, std::size_t{1}}) {
    const auto shared = run_with(batch.checker, {nullptr, 3, budget}, 0, many_claims);
    CAPTURE(budget);
    CHECK(shared.findings == one_thread.findings);
    CHECK(shared.summary == one_thread.summary);
  }
}

TEST_CASE("The usage store gives each partition's records back in the order they came",
          "[settlement][memory]") {
  detail::usage_store store(10 * sizeof(detail::run_usage));
  for (std::uint32_t i = 0; i < 1000; ++i) {
    detail::run_usage use;
    use.line = i;
    store.add(use, i % 97);
  }
  CHECK(store.spilled());
  CHECK(store.size() == 1000);
  std::size_t read = 0;
  for (unsigned p = 0; p < detail::usage_store::partitions; ++p) {
    std::vector<detail::run_usage> records;
    store.read(p, records);
    read += records.size();
    for (std::size_t i = 0; i < records.size(); ++i) {
      CHECK(records[i].partition == p);
      CHECK(detail::usage_store::partition_of(records[i].line % 97) == p);
      CHECK(records[i].ordinal == records[i].line);
      if (i > 0) CHECK(records[i - 1].ordinal < records[i].ordinal);
    }
  }
  CHECK(read == 1000);
  const auto every = store.all();
  REQUIRE(every.size() == 1000);
  for (std::uint32_t i = 0; i < 1000; ++i) CHECK(every[i].line == i);
}

namespace {

/// Usage records with values of every size: extremes, unset dates, no code, steps back.
std::vector<detail::run_usage> varied_usage(std::size_t count) {
  std::vector<detail::run_usage> records(count);
  std::uint64_t state = 12345;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state;
  };
  for (std::size_t i = 0; i < count; ++i) {
    auto& use = records[i];
    const auto r = next();
    use.row = static_cast<std::uint32_t>(r >> 40);
    use.first_day = i % 7 == 0 ? date() : date::from_days_since_epoch(static_cast<std::int32_t>(r));
    use.last_day = i % 5 == 0 ? date() : date(2026, 1, 1) + static_cast<std::int32_t>(r % 400);
    use.line = i % 11 == 0 ? ~std::uint32_t{0} : static_cast<std::uint32_t>(i % 50);
    use.claim = static_cast<std::uint32_t>(i / 2 + (i % 9 == 0 ? 1000000 : 0));
    use.code = i % 3 == 0 ? detail::run_usage::no_code : static_cast<std::uint32_t>(r % 5);
    use.at_risk = (r & 1) != 0;
    use.paired = (r & 2) != 0;
    use.sequence = i % 13 == 0 ? ~std::uint64_t{0} : i * 3;
    use.source_position = i % 17 == 0 ? 0 : next();
    use.units = decimal::from_thousandths(static_cast<std::int64_t>(next()));
    use.charge =
        decimal::from_thousandths(i % 4 == 0 ? -150000 : 150000 + static_cast<std::int64_t>(i));
  }
  return records;
}

void check_same(const detail::run_usage& got, const detail::run_usage& expected) {
  CHECK(got.row == expected.row);
  CHECK(got.first_day == expected.first_day);
  CHECK(got.last_day == expected.last_day);
  CHECK(got.line == expected.line);
  CHECK(got.claim == expected.claim);
  CHECK(got.code == expected.code);
  CHECK(got.at_risk == expected.at_risk);
  CHECK(got.paired == expected.paired);
  CHECK(got.partition == expected.partition);
  CHECK(got.ordinal == expected.ordinal);
  CHECK(got.sequence == expected.sequence);
  CHECK(got.source_position == expected.source_position);
  CHECK(got.units == expected.units);
  CHECK(got.charge == expected.charge);
}

}  // namespace

TEST_CASE("Usage records spilled to the temporary file come back with every value",
          "[settlement][memory]") {
  auto records = varied_usage(5000);
  detail::usage_store store(10 * detail::usage_store::partitions * sizeof(detail::run_usage));
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto number = static_cast<std::uint32_t>(i * 7919);
    store.add(records[i], number);
    records[i].partition = static_cast<std::uint8_t>(detail::usage_store::partition_of(number));
    records[i].ordinal = static_cast<std::uint32_t>(i);
  }
  REQUIRE(store.spilled());
  const auto every = store.all();
  REQUIRE(every.size() == records.size());
  for (std::size_t i = 0; i < records.size(); ++i) check_same(every[i], records[i]);
}

TEST_CASE("A busy partition's usage written in several blocks comes back whole",
          "[settlement][memory]") {
  // 30,000 records of one number, packed in about 50 bytes each: a spill of a 256 KiB budget
  // writes them in several blocks.
  auto records = varied_usage(30000);
  detail::usage_store store(std::size_t{256} * 1024);
  const auto partition = static_cast<std::uint8_t>(detail::usage_store::partition_of(7));
  for (std::size_t i = 0; i < records.size(); ++i) {
    store.add(records[i], 7);
    records[i].partition = partition;
    records[i].ordinal = static_cast<std::uint32_t>(i);
  }
  REQUIRE(store.spilled());
  std::vector<detail::run_usage> read;
  store.read(partition, read);
  REQUIRE(read.size() == records.size());
  for (std::size_t i = 0; i < records.size(); ++i) check_same(read[i], records[i]);
}

TEST_CASE("Packed usage records come back in any order", "[settlement][memory]") {
  auto records = varied_usage(300);
  for (std::size_t i = 0; i < records.size(); ++i) {
    records[i].ordinal = static_cast<std::uint32_t>((i * 7) % 300);  // steps back and forth
    records[i].partition = static_cast<std::uint8_t>(255 - i % 3);
  }
  std::string packed;
  detail::pack_usage(records, packed);
  std::vector<detail::run_usage> unpacked;
  detail::unpack_usage(packed, records.size(), unpacked, "usage");
  REQUIRE(unpacked.size() == records.size());
  for (std::size_t i = 0; i < records.size(); ++i) check_same(unpacked[i], records[i]);
}

TEST_CASE("Packed usage that ends too soon or runs on is an error", "[settlement][memory]") {
  const auto records = varied_usage(10);
  std::string packed;
  detail::pack_usage(records, packed);
  std::vector<detail::run_usage> unpacked;
  CHECK_THROWS_AS(detail::unpack_usage(std::string_view(packed).substr(0, packed.size() - 1),
                                       records.size(), unpacked, "usage"),
                  input_error);
  CHECK_THROWS_AS(detail::unpack_usage(packed + '\0', records.size(), unpacked, "usage"),
                  input_error);
  CHECK_THROWS_AS(detail::unpack_usage(packed, records.size() + 1, unpacked, "usage"), input_error);
  // A tenth byte with more than the 64th bit.
  std::string too_long(9, '\x80');
  too_long += '\x02';
  CHECK_THROWS_AS(detail::unpack_usage(too_long, 1, unpacked, "usage"), input_error);
}

TEST_CASE("The usage store holds no more room for records than its budget",
          "[settlement][memory]") {
  constexpr std::size_t budget = 10 * detail::usage_store::partitions * sizeof(detail::run_usage);
  detail::usage_store store(budget);
  for (std::uint32_t i = 0; i < 100000; ++i) store.add({}, i);
  CHECK(store.spilled());
  CHECK(store.room() > budget / 2);
  CHECK(store.room() <= budget);
}

TEST_CASE("The usage store lets one busy partition use the whole budget before it spills",
          "[settlement][memory]") {
  constexpr std::size_t budget = std::size_t{256} * 1024;
  detail::usage_store store(budget);
  std::uint32_t added = 0;
  for (; !store.spilled(); ++added) store.add({}, 7);
  // A default record packs into 29 bytes: the partition's chunks took most of the budget.
  CHECK(added * std::size_t{29} > budget * 9 / 10);
  CHECK(store.room() <= budget);
  for (std::uint32_t i = 0; i < 100; ++i, ++added) store.add({}, 7);
  std::vector<detail::run_usage> records;
  store.read(detail::usage_store::partition_of(7), records);
  REQUIRE(records.size() == added);
  for (std::uint32_t i = 0; i < added; ++i) CHECK(records[i].ordinal == i);
}

TEST_CASE("The usage store holds a record in less than half of a run_usage's bytes",
          "[settlement][memory]") {
  // Records of a realistic run: each line's claim, sequence and position a little past the one
  // before, its dates near them.
  constexpr std::size_t budget = std::size_t{1} << 20;
  detail::usage_store store(budget);
  std::uint32_t added = 0;
  for (; !store.spilled(); ++added) {
    store.emplace(added % 500, [added](detail::run_usage& use) {
      use.row = added % 5000;
      use.claim = added / 2 * 120;
      use.sequence = added * 3;
      use.source_position = added * 25;
      use.first_day = use.last_day = date(2026, 3, 1) + static_cast<std::int32_t>(added / 1000);
      use.line = added % 2 + 1;
      use.payer = 3;
      use.units = decimal::from_integer(1);
      use.charge = decimal::from_thousandths(150000);
      use.set_claim_id(detail::claim_id_words::of("CLM" + std::to_string(added / 2)));
    });
  }
  CHECK(added > 2 * budget / sizeof(detail::run_usage));
}

TEST_CASE("The usage store gives back records held across many chunks and slabs in order",
          "[settlement][memory]") {
  // 300,000 records (about 29 bytes each, packed) without a budget: several 2 MiB slabs,
  // chunks of three partitions taken from them in turn.
  detail::usage_store store;
  for (std::uint32_t i = 0; i < 300000; ++i) {
    detail::run_usage use;
    use.line = i;
    store.add(use, i % 3);
  }
  REQUIRE_FALSE(store.spilled());
  // Numbers 0, 1 and 2 fall in three partitions.
  for (std::uint32_t number = 0; number < 3; ++number) {
    std::vector<detail::run_usage> records;
    store.read(detail::usage_store::partition_of(number), records);
    REQUIRE(records.size() == (300000 - number + 2) / 3);
    for (std::size_t i = 0; i < records.size(); ++i) CHECK(records[i].line == number + 3 * i);
  }
}

TEST_CASE("The usage store without a budget keeps every record in memory", "[settlement][memory]") {
  detail::usage_store store;
  for (std::uint32_t i = 0; i < 1000; ++i) store.add({}, i);
  CHECK_FALSE(store.spilled());
  store.clear();
  CHECK(store.size() == 0);
}

namespace {

/// Puts `count` units findings in `store`, their sequences dealt to the partitions in turn
/// (each partition's in order), and returns the sequences handed back in order.
std::vector<std::uint64_t> put_and_walk(detail::units_store& store, std::uint64_t count) {
  std::vector<std::vector<detail::units_finding>> found(detail::units_store::partitions);
  for (std::uint64_t sequence = 1; sequence <= count; ++sequence) {
    detail::units_finding f;
    f.use.sequence = sequence;
    f.kind = sequence % 3 == 0 ? finding_kind::units_low : finding_kind::units_exceeded;
    found[(sequence * 7) % found.size()].push_back(f);
  }
  for (std::size_t p = 0; p < found.size(); ++p) store.put(p, std::move(found[p]));
  std::vector<std::uint64_t> walked;
  detail::units_store::in_order in_order(store);
  for (const auto* next = in_order.peek(); next; in_order.pop(), next = in_order.peek()) {
    walked.push_back(next->use.sequence);
  }
  return walked;
}

std::vector<std::uint64_t> one_to(std::uint64_t count) {
  std::vector<std::uint64_t> all(count);
  for (std::uint64_t i = 0; i < count; ++i) all[i] = i + 1;
  return all;
}

}  // namespace

TEST_CASE("Units findings past the budget are read back from the file in order",
          "[settlement][memory]") {
  detail::units_store store(100 * sizeof(detail::units_finding));
  CHECK(put_and_walk(store, 200000) == one_to(200000));
  CHECK(store.spilled());
  CHECK(store.size() == 200000);
}

TEST_CASE("Units findings within the budget stay in memory", "[settlement][memory]") {
  detail::units_store store(std::size_t{64} << 20);
  CHECK(put_and_walk(store, 5000) == one_to(5000));
  CHECK_FALSE(store.spilled());
}

TEST_CASE("A cleared units store holds nothing and walks nothing", "[settlement][memory]") {
  detail::units_store store(1);
  put_and_walk(store, 1000);
  store.clear();
  CHECK(store.size() == 0);
  CHECK_FALSE(store.spilled());
  detail::units_store::in_order in_order(store);
  CHECK(in_order.peek() == nullptr);
}

TEST_CASE("Authorization numbers spread over every partition", "[settlement]") {
  std::set<unsigned> used;
  for (std::uint32_t number = 0; number < 1000; ++number) {
    used.insert(detail::usage_store::partition_of(number));
  }
  CHECK(used.size() == detail::usage_store::partitions);
}
