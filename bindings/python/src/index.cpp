#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/loaders.hpp>

#include <pybind11/stl.h>

#include <fmt/format.h>
#include <array>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch::python {
namespace {

constexpr auto index_doc = R"doc(Authorizations indexed for matching (see docs/inputs.md).

AuthorizationIndex(rows=()) builds an index from an iterable of dicts whose keys are the
authorization CSV column names:

  required  auth_number, status, payer_id, member_id, code, effective_date, expiration_date
  optional  type ("authorization" or "referral"; a referral's code may be "*"), patient_dob,
            units, units_used, unit_type ("units" or "visits"), rendering_npi, facility_npi,
            place_of_service, diagnosis_codes, level_of_care ("inpatient", "observation",
            "outpatient"), claim_type ("professional", "institutional"), modifiers,
            requested_date, priority ("standard" or "expedited"), next_action, next_action_due
            (the tracker's columns, read by review())

Dates are datetime.date or ISO str ("2026-09-01" or "20260901"); units are decimal.Decimal,
int or str with at most 3 decimals (floats are refused: they are inexact); list fields are a
list of str or one '|'-separated str. None or "" leaves an optional field empty (no
restriction). Unknown keys raise FieldError, so a misspelt field is never ignored. All or
nothing: a bad row raises FieldError naming the field and the row's position, and no index is
made.

Identifiers and codes are stored normalized (trimmed, upper case; diagnoses without the dot);
index[i] gives row i back as such a dict. The index pickles (for multiprocessing), and is safe
to share between threads: rows added while a validation runs wait for it to finish (an
iterator lets rows in whenever its findings wait to be read), and validations that start while
an add waits wait for the add.)doc";

enum class auth_field : std::uint8_t {
  auth_number,
  status,
  payer_id,
  member_id,
  patient_dob,
  code,
  units,
  units_used,
  effective_date,
  expiration_date,
  rendering_npi,
  facility_npi,
  place_of_service,
  diagnosis_codes,
  unit_type,
  type,
  level_of_care,
  claim_type,
  modifiers,
  requested_date,
  priority,
  next_action,
  next_action_due,
};
constexpr std::array<std::string_view, 23> auth_field_names = {
    "auth_number",   "status",        "payer_id",         "member_id",       "patient_dob",
    "code",          "units",         "units_used",       "effective_date",  "expiration_date",
    "rendering_npi", "facility_npi",  "place_of_service", "diagnosis_codes", "unit_type",
    "type",          "level_of_care", "claim_type",       "modifiers",       "requested_date",
    "priority",      "next_action",   "next_action_due"};
constexpr std::array<auth_field, 7> required_fields = {
    auth_field::auth_number,    auth_field::status, auth_field::payer_id,
    auth_field::member_id,      auth_field::code,   auth_field::effective_date,
    auth_field::expiration_date};

auth_status status_from(py::handle value) {
  const auto text = text_from(value, "status");
  if (const auto status = parse_auth_status(text)) return *status;
  throw field_error("status",
                    fmt::format("'{}' is not a status (expected approved, pending, denied, "
                                "cancelled, expired, or a 278 HCR01 code A1-A6, C)",
                                text));
}

auth_type auth_type_from(py::handle value) {
  const auto text = text_from(value, "type");
  if (const auto type = parse_auth_type(text)) return *type;
  throw field_error("type",
                    fmt::format("'{}' is not a type (expected authorization or referral)", text));
}

auth_priority priority_from(py::handle value) {
  const auto text = text_from(value, "priority");
  if (const auto priority = parse_auth_priority(text)) return *priority;
  throw field_error("priority",
                    fmt::format("'{}' is not a priority (expected standard or expedited)", text));
}

unit_type unit_type_from(py::handle value) {
  const auto text = text_from(value, "unit_type");
  if (const auto type = parse_unit_type(text)) return *type;
  throw field_error("unit_type",
                    fmt::format("'{}' is not a unit type (expected units or visits)", text));
}

/// One authorization from a mapping with the CSV column names.
authorization authorization_from(py::handle fields) {
  authorization auth;
  read_fields(fields, auth_field_names, required_fields, "an authorization",
              [&](auth_field which, std::string_view name, py::handle value) {
                switch (which) {
                  case auth_field::auth_number: auth.auth_number = text_from(value, name); break;
                  case auth_field::status: auth.status = status_from(value); break;
                  case auth_field::payer_id: auth.payer_id = text_from(value, name); break;
                  case auth_field::member_id: auth.member_id = text_from(value, name); break;
                  case auth_field::patient_dob: auth.patient_dob = date_from(value, name); break;
                  case auth_field::code: auth.code = text_from(value, name); break;
                  case auth_field::units: auth.units = decimal_from(value, name); break;
                  case auth_field::units_used: auth.units_used = decimal_from(value, name); break;
                  case auth_field::effective_date:
                    auth.effective_date = date_from(value, name);
                    break;
                  case auth_field::expiration_date:
                    auth.expiration_date = date_from(value, name);
                    break;
                  case auth_field::rendering_npi:
                    auth.rendering_npis = list_from(value, name);
                    break;
                  case auth_field::facility_npi: auth.facility_npis = list_from(value, name); break;
                  case auth_field::place_of_service:
                    auth.places_of_service = list_from(value, name);
                    break;
                  case auth_field::diagnosis_codes:
                    auth.diagnosis_codes = list_from(value, name);
                    break;
                  case auth_field::unit_type: auth.unit_type = unit_type_from(value); break;
                  case auth_field::type: auth.type = auth_type_from(value); break;
                  case auth_field::level_of_care:
                    auth.level_of_care = level_of_care_from(value, name);
                    break;
                  case auth_field::claim_type:
                    auth.claim_type = claim_type_from(value, name);
                    break;
                  case auth_field::modifiers: auth.modifiers = list_from(value, name); break;
                  case auth_field::requested_date:
                    auth.requested_date = date_from(value, name);
                    break;
                  case auth_field::priority: auth.priority = priority_from(value); break;
                  case auth_field::next_action: auth.next_action = text_from(value, name); break;
                  case auth_field::next_action_due:
                    auth.next_action_due = date_from(value, name);
                    break;
                }
              });
  return auth;
}

py::dict dict_of(const authorization& auth) {
  py::dict out;
  out["auth_number"] = auth.auth_number;
  out["status"] = std::string(to_string(auth.status));
  out["payer_id"] = auth.payer_id;
  out["member_id"] = auth.member_id;
  out["patient_dob"] = to_python(auth.patient_dob);
  out["code"] = auth.code;
  out["units"] = to_python(auth.units);
  out["units_used"] = to_python(auth.units_used);
  out["unit_type"] = std::string(to_string(auth.unit_type));
  out["effective_date"] = to_python(auth.effective_date);
  out["expiration_date"] = to_python(auth.expiration_date);
  out["rendering_npi"] = to_python(auth.rendering_npis);
  out["facility_npi"] = to_python(auth.facility_npis);
  out["place_of_service"] = to_python(auth.places_of_service);
  out["diagnosis_codes"] = to_python(auth.diagnosis_codes);
  out["type"] = std::string(to_string(auth.type));
  out["level_of_care"] = auth.level_of_care
                             ? py::object(py::str(std::string(to_string(*auth.level_of_care))))
                             : py::none();
  out["claim_type"] =
      auth.claim_type ? py::object(py::str(std::string(to_string(*auth.claim_type)))) : py::none();
  out["modifiers"] = to_python(auth.modifiers);
  out["requested_date"] = to_python(auth.requested_date);
  out["priority"] = std::string(to_string(auth.priority));
  out["next_action"] =
      auth.next_action.empty() ? py::object(py::none()) : py::object(py::str(auth.next_action));
  out["next_action_due"] = to_python(auth.next_action_due);
  return out;
}

/// Adds authorizations, `first` being the position of batch[0] in the caller's rows.
void add_batch(shared_index& shared, std::vector<authorization>& batch, std::size_t first) {
  std::size_t done = 0;
  try {
    const py::gil_scoped_release release;
    const std::unique_lock lock(shared.mutex);
    for (; done < batch.size(); ++done) shared.index.add(std::move(batch[done]));
  } catch (const authorization_error& e) {
    field_error error(e.problem().field, e.problem().message);
    error.record = first + done;
    throw error;
  }
  batch.clear();
}

constexpr std::size_t batch_size = 4096;

std::shared_ptr<shared_index> index_from(const py::iterable& rows) {
  auto shared = std::make_shared<shared_index>();
  std::vector<authorization> batch;
  std::size_t position = 0;
  for (const auto row : rows) {
    try {
      batch.push_back(authorization_from(row));
    } catch (field_error& e) {
      e.record = position;
      throw;
    }
    if (++position % batch_size == 0) add_batch(*shared, batch, position - batch.size());
  }
  add_batch(*shared, batch, position - batch.size());
  return shared;
}

// The lock is waited for without the GIL: an add() waiting for a run goes first.
std::size_t size_of(const shared_index& shared) {
  const py::gil_scoped_release release;
  const std::shared_lock lock(shared.mutex);
  return shared.index.size();
}

authorization row_at(const shared_index& shared, std::ptrdiff_t position) {
  std::optional<authorization> row;
  {
    const py::gil_scoped_release release;
    const std::shared_lock lock(shared.mutex);
    const auto size = static_cast<std::ptrdiff_t>(shared.index.size());
    if (position < 0) position += size;
    if (position >= 0 && position < size) {
      row = shared.index.get(static_cast<authorization_index::row_id>(position));
    }
  }
  if (!row) throw py::index_error("authorization row out of range");
  return std::move(*row);
}

// --- pickling: the rows as compressed columns of text ---------------------------------------
//
// Version 4 pickles (4, zlib bytes): the row count, then one column per field (in auth_field
// order), each value's text after its length, lists as a count and their items. Columns of like
// values compress well: an index costs a few bytes per row and loads as fast as its CSV.
// Versions 2 and 3 held a tuple of Python values per row; they still load.

constexpr int pickle_version = 4;
constexpr int zlib_level = 1;  // the fastest: level 6 saves a tenth more and takes 4 times as long

void put_size(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}
void put_text(std::string& out, std::string_view text) {
  put_size(out, text.size());
  out += text;
}
void put_list(std::string& out, const std::vector<std::string>& values) {
  put_size(out, values.size());
  for (const auto& value : values) put_text(out, value);
}
void put_date(std::string& out, const std::optional<date>& day) {
  put_text(out, day ? to_iso(*day) : std::string());
}
template <typename T>
void put_name(std::string& out, const std::optional<T>& value) {
  put_text(out, value ? to_string(*value) : std::string_view());
}

/// The pickled bytes of every row, uncompressed.
std::string columns_of(const authorization_index& index) {
  std::array<std::string, auth_field_names.size()> columns;
  for (std::size_t i = 0; i < index.size(); ++i) {
    const auto auth = index.get(static_cast<authorization_index::row_id>(i));
    const auto column = [&](auth_field field) -> std::string& {
      return columns[static_cast<std::size_t>(field)];
    };
    put_text(column(auth_field::auth_number), auth.auth_number);
    put_text(column(auth_field::status), to_string(auth.status));
    put_text(column(auth_field::payer_id), auth.payer_id);
    put_text(column(auth_field::member_id), auth.member_id);
    put_date(column(auth_field::patient_dob), auth.patient_dob);
    put_text(column(auth_field::code), auth.code);
    put_text(column(auth_field::units), auth.units ? auth.units->to_string() : std::string());
    put_text(column(auth_field::units_used), auth.units_used.to_string());
    put_date(column(auth_field::effective_date), auth.effective_date);
    put_date(column(auth_field::expiration_date), auth.expiration_date);
    put_list(column(auth_field::rendering_npi), auth.rendering_npis);
    put_list(column(auth_field::facility_npi), auth.facility_npis);
    put_list(column(auth_field::place_of_service), auth.places_of_service);
    put_list(column(auth_field::diagnosis_codes), auth.diagnosis_codes);
    put_text(column(auth_field::unit_type), to_string(auth.unit_type));
    put_text(column(auth_field::type), to_string(auth.type));
    put_name(column(auth_field::level_of_care), auth.level_of_care);
    put_name(column(auth_field::claim_type), auth.claim_type);
    put_list(column(auth_field::modifiers), auth.modifiers);
    put_date(column(auth_field::requested_date), auth.requested_date);
    put_text(column(auth_field::priority), to_string(auth.priority));
    put_text(column(auth_field::next_action), auth.next_action);
    put_date(column(auth_field::next_action_due), auth.next_action_due);
  }
  std::string out;
  put_size(out, index.size());
  for (const auto& column : columns) put_text(out, column);
  return out;
}

[[noreturn]] void damaged() {
  throw std::runtime_error("AuthorizationIndex: damaged pickle state");
}

/// Reads what put_size, put_text and put_list wrote.
class column_reader {
 public:
  explicit column_reader(std::string_view bytes) : rest_(bytes) {}

  std::size_t size() {
    std::size_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) damaged();
      const auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return n;
    }
    damaged();
  }
  std::string_view text() {
    const auto n = size();
    if (n > rest_.size()) damaged();
    const auto out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return out;
  }
  std::vector<std::string> list() {
    std::vector<std::string> values(size());
    for (auto& value : values) value = text();
    return values;
  }
  template <typename T, typename Parse>
  T parsed(Parse&& parse) {
    const auto value = parse(text());
    if (!value) damaged();
    return *value;
  }
  template <typename T, typename Parse>
  std::optional<T> optional(Parse&& parse) {
    const auto name = text();
    if (name.empty()) return std::nullopt;
    const auto value = parse(name);
    if (!value) damaged();
    return *value;
  }
  bool done() const noexcept { return rest_.empty(); }

 private:
  std::string_view rest_;
};

/// The index of what columns_of wrote.
authorization_index index_of_columns(std::string_view bytes) {
  column_reader header(bytes);
  const auto rows = header.size();
  std::vector<column_reader> columns;
  for (std::size_t i = 0; i < auth_field_names.size(); ++i) columns.emplace_back(header.text());
  if (!header.done()) damaged();
  const auto column = [&](auth_field field) -> column_reader& {
    return columns[static_cast<std::size_t>(field)];
  };
  const auto day = [](std::string_view text) { return parse_date(text); };
  const auto amount = [](std::string_view text) { return decimal::parse(text); };
  authorization_index index;
  index.reserve(std::min(rows, bytes.size()));  // a row takes bytes: a damaged count cannot blow up
  for (std::size_t i = 0; i < rows; ++i) {
    authorization auth;
    auth.auth_number = column(auth_field::auth_number).text();
    auth.status = column(auth_field::status).parsed<auth_status>(parse_auth_status);
    auth.payer_id = column(auth_field::payer_id).text();
    auth.member_id = column(auth_field::member_id).text();
    auth.patient_dob = column(auth_field::patient_dob).optional<date>(day);
    auth.code = column(auth_field::code).text();
    auth.units = column(auth_field::units).optional<decimal>(amount);
    auth.units_used = column(auth_field::units_used).parsed<decimal>(amount);
    auth.effective_date = column(auth_field::effective_date).parsed<date>(day);
    auth.expiration_date = column(auth_field::expiration_date).parsed<date>(day);
    auth.rendering_npis = column(auth_field::rendering_npi).list();
    auth.facility_npis = column(auth_field::facility_npi).list();
    auth.places_of_service = column(auth_field::place_of_service).list();
    auth.diagnosis_codes = column(auth_field::diagnosis_codes).list();
    auth.unit_type = column(auth_field::unit_type).parsed<unit_type>(parse_unit_type);
    auth.type = column(auth_field::type).parsed<auth_type>(parse_auth_type);
    auth.level_of_care =
        column(auth_field::level_of_care).optional<level_of_care>([](std::string_view text) {
          return parse_level_of_care(text);
        });
    auth.claim_type =
        column(auth_field::claim_type).optional<claim_type>([](std::string_view text) {
          return parse_claim_type(text);
        });
    auth.modifiers = column(auth_field::modifiers).list();
    auth.requested_date = column(auth_field::requested_date).optional<date>(day);
    auth.priority = column(auth_field::priority).parsed<auth_priority>(parse_auth_priority);
    auth.next_action = column(auth_field::next_action).text();
    auth.next_action_due = column(auth_field::next_action_due).optional<date>(day);
    index.add(std::move(auth));
  }
  for (const auto& c : columns) {
    if (!c.done()) damaged();
  }
  index.shrink_to_fit();
  return index;
}

py::tuple state_of(const shared_index& shared) {
  std::string columns;
  {
    const py::gil_scoped_release release;
    const std::shared_lock lock(shared.mutex);
    columns = columns_of(shared.index);
  }
  const auto compress = py::module_::import("zlib").attr("compress");
  return py::make_tuple(pickle_version, compress(py::bytes(columns), zlib_level));
}

/// An index from the rows of a version 2 or 3 state: a tuple of Python values per row.
std::shared_ptr<shared_index> index_of_rows(const py::tuple& state) {
  py::list rows;
  for (const auto row : state[1]) {
    const auto values = row.cast<py::tuple>();
    if (values.size() > auth_field_names.size()) {
      throw std::runtime_error("AuthorizationIndex: unsupported pickle state");
    }
    py::dict fields;
    for (std::size_t i = 0; i < values.size(); ++i) {
      fields[py::str(std::string(auth_field_names[i]))] = values[i];
    }
    rows.append(fields);
  }
  return index_from(rows);
}

std::shared_ptr<shared_index> index_from_state(const py::tuple& state) {
  const int version = state.size() == 2 ? state[0].cast<int>() : 0;
  if (version == 2 || version == 3) return index_of_rows(state);
  if (version != pickle_version) {
    throw std::runtime_error("AuthorizationIndex: unsupported pickle state");
  }
  const auto bytes = py::module_::import("zlib").attr("decompress")(state[1]).cast<py::bytes>();
  const std::string_view columns = bytes;
  auto shared = std::make_shared<shared_index>();
  const py::gil_scoped_release release;
  try {
    shared->index = index_of_columns(columns);
  } catch (const authorization_error&) {
    damaged();  // rows that loaded once load again: the state was changed
  }
  return shared;
}

}  // namespace

void bind_index(py::module_& m) {
  py::class_<shared_index, std::shared_ptr<shared_index>>(m, "AuthorizationIndex", index_doc)
      .def(py::init(&index_from), py::arg("rows") = py::tuple())
      .def(
          "add",
          [](shared_index& self, const py::kwargs& fields) {
            auto auth = authorization_from(fields);
            const py::gil_scoped_release release;
            const std::unique_lock lock(self.mutex);
            return self.index.add(std::move(auth));
          },
          R"doc(add(**fields) -> int

Adds one authorization row given as keyword arguments with the CSV column names (see the class
documentation) and returns its row number. Raises FieldError naming the field, and adds
nothing, when the row is unusable or its auth_number is already on file for another patient.)doc")
      .def("__len__", &size_of)
      .def(
          "__getitem__",
          [](const shared_index& self, std::ptrdiff_t i) { return dict_of(row_at(self, i)); },
          "Row i as a dict with the CSV column names (normalized values, lists as lists).")
      .def("__iter__", &iterate_by_index,
           "The rows as dicts, one at a time (rows added meanwhile included).")
      .def("__repr__",
           [](const shared_index& self) {
             return fmt::format("<AuthorizationIndex: {} rows>", size_of(self));
           })
      .def(py::pickle(&state_of, &index_from_state))
      .def("__reduce__", &reduce_by_state);

  m.def(
      "load_authorizations",
      [](const py::object& source, std::optional<int> threads) {
        const auto parsing = judging_threads(threads);
        auto shared = std::make_shared<shared_index>();
        if (PyBytes_Check(source.ptr())) {
          // `source` holds the bytes while they are parsed in place without the GIL.
          const auto csv = bytes_view(source);
          const py::gil_scoped_release release;
          shared->index = parse_authorizations(csv, "<bytes>", parsing);
        } else {
          const auto path = path_from(source, "an authorization CSV");
          const py::gil_scoped_release release;
          shared->index = load_authorizations(path, parsing);
        }
        return shared;
      },
      py::arg("path"), py::kw_only(), py::arg("threads") = py::none(),
      R"doc(load_authorizations(path, *, threads=None) -> AuthorizationIndex

Loads an authorization CSV export (docs/inputs.md: header row, columns in any order, unknown columns
ignored) from a path, read in chunks, or from bytes holding a file's contents. All or nothing: a
bad value raises InputError with its file ("<bytes>" for bytes), line and column. From threads=2
on (default: the machine's cores, as the command's --threads) the rows are parsed on a second
thread while the first adds them, then grouped by patient and by member on two threads: the same
index, the same error.)doc");
}

}  // namespace authmatch::python
