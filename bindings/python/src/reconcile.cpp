// reconcile(): a run's findings against the payers' 835 remittances, and its ReconcileReport.

#include "bindings.hpp"
#include "convert.hpp"
#include "remittance.hpp"

#include <authmatch/error.hpp>
#include <authmatch/reconcile.hpp>

#include <fmt/format.h>

#include <optional>

namespace authmatch::python {
namespace {

constexpr auto report_doc =
    R"doc(What reconcile() found: per payer and code, the denials the payers made for
authorization and those the run predicted (see docs/remittances.md).

  summary      the keys of `authmatch reconcile --summary`: claims_read, lines_read,
               lines_matched, lines_unmatched, denials_made, denials_predicted,
               true_positives, missed, false_alarms, precision, recall (floats rounded to 4
               places as the command writes them, None when nothing was predicted or denied)
               and by_payer (the same keys per payer ID)
  rows         one dict per payer and code, the fields of --format jsonl (lessons a list), for
               pandas.DataFrame(report.rows)
  lessons      one dict per lesson: payer_id, code, adjustment ("CO-197"), lines, message
  rejected     the remittance claims that could not be read, with their position
  diagnostics  problems in the remittances that did not stop reading

to_table(), to_csv() and to_jsonl() give the command's outputs. Does not pickle (TypeError):
pickle its dicts.)doc";

/// A reconciliation's report with what the remittances' readers reported.
struct reconcile_result {
  reconcile_report report;
  std::vector<remittance_rejection> rejected;
  std::vector<x12::diagnostic> diagnostics;
};

/// A share as the command writes it in JSON (four places), read back as a Python float; None.
py::object share(std::optional<double> value) {
  if (!value) return py::none();
  return py::float_(std::stod(fmt::format("{:.4f}", *value)));
}

/// The counts with the summary's keys, in its order.
py::dict counts_dict(const reconcile_counts& c) {
  py::dict out;
  out["claims_read"] = c.claims_read;
  out["lines_read"] = c.lines_read;
  out["lines_matched"] = c.lines_matched;
  out["lines_unmatched"] = c.lines_unmatched;
  out["denials_made"] = c.denials_made;
  out["denials_predicted"] = c.denials_predicted;
  out["true_positives"] = c.true_positives;
  out["missed"] = c.missed;
  out["false_alarms"] = c.false_alarms;
  out["precision"] = share(c.precision());
  out["recall"] = share(c.recall());
  return out;
}

py::dict summary_of(const reconcile_result& self) {
  auto out = counts_dict(self.report.totals);
  py::dict by_payer;
  for (const auto& [payer, counts] : self.report.by_payer)
    by_payer[text_to_python(payer)] = counts_dict(counts);
  out["by_payer"] = by_payer;
  return out;
}

py::list rows_of(const reconcile_result& self) {
  py::list out;
  for (const auto& row : self.report.rows) {
    py::dict item;
    item["payer_id"] = text_to_python(row.payer_id);
    item["code"] = text_to_python(row.code);
    for (const auto value : counts_dict(row.counts)) item[value.first] = value.second;
    item["lessons"] = to_python(row.lessons);
    out.append(item);
  }
  return out;
}

py::list lessons_of(const reconcile_result& self) {
  py::list out;
  for (const auto& lesson : self.report.lessons) {
    py::dict item;
    item["payer_id"] = text_to_python(lesson.payer_id);
    item["code"] = text_to_python(lesson.code);
    item["adjustment"] = text_to_python(lesson.adjustment);
    item["lines"] = lesson.lines;
    item["message"] = text_to_python(lesson.message);
    out.append(item);
  }
  return out;
}

/// A path or bytes of JSON Lines, or Finding objects (a Report, a FindingIterator, any iterable).
std::vector<finding> findings_from(const py::object& findings) {
  if (py::isinstance<py::bytes>(findings) || PyUnicode_Check(findings.ptr()) ||
      PyObject_HasAttrString(findings.ptr(), "__fspath__")) {
    const auto input = csv_input_from(findings, "findings JSON Lines");
    const py::gil_scoped_release release;
    return parse_findings(input.read(), input.name);
  }
  if (py::isinstance<report>(findings)) {
    const auto& held = findings.cast<const report&>().findings;
    return {held.begin(), held.end()};
  }
  if (!py::isinstance<py::iterable>(findings)) {
    throw py::type_error(fmt::format(
        "reconcile: expected findings as a JSON Lines path or bytes, or Finding objects, got {}",
        Py_TYPE(findings.ptr())->tp_name));
  }
  std::vector<finding> out;
  for (const auto item : findings) {
    if (!py::isinstance<finding>(item)) {
      throw py::type_error(
          fmt::format("reconcile: expected Finding objects, got {}", Py_TYPE(item.ptr())->tp_name));
    }
    out.push_back(item.cast<const finding&>());
  }
  return out;
}

/// One remittance source, or an iterable of them; `kept` holds the bytes the sources view.
std::vector<remittance_source> remittances_from(const py::object& remittances, py::list& kept) {
  const auto single = [](const py::handle value) {
    return py::isinstance<py::bytes>(value) || PyUnicode_Check(value.ptr()) ||
           PyObject_HasAttrString(value.ptr(), "__fspath__") ||
           py::isinstance<remittance_data>(value);
  };
  std::vector<remittance_source> out;
  const auto add = [&](const py::handle value) {
    out.push_back(remittance_source_from(value));
    kept.append(value);
  };
  if (single(remittances)) {
    add(remittances);
  } else if (py::isinstance<py::iterable>(remittances)) {
    for (const auto item : remittances) add(item);
  } else {
    throw py::type_error(fmt::format(
        "reconcile: expected an 835 path, bytes or Remittance, or a list of them, got {}",
        Py_TYPE(remittances.ptr())->tp_name));
  }
  if (out.empty()) throw py::type_error("reconcile: expected at least one 835 remittance");
  return out;
}

/// Feeds a Remittance read before: its claims, rejections and stray lines in input order.
void replay(const remittance_data& data, remittance_recorder& sink) {
  for (const auto& event : data.events) {
    std::visit(
        [&](const auto& item) {
          using kind = std::decay_t<decltype(item)>;
          if constexpr (std::is_same_v<kind, remittance_claim>) {
            sink.on_claim(item);
          } else if constexpr (std::is_same_v<kind, remittance_rejection>) {
            sink.on_rejected(item);
          } else {
            sink.on_stray_line(item);
          }
        },
        event);
  }
  for (const auto& d : data.diagnostics) sink.on_diagnostic(d);
}

reconcile_result run_reconcile(const py::object& findings_given, const py::object& remittances,
                               const auth_rules* rules_given,
                               const std::shared_ptr<loaded_profiles>& profiles) {
  const auto findings = findings_from(findings_given);
  py::list kept;
  const auto sources = remittances_from(remittances, kept);
  // A copy of the rules: the Rules object may change on another thread while this one runs.
  const std::optional<auth_rules> rules =
      rules_given ? std::optional<auth_rules>(*rules_given) : std::nullopt;

  const py::gil_scoped_release release;
  reconciliation matcher(findings,
                         {profiles ? &profiles->profiles : nullptr, rules ? &*rules : nullptr});
  remittance_recorder sink(&matcher, false);
  std::uint64_t readable = 0;
  for (const auto& source : sources) {
    if (source.read) {
      replay(*source.read, sink);
      readable += source.read->stats.claims_read - source.read->stats.claims_rejected;
    } else {
      const auto stats = read_remittance(source, sink);
      readable += stats.claims_read - stats.claims_rejected;
    }
  }
  reconcile_result result;
  for (auto& event : sink.events) {  // the rejected claims; stray lines are counted already
    if (auto* rejected = std::get_if<remittance_rejection>(&event)) {
      result.rejected.push_back(std::move(*rejected));
    }
  }
  if (readable == 0) {
    const std::string first =
        result.rejected.empty() ? std::string() : "; " + result.rejected.front().message;
    throw input_error({}, "no remittance claim could be read" + first);
  }
  result.report = matcher.report();
  result.diagnostics = std::move(sink.diagnostics);
  return result;
}

}  // namespace

void bind_reconcile(py::module_& m) {
  py::class_<reconcile_result>(m, "ReconcileReport", report_doc)
      .def_property_readonly("summary", &summary_of,
                             "The counts, with the keys of `authmatch reconcile --summary`.")
      .def_property_readonly("rows", &rows_of,
                             "One dict per payer and code (the --format jsonl fields).")
      .def_property_readonly("lessons", &lessons_of,
                             "What each missed denial (or one under other codes) teaches.")
      .def_property_readonly(
          "claims_rejected",
          [](const reconcile_result& self) { return self.report.claims_rejected; },
          "How many remittance claims could not be read (their lines count as unmatched).")
      .def_property_readonly(
          "rejected",
          [](const reconcile_result& self) {
            py::list out;
            for (const auto& r : self.rejected) out.append(rejection_dict(r));
            return out;
          },
          "The remittance claims that could not be read, with their position.")
      .def_property_readonly(
          "diagnostics",
          [](const reconcile_result& self) {
            py::list out;
            for (const auto& d : self.diagnostics) out.append(diagnostic_dict(d));
            return out;
          },
          "Problems in the remittances that did not stop reading.")
      .def(
          "to_table",
          [](const reconcile_result& self) { return text_to_python(reconcile_table(self.report)); },
          "The table `authmatch reconcile --format table` prints, lessons included.")
      .def(
          "to_csv",
          [](const reconcile_result& self) { return text_to_python(reconcile_csv(self.report)); },
          "The rows as `authmatch reconcile --format csv` writes them (CRLF line ends).")
      .def(
          "to_jsonl",
          [](const reconcile_result& self) { return text_to_python(reconcile_jsonl(self.report)); },
          "The rows as `authmatch reconcile --format jsonl` writes them.")
      .def("__repr__",
           [](const reconcile_result& self) {
             const auto& t = self.report.totals;
             return fmt::format(
                 "<ReconcileReport: {} claims, {} lines; {} denials made, {} predicted, {} "
                 "caught>",
                 t.claims_read, t.lines_read, t.denials_made, t.denials_predicted,
                 t.true_positives);
           })
      .def("__reduce__", &refuse_pickling);

  m.def("reconcile", &run_reconcile, py::arg("findings"), py::arg("remittances"),
        py::arg("rules") = py::none(), py::arg("payer_profiles") = py::none(),
        R"doc(reconcile(findings, remittances, rules=None, payer_profiles=None) -> ReconcileReport

Compares the payers' 835 remittances with the findings of a validation run, as `authmatch
reconcile` does (docs/remittances.md): CLP01 is the claim ID, a service line is matched by its
line control number (REF*6R, the finding's line, when its claim's values can be line numbers),
else by its position when code and date agree, else by code and date in order, and per payer
and code the report counts the authorization denials the payers made, those the run predicted,
the ones it missed and its false alarms, with precision, recall and lessons.

findings: the run's JSON Lines (`validate --format jsonl`) as a path or bytes, or its Finding
objects (a Report, a FindingIterator, a list). remittances: an 835 path, bytes or a Remittance
from read_835(), or a list of them. rules: the run's Rules, so lessons can say whether a rule is
missing. payer_profiles: PayerProfiles, so a payer's own codes agree with the findings'.

Findings that are not JSON Lines raise InputError (file, line, column); so does a remittance
that is not X12 or holds no claim payment (CLP), or remittances in which no claim could be read.
A damaged claim is listed in ReconcileReport.rejected and the others are read.)doc");
}

}  // namespace authmatch::python
