// Validates claim-line CSV files against an authorization export and prints a summary:
// the batch job in a few lines.
//
//   ./batch_from_files authorizations.csv rules.csv claim_lines.csv...

#include <authmatch/authmatch.hpp>

#include <fmt/format.h>

int main(int argc, char** argv) {
  if (argc < 4) {
    fmt::print(stderr, "usage: {} AUTHS.csv RULES.csv CLAIM_LINES.csv...\n", argv[0]);
    return 2;
  }
  try {
    const auto index = authmatch::load_authorizations(argv[1]);
    const auto rules = authmatch::load_auth_rules(argv[2]);
    const authmatch::validator checker(index, &rules);

    // Findings are handed out in input order as the run goes and when it finishes.
    std::size_t findings = 0;
    authmatch::validation_run run(checker, [&findings](const authmatch::finding& f) {
      ++findings;
      fmt::print("{} line {}: {} ({}-{})\n", f.claim_id, f.line, authmatch::to_string(f.kind),
                 f.group, f.carc);
    });
    for (int i = 3; i < argc; ++i) authmatch::claim_line_file::load(argv[i]).feed(run);
    const authmatch::run_summary summary = std::move(run).finish();

    fmt::print("{} claims read, {} rejected, {} findings, {} at risk\n", summary.claims_read,
               summary.claims_rejected, findings, summary.charge_at_risk.to_string(2));
  } catch (const authmatch::input_error& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }
}
