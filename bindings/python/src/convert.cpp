#include "convert.hpp"

#include "text/printable.hpp"
#include "text/text.hpp"
#include "x12/amount.hpp"

#include <authmatch/loaders.hpp>

#include <fmt/format.h>
#include <algorithm>

namespace authmatch::python {
namespace {

/// The Python classes conversions need. Allocated once and never freed: they must outlive every
/// conversion, and Python may already be finalized when static destructors run.
struct python_types {
  py::object date, datetime, decimal, mapping;
};
python_types* types = nullptr;

std::string repr_of(py::handle value) {
  std::string text = py::repr(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

/// The UTF-8 bytes of str `text`, the value of `field`: a str that UTF-8 cannot encode (a lone
/// surrogate, as surrogateescape leaves of bytes that were not UTF-8) is refused as the field's,
/// not with Python's UnicodeEncodeError.
/// `what` names the text in the message ("field name " for a record's key).
std::string_view utf8_of(py::handle text, std::string_view field, std::string_view what = "") {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (data == nullptr) {
    PyErr_Clear();
    throw field_error(field, fmt::format("{}{} is not text UTF-8 can encode (it holds a lone "
                                         "surrogate)",
                                         what, repr_of(text)));
  }
  return {data, static_cast<std::size_t>(size)};
}

}  // namespace

std::string_view field_name_of(py::handle key) {
  if (!PyUnicode_Check(key.ptr())) throw field_error("record", "field names must be str");
  return utf8_of(key, "record", "field name ");
}

void import_python_types() {
  const auto datetime = py::module_::import("datetime");
  types = new python_types{datetime.attr("date"), datetime.attr("datetime"),
                           py::module_::import("decimal").attr("Decimal"),
                           py::module_::import("collections.abc").attr("Mapping")};
}

bool is_mapping(py::handle value) {
  return PyDict_Check(value.ptr()) || py::isinstance(value, types->mapping);
}

py::object to_python(date day) {
  if (!day.is_set()) return py::none();
  const auto ymd = day.year_month_day();
  return types->date(static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                     static_cast<int>(ymd.day));
}

py::object to_python(const std::optional<date>& day) { return day ? to_python(*day) : py::none(); }

py::object to_python(decimal value, int min_places) {
  return types->decimal(value.to_string(min_places));
}

py::object to_python(const std::optional<decimal>& value, int min_places) {
  return value ? to_python(*value, min_places) : py::none();
}

py::str text_to_python(std::string_view text) {
  PyObject* decoded =
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), nullptr);
  if (decoded == nullptr) {
    // Rare: bytes that are not UTF-8. Each becomes U+FFFD as the outputs replace it (Python's
    // own "replace" would take some sequences cut short as one character, not one per byte).
    PyErr_Clear();
    std::string valid;
    detail::append_valid_utf8(valid, text);
    decoded = PyUnicode_DecodeUTF8(valid.data(), static_cast<Py_ssize_t>(valid.size()), nullptr);
    if (decoded == nullptr) throw py::error_already_set();
  }
  return py::reinterpret_steal<py::str>(decoded);
}

py::list to_python(const std::vector<std::string>& values) {
  py::list out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = text_to_python(values[i]);
  return out;
}

bool is_absent(py::handle value) {
  return value.is_none() ||
         (PyUnicode_Check(value.ptr()) && PyUnicode_GET_LENGTH(value.ptr()) == 0);
}

std::string text_from(py::handle value, std::string_view field) {
  if (!PyUnicode_Check(value.ptr())) {
    throw field_error(field, fmt::format("expected a str, got {} {}", Py_TYPE(value.ptr())->tp_name,
                                         repr_of(value)));
  }
  return std::string(detail::trim(utf8_of(value, field)));
}

date date_from(py::handle value, std::string_view field) {
  if (PyUnicode_Check(value.ptr())) {
    const auto text = detail::trim(utf8_of(value, field));
    if (const auto day = parse_date(text)) return *day;
    throw field_error(field,
                      fmt::format("'{}' is not a date (expected YYYY-MM-DD or YYYYMMDD)", text));
  }
  if (py::isinstance(value, types->datetime)) {
    throw field_error(field, fmt::format("expected a datetime.date, got the datetime {}; pass its "
                                         ".date()",
                                         repr_of(value)));
  }
  if (py::isinstance(value, types->date)) {
    const auto year = value.attr("year").cast<int>();
    const auto month = value.attr("month").cast<int>();
    const auto day = value.attr("day").cast<int>();
    if (year < 1400)
      throw field_error(field, fmt::format("{} is before the year 1400", repr_of(value)));
    return date(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  }
  throw field_error(field, fmt::format("expected a datetime.date or an ISO date str, got {} {}",
                                       Py_TYPE(value.ptr())->tp_name, repr_of(value)));
}

decimal decimal_from(py::handle value, std::string_view field) {
  const auto refuse = [&](std::string_view why) -> field_error {
    return field_error(field,
                       fmt::format("{} is not a number authmatch takes: {}", repr_of(value), why));
  };
  std::string text;
  if (PyBool_Check(value.ptr())) {
    throw refuse("expected a Decimal, an int or a str, not a bool");
  } else if (PyFloat_Check(value.ptr())) {
    throw refuse("floats are inexact; pass a decimal.Decimal, an int or a str such as '1.5'");
  } else if (PyUnicode_Check(value.ptr())) {
    text = detail::trim(utf8_of(value, field));
  } else if (py::isinstance(value, types->decimal)) {
    if (!value.attr("is_finite")().cast<bool>()) throw refuse("it is not finite");
    // Fixed-point spelling without an exponent.
    const auto spec = py::str("f");
    text = py::str(py::reinterpret_steal<py::object>(PyObject_Format(value.ptr(), spec.ptr())));
  } else if (PyIndex_Check(value.ptr())) {
    text = py::str(py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr())));
  } else {
    throw refuse(
        fmt::format("expected a Decimal, an int or a str, got {}", Py_TYPE(value.ptr())->tp_name));
  }
  // Zeros past the third decimal carry no value, in a Decimal ('1.0000') as in a str, as in an
  // X12 amount.
  if (const auto parsed = x12::detail::parse_amount(text)) return *parsed;
  throw refuse("expected a number with at most 15 digits before the point and 3 after it");
}

std::int64_t integer_from(py::handle value, std::string_view field) {
  if (PyBool_Check(value.ptr()) || PyFloat_Check(value.ptr())) {
    throw field_error(field, fmt::format("expected an int, got {} {}",
                                         Py_TYPE(value.ptr())->tp_name, repr_of(value)));
  }
  if (PyUnicode_Check(value.ptr())) {
    const auto text = detail::trim(utf8_of(value, field));
    std::int64_t number = 0;
    const bool digits =
        !text.empty() && text.size() <= 18 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) throw field_error(field, fmt::format("'{}' is not a whole number", text));
    for (const char c : text) number = number * 10 + (c - '0');
    return number;
  }
  if (PyIndex_Check(value.ptr())) {
    int overflow = 0;
    const auto index = py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr()));
    const long long number = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (overflow != 0) throw field_error(field, fmt::format("{} is out of range", repr_of(value)));
    return number;
  }
  throw field_error(field, fmt::format("expected an int, got {} {}", Py_TYPE(value.ptr())->tp_name,
                                       repr_of(value)));
}

level_of_care level_of_care_from(py::handle value, std::string_view field) {
  const auto text = text_from(value, field);
  if (const auto level = parse_level_of_care(text)) return *level;
  throw field_error(field, fmt::format("{} is not inpatient, observation or outpatient",
                                       detail::quoted_value(text)));
}

claim_type claim_type_from(py::handle value, std::string_view field) {
  const auto text = text_from(value, field);
  if (const auto type = parse_claim_type(text)) return *type;
  throw field_error(
      field, fmt::format("{} is not professional or institutional", detail::quoted_value(text)));
}

std::vector<std::string> list_from(py::handle value, std::string_view field) {
  std::vector<std::string> values;
  const auto add_parts = [&](std::string_view text) {
    detail::for_each_part(text, '|', [&](std::string_view part) { values.emplace_back(part); });
  };
  if (value.is_none()) return values;
  if (PyUnicode_Check(value.ptr())) {
    add_parts(utf8_of(value, field));
    return values;
  }
  if (PyBytes_Check(value.ptr()) || is_mapping(value) || !py::isinstance<py::iterable>(value)) {
    throw field_error(field, fmt::format("expected a list of str or a '|'-separated str, got {} {}",
                                         Py_TYPE(value.ptr())->tp_name, repr_of(value)));
  }
  for (const auto item : value) {
    if (!PyUnicode_Check(item.ptr())) {
      throw field_error(field, fmt::format("expected str items, got {} {}",
                                           Py_TYPE(item.ptr())->tp_name, repr_of(item)));
    }
    add_parts(utf8_of(item, field));
  }
  return values;
}

std::filesystem::path path_from(py::handle source, std::string_view what) {
  if (PyUnicode_Check(source.ptr()) || PyObject_HasAttrString(source.ptr(), "__fspath__")) {
    const auto path = py::reinterpret_steal<py::object>(PyOS_FSPath(source.ptr()));
    if (!path) throw py::error_already_set();
    if (PyUnicode_Check(path.ptr())) {
      // The file system's encoding, as os.fsencode: a name that is not UTF-8 comes from
      // os.listdir with surrogate escapes, which give its bytes back.
      const auto encoded = py::reinterpret_steal<py::object>(PyUnicode_EncodeFSDefault(path.ptr()));
      if (!encoded) throw py::error_already_set();
      return std::filesystem::path(std::string(bytes_view(encoded)));
    }
  }
  throw py::type_error(fmt::format("expected {} as a path (str or os.PathLike) or bytes, got {}",
                                   what, Py_TYPE(source.ptr())->tp_name));
}

std::string_view bytes_view(py::handle bytes) {
  char* data = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_AsStringAndSize(bytes.ptr(), &data, &size) != 0) throw py::error_already_set();
  return {data, static_cast<std::size_t>(size)};
}

std::string csv_input::read() const { return text ? *text : read_file(name); }

csv_input csv_input_from(py::handle source, std::string_view what) {
  if (py::isinstance<py::bytes>(source)) return {source.cast<std::string>(), "<bytes>"};
  return {std::nullopt, path_from(source, what).string()};
}

}  // namespace authmatch::python
