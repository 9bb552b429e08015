#include "input/csv_table.hpp"

#include <authmatch/claim_record.hpp>
#include <authmatch/limits.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>
#include "text/printable.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace authmatch {
inline namespace v0 {
namespace {

/// A bad value in one row: where it is and what was expected.
struct row_problem {
  input_position where;
  std::string_view column;
  std::string expected;
  std::string actual;
};

/// A run of list values (modifiers, diagnoses) inside the file's shared list storage.
struct list_ref {
  std::size_t first = 0, count = 0;
};

struct parsed_row {
  claim_line line;
  list_ref modifiers, diagnoses;
  std::optional<row_problem> problem;
};

}  // namespace

struct claim_line_file::storage {
  std::string name;  ///< the file's, for the lines' source
  std::string text;
  std::deque<std::string> copies;  // fields that had to be unescaped
  std::vector<std::string_view> list_values;
  std::vector<claim_line> lines;
  std::vector<claim> claims;
  std::vector<finding> rejected;
  /// Input order of claims: index into `claims` (readable) or `rejected` (with the flag set).
  std::vector<std::pair<bool, std::size_t>> order;

  /// A field that outlives the CSV reader: a view into `text`, or a stored copy.
  std::string_view keep(std::string_view field) {
    const auto* begin = text.data();
    if (field.data() >= begin && field.data() + field.size() <= begin + text.size()) return field;
    return copies.emplace_back(field);
  }
};

claim_line_file::claim_line_file(std::unique_ptr<storage> data) noexcept : data_(std::move(data)) {}
claim_line_file::~claim_line_file() = default;

std::span<const claim_line_file::claim> claim_line_file::claims() const noexcept {
  return data_->claims;
}
std::span<const finding> claim_line_file::rejected() const noexcept { return data_->rejected; }

void claim_line_file::feed(claim_sink& sink) const {
  for (const auto& [is_rejected, i] : data_->order) {
    if (is_rejected) {
      sink.on_rejected(data_->rejected[i]);
    } else {
      sink.on_claim(data_->claims[i].lines);
    }
  }
}

claim_line_file claim_line_file::load(const std::filesystem::path& path) {
  return parse(read_file(path), path.string());
}

claim_line_file claim_line_file::parse(std::string csv, std::string_view file_name) {
  auto data = std::make_unique<storage>();
  data->name = file_name;
  data->text = std::move(csv);
  detail::csv_table table(data->text, std::string(file_name), required_claim_fields);
  const auto col = [&](std::string_view name) { return table.column(name); };
  const auto claim_id = col("claim_id"), line_no = col("line"), member = col("member_id"),
             payer = col("payer_id"), dob = col("patient_dob"), auth = col("auth_number"),
             code = col("code"), modifiers = col("modifiers"), units = col("units"),
             from = col("service_date"), to = col("service_date_end"),
             rendering = col("rendering_npi"), billing = col("billing_npi"),
             facility = col("facility_npi"), place = col("place_of_service"),
             diagnoses = col("diagnosis_codes"), charge = col("charge"),
             frequency = col("frequency"), original = col("original_claim_id"),
             referral = col("referral_number"), level = col("level_of_care"),
             claim_type_column = col("claim_type");

  std::vector<parsed_row> rows;
  std::vector<std::string_view> row_claims;
  while (table.next()) {
    parsed_row row;
    auto& line = row.line;
    const auto problem = [&](std::size_t column, std::string_view name, std::string expected) {
      if (!row.problem) {
        row.problem =
            row_problem{table.where(column), name, std::move(expected), std::string(table[column])};
      }
    };
    const auto text = [&](std::size_t column) { return data->keep(table[column]); };
    const auto list = [&](std::size_t column) {
      list_ref ref{data->list_values.size(), 0};
      detail::for_each_part(table[column], '|', [&](std::string_view part) {
        data->list_values.push_back(data->keep(part));
        ++ref.count;
      });
      return ref;
    };
    const auto required = [&](std::size_t column, std::string_view name) {
      if (table[column].empty()) problem(column, name, "a value");
      return text(column);
    };

    line.source_input = data->name;
    line.source_position = table.where(claim_id).line;
    line.claim_id = required(claim_id, "claim_id");
    if (const auto n = decimal::parse(table[line_no]);
        n && n->thousandths() > 0 && n->thousandths() % decimal::scale == 0 &&
        n->thousandths() / decimal::scale <= 999999) {
      line.line = static_cast<std::uint32_t>(n->thousandths() / decimal::scale);
    } else {
      problem(line_no, "line", "a line number from 1");
    }
    line.member_id = required(member, "member_id");
    line.payer_id = required(payer, "payer_id");
    if (!table[dob].empty()) {
      line.patient_dob = parse_date(table[dob]);
      if (!line.patient_dob) problem(dob, "patient_dob", "a date YYYY-MM-DD or YYYYMMDD");
    }
    line.auth_number = text(auth);
    line.code = required(code, "code");
    row.modifiers = list(modifiers);
    if (const auto q = decimal::parse(table[units]); q && is_valid_units(*q)) {
      line.units = *q;
    } else {
      problem(units, "units", units_expected);
    }
    if (const auto day = parse_date(table[from])) {
      line.service_date = line.service_date_end = *day;
    } else {
      problem(from, "service_date", "a date YYYY-MM-DD or YYYYMMDD");
    }
    if (!table[to].empty()) {
      const auto day = parse_date(table[to]);
      if (!day || (line.service_date.is_set() && *day < line.service_date)) {
        problem(to, "service_date_end", "a date YYYY-MM-DD or YYYYMMDD, not before service_date");
      } else {
        line.service_date_end = *day;
      }
    }
    line.rendering_npi = text(rendering);
    line.billing_npi = text(billing);
    line.facility_npi = text(facility);
    line.place_of_service = text(place);
    row.diagnoses = list(diagnoses);
    if (!table[charge].empty()) {
      if (const auto amount = decimal::parse(table[charge]); amount && is_valid_charge(*amount)) {
        line.charge = *amount;
      } else {
        problem(charge, "charge", charge_expected);
      }
    }
    if (const auto f = parse_claim_frequency(table[frequency])) {
      line.frequency = *f;
    } else {
      problem(frequency, "frequency", claim_frequency_expected);
    }
    line.original_claim_id = text(original);
    line.referral_number = text(referral);
    if (!detail::trim(table[level]).empty()) {
      line.level_of_care = parse_level_of_care(table[level]);
      if (!line.level_of_care) {
        problem(level, "level_of_care", "inpatient, observation or outpatient (or empty)");
      }
    }
    if (!detail::trim(table[claim_type_column]).empty()) {
      line.claim_type = parse_claim_type(table[claim_type_column]);
      if (!line.claim_type) {
        problem(claim_type_column, "claim_type", "professional or institutional (or empty)");
      }
    }
    row_claims.push_back(line.claim_id);
    rows.push_back(std::move(row));
  }

  // Group rows by claim, in order of first appearance.
  std::vector<std::vector<std::size_t>> groups;
  std::unordered_map<std::string_view, std::size_t> group_of;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto [it, added] = group_of.try_emplace(row_claims[i], groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }

  const auto span_of = [&](list_ref ref) {
    return std::span<const std::string_view>(data->list_values).subspan(ref.first, ref.count);
  };
  std::vector<std::pair<std::size_t, std::size_t>> line_ranges;  // per readable claim
  for (const auto& group : groups) {
    const auto bad = std::find_if(group.begin(), group.end(),
                                  [&](std::size_t i) { return rows[i].problem.has_value(); });
    if (bad != group.end()) {
      const auto& p = *rows[*bad].problem;
      finding f;
      f.claim_id = rows[*bad].line.claim_id;
      f.kind = finding_kind::claim_unreadable;
      f.level = severity::error;
      f.member_id = rows[*bad].line.member_id;
      f.payer_id = rows[*bad].line.payer_id;
      f.expected = p.expected;
      f.actual = p.actual;
      f.message = fmt::format(
          "{}: {}: expected {}, found {}; correct the row and validate the "
          "claim again (none of its lines was checked).",
          detail::printable(to_string(p.where)), p.column, p.expected,
          detail::quoted_value(p.actual));
      f.source = source_text(data->name, rows[*bad].line.source_position);
      data->order.emplace_back(true, data->rejected.size());
      data->rejected.push_back(std::move(f));
      continue;
    }
    const std::size_t first = data->lines.size();
    for (const auto i : group) {
      auto line = rows[i].line;
      line.modifiers = span_of(rows[i].modifiers);
      line.diagnosis_codes = span_of(rows[i].diagnoses);
      data->lines.push_back(line);
    }
    data->order.emplace_back(false, line_ranges.size());
    line_ranges.emplace_back(first, data->lines.size() - first);
  }
  for (const auto& [first, count] : line_ranges) {
    const auto lines = std::span<const claim_line>(data->lines).subspan(first, count);
    data->claims.push_back({lines.front().claim_id, lines});
  }
  return claim_line_file(std::move(data));
}

bool looks_like_claim_line_csv(std::string_view head) noexcept {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  bool claim_id = false, code = false;
  detail::for_each_part(head.substr(0, head.find('\n')), ',', [&](std::string_view name) {
    claim_id = claim_id || detail::iequals(detail::trim(name), "claim_id");
    code = code || detail::iequals(detail::trim(name), "code");
  });
  return claim_id && code;
}

}  // namespace v0
}  // namespace authmatch
