#ifndef AUTHMATCH_PYTHON_BINDINGS_HPP
#define AUTHMATCH_PYTHON_BINDINGS_HPP

// What the parts of the extension share: the index and validator as Python holds them, how a
// run is fed and what it returns, and one bind_* function per Python class family.

#include "writer_first_mutex.hpp"

#include <authmatch/auth_rules.hpp>
#include <authmatch/authorization_index.hpp>
#include <authmatch/enrollment.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/ledger.hpp>
#include <authmatch/payer_profiles.hpp>
#include <authmatch/validator.hpp>

#include <pybind11/pybind11.h>
#include <boost/container/deque.hpp>
#include <boost/container/options.hpp>

#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

namespace authmatch::python {

namespace py = pybind11;

/// The index behind a Python AuthorizationIndex, shared with every Validator built on it.
/// Rows are only ever appended: add() takes the lock exclusively (with the GIL released, so a
/// validation holding the shared lock can always finish); validations hold it shared while they
/// run without the GIL. A waiting add() goes before validations that start after it.
struct shared_index {
  authorization_index index;
  mutable writer_first_mutex mutex;
};

/// A Python PayerProfiles: the profiles and the CSV they were loaded from, which is what they
/// pickle as. Never changed once loaded.
struct loaded_profiles {
  payer_profiles profiles;
  std::string csv;   ///< the file's contents
  std::string name;  ///< the path, or "<bytes>"
};

/// What a Python Validator holds: its index (shared), its own copy of the rules (so changing
/// the Rules object later cannot race with a validation), the enrollment roster and the payer
/// profiles (shared: they never change once loaded), and the C++ validator over them.
class validator_state {
 public:
  validator_state(std::shared_ptr<const shared_index> index, std::optional<auth_rules> rules,
                  validator_options options,
                  std::shared_ptr<const enrollment_roster> enrollment = nullptr,
                  std::shared_ptr<const loaded_profiles> profiles = nullptr)
      : index_(std::move(index)),
        rules_(std::move(rules)),
        enrollment_(std::move(enrollment)),
        profiles_(std::move(profiles)),
        checker_(index_->index, rules_ ? &*rules_ : nullptr, with_profiles(options, profiles_),
                 enrollment_.get()) {}
  validator_state(const validator_state&) = delete;
  validator_state& operator=(const validator_state&) = delete;

  const std::shared_ptr<const shared_index>& index() const noexcept { return index_; }
  const std::optional<auth_rules>& rules() const noexcept { return rules_; }
  const std::shared_ptr<const enrollment_roster>& enrollment() const noexcept {
    return enrollment_;
  }
  const std::shared_ptr<const loaded_profiles>& profiles() const noexcept { return profiles_; }
  const validator& checker() const noexcept { return checker_; }
  bool every_line_requires_auth() const noexcept { return !rules_.has_value(); }

  /// Runs fn() with the GIL released and the index locked for reading.
  template <typename Fn>
  void with_index(Fn&& fn) const {
    const py::gil_scoped_release release;
    const std::shared_lock lock(index_->mutex);
    fn();
  }

 private:
  static validator_options with_profiles(validator_options options,
                                         const std::shared_ptr<const loaded_profiles>& profiles) {
    options.profiles = profiles ? &profiles->profiles : nullptr;
    return options;
  }

  std::shared_ptr<const shared_index> index_;
  std::optional<auth_rules> rules_;
  std::shared_ptr<const enrollment_roster> enrollment_;
  std::shared_ptr<const loaded_profiles> profiles_;
  validator checker_;
};

/// A Python Ledger: the file a run records its usage into. Each run opens its own connection
/// (SQLite serializes the writers), so one Ledger may serve runs on several threads.
struct ledger_file {
  std::filesystem::path path;
  bool read_only = false;  ///< for reports only: runs refuse it
};
using ledger_ref = std::optional<std::filesystem::path>;

/// Findings as a run hands them out: a deque, so that a report of millions neither moves them
/// nor touches twice their memory as it grows, in blocks of 64 (std::deque's hold one finding
/// each, one allocation a finding).
using finding_list =
    boost::container::deque<finding, void,
                            boost::container::deque_options_t<boost::container::block_size<64>>>;

/// The outcome of one validation run, as a Python Report holds it.
struct report {
  finding_list findings;
  run_summary summary;
  bool every_line_requires_auth = false;
};

/// A validation run whose findings are collected until taken, recording into the ledger when
/// one is given. With `threads` above 1 its lines are judged on threads of their own, which read
/// the index: a threaded run must be finished, drained (hand_out_settled) or destroyed before
/// the index lock it was fed under is let go.
class collecting_run {
 public:
  collecting_run(const validator_state& state, const ledger_ref& ledger, unsigned threads = 1)
      : ledger_(ledger ? std::optional(utilization_ledger::open(*ledger)) : std::nullopt),
        run_(
            state.checker(), [this](finding& f) { collect(f); },
            run_options{.ledger = ledger_ ? &*ledger_ : nullptr, .threads = threads}),
        every_line_requires_auth_(state.every_line_requires_auth()),
        threads_(threads) {}
  collecting_run(const collecting_run&) = delete;
  collecting_run& operator=(const collecting_run&) = delete;

  validation_run& run() noexcept { return run_; }
  /// The findings handed out since the last take().
  finding_list take() {
    found_.erase(found_.begin() + static_cast<std::ptrdiff_t>(found_count_), found_.end());
    found_count_ = 0;
    return std::exchange(found_, {});
  }
  /// Gives back a list that take() returned, once its findings are copied elsewhere: the next
  /// findings are copied over them, into the room their strings have, and the run's own keep
  /// theirs, instead of each allocating anew. Ignored unless nothing is collected.
  void reuse(finding_list spent) {
    if (found_count_ == 0 && found_.empty()) {
      found_ = std::move(spent);
      reusing_ = true;
    }
  }
  /// From now on, hands the findings collected to `over` whenever `count` of them wait, also
  /// while finish() hands out the settled ones: a stream has them while the run goes on.
  void hand_over_every(std::size_t count, std::function<void(finding_list)> over) {
    hand_over_count_ = count;
    hand_over_ = std::move(over);
  }
  /// Finishes the run (without the GIL) and returns its report. A run on one thread only: one
  /// on several was fed under the index lock that must last until it is finished.
  report finish(const validator_state& state) {
    if (threads_ != 1) throw std::logic_error("collecting_run: finish a threaded run locked");
    report result;
    state.with_index([&] { result = finish_with_index_locked(); });
    return result;
  }
  /// finish(), called with the index locked and without the GIL.
  report finish_with_index_locked() {
    report result;
    result.summary = std::move(run_).finish();
    result.findings = take();
    result.every_line_requires_auth = every_line_requires_auth_;
    return result;
  }

 private:
  void collect(finding& found) {
    if (found_count_ < found_.size()) {
      found_[found_count_] = found;
    } else if (reusing_) {
      found_.push_back(found);
    } else {
      found_.push_back(std::move(found));
    }
    ++found_count_;
    if (hand_over_ && found_count_ >= hand_over_count_) hand_over_(take());
  }

  std::optional<utilization_ledger> ledger_;
  finding_list found_;
  std::size_t found_count_ = 0;  ///< the findings of found_ collected; the rest are spent
  bool reusing_ = false;         ///< lists come back: findings are copied in, not moved
  std::size_t hand_over_count_ = 0;
  std::function<void(finding_list)> hand_over_;
  validation_run run_;
  bool every_line_requires_auth_;
  unsigned threads_;
};

/// Threads to judge on: default_threads() without a number, as the command's --threads.
/// FieldError outside 1 to max_threads.
unsigned judging_threads(std::optional<int> threads);

/// Native work that adds the claims of native inputs (files, bytes) to a run. It runs without
/// the GIL and with the index locked for reading, and calls `step_done` after each claim so that
/// a stream can hand out findings or stop the run.
using native_feed =
    std::function<void(validation_run& run, const std::function<void()>& step_done)>;

/// Validates native inputs in one run, read on the calling thread without the GIL and judged on
/// `threads` threads.
report run_native(const std::shared_ptr<const validator_state>& state, const native_feed& feed,
                  const ledger_ref& ledger, unsigned threads);

/// Adds claim-line records to a run (converted with the GIL, judged without it); the rows of one
/// claim may be anywhere among them.
void feed_records(const validator_state& state, validation_run& run, const py::iterable& records);

/// Adds inputs of every kind to a run, in order, as the CLI does: paths and bytes are 837 files
/// or claim-lines CSV files (told apart by content), anything else iterable holds records.
/// `caller` names the Python method in errors.
void feed_inputs(const validator_state& state, validation_run& run, const py::args& inputs,
                 std::string_view caller);

/// One part of a batch (validation_run::finish_part) over inputs of every kind (feed_inputs).
py::bytes judge_part(const std::shared_ptr<const validator_state>& state, const py::args& inputs);
/// Joins parts made by judge_part(), in order, in one run: the report of one run over all their
/// inputs, recorded in the ledger when one is given.
report join_parts(const std::shared_ptr<const validator_state>& state, const py::iterable& parts,
                  const ledger_ref& ledger);

/// Validates inputs of every kind in one run (feed_inputs).
report run_inputs(const std::shared_ptr<const validator_state>& state, const py::args& inputs,
                  const ledger_ref& ledger);

/// Reads claim-line records a few thousand lines at a time, for a stream; the rows of one claim
/// must be adjacent.
class record_reader {
 public:
  explicit record_reader(const py::iterable& records);
  record_reader(record_reader&&) noexcept;
  record_reader& operator=(record_reader&&) noexcept;
  ~record_reader();

  /// Converts records (with the GIL) until about `lines` lines of whole claims are ready, then
  /// adds those claims to `run` (without the GIL). Returns false once every record was added.
  bool feed_some(const validator_state& state, validation_run& run, std::size_t lines);

 private:
  struct pending;
  std::unique_ptr<pending> pending_;
};

/// A Python FindingIterator over native inputs: `feed` runs on a native thread, its lines judged
/// on `threads` threads, while the findings are handed out. `keep` holds Python objects the feed
/// reads (bytes) until it is done.
py::object make_native_stream(std::shared_ptr<const validator_state> state, native_feed feed,
                              ledger_ref ledger, unsigned threads, py::object keep = py::none());
/// A Python FindingIterator over claim-line records, read a batch at a time as findings are
/// asked for.
py::object make_records_stream(std::shared_ptr<const validator_state> state,
                               const py::iterable& records, const ledger_ref& ledger);

// --- pieces shared between files ------------------------------------------------------------

/// A run's summary with the keys of the CLI's --summary JSON.
py::dict summary_dict(const run_summary& summary, bool every_line_requires_auth);
/// Findings as columns (dict of lists, keyed by the finding field names) for pandas.DataFrame.
py::dict columns_of(std::span<const finding* const> findings);
/// The same columns as Report.to_pandas() types them: RARCs joined by '|' (as in the CSV), units
/// and charge as float (decimal.Decimal when `exact`).
py::dict frame_columns_of(std::span<const finding* const> findings, bool exact);

/// The error of an object made by __new__ without __init__ (TypeError), whatever is asked of it.
inline constexpr const char* made_without_init =
    "the object was made by __new__ without __init__, so it holds nothing: make it by calling "
    "its class, or get it from the function that returns one";

/// Makes every class of module `m` refuse with that error a method called on such an object, as
/// its own C slots do. pybind11 would hand the method memory it allocates then and never
/// constructs. Called once every class is bound.
void refuse_objects_made_without_init(const py::module_& m);

/// The class bound for T, looked up once: py::cast looks it up by its type's name each time,
/// which the slots called once a finding cannot afford.
template <typename T>
const py::detail::type_info* bound_type() {
  static const py::detail::type_info* const type = py::detail::get_type_info(typeid(T));
  return type;
}

/// The T inside `self`, an instance of the class bound for T or of a subclass of it, or null for
/// an instance made without __init__: what py::cast finds, with the class looked up once. An
/// instance of the class itself (always, for a class declared py::is_final()) takes one
/// comparison; a subclass's is searched among its classes.
template <typename T>
T* native_of(PyObject* self) {
  auto* const instance = reinterpret_cast<py::detail::instance*>(self);
  return static_cast<T*>(instance->get_value_and_holder(bound_type<T>()).value_ptr());
}

/// A Python Finding of `f`: a copy (return_value_policy::copy), or with reference_internal a
/// view that keeps `parent` alive. As py::cast(f, policy, parent), without looking the bound
/// class up by its type's name for each finding: runs hand out hundreds of thousands.
py::object finding_object(const finding& f, py::return_value_policy policy, py::handle parent = {});

/// A Finding's pickle state (its fields as Python values), and the finding made from one.
py::tuple finding_state(const finding& f);
finding finding_from(const py::tuple& state);

/// __reduce__ of a class bound with py::pickle, for every pickle protocol: the class and its
/// __getstate__(), restored by copyreg.__newobj__ and __setstate__.
py::tuple reduce_by_state(const py::object& self);
/// __reduce__ of a class that does not pickle: TypeError, whatever the protocol.
py::tuple refuse_pickling(const py::object& self);
/// iter(sequence) through __len__ and __getitem__: Python's own sequence iterator, which pickles
/// by pickling the sequence.
py::iterator iterate_by_index(const py::object& sequence);

void bind_errors(py::module_& m);
void bind_finding(py::module_& m);
void bind_index(py::module_& m);
void bind_rules(py::module_& m);
void bind_enrollment(py::module_& m);
void bind_payer_profiles(py::module_& m);
void bind_remittance(py::module_& m);
void bind_reconcile(py::module_& m);
void bind_report(py::module_& m);
void bind_finding_iterator(py::module_& m);
void bind_validator(py::module_& m);
void bind_ledger(py::module_& m);
void bind_review(py::module_& m);

}  // namespace authmatch::python

#endif
