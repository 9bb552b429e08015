#include "input/claim_line_stream.hpp"
#include "input/csv_table.hpp"

#include <authmatch/claim_record.hpp>
#include <authmatch/limits.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>
#include "engine/copy_arena.hpp"
#include "text/printable.hpp"
#include "x12/byte_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <functional>
#include <unordered_map>

#include <unistd.h>

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

/// How the rows of a claim-lines CSV read, by the columns its header names.
class row_parser {
 public:
  explicit row_parser(const detail::csv_table& table)
      : claim_id_(table.column("claim_id")),
        line_no_(table.column("line")),
        member_(table.column("member_id")),
        payer_(table.column("payer_id")),
        dob_(table.column("patient_dob")),
        auth_(table.column("auth_number")),
        code_(table.column("code")),
        modifiers_(table.column("modifiers")),
        units_(table.column("units")),
        from_(table.column("service_date")),
        to_(table.column("service_date_end")),
        rendering_(table.column("rendering_npi")),
        billing_(table.column("billing_npi")),
        facility_(table.column("facility_npi")),
        place_(table.column("place_of_service")),
        diagnoses_(table.column("diagnosis_codes")),
        charge_(table.column("charge")),
        frequency_(table.column("frequency")),
        original_(table.column("original_claim_id")),
        referral_(table.column("referral_number")),
        level_(table.column("level_of_care")),
        claim_type_(table.column("claim_type")) {}

  /// The claim ID of the table's current row, as parse() keeps it.
  std::string_view claim_id(const detail::csv_table& table) const noexcept {
    return table[claim_id_];
  }

  /// Reads the table's current row. Its text is kept by `keep` (a view that outlives the row);
  /// list values go to the end of `list_values`, which the row's list_refs index.
  template <typename Keep>
  parsed_row parse(const detail::csv_table& table, Keep&& keep,
                   std::vector<std::string_view>& list_values) const;

 private:
  std::size_t claim_id_, line_no_, member_, payer_, dob_, auth_, code_, modifiers_, units_, from_,
      to_, rendering_, billing_, facility_, place_, diagnoses_, charge_, frequency_, original_,
      referral_, level_, claim_type_;
};

template <typename Keep>
parsed_row row_parser::parse(const detail::csv_table& table, Keep&& keep,
                             std::vector<std::string_view>& list_values) const {
  parsed_row row;
  auto& line = row.line;
  const auto problem = [&](std::size_t column, std::string_view name, std::string expected) {
    if (!row.problem) {
      row.problem =
          row_problem{table.where(column), name, std::move(expected), std::string(table[column])};
    }
  };
  const auto text = [&](std::size_t column) { return keep(table[column]); };
  const auto list = [&](std::size_t column) {
    list_ref ref{list_values.size(), 0};
    detail::for_each_part(table[column], '|', [&](std::string_view part) {
      list_values.push_back(keep(part));
      ++ref.count;
    });
    return ref;
  };
  const auto required = [&](std::size_t column, std::string_view name) {
    if (table[column].empty()) problem(column, name, "a value");
    return text(column);
  };

  line.source_position = table.line();
  line.claim_id = required(claim_id_, "claim_id");
  if (const auto n = decimal::parse(table[line_no_]); n && n->thousandths() > 0 &&
                                                      n->thousandths() % decimal::scale == 0 &&
                                                      n->thousandths() / decimal::scale <= 999999) {
    line.line = static_cast<std::uint32_t>(n->thousandths() / decimal::scale);
  } else {
    problem(line_no_, "line", "a line number from 1");
  }
  line.member_id = required(member_, "member_id");
  line.payer_id = required(payer_, "payer_id");
  if (!table[dob_].empty()) {
    line.patient_dob = parse_date(table[dob_]);
    if (!line.patient_dob) problem(dob_, "patient_dob", "a date YYYY-MM-DD or YYYYMMDD");
  }
  line.auth_number = text(auth_);
  line.code = required(code_, "code");
  row.modifiers = list(modifiers_);
  if (const auto q = decimal::parse(table[units_]); q && is_valid_units(*q)) {
    line.units = *q;
  } else {
    problem(units_, "units", units_expected);
  }
  if (const auto day = parse_date(table[from_])) {
    line.service_date = line.service_date_end = *day;
  } else {
    problem(from_, "service_date", "a date YYYY-MM-DD or YYYYMMDD");
  }
  if (!table[to_].empty()) {
    const auto day = parse_date(table[to_]);
    if (!day || (line.service_date.is_set() && *day < line.service_date)) {
      problem(to_, "service_date_end", "a date YYYY-MM-DD or YYYYMMDD, not before service_date");
    } else {
      line.service_date_end = *day;
    }
  }
  line.rendering_npi = text(rendering_);
  line.billing_npi = text(billing_);
  line.facility_npi = text(facility_);
  line.place_of_service = text(place_);
  row.diagnoses = list(diagnoses_);
  if (!table[charge_].empty()) {
    if (const auto amount = decimal::parse(table[charge_]); amount && is_valid_charge(*amount)) {
      line.charge = *amount;
    } else {
      problem(charge_, "charge", charge_expected);
    }
  }
  if (const auto f = parse_claim_frequency(table[frequency_])) {
    line.frequency = *f;
  } else {
    problem(frequency_, "frequency", claim_frequency_expected);
  }
  line.original_claim_id = text(original_);
  line.referral_number = text(referral_);
  if (!table[level_].empty()) {
    line.level_of_care = parse_level_of_care(table[level_]);
    if (!line.level_of_care) {
      problem(level_, "level_of_care", "inpatient, observation or outpatient (or empty)");
    }
  }
  if (!table[claim_type_].empty()) {
    line.claim_type = parse_claim_type(table[claim_type_]);
    if (!line.claim_type) {
      problem(claim_type_, "claim_type", "professional or institutional (or empty)");
    }
  }
  return row;
}

/// The claim_unreadable finding for a claim whose row `bad` of `input` holds a bad value.
finding unreadable_claim(const parsed_row& bad, std::string_view input) {
  const auto& p = *bad.problem;
  finding f;
  f.claim_id = bad.line.claim_id;
  f.kind = finding_kind::claim_unreadable;
  f.level = severity::error;
  f.member_id = bad.line.member_id;
  f.payer_id = bad.line.payer_id;
  f.expected = p.expected;
  f.actual = p.actual;
  f.message = fmt::format(
      "{}: {}: expected {}, found {}; correct the row and validate the "
      "claim again (none of its lines was checked).",
      detail::printable(to_string(p.where)), p.column, p.expected, detail::quoted_value(p.actual));
  f.source = source_text(input, bad.line.source_position);
  return f;
}

/// A row's line with its lists, which index `list_values`, read from `input`.
claim_line line_of(const parsed_row& row, std::span<const std::string_view> list_values,
                   std::string_view input) {
  auto line = row.line;
  line.source_input = input;
  line.modifiers = list_values.subspan(row.modifiers.first, row.modifiers.count);
  line.diagnosis_codes = list_values.subspan(row.diagnoses.first, row.diagnoses.count);
  return line;
}

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

std::uint64_t claim_line_file::feed(claim_sink& sink) const {
  for (const auto& [is_rejected, i] : data_->order) {
    if (is_rejected) {
      sink.on_rejected(data_->rejected[i]);
    } else {
      sink.on_claim(data_->claims[i].lines);
    }
  }
  return data_->order.size();
}

claim_line_file claim_line_file::load(const std::filesystem::path& path) {
  return parse(read_file(path), path.string());
}

claim_line_file claim_line_file::parse(std::string csv, std::string_view file_name) {
  auto data = std::make_unique<storage>();
  data->name = file_name;
  data->text = std::move(csv);
  detail::csv_table table(data->text, std::string(file_name), required_claim_fields);
  const row_parser parser(table);
  const auto keep = [&](std::string_view field) { return data->keep(field); };
  std::vector<parsed_row> rows;
  while (table.next()) rows.push_back(parser.parse(table, keep, data->list_values));

  // Group rows by claim, in order of first appearance.
  std::vector<std::vector<std::size_t>> groups;
  std::unordered_map<std::string_view, std::size_t> group_of;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto [it, added] = group_of.try_emplace(rows[i].line.claim_id, groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }

  std::vector<std::pair<std::size_t, std::size_t>> line_ranges;  // per readable claim
  for (const auto& group : groups) {
    const auto bad = std::find_if(group.begin(), group.end(),
                                  [&](std::size_t i) { return rows[i].problem.has_value(); });
    if (bad != group.end()) {
      data->order.emplace_back(true, data->rejected.size());
      data->rejected.push_back(unreadable_claim(rows[*bad], data->name));
      continue;
    }
    const std::size_t first = data->lines.size();
    for (const auto i : group) {
      data->lines.push_back(line_of(rows[i], data->list_values, data->name));
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

namespace detail {

std::uint64_t stream_claim_lines(csv_reader reader, claim_sink& sink) {
  csv_table table(std::move(reader), required_claim_fields);
  const row_parser parser(table);
  // The rows of the claim being read, their text copied out of the reader's buffer (which moves
  // on with every chunk), all reused from claim to claim.
  copy_arena text;
  std::vector<parsed_row> rows;
  std::vector<std::string_view> list_values;
  std::vector<claim_line> lines;
  const auto keep = [&](std::string_view field) { return text.copy(field); };
  std::uint64_t claims = 0;
  const auto hand_out = [&] {
    ++claims;
    const auto bad = std::find_if(rows.begin(), rows.end(),
                                  [](const parsed_row& row) { return row.problem.has_value(); });
    if (bad != rows.end()) {
      sink.on_rejected(unreadable_claim(*bad, table.file_name()));
    } else {
      lines.clear();
      for (const auto& row : rows) lines.push_back(line_of(row, list_values, table.file_name()));
      sink.on_claim(lines);
    }
    rows.clear();
    list_values.clear();
    text.clear();
  };
  while (table.next()) {
    if (!rows.empty() && parser.claim_id(table) != rows.front().line.claim_id) hand_out();
    rows.push_back(parser.parse(table, keep, list_values));
  }
  if (!rows.empty()) hand_out();
  return claims;
}

}  // namespace detail

namespace {

/// Where a file descriptor is, to read it again from there; nullopt when it cannot be (a pipe).
std::optional<off_t> rereadable_offset(int fd) {
  if (x12::detail::regular_file_size(fd) == 0) return std::nullopt;
  const off_t at = ::lseek(fd, 0, SEEK_CUR);
  if (at < 0) return std::nullopt;
  return at;
}

void seek_back(int fd, off_t offset, std::string_view name) {
  if (::lseek(fd, offset, SEEK_SET) < 0) {
    throw input_error({std::string(name), 0, 0},
                      fmt::format("cannot read the file again: {}", std::strerror(errno)));
  }
}

}  // namespace

std::uint64_t read_claim_lines_fd(int fd, std::string_view name, claim_sink& sink,
                                  std::string_view already_read, std::size_t chunk_size,
                                  unsigned threads) {
  x12::detail::fd_source rest(fd, name);
  if (const auto offset = rereadable_offset(fd)) {
    // Each pass starts with the bytes the caller took, then goes on where they ended.
    const bool adjacent =
        detail::claim_rows_adjacent(fd, name, already_read, static_cast<std::uint64_t>(*offset),
                                    chunk_size, threads)
            .adjacent;
    seek_back(fd, *offset, name);
    if (adjacent) {
      x12::detail::prefixed_source source(already_read, rest);
      return detail::stream_claim_lines(detail::csv_reader(source, std::string(name), chunk_size),
                                        sink);
    }
  }
  // Rows of a claim apart, or an input that can be read only once: the whole file, grouped as
  // claim_line_file groups them.
  std::string text(already_read);
  char chunk[1 << 16];
  for (std::size_t got = 0; (got = rest.read(chunk, sizeof chunk)) > 0;) text.append(chunk, got);
  return claim_line_file::parse(std::move(text), name).feed(sink);
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
