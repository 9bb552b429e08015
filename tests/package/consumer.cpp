#include <authmatch/authmatch.hpp>

#include <cstdio>

int main() {
  authmatch::authorization_index index;
  const authmatch::validator checker(index);
  authmatch::claim_record line;  // owns its text: the library's compiled part is linked
  line.claim_id = "C1";
  line.member_id = "M1";
  line.payer_id = "P1";
  line.code = "97110";
  line.service_date = *authmatch::parse_date("2026-03-02");
  const authmatch::claim_line lines[] = {line.view()};
  const auto findings = checker.validate(lines);
  std::printf("%s %s\n", authmatch::version, findings.size() == 1 ? "auth_missing" : "unexpected");
  return findings.size() == 1 ? 0 : 1;
}
