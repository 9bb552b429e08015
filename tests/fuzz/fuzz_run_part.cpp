// libFuzzer entry point for runs in parts. Each input is read as an 837 twice: in one run, and
// cut at a claim (chosen by the input) into two parts judged apart and joined; both must write
// the same findings, sources included, and the same summary. A part damaged at a byte chosen by
// the input must then be refused (authmatch::input_error) or joined, never crash. Any
// disagreement aborts, so the fuzzer reports it as a crash.

#include <authmatch/authmatch.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_run_part: invariant broken: %s\n", what);
  std::abort();
}

/// An authorization with a few units, so that settlement has usage to order.
const authmatch::authorization_index& fuzz_index() {
  static const authmatch::authorization_index index = [] {
    authmatch::authorization_index built;
    authmatch::authorization a;
    a.auth_number = "A1";
    a.payer_id = "61101";
    a.member_id = "W100200300";
    a.code = "97110";
    a.units = authmatch::decimal::from_integer(3);
    a.effective_date = authmatch::date(2020, 1, 1);
    a.expiration_date = authmatch::date(2030, 12, 31);
    built.add(a);
    return built;
  }();
  return index;
}

/// Holds each claim's lines (and rejections) to add them later, to one run or another.
class claims_held final : public authmatch::claim_sink {
 public:
  struct claim {
    std::vector<authmatch::claim_record> lines;
    std::optional<authmatch::finding> rejected;
  };
  std::vector<claim> claims;
  std::vector<authmatch::finding> faults;

  void on_claim(std::span<const authmatch::claim_line> lines) override {
    auto& held = claims.emplace_back();
    for (const auto& line : lines) held.lines.emplace_back(line);
  }
  void on_rejected(authmatch::finding unreadable) override {
    claims.emplace_back().rejected = std::move(unreadable);
  }
  void on_diagnostic(const authmatch::x12::diagnostic&) override {}
};

void add(authmatch::validation_run& run, const claims_held::claim& c) {
  if (c.rejected) {
    run.reject_claim(*c.rejected);
    return;
  }
  std::vector<authmatch::claim_line> views;
  for (const auto& line : c.lines) views.push_back(line.view());
  run.add_claim(views);
}

struct outcome {
  std::string text;
  std::string summary;
};

outcome finished(authmatch::validation_run& run, std::string& text) {
  const auto summary = std::move(run).finish();
  return {text, authmatch::to_json(summary, true)};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace authmatch;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  claims_held held;
  try {
    x12::read_837_buffer(input, "fuzz.837", held);
  } catch (const input_error&) {
    return 0;  // not X12: refused as a whole
  }
  const validator checker(fuzz_index());
  const auto text_of = [](std::string& text) {
    return [&text](finding& f) { text += to_json(f, source_field::written) + "\n"; };
  };

  std::string one_text;
  validation_run one(checker, text_of(one_text));
  for (const auto& c : held.claims) add(one, c);
  const auto expected = finished(one, one_text);

  const std::size_t cut = size == 0 ? 0 : data[0] % (held.claims.size() + 1);
  // The parts and the joined run keep three usage records in memory (the rest wait on disk) and
  // the joined run settles on two threads: what one run holding everything finds all the same.
  const run_options little_memory{nullptr, 1, 3 * 64};  // three 64-byte usage records
  std::vector<std::string> parts;
  for (const auto& [from, to] : {std::pair<std::size_t, std::size_t>(0, cut),
                                 std::pair<std::size_t, std::size_t>(cut, held.claims.size())}) {
    validation_run part(
        checker, [](finding&) { require(false, "a part hands out nothing"); }, little_memory);
    for (std::size_t i = from; i < to; ++i) add(part, held.claims[i]);
    parts.push_back(std::move(part).finish_part());
  }
  std::string joined_text;
  validation_run joined(checker, text_of(joined_text), {nullptr, 2, little_memory.memory_budget});
  for (const auto& part : parts) joined.add_part(part);
  const auto found = finished(joined, joined_text);
  require(found.text == expected.text, "parts give the findings of one run");
  require(found.summary == expected.summary, "parts give the summary of one run");

  // One byte of the first part changed: refused or joined, never a crash.
  if (size >= 2 && !parts[0].empty()) {
    auto damaged = parts[0];
    damaged[data[size - 1] % damaged.size()] ^= static_cast<char>(data[size - 2] | 1);
    validation_run run(checker, [](finding&) {});
    try {
      run.add_part(damaged);
      std::move(run).finish();
    } catch (const input_error&) {
    }
  }
  return 0;
}
