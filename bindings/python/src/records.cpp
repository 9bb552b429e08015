// Claim-line records from Python (dicts with the claim-lines CSV column names), owned on the
// C++ side just long enough for the run to judge them.

#include "bindings.hpp"
#include "convert.hpp"

#include "text/printable.hpp"
#include "text/text.hpp"
#include <authmatch/limits.hpp>

#include <array>
#include <fmt/format.h>
#include <unordered_map>
#include <unordered_set>

namespace authmatch::python {
namespace {

enum class line_field : std::uint8_t {
  claim_id, line, member_id, payer_id, patient_dob, auth_number, code, modifiers, units,
  service_date, service_date_end, rendering_npi, billing_npi, facility_npi, place_of_service,
  diagnosis_codes, charge, frequency, original_claim_id,
};
constexpr std::array<std::string_view, 19> line_field_names = {
    "claim_id",         "line",          "member_id",    "payer_id",     "patient_dob",
    "auth_number",      "code",          "modifiers",    "units",        "service_date",
    "service_date_end", "rendering_npi", "billing_npi",  "facility_npi", "place_of_service",
    "diagnosis_codes",  "charge",        "frequency",    "original_claim_id"};
constexpr std::array<line_field, 7> required_fields = {
    line_field::claim_id, line_field::line,  line_field::member_id,   line_field::payer_id,
    line_field::code,     line_field::units, line_field::service_date};

/// One claim line that owns its text; view() is what the validator reads.
struct owned_line {
  std::string claim_id, member_id, payer_id, auth_number, code, rendering_npi, billing_npi,
      facility_npi, place_of_service, original_claim_id;
  std::vector<std::string> modifiers, diagnosis_codes;
  std::uint32_t line = 0;
  std::optional<date> patient_dob;
  decimal units;
  date service_date, service_date_end;
  decimal charge;
  claim_frequency frequency = claim_frequency::original;

  /// The view; `lists` must have room for the modifiers and diagnoses (it is appended to and
  /// must not reallocate while the view is used).
  claim_line view(std::vector<std::string_view>& lists) const {
    claim_line v;
    v.claim_id = claim_id;
    v.line = line;
    v.member_id = member_id;
    v.payer_id = payer_id;
    v.patient_dob = patient_dob;
    v.auth_number = auth_number;
    v.code = code;
    const auto span_of = [&](const std::vector<std::string>& values) {
      const std::size_t first = lists.size();
      for (const auto& value : values) lists.emplace_back(value);
      return std::span<const std::string_view>(lists.data() + first, values.size());
    };
    v.modifiers = span_of(modifiers);
    v.units = units;
    v.service_date = service_date;
    v.service_date_end = service_date_end;
    v.rendering_npi = rendering_npi;
    v.billing_npi = billing_npi;
    v.facility_npi = facility_npi;
    v.place_of_service = place_of_service;
    v.diagnosis_codes = span_of(diagnosis_codes);
    v.charge = charge;
    v.frequency = frequency;
    v.original_claim_id = original_claim_id;
    return v;
  }
};

claim_frequency frequency_from(py::handle value) {
  const auto code = PyUnicode_Check(value.ptr()) ? text_from(value, "frequency")
                                                 : std::to_string(integer_from(value, "frequency"));
  if (const auto frequency = parse_claim_frequency(detail::trim(code))) return *frequency;
  throw field_error("frequency", fmt::format("{} is not {}", detail::quoted_value(code),
                                             claim_frequency_expected));
}

/// One record; throws field_error naming the field.
owned_line line_from(py::handle record) {
  owned_line out;
  std::optional<date> end;
  read_fields(record, line_field_names, required_fields, "a claim line",
              [&](line_field which, std::string_view name, py::handle value) {
    switch (which) {
      case line_field::claim_id: out.claim_id = text_from(value, name); break;
      case line_field::line: {
        const auto number = integer_from(value, name);
        if (number < 1 || number > 999999) {
          throw field_error(name, fmt::format("{} is not a line number from 1 to 999999", number));
        }
        out.line = static_cast<std::uint32_t>(number);
        break;
      }
      case line_field::member_id: out.member_id = text_from(value, name); break;
      case line_field::payer_id: out.payer_id = text_from(value, name); break;
      case line_field::patient_dob: out.patient_dob = date_from(value, name); break;
      case line_field::auth_number: out.auth_number = text_from(value, name); break;
      case line_field::code: out.code = text_from(value, name); break;
      case line_field::modifiers: out.modifiers = list_from(value, name); break;
      case line_field::units:
        out.units = decimal_from(value, name);
        if (!is_valid_units(out.units)) throw field_error(name, std::string("expected ") + units_expected);
        break;
      case line_field::service_date: out.service_date = date_from(value, name); break;
      case line_field::service_date_end: end = date_from(value, name); break;
      case line_field::rendering_npi: out.rendering_npi = text_from(value, name); break;
      case line_field::billing_npi: out.billing_npi = text_from(value, name); break;
      case line_field::facility_npi: out.facility_npi = text_from(value, name); break;
      case line_field::place_of_service: out.place_of_service = text_from(value, name); break;
      case line_field::diagnosis_codes: out.diagnosis_codes = list_from(value, name); break;
      case line_field::charge:
        out.charge = decimal_from(value, name);
        if (!is_valid_charge(out.charge)) throw field_error(name, std::string("expected ") + charge_expected);
        break;
      case line_field::frequency: out.frequency = frequency_from(value); break;
      case line_field::original_claim_id: out.original_claim_id = text_from(value, name); break;
    }
  });
  out.service_date_end = end.value_or(out.service_date);
  if (out.service_date_end < out.service_date) {
    throw field_error("service_date_end", fmt::format("{} is before service_date {}",
                                                      to_iso(out.service_date_end), to_iso(out.service_date)));
  }
  return out;
}

/// Claims converted from records, waiting to be judged: lines[claims[i]] .. lines[claims[i+1]].
class claim_batch {
 public:
  void add_line(owned_line line) { lines_.push_back(std::move(line)); }
  /// Closes the claim made of the lines added since the last call.
  void end_claim() {
    if (lines_.size() > (ends_.empty() ? 0 : ends_.back())) ends_.push_back(lines_.size());
  }
  std::size_t size() const noexcept { return lines_.size(); }

  /// Adds every closed claim to the run (with the GIL released) and forgets them.
  void feed(const validator_state& state, validation_run& run) {
    if (ends_.empty()) return;
    state.with_index([&] {
      std::vector<claim_line> views;
      std::vector<std::string_view> lists;
      std::size_t first = 0;
      for (const auto end : ends_) {
        views.clear();
        lists.clear();
        std::size_t list_count = 0;
        for (std::size_t i = first; i < end; ++i) {
          list_count += lines_[i].modifiers.size() + lines_[i].diagnosis_codes.size();
        }
        lists.reserve(list_count);  // the views' spans point into it: no reallocation
        for (std::size_t i = first; i < end; ++i) views.push_back(lines_[i].view(lists));
        run.add_claim(views);
        first = end;
      }
    });
    lines_.erase(lines_.begin(), lines_.begin() + static_cast<std::ptrdiff_t>(ends_.back()));
    ends_.clear();
  }

 private:
  std::vector<owned_line> lines_;
  std::vector<std::size_t> ends_;
};

constexpr std::size_t lines_per_batch = 2048;

owned_line line_at(py::handle record, std::size_t position) {
  try {
    return line_from(record);
  } catch (field_error& e) {
    e.record = position;
    throw;
  }
}

}  // namespace

report run_records(const std::shared_ptr<const validator_state>& state, const py::iterable& records,
                   const ledger_ref& ledger) {
  // Rows of one claim may be anywhere: group them in order of first appearance.
  std::vector<owned_line> lines;
  std::unordered_map<std::string, std::vector<std::size_t>> rows_of;
  std::vector<std::string> order;
  std::size_t position = 0;
  for (const auto record : records) {
    auto line = line_at(record, position++);
    auto [found, added] = rows_of.try_emplace(line.claim_id);
    if (added) order.push_back(line.claim_id);
    found->second.push_back(lines.size());
    lines.push_back(std::move(line));
  }

  collecting_run recording(*state, ledger);
  auto& run = recording.run();
  claim_batch batch;
  for (const auto& claim_id : order) {
    for (const auto row : rows_of[claim_id]) batch.add_line(std::move(lines[row]));
    batch.end_claim();
    if (batch.size() >= lines_per_batch) batch.feed(*state, run);
  }
  batch.feed(*state, run);
  report result;
  state->with_index([&] { result.summary = std::move(run).finish(); });
  result.findings = recording.take();
  result.every_line_requires_auth = state->every_line_requires_auth();
  return result;
}

/// The reader's position in the records: a claim ends where the next one starts.
struct record_reader::pending {
  explicit pending(const py::iterable& records) : next(py::iter(records)) {}

  py::iterator next;
  std::size_t position = 0;
  std::string current;                     ///< claim ID of the claim being read
  std::unordered_set<std::string> closed;  ///< claims already ended: their rows must not come back
  claim_batch batch;
  bool exhausted = false;
};

record_reader::record_reader(const py::iterable& records)
    : pending_(std::make_unique<pending>(records)) {}
record_reader::record_reader(record_reader&&) noexcept = default;
record_reader& record_reader::operator=(record_reader&&) noexcept = default;
record_reader::~record_reader() = default;

bool record_reader::feed_some(const validator_state& state, validation_run& run, std::size_t lines) {
  auto& p = *pending_;
  while (!p.exhausted && p.batch.size() < lines) {
    if (p.next == py::iterator::sentinel()) {
      p.exhausted = true;
      p.batch.end_claim();
      break;
    }
    auto line = line_at(*p.next, p.position);
    if (line.claim_id != p.current) {
      if (!p.current.empty()) {
        p.batch.end_claim();
        p.closed.insert(std::move(p.current));
      }
      if (p.closed.contains(line.claim_id)) {
        field_error error("claim_id", fmt::format("rows of claim '{}' are not adjacent: iter_records "
                                                  "needs each claim's rows together (validate() "
                                                  "takes them in any order)",
                                                  line.claim_id));
        error.record = p.position;
        throw error;
      }
      p.current = line.claim_id;
    }
    p.batch.add_line(std::move(line));
    ++p.position;
    ++p.next;
  }
  p.batch.feed(state, run);
  return !p.exhausted;
}

}  // namespace authmatch::python
