// Ledger: the utilization ledger (SQLite) that runs record their usage into.

#include "bindings.hpp"
#include "convert.hpp"

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fmt/format.h>

namespace authmatch::python {
namespace {

constexpr auto ledger_doc =
    R"doc(The utilization ledger: usage recorded across runs in one SQLite file.

Ledger(path, read_only=False) opens the ledger, creating it when missing (read_only: it must
exist, and is for rows() and to_csv() only: a run given it raises LedgerError). Pass it to a
Validator method (ledger=...) so that a run starts from what earlier runs recorded for other
claims and records its own in one transaction: a claim validated again replaces what it
recorded, a replacement takes over its original's usage and a void releases it. rows() and
to_csv() report approved, used and remaining quantities per authorization row; they may be read
while a run writes. Safe to share between threads: each run opens its own connection. Does not
pickle (TypeError).)doc";

std::vector<ledger_row> rows_of(const ledger_file& self, const std::optional<std::string>& auth) {
  const py::gil_scoped_release release;
  return utilization_ledger::open(self.path, utilization_ledger::open_mode::read_only).rows(auth);
}

py::dict dict_of(const ledger_row& row) {
  const auto& a = row.auth;
  py::dict out;
  out["auth_number"] = a.auth_number;
  out["status"] = std::string(to_string(a.status));
  out["payer_id"] = a.payer_id;
  out["member_id"] = a.member_id;
  out["code"] = a.code;
  out["unit_type"] = std::string(to_string(a.unit_type));
  out["approved"] = to_python(a.units);
  out["units_used"] = to_python(a.units_used);
  out["ledger_used"] = to_python(row.used_recorded);
  out["used_to_date"] = to_python(a.units_used + row.used_recorded);
  out["remaining"] = to_python(row.remaining());
  out["effective_date"] = to_python(a.effective_date);
  out["expiration_date"] = to_python(a.expiration_date);
  out["claims"] = row.claims;
  return out;
}

}  // namespace

void bind_ledger(py::module_& m) {
  py::class_<ledger_file>(m, "Ledger", ledger_doc)
      .def(py::init([](py::handle path, bool read_only) {
             ledger_file self{path_from(path, "a ledger file"), read_only};
             const py::gil_scoped_release release;
             utilization_ledger::open(self.path, read_only
                                                     ? utilization_ledger::open_mode::read_only
                                                     : utilization_ledger::open_mode::read_write);
             return self;
           }),
           py::arg("path"), py::arg("read_only") = false)
      .def_property_readonly(
          "path", [](const ledger_file& self) { return self.path; }, "The ledger file.")
      .def_property_readonly(
          "read_only", [](const ledger_file& self) { return self.read_only; },
          "True when opened for reports only; a run given this Ledger raises LedgerError.")
      .def(
          "rows",
          [](const ledger_file& self, const std::optional<std::string>& auth_number) {
            py::list out;
            for (const auto& row : rows_of(self, auth_number)) out.append(dict_of(row));
            return out;
          },
          py::arg("auth_number") = py::none(),
          R"doc(rows(auth_number=None) -> list[dict]

Every authorization row the ledger knows (or those of one number), as dicts with the columns
of `authmatch ledger export` (approved, units_used, ledger_used, used_to_date and remaining as
Decimal; approved and remaining None without a limit) and the number of claims recorded.)doc")
      .def(
          "to_csv",
          [](const ledger_file& self, const std::optional<std::string>& auth_number) {
            return to_csv(rows_of(self, auth_number));
          },
          py::arg("auth_number") = py::none(),
          "to_csv(auth_number=None) -> str\n\nThe rows as `authmatch ledger export` writes them.")
      .def("__repr__",
           [](const ledger_file& self) { return fmt::format("<Ledger {}>", self.path.string()); })
      .def("__reduce__", &refuse_pickling);
}

}  // namespace authmatch::python
