// FindingIterator: the findings of a run handed out while the run goes on.
//
// Most findings are final once their claim is judged; those that depend on usage (units_exceeded,
// units_low: units are consumed in date-of-service order) or on later claims (claim_replaced,
// claim_voided) are settled only after the last claim. The run hands the first out with
// hand_out_judged() as it goes, and the settled ones come at the end. Native inputs are read on
// a native thread and judged on the run's threads, a bounded queue apart from the Python thread;
// records are converted a batch at a time when findings are asked for.
//
// Each finding is copied out of its batch into its Python object, and the spent batch goes back
// to the run: the next findings are copied over the old ones, into the room their strings
// already have. Strings are then allocated and freed on the thread that owns them, rather than
// allocated by the run's thread and freed by Python's, which cost more than the rest of handing
// a finding over.

#include "bindings.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace authmatch::python {
namespace {

/// Where a FindingIterator's findings come from.
class finding_source {
 public:
  virtual ~finding_source() = default;
  /// The next findings (possibly none), or nullopt once the run is over. Called with the GIL.
  virtual std::optional<finding_list> next_batch() = 0;
  /// Complete once next_batch() returned nullopt.
  virtual const run_summary& summary() const = 0;
  /// Takes back a batch whose findings were copied out, to collect the next ones into the room
  /// their strings have. Called with the GIL.
  virtual void recycle(finding_list spent) = 0;
};

/// Runs a native feed on its own thread; the findings wait in a bounded queue.
class native_source final : public finding_source {
 public:
  /// The worker stops waiting for room after this many findings are queued.
  static constexpr std::size_t queue_limit = 16384;
  /// The findings judged so far are handed out every this many steps (claims).
  static constexpr std::size_t steps_per_batch = 256;
  /// The findings settled at the end are handed out this many at a time: about what a batch of
  /// steps holds on a batch dense with findings, so that a spent batch has room for most.
  static constexpr std::size_t settled_per_batch = 512;

  native_source(std::shared_ptr<const validator_state> state, native_feed feed, ledger_ref ledger,
                unsigned threads)
      : state_(std::move(state)),
        feed_(std::move(feed)),
        ledger_(std::move(ledger)),
        threads_(threads),
        worker_([this] { work(); }) {}

  native_source(const native_source&) = delete;
  native_source& operator=(const native_source&) = delete;

  ~native_source() override {
    {
      const std::lock_guard lock(mutex_);
      cancelled_ = true;
    }
    room_.notify_all();
    const py::gil_scoped_release release;  // the worker never needs the GIL, but joining may wait
    worker_.join();
  }

  std::optional<finding_list> next_batch() override {
    std::optional<finding_list> batch;
    {
      const py::gil_scoped_release release;
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !queue_.empty() || finished_; });
      if (!queue_.empty()) {
        batch = std::move(queue_.front());
        queue_.pop_front();
        queued_ -= batch->size();
        room_.notify_all();
      }
    }
    if (!batch && error_) std::rethrow_exception(std::exchange(error_, nullptr));
    return batch;
  }

  const run_summary& summary() const override { return summary_; }

  void recycle(finding_list spent) override {
    const std::lock_guard lock(mutex_);
    if (spent_.size() < max_spent) spent_.push_back(std::move(spent));
  }

 private:
  /// Spent batches kept for reuse.
  static constexpr std::size_t max_spent = 4;

  /// Gives `recording` a spent batch to collect into, if there is one. Called with mutex_.
  void reuse_spent(collecting_run& recording) {
    if (spent_.empty()) return;
    recording.reuse(std::move(spent_.back()));
    spent_.pop_back();
  }

  /// Thrown inside the feed when the iterator is dropped before the run ends.
  struct cancelled {};

  void work() {
    try {
      // The lock first: the run's threads read the index until the run is drained or destroyed.
      std::shared_lock index_lock(state_->index()->mutex);
      collecting_run recording(*state_, ledger_, threads_);
      auto& run = recording.run();
      std::size_t steps = 0;
      try {
        feed_(run, [&] {
          if (++steps % steps_per_batch != 0) return;
          run.hand_out_judged();  // without waiting for the lines still being judged
          push(recording, index_lock);
        });
      } catch (const cancelled&) {
        throw;
      } catch (...) {
        hand_out_before_error(recording, index_lock);
        throw;
      }
      // The findings of the last claims before finish(), which places those it still holds
      // among the settled ones: the order then does not depend on the threads' progress.
      run.hand_out_settled();
      push(recording, index_lock);
      // finish() settles, then hands out what is left: queued as it comes, without waiting for
      // room (the run holds the index until it is finished).
      recording.hand_over_every(settled_per_batch, [this, &recording](finding_list found) {
        queue(std::move(found), &recording);
      });
      const run_summary summary = std::move(run).finish();
      index_lock.unlock();
      queue(recording.take());
      const std::lock_guard lock(mutex_);
      summary_ = summary;
      finished_ = true;
    } catch (const cancelled&) {
      const std::lock_guard lock(mutex_);
      finished_ = true;
    } catch (...) {
      const std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      finished_ = true;
    }
    ready_.notify_all();
  }

  /// Queues what the run handed out. While the queue is full, waits without the index lock, so
  /// rows can be added meanwhile: the run is drained first, no line may be in judgement then.
  /// Throws `cancelled` once nobody will read them.
  void push(collecting_run& recording, std::shared_lock<writer_first_mutex>& index_lock) {
    std::unique_lock lock(mutex_);
    if (queued_ >= queue_limit && !cancelled_) {
      lock.unlock();
      recording.run().hand_out_settled();
      index_lock.unlock();
      lock.lock();
      room_.wait(lock, [&] { return queued_ < queue_limit || cancelled_; });
      lock.unlock();
      index_lock.lock();
      lock.lock();
    }
    if (cancelled_) throw cancelled{};
    auto batch = recording.take();
    reuse_spent(recording);
    if (batch.empty()) return;
    queued_ += batch.size();
    queue_.push_back(std::move(batch));
    ready_.notify_all();
  }

  /// Queues `found` whether or not there is room, and gives `recording` (when given) a spent
  /// batch to collect into next, under one lock; drops `found` once nobody will read it.
  void queue(finding_list found, collecting_run* recording = nullptr) {
    if (found.empty()) return;
    {
      const std::lock_guard lock(mutex_);
      if (cancelled_) return;
      queued_ += found.size();
      queue_.push_back(std::move(found));
      if (recording != nullptr) reuse_spent(*recording);
    }
    ready_.notify_all();
  }

  /// Queues the findings of the claims read before an error, so that it is raised after them
  /// (the run's threads drained first). An error in doing so, the run's own, is dropped: the
  /// first one is raised.
  void hand_out_before_error(collecting_run& recording,
                             std::shared_lock<writer_first_mutex>& index_lock) noexcept {
    try {
      recording.run().hand_out_settled();
      push(recording, index_lock);
    } catch (...) {
      // the first error is the one raised
    }
  }

  std::shared_ptr<const validator_state> state_;
  native_feed feed_;
  ledger_ref ledger_;
  unsigned threads_;

  std::mutex mutex_;  // guards everything below but the worker
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<finding_list> queue_;
  std::vector<finding_list> spent_;
  std::size_t queued_ = 0;
  bool cancelled_ = false;
  bool finished_ = false;
  std::exception_ptr error_;
  run_summary summary_;

  std::thread worker_;  // last: starts once everything it uses is constructed
};

/// Converts and judges claim-line records a batch at a time, on the thread asking for findings.
class records_source final : public finding_source {
 public:
  static constexpr std::size_t lines_per_batch = 2048;

  records_source(std::shared_ptr<const validator_state> state, const py::iterable& records,
                 const ledger_ref& ledger)
      : state_(std::move(state)),
        reader_(records),
        recording_(*state_, ledger),
        run_(recording_.run()) {}

  std::optional<finding_list> next_batch() override {
    if (done_) return std::nullopt;
    finding_list settled;
    while (settled.empty()) {
      if (!reader_.feed_some(*state_, run_, lines_per_batch)) {
        state_->with_index([&] { summary_ = std::move(run_).finish(); });
        settled = recording_.take();
        done_ = true;
        break;
      }
      run_.hand_out_settled();
      settled = recording_.take();
    }
    return settled;
  }

  const run_summary& summary() const override { return summary_; }

  void recycle(finding_list spent) override { recording_.reuse(std::move(spent)); }

 private:
  std::shared_ptr<const validator_state> state_;
  record_reader reader_;
  collecting_run recording_;
  validation_run& run_;
  run_summary summary_;
  bool done_ = false;
};

/// The Python FindingIterator. Safe to advance from several threads: each finding goes to one.
class finding_iterator {
 public:
  finding_iterator(std::unique_ptr<finding_source> source, bool every_line_requires_auth,
                   py::object keep)
      : keep_(std::move(keep)),
        source_(std::move(source)),
        every_line_requires_auth_(every_line_requires_auth) {}

  py::object next() {
    const auto lock = lock_without_gil();
    while (position_ >= batch_.size()) {
      if (!source_) throw py::stop_iteration();
      if (!batch_.empty()) source_->recycle(std::exchange(batch_, {}));
      auto next = next_batch();
      if (!next) throw py::stop_iteration();
      batch_ = std::move(*next);
      position_ = 0;
    }
    return copy_at_position();
  }

  /// The next finding of the batch at hand; none when it is used up or another thread holds the
  /// iterator (next() then refills, waits or ends).
  py::object next_at_hand() {
    const std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || position_ >= batch_.size()) return {};
    return copy_at_position();
  }

  py::object summary() const {
    const auto lock = lock_without_gil();
    if (!summary_) return py::none();
    return summary_dict(*summary_, every_line_requires_auth_);
  }

 private:
  /// Takes mutex_, waiting for it only with the GIL released: the thread holding it may be
  /// waiting for the GIL. Uncontended (one thread iterating), the GIL is kept: letting it go
  /// and taking it back for every finding would cost more than the finding.
  std::unique_lock<std::mutex> lock_without_gil() const {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) {
      const py::gil_scoped_release release;
      lock.lock();
    }
    return lock;
  }

  /// The finding at position_, copied (the batch is recycled), and counted once the copy is
  /// made: a copy that fails loses nothing. Called with mutex_.
  py::object copy_at_position() {
    auto found = finding_object(batch_[position_], py::return_value_policy::copy);
    if (!found) throw py::error_already_set();
    ++position_;
    return found;
  }

  std::optional<finding_list> next_batch() {
    try {
      auto next = source_->next_batch();
      if (!next) finish();
      return next;
    } catch (...) {
      source_.reset();  // an error ends the run; the iterator is exhausted
      keep_ = py::none();
      throw;
    }
  }

  void finish() {
    summary_ = source_->summary();
    source_.reset();
    keep_ = py::none();
    batch_ = {};
  }

  mutable std::mutex mutex_;  // taken without the GIL; guards everything below
  // Before source_, so destroyed after it: a native source still reads what keep_ holds until
  // it is destroyed (its thread cancelled and joined).
  py::object keep_;
  std::unique_ptr<finding_source> source_;
  finding_list batch_;
  std::size_t position_ = 0;
  std::optional<run_summary> summary_;
  bool every_line_requires_auth_;
};

/// FindingIterator's tp_iternext, which `for` and next() call for each finding. The one
/// pybind11 sets looks __next__ up and calls it through its argument dispatch, which cost more
/// than handing the finding over; this one hands out the findings of the batch at hand itself
/// and calls __next__ for the rest: a refill, the end, and any error, which __next__ meets again
/// and raises as pybind11 translates it.
PyObject* next_finding(PyObject* self) noexcept {
  try {
    // None in an instance made without __init__, which __next__ refuses.
    if (auto* const iterator = native_of<finding_iterator>(self)) {
      if (auto found = iterator->next_at_hand()) return found.release().ptr();
    }
  } catch (...) {
    PyErr_Clear();
  }
  return PyObject_CallMethod(self, "__next__", nullptr);
}

}  // namespace

py::object make_native_stream(std::shared_ptr<const validator_state> state, native_feed feed,
                              ledger_ref ledger, unsigned threads, py::object keep) {
  const bool every_line = state->every_line_requires_auth();
  return py::cast(std::make_unique<finding_iterator>(
      std::make_unique<native_source>(std::move(state), std::move(feed), std::move(ledger),
                                      threads),
      every_line, std::move(keep)));
}

py::object make_records_stream(std::shared_ptr<const validator_state> state,
                               const py::iterable& records, const ledger_ref& ledger) {
  const bool every_line = state->every_line_requires_auth();
  return py::cast(std::make_unique<finding_iterator>(
      std::make_unique<records_source>(std::move(state), records, ledger), every_line, py::none()));
}

void bind_finding_iterator(py::module_& m) {
  py::class_<finding_iterator> cls(m, "FindingIterator", py::is_final(),
                                   R"doc(The findings of a run, handed out as the run goes on.

Returned by Validator.iter_* methods. Native inputs (files, bytes) are read on a native thread
and judged on the run's threads while you iterate; records are converted a batch at a time as
findings are asked for. Only a bounded number of findings waits at any time, so memory stays
small however large the input.

Order: each claim's findings in input order (a line's findings in the order of FINDING_KINDS),
then, at the end, the units_exceeded, referral_exceeded, units_low, claim_replaced and
claim_voided findings: units and visits are consumed in date-of-service order and a claim may be
replaced by a later one, so they are settled only once the last claim is in. The same findings
as the matching validate_* method, in that order, whatever the number of threads. `summary` is
None until the iterator is exhausted. Several threads may advance one iterator: each finding
goes to one of them. An error (an unreadable file, a bad record) is raised where it happens,
after the findings before it. Does not pickle (TypeError).)doc");
  cls.def("__iter__", [](py::object self) { return self; })
      .def("__next__", &finding_iterator::next)
      .def_property_readonly("summary", &finding_iterator::summary,
                             "The run's summary dict once the iterator is exhausted, else None.")
      .def("__reduce__", &refuse_pickling);
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  type->tp_iternext = &next_finding;
  PyType_Modified(type);
}

}  // namespace authmatch::python
