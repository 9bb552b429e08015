// authmatch::error is the base of every exception authmatch throws for what it was given.

#include "support/builders.hpp"

#include <authmatch/error.hpp>
#include <authmatch/ledger.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <type_traits>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// what() of the authmatch::error `fn` throws, or "none".
template <typename Fn>
std::string caught_as_error(Fn&& fn) {
  try {
    fn();
  } catch (const authmatch::error& e) {
    return e.what();
  }
  return "none";
}

}  // namespace

TEST_CASE("Every authmatch exception derives from authmatch::error", "[errors]") {
  STATIC_REQUIRE(std::is_base_of_v<std::runtime_error, authmatch::error>);
  STATIC_REQUIRE(std::is_base_of_v<authmatch::error, input_error>);
  STATIC_REQUIRE(std::is_base_of_v<authmatch::error, authorization_error>);
  STATIC_REQUIRE(std::is_base_of_v<authmatch::error, rule_error>);
  STATIC_REQUIRE(std::is_base_of_v<authmatch::error, ledger_error>);
}

TEST_CASE("A bad input, authorization, rule or ledger is caught as authmatch::error", "[errors]") {
  CHECK(caught_as_error([] {
          parse_authorizations("auth_number\nA1\n", "auths.csv");
        }).starts_with("auths.csv:1: "));
  CHECK(caught_as_error([] {
          authorization_index index;
          auto auth = make_auth();
          auth.code.clear();
          index.add(auth);
        }) == "code: is required and empty");
  CHECK(caught_as_error([] { auth_rules().add("*", "J**", true); }) ==
        "a prefix takes one * at its end, as in J*");
  const auto missing = std::filesystem::temp_directory_path() / "authmatch-no-such-ledger.db";
  std::filesystem::remove(missing);
  CHECK(caught_as_error([&] {
          utilization_ledger::open(missing, utilization_ledger::open_mode::read_only);
        }).find("no ledger there") != std::string::npos);
}

TEST_CASE("An input_error reads file:line:column: message", "[errors]") {
  const input_error e({"claims.csv", 4, 2}, "units: 'x' is not a quantity");
  CHECK(std::string(e.what()) == "claims.csv:4:2: units: 'x' is not a quantity");
  CHECK(e.message() == "units: 'x' is not a quantity");
  CHECK(to_string(e.where()) == "claims.csv:4:2");
  CHECK(to_string(input_position{"claims.csv", 0, 2}) == "claims.csv");
}
