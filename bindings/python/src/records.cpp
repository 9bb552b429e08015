// Claim-line records from Python (dicts with the claim-lines CSV column names), owned on the
// C++ side just long enough for the run to judge them.

#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/claim_record.hpp>
#include <authmatch/limits.hpp>
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

namespace authmatch::python {
namespace {

/// Positions in claim_fields of the fields every record must give.
constexpr auto required_fields = [] {
  std::array<std::size_t, required_claim_fields.size()> positions{};
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const auto at = std::find(claim_fields.begin(), claim_fields.end(), required_claim_fields[i]);
    positions[i] = static_cast<std::size_t>(at - claim_fields.begin());
  }
  return positions;
}();

claim_frequency frequency_from(py::handle value) {
  const auto code = PyUnicode_Check(value.ptr()) ? text_from(value, "frequency")
                                                 : std::to_string(integer_from(value, "frequency"));
  if (const auto frequency = parse_claim_frequency(detail::trim(code))) return *frequency;
  throw field_error("frequency", fmt::format("{} is not {}", detail::quoted_value(code),
                                             claim_frequency_expected));
}

// A Python value into a claim record's field, by the kind of value the field holds; each throws
// field_error naming the field.

void set_from_python(std::string& text, std::string_view name, py::handle value) {
  text = text_from(value, name);
}
/// The line number, the one whole-number field.
void set_from_python(std::uint32_t& line, std::string_view name, py::handle value) {
  const auto number = integer_from(value, name);
  if (number < 1 || number > 999999) {
    throw field_error(name, fmt::format("{} is not a line number from 1 to 999999", number));
  }
  line = static_cast<std::uint32_t>(number);
}
void set_from_python(date& day, std::string_view name, py::handle value) {
  day = date_from(value, name);
}
void set_from_python(std::optional<date>& day, std::string_view name, py::handle value) {
  day = date_from(value, name);
}
void set_from_python(text_list& list, std::string_view name, py::handle value) {
  list.assign(list_from(value, name));
}
/// Units, or a charge, each within its own limits.
void set_from_python(decimal& amount, std::string_view name, py::handle value) {
  amount = decimal_from(value, name);
  const bool charge = name == "charge";
  if (!(charge ? is_valid_charge(amount) : is_valid_units(amount))) {
    throw field_error(name, std::string("expected ") + (charge ? charge_expected : units_expected));
  }
}
void set_from_python(claim_frequency& frequency, std::string_view, py::handle value) {
  frequency = frequency_from(value);
}
void set_from_python(std::optional<level_of_care>& level, std::string_view name, py::handle value) {
  level = level_of_care_from(value, name);
}
void set_from_python(std::optional<claim_type>& type, std::string_view name, py::handle value) {
  type = claim_type_from(value, name);
}

/// One record; throws field_error naming the field.
claim_record line_from(py::handle record) {
  claim_record out;
  read_fields(record, claim_fields, required_fields, "a claim line",
              [&](std::size_t which, std::string_view name, py::handle value) {
                std::size_t at = 0;
                for_each_claim_field<claim_record>([&](const claim_field&, auto member) {
                  if (at++ == which) set_from_python(out.*member, name, value);
                });
              });
  if (out.service_date_end && *out.service_date_end < out.service_date) {
    throw field_error("service_date_end",
                      fmt::format("{} is before service_date {}", to_iso(*out.service_date_end),
                                  to_iso(out.service_date)));
  }
  return out;
}

/// Claims converted from records, waiting to be judged: lines[claims[i]] .. lines[claims[i+1]].
class claim_batch {
 public:
  void add_line(claim_record line) { lines_.push_back(std::move(line)); }
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
      std::size_t first = 0;
      for (const auto end : ends_) {
        views.clear();
        for (std::size_t i = first; i < end; ++i) views.push_back(lines_[i].view());
        run.add_claim(views);
        first = end;
      }
    });
    lines_.erase(lines_.begin(), lines_.begin() + static_cast<std::ptrdiff_t>(ends_.back()));
    ends_.clear();
  }

 private:
  std::vector<claim_record> lines_;
  std::vector<std::size_t> ends_;
};

constexpr std::size_t lines_per_batch = 2048;

/// The record at `position` (from 0) of its iterable; its source is "<records>:" and the
/// position from 1.
claim_record line_at(py::handle record, std::size_t position) {
  try {
    auto line = line_from(record);
    line.source_input = "<records>";
    line.source_position = position + 1;
    return line;
  } catch (field_error& e) {
    e.record = position;
    throw;
  }
}

}  // namespace

void feed_records(const validator_state& state, validation_run& run, const py::iterable& records) {
  // Rows of one claim may be anywhere: group them in order of first appearance.
  std::vector<claim_record> lines;
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

  claim_batch batch;
  for (const auto& claim_id : order) {
    for (const auto row : rows_of[claim_id]) batch.add_line(std::move(lines[row]));
    batch.end_claim();
    if (batch.size() >= lines_per_batch) batch.feed(state, run);
  }
  batch.feed(state, run);
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

bool record_reader::feed_some(const validator_state& state, validation_run& run,
                              std::size_t lines) {
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
        field_error error("claim_id",
                          fmt::format("rows of claim '{}' are not adjacent: iter_records "
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
