#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/loaders.hpp>
#include "text/text.hpp"

#include <fmt/format.h>

namespace authmatch::python {
namespace {

constexpr auto rules_doc =
    R"doc(Which (payer, code) pairs require prior authorization (see docs/judging.md).

Rules(rules=()) takes an iterable of dicts {"payer_id", "code", "requires_auth"} or of
(payer_id, code, requires_auth) tuples, as in a rules CSV: payer_id exact or "*"; code exact
("97110"), a range of one length ("70000-79999"), a prefix ("J*") or "*"; requires_auth a bool
or "yes"/"no". The most specific rule wins; a code no rule covers does not require
authorization. A Validator copies the rules it is given, so changing a Rules object later does
not change validators already built. Rules pickle.)doc";

bool requires_auth_from(py::handle value) {
  if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
  if (PyUnicode_Check(value.ptr())) {
    const auto text = text_from(value, "requires_auth");
    using detail::iequals;
    if (iequals(text, "yes") || iequals(text, "y") || iequals(text, "true") || text == "1")
      return true;
    if (iequals(text, "no") || iequals(text, "n") || iequals(text, "false") || text == "0")
      return false;
    throw field_error("requires_auth", fmt::format("'{}' is not yes or no", text));
  }
  throw field_error("requires_auth", fmt::format("expected a bool or 'yes'/'no', got {}",
                                                 Py_TYPE(value.ptr())->tp_name));
}

void add_rule(auth_rules& rules, py::handle payer_value, py::handle code_value,
              py::handle required) {
  const auto payer = text_from(payer_value, "payer_id");
  const auto code = text_from(code_value, "code");
  const bool requires_auth = requires_auth_from(required);
  try {
    rules.add(payer, code, requires_auth);
  } catch (const rule_error& e) {
    const auto& [field, message] = e.problem();
    throw field_error(field, fmt::format("'{}': {}", field == "payer_id" ? payer : code, message));
  }
}

void add_rule(auth_rules& rules, py::handle item) {
  if (is_mapping(item)) {
    py::object payer, code, required;
    for_each_item(item, [&](std::string_view key, py::handle value) {
      if (key == "payer_id")
        payer = py::reinterpret_borrow<py::object>(value);
      else if (key == "code")
        code = py::reinterpret_borrow<py::object>(value);
      else if (key == "requires_auth")
        required = py::reinterpret_borrow<py::object>(value);
      else
        throw field_error(key, "unknown field (a rule has payer_id, code, requires_auth)");
    });
    for (const auto& [name, value] :
         {std::pair{"payer_id", payer}, {"code", code}, {"requires_auth", required}}) {
      if (!value) throw field_error(name, "is required");
    }
    add_rule(rules, payer, code, required);
    return;
  }
  if (py::isinstance<py::tuple>(item) || py::isinstance<py::list>(item)) {
    const auto values = py::reinterpret_borrow<py::sequence>(item);
    if (values.size() == 3) {
      add_rule(rules, values[0], values[1], values[2]);
      return;
    }
  }
  throw field_error("rule", "expected a dict or a (payer_id, code, requires_auth) tuple");
}

py::tuple tuple_of(const auth_rules::rule& r) {
  return py::make_tuple(r.payer_id.empty() ? std::string("*") : r.payer_id, r.spelling(),
                        r.requires_auth);
}

auth_rules rules_from(const py::iterable& items) {
  auth_rules rules;
  std::size_t position = 0;
  for (const auto item : items) {
    try {
      add_rule(rules, item);
    } catch (field_error& e) {
      e.record = position;
      throw;
    }
    ++position;
  }
  return rules;
}

}  // namespace

void bind_rules(py::module_& m) {
  py::class_<auth_rules>(m, "Rules", rules_doc)
      .def(py::init(&rules_from), py::arg("rules") = py::tuple())
      .def(
          "add",
          [](auth_rules& self, const py::object& payer_id, const py::object& code,
             const py::object& requires_auth) { add_rule(self, payer_id, code, requires_auth); },
          py::arg("payer_id"), py::arg("code"), py::arg("requires_auth"),
          "Adds one rule. Raises FieldError naming payer_id, code or requires_auth when it is bad.")
      .def(
          "requires_auth",
          [](const auth_rules& self, const std::string& payer_id, const std::string& code) {
            return self.requires_auth(payer_id, code);
          },
          py::arg("payer_id"), py::arg("code"),
          "Whether the payer requires authorization for the code.")
      .def("__len__", &auth_rules::size)
      .def(
          "__iter__",
          [](const auth_rules& self) {
            py::list out;
            for (const auto& r : self.rules()) out.append(tuple_of(r));
            return py::iter(out);
          },
          "The rules as (payer_id, code, requires_auth) tuples, in the order they were added.")
      .def("__repr__",
           [](const auth_rules& self) { return fmt::format("<Rules: {} rules>", self.size()); })
      .def(py::pickle(
          [](const auth_rules& self) {
            py::list out;
            for (const auto& r : self.rules()) out.append(tuple_of(r));
            return py::make_tuple(out);
          },
          [](const py::tuple& state) { return rules_from(state[0]); }))
      .def("__reduce__", &reduce_by_state);

  m.def(
      "load_rules",
      [](const py::object& path) {
        const auto input = csv_input_from(path, "a rules CSV");
        const py::gil_scoped_release release;
        return parse_auth_rules(input.read(), input.name);
      },
      py::arg("path"),
      R"doc(load_rules(path) -> Rules

Loads a rules CSV payer_id,code,requires_auth (docs/inputs.md) from a path, or from bytes holding a
file's contents. All or nothing: a bad value raises InputError with its file ("<bytes>" for
bytes), line and column.)doc");
}

}  // namespace authmatch::python
