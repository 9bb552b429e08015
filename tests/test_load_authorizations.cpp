// Loading an authorization export: columns in any order, every bad value named by position.

#include "support/builders.hpp"
#include "support/errors.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include <unistd.h>

using namespace authmatch;
using namespace authmatch::test;

namespace {

constexpr std::string_view header =
    "auth_number,status,payer_id,member_id,patient_dob,code,units,units_used,effective_date,"
    "expiration_date,rendering_npi,facility_npi,place_of_service,diagnosis_codes\n";

std::string with_rows(std::string_view rows) { return std::string(header) + std::string(rows); }

/// The error loading `csv` gives; fails the test when it loads.
input_error load_error(const std::string& csv) {
  auto e = input_error_of([&] { parse_authorizations(csv, "auths.csv"); });
  REQUIRE(e);
  return *e;
}

}  // namespace

TEST_CASE("A full row loads with every column", "[loaders][auths]") {
  const auto index = parse_authorizations(
      with_rows("pt1, Approved ,61101,w100,1968-04-12,97110,12,4,2026-09-01,20261130,1987654328,"
                "1765432103,11|22,m54.50|M51.36\n"));
  REQUIRE(index.size() == 1);
  const auto a = index.get(0);
  CHECK(a.auth_number == "PT1");
  CHECK(a.status == auth_status::approved);
  CHECK(a.member_id == "W100");
  CHECK(a.patient_dob == day("1968-04-12"));
  CHECK(a.units == qty("12"));
  CHECK(a.units_used == qty("4"));
  CHECK(a.expiration_date == day("2026-11-30"));
  CHECK(a.rendering_npis == std::vector<std::string>{"1987654328"});
  CHECK(a.places_of_service == std::vector<std::string>{"11", "22"});
  CHECK(a.diagnosis_codes == std::vector<std::string>{"M5450", "M5136"});
}

TEST_CASE("Only the required columns are needed, in any order, and unknown ones are ignored",
          "[loaders][auths]") {
  const auto index = parse_authorizations(
      "expiration_date,code,note,member_id,payer_id,status,effective_date,auth_number\n"
      "2026-12-31,97110,\"free, text\",M1,P1,A1,2026-01-01,X9\n");
  REQUIRE(index.size() == 1);
  const auto a = index.get(0);
  CHECK(a.auth_number == "X9");
  CHECK_FALSE(a.units.has_value());
  CHECK(a.rendering_npis.empty());
}

TEST_CASE("278 action codes are statuses", "[loaders][auths]") {
  CHECK(parse_auth_status("A1") == auth_status::approved);
  CHECK(parse_auth_status("a2") == auth_status::approved);
  CHECK(parse_auth_status("A6") == auth_status::approved);
  CHECK(parse_auth_status("A4") == auth_status::pending);
  CHECK(parse_auth_status("A3") == auth_status::denied);
  CHECK(parse_auth_status("CANCELLED") == auth_status::cancelled);
  CHECK_FALSE(parse_auth_status("maybe"));
}

TEST_CASE("Status names parse in any case and with blanks around them", "[loaders][auths]") {
  CHECK(parse_auth_status("approved") == auth_status::approved);
  CHECK(parse_auth_status("APPROVED") == auth_status::approved);
  CHECK(parse_auth_status(" Pending\t") == auth_status::pending);
  CHECK(parse_auth_status("canceled") == auth_status::cancelled);
  CHECK(parse_auth_status(" c ") == auth_status::cancelled);
  CHECK_FALSE(parse_auth_status("approve"));
  CHECK_FALSE(parse_auth_status(""));
}

TEST_CASE("A missing required column is named", "[loaders][auths]") {
  const auto e = load_error("auth_number,status,payer_id,member_id,code,effective_date\n");
  CHECK(e.where().line == 1);
  CHECK(contains(e.message(), "missing required column 'expiration_date'"));
}

TEST_CASE("A row with the wrong number of fields is an error at its line", "[loaders][auths]") {
  const auto e = load_error(with_rows("A1,approved,P1,M1,,97110\n"));
  CHECK(e.where().line == 2);
  CHECK(contains(e.message(), "expected 14 fields"));
}

TEST_CASE("A bad date names file, line and column", "[loaders][auths]") {
  const auto e =
      load_error(with_rows("A1,approved,P1,M1,,97110,,,2026-01-01,2026-12-31,,,,\n"
                           "A2,approved,P1,M1,,97110,,,2026-02-30,2026-12-31,,,,\n"));
  CHECK(e.where().file == "auths.csv");
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 9);
  CHECK(contains(e.message(), "effective_date: '2026-02-30' is not a date"));
  CHECK(std::string(e.what()).starts_with("auths.csv:3:9: "));
}

TEST_CASE("An expiration before the effective date is an error on expiration_date",
          "[loaders][auths]") {
  const auto e = load_error(with_rows("A1,approved,P1,M1,,97110,,,2026-05-01,2026-04-30,,,,\n"));
  CHECK(e.where().column == 10);
  CHECK(contains(e.message(), "before the effective date"));
}

TEST_CASE("An NPI that fails its check digit is an error on its column", "[loaders][auths]") {
  const auto e =
      load_error(with_rows("A1,approved,P1,M1,,97110,,,2026-01-01,2026-12-31,,1234567890,,\n"));
  CHECK(e.where().column == 12);
  CHECK(contains(e.message(), "facility_npi: '1234567890' is not a valid NPI"));
}

TEST_CASE("Rows of one number for different patients are an error", "[loaders][auths]") {
  const auto e =
      load_error(with_rows("A1,approved,P1,M1,,97110,,,2026-01-01,2026-12-31,,,,\n"
                           "A1,approved,P1,M2,,97140,,,2026-01-01,2026-12-31,,,,\n"));
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 1);
  CHECK(contains(e.message(), "one authorization number covers one patient"));
}

TEST_CASE("A number that is already another row's member ID or code starts an authorization",
          "[loaders][auths]") {
  const auto index =
      parse_authorizations(with_rows("A1,approved,P1,M1,,97110,,,2026-01-01,2026-12-31,,,,\n"
                                     "M1,approved,P2,M2,,97140,,,2026-01-01,2026-12-31,,,,\n"
                                     "97110,approved,P1,M3,,97110,,,2026-01-01,2026-12-31,,,,\n"));
  REQUIRE(index.size() == 3);
  CHECK(index.rows_with_number("M1").size() == 1);
  CHECK(index.get(1).member_id == "M2");
  CHECK(index.rows_with_number("97110").size() == 1);
  CHECK(index.rows_of_member("M1").size() == 1);
}

TEST_CASE("Rows of one number for different dates of birth are an error", "[loaders][auths]") {
  const auto e =
      load_error(with_rows("A1,approved,P1,M1,1968-04-12,97110,,,2026-01-01,2026-12-31,,,,\n"
                           "A1,approved,P1,M1,2012-07-30,97140,,,2026-01-01,2026-12-31,,,,\n"));
  CHECK(e.where().line == 3);
}

TEST_CASE("A bad status, quantity or empty required value is named", "[loaders][auths]") {
  CHECK(load_error(with_rows("A1,ok,P1,M1,,97110,,,2026-01-01,2026-12-31,,,,\n")).where().column ==
        2);
  CHECK(load_error(with_rows("A1,approved,P1,M1,,97110,-1,,2026-01-01,2026-12-31,,,,\n"))
            .where()
            .column == 7);
  CHECK(load_error(with_rows("A1,approved,P1,M1,,97110,1,x,2026-01-01,2026-12-31,,,,\n"))
            .where()
            .column == 8);
  CHECK(load_error(with_rows("A1,approved,P1,,,97110,1,,2026-01-01,2026-12-31,,,,\n"))
            .where()
            .column == 4);
}

TEST_CASE("The unit_type column makes an authorization count visits", "[loaders][auths]") {
  const auto index = parse_authorizations(
      "auth_number,status,payer_id,member_id,code,units,unit_type,effective_date,expiration_date\n"
      "A1,approved,P1,M1,98941,6, Visits ,2026-01-01,2026-12-31\n"
      "A2,approved,P1,M1,97110,6,,2026-01-01,2026-12-31\n");
  CHECK(index.get(0).unit_type == unit_type::visits);
  CHECK(index.get(1).unit_type == unit_type::units);
}

TEST_CASE("An unknown unit_type is named with its position", "[loaders][auths]") {
  const auto e = load_error(
      "auth_number,status,payer_id,member_id,code,units,unit_type,effective_date,expiration_date\n"
      "A1,approved,P1,M1,98941,6,days,2026-01-01,2026-12-31\n");
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 7);
  CHECK(contains(e.message(), "'days' is not a unit type (expected units or visits)"));
}

TEST_CASE("A visits authorization with part of a visit is named", "[loaders][auths]") {
  const auto e = load_error(
      "auth_number,status,payer_id,member_id,code,units,unit_type,effective_date,expiration_date\n"
      "A1,approved,P1,M1,98941,2.5,visits,2026-01-01,2026-12-31\n");
  CHECK(e.where().column == 6);
}

TEST_CASE("An empty file is an error asking for the header", "[loaders][auths]") {
  CHECK(contains(load_error("").message(), "expected a header row"));
}

TEST_CASE("A file that cannot be opened is an input error naming it", "[loaders][auths]") {
  const auto e = input_error_of([] { load_authorizations("/nonexistent/auths.csv"); });
  REQUIRE(e);
  CHECK(e->where().file == "/nonexistent/auths.csv");
}

TEST_CASE("A directory is an input error naming it and saying so", "[loaders][auths]") {
  const auto e = input_error_of([] { load_authorizations(AUTHMATCH_EXAMPLES_DIR); });
  REQUIRE(e);
  CHECK(e->where().file == AUTHMATCH_EXAMPLES_DIR);
  CHECK(e->message() == "is a directory");
}

TEST_CASE("The bundled example authorizations load", "[loaders][auths]") {
  const auto index = load_authorizations(AUTHMATCH_EXAMPLES_DIR "/authorizations.csv");
  CHECK(index.size() == 17);
  CHECK(index.get(11).unit_type == unit_type::visits);
  CHECK(index.rows_with_number("INF778800").size() == 3);
}

namespace {

/// A file in the temporary directory, removed afterwards.
class scratch_csv {
 public:
  explicit scratch_csv(const std::string& contents)
      : path_(std::filesystem::temp_directory_path() /
              ("authmatch-auths-" + std::to_string(::getpid()) + ".csv")) {
    std::ofstream(path_, std::ios::binary) << contents;
  }
  scratch_csv(const scratch_csv&) = delete;
  scratch_csv& operator=(const scratch_csv&) = delete;
  ~scratch_csv() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Rows enough for several chunks of the file reader (about 3 MB).
std::string many_rows() {
  std::string csv(header);
  for (int i = 0; i < 40000; ++i) {
    csv += fmt::format(
        "PA{},approved,61101,W{},1968-04-12,97110,{},{},2026-01-{:02},2026-12-31,"
        "1987654328|1765432103,,11,\"M54.5\"\n",
        i, i / 2, 12 + i % 7, i % 3, 1 + i % 28);
  }
  return csv;
}

}  // namespace

TEST_CASE("A file larger than a read is loaded as its text would be", "[loaders][auths]") {
  const auto csv = many_rows();
  const scratch_csv file(csv);
  const auto loaded = load_authorizations(file.path());
  const auto parsed = parse_authorizations(csv, file.path().string());
  REQUIRE(loaded.size() == 40000);
  REQUIRE(parsed.size() == 40000);
  for (const authorization_index::row_id row : {0U, 20000U, 39999U}) {
    CHECK(loaded.get(row).auth_number == parsed.get(row).auth_number);
    CHECK(loaded.get(row).rendering_npis == parsed.get(row).rendering_npis);
  }
  CHECK(loaded.rows_for("61101", "W19999", "97110").size() == 2);
}

TEST_CASE("A bad value past the first reads of a file names its line", "[loaders][auths]") {
  const scratch_csv file(many_rows() +
                         "PAX,approved,61101,W1,,97110,12,0,2026-01-01,2026-13-01,,,,\n");
  const auto e = input_error_of([&] { load_authorizations(file.path()); });
  REQUIRE(e);
  CHECK(e->where().file == file.path().string());
  CHECK(e->where().line == 40002);
  CHECK(e->where().column == 10);
}

TEST_CASE("An export loaded with two threads gives the index of one thread", "[loaders][auths]") {
  const scratch_csv file(many_rows());
  const auto one = load_authorizations(file.path(), 1);
  const auto two = load_authorizations(file.path(), 2);
  REQUIRE(two.size() == one.size());
  const auto fields = [](const authorization& a) {
    return fmt::format("{} {} {} {} {} {} {} {} {} {} {} {}", a.auth_number, to_string(a.status),
                       a.payer_id, a.member_id, to_iso(a.patient_dob.value_or(date())), a.code,
                       a.units ? a.units->to_string() : "-", a.units_used.to_string(),
                       to_iso(a.effective_date), to_iso(a.expiration_date),
                       fmt::join(a.rendering_npis, "|"), fmt::join(a.diagnosis_codes, "|"));
  };
  for (authorization_index::row_id row = 0; row < one.size(); ++row) {
    CHECK(fields(two.get(row)) == fields(one.get(row)));
  }
  CHECK(two.rows_for("61101", "W19999", "97110").size() == 2);
}

namespace {

/// Authorizations and referrals of a few hundred patients, several codes each, members shared
/// between payers: groups of one row and of many.
std::string mixed_rows() {
  std::string csv =
      "auth_number,status,payer_id,member_id,code,units,effective_date,expiration_date,type\n";
  for (int i = 0; i < 5000; ++i) {
    const int number = i / 3, patient = i / 6;  // a number's rows are one patient's
    const bool referral = number % 5 == 0;
    csv += fmt::format("N{},approved,P{},M{},9711{},{},2026-01-01,2026-12-31,{}\n", number,
                       patient / 400 % 2, patient % 400, i % 4, referral ? "" : "8",
                       referral ? "referral" : "authorization");
  }
  return csv;
}

std::vector<authorization_index::row_id> ids_of(std::span<const authorization_index::row_id> rows) {
  return {rows.begin(), rows.end()};
}

}  // namespace

TEST_CASE("A loaded index groups its rows as an index built row by row", "[loaders][auths]") {
  const scratch_csv file(mixed_rows());
  for (const unsigned threads : {1U, 2U}) {
    const auto loaded = load_authorizations(file.path(), threads);
    authorization_index row_by_row;
    for (authorization_index::row_id row = 0; row < loaded.size(); ++row) {
      row_by_row.add(loaded.get(row));
    }
    REQUIRE(row_by_row.size() == 5000);
    for (authorization_index::row_id row = 0; row < loaded.size(); ++row) {
      const auto a = loaded.get(row);
      CHECK(ids_of(loaded.rows_with_number(a.auth_number)) ==
            ids_of(row_by_row.rows_with_number(a.auth_number)));
      CHECK(ids_of(loaded.rows_for(a.payer_id, a.member_id, a.code)) ==
            ids_of(row_by_row.rows_for(a.payer_id, a.member_id, a.code)));
      CHECK(ids_of(loaded.rows_of_member(a.member_id)) ==
            ids_of(row_by_row.rows_of_member(a.member_id)));
      CHECK(ids_of(loaded.referrals_of(a.payer_id, a.member_id)) ==
            ids_of(row_by_row.referrals_of(a.payer_id, a.member_id)));
    }
    CHECK(!loaded.referrals_of("P0", "M0").empty());
    CHECK(loaded.rows_of_member("M0").size() > 3);
  }
}

namespace {

/// `csv` with `row` inserted as its line `line`.
std::string with_row_at(std::string csv, std::size_t line, std::string_view row) {
  std::size_t at = 0;
  for (std::size_t i = 1; i < line; ++i) {
    at = csv.find('\n', at);
    REQUIRE(at != std::string::npos);
    ++at;
  }
  return csv.insert(at, row);
}

/// PA7 again, for another patient: an error of adding the row to the index.
constexpr std::string_view other_patient =
    "PA7,approved,61101,NOTW3,,97110,12,0,2026-01-01,2026-12-31,,,,\n";
/// A month 13: an error of parsing the row.
constexpr std::string_view bad_date =
    "PAX,approved,61101,W1,,97110,12,0,2026-01-01,2026-13-01,,,,\n";

}  // namespace

TEST_CASE("An export loaded with two threads gives the first error of one thread",
          "[loaders][auths]") {
  const auto rows = many_rows();
  const std::pair<std::string, std::size_t> cases[] = {
      {with_row_at(rows, 5002, other_patient), 5002},
      {with_row_at(rows, 30002, bad_date), 30002},
      {with_row_at(with_row_at(rows, 30002, bad_date), 5002, other_patient), 5002},
      {with_row_at(with_row_at(rows, 30002, other_patient), 5002, bad_date), 5002},
      // The bad date in a later batch of parsed rows than the row before it.
      {with_row_at(with_row_at(rows, 7000, bad_date), 5002, other_patient), 5002},
      // Both among the rows parsed before they are added: those before the bad date are added.
      {with_row_at(with_row_at(rows, 30002, bad_date), 30000, other_patient), 30000},
      // Both a few rows apart.
      {with_row_at(with_row_at(rows, 30008, bad_date), 30004, other_patient), 30004},
      // In the first rows (PA7's own row, now line 10, is the one refused).
      {with_row_at(rows, 3, other_patient), 10},
  };
  for (const auto& [csv, line] : cases) {
    CAPTURE(line);
    const scratch_csv file(csv);
    const auto one = input_error_of([&] { load_authorizations(file.path(), 1); });
    const auto two = input_error_of([&] { load_authorizations(file.path(), 2); });
    REQUIRE(one);
    REQUIRE(two);
    CHECK(one->where().line == line);
    CHECK(two->where().line == one->where().line);
    CHECK(two->where().column == one->where().column);
    CHECK(std::string(two->what()) == one->what());
  }
}

TEST_CASE("A header without rows is refused on two threads as on one", "[loaders][auths]") {
  const scratch_csv file(std::string{header});
  const auto one = input_error_of([&] { load_authorizations(file.path(), 1); });
  const auto two = input_error_of([&] { load_authorizations(file.path(), 2); });
  REQUIRE(one);
  REQUIRE(two);
  CHECK(std::string(two->what()) == one->what());
}

TEST_CASE("A row read after one with every optional value keeps none of them", "[loaders][auths]") {
  // Every third row gives every optional column, the others none (a pattern that batches of a
  // power of two rows do not repeat); enough rows that the loader fills its batches of rows
  // again, on one thread and on two.
  std::string csv =
      "auth_number,status,payer_id,member_id,code,effective_date,expiration_date,patient_dob,"
      "units,units_used,rendering_npi,facility_npi,place_of_service,diagnosis_codes,unit_type,"
      "level_of_care,claim_type,modifiers,requested_date,priority,next_action,next_action_due\n";
  constexpr int rows = 30000;
  for (int i = 0; i < rows; ++i) {
    csv += fmt::format("A{},approved,P1,M{},97110,2026-01-01,2026-12-31,", i, i);
    csv += i % 3 == 1 ? "1970-01-02,10,2,1987654328,1765432103,11,M5450,visits,outpatient,"
                        "professional,26,2026-01-02,expedited,call,2026-02-01\n"
                      : ",,,,,,,,,,,,,,\n";
  }
  for (const unsigned threads : {1U, 2U}) {
    INFO(threads << " threads");
    const auto index = parse_authorizations(csv, "auths.csv", threads);
    REQUIRE(index.size() == rows);
    for (authorization_index::row_id row = 0; row < rows; ++row) {
      if (row % 3 == 1) continue;
      const auto a = index.get(row);
      INFO("row " << row);
      CHECK(a.auth_number == fmt::format("A{}", row));
      CHECK_FALSE(a.patient_dob);
      CHECK_FALSE(a.units);
      CHECK(a.units_used == decimal());
      CHECK(a.rendering_npis.empty());
      CHECK(a.facility_npis.empty());
      CHECK(a.places_of_service.empty());
      CHECK(a.diagnosis_codes.empty());
      CHECK(a.unit_type == unit_type::units);
      CHECK_FALSE(a.level_of_care);
      CHECK_FALSE(a.claim_type);
      CHECK(a.modifiers.empty());
      CHECK_FALSE(a.requested_date);
      CHECK(a.priority == auth_priority::standard);
      CHECK(a.next_action.empty());
      CHECK_FALSE(a.next_action_due);
    }
    const auto full = index.get(rows - 2);
    CHECK(full.units == qty("10"));
    CHECK(full.modifiers == std::vector<std::string>{"26"});
    CHECK(full.next_action_due == day("2026-02-01"));
  }
}
