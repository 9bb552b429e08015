#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/output.hpp>

#include <pybind11/stl.h>

#include <array>
#include <fmt/format.h>
#include <tuple>

namespace authmatch::python {
namespace {

constexpr auto finding_doc = R"doc(One problem on one claim line (line 0: the whole claim).

Attributes are named as the fields of the CLI's JSON Lines output (DOMAIN §6): claim_id, line,
kind, severity, group, carc, rarc (list of str), auth_number (None when no authorization was
compared), member_id, payer_id, code, service_date (datetime.date or None), units and charge
(decimal.Decimal or None), expected, actual and message (one sentence naming the fix).
Findings are immutable, compare equal field by field and pickle.)doc";

constexpr std::array<severity, 4> all_severities = {severity::deny, severity::warn, severity::info,
                                                    severity::error};

constexpr std::size_t field_count = finding_fields.size();

/// One field of a finding as a Python value; `index` is its position in finding_fields.
py::object value_of(const finding& f, std::size_t index) {
  switch (index) {
    case 0: return py::str(f.claim_id);
    case 1: return py::int_(f.line);
    case 2: return py::str(std::string(to_string(f.kind)));
    case 3: return py::str(std::string(to_string(f.level)));
    case 4: return py::str(f.group);
    case 5: return py::str(f.carc);
    case 6: return to_python(f.rarc);
    case 7: return f.auth_number ? py::object(py::str(*f.auth_number)) : py::object(py::none());
    case 8: return py::str(f.member_id);
    case 9: return py::str(f.payer_id);
    case 10: return py::str(f.code);
    case 11: return to_python(f.service_date);
    case 12: return to_python(f.units);
    case 13: return to_python(f.charge, 2);  // as the CLI prints it: "110.00"
    case 14: return py::str(f.expected);
    case 15: return py::str(f.actual);
    case 16: return py::str(f.message);
    default: throw std::out_of_range("finding field");
  }
}

std::array<py::object, field_count> values_of(const finding& f) {
  std::array<py::object, field_count> values;
  for (std::size_t i = 0; i < field_count; ++i) values[i] = value_of(f, i);
  return values;
}

py::dict dict_of(const finding& f) {
  const auto values = values_of(f);
  py::dict out;
  for (std::size_t i = 0; i < field_count; ++i) out[py::str(std::string(finding_fields[i]))] = values[i];
  return out;
}

finding finding_from_state(const py::tuple& state) {
  if (state.size() != field_count) throw std::runtime_error("Finding: bad pickle state");
  const auto text = [&](std::size_t i) { return state[i].cast<std::string>(); };
  finding f;
  f.claim_id = text(0);
  f.line = state[1].cast<std::uint32_t>();
  const auto kind = parse_finding_kind(text(2));
  if (!kind) throw field_error("kind", "'" + text(2) + "' is not a finding kind");
  f.kind = *kind;
  const auto level = std::find_if(all_severities.begin(), all_severities.end(),
                                  [&](severity s) { return to_string(s) == text(3); });
  if (level == all_severities.end()) throw field_error("severity", "'" + text(3) + "' is not a severity");
  f.level = *level;
  f.group = text(4);
  f.carc = text(5);
  f.rarc = state[6].cast<std::vector<std::string>>();
  if (!state[7].is_none()) f.auth_number = text(7);
  f.member_id = text(8);
  f.payer_id = text(9);
  f.code = text(10);
  if (!state[11].is_none()) f.service_date = date_from(state[11], "service_date");
  if (!state[12].is_none()) f.units = decimal_from(state[12], "units");
  if (!state[13].is_none()) f.charge = decimal_from(state[13], "charge");
  f.expected = text(14);
  f.actual = text(15);
  f.message = text(16);
  return f;
}

auto fields_of(const finding& f) {
  return std::tie(f.claim_id, f.line, f.kind, f.level, f.group, f.carc, f.rarc, f.auth_number,
                  f.member_id, f.payer_id, f.code, f.service_date, f.units, f.charge, f.expected,
                  f.actual, f.message);
}

std::string repr_of(const finding& f) {
  std::string adjustment = f.group.empty() ? std::string("-") : f.group + "-" + f.carc;
  for (const auto& r : f.rarc) adjustment += " " + r;
  return fmt::format("<Finding {} line {} {} ({}) {} auth={} code={} date={}>",
                     std::string(py::repr(py::str(f.claim_id))), f.line, to_string(f.kind),
                     to_string(f.level), adjustment, f.auth_number.value_or("None"),
                     f.code.empty() ? "-" : f.code,
                     f.service_date ? to_iso(*f.service_date) : std::string("None"));
}

}  // namespace

py::dict columns_of(std::span<const finding* const> findings) {
  std::array<py::list, field_count> columns;
  for (auto& column : columns) column = py::list(findings.size());
  for (std::size_t row = 0; row < findings.size(); ++row) {
    for (std::size_t i = 0; i < field_count; ++i) columns[i][row] = value_of(*findings[row], i);
  }
  py::dict out;
  for (std::size_t i = 0; i < field_count; ++i) out[py::str(std::string(finding_fields[i]))] = columns[i];
  return out;
}

void bind_finding(py::module_& m) {
  py::class_<finding> cls(m, "Finding", finding_doc);
  const auto field = [&](const char* name, std::size_t index, const char* doc) {
    cls.def_property_readonly(
        name, [index](const finding& f) { return value_of(f, index); }, doc);
  };
  field("claim_id", 0, "CLM01, the patient control number.");
  field("line", 1, "The LX line number; 0 for the whole claim.");
  field("kind", 2, "What is wrong, one of FINDING_KINDS, e.g. 'auth_missing'.");
  field("severity", 3, "'deny', 'warn', 'info' or 'error'.");
  field("group", 4, "Claim adjustment group code, 'CO' (empty for claim_unreadable).");
  field("carc", 5, "Claim adjustment reason code, e.g. '197'.");
  field("rarc", 6, "Remittance advice remark codes, e.g. ['N54'].");
  field("auth_number", 7, "The authorization compared against, or None.");
  field("member_id", 8, "The subscriber's member ID.");
  field("payer_id", 9, "The payer's ID.");
  field("code", 10, "The billed CPT/HCPCS code.");
  field("service_date", 11, "First day of service (datetime.date), or None.");
  field("units", 12, "Billed units (decimal.Decimal), or None.");
  field("charge", 13, "Line charge (decimal.Decimal with 2 places), or None.");
  field("expected", 14, "What the authorization allows.");
  field("actual", 15, "What the claim carries.");
  field("message", 16, "One plain sentence with the fix.");
  cls.def("to_dict", &dict_of,
          "The fields as a dict, in output order (the JSON Lines keys), with Python values.");
  cls.def("__repr__", &repr_of);
  cls.def("__eq__", [](const finding& a, const py::object& b) -> py::object {
    if (!py::isinstance<finding>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(fields_of(a) == fields_of(b.cast<const finding&>()));
  });
  cls.attr("__hash__") = py::none();
  cls.def(py::pickle(
      [](const finding& f) {
        const auto values = values_of(f);
        py::tuple state(field_count);
        for (std::size_t i = 0; i < field_count; ++i) state[i] = values[i];
        return state;
      },
      &finding_from_state));
  cls.def("__reduce__", &reduce_by_state);

  py::tuple kinds(all_finding_kinds.size());
  for (std::size_t i = 0; i < all_finding_kinds.size(); ++i) {
    kinds[i] = py::str(std::string(to_string(all_finding_kinds[i])));
  }
  m.attr("FINDING_KINDS") = kinds;
  py::tuple fields(field_count);
  for (std::size_t i = 0; i < field_count; ++i) fields[i] = py::str(std::string(finding_fields[i]));
  m.attr("FINDING_FIELDS") = fields;
}

}  // namespace authmatch::python
