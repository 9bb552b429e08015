#include "bindings.hpp"
#include "convert.hpp"
#include "text/text.hpp"

#include <authmatch/finding_fields.hpp>

#include <pybind11/stl.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <type_traits>
#include <utility>

namespace authmatch::python {
namespace {

constexpr auto finding_doc = R"doc(One problem on one claim line (line 0: the whole claim).

Attributes are named as the fields of the CLI's JSON Lines output (README.md, Findings): claim_id,
line, kind, severity, group, carc, rarc (list of str), auth_number (None when no authorization
was compared), member_id, payer_id, code, service_date (datetime.date or None), units and charge
(decimal.Decimal or None), expected, actual and message (one sentence naming the fix).
Findings are immutable, compare equal field by field and pickle.)doc";

/// The docstring of each field's attribute, in for_each_finding_field order.
constexpr std::array<std::pair<std::string_view, const char*>, finding_field_count> field_docs{{
    {"claim_id", "CLM01, the patient control number."},
    {"line", "The LX line number; 0 for the whole claim."},
    {"kind", "What is wrong, one of FINDING_KINDS, e.g. 'auth_missing'."},
    {"severity", "'deny', 'warn', 'info' or 'error'."},
    {"group", "Claim adjustment group code, 'CO' (empty for claim_unreadable)."},
    {"carc", "Claim adjustment reason code, e.g. '197'."},
    {"rarc", "Remittance advice remark codes, e.g. ['N54']."},
    {"auth_number", "The authorization compared against, or None."},
    {"member_id", "The subscriber's member ID."},
    {"payer_id", "The payer's ID."},
    {"code", "The billed CPT/HCPCS code."},
    {"service_date", "First day of service (datetime.date), or None."},
    {"units", "Billed units (decimal.Decimal), or None."},
    {"charge", "Line charge (decimal.Decimal with 2 places), or None."},
    {"expected", "What the authorization allows."},
    {"actual", "What the claim carries."},
    {"message", "One plain sentence with the fix."},
}};
static_assert(
    [] {
      for (std::size_t i = 0; i < finding_field_count; ++i) {
        if (field_docs[i].first != finding_fields[i]) return false;
      }
      return true;
    }(),
    "every finding field has a docstring, in for_each_finding_field order");

constexpr std::array<severity, 4> all_severities = {severity::deny, severity::warn, severity::info,
                                                    severity::error};

// A field's value as a Python value, and back (from pickle state): one overload per kind of
// value a finding field holds.

py::object python_value(const finding_field&, const std::string& text) {
  return text_to_python(text);
}
py::object python_value(const finding_field&, std::uint32_t number) { return py::int_(number); }
py::object python_value(const finding_field&, finding_kind kind) {
  return py::str(to_string(kind));
}
py::object python_value(const finding_field&, severity level) { return py::str(to_string(level)); }
py::object python_value(const finding_field&, const std::vector<std::string>& texts) {
  return to_python(texts);
}
py::object python_value(const finding_field&, date day) { return to_python(day); }
py::object python_value(const finding_field& field, decimal value) {
  return to_python(value, field.min_places);  // a charge as the CLI prints it: "110.00"
}
template <typename T>
py::object python_value(const finding_field& field, const std::optional<T>& value) {
  return value ? python_value(field, *value) : py::none();
}

void set_from_python(const finding_field&, std::string& text, py::handle value) {
  text = value.cast<std::string>();
}
void set_from_python(const finding_field&, std::uint32_t& number, py::handle value) {
  number = value.cast<std::uint32_t>();
}
void set_from_python(const finding_field& field, finding_kind& kind, py::handle value) {
  const auto name = value.cast<std::string>();
  const auto parsed = parse_finding_kind(name);
  if (!parsed) throw field_error(field.name, "'" + name + "' is not a finding kind");
  kind = *parsed;
}
void set_from_python(const finding_field& field, severity& level, py::handle value) {
  const auto name = value.cast<std::string>();
  const auto found = std::find_if(all_severities.begin(), all_severities.end(),
                                  [&](severity s) { return to_string(s) == name; });
  if (found == all_severities.end()) {
    throw field_error(field.name, "'" + name + "' is not a severity");
  }
  level = *found;
}
void set_from_python(const finding_field&, std::vector<std::string>& texts, py::handle value) {
  texts = value.cast<std::vector<std::string>>();
}
void set_from_python(const finding_field& field, date& day, py::handle value) {
  day = date_from(value, field.name);
}
void set_from_python(const finding_field& field, decimal& amount, py::handle value) {
  amount = decimal_from(value, field.name);
}
template <typename T>
void set_from_python(const finding_field& field, std::optional<T>& target, py::handle value) {
  if (value.is_none()) {
    target.reset();
  } else {
    set_from_python(field, target.emplace(), value);
  }
}

/// The source as Python has it: None when not known.
py::object source_of(const finding& f) {
  if (f.source.empty()) return py::none();
  return text_to_python(f.source);
}

/// The fields as Python values, in for_each_finding_field order, then the source: the pickle
/// state.
py::tuple state_of(const finding& f) {
  py::tuple state(finding_field_count + 1);
  std::size_t i = 0;
  for_each_finding_field([&](const finding_field& field, auto member) {
    state[i++] = python_value(field, f.*member);
  });
  state[i] = source_of(f);
  return state;
}

/// A finding from its pickle state; one without a source was pickled by an earlier version.
finding finding_from_state(const py::tuple& state) {
  if (state.size() != finding_field_count && state.size() != finding_field_count + 1) {
    throw std::runtime_error("Finding: bad pickle state");
  }
  finding f;
  std::size_t i = 0;
  for_each_finding_field([&](const finding_field& field, auto member) {
    set_from_python(field, f.*member, state[i++]);
  });
  if (i < state.size() && !state[i].is_none()) f.source = state[i].cast<std::string>();
  return f;
}

py::dict dict_of(const finding& f) {
  py::dict out;
  for_each_finding_field([&](const finding_field& field, auto member) {
    out[py::str(field.name)] = python_value(field, f.*member);
  });
  return out;
}

bool same_fields(const finding& a, const finding& b) {
  bool same = true;
  for_each_finding_field(
      [&](const finding_field&, auto member) { same = same && a.*member == b.*member; });
  return same;
}

std::string repr_of(const finding& f) {
  std::string adjustment = f.group.empty() ? std::string("-") : f.group + "-" + f.carc;
  for (const auto& r : f.rarc) adjustment += " " + r;
  return fmt::format("<Finding {} line {} {} ({}) {} auth={} code={} date={}>",
                     std::string(py::repr(text_to_python(f.claim_id))), f.line, to_string(f.kind),
                     to_string(f.level), adjustment, f.auth_number.value_or("None"),
                     f.code.empty() ? "-" : f.code,
                     f.service_date ? to_iso(*f.service_date) : std::string("None"));
}

// A field's value in a pandas column: lists joined by '|' as the CSV joins them, quantities
// as float unless `exact` (decimal.Decimal then), the others as python_value gives them.
template <typename T>
py::object frame_value(const finding_field& field, const T& value, bool) {
  return python_value(field, value);
}
py::object frame_value(const finding_field&, const std::vector<std::string>& texts, bool) {
  return text_to_python(detail::join(texts, "|"));
}
py::object frame_value(const finding_field& field, decimal value, bool exact) {
  if (exact) return python_value(field, value);
  // Both exact in a double below 2^53 thousandths, so the division rounds once, as
  // float(Decimal) does.
  return py::float_(static_cast<double>(value.thousandths()) / static_cast<double>(decimal::scale));
}
template <typename T>
py::object frame_value(const finding_field& field, const std::optional<T>& value, bool exact) {
  return value ? frame_value(field, *value, exact) : py::none();
}

}  // namespace

py::tuple finding_state(const finding& f) { return state_of(f); }

finding finding_from(const py::tuple& state) { return finding_from_state(state); }

py::object finding_object(const finding& f, py::return_value_policy policy, py::handle parent) {
  // What py::cast does for a class that is not polymorphic, with the class looked up once.
  static_assert(!std::is_polymorphic_v<finding>);
  constexpr auto copy = [](const void* from) -> void* {
    return new finding(*static_cast<const finding*>(from));
  };
  return py::reinterpret_steal<py::object>(py::detail::type_caster_generic::cast(
      &f, policy, parent, bound_type<finding>(), copy, nullptr));
}

py::dict frame_columns_of(std::span<const finding* const> findings, bool exact) {
  py::dict out;
  for_each_finding_field([&](const finding_field& field, auto member) {
    py::list column(findings.size());
    for (std::size_t row = 0; row < findings.size(); ++row) {
      column[row] = frame_value(field, findings[row]->*member, exact);
    }
    out[py::str(field.name)] = column;
  });
  py::list sources(findings.size());
  for (std::size_t row = 0; row < findings.size(); ++row) sources[row] = source_of(*findings[row]);
  out["source"] = sources;
  return out;
}

py::dict columns_of(std::span<const finding* const> findings) {
  py::dict out;
  for_each_finding_field([&](const finding_field& field, auto member) {
    py::list column(findings.size());
    for (std::size_t row = 0; row < findings.size(); ++row) {
      column[row] = python_value(field, findings[row]->*member);
    }
    out[py::str(field.name)] = column;
  });
  return out;
}

namespace {

/// Field `which` of `f` (for_each_finding_field's order) as its Python value.
py::object field_value(const finding& f, std::size_t which) {
  py::object value;
  std::size_t i = 0;
  for_each_finding_field([&](const finding_field& field, auto member) {
    if (i++ == which) value = python_value(field, f.*member);
  });
  return value;
}

/// The getter of a Finding's field, `closure` its index. A property pybind11 defines is a
/// Python property over a bound function: reading one goes through pybind11's dispatch, which
/// looks the class up by its type's name to find the finding, and costs more than the value.
PyObject* get_field(PyObject* self, void* closure) noexcept {
  try {
    if (const auto* f = native_of<finding>(self)) {
      return field_value(*f, reinterpret_cast<std::uintptr_t>(closure)).release().ptr();
    }
    PyErr_SetString(PyExc_TypeError, made_without_init);
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

/// The fields' descriptors, which Python keeps pointers to for as long as the class lives.
std::array<PyGetSetDef, finding_field_count> field_getters = [] {
  std::array<PyGetSetDef, finding_field_count> getters{};
  for (std::size_t i = 0; i < finding_field_count; ++i) {
    // The names are literals: their views end where the literal's NUL is.
    getters[i] = {finding_fields[i].data(), &get_field, nullptr, field_docs[i].second,
                  reinterpret_cast<void*>(i)};
  }
  return getters;
}();

}  // namespace

void bind_finding(py::module_& m) {
  py::class_<finding> cls(m, "Finding", finding_doc);
  auto* const type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  for (auto& getter : field_getters) {
    const auto descriptor = py::reinterpret_steal<py::object>(PyDescr_NewGetSet(type, &getter));
    if (!descriptor) throw py::error_already_set();
    cls.attr(getter.name) = descriptor;
  }
  cls.def_property_readonly(
      "source", &source_of,
      "Where the line was read, 'input:position': the file (or '<bytes>', '<records>') and "
      "the 837 segment number of the line's LX, the CSV line, or the record from 1 (a claim's "
      "finding: its first line; an unreadable claim: its CLM or first row); None when not "
      "known. Not one of the JSON Lines fields: to_dict() and equality leave it out "
      "(docs/findings.md).");
  cls.def("to_dict", &dict_of,
          "The fields as a dict, in output order (the JSON Lines keys), with Python values.");
  cls.def("__repr__", &repr_of);
  cls.def("__eq__", [](const finding& a, const py::object& b) -> py::object {
    if (!py::isinstance<finding>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(same_fields(a, b.cast<const finding&>()));
  });
  cls.attr("__hash__") = py::none();
  cls.def(py::pickle(&state_of, &finding_from_state));
  cls.def("__reduce__", &reduce_by_state);

  py::tuple kinds(all_finding_kinds.size());
  for (std::size_t k = 0; k < all_finding_kinds.size(); ++k) {
    kinds[k] = py::str(to_string(all_finding_kinds[k]));
  }
  m.attr("FINDING_KINDS") = kinds;
  py::tuple fields(finding_field_count);
  for (std::size_t f = 0; f < finding_field_count; ++f) fields[f] = py::str(finding_fields[f]);
  m.attr("FINDING_FIELDS") = fields;
}

}  // namespace authmatch::python
