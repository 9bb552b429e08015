// Runs too large to hold their findings, and runs judged on several threads: the findings, their
// order and the summary are what a small run on one thread gives.

#include "support/builders.hpp"

#include <authmatch/output.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <type_traits>

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// More claims than a run holds findings for in memory.
constexpr int claim_count = 12000;
/// Every this many claims, one whose second line goes beyond what A1 has left.
constexpr int heavy_every = 7;

/// Claim i: line 1 has no authorization on file; line 2 uses A1 (5 units, or 1). Claims come in
/// date order, so A1's units run out at a claim known in advance.
std::vector<line_spec> claim(int i) {
  static const line_spec defaults;  // copied: GCC 12 at -O3 misreads the inlined constructor
  line_spec missing = defaults;
  missing.claim_id = fmt::format("C{:05}", i);
  missing.code = "99213";
  missing.service_date = day("2026-01-01") + i / 100;
  line_spec uses = missing;
  uses.line = 2;
  uses.code = "97110";
  uses.auth_number = "A1";
  uses.units = decimal::from_integer(i % heavy_every == 0 ? 5 : 1);
  return {missing, uses};
}

/// A1: what the claims use.
authorization for_claims() {
  auto a = make_auth();
  a.effective_date = day("2026-01-01");
  a.expiration_date = day("2026-12-31");
  a.units = decimal::from_integer(15000);
  return a;
}

authorization_index index_for_claims() { return index_of({for_claims()}); }

/// Feeds every claim into a run, with an unreadable claim after every 1000th; `after_claim(i)`
/// is called after claim i.
template <typename AfterClaim>
void feed(validation_run& run, AfterClaim&& after_claim) {
  for (int i = 0; i < claim_count; ++i) {
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
    after_claim(i);
  }
}

void feed(validation_run& run) {
  feed(run, [](int) {});
}

/// Feeds every claim into a run and finishes it.
void feed_and_finish(validation_run& run) {
  feed(run);
  std::move(run).finish();
}

std::vector<std::string> as_json(const std::vector<finding>& findings) {
  std::vector<std::string> lines;
  lines.reserve(findings.size());
  for (const auto& f : findings) lines.push_back(to_json(f));
  return lines;
}

/// Claim i of every thousand's 500th (before A1 runs out, up to claim 9000): sent again as a
/// replacement under its own ID, right after it.
bool replaced(int i) { return i % 1000 == 500 && i < 9000; }

/// Sends claim i again as a replacement.
void add_replacement(validation_run& run, int i) {
  auto specs = claim(i);
  for (auto& spec : specs) spec.frequency = claim_frequency::replacement;
  const std::vector<claim_line> lines = {specs[0].view(), specs[1].view()};
  run.add_claim(lines);
}

/// A run's output writing each finding as a line of JSON, appended to `written`.
text_output json_lines_into(std::string& written) {
  return {[](const finding& f, std::string& text) { text += to_json(f) + "\n"; },
          [&written](std::string_view text) { written += text; }};
}

/// The JSON Lines of a text run with `options` fed every claim; `after_claim(run, i)` is called
/// after claim i.
template <typename AfterClaim>
std::string text_of_run(const validator& checker, run_options options, AfterClaim&& after_claim) {
  std::string written;
  validation_run run(checker, json_lines_into(written), options);
  feed(run, [&](int i) { after_claim(run, i); });
  std::move(run).finish();
  return written;
}

}  // namespace

TEST_CASE("A run with more findings than it holds in memory hands them all out in input order",
          "[runs]") {
  const auto index = index_for_claims();
  const validator checker(index, nullptr, denials_only);
  collected_run run(checker);
  feed(run.run);
  const auto found = run.finish();

  // Units used before claim i: 5 for each heavy claim, 1 for the others; 15000 run out first at
  // the claim whose line needs more than what is left.
  std::vector<std::string> expected;
  decimal used;
  for (int i = 0; i < claim_count; ++i) {
    const auto id = fmt::format("C{:05}", i);
    expected.push_back(id + ":1:auth_missing");
    const auto units = decimal::from_integer(i % heavy_every == 0 ? 5 : 1);
    if (used + units > decimal::from_integer(15000)) expected.push_back(id + ":2:units_exceeded");
    used += std::min(units, decimal::from_integer(15000) - used);
    if (i % 1000 == 999) expected.push_back(fmt::format("BAD{}:0:claim_unreadable", i));
  }
  std::vector<std::string> actual;
  for (const auto& f : found)
    actual.push_back(fmt::format("{}:{}:{}", f.claim_id, f.line, to_string(f.kind)));
  CHECK(actual == expected);
  CHECK(run.summary.findings(finding_kind::auth_missing) == claim_count);
  CHECK(run.summary.claims_read == claim_count + claim_count / 1000);
}

TEST_CASE("Replacements among many claims are reported in input order beside the units findings",
          "[runs]") {
  // Claim i of every thousand's 500th (before A1 runs out) is sent again as a replacement under
  // its own ID, right after it: the replacement says so at its place, before its lines' findings
  // (the original, an earlier copy of the same ID, says nothing).
  const auto index = index_for_claims();
  const validator checker(index, nullptr, denials_only);
  const auto findings_with = [&](run_options options) {
    collected_run run(checker, options);
    feed(run.run, [&](int i) {
      if (replaced(i)) add_replacement(run.run, i);
    });
    std::vector<std::string> found;
    for (const auto& f : run.finish()) {
      found.push_back(fmt::format("{}:{}:{}", f.claim_id, f.line, to_string(f.kind)));
    }
    return found;
  };

  std::vector<std::string> expected;
  decimal used;
  for (int i = 0; i < claim_count; ++i) {
    const auto id = fmt::format("C{:05}", i);
    for (int copy = 0; copy < (replaced(i) ? 2 : 1); ++copy) {
      if (copy == 1) expected.push_back(id + ":0:claim_replaced");
      expected.push_back(id + ":1:auth_missing");
    }
    const auto units = decimal::from_integer(i % heavy_every == 0 ? 5 : 1);
    if (used + units > decimal::from_integer(15000)) expected.push_back(id + ":2:units_exceeded");
    used += std::min(units, decimal::from_integer(15000) - used);
    if (i % 1000 == 999) expected.push_back(fmt::format("BAD{}:0:claim_unreadable", i));
  }
  CHECK(findings_with({nullptr, 1}) == expected);
  CHECK(findings_with({nullptr, 2, 1}) == expected);  // units findings past a budget of 1 byte
}

TEST_CASE("hand_out_settled() hands out the findings parked so far, then finish() the rest",
          "[runs]") {
  const auto index = index_for_claims();
  const validator checker(index, nullptr, denials_only);
  collected_run run(checker);
  feed(run.run);
  const auto settled = run.take_settled();
  const auto rest = run.finish();
  CHECK(settled.size() == claim_count + claim_count / 1000);
  REQUIRE_FALSE(rest.empty());
  CHECK(std::all_of(rest.begin(), rest.end(),
                    [](const finding& f) { return f.kind == finding_kind::units_exceeded; }));
}

TEST_CASE("Several threads give the findings and summary of one", "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);  // warnings on: units_low too
  collected_run single(checker, {nullptr, 1});
  feed(single.run);
  const auto expected = as_json(single.finish());
  const auto expected_summary = to_json(single.summary, false);

  for (const unsigned threads : {2U, 3U, 8U}) {
    collected_run run(checker, {nullptr, threads});
    feed(run.run);
    const auto found = as_json(run.finish());
    CAPTURE(threads);
    CHECK(found == expected);
    CHECK(to_json(run.summary, false) == expected_summary);
  }
}

TEST_CASE("A run on several threads hands out settled findings as it goes", "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index, nullptr, denials_only);
  collected_run run(checker, {nullptr, 2});
  feed(run.run);
  const auto settled = run.take_settled();
  CHECK(settled.size() == claim_count + claim_count / 1000);
  CHECK(settled.front().claim_id == "C00000");
  CHECK(settled.back().claim_id == "BAD11999");
}

TEST_CASE("hand_out_judged() on several threads hands out the findings of one thread in order",
          "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  collected_run single(checker, {nullptr, 1});
  feed(single.run);
  auto expected = as_json(single.take_settled());
  const auto settled = as_json(single.finish());
  expected.insert(expected.end(), settled.begin(), settled.end());

  for (const unsigned threads : {2U, 3U}) {
    collected_run run(checker, {nullptr, threads});
    feed(run.run, [&](int i) {
      if (i % 100 == 99) run.run.hand_out_judged();
    });
    // The pool holds 4 batches of 1024 lines a thread at most: the rest were handed out.
    const auto before_end = run.found.size();
    auto found = as_json(run.take_settled());
    const auto rest = as_json(run.finish());
    found.insert(found.end(), rest.begin(), rest.end());
    CAPTURE(threads);
    CHECK(before_end > claim_count / 4);
    CHECK(found == expected);
  }
}

TEST_CASE("A run on several threads that is dropped unfinished stops its threads",
          "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  {
    collected_run run(checker, {nullptr, 4});
    feed(run.run);
  }
  SUCCEED("the run's threads were joined");
}

TEST_CASE("A run that writes findings out as text gives the text of finish()'s findings",
          "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  collected_run plain(checker);
  feed(plain.run);
  std::string expected;
  for (const auto& f : plain.finish()) expected += to_json(f) + "\n";

  for (const unsigned threads : {1U, 2U, 3U, 8U}) {
    std::string written;
    validation_run run(checker, json_lines_into(written), {nullptr, threads});
    feed(run);
    const auto summary = std::move(run).finish();
    CAPTURE(threads);
    CHECK(written == expected);
    CHECK(to_json(summary, false) == to_json(plain.summary, false));
  }
}

TEST_CASE("A text run formats its findings only as it hands them out", "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  for (const unsigned threads : {1U, 2U}) {
    std::atomic<std::size_t> formatted = 0;  // on the run's threads
    std::size_t formatted_while_adding = 0;
    std::string written;
    validation_run run(checker,
                       text_output{[&formatted](const finding& f, std::string& text) {
                                     ++formatted;
                                     text += to_json(f) + "\n";
                                   },
                                   [&written](std::string_view text) { written += text; }},
                       {nullptr, threads});
    feed(run, [&](int) { formatted_while_adding += formatted; });
    std::move(run).finish();
    CAPTURE(threads);
    CHECK(formatted_while_adding == 0);
    CHECK(formatted == static_cast<std::size_t>(std::count(written.begin(), written.end(), '\n')));
    CHECK(formatted >=
          static_cast<std::size_t>(claim_count));  // more than are held: some were parked
  }
}

TEST_CASE("A text run on several threads that hands out as it goes writes the text of one",
          "[runs][threads]") {
  // hand_out_settled() every 5,000 claims (some 10,000 findings, most of them parked) empties
  // the spool each time: its stretches start over.
  const auto index = index_for_claims();
  const validator checker(index);
  const auto text_of = [&](unsigned threads) {
    return text_of_run(checker, {nullptr, threads}, [](validation_run& run, int i) {
      if (i % 5000 == 4999) run.hand_out_settled();
    });
  };
  const auto expected = text_of(1);
  for (const unsigned threads : {2U, 3U}) {
    CAPTURE(threads);
    CHECK(text_of(threads) == expected);
  }
}

TEST_CASE("A text run on several threads writes the text of one beside replacements and units",
          "[runs][threads]") {
  // As "Replacements among many claims ...": replacements, units findings past a budget of one
  // byte (read back from their file), unreadable claims, parked findings, those held at the end.
  const auto index = index_for_claims();
  const validator checker(index);
  const auto text_of = [&](unsigned threads) {
    return text_of_run(checker, {nullptr, threads, 1}, [](validation_run& run, int i) {
      if (replaced(i)) add_replacement(run, i);
    });
  };
  const auto expected = text_of(1);
  REQUIRE(expected.find("claim_replaced") != std::string::npos);
  REQUIRE(expected.find("units_exceeded") != std::string::npos);
  for (const unsigned threads : {2U, 3U, 4U}) {
    CAPTURE(threads);
    CHECK(text_of(threads) == expected);
  }
}

TEST_CASE("A text run writes its findings on the thread that calls it", "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  const auto caller = std::this_thread::get_id();
  std::size_t elsewhere = 0, lines = 0;
  validation_run run(
      checker,
      text_output{[&](const finding& f, std::string& text) { text += to_json(f) + "\n"; },
                  [&](std::string_view text) {
                    if (std::this_thread::get_id() != caller) ++elsewhere;
                    lines += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
                  }},
      {nullptr, 2});
  feed(run);
  std::move(run).finish();
  CHECK(lines >= static_cast<std::size_t>(claim_count));
  CHECK(elsewhere == 0);
}

TEST_CASE("A text run on several threads formats on more than one", "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  std::mutex seen;
  std::set<std::thread::id> formatting;
  validation_run run(checker,
                     text_output{[&](const finding& f, std::string& text) {
                                   {
                                     const std::lock_guard lock(seen);
                                     formatting.insert(std::this_thread::get_id());
                                   }
                                   text += to_json(f);
                                 },
                                 [](std::string_view) {}},
                     {nullptr, 2});
  feed(run);
  std::move(run).finish();
  CHECK(formatting.size() == 2);
}

TEST_CASE("What writing throws reaches the caller and the run stops its threads",
          "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  for (const unsigned threads : {1U, 2U}) {
    std::size_t written = 0;
    validation_run run(checker,
                       text_output{[](const finding& f, std::string& text) { text += to_json(f); },
                                   [&written](std::string_view) {
                                     if (++written == 3) throw std::runtime_error("disk full");
                                   }},
                       {nullptr, threads});
    CAPTURE(threads);
    CHECK_THROWS_WITH(feed_and_finish(run), "disk full");
    CHECK(written == 3);
  }
}

TEST_CASE("What formatting throws reaches the caller and nothing is written after it",
          "[runs][threads]") {
  const auto index = index_for_claims();
  const validator checker(index);
  for (const unsigned threads : {1U, 2U, 3U}) {
    std::string written;
    validation_run run(checker,
                       text_output{[](const finding&, std::string&) {
                                     throw std::runtime_error("formatter failed");
                                   },
                                   [&written](std::string_view text) { written += text; }},
                       {nullptr, threads});
    CAPTURE(threads);
    CHECK_THROWS_WITH(feed_and_finish(run), "formatter failed");
    CHECK(written.empty());
  }
}

TEST_CASE("What formatting throws on another thread reaches the caller, the text before it whole",
          "[runs][threads]") {
  // Every finding from claim C06000 on fails to format, on whichever thread formats it: what was
  // written is the start of one thread's text, before any of them.
  const auto index = index_for_claims();
  const validator checker(index);
  const auto expected = text_of_run(checker, {}, [](validation_run&, int) {});
  for (const unsigned threads : {2U, 3U}) {
    std::string written;
    auto out = json_lines_into(written);
    out.format = [json_line = out.format](const finding& f, std::string& text) {
      if (f.claim_id >= "C06000") throw std::runtime_error("formatter failed");
      json_line(f, text);
    };
    validation_run run(checker, std::move(out), {nullptr, threads});
    CAPTURE(threads);
    CHECK_THROWS_WITH(feed_and_finish(run), "formatter failed");
    CHECK(expected.starts_with(written));
    CHECK(written.find("C06000") == std::string::npos);
  }
}

TEST_CASE("A finding parked in the spool comes back with every field", "[runs]") {
  auto b = make_auth("B1");
  b.units = decimal::from_integer(1);
  b.diagnosis_codes = {"M545"};
  const auto index = index_of({b, for_claims()});
  const validator checker(index);
  line_spec line;
  line.claim_id = "FIRST";
  line.auth_number = "B1";
  line.units = qty("2.5");
  line.charge = qty("123.45");
  line.diagnosis_codes = {"Z00.0"};
  line.place_of_service = "19";

  collected_run alone(checker);
  std::vector<claim_line> lines = {line.view()};
  alone.run.add_claim(lines);
  const auto expected = as_json(alone.finish());
  REQUIRE(expected.size() >= 2);

  collected_run parked(checker);
  parked.run.add_claim(lines);
  feed(parked.run);  // thousands of findings after it: FIRST's are spooled
  auto found = parked.finish();
  found.resize(expected.size());
  CHECK(as_json(found) == expected);
}

TEST_CASE("A finding judged after thousands of others keeps nothing of theirs", "[runs]") {
  const unsigned threads = GENERATE(1U, 2U);
  auto b = make_auth("B1");
  b.diagnosis_codes = {"M545"};
  const auto index = index_of({b});
  const validator checker(index, nullptr, denials_only);
  line_spec last;  // no number and nothing on file for its code: compared against no row
  last.claim_id = "LAST";
  last.code = "99213";
  const std::vector<claim_line> last_lines = {last.view()};

  collected_run alone(checker, {.threads = threads});
  alone.run.add_claim(last_lines);
  const auto expected = as_json(alone.finish());
  REQUIRE(expected.size() == 1);

  // Each with a finding compared against B1 (a diagnosis B1 does not approve), judged before
  // LAST in the same run: more lines than a batch holds, and more findings than the run holds
  // before it parks them, so LAST's finding is written over one of theirs.
  collected_run after(checker, {.threads = threads});
  line_spec numbered;
  numbered.auth_number = "B1";
  numbered.diagnosis_codes = {"Z00.0"};
  for (int i = 0; i < 8000; ++i) {
    numbered.claim_id = fmt::format("N{:04}", i);
    const std::vector<claim_line> lines = {numbered.view()};
    after.run.add_claim(lines);
  }
  after.run.add_claim(last_lines);
  const auto found = after.finish();
  REQUIRE(found.size() > 8000);
  CHECK(as_json({found.back()}) == expected);
}

TEST_CASE("A run over a temporary validator does not compile", "[runs]") {
  // validation_run(validator&&, ...) is deleted: the run would keep a dangling reference.
  STATIC_REQUIRE_FALSE(std::is_constructible_v<validation_run, validator&&, finding_handler>);
  STATIC_REQUIRE(std::is_constructible_v<validation_run, const validator&, finding_handler>);
}
