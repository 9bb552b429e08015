#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/rule_presets.hpp>
#include "text/text.hpp"

#include <fmt/format.h>

namespace authmatch::python {
namespace {

constexpr auto rules_doc =
    R"doc(Which (payer, code) pairs require prior authorization (see docs/judging.md).

Rules(rules=()) takes an iterable of dicts with the columns of a rules CSV, or of
(payer_id, code, requires_auth[, requires_referral]) tuples: payer_id exact or "*"; code exact ("97110"), a range of
one length ("70000-79999"), a prefix ("J*") or "*"; requires_auth a bool or "yes"/"no". A dict
may also give requires_referral, and where and when the rule applies: effective_date and
end_date (datetime.date or ISO text), place_of_service (a list or "19|22" of two-digit codes),
level_of_care (a list or "outpatient|observation": an 837I's from its type of bill), claim_type
("professional" or "institutional"), with_codes (codes the claim must also bill), note (shown in
the findings the rule decides) and auth_number_format ("utn": numbers are 14-character Medicare
tracking numbers). Of the rules that apply to a line, the most specific wins; a line no rule
applies to does not require authorization. A Validator copies the rules it is given, so changing
a Rules object later does not change validators already built. Rules pickle.)doc";

enum class rule_field : std::uint8_t {
  payer_id,
  code,
  requires_auth,
  requires_referral,
  effective_date,
  end_date,
  place_of_service,
  level_of_care,
  claim_type,
  with_codes,
  note,
  auth_number_format,
};
constexpr std::array<std::string_view, 12> rule_field_names = {
    "payer_id",          "code",           "requires_auth",
    "requires_referral", "effective_date", "end_date",
    "place_of_service",  "level_of_care",  "claim_type",
    "with_codes",        "note",           "auth_number_format"};
constexpr std::array<rule_field, 3> required_rule_fields = {rule_field::payer_id, rule_field::code,
                                                            rule_field::requires_auth};

bool answer_from(py::handle value, std::string_view field) {
  if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
  if (PyUnicode_Check(value.ptr())) {
    const auto text = text_from(value, field);
    using detail::iequals;
    if (iequals(text, "yes") || iequals(text, "y") || iequals(text, "true") || text == "1")
      return true;
    if (iequals(text, "no") || iequals(text, "n") || iequals(text, "false") || text == "0")
      return false;
    throw field_error(field, fmt::format("'{}' is not yes or no", text));
  }
  throw field_error(
      field, fmt::format("expected a bool or 'yes'/'no', got {}", Py_TYPE(value.ptr())->tp_name));
}

/// A rule as given: its CSV spellings, for rules.add().
struct rule_spec {
  std::string payer_id, code;
  bool requires_auth = false;
  bool requires_referral = false;
  rule_scope scope;
};

void add_rule(auth_rules& rules, rule_spec spec) {
  try {
    rules.add(spec.payer_id, spec.code, spec.requires_auth, spec.requires_referral,
              std::move(spec.scope));
  } catch (const rule_error& e) {
    const auto& [field, message] = e.problem();
    if (field == "payer_id" || field == "code") {
      throw field_error(
          field, fmt::format("'{}': {}", field == "payer_id" ? spec.payer_id : spec.code, message));
    }
    throw field_error(field, message);
  }
}

/// Sets one field of a rule from its Python value (not None, not "").
void set_field(rule_spec& spec, rule_field which, std::string_view name, py::handle value) {
  switch (which) {
    case rule_field::payer_id: spec.payer_id = text_from(value, name); break;
    case rule_field::code: spec.code = text_from(value, name); break;
    case rule_field::requires_auth: spec.requires_auth = answer_from(value, name); break;
    case rule_field::requires_referral: spec.requires_referral = answer_from(value, name); break;
    case rule_field::effective_date: spec.scope.effective_date = date_from(value, name); break;
    case rule_field::end_date: spec.scope.end_date = date_from(value, name); break;
    case rule_field::place_of_service: {
      // "19|" or ["19", ""]: an empty place, which list_from would drop; the rest add() checks.
      const auto refuse_empty = [&](py::handle text) {
        if (PyUnicode_Check(text.ptr()) && detail::has_empty_part(text_from(text, name))) {
          throw field_error(name,
                            "a place of service is empty (expected two-digit place of service "
                            "codes, |-separated, as in 19|22)");
        }
      };
      if (PyUnicode_Check(value.ptr())) {
        refuse_empty(value);
      } else if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
        for (const auto item : value) {
          if (PyUnicode_Check(item.ptr()) && detail::trim(text_from(item, name)).empty()) {
            throw field_error(name,
                              "a place of service is empty (expected two-digit place of service "
                              "codes, |-separated, as in 19|22)");
          }
          refuse_empty(item);
        }
      }
      spec.scope.places_of_service = list_from(value, name);
      break;
    }
    case rule_field::level_of_care:
      for (const auto& level : list_from(value, name)) {
        const auto parsed = parse_level_of_care(level);
        if (!parsed) {
          throw field_error(name,
                            fmt::format("'{}' is not inpatient, observation or outpatient", level));
        }
        spec.scope.levels_of_care.push_back(*parsed);
      }
      break;
    case rule_field::claim_type: spec.scope.claim_type = claim_type_from(value, name); break;
    case rule_field::with_codes: spec.scope.with_codes = list_from(value, name); break;
    case rule_field::note: spec.scope.note = text_from(value, name); break;
    case rule_field::auth_number_format: {
      const auto text = text_from(value, name);
      const auto format = parse_auth_number_format(text);
      if (!format) throw field_error(name, fmt::format("'{}' is not utn or any", text));
      spec.scope.number_format = *format;
      break;
    }
  }
}

void add_rule(auth_rules& rules, py::handle item) {
  if (is_mapping(item)) {
    rule_spec spec;
    read_fields(item, rule_field_names, required_rule_fields, "a rule",
                [&](rule_field which, std::string_view name, py::handle value) {
                  set_field(spec, which, name, value);
                });
    add_rule(rules, std::move(spec));
    return;
  }
  if (py::isinstance<py::tuple>(item) || py::isinstance<py::list>(item)) {
    const auto values = py::reinterpret_borrow<py::sequence>(item);
    if (values.size() == 3 || values.size() == 4) {
      rule_spec spec;
      spec.payer_id = text_from(values[0], "payer_id");
      spec.code = text_from(values[1], "code");
      spec.requires_auth = answer_from(values[2], "requires_auth");
      if (values.size() == 4 && !is_absent(values[3])) {
        spec.requires_referral = answer_from(values[3], "requires_referral");
      }
      add_rule(rules, std::move(spec));
      return;
    }
  }
  throw field_error("rule",
                    "expected a dict or a (payer_id, code, requires_auth[, requires_referral]) "
                    "tuple");
}

py::tuple tuple_of(const auth_rules::rule& r) {
  return py::make_tuple(r.payer_id.empty() ? std::string("*") : r.payer_id, r.spelling(),
                        r.requires_auth);
}

/// A rule as a dict with the column names of a rules CSV; what it leaves unrestricted is left
/// out.
py::dict dict_of(const auth_rules::rule& r) {
  py::dict out;
  out["payer_id"] = r.payer_id.empty() ? std::string("*") : r.payer_id;
  out["code"] = r.spelling();
  out["requires_auth"] = r.requires_auth;
  out["requires_referral"] = r.requires_referral;
  const auto& scope = r.scope;
  if (scope.effective_date.is_set()) out["effective_date"] = to_python(scope.effective_date);
  if (scope.end_date.is_set()) out["end_date"] = to_python(scope.end_date);
  if (!scope.places_of_service.empty()) {
    out["place_of_service"] = to_python(scope.places_of_service);
  }
  if (!scope.levels_of_care.empty()) {
    std::vector<std::string> levels;
    for (const auto level : scope.levels_of_care) levels.emplace_back(to_string(level));
    out["level_of_care"] = to_python(levels);
  }
  if (scope.claim_type) out["claim_type"] = std::string(to_string(*scope.claim_type));
  if (!scope.with_codes.empty()) out["with_codes"] = to_python(scope.with_codes);
  if (!scope.note.empty()) out["note"] = scope.note;
  if (scope.number_format != auth_number_format::any) {
    out["auth_number_format"] = std::string(to_string(scope.number_format));
  }
  return out;
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

py::dict preset_dict(const rule_preset& preset) {
  py::dict out;
  out["name"] = preset.name;
  out["title"] = preset.title;
  out["applies"] = preset.applies;
  out["codes"] = preset.codes;
  out["read_on"] = to_python(preset.read_on);
  out["sources"] = to_python(preset.sources);
  out["coverage"] = preset.coverage;
  out["auth_number_format"] = std::string(to_string(preset.number_format));
  return out;
}

}  // namespace

void bind_rules(py::module_& m) {
  py::class_<auth_rules>(m, "Rules", rules_doc)
      .def(py::init(&rules_from), py::arg("rules") = py::tuple())
      .def(
          "add",
          [](auth_rules& self, const py::object& payer_id, const py::object& code,
             const py::object& requires_auth, const py::kwargs& scope) {
            py::dict fields;
            for (const auto& [key, value] : scope) fields[key] = value;
            fields["payer_id"] = payer_id;
            fields["code"] = code;
            fields["requires_auth"] = requires_auth;
            add_rule(self, fields);
          },
          py::arg("payer_id"), py::arg("code"), py::arg("requires_auth"),
          "Adds one rule; keywords give the other columns (requires_referral, effective_date, "
          "end_date, place_of_service, level_of_care, claim_type, with_codes, note, "
          "auth_number_format). "
          "Raises FieldError naming the field when one is bad.")
      .def(
          "requires_auth",
          [](const auth_rules& self, const std::string& payer_id, const std::string& code) {
            return self.requires_auth(payer_id, code);
          },
          py::arg("payer_id"), py::arg("code"),
          "Whether the payer requires authorization for the code.")
      .def(
          "requires_referral",
          [](const auth_rules& self, const std::string& payer_id, const std::string& code) {
            return self.requires_referral(payer_id, code);
          },
          py::arg("payer_id"), py::arg("code"),
          "Whether the payer requires a referral for the code.")
      .def_static(
          "merged",
          [](const py::args& sets) {
            auth_rules out;
            std::size_t position = 0;
            for (const auto item : sets) {
              if (!py::isinstance<auth_rules>(item)) {
                throw py::type_error(fmt::format("Rules.merged takes Rules; argument {} is {}",
                                                 position, Py_TYPE(item.ptr())->tp_name));
              }
              out.append(item.cast<const auth_rules&>());
              ++position;
            }
            return out;
          },
          R"doc(merged(*rules) -> Rules

One set of the given rules, in order, as a validator reads several rules files: a later set wins
ties, so Rules.merged(practice, preset) lets the preset's rules decide where they are as
specific as the practice's. The sets given are not changed.)doc")
      .def("__len__", &auth_rules::size)
      .def(
          "__iter__",
          [](const auth_rules& self) {
            py::list out;
            for (const auto& r : self.rules()) out.append(tuple_of(r));
            return py::iter(out);
          },
          "The rules as (payer_id, code, requires_auth) tuples, in the order they were added.")
      .def(
          "to_dicts",
          [](const auth_rules& self) {
            py::list out;
            for (const auto& r : self.rules()) out.append(dict_of(r));
            return out;
          },
          "The rules as dicts with the columns of a rules CSV (what a rule leaves unrestricted "
          "is left out), in the order they were added.")
      .def("__repr__",
           [](const auth_rules& self) { return fmt::format("<Rules: {} rules>", self.size()); })
      .def(py::pickle(
          [](const auth_rules& self) {
            py::list out;
            for (const auto& r : self.rules()) out.append(dict_of(r));
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

  m.def(
      "rule_presets",
      [] {
        py::list out;
        for (const auto& preset : rule_presets()) out.append(preset_dict(preset));
        return out;
      },
      R"doc(rule_presets() -> list[dict]

The presets of published authorization lists (docs/presets.md), each a dict: name, title,
applies (the claims it applies to), codes (how many), read_on (the day its sources were read),
sources, coverage (what of the program's list it leaves out) and auth_number_format.)doc");
  m.def(
      "rules_preset_csv",
      [](const std::string& name, const std::string& payer_id) {
        return rule_preset_csv(find_rule_preset(name), payer_id);
      },
      py::arg("name"), py::arg("payer_id"),
      R"doc(rules_preset_csv(name, payer_id) -> str

The preset's rules for the payer ID the practice bills the program under, as a rules CSV to
review and merge. Raises ValueError for an unknown preset or a payer ID that is empty or "*".)doc");
  m.def(
      "rules_preset",
      [](const std::string& name, const std::string& payer_id) {
        return rule_preset_rules(find_rule_preset(name), payer_id);
      },
      py::arg("name"), py::arg("payer_id"),
      R"doc(rules_preset(name, payer_id) -> Rules

The preset's rules for the payer, loaded (rules_preset_csv, then load_rules).)doc");
}

}  // namespace authmatch::python
