// The one description of each record's fields: every field named once, in output order, and
// claim_record, the owning claim line, with the lifetime of its views.

#include "support/builders.hpp"

#include "run/finding_delta.hpp"
#include "run/finding_spool.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// The name of the first field in which two findings differ; empty when they are equal.
std::string first_difference(const finding& a, const finding& b) {
  std::string differs;
  for_each_finding_field([&](const finding_field& field, auto member) {
    if (differs.empty() && !(a.*member == b.*member)) differs = field.name;
  });
  return differs;
}

/// The name of the first field in which two claim lines differ; empty when they are equal.
std::string first_difference(const claim_line& a, const claim_line& b) {
  std::string differs;
  for_each_claim_field<claim_line>([&](const claim_field& field, auto member) {
    const auto& x = a.*member;
    const auto& y = b.*member;
    bool equal = false;
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(x)>,
                                 std::span<const std::string_view>>) {
      equal = std::ranges::equal(x, y);
    } else {
      equal = x == y;
    }
    if (differs.empty() && !equal) differs = field.name;
  });
  return differs;
}

finding full_finding() {
  finding f;
  f.claim_id = "C1";
  f.line = 3;
  f.kind = finding_kind::units_exceeded;
  f.level = severity::deny;
  f.group = "CO";
  f.carc = "198";
  f.rarc = {"N640", "N54"};
  f.auth_number = "A1";
  f.member_id = "M1";
  f.payer_id = "P1";
  f.code = "97110";
  f.service_date = day("2026-03-02");
  f.units = qty("1.5");
  f.charge = qty("110");
  f.expected = "at most 1";
  f.actual = "1.5";
  f.message = "Bill 1 unit.";
  return f;
}

/// Text a claim_line refers to, kept apart from any record.
struct line_storage {
  std::vector<std::string_view> modifiers = {"GP", "59"};
  std::vector<std::string_view> diagnoses = {"M545", "R51"};
  std::string claim_id = "CLAIM-WITH-A-LONG-ID-0001";  // longer than a short-string buffer
  std::string auth = "A1";

  claim_line line() const {
    claim_line l;
    l.claim_id = claim_id;
    l.line = 2;
    l.member_id = "M1";
    l.payer_id = "P1";
    l.patient_dob = day("1980-05-06");
    l.auth_number = auth;
    l.code = "97110";
    l.modifiers = modifiers;
    l.units = qty("2.5");
    l.service_date = day("2026-03-02");
    l.service_date_end = day("2026-03-04");
    l.rendering_npi = therapist_npi;
    l.billing_npi = billing_npi;
    l.facility_npi = facility_npi;
    l.place_of_service = "11";
    l.diagnosis_codes = diagnoses;
    l.charge = qty("125.50");
    l.frequency = claim_frequency::replacement;
    l.original_claim_id = "C0";
    l.referral_number = "R7";
    l.level_of_care = level_of_care::observation;
    l.claim_type = claim_type::institutional;
    return l;
  }
};

}  // namespace

TEST_CASE("The finding field list names every field once, in finding_fields order") {
  std::vector<std::string_view> names;
  for_each_finding_field([&](const finding_field& field, auto) { names.push_back(field.name); });
  CHECK(names == std::vector<std::string_view>(finding_fields.begin(), finding_fields.end()));
  // The order of the JSON Lines keys and the CSV columns (README.md, Findings).
  CHECK(names == std::vector<std::string_view>{"claim_id", "line", "kind", "severity", "group",
                                               "carc", "rarc", "auth_number", "member_id",
                                               "payer_id", "code", "service_date", "units",
                                               "charge", "expected", "actual", "message"});
  CHECK(std::set<std::string_view>(names.begin(), names.end()).size() == names.size());
}

TEST_CASE("The finding field list covers every member of a finding once") {
  finding f;
  // Compiles only while a finding has exactly finding_field_count members, and its source
  // (last), which is not an output field.
  auto& [m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, source] = f;
  static_assert(finding_field_count == 17);
  CHECK(&source == &f.source);
  const std::set<const void*> members = {&m1,  &m2,  &m3,  &m4,  &m5,  &m6,  &m7,  &m8, &m9,
                                         &m10, &m11, &m12, &m13, &m14, &m15, &m16, &m17};
  std::set<const void*> listed;
  for_each_finding_field([&](const finding_field&, auto member) { listed.insert(&(f.*member)); });
  CHECK(listed == members);
}

TEST_CASE("Only a charge is written with two decimal places") {
  for_each_finding_field([](const finding_field& field, auto) {
    INFO(field.name);
    CHECK(field.min_places == (field.name == "charge" ? 2 : 0));
  });
}

TEST_CASE("Every field of a finding comes back from the temporary file of findings") {
  detail::finding_spool spool;
  finding absent;  // every optional field left out, nothing in the lists
  absent.kind = finding_kind::claim_unreadable;
  absent.level = severity::error;
  absent.message = "unreadable";
  const std::array<finding, 2> written = {full_finding(), absent};
  for (std::size_t i = 0; i < written.size(); ++i) spool.write(i, written[i]);

  detail::finding_spool::record record;
  for (const auto& expected : written) {
    REQUIRE(spool.read(record));
    finding scratch;
    scratch.auth_number = "left over";  // decoding replaces whatever the finding held
    scratch.rarc = {"left over"};
    auto& read = detail::finding_spool::decoded(record, scratch);
    CHECK(first_difference(read, expected).empty());
    // A reader may take the finding: the next one is whole all the same.
    const finding taken = std::move(read);
    CHECK(first_difference(taken, expected).empty());
  }
  CHECK_FALSE(spool.read(record));
}

namespace {

/// Findings that change from one to the next in every way the temporary file of findings
/// writes them: kinds that come back, messages that share their start or end or nothing, values
/// that go away and return, sources.
std::vector<finding> changing_findings() {
  std::vector<finding> all;
  auto f = full_finding();
  f.source = "batch.x12:25";
  all.push_back(f);
  f.line = 4;
  f.message = "Bill 2 units.";  // shares its start and end with the one before
  f.source = "batch.x12:28";
  all.push_back(f);
  finding other;  // another kind, most values absent
  other.kind = finding_kind::claim_unreadable;
  other.level = severity::error;
  other.message = "unreadable";
  all.push_back(other);
  f.message = "Bill 2 units, not 3.";  // against the last finding of its kind, not the one before
  f.rarc.clear();
  f.units.reset();
  all.push_back(f);
  f.message = "Bill";  // all of it shared, at its start
  f.claim_id = "C2";
  f.source.clear();
  all.push_back(f);
  f.message = "BillBill";  // what it shares at its start and at its end overlaps
  f.rarc = {"N640"};
  f.units = qty("2");
  f.source = "other.x12:7";
  all.push_back(f);
  f.message.clear();
  all.push_back(f);
  all.push_back(f);  // nothing changed
  all.push_back(other);
  return all;
}

}  // namespace

TEST_CASE("Findings written as what changed from those before come back whole") {
  const auto written = changing_findings();
  detail::finding_delta_writer out;
  std::vector<std::string> bytes;
  for (const auto& f : written) out.put(f, bytes.emplace_back());
  CHECK(bytes[7].size() == sizeof(std::uint32_t));  // the same finding again: its mask alone
  detail::finding_delta_reader in;
  for (std::size_t i = 0; i < written.size(); ++i) {
    INFO(i);
    const auto& read = in.get(bytes[i], written[i].kind, "findings");
    CHECK(first_difference(read, written[i]).empty());
    CHECK(read.source == written[i].source);
  }
}

TEST_CASE("Findings read back by a reader that leaves them untouched come back whole") {
  // Each finding written against the one before and the one of its kind before, and read
  // against what the reader gave last: kinds that alternate and come back, twice over.
  const auto written = changing_findings();
  detail::finding_delta_writer out;
  detail::finding_delta_reader in;
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<std::string> bytes;
    for (const auto& f : written) out.put(f, bytes.emplace_back());
    for (std::size_t i = 0; i < written.size(); ++i) {
      INFO(pass << " " << i);
      const auto& read =
          in.get(bytes[i], written[i].kind, "findings", detail::last_finding::untouched);
      CHECK(first_difference(read, written[i]).empty());
      CHECK(read.source == written[i].source);
    }
    out.restart();
    in.restart();
  }
}

TEST_CASE("A reader that leaves its findings untouched reads the first after a restart whole") {
  // The same kind on both sides of the restart; the values of the line and claim before it
  // (which the bases it restarts from lack) must not show through.
  auto before = full_finding();
  before.claim_id = "C2";
  before.source = "other.x12:7";
  finding after;
  after.kind = before.kind;
  after.level = before.level;
  after.message = "after";
  detail::finding_delta_writer out;
  std::string before_bytes, after_bytes;
  out.put(before, before_bytes);
  out.restart();
  out.put(after, after_bytes);
  detail::finding_delta_reader in;
  in.get(before_bytes, before.kind, "findings", detail::last_finding::untouched);
  in.restart();
  const auto& read = in.get(after_bytes, after.kind, "findings", detail::last_finding::untouched);
  CHECK(first_difference(read, after).empty());
  CHECK(read.source == after.source);
}

TEST_CASE("A finding taken from the reader does not stand in for the next one's values") {
  const auto written = changing_findings();
  detail::finding_delta_writer out;
  std::vector<std::string> bytes;
  for (const auto& f : written) out.put(f, bytes.emplace_back());
  detail::finding_delta_reader in;
  for (std::size_t i = 0; i < written.size(); ++i) {
    INFO(i);
    auto& read = in.get(bytes[i], written[i].kind, "findings", detail::last_finding::maybe_changed);
    CHECK(first_difference(read, written[i]).empty());
    const finding taken = std::move(read);  // every value of the next is written again
  }
}

TEST_CASE("A message changed at any one byte is written short and comes back whole") {
  // Bytes compared eight at a time: the difference at every place in a word, and in the bytes
  // past the last whole word.
  const std::string base =
      "Service on 2026-09-14 exceeds authorization PA0001234 by 3 units; request 3 more.";
  auto f = full_finding();
  f.message = base;
  detail::finding_delta_writer out;
  detail::finding_delta_reader in;
  std::string bytes;
  out.put(f, bytes);
  in.get(bytes, f.kind, "findings");
  for (std::size_t at = 0; at < base.size(); ++at) {
    INFO(at);
    f.message = base;
    f.message[at] = '#';
    bytes.clear();
    out.put(f, bytes);
    // The mask, the lengths shared at each end, the length between and the two bytes there
    // (this one and the one changed before it).
    CHECK(bytes.size() <= 4 * sizeof(std::uint32_t) + 2);
    CHECK(in.get(bytes, f.kind, "findings").message == f.message);
  }
}

TEST_CASE("A message longer or shorter than the one before comes back whole") {
  // What is shared at the start and at the end may not overlap, in either message.
  auto f = full_finding();
  detail::finding_delta_writer out;
  detail::finding_delta_reader in;
  const std::string base = "Authorization PA0001234 covers 12 units through 2026-11-30.";
  std::vector<std::string> messages = {base, "aaaa", "aaaaaaaaaaa", "aaaa", "", "a"};
  for (std::size_t cut = 1; cut <= 9; ++cut) {
    messages.push_back(base);
    messages.push_back(base.substr(0, base.size() - cut));
    messages.push_back(base.substr(cut));
    messages.push_back(base + std::string(cut, 'x'));
    messages.push_back(std::string(cut, '.') + base);
  }
  for (const auto& message : messages) {
    INFO(message);
    f.message = message;
    std::string bytes;
    out.put(f, bytes);
    CHECK(in.get(bytes, f.kind, "findings").message == message);
  }
}

TEST_CASE("The temporary file of findings reads findings written after a reading from the start") {
  const auto written = changing_findings();
  detail::finding_spool spool;
  detail::finding_spool::record record;
  finding scratch;
  for (int round = 0; round < 2; ++round) {
    // The second round writes them in the other order, each against what this round wrote.
    for (std::size_t i = 0; i < written.size(); ++i) {
      spool.write(i, written[round == 0 ? i : written.size() - 1 - i]);
    }
    for (std::size_t i = 0; i < written.size(); ++i) {
      REQUIRE(spool.read(record));
      const auto& read = detail::finding_spool::decoded(record, scratch);
      const auto& expected = written[round == 0 ? i : written.size() - 1 - i];
      CHECK(first_difference(read, expected).empty());
      CHECK(read.source == expected.source);
    }
    CHECK_FALSE(spool.read(record));
  }
}

TEST_CASE("Findings read back from the temporary file across its reading chunks come back whole") {
  // Thousands of findings, one of them longer than a chunk the file is read back by (1 MiB):
  // records fall across the chunks' ends, and one spans several.
  std::vector<finding> written;
  for (int i = 0; i < 6000; ++i) {
    auto f = full_finding();
    f.claim_id = std::string("C").append(std::to_string(i));
    f.message = std::string(static_cast<std::size_t>(i % 700), static_cast<char>('a' + i % 26));
    if (i == 3000) f.message = std::string(std::size_t{3} << 20, 'x');
    written.push_back(std::move(f));
  }
  detail::finding_spool spool;
  for (std::size_t i = 0; i < written.size(); ++i) spool.write(i, written[i]);
  spool.flush();
  detail::finding_spool::record record;
  finding scratch;
  for (const auto& expected : written) {
    REQUIRE(spool.read(record));
    const auto& read = detail::finding_spool::decoded(record, scratch);
    REQUIRE(first_difference(read, expected).empty());
  }
  CHECK_FALSE(spool.read(record));
}

namespace {

/// Findings that change from one to the next, `count` of them (changing_findings() over and
/// over, each numbered by its claim ID), in a spool cut in stretches, in memory or in its file.
std::vector<finding> spool_in_stretches(detail::finding_spool& spool, std::size_t count,
                                        bool to_file) {
  const auto kinds = changing_findings();
  std::vector<finding> written;
  spool.cut_in_stretches();
  for (std::size_t i = 0; i < count; ++i) {
    auto f = kinds[i % kinds.size()];
    f.claim_id = "C" + std::to_string(i);
    spool.write(i, f);
    written.push_back(std::move(f));
  }
  if (to_file) spool.flush();
  spool.end_writing();
  return written;
}

}  // namespace

TEST_CASE("Cursors read a spool from its first finding each, one beside the other") {
  for (const bool to_file : {false, true}) {
    detail::finding_spool spool;
    const auto written = spool_in_stretches(spool, 1000, to_file);
    detail::finding_spool::cursor one(spool), other(spool);
    detail::finding_spool::record a, b;
    CAPTURE(to_file);
    for (std::size_t i = 0; i < written.size(); ++i) {
      REQUIRE(one.next(a));
      REQUIRE(other.next(b));
      one.decode(a);
      other.decode(b);
      CHECK(a.sequence == i);
      CHECK(first_difference(*a.written, written[i]).empty());
      CHECK(first_difference(*b.written, written[i]).empty());
    }
    CHECK_FALSE(one.next(a));
    CHECK_FALSE(other.next(b));
  }
}

TEST_CASE("A cursor that skips a spool's stretches reads the findings of the others whole") {
  constexpr auto stretch = detail::finding_spool::stretch_size;
  for (const bool to_file : {false, true}) {
    detail::finding_spool spool;
    const auto written = spool_in_stretches(spool, 5 * stretch + 3, to_file);
    detail::finding_spool::cursor cursor(spool);
    detail::finding_spool::record record;
    std::size_t stretches = 0, decoded = 0;
    CAPTURE(to_file);
    for (std::size_t i = 0; i < written.size(); ++i) {
      REQUIRE(cursor.next(record));
      CHECK(record.starts_stretch == (i % stretch == 0));
      if (record.starts_stretch) ++stretches;
      if (stretches % 2 == 1) continue;  // the first, third and fifth skipped
      cursor.decode(record);
      ++decoded;
      CHECK(first_difference(*record.written, written[i]).empty());
    }
    CHECK(stretches == 6);
    CHECK(decoded == 2 * stretch + 3);
  }
}

TEST_CASE("A spool not cut in stretches makes one of all its findings") {
  detail::finding_spool spool;
  for (std::size_t i = 0; i < 3 * detail::finding_spool::stretch_size; ++i) {
    spool.write(i, full_finding());
  }
  detail::finding_spool::record record;
  std::size_t starts = 0;
  while (spool.read(record)) starts += record.starts_stretch ? 1 : 0;
  CHECK(starts == 1);
}

TEST_CASE("Bytes of a finding's changes that end too soon or do not fit are an error") {
  const auto f = full_finding();
  std::string bytes;
  detail::finding_delta_writer().put(f, bytes);
  CHECK_THROWS_AS(
      detail::finding_delta_reader().get(std::string_view(bytes).substr(0, 10), f.kind, "findings"),
      input_error);
  CHECK_THROWS_AS(detail::finding_delta_reader().get(bytes + 'x', f.kind, "findings"), input_error);
  CHECK_THROWS_AS(
      detail::finding_delta_reader().get(bytes, finding_kind::claim_unreadable, "findings"),
      input_error);
}

TEST_CASE("The claim field list follows the claim-lines CSV columns and covers every member") {
  std::vector<std::string_view> names, required;
  for_each_claim_field([&](const claim_field& field) {
    names.push_back(field.name);
    if (field.required) required.push_back(field.name);
  });
  CHECK(names == std::vector<std::string_view>(claim_fields.begin(), claim_fields.end()));
  CHECK(names == std::vector<std::string_view>{"claim_id",
                                               "line",
                                               "member_id",
                                               "payer_id",
                                               "patient_dob",
                                               "auth_number",
                                               "code",
                                               "modifiers",
                                               "units",
                                               "service_date",
                                               "service_date_end",
                                               "rendering_npi",
                                               "billing_npi",
                                               "facility_npi",
                                               "place_of_service",
                                               "diagnosis_codes",
                                               "charge",
                                               "frequency",
                                               "original_claim_id",
                                               "referral_number",
                                               "level_of_care",
                                               "claim_type"});
  CHECK(required == std::vector<std::string_view>{"claim_id", "line", "member_id", "payer_id",
                                                  "code", "units", "service_date"});
  CHECK(required ==
        std::vector<std::string_view>(required_claim_fields.begin(), required_claim_fields.end()));

  claim_line l;
  // Compiles only while a claim line has exactly claim_field_count members, and the three that
  // are not input columns (auth_number_from_claim and the source, last).
  auto& [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20,
         a21, a22, from_claim, source_input, source_position] = l;
  static_assert(claim_field_count == 22);
  CHECK(&from_claim == &l.auth_number_from_claim);
  CHECK(&source_input == &l.source_input);
  CHECK(&source_position == &l.source_position);
  const std::set<const void*> members = {&a1,  &a2,  &a3,  &a4,  &a5,  &a6,  &a7,  &a8,
                                         &a9,  &a10, &a11, &a12, &a13, &a14, &a15, &a16,
                                         &a17, &a18, &a19, &a20, &a21, &a22};
  std::set<const void*> listed;
  for_each_claim_field<claim_line>(
      [&](const claim_field&, auto member) { listed.insert(&(l.*member)); });
  CHECK(listed == members);

  std::size_t record_members = 0;
  for_each_claim_field<claim_record>([&](const claim_field&, auto) { ++record_members; });
  CHECK(record_members == claim_field_count);
}

TEST_CASE("A claim record's view equals the line it was made from, and owns its text") {
  auto source = std::make_unique<line_storage>();
  const claim_line original = source->line();
  const claim_record record(original);
  const line_storage expected;
  CHECK(first_difference(record.view(), expected.line()).empty());

  source->claim_id.assign(source->claim_id.size(), 'x');  // the source's text changes, then ends
  source->modifiers[0] = "XX";
  source.reset();
  CHECK(first_difference(record.view(), expected.line()).empty());
  CHECK(record.view().claim_id == "CLAIM-WITH-A-LONG-ID-0001");
  CHECK(record.modifiers == text_list{"GP", "59"});
}

TEST_CASE("A claim record without service_date_end is a single day") {
  claim_record record;
  record.service_date = day("2026-03-02");
  CHECK(record.view().service_date_end == day("2026-03-02"));
  record.service_date_end = day("2026-03-05");
  CHECK(record.view().service_date_end == day("2026-03-05"));
}

TEST_CASE("A claim record's view lasts while the record stays where it is") {
  const line_storage storage;
  const claim_line original = storage.line();

  SECTION("records moved in their container keep their views") {
    std::vector<claim_record> records;
    records.reserve(2);
    records.emplace_back(original);
    records.emplace_back(original);
    records[1].line = 3;
    const std::array<claim_line, 2> views = {records[0].view(), records[1].view()};
    const std::vector<claim_record> moved = std::move(records);  // the elements stay in place
    CHECK(first_difference(views[0], original).empty());
    CHECK(views[1].line == 3);
    CHECK(views[1].claim_id == "CLAIM-WITH-A-LONG-ID-0001");
    CHECK(std::ranges::equal(views[1].diagnosis_codes, storage.diagnoses));
  }
  SECTION("a record moved gives the same line again from view()") {
    claim_record record(original);
    const claim_record moved = std::move(record);
    CHECK(first_difference(moved.view(), original).empty());
  }
  SECTION("the lists' views survive a move of the list") {
    claim_record record(original);
    const auto modifiers = record.modifiers.views();
    const text_list moved = std::move(record.modifiers);
    CHECK(modifiers.data() == moved.views().data());
    CHECK(std::ranges::equal(modifiers, storage.modifiers));
  }
  SECTION("a copy has views of its own") {
    claim_record record(original);
    const claim_record copy = record;
    record.claim_id = "OTHER";
    record.diagnosis_codes.push_back("Z00");
    CHECK(first_difference(copy.view(), original).empty());
    CHECK(record.view().diagnosis_codes.size() == 3);
  }
}
