#include "bench_data.hpp"

namespace authmatch::bench {
namespace {

x12_input make_x12(synth::claim_kind kind) {
  x12_input in;
  synth::options opts;
  opts.kind = kind;
  opts.target_bytes = std::uint64_t{64} << 20;
  opts.seed = 42;
  synth::output x12(in.x12);
  synth::output auths(in.auths_csv);
  in.totals = synth::generate(opts, x12, &auths);
  return in;
}

large_input make_large() {
  large_input in;
  synth::options opts;
  opts.claims = 200'000;
  opts.members = 493'000;  // about 2.03 authorization rows a member
  opts.seed = 7;
  std::string discarded;
  synth::output x12(discarded);
  synth::output auths(in.auths_csv);
  in.lines_csv = synth::claim_lines_header();
  in.totals = synth::generate(opts, x12, &auths, [&in](const synth::expected_line& line) {
    synth::append_claim_line_row(in.lines_csv, line);
  });
  return in;
}

}  // namespace

const x12_input& x12_837(synth::claim_kind kind) {
  if (kind == synth::claim_kind::professional) {
    static const x12_input professional = make_x12(kind);
    return professional;
  }
  static const x12_input institutional = make_x12(kind);
  return institutional;
}

const large_input& million_rows() {
  static const large_input input = make_large();
  return input;
}

}  // namespace authmatch::bench
