#ifndef AUTHMATCH_PYTHON_CONVERT_HPP
#define AUTHMATCH_PYTHON_CONVERT_HPP

// Values crossing the Python boundary: dates, exact decimals, text and `|` lists in both
// directions, and the error that names a field when a Python value cannot be used.

#include <authmatch/care_setting.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include <pybind11/pybind11.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch::python {

namespace py = pybind11;

/// A value passed from Python that cannot be used. Raised to Python as authmatch.FieldError
/// (a ValueError) with the field, the message and, for one of many records, its position.
class field_error : public std::invalid_argument {
 public:
  field_error(std::string_view field, const std::string& message)
      : std::invalid_argument(std::string(field) + ": " + message),
        field_(field),
        message_(message) {}

  const std::string& field() const noexcept { return field_; }
  const std::string& message() const noexcept { return message_; }

  /// Position of the record in the caller's input (0-based), when there were several.
  std::optional<std::size_t> record;

 private:
  std::string field_;
  std::string message_;
};

/// Looks up datetime.date and decimal.Decimal once; called when the module is imported.
void import_python_types();

/// datetime.date, or None for a date that is not set.
py::object to_python(date day);
py::object to_python(const std::optional<date>& day);
/// decimal.Decimal spelled as authmatch prints it ("2", "1.5"; min_places 2: "110.00").
py::object to_python(decimal value, int min_places = 0);
py::object to_python(const std::optional<decimal>& value, int min_places = 0);
/// Text from the library as a str: UTF-8, each byte that is not part of it read as U+FFFD (as
/// the JSON Lines and CSV outputs write it), so input bytes never raise UnicodeDecodeError.
py::str text_to_python(std::string_view text);
/// A list of str, each as text_to_python makes it.
py::list to_python(const std::vector<std::string>& values);

/// A dict or another collections.abc.Mapping.
bool is_mapping(py::handle value);

/// None or "": an optional field left empty (as an empty CSV cell).
bool is_absent(py::handle value);

/// A str, trimmed of blanks as the CSV readers trim cells.
std::string text_from(py::handle value, std::string_view field);
/// A datetime.date (not a datetime.datetime) or an ISO string "YYYY-MM-DD" / "YYYYMMDD".
date date_from(py::handle value, std::string_view field);
/// A decimal.Decimal, an int or a str with at most 3 decimals; floats are refused (inexact).
decimal decimal_from(py::handle value, std::string_view field);
/// A whole number: an int (not a bool) or a str of digits.
std::int64_t integer_from(py::handle value, std::string_view field);
/// "inpatient", "observation" or "outpatient", in any case.
level_of_care level_of_care_from(py::handle value, std::string_view field);
/// "professional" or "institutional", in any case.
claim_type claim_type_from(py::handle value, std::string_view field);
/// A str of `|`-separated values or an iterable of str; values trimmed, empty ones dropped.
std::vector<std::string> list_from(py::handle value, std::string_view field);

/// A str or os.PathLike naming a file; raises TypeError (naming `what`) for anything else.
std::filesystem::path path_from(py::handle source, std::string_view what);

/// The contents of a bytes object, in place: valid while the object lives, which the caller
/// keeps (it may read them without the GIL).
std::string_view bytes_view(py::handle bytes);

/// A CSV passed from Python: a file to read, or its contents as bytes.
struct csv_input {
  std::optional<std::string> text;  ///< the contents, when given as bytes
  std::string name;                 ///< the path, or "<bytes>": named in findings and errors

  /// The contents: the bytes given, or the whole file (input_error when it cannot be read).
  std::string read() const;
};

/// A path (str or os.PathLike) or bytes; raises TypeError (naming `what`) for anything else.
csv_input csv_input_from(py::handle source, std::string_view what);

/// The UTF-8 bytes of a record's key: field_error for a key that is not a str, or that UTF-8
/// cannot encode (a lone surrogate).
std::string_view field_name_of(py::handle key);

/// Calls fn(key, value) for each item of a mapping with str keys.
template <typename Fn>
void for_each_item(py::handle mapping, Fn&& fn) {
  if (!PyDict_Check(mapping.ptr())) {
    if (!is_mapping(mapping)) {
      throw field_error("record", std::string("expected a dict of fields, got ") +
                                      Py_TYPE(mapping.ptr())->tp_name);
    }
    const py::dict copy(py::reinterpret_borrow<py::object>(mapping));
    for_each_item(copy, fn);
    return;
  }
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(mapping.ptr(), &position, &key, &value)) {
    fn(field_name_of(key), py::handle(value));
  }
}

/// Reads a record (a mapping) whose keys must be among `names` (indexed by the enum Field):
/// calls set(field, name, value) for each field that is not absent (None or ""), and throws
/// field_error for an unknown key (naming `what` and the known fields) or a missing required one.
template <typename Field, std::size_t N, std::size_t R, typename Fn>
void read_fields(py::handle record, const std::array<std::string_view, N>& names,
                 const std::array<Field, R>& required, std::string_view what, Fn&& set) {
  std::array<bool, N> given{};
  for_each_item(record, [&](std::string_view key, py::handle value) {
    const auto found = std::find(names.begin(), names.end(), key);
    if (found == names.end()) {
      throw field_error(key,
                        fmt::format("unknown field ({} has {})", what, fmt::join(names, ", ")));
    }
    if (is_absent(value)) return;
    const auto position = static_cast<std::size_t>(found - names.begin());
    given[position] = true;
    set(static_cast<Field>(position), *found, value);
  });
  for (const auto field : required) {
    const auto position = static_cast<std::size_t>(field);
    if (!given[position]) throw field_error(names[position], "is required");
  }
}

}  // namespace authmatch::python

#endif
