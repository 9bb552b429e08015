// authmatch-synth: writes a deterministic synthetic 837P or 837I file, the authorizations CSV
// its claims are meant to be checked against, and (optionally) the claim lines an 837 reader
// must find in it. `--read FILE` reads an 837 with authmatch's reader and prints its counts,
// which checks a generated file and measures the reader on its own. `--remit-out FILE` writes the
// payers' 835 for the claims (remittance.hpp), `--remit-truth FILE` each decision it holds.

#include "generator.hpp"
#include "remittance.hpp"
#include "tracker.hpp"

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/x12/reader.hpp>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace {

struct file_closer {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using file_ptr = std::unique_ptr<std::FILE, file_closer>;

file_ptr open_for_writing(const std::string& path) {
  file_ptr file(std::fopen(path.c_str(), "wb"));
  if (!file) throw std::runtime_error(fmt::format("cannot open {} for writing", path));
  return file;
}

void write_text(const std::string& path, std::string_view text) {
  const file_ptr file = open_for_writing(path);
  if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size() ||
      std::fflush(file.get()) != 0) {
    throw std::runtime_error(fmt::format("cannot write {}", path));
  }
}

/// Writes the payer's 835 (and the truth of its decisions) for the lines `payer` kept.
void write_remittance(authmatch::synth::remittance_writer& payer,
                      const authmatch::synth::batch_judgements& judged,
                      const std::string& remit_out, const std::optional<std::string>& truth_out) {
  const file_ptr remit_file = open_for_writing(remit_out);
  file_ptr truth_file;
  authmatch::synth::output remit(remit_file.get());
  std::optional<authmatch::synth::output> truth;
  if (truth_out) {
    truth_file = open_for_writing(*truth_out);
    truth.emplace(truth_file.get());
  }
  const auto totals = payer.write(judged, remit, truth ? &*truth : nullptr);
  remit.flush();
  if (truth) truth->flush();
  for (std::FILE* f : {remit_file.get(), truth_file.get()}) {
    if (f != nullptr && std::fflush(f) != 0) throw std::runtime_error("cannot write the output");
  }
  fmt::print(stderr,
             "authmatch-synth: 835 of {} claims, {} lines: {} denials predicted, {} paid anyway; "
             "{} authorization denials, {} of them unforeseen, {} for a rule the kept rules "
             "omit; {} denials for other reasons\n",
             totals.claims, totals.lines, totals.predicted, totals.paid_anyway,
             totals.authorization_denials, totals.unforeseen, totals.rule_omitted,
             totals.other_denials);
  for (const auto& omitted : judged.omitted) {
    fmt::print(stderr,
               "authmatch-synth: the kept rules say {} needs no authorization with {}; the payer "
               "requires it\n",
               omitted.code, omitted.payer_id);
  }
}

/// Counts claims and lines and drops them.
class counting_sink final : public authmatch::claim_sink {
 public:
  void on_claim(std::span<const authmatch::claim_line>) override {}
  void on_rejected(authmatch::finding) override {}
};

int read_only(const std::string& path) {
  counting_sink sink;
  const auto start = std::chrono::steady_clock::now();
  const auto stats = authmatch::x12::read_837_file(path, sink);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(
      "bytes {}\nsegments {}\ninterchanges {}\ntransactions {}\nclaims_read {}\n"
      "claims_rejected {}\nlines_read {}\ndiagnostics {}\nseconds {:.2f}\nMB/s {:.0f}\n",
      stats.bytes, stats.segments, stats.interchanges, stats.transactions, stats.claims_read,
      stats.claims_rejected, stats.lines_read, stats.diagnostics, seconds,
      static_cast<double>(stats.bytes) / 1e6 / seconds);
  return stats.claims_rejected == 0 && stats.diagnostics == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"authmatch-synth: deterministic synthetic 837 claims and their authorizations"};
  std::string kind = "837P";
  authmatch::synth::options opts;
  std::string out = "-";
  std::optional<std::string> auths_out, lines_out, enrollment_out, rules_out, read_path, delimiters;
  std::optional<std::string> remit_out, remit_truth;
  authmatch::synth::remittance_options remit;
  bool no_newlines = false;
  app.add_option("--kind", kind, "837P (professional) or 837I (institutional)")
      ->check(CLI::IsMember({"837P", "837I"}));
  app.add_option("--claims", opts.claims, "Number of claims (default 100)");
  app.add_option("--bytes", opts.target_bytes,
                 "Write claims until the 837 is at least this many bytes (instead of --claims)");
  app.add_option("--seed", opts.seed, "Seed: the same seed gives the same files (default 1)");
  app.add_option("--members", opts.members,
                 "Members with authorizations (about 1.8 authorization rows each; default: a "
                 "quarter of the claims, at most 40000)");
  app.add_option("--problem-share", opts.problem_share,
                 "Share of lines with a planted problem, 0 to 1 (0.05: a realistic batch, where "
                 "every other line is clean). Default: the dense mix, where most lines carry "
                 "one or more")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--out,-o", out, "The 837 file ('-' for stdout, the default)");
  app.add_option("--auths-out", auths_out, "Write the authorizations CSV here");
  app.add_option("--lines-out", lines_out,
                 "Write the claim lines a reader must find, as a claim-lines CSV, with a last "
                 "column expected_kinds: the provider enrollment, referral, level-of-care and "
                 "component findings each line must get with --rules-out and --enrollment-out "
                 "(with --remit-out, but on the lines of the pair --rules-out omits)");
  app.add_option("--enrollment-out", enrollment_out,
                 "Write the providers' enrollment roster (two therapists pending with 61101, a "
                 "billing provider terminated with 77350)");
  app.add_option("--rules-out", rules_out,
                 "Write the rules: every code needs authorization, and the HMO's (60054) a "
                 "referral too; with --remit-out, but for one payer and code (chosen from the "
                 "seed) that the payer still requires authorization for");
  app.add_option("--remit-out", remit_out,
                 "Write the payers' 835 for the claims, decided as authmatch judges them with "
                 "the generated authorizations, the payer's rules and the roster, but for a share "
                 "of surprises (needs --out FILE)");
  app.add_option("--remit-surprises", remit.surprises,
                 "Share of lines whose decision a tracker could not know (default 0.05): "
                 "CO-197 on a line authmatch passes, a denial for another reason, a predicted "
                 "denial paid. Besides, every line of the pair --rules-out omits that the payer's "
                 "rules deny is denied (rule_omitted): with CO-197 where authmatch passes it")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--remit-truth", remit_truth,
                 "Write each service line of the 835 with the payer's decision, as CSV");
  app.add_option("--delimiters", delimiters,
                 "Four characters: element, component, repetition, segment (default *:^~)");
  app.add_flag("--no-newlines", no_newlines, "No line break after segment terminators");
  app.add_option("--claims-per-transaction", opts.claims_per_transaction,
                 "Claims per ST..SE (default 5000)")
      ->check(CLI::PositiveNumber);
  app.add_option("--read", read_path,
                 "Read this 837 with authmatch's reader and print its counts (nothing is "
                 "generated); exit 1 if a claim was rejected or anything was reported");
  std::optional<std::string> tracker_out, schedule_out;
  app.add_option("--tracker-out", tracker_out,
                 "Write the authorizations again with the tracker's columns (requested_date, "
                 "priority, next_action, next_action_due) here, for authmatch review; its dates "
                 "are set around a review --as-of 2026-07-01, by when some rows have used most "
                 "of their quantity");
  app.add_option("--schedule-out", schedule_out,
                 "With --tracker-out: write the services scheduled in the three weeks after "
                 "2026-07-01 as a claim-lines CSV, for review --schedule");
  CLI11_PARSE(app, argc, argv);

  try {
    if (read_path) return read_only(*read_path);
    opts.kind = kind == "837I" ? authmatch::synth::claim_kind::institutional
                               : authmatch::synth::claim_kind::professional;
    if (delimiters) {
      if (delimiters->size() != 4) throw std::runtime_error("--delimiters takes four characters");
      opts.delims.element = (*delimiters)[0];
      opts.delims.component = (*delimiters)[1];
      opts.delims.repetition = (*delimiters)[2];
      opts.delims.segment = (*delimiters)[3];
    }
    opts.delims.newline = !no_newlines;
    if (remit_truth && !remit_out) throw std::runtime_error("--remit-truth needs --remit-out");
    if (schedule_out && !tracker_out)
      throw std::runtime_error("--schedule-out needs --tracker-out");
    if (remit_out && out == "-") {
      throw std::runtime_error("--remit-out needs --out FILE: the claims are read back from it");
    }
    remit.seed = opts.seed;
    remit.delims = opts.delims;
    authmatch::synth::remittance_writer payer(remit);
    // The payer judges with the generated authorizations, rules and roster: keep them.
    std::string kept_auths, kept_enrollment, kept_rules;

    file_ptr x12_file, auths_file, lines_file, enrollment_file, rules_file;
    std::FILE* x12_stream = stdout;
    if (out != "-") {
      x12_file = open_for_writing(out);
      x12_stream = x12_file.get();
    }
    authmatch::synth::output x12(x12_stream);
    std::optional<authmatch::synth::output> auths, lines;
    std::optional<authmatch::synth::output> enrollment, rules;
    if (remit_out) {
      auths.emplace(kept_auths);
      enrollment.emplace(kept_enrollment);
      rules.emplace(kept_rules);
    }
    if (auths_out && !remit_out) {
      auths_file = open_for_writing(*auths_out);
      auths.emplace(auths_file.get());
    }
    if (enrollment_out && !remit_out) {
      enrollment_file = open_for_writing(*enrollment_out);
      enrollment.emplace(enrollment_file.get());
    }
    if (rules_out && !remit_out) {
      rules_file = open_for_writing(*rules_out);
      rules.emplace(rules_file.get());
    }
    std::string auth_text;  // the authorizations for the tracker, when they go to no file
    if (tracker_out && !auths_out && !remit_out) auths.emplace(auth_text);
    std::function<void(const authmatch::synth::expected_line&)> on_line;
    if (remit_out) on_line = [&](const authmatch::synth::expected_line& line) { payer.add(line); };
    std::string row;
    if (lines_out) {
      lines_file = open_for_writing(*lines_out);
      lines.emplace(lines_file.get());
      auto header = std::string(authmatch::synth::claim_lines_header());
      header.insert(header.size() - 1, ",expected_kinds");
      lines->write(header);
      on_line = [&](const authmatch::synth::expected_line& line) {
        row.clear();
        authmatch::synth::append_claim_line_row(row, line);
        row.insert(row.size() - 1, ",");
        row.insert(row.size() - 1, line.expected_kinds);
        lines->write(row);
        if (remit_out) payer.add(line);
      };
    }
    const auto totals =
        authmatch::synth::generate(opts, x12, auths ? &*auths : nullptr, on_line,
                                   enrollment ? &*enrollment : nullptr, rules ? &*rules : nullptr);
    x12.flush();
    for (auto* written : {&auths, &lines, &enrollment, &rules}) {
      if (*written) (*written)->flush();
    }
    for (std::FILE* f : {x12_stream, auths_file.get(), lines_file.get(), enrollment_file.get(),
                         rules_file.get()}) {
      if (f != nullptr && std::fflush(f) != 0) throw std::runtime_error("cannot write the output");
    }
    if (tracker_out) {
      if (remit_out) {
        auth_text = kept_auths;
      } else if (auths_out) {
        auth_text = authmatch::read_file(*auths_out);
      }
      const file_ptr tracker_file = open_for_writing(*tracker_out);
      authmatch::synth::output tracker(tracker_file.get());
      const auto t = authmatch::synth::write_tracker(auth_text, opts.seed, tracker);
      tracker.flush();
      if (std::fflush(tracker_file.get()) != 0) throw std::runtime_error("cannot write the output");
      fmt::print(stderr,
                 "authmatch-synth: tracker of {} rows: {} pending, {} expedited, {} with a "
                 "next action, {} with under 20% left\n",
                 t.rows, t.pending, t.expedited, t.with_next_action, t.mostly_used);
      if (schedule_out) {
        const file_ptr schedule_file = open_for_writing(*schedule_out);
        authmatch::synth::output schedule(schedule_file.get());
        const auto scheduled = authmatch::synth::write_schedule(auth_text, opts.seed, schedule);
        schedule.flush();
        if (std::fflush(schedule_file.get()) != 0) {
          throw std::runtime_error("cannot write the output");
        }
        fmt::print(stderr, "authmatch-synth: {} scheduled services\n", scheduled);
      }
    }
    fmt::print(stderr,
               "authmatch-synth: {} claims, {} lines, {} bytes of {}, {} authorization rows\n",
               totals.claims, totals.lines, totals.x12_bytes, kind, totals.authorizations);
    if (remit_out) {
      const auto judged = payer.judge_batch(
          [&](authmatch::claim_sink& sink) { authmatch::x12::read_837_file(out, sink); },
          kept_auths, kept_rules, kept_enrollment);
      // The run is given the rules that omit a pair the payer requires (judged.run_rules).
      for (const auto& [path, text] :
           {std::pair<std::optional<std::string>*, const std::string*>{&auths_out, &kept_auths},
            {&enrollment_out, &kept_enrollment},
            {&rules_out, &judged.run_rules}}) {
        if (*path) write_text(**path, *text);
      }
      write_remittance(payer, judged, *remit_out, remit_truth);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "authmatch-synth: {}\n", e.what());
    return 2;
  }
  return 0;
}
