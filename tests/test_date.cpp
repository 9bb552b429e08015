#include <authmatch/date.hpp>

#include <fmt/format.h>
#include <string>

#include <catch2/catch.hpp>

using authmatch::parse_date;

TEST_CASE("Dates parse in ISO and X12 forms", "[values][date]") {
  CHECK(parse_date("2026-03-02") == authmatch::date(2026, 3, 2));
  CHECK(parse_date("20260302") == authmatch::date(2026, 3, 2));
  CHECK(authmatch::to_iso(*parse_date("20240229")) == "2024-02-29");
}

TEST_CASE("Days that do not exist are refused", "[values][date]") {
  CHECK_FALSE(parse_date("2025-02-29"));
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK_FALSE(parse_date("2026-04-31"));
  CHECK_FALSE(parse_date("2026-00-10"));
}

TEST_CASE("Other spellings are refused", "[values][date]") {
  CHECK_FALSE(parse_date("03/02/2026"));
  CHECK_FALSE(parse_date("2026-3-2"));
  CHECK_FALSE(parse_date("2026/03/02"));
  CHECK_FALSE(parse_date(""));
}

TEST_CASE("A date is four bytes counting days from 1970-01-01", "[values][date]") {
  STATIC_REQUIRE(sizeof(authmatch::date) == 4);
  STATIC_REQUIRE(authmatch::date(1970, 1, 1).days_since_epoch() == 0);
  STATIC_REQUIRE(authmatch::date(1969, 12, 31).days_since_epoch() == -1);
  STATIC_REQUIRE(authmatch::date(2000, 3, 1).days_since_epoch() == 11017);
  CHECK(authmatch::date::from_days_since_epoch(20514) == authmatch::date(2026, 3, 2));
}

TEST_CASE("Every day from 1400 to 9999 round-trips through year_month_day", "[values][date]") {
  // A calendar counted forward one day at a time, beside the date's own arithmetic.
  int year = 1400;
  unsigned month = 1, day = 1;
  authmatch::date at(1400, 1, 1);
  const authmatch::date last(9999, 12, 31);
  std::int64_t mismatches = 0, days = 0;
  for (;; at += 1, ++days) {
    const auto ymd = at.year_month_day();
    if (ymd.year != year || ymd.month != month || ymd.day != day) ++mismatches;
    if (authmatch::date(ymd.year, ymd.month, ymd.day) != at) ++mismatches;
    if (at == last) break;
    if (static_cast<int>(day) < authmatch::detail::days_in_month(year, static_cast<int>(month))) {
      ++day;
    } else if (month < 12) {
      ++month;
      day = 1;
    } else {
      ++year;
      month = day = 1;
    }
  }
  CHECK(mismatches == 0);
  CHECK(year == 9999);
  CHECK(days == last - authmatch::date(1400, 1, 1));
  CHECK(authmatch::to_iso(last) == "9999-12-31");
  CHECK(authmatch::to_iso(authmatch::date(1400, 1, 1)) == "1400-01-01");
}

TEST_CASE("Day arithmetic crosses month ends and leap days", "[values][date]") {
  using authmatch::date;
  CHECK(date(2024, 2, 28) + 1 == date(2024, 2, 29));
  CHECK(date(2024, 2, 28) + 2 == date(2024, 3, 1));
  CHECK(date(2023, 2, 28) + 1 == date(2023, 3, 1));
  CHECK(date(1900, 2, 28) + 1 == date(1900, 3, 1));   // a century is not a leap year...
  CHECK(date(2000, 2, 28) + 1 == date(2000, 2, 29));  // ...unless it divides by 400
  CHECK(date(2024, 3, 1) - 1 == date(2024, 2, 29));
  CHECK(date(2026, 1, 1) - 365 == date(2025, 1, 1));
  CHECK(date(2025, 1, 1) - date(2024, 1, 1) == 366);
  CHECK(date(2024, 1, 1) - date(2025, 1, 1) == -366);
  CHECK(date(2101, 1, 1) - date(2100, 1, 1) == 365);
  CHECK(date(2401, 1, 1) - date(2001, 1, 1) == 146097);  // 400 years, 97 of them leap
  date day(2024, 12, 31);
  day += 1;
  CHECK(day == date(2025, 1, 1));
  day -= 366;
  CHECK(day == date(2024, 1, 1));
  const auto ymd = date(2024, 2, 29).year_month_day();
  CHECK(ymd.year == 2024);
  CHECK(ymd.month == 2U);
  CHECK(ymd.day == 29U);
}

TEST_CASE("Dates are ordered by day, and an unset date comes before every day", "[values][date]") {
  using authmatch::date;
  CHECK(date(2026, 3, 1) < date(2026, 3, 2));
  CHECK(date(2025, 12, 31) < date(2026, 1, 1));
  CHECK(date(2026, 3, 2) <= date(2026, 3, 2));
  CHECK(date(2026, 3, 2) > date(1400, 1, 1));
  CHECK((date(2026, 3, 2) <=> date(2026, 3, 2)) == std::strong_ordering::equal);
  CHECK_FALSE(date().is_set());
  CHECK(date(1970, 1, 1).is_set());
  CHECK(date() == date());
  CHECK(date() != date(1970, 1, 1));
  CHECK(date() < date(1400, 1, 1));
  CHECK(authmatch::to_iso(date()).empty());
}

TEST_CASE("Dates with a character that is not a digit are refused in every place",
          "[values][date]") {
  // Each place of both forms, with characters next to the digits ('/' and ':') and far from them.
  for (const std::string valid : {"20260302", "2026-03-02"}) {
    for (std::size_t i = 0; i < valid.size(); ++i) {
      if (valid[i] == '-') continue;
      for (const char c : {'/', ':', 'a', ' ', '\xff', '\0'}) {
        std::string text = valid;
        text[i] = c;
        INFO(i << " " << static_cast<int>(c));
        CHECK_FALSE(parse_date(text));
      }
    }
  }
}

TEST_CASE("Dates parse the same when evaluated at compile time", "[values][date]") {
  STATIC_REQUIRE(*parse_date("20240229") == authmatch::date(2024, 2, 29));
  STATIC_REQUIRE(*parse_date("1400-01-01") == authmatch::date(1400, 1, 1));
  STATIC_REQUIRE(!parse_date("1399-12-31"));
  STATIC_REQUIRE(!parse_date("2100-02-29"));
}

TEST_CASE("Every day from 1400 to 9999 parses in both forms to itself", "[values][date]") {
  std::int64_t mismatches = 0;
  const authmatch::date last(9999, 12, 31);
  for (authmatch::date at(1400, 1, 1);; at += 1) {
    const auto iso = authmatch::to_iso(at);
    std::string x12 = iso;
    std::erase(x12, '-');
    if (parse_date(iso) != at || parse_date(x12) != at) ++mismatches;
    if (at == last) break;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("Every month and day number from 00 to 99 parses only when the day exists",
          "[values][date]") {
  std::int64_t wrong = 0;
  for (const int year : {1900, 2000, 2023, 2024}) {
    for (int month = 0; month < 100; ++month) {
      for (int day = 0; day < 100; ++day) {
        const bool exists = month >= 1 && month <= 12 && day >= 1 &&
                            day <= authmatch::detail::days_in_month(year, month);
        const auto parsed = parse_date(fmt::format("{:04}{:02}{:02}", year, month, day));
        if (parsed.has_value() != exists) ++wrong;
        if (parsed && *parsed != authmatch::date(year, static_cast<unsigned>(month),
                                                 static_cast<unsigned>(day))) {
          ++wrong;
        }
      }
    }
  }
  CHECK(wrong == 0);
}
