#include "run/run_part.hpp"

#include "index/index_data.hpp"

#include "run/byte_codec.hpp"

#include <authmatch/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

// A part: a header (what wrote it and against how many authorization rows), the positions it
// gave out, its summary, its claims, its usage and its findings, each list after its size.

namespace {

constexpr std::string_view magic = "authmatch run part";
constexpr std::uint32_t part_version = 2;
constexpr std::uint32_t byte_order_mark = 0x01020304;

void put_summary(byte_writer& out, const run_summary& summary) {
  out.put(summary.claims_read);
  out.put(summary.claims_rejected);
  out.put(summary.lines_read);
  for (const auto count : summary.findings_by_kind) out.put(count);
  out.put_value(summary.charge_at_risk);
  out.put(static_cast<std::uint32_t>(summary.charge_at_risk_by_payer.size()));
  for (const auto& [payer, charge] : summary.charge_at_risk_by_payer) {
    out.put_value(payer);
    out.put_value(charge);
  }
  for (const auto charge : summary.charge_at_risk_by_kind) out.put_value(charge);
}

/// Adds a part's summary to the run's.
void add_summary(byte_reader& in, run_summary& summary) {
  summary.claims_read += in.get<std::uint64_t>();
  summary.claims_rejected += in.get<std::uint64_t>();
  summary.lines_read += in.get<std::uint64_t>();
  for (auto& count : summary.findings_by_kind) count += in.get<std::uint64_t>();
  decimal total;
  in.get_value(total);
  const auto payers = in.get<std::uint32_t>();
  decimal payers_total;
  for (std::uint32_t i = 0; i < payers; ++i) {
    const auto payer = in.get_text();
    decimal charge;
    in.get_value(charge);
    summary.add_at_risk(payer, charge);  // the run's total too, checked for overflow
    payers_total += charge;
  }
  if (payers_total != total) in.damaged();  // each line's charge is under its payer
  for (auto& charge : summary.charge_at_risk_by_kind) {
    decimal more;
    in.get_value(more);
    charge += more;
  }
}

/// The claims, after the names of the inputs they were read from (a few, for many claims); gives
/// their places in order, by which the usage names its claim (its number among them).
std::vector<claim_file::place> put_claims(byte_writer& out, const run_claims& claims) {
  std::unordered_map<std::uint32_t, std::uint32_t> input_number;
  std::vector<std::string_view> inputs;
  std::vector<claim_file::place> places;
  places.reserve(claims.size());
  for_each_claim(claims.file(), [&](claim_file::place at, const stored_claim& claim) {
    places.push_back(at);
    if (input_number.try_emplace(claim.source_input, inputs.size()).second) {
      inputs.push_back(claims.party(claim.source_input));
    }
  });
  out.put(static_cast<std::uint32_t>(inputs.size()));
  for (const auto input : inputs) out.put_value(input);
  out.put(static_cast<std::uint32_t>(claims.size()));
  for_each_claim(claims.file(), [&](claim_file::place, const stored_claim& claim) {
    out.put_value(claim.claim_id);
    out.put_value(claim.original_id);
    out.put_value(claim.member_id);
    out.put_value(claims.party(claim.payer));
    out.put(static_cast<char>(claim.frequency));
    out.put(claim.sequence);
    out.put(input_number.at(claim.source_input));
    out.put(claim.source_position);
  });
  return places;
}

/// Adds a part's claims to the run; gives what each added is known by.
std::vector<run_claims::added> add_claims(byte_reader& in, run_claims& claims,
                                          std::uint64_t first_position) {
  std::vector<std::string_view> inputs(in.get<std::uint32_t>());
  for (auto& input : inputs) input = in.get_text();
  const auto count = in.get<std::uint32_t>();
  std::vector<run_claims::added> added;
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto claim_id = in.get_text();
    const auto original_id = in.get_text();
    const auto member_id = in.get_text();
    const auto payer_id = in.get_text();
    const char code = in.get<char>();
    const auto frequency = parse_claim_frequency(std::string_view(&code, 1));
    if (!frequency) in.damaged();
    const auto sequence = first_position + in.get<std::uint64_t>();
    const auto input = in.get<std::uint32_t>();
    if (input >= inputs.size()) in.damaged();
    added.push_back(claims.add(claim_id, original_id, member_id, payer_id, *frequency, sequence,
                               inputs[input], in.get<std::uint64_t>()));
  }
  return added;
}

void put_usage(byte_writer& out, const run_state& run,
               const std::vector<claim_file::place>& claim_places) {
  const auto usage = run.usage.all();
  out.put(static_cast<std::uint64_t>(usage.size()));
  for (const auto& use : usage) {
    const auto claim = std::lower_bound(claim_places.begin(), claim_places.end(), use.claim);
    out.put(use.row);
    out.put_value(use.first_day);
    out.put_value(use.last_day);
    out.put(use.line);
    out.put(static_cast<std::uint32_t>(claim - claim_places.begin()));
    out.put(static_cast<std::uint8_t>(use.code != run_usage::no_code));
    if (use.code != run_usage::no_code) out.put_value(run.claims.party(use.code));
    out.put(flags_of(use));
    out.put(use.sequence);
    out.put(use.source_position);
    out.put_value(use.units);
    out.put_value(use.charge);
  }
}

void add_usage(byte_reader& in, run_state& run, const std::vector<run_claims::added>& claims,
               std::uint64_t first_position) {
  const auto count = in.get<std::uint64_t>();
  const auto rows = run.checker->index().size();
  for (std::uint64_t i = 0; i < count; ++i) {
    run_usage use;
    use.row = in.get<authorization_index::row_id>();
    in.get_value(use.first_day);
    in.get_value(use.last_day);
    use.line = in.get<std::uint32_t>();
    const auto claim = in.get<std::uint32_t>();
    if (use.row >= rows || claim >= claims.size()) in.damaged();
    use.claim = claims[claim].at;
    use.payer = claims[claim].payer;
    use.set_claim_id(claims[claim].words);
    if (in.get<std::uint8_t>() != 0) use.code = run.claims.note_code(in.get_text());
    const auto flags = in.get<std::uint8_t>();
    if (flags > 3) in.damaged();
    set_flags(use, flags);
    use.sequence = first_position + in.get<std::uint64_t>();
    use.source_position = in.get<std::uint64_t>();
    in.get_value(use.units);
    in.get_value(use.charge);
    run.usage.add(use, data_of(run.checker->index()).row(use.row).number);
  }
}

}  // namespace

void byte_reader::damaged() const {
  throw input_error({std::string(what_), 0, 0},
                    "damaged: it ends too soon or holds a value out of range");
}

std::string encode_part(run_state& run) {
  std::string bytes;
  byte_writer out(bytes);
  out.put_value(magic);
  out.put(part_version);
  out.put(byte_order_mark);
  out.put(static_cast<std::uint64_t>(run.checker->index().size()));
  out.put(run.sequence);
  put_summary(out, run.summary);
  const auto claim_places = put_claims(out, run.claims);
  put_usage(out, run, claim_places);

  // Each finding: its position, its kind and the finding encoded (as text: its size first).
  out.put(run.spool.size());
  std::string encoded;
  finding_spool::record spooled;
  while (run.spool.read(spooled)) {
    out.put(spooled.sequence);
    out.put_value(spooled.kind);
    if (spooled.written) {
      encoded.clear();
      byte_writer(encoded).put_finding(*spooled.written);
      out.put_value(encoded);
    } else {
      out.put_value(spooled.payload);
    }
  }
  return bytes;
}

void append_part(run_state& run, std::string_view part, std::string_view name,
                 const std::function<void(const part_finding& found)>& add) {
  const auto refuse = [name](const std::string& why) {
    throw input_error({std::string(name), 0, 0}, why);
  };
  std::string start;
  byte_writer(start).put_value(magic);
  if (!part.starts_with(start)) refuse("not a part of a run: it does not start as one");
  byte_reader in(part.substr(start.size()), name);
  if (const auto version = in.get<std::uint32_t>(); version != part_version) {
    refuse(
        fmt::format("a part of version {}, this is version {}: judge every part with the "
                    "same version of authmatch",
                    version, part_version));
  }
  if (in.get<std::uint32_t>() != byte_order_mark) {
    refuse("a part written on a machine of another byte order");
  }
  const auto rows = in.get<std::uint64_t>();
  if (rows != run.checker->index().size()) {
    refuse(
        fmt::format("judged against {} authorization rows, this run has {}: every part must "
                    "be judged against the same authorizations",
                    rows, run.checker->index().size()));
  }
  const std::uint64_t first_position = run.sequence;
  run.sequence += in.get<std::uint64_t>();
  add_summary(in, run.summary);
  const auto claims = add_claims(in, run.claims, first_position);
  add_usage(in, run, claims, first_position);

  const auto findings = in.get<std::uint64_t>();
  part_finding found;
  for (std::uint64_t i = 0; i < findings; ++i) {
    found.at = first_position + in.get<std::uint64_t>();
    in.get_value(found.kind);
    found.encoded = in.get_text();
    byte_reader encoded(found.encoded, name);
    encoded.skip_finding();  // a damaged finding is found here, not when it is handed out
    if (!encoded.empty()) encoded.damaged();
    add(found);
  }
  if (!in.empty()) in.damaged();
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
