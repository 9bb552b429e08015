// Report: the findings and summary of one run, all at once; columns and frames for pandas, the
// CLI's CSV, and pickling.

#include "bindings.hpp"
#include "convert.hpp"
#include "output/finding_text.hpp"

#include <authmatch/output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace authmatch::python {
namespace {

constexpr auto report_doc = R"doc(The findings and the summary of one validation run.

Returned by the Validator.validate* methods. A read-only sequence of Finding in the CLI's
output order (input order, a line's findings in the order of FINDING_KINDS), with all that
collections.abc.Sequence offers: len, report[i] (negative from the end), report[i:j] (a list),
iteration, reversed, `in`, index and count (comparing findings by value); list(report) makes a
list. `summary` is a dict with the keys of the CLI's --summary JSON; `to_pandas()` gives a
pandas.DataFrame with typed columns, `to_columns()` a dict of lists of Python values, and
`to_csv()` the CSV of `authmatch validate --format csv`. A report pickles, its findings and its
summary with it.)doc";

/// Finding i of `r` (in range), the report being `self`: the Finding refers into the report,
/// which it keeps alive.
py::object finding_in(const report& r, std::size_t i, py::handle self) {
  return finding_object(r.findings[i], py::return_value_policy::reference_internal, self);
}

py::object finding_at(const py::object& self, std::ptrdiff_t i) {
  const auto& r = self.cast<const report&>();
  const auto size = static_cast<std::ptrdiff_t>(r.findings.size());
  if (i < 0) i += size;
  if (i < 0 || i >= size) throw py::index_error("finding index out of range");
  return finding_in(r, static_cast<std::size_t>(i), self);
}

py::list findings_in(const py::object& self, const py::slice& which) {
  const auto& r = self.cast<const report&>();
  std::size_t start = 0, stop = 0, step = 0, length = 0;
  if (!which.compute(r.findings.size(), &start, &stop, &step, &length))
    throw py::error_already_set();
  py::list out(length);
  for (std::size_t i = 0; i < length; ++i) {
    out[i] = finding_at(self, static_cast<std::ptrdiff_t>(start + i * step));
  }
  return out;
}

std::ptrdiff_t size_of(const py::object& self) {
  return static_cast<std::ptrdiff_t>(self.cast<const report&>().findings.size());
}

/// Whether finding i equals `value`, compared as list.index and list.count compare.
bool equal_at(const py::object& self, std::ptrdiff_t i, const py::object& value) {
  const int equal = PyObject_RichCompareBool(finding_at(self, i).ptr(), value.ptr(), Py_EQ);
  if (equal < 0) throw py::error_already_set();
  return equal == 1;
}

/// list.index: the first position in [start, stop) of a finding equal to `value`; the bounds
/// may be negative (from the end) or past the end.
std::size_t index_of(const py::object& self, const py::object& value, std::ptrdiff_t start,
                     std::ptrdiff_t stop) {
  const auto size = size_of(self);
  if (start < 0) start = std::max<std::ptrdiff_t>(start + size, 0);
  if (stop < 0) stop += size;
  for (auto i = start; i < std::min(stop, size); ++i) {
    if (equal_at(self, i, value)) return static_cast<std::size_t>(i);
  }
  throw py::value_error("the finding is not in the report");
}

std::size_t count_of(const py::object& self, const py::object& value) {
  std::size_t count = 0;
  for (std::ptrdiff_t i = 0; i < size_of(self); ++i) {
    if (equal_at(self, i, value)) ++count;
  }
  return count;
}

bool contains(const py::object& self, const py::object& value) {
  for (std::ptrdiff_t i = 0; i < size_of(self); ++i) {
    if (equal_at(self, i, value)) return true;
  }
  return false;
}

std::vector<const finding*> rows_of(const report& self) {
  std::vector<const finding*> rows;
  rows.reserve(self.findings.size());
  for (const auto& f : self.findings) rows.push_back(&f);
  return rows;
}

py::dict columns_of_report(const report& self) { return columns_of(rows_of(self)); }

/// The CSV `authmatch validate --format csv` writes: the header, then a row per finding, each
/// ending in CRLF.
std::string csv_of(const report& self, source_field source) {
  std::string text = csv_header_row(source) + "\r\n";
  for (const auto& f : self.findings) {
    detail::append_csv_row(text, f, source);
    text += "\r\n";
  }
  return text;
}

py::object to_csv(const report& self, const py::object& path, bool with_source) {
  std::string text;
  {
    const py::gil_scoped_release release;
    text = csv_of(self, with_source ? source_field::written : source_field::left_out);
  }
  if (path.is_none()) return text_to_python(text);
  path_from(path, "a CSV output");  // a str or os.PathLike, else TypeError
  const auto file = py::module_::import("io").attr("open")(path, "wb");
  try {
    file.attr("write")(py::bytes(text));
  } catch (...) {
    file.attr("close")();
    throw;
  }
  file.attr("close")();
  return py::none();
}

// --- pickling: the findings' states and the summary's counts ---------------------------------

constexpr int pickle_version = 1;

py::tuple summary_state(const run_summary& summary) {
  py::dict by_kind, at_risk_by_kind, at_risk_by_payer;
  for (const auto kind : all_finding_kinds) {
    const py::str name(std::string(to_string(kind)));
    by_kind[name] = summary.findings(kind);
    at_risk_by_kind[name] = summary.kind_at_risk(kind).to_string();
  }
  for (const auto& [payer, charge] : summary.charge_at_risk_by_payer) {
    at_risk_by_payer[py::bytes(payer)] = charge.to_string();
  }
  return py::make_tuple(summary.claims_read, summary.claims_rejected, summary.lines_read, by_kind,
                        summary.charge_at_risk.to_string(), at_risk_by_payer, at_risk_by_kind);
}

decimal amount_from(py::handle text) {
  const auto value = decimal::parse(text.cast<std::string>());
  if (!value) throw std::runtime_error("Report: bad pickle state");
  return *value;
}

finding_kind kind_from(py::handle name) {
  const auto kind = parse_finding_kind(name.cast<std::string>());
  if (!kind) throw std::runtime_error("Report: bad pickle state");
  return *kind;
}

run_summary summary_from(const py::tuple& state) {
  if (state.size() != 7) throw std::runtime_error("Report: bad pickle state");
  run_summary summary;
  summary.claims_read = state[0].cast<std::uint64_t>();
  summary.claims_rejected = state[1].cast<std::uint64_t>();
  summary.lines_read = state[2].cast<std::uint64_t>();
  for (const auto [name, count] : state[3].cast<py::dict>()) {
    summary.findings_by_kind[static_cast<std::size_t>(kind_from(name))] =
        count.cast<std::uint64_t>();
  }
  summary.charge_at_risk = amount_from(state[4]);
  for (const auto [payer, charge] : state[5].cast<py::dict>()) {
    summary.charge_at_risk_by_payer[payer.cast<std::string>()] = amount_from(charge);
  }
  for (const auto [name, charge] : state[6].cast<py::dict>()) {
    summary.charge_at_risk_by_kind[static_cast<std::size_t>(kind_from(name))] = amount_from(charge);
  }
  return summary;
}

py::tuple report_state(const report& self) {
  py::tuple findings(self.findings.size());
  for (std::size_t i = 0; i < self.findings.size(); ++i) {
    findings[i] = finding_state(self.findings[i]);
  }
  return py::make_tuple(pickle_version, findings, summary_state(self.summary),
                        self.every_line_requires_auth);
}

report report_from_state(const py::tuple& state) {
  if (state.size() != 4 || state[0].cast<int>() != pickle_version) {
    throw std::runtime_error("Report: unsupported pickle state");
  }
  report out;
  const auto findings = state[1].cast<py::tuple>();
  for (const auto f : findings) out.findings.push_back(finding_from(f.cast<py::tuple>()));
  out.summary = summary_from(state[2].cast<py::tuple>());
  out.every_line_requires_auth = state[3].cast<bool>();
  return out;
}

py::dict columns_of_iterable(const py::iterable& findings) {
  std::vector<py::object> keep;  // holds the Finding objects the pointers point into
  std::vector<const finding*> rows;
  for (const auto item : findings) {
    if (!py::isinstance<finding>(item)) {
      throw py::type_error(fmt::format("to_columns: expected Finding objects, got {}",
                                       Py_TYPE(item.ptr())->tp_name));
    }
    keep.push_back(py::reinterpret_borrow<py::object>(item));
    rows.push_back(&item.cast<const finding&>());
  }
  return columns_of(rows);
}

}  // namespace

py::dict summary_dict(const run_summary& summary, bool every_line_requires_auth) {
  py::dict by_kind;
  for (const auto kind : all_finding_kinds) {
    by_kind[py::str(std::string(to_string(kind)))] = py::int_(summary.findings(kind));
  }
  py::dict out;
  out["claims_read"] = py::int_(summary.claims_read);
  out["claims_validated"] = py::int_(summary.claims_validated());
  out["claims_rejected"] = py::int_(summary.claims_rejected);
  out["lines_read"] = py::int_(summary.lines_read);
  out["every_line_requires_auth"] = py::bool_(every_line_requires_auth);
  out["findings_by_kind"] = by_kind;
  out["charge_at_risk"] = to_python(summary.charge_at_risk, 2);
  py::dict by_payer;
  for (const auto& [payer, charge] : summary.charge_at_risk_by_payer) {
    by_payer[text_to_python(payer)] = to_python(charge, 2);
  }
  out["charge_at_risk_by_payer"] = by_payer;
  py::dict at_risk_by_kind;
  for (const auto kind : all_finding_kinds) {
    at_risk_by_kind[py::str(std::string(to_string(kind)))] =
        to_python(summary.kind_at_risk(kind), 2);
  }
  out["charge_at_risk_by_kind"] = at_risk_by_kind;
  return out;
}

/// Report's sq_item, which Python's sequence iterator (iter(report), list(report)) and
/// reversed(report) call for each finding. The one Python derives from __getitem__ goes through
/// pybind11's dispatch of an int or a slice, which cost more than handing the finding over; this
/// one hands out a finding in range itself and leaves the rest (an index out of range, an
/// instance made without __init__) to __getitem__, which raises the error.
PyObject* item_at(PyObject* self, Py_ssize_t i) noexcept {
  try {
    const auto* const r = native_of<report>(self);
    if (r != nullptr && i >= 0 && static_cast<std::size_t>(i) < r->findings.size()) {
      return finding_in(*r, static_cast<std::size_t>(i), self).release().ptr();
    }
  } catch (...) {
    PyErr_Clear();
  }
  return PyObject_CallMethod(self, "__getitem__", "n", i);
}

void bind_report(py::module_& m) {
  py::class_<report> cls(m, "Report", report_doc, py::is_final());
  cls.def("__len__", [](const report& self) { return self.findings.size(); })
      .def("__getitem__", &finding_at, py::arg("index"))
      .def("__getitem__", &findings_in, py::arg("slice"))
      .def("__iter__", &iterate_by_index)
      .def("__contains__", &contains, py::arg("value"))
      .def("index", &index_of, py::arg("value"), py::arg("start") = 0,
           py::arg_v("stop", std::numeric_limits<std::ptrdiff_t>::max(), "sys.maxsize"),
           "The position of the first finding equal to value, as list.index; ValueError when "
           "there is none.")
      .def("count", &count_of, py::arg("value"), "How many findings are equal to value.")
      .def_property_readonly(
          "findings", [](const py::object& self) { return findings_in(self, py::slice(0, {}, 1)); },
          "The findings as a new list.")
      .def_property_readonly(
          "summary",
          [](const report& self) {
            return summary_dict(self.summary, self.every_line_requires_auth);
          },
          R"doc(The run's counts as a dict, the keys of the CLI's --summary JSON: claims_read,
claims_validated, claims_rejected, lines_read, every_line_requires_auth, findings_by_kind (a
count for every kind), charge_at_risk (Decimal: the charge of lines with a deny finding, each
line once), charge_at_risk_by_payer (payer ID -> Decimal, each line's charge once, payers with
nothing at risk left out) and charge_at_risk_by_kind (kind -> Decimal for every kind, each
line's charge once per kind it is denied for).)doc")
      .def("to_columns", &columns_of_report,
           "The findings as a dict of lists keyed by FINDING_FIELDS, ready for pandas.DataFrame.")
      .def(
          "_frame_columns",
          [](const report& self, bool exact) { return frame_columns_of(rows_of(self), exact); },
          py::arg("exact"))
      .def("to_csv", &to_csv, py::arg("path") = py::none(), py::kw_only(),
           py::arg("with_source") = false,
           R"doc(to_csv(path=None, *, with_source=False) -> str | None

The findings as `authmatch validate --format csv` writes them, byte for byte: the header row,
then one row per finding, each line ending in CRLF, RARCs joined by '|'; with_source=True adds
the last column `source`, as `--with-source` does. Written to `path` (str or os.PathLike) when
given, else returned as a str (write it with newline="").)doc")
      .def("__repr__",
           [](const report& self) {
             return fmt::format("<Report: {} findings from {} claims ({} rejected), {} lines>",
                                self.findings.size(), self.summary.claims_read,
                                self.summary.claims_rejected, self.summary.lines_read);
           })
      .def(py::pickle(&report_state, &report_from_state))
      .def("__reduce__", &reduce_by_state);
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  type->tp_as_sequence->sq_item = &item_at;
  PyType_Modified(type);

  m.def(
      "to_columns",
      [](const py::object& findings) {
        if (py::isinstance<report>(findings))
          return columns_of_report(findings.cast<const report&>());
        return columns_of_iterable(findings);
      },
      py::arg("findings"),
      R"doc(Findings (a Report, a FindingIterator or any iterable of Finding) as a dict of lists
keyed by FINDING_FIELDS, ready for pandas.DataFrame(authmatch.to_columns(findings)).)doc");
}

}  // namespace authmatch::python
