// Enrollment: the provider enrollment roster a Validator checks rendering and billing NPIs in.

#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/loaders.hpp>

#include <fmt/format.h>

namespace authmatch::python {
namespace {

constexpr auto enrollment_doc =
    R"doc(A provider enrollment roster (see docs/inputs.md), made by load_enrollment().

Rows say where an NPI's enrollment with a payer stands over a period: enrolled, pending or
terminated. A Validator given one (Validator(index, rules, enrollment=...)) reports
provider_not_enrolled (CO-B7 N570) for a line whose rendering or billing NPI is not enrolled
with the line's payer on the dates of service; payers with no row are not checked.

Immutable; a Validator shares it rather than copying it. len() is the number of rows. Pickles
(for multiprocessing), and is safe to share between threads.)doc";

// --- pickling: one tuple of text per row, re-added on the other side -------------------------

constexpr int pickle_version = 1;

py::tuple state_of(const enrollment_roster& roster) {
  py::list rows;
  for (const auto& row : roster.rows()) {
    rows.append(py::make_tuple(
        row.payer_id, row.npi, std::string(to_string(row.status)), to_iso(row.effective_date),
        row.end_date ? py::object(py::str(to_iso(*row.end_date))) : py::object(py::none())));
  }
  return py::make_tuple(pickle_version, rows);
}

std::shared_ptr<enrollment_roster> roster_from_state(const py::tuple& state) {
  if (state.size() != 2 || state[0].cast<int>() != pickle_version) {
    throw std::runtime_error("Enrollment: unsupported pickle state");
  }
  auto roster = std::make_shared<enrollment_roster>();
  for (const auto item : state[1]) {
    const auto values = item.cast<py::tuple>();
    enrollment row;
    row.payer_id = values[0].cast<std::string>();
    row.npi = values[1].cast<std::string>();
    row.status = parse_enrollment_status(values[2].cast<std::string>()).value();
    row.effective_date = date_from(values[3], "effective_date");
    if (!values[4].is_none()) row.end_date = date_from(values[4], "end_date");
    roster->add(std::move(row));
  }
  return roster;
}

}  // namespace

void bind_enrollment(py::module_& m) {
  // Held by non-const pointer (pybind11 needs that) but never changed after it is made.
  py::class_<enrollment_roster, std::shared_ptr<enrollment_roster>>(m, "Enrollment", enrollment_doc)
      .def("__len__", &enrollment_roster::size)
      .def(
          "tracks",
          [](const enrollment_roster& self, const std::string& payer_id) {
            return self.tracks(payer_id);
          },
          py::arg("payer_id"),
          "Whether the payer has a row in the roster: only those payers are checked.")
      .def("__repr__",
           [](const enrollment_roster& self) {
             return fmt::format("<Enrollment: {} rows>", self.size());
           })
      .def(py::pickle(&state_of, &roster_from_state))
      .def("__reduce__", &reduce_by_state);

  m.def(
      "load_enrollment",
      [](const py::object& path) {
        const auto input = csv_input_from(path, "an enrollment roster CSV");
        const py::gil_scoped_release release;
        return std::make_shared<enrollment_roster>(parse_enrollment(input.read(), input.name));
      },
      py::arg("path"),
      R"doc(load_enrollment(path) -> Enrollment

Loads a provider enrollment roster, CSV payer_id,npi,status,effective_date,end_date
(docs/inputs.md: header row, columns in any order, unknown columns ignored; status enrolled,
pending or terminated; an empty end_date is open) from a path, or from bytes holding a file's
contents. All or nothing: a bad value (an NPI whose check digit fails, a date that does not
exist, ...) or a file with a header row and no rows raises InputError with its file ("<bytes>"
for bytes), line and column.)doc");
}

}  // namespace authmatch::python
