#ifndef AUTHMATCH_VALIDATOR_HPP
#define AUTHMATCH_VALIDATOR_HPP

#include <authmatch/auth_rules.hpp>
#include <authmatch/authorization_index.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/claim_sink.hpp>
#include <authmatch/enrollment.hpp>
#include <authmatch/finding.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

class utilization_ledger;
class payer_profiles;

/// The longest `auth_expiring_soon` lead time the command and the bindings take: ten years.
inline constexpr int max_expiring_days = 3650;

/// What a validator warns about besides denials. Both warnings have severity `warn` and no CARC.
struct validator_options {
  /// `auth_expiring_soon` when the authorization ends within this many days after the last day
  /// of service (30: the usual renewal lead time). nullopt turns the warning off.
  std::optional<int> expiring_within_days = 30;
  /// `units_low` when what remains after a line is below this share of the approved quantity
  /// (0.2 = 20%). nullopt turns the warning off.
  std::optional<decimal> units_low_below = decimal::from_thousandths(200);
  /// Per-payer adjustment codes (payer_profiles.hpp); nullptr: the default codes. Must outlive
  /// the validator.
  const payer_profiles* profiles = nullptr;
};

/// Checks claim lines against an authorization index and, when given one, a provider enrollment
/// roster. Holds references only: the index, the rules and the roster must outlive it. All
/// member functions are const and safe to call from several threads.
class validator {
 public:
  /// Without rules every line requires authorization. With an enrollment roster, each line's
  /// rendering and billing NPI are checked in it as well (provider_not_enrolled); without one,
  /// enrollment is not checked.
  explicit validator(const authorization_index& index, const auth_rules* rules = nullptr,
                     validator_options options = {},
                     const enrollment_roster* enrollment = nullptr) noexcept
      : index_(&index), rules_(rules), enrollment_(enrollment), options_(options) {}
  /// A validator keeps a reference: it cannot be built over a temporary index.
  validator(authorization_index&& index, const auth_rules* rules = nullptr,
            validator_options options = {}, const enrollment_roster* enrollment = nullptr) = delete;

  const authorization_index& index() const noexcept { return *index_; }
  const auth_rules* rules() const noexcept { return rules_; }
  const enrollment_roster* enrollment() const noexcept { return enrollment_; }
  const validator_options& options() const noexcept { return options_; }

  /// Whether the payer needs an authorization for this line of a claim (`claim`: the claim's
  /// lines, this one among them, for rules that apply only when the claim bills other codes):
  /// without rules, yes. With a line alone, the line is a claim of its own.
  bool requires_auth(const claim_line& line, std::span<const claim_line> claim = {}) const noexcept;
  /// Whether the payer needs a referral for this line of a claim: without rules, no.
  bool requires_referral(const claim_line& line,
                         std::span<const claim_line> claim = {}) const noexcept;

  /// Validates one batch of lines (of one or more claims, consecutive lines of a claim together):
  /// units are consumed in date-of-service order. Findings come in input order.
  std::vector<finding> validate(std::span<const claim_line> lines) const;

 private:
  const authorization_index* index_;
  const auth_rules* rules_;
  const enrollment_roster* enrollment_;
  validator_options options_;
};

/// Counts of one run.
struct run_summary {
  std::uint64_t claims_read = 0;      ///< validated + rejected
  std::uint64_t claims_rejected = 0;  ///< unreadable: nothing of them was validated
  std::uint64_t lines_read = 0;       ///< lines of validated claims
  std::array<std::uint64_t, finding_kind_count> findings_by_kind{};
  decimal charge_at_risk;  ///< total charge of lines with at least one `deny` finding
  /// charge_at_risk by the lines' payer ID (as findings carry it): each line's charge once.
  /// Payers with no charge at risk are left out.
  std::map<std::string, decimal, std::less<>> charge_at_risk_by_payer;
  /// By finding kind: the charge of the lines with a `deny` finding of that kind, each line once
  /// per kind. A line denied for two kinds counts under both, so the kinds may add up to more
  /// than charge_at_risk.
  std::array<decimal, finding_kind_count> charge_at_risk_by_kind{};

  /// Adds a line's charge to charge_at_risk and to its payer's; throws std::overflow_error
  /// rather than wrap (a total beyond 9.2e15 needs 92 million lines at the largest charge, see
  /// limits.hpp). Call it once per line.
  void add_at_risk(std::string_view payer_id, decimal charge);
  /// Adds a line's charge to a kind's, once per line and kind. No total of a kind exceeds
  /// charge_at_risk, so none can overflow once add_at_risk did not.
  void add_kind_at_risk(finding_kind kind, decimal charge) noexcept {
    charge_at_risk_by_kind[static_cast<std::size_t>(kind)] += charge;
  }
  decimal kind_at_risk(finding_kind kind) const noexcept {
    return charge_at_risk_by_kind[static_cast<std::size_t>(kind)];
  }

  std::uint64_t claims_validated() const noexcept { return claims_read - claims_rejected; }
  std::uint64_t findings(finding_kind kind) const noexcept {
    return findings_by_kind[static_cast<std::size_t>(kind)];
  }
};

namespace detail {
struct run_engine;
}

/// Receives a run's findings one at a time, in input order (a line's findings in the order of
/// finding_kind), on the thread that calls the run. It may move from the finding.
using finding_handler = std::function<void(finding& found)>;

/// Writes a finding out as text (one JSON line, one CSV row, with its line end) at the end of
/// `text`.
using finding_formatter = std::function<void(const finding& found, std::string& text)>;

/// A run's findings handed out as text: the findings wait in a short encoded form (fewer bytes
/// than their text), `format` writes each as it is handed out, and `write` receives the texts in
/// the order a finding_handler would get the findings, on the thread that calls the run. With
/// run_options::threads above 1 the run's threads share the formatting: `format` is then called
/// on several threads at once (each time on another finding and text), and `write` receives the
/// texts of several findings at once; the bytes written are the same.
struct text_output {
  finding_formatter format;
  std::function<void(std::string_view text)> write;
};

/// The most threads a run takes (run_options::threads): the range of the command's --threads
/// and of the Python runs' threads=.
inline constexpr unsigned max_threads = 256;

/// The machine's cores, 1 to max_threads: the default of the command's --threads and of the
/// Python runs' threads=.
unsigned default_threads() noexcept;

/// How a run works besides where its findings go.
struct run_options {
  /// Usage recorded across runs: the run starts from what the ledger holds for other claims
  /// and finish() records its own in one transaction. Must outlive the run.
  utilization_ledger* ledger = nullptr;
  /// Threads judging lines while claims are added, and settling usage in finish(); 1 does
  /// everything on the calling thread. The findings, their order and the summary are the same
  /// for any number.
  unsigned threads = 1;
  /// Bytes of usage records (each use of an authorization or referral costs about 32, packed)
  /// held in memory until finish(); past it they wait in an unnamed temporary file and are settled
  /// a partition at a time. The units findings settlement makes (units_exceeded, referral_exceeded,
  /// units_low; 104 bytes each) are held within the same budget again, and past it wait in a
  /// temporary file until they are handed out. Finding replacement chains compares the hashes of
  /// claim IDs (8 bytes each) a quarter of the budget at a time (65,536 at least). 0 holds them all
  /// in memory.
  std::size_t memory_budget = std::size_t{64} << 20;
};

/// A batch run over any number of claims from any number of inputs. Each claim is judged as it
/// is added; what the claims use of their authorizations is settled by finish(), in
/// date-of-service order (ties: claim ID, then line number), never in input order.
///
/// Each claim counts once: of the claims of one claim ID (or naming it as the original, REF*F8),
/// a void (frequency 8) wins and releases the usage, else the last replacement (7), else the last
/// original. With a ledger, the run starts from the usage recorded by earlier runs for other
/// claims, and records its own in one transaction, replacing what the ledger held for its claims.
///
/// Where the findings go is fixed when the run is made: a finding_handler, or a text_output
/// (what the command uses: findings are written out as text as they are handed out). A run
/// holds its findings until it hands them out, each as what it changed from those before it, in
/// an unnamed temporary file (in $TMPDIR, else /tmp) past a megabyte of them, and its claims in
/// another past a megabyte. What grows with the input is about 32 bytes for each use of an
/// authorization or referral (packed) up to run_options::memory_budget (past it they wait in a
/// temporary file too), and 104 for each units_exceeded or units_low finding settlement makes, up
/// to the budget too. finish() settles the usage of each partition of authorization numbers alone,
/// on the run's threads.
///
///     std::vector<authmatch::finding> found;
///     authmatch::validation_run run(checker, [&](authmatch::finding& f) {
///       found.push_back(std::move(f));
///     });
///     for (each claim) run.add_claim(lines);   // or run.reject_claim(unreadable_finding)
///     const authmatch::run_summary summary = std::move(run).finish();
///
/// A run is the claim_sink every reader feeds: `read_837_file(path, run)`, `file.feed(run)`.
///
/// The run keeps a reference to the validator (and so to its index, rules and roster): they
/// must outlive it, which is why a run cannot be made over a temporary validator.
class validation_run final : public claim_sink {
 public:
  validation_run(const validator& checker, finding_handler out, run_options options = {});
  validation_run(const validator& checker, text_output out, run_options options = {});
  template <typename Output>
  validation_run(validator&& checker, Output&& out, run_options options = {}) = delete;
  validation_run(validation_run&&) noexcept;
  validation_run& operator=(validation_run&&) noexcept;
  ~validation_run() override;

  /// Judges the lines of one claim. The lines need to stay valid only during the call.
  void add_claim(std::span<const claim_line> lines);

  /// Accounts for a claim that could not be read; `unreadable` is reported as it is.
  void reject_claim(finding unreadable);

  /// Reports a fault of the input outside any claim's lines (an `input_fault`, see
  /// x12::to_finding), in input order; it counts no claim.
  void report_input_fault(finding fault);

  /// As a claim_sink: on_claim adds the claim, on_rejected rejects it, and a diagnostic that is
  /// a fault (x12::is_fault) becomes an `input_fault` finding; the others are left to the
  /// caller, who may show them (the reader counts them in its read_stats).
  void on_claim(std::span<const claim_line> lines) override { add_claim(lines); }
  void on_rejected(finding unreadable) override { reject_claim(std::move(unreadable)); }
  void on_diagnostic(const x12::diagnostic& found) override;

  /// Hands out now the findings that no later claim can change: those of every claim added so
  /// far, except the ones finish() settles (units_exceeded, referral_exceeded and units_low, which
  /// depend on lines of earlier dates still to come, and claim_replaced / claim_voided). Lets a
  /// caller stream the findings of a long run instead of waiting for its end.
  void hand_out_settled();

  /// Like hand_out_settled(), without waiting for the claims still being judged on the run's
  /// threads: hands out the findings of the claims judged so far (with one thread, of every
  /// claim added). How far that reaches depends on the threads' progress, the findings' order
  /// does not, as long as hand_out_settled() is called once more before finish(): finish()
  /// places the findings still held among those it settles, by line. The run's threads wait
  /// to record what they judged while the findings are handed out: keep the handler short.
  void hand_out_judged();

  /// Settles usage (and records it in the ledger, when there is one), hands out every finding
  /// not handed out yet, and returns the summary of the whole run.
  run_summary finish() &&;

  /// Ends a run over one part of a larger batch without settling it: returns, as bytes, what
  /// finish() would settle (the claims, the usage their lines would make of authorization rows,
  /// the findings that depend on no other line, the counts). Nothing is handed out and nothing
  /// is recorded in a ledger. Another run given every part by add_part(), in input order, then
  /// finishes as one run over all of their inputs: the same findings, in the same order, and
  /// the same summary (docs/scale-out.md). Throws std::logic_error for a run that writes text.
  std::string finish_part() &&;

  /// Adds a part made by finish_part() after the claims added so far, as if this run had read
  /// its input. Every part must be judged by a validator over the same authorizations, rules,
  /// enrollment and options as this run's, and with the same version of authmatch; a part of
  /// another number of authorization rows, version or byte order, or damaged, throws
  /// authmatch::input_error whose position names the part as `name`.
  void add_part(std::string_view part, std::string_view name = "part");

 private:
  std::unique_ptr<detail::run_engine> state_;
};

}  // namespace v0
}  // namespace authmatch

#endif
