// Validator: runs 837 files, claim-lines CSV files and Python records against an index.

#include "bindings.hpp"

#include "convert.hpp"
#include "input/input_kind.hpp"
#include "native_input.hpp"

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/x12/reader.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fmt/format.h>

#include <optional>

namespace authmatch::python {
namespace {

constexpr auto validator_doc =
    R"doc(Checks claim lines against an AuthorizationIndex and, optionally, Rules.

Validator(index, rules=None, *, expiring_days=30, units_low_percent=20, enrollment=None,
payer_profiles=None): without rules every line requires authorization (and the summary says
so). The warnings (severity warn, no CARC): auth_expiring_soon when the authorization ends
within expiring_days after the service, units_low when less than units_low_percent of the
approved quantity remains after a line; None turns either off. With an Enrollment
(load_enrollment()), each line's rendering and billing NPI must be enrolled with its payer on
the dates of service (provider_not_enrolled otherwise); payers the roster has no row for are not
checked. With PayerProfiles (load_payer_profiles(), docs/profiles.md), each finding carries its
payer's adjustment codes instead of the default ones.

Every validate* and iter_* method takes ledger=Ledger(...) to count usage across runs: the run
starts from what the ledger recorded for other claims and records its own in one transaction
when it ends (for an iterator: when it is exhausted). A Ledger opened read_only is refused with
LedgerError before the run starts.

The validator keeps its index, enrollment roster and payer profiles alive and copies the rules.
It is immutable, pickles, and its methods are safe to call from several threads at once: the GIL
is released while lines are read and judged.

The validate* methods run one batch and return a Report (every finding and the summary); the
iter_* methods return a FindingIterator that hands findings out while the run goes on, for
inputs too large to hold every finding. Units are consumed across the whole run in
date-of-service order, never in input order.)doc";

constexpr auto records_doc =
    R"doc(`records` is an iterable of dicts with the claim-lines CSV column names: claim_id, line,
member_id, payer_id, code, units and service_date required; patient_dob, auth_number,
modifiers, service_date_end, rendering_npi, billing_npi, facility_npi, place_of_service,
diagnosis_codes, charge, frequency, original_claim_id, referral_number, level_of_care
("inpatient", "observation", "outpatient") and claim_type ("professional", "institutional")
optional. Dates are datetime.date or
ISO str, units and charge decimal.Decimal, int or str, list fields a list of str or one
'|'-separated str, None or "" an empty field. A bad value raises FieldError naming the field
and the record's position; unknown keys are refused.)doc";

using state_ptr = std::shared_ptr<validator_state>;

state_ptr make_validator(const std::shared_ptr<shared_index>& index,
                         std::optional<auth_rules> rules, validator_options options,
                         std::shared_ptr<const enrollment_roster> enrollment,
                         std::shared_ptr<const loaded_profiles> profiles) {
  if (!index) throw py::type_error("Validator: index must be an AuthorizationIndex");
  return std::make_shared<validator_state>(index, std::move(rules), options, std::move(enrollment),
                                           std::move(profiles));
}

/// The warning options from the keyword arguments: days, and a percent of the approved quantity.
validator_options options_from(std::optional<int> expiring_days,
                               const py::object& units_low_percent) {
  if (expiring_days && (*expiring_days < 0 || *expiring_days > max_expiring_days)) {
    throw field_error("expiring_days", fmt::format("{} is not a number of days from 0 to {}",
                                                   *expiring_days, max_expiring_days));
  }
  validator_options options{expiring_days, std::nullopt};
  if (!is_absent(units_low_percent)) {
    const auto percent = decimal_from(units_low_percent, "units_low_percent");
    if (percent.is_negative() || percent > decimal::from_integer(100)) {
      throw field_error("units_low_percent",
                        fmt::format("{} is not a percent from 0 to 100", percent.to_string()));
    }
    options.units_low_below = decimal::from_thousandths(percent.thousandths() / 100);
  }
  return options;
}

std::optional<std::string> percent_of(const validator_options& options) {
  if (!options.units_low_below) return std::nullopt;
  return decimal::from_thousandths(options.units_low_below->thousandths() * 100).to_string();
}

/// The ledger a run records into, from the `ledger` keyword (a Ledger or None).
ledger_ref ledger_of(const py::object& ledger) {
  if (ledger.is_none()) return std::nullopt;
  if (!py::isinstance<ledger_file>(ledger)) throw py::type_error("ledger must be a Ledger or None");
  const auto& file = ledger.cast<const ledger_file&>();
  // A run would open the file for writing and record into it: refuse before anything is read.
  if (file.read_only) {
    throw ledger_error(
        fmt::format("{}: opened read-only, so a run cannot record its usage "
                    "there (open it without read_only=True)",
                    file.path.string()));
  }
  return file.path;
}

std::string repr_of(const validator_state& self) {
  std::size_t rows = 0;
  {
    const py::gil_scoped_release release;
    const std::shared_lock lock(self.index()->mutex);
    rows = self.index()->index.size();
  }
  return fmt::format(
      "<Validator: {} authorization rows, {}{}{}>", rows,
      self.rules() ? fmt::format("{} rules", self.rules()->size())
                   : std::string("no rules (every line requires authorization)"),
      self.enrollment() ? fmt::format(", {} enrollment rows", self.enrollment()->size())
                        : std::string(),
      self.profiles()
          ? fmt::format(", profiles of {} payers", self.profiles()->profiles.payers().size())
          : std::string());
}

}  // namespace

void feed_inputs(const validator_state& state, validation_run& run, const py::args& inputs,
                 std::string_view caller) {
  if (inputs.empty()) {
    throw py::type_error(fmt::format(
        "{}: expected at least one input (a path, bytes, or an iterable of records)", caller));
  }
  for (const auto input : inputs) {
    if (PyBytes_Check(input.ptr())) {
      // `inputs` holds the bytes object while the run reads it without the GIL.
      const auto bytes = bytes_view(input);
      state.with_index([&] { detail::read_by_content(bytes, "<bytes>", run); });
    } else if (PyUnicode_Check(input.ptr()) || PyObject_HasAttrString(input.ptr(), "__fspath__")) {
      const auto path = path_from(input, "an 837 or a claim-lines CSV");
      state.with_index([&] { read_file_by_content(path, run); });
    } else if (!is_mapping(input) && py::isinstance<py::iterable>(input)) {
      feed_records(state, run, py::reinterpret_borrow<py::iterable>(input));
    } else {
      throw py::type_error(
          fmt::format("{}: expected a path, bytes or an iterable of claim-line records, got {}",
                      caller, Py_TYPE(input.ptr())->tp_name));
    }
  }
}

report run_inputs(const std::shared_ptr<const validator_state>& state, const py::args& inputs,
                  const ledger_ref& ledger) {
  collecting_run recording(*state, ledger);
  feed_inputs(*state, recording.run(), inputs, "validate");
  return recording.finish(*state);
}

report run_native(const std::shared_ptr<const validator_state>& state, const native_feed& feed,
                  const ledger_ref& ledger, unsigned threads) {
  report result;
  state->with_index([&] {
    // Made and finished (or, on an error, destroyed) under the lock: the run's threads read the
    // index until then.
    collecting_run recording(*state, ledger, threads);
    feed(recording.run(), [] {});
    result = recording.finish_with_index_locked();
  });
  return result;
}

unsigned judging_threads(std::optional<int> threads) {
  if (!threads) return default_threads();
  if (*threads < 1 || static_cast<unsigned>(*threads) > max_threads) {
    throw field_error("threads", fmt::format("{} is not 1 to {}", *threads, max_threads));
  }
  return static_cast<unsigned>(*threads);
}

void bind_validator(py::module_& m) {
  static const std::string validate_doc = std::string(R"doc(validate(*inputs) -> Report

Validates inputs of every kind in one run, in order, as the CLI does with several inputs (units
are consumed across all of them in date-of-service order). Each input is a path (str or
os.PathLike) or bytes holding a file's contents, an X12 837 or a claim-lines CSV told apart by
content, or an iterable of claim-line records, whose rows of one claim may be anywhere in it:

    validator.validate("claims.837", "lines.csv", [{"claim_id": "C9", ...}])

A file that is neither 837 nor claim-lines CSV raises InputError; a claim that cannot be read is
rejected with a claim_unreadable finding, as in validate_837() and validate_csv().

)doc") + records_doc;
  static const std::string iter_records_doc = std::string(
                                                  R"doc(iter_records(records) -> FindingIterator

Like validate(), handing findings out as the records are read (a few thousand at a time, so a
generator never needs to hold them all). The rows of each claim must then be adjacent
(FieldError otherwise).

)doc") + records_doc;

  // Held by non-const pointer (pybind11 needs that) but never changed after construction.
  py::class_<validator_state, state_ptr>(m, "Validator", validator_doc)
      .def(py::init([](const std::shared_ptr<shared_index>& index, const auth_rules* rules,
                       std::optional<int> expiring_days, const py::object& units_low_percent,
                       std::shared_ptr<enrollment_roster> enrollment,
                       std::shared_ptr<loaded_profiles> profiles) {
             return make_validator(index, rules ? std::optional<auth_rules>(*rules) : std::nullopt,
                                   options_from(expiring_days, units_low_percent),
                                   std::move(enrollment), std::move(profiles));
           }),
           py::arg("index"), py::arg("rules") = py::none(), py::kw_only(),
           py::arg("expiring_days") = 30, py::arg("units_low_percent") = 20,
           py::arg("enrollment") = py::none(), py::arg("payer_profiles") = py::none())
      .def_property_readonly(
          "expiring_days",
          [](const validator_state& self) { return self.checker().options().expiring_within_days; },
          "auth_expiring_soon lead time in days, or None when that warning is off.")
      .def_property_readonly(
          "units_low_percent",
          [](const validator_state& self) -> py::object {
            const auto percent = percent_of(self.checker().options());
            if (!percent) return py::none();
            return to_python(*decimal::parse(*percent));
          },
          "units_low threshold as a percent of the approved quantity, or None when it is off.")
      .def_property_readonly(
          "index",
          [](const validator_state& self) {
            return std::const_pointer_cast<shared_index>(self.index());
          },
          "The AuthorizationIndex the validator checks against.")
      .def_property_readonly(
          "rules", [](const validator_state& self) { return self.rules(); },
          "A copy of the rules, or None when every line requires authorization.")
      .def_property_readonly(
          "enrollment",
          [](const validator_state& self) {
            return std::const_pointer_cast<enrollment_roster>(self.enrollment());
          },
          "The Enrollment roster the validator checks NPIs in, or None when it checks none.")
      .def_property_readonly(
          "payer_profiles",
          [](const validator_state& self) {
            return std::const_pointer_cast<loaded_profiles>(self.profiles());
          },
          "The PayerProfiles whose codes findings carry, or None for the default codes.")
      .def_property_readonly("every_line_requires_auth", &validator_state::every_line_requires_auth,
                             "True when the validator has no rules.")
      .def(
          "validate",
          [](const state_ptr& self, const py::args& inputs, const py::object& ledger) {
            return run_inputs(self, inputs, ledger_of(ledger));
          },
          py::arg("ledger") = py::none(), validate_doc.c_str())
      .def(
          "judge_part",
          [](const state_ptr& self, const py::args& inputs) { return judge_part(self, inputs); },
          R"doc(judge_part(*inputs) -> bytes

Reads and judges one part of a larger batch (inputs as for validate()) without settling it:
returns, as compact bytes, what settlement needs (the claims, the usage their lines would make of
authorization rows) and the findings that depend on no other line. Give every part, in input
order, to join_parts() of a validator over the same files to get the report of one run over all
of them. Parts may be made in other processes or on other machines (authmatch.dask does that);
see docs/scale-out.md.)doc")
      .def(
          "join_parts",
          [](const state_ptr& self, const py::iterable& parts, const py::object& ledger) {
            return join_parts(self, parts, ledger_of(ledger));
          },
          py::arg("parts"), py::kw_only(), py::arg("ledger") = py::none(),
          R"doc(join_parts(parts, *, ledger=None) -> Report

Joins parts made by judge_part(), in input order, in one run and settles it: which copy of a
claim counts (replacements and voids in any part), units and visits consumed in date order across
every part, and the ledger (read before, written once after). The findings, their order and the
summary are those of validate() over every part's inputs. A part judged against another number of
authorization rows, by another version, or damaged raises authmatch.Error.)doc")
      .def(
          "iter_records",
          [](const state_ptr& self, const py::iterable& records, const py::object& ledger) {
            return make_records_stream(self, records, ledger_of(ledger));
          },
          py::arg("records"), py::kw_only(), py::arg("ledger") = py::none(),
          iter_records_doc.c_str())
      .def(
          "validate_837",
          [](const state_ptr& self, const py::args& sources, const py::object& ledger,
             std::optional<int> threads) {
            const auto inputs = native_inputs_from(sources, "an 837 file");
            const auto judging = judging_threads(threads);
            return run_native(self, x12_feed(inputs, judging), ledger_of(ledger), judging);
          },
          py::arg("ledger") = py::none(), py::arg("threads") = py::none(),
          R"doc(validate_837(*sources, ledger=None, threads=None) -> Report

Validates X12 837P/837I files (paths, or bytes holding a file's contents) in one run, as the
CLI does. A claim that cannot be read is rejected with a claim_unreadable finding naming the
segment and byte offset, and reading goes on; an input that is not X12 at all or cannot be
read raises InputError.

The lines are judged on `threads` threads while the files are read (default: the machine's
cores, as the command's --threads); the findings, their order and the summary are the same for
any number. FieldError for fewer than 1 or more than 256.)doc")
      .def(
          "iter_837",
          [](const state_ptr& self, const py::args& sources, const py::object& ledger,
             std::optional<int> threads) {
            auto inputs = native_inputs_from(sources, "an 837 file");
            const auto judging = judging_threads(threads);
            auto feed = x12_feed(inputs, judging);
            return make_native_stream(self, std::move(feed), ledger_of(ledger), judging,
                                      std::move(inputs.bytes));
          },
          py::arg("ledger") = py::none(), py::arg("threads") = py::none(),
          R"doc(iter_837(*sources, ledger=None, threads=None) -> FindingIterator

Like validate_837(), as a FindingIterator: files are read in chunks on a native thread and judged
on `threads` threads while you iterate, so neither the file nor its findings are ever held whole
(the same findings, in the same order, for any number of threads):

    for finding in validator.iter_837("claims.837"):
        ...)doc")
      .def(
          "validate_csv",
          [](const state_ptr& self, const py::args& sources, const py::object& ledger,
             std::optional<int> threads) {
            const auto judging = judging_threads(threads);
            const auto inputs = native_inputs_from(sources, "a claim-lines CSV");
            return run_native(self, csv_feed(inputs, judging), ledger_of(ledger), judging);
          },
          py::arg("ledger") = py::none(), py::arg("threads") = py::none(),
          R"doc(validate_csv(*sources, ledger=None, threads=None) -> Report

Validates claim-lines CSV files (paths, or bytes holding a file's contents) in one run, as the
CLI does: a claim with a bad value is rejected with a claim_unreadable finding naming file, line
and column; a file that cannot be read, has no claim-lines header or has broken quoting raises
InputError. `threads` as in validate_837().)doc")
      .def(
          "iter_csv",
          [](const state_ptr& self, const py::args& sources, const py::object& ledger,
             std::optional<int> threads) {
            const auto judging = judging_threads(threads);
            auto inputs = native_inputs_from(sources, "a claim-lines CSV");
            auto feed = csv_feed(inputs, judging);
            return make_native_stream(self, std::move(feed), ledger_of(ledger), judging,
                                      std::move(inputs.bytes));
          },
          py::arg("ledger") = py::none(), py::arg("threads") = py::none(),
          R"doc(iter_csv(*sources, ledger=None, threads=None) -> FindingIterator

Like validate_csv(), as a FindingIterator. A CSV file whose rows of each claim are adjacent is
read in chunks, claim by claim, as the command reads it (docs/inputs.md), and its findings come
as it is read; bytes, and a file whose rows of a claim are apart, are read whole first.)doc")
      .def(
          "requires_auth",
          [](const validator_state& self, const std::string& payer_id, const std::string& code) {
            return !self.rules() || self.rules()->requires_auth(payer_id, code);
          },
          py::arg("payer_id"), py::arg("code"),
          "Whether a line of this payer and code needs an authorization under the validator's "
          "rules.")
      .def("__repr__", &repr_of)
      .def(py::pickle(
          [](const validator_state& self) {
            const auto& options = self.checker().options();
            return py::make_tuple(std::const_pointer_cast<shared_index>(self.index()), self.rules(),
                                  options.expiring_within_days, percent_of(options),
                                  std::const_pointer_cast<enrollment_roster>(self.enrollment()),
                                  std::const_pointer_cast<loaded_profiles>(self.profiles()));
          },
          [](const py::tuple& state) {
            // A state of 5 items was pickled before validators had payer profiles.
            return make_validator(
                state[0].cast<std::shared_ptr<shared_index>>(),
                state[1].cast<std::optional<auth_rules>>(),
                options_from(state[2].cast<std::optional<int>>(), state[3]),
                state[4].cast<std::shared_ptr<enrollment_roster>>(),
                state.size() > 5 ? state[5].cast<std::shared_ptr<loaded_profiles>>() : nullptr);
          }))
      .def("__reduce__", &reduce_by_state);
}

}  // namespace authmatch::python
