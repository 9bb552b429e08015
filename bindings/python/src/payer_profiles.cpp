// PayerProfiles: the adjustment codes each payer uses, for a Validator and for reconcile().

#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/payer_profiles.hpp>

#include <fmt/format.h>

namespace authmatch::python {
namespace {

constexpr auto profiles_doc =
    R"doc(Payer profiles (see docs/profiles.md), made by load_payer_profiles().

Which adjustment codes each payer uses: a preset (default, x12_strict, legacy) and per-kind
overrides of group, CARC and remark codes, with the payer's decision window for pending
requests. A Validator given them (Validator(index, rules, payer_profiles=...)) gives each
finding its payer's codes; reconcile(..., payer_profiles=...) compares a payer's codes through
them. A payer without a profile (and no "*" profile) keeps the default codes.

Immutable; a Validator shares them rather than copying them. len() is the number of payers with
a profile of their own ("*" included). Pickles (for multiprocessing), and is safe to share
between threads.)doc";

constexpr int pickle_version = 1;

using profiles_ptr = std::shared_ptr<loaded_profiles>;

profiles_ptr profiles_from(std::string csv, std::string name) {
  auto loaded = std::make_shared<loaded_profiles>();
  loaded->profiles = parse_payer_profiles(csv, name);
  loaded->csv = std::move(csv);
  loaded->name = std::move(name);
  return loaded;
}

finding_kind kind_from(const std::string& name) {
  if (const auto kind = parse_finding_kind(name)) return *kind;
  throw field_error("kind", fmt::format("'{}' is not a finding kind (see FINDING_KINDS)", name));
}

}  // namespace

void bind_payer_profiles(py::module_& m) {
  // Held by non-const pointer (pybind11 needs that) but never changed after it is made.
  py::class_<loaded_profiles, profiles_ptr>(m, "PayerProfiles", profiles_doc)
      .def("__len__", [](const loaded_profiles& self) { return self.profiles.payers().size(); })
      .def_property_readonly(
          "payers", [](const loaded_profiles& self) { return to_python(self.profiles.payers()); },
          "The payers with a profile of their own (\"*\" included), sorted.")
      .def(
          "preset",
          [](const loaded_profiles& self, const std::string& payer_id) {
            return std::string(to_string(self.profiles.preset(payer_id)));
          },
          py::arg("payer_id"),
          "The payer's preset: 'default', 'x12_strict' or 'legacy' (that of \"*\" for a payer "
          "without a profile of its own, else 'default').")
      .def(
          "codes_for",
          [](const loaded_profiles& self, const std::string& payer_id, const std::string& kind,
             bool number_on_claim, bool denied_status) {
            const auto codes =
                self.profiles.codes_for(payer_id, kind_from(kind), number_on_claim, denied_status);
            py::dict out;
            out["group"] = text_to_python(codes.group);
            out["carc"] = text_to_python(codes.carc);
            out["rarc"] = to_python(codes.rarc);
            return out;
          },
          py::arg("payer_id"), py::arg("kind"), py::kw_only(), py::arg("number_on_claim") = true,
          py::arg("denied_status") = false,
          R"doc(codes_for(payer_id, kind, *, number_on_claim=True, denied_status=False) -> dict

The codes the payer uses for a finding of `kind`, as {"group", "carc", "rarc"} (empty group
and CARC for kinds without adjustment codes: warnings, notes, errors). number_on_claim: the
line carried an authorization number (x12_strict uses CO-284 only then); denied_status: the
authorization was denied (CO-39 for auth_not_approved). An unknown kind raises FieldError.)doc")
      .def(
          "decision_window",
          [](const loaded_profiles& self, const std::string& payer_id) -> py::object {
            const auto window = self.profiles.decision_window(payer_id);
            if (!window) return py::none();
            return py::module_::import("datetime")
                .attr("timedelta")(py::arg("hours") = window->count());
          },
          py::arg("payer_id"),
          "How long the payer takes to decide a pending request (datetime.timedelta), or None "
          "when its profile gives no window.")
      .def_property_readonly(
          "deactivated_codes",
          [](const loaded_profiles& self) { return to_python(self.profiles.deactivated_codes()); },
          "CARCs deactivated in the X12 code list (15, 62, 165) that a profile maps findings to, "
          "sorted; the command names them on stderr when a run uses them.")
      .def("__repr__",
           [](const loaded_profiles& self) {
             const auto payers = self.profiles.payers().size();
             return fmt::format("<PayerProfiles: {} payer{}>", payers, payers == 1 ? "" : "s");
           })
      .def(py::pickle(
          [](const loaded_profiles& self) {
            return py::make_tuple(pickle_version, py::bytes(self.csv), self.name);
          },
          [](const py::tuple& state) {
            if (state.size() != 3 || state[0].cast<int>() != pickle_version) {
              throw std::runtime_error("PayerProfiles: unsupported pickle state");
            }
            return profiles_from(state[1].cast<std::string>(), state[2].cast<std::string>());
          }))
      .def("__reduce__", &reduce_by_state);

  m.def(
      "load_payer_profiles",
      [](const py::object& path) {
        const auto input = csv_input_from(path, "a payer profiles CSV");
        const py::gil_scoped_release release;
        return profiles_from(input.read(), input.name);
      },
      py::arg("path"),
      R"doc(load_payer_profiles(path) -> PayerProfiles

Loads payer profiles, CSV payer_id,preset,kind,group,carc,rarc,decision_window
(docs/profiles.md: header row, only payer_id required, columns in any order) from a path, or
from bytes holding a file's contents. All or nothing: a bad value (an unknown preset or kind, a
kind without adjustment codes, a malformed CARC or window, ...) raises InputError with its file
("<bytes>" for bytes), line and column.)doc");
}

}  // namespace authmatch::python
