#include "input/csv_table.hpp"

#include <authmatch/loaders.hpp>

#include <authmatch/limits.hpp>
#include "engine/slot_ring.hpp"
#include "index/index_data.hpp"
#include "index/prefetch_ahead.hpp"
#include "text/printable.hpp"
#include "x12/byte_source.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <span>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace {

constexpr std::string_view authorization_columns[] = {
    "auth_number", "status", "payer_id", "member_id", "code", "effective_date", "expiration_date"};

decimal quantity_in(const detail::csv_table& table, std::size_t column, std::string_view name) {
  const auto cell = table[column];
  const auto value = decimal::parse(cell);
  if (!value || !is_valid_units(*value)) {
    table.fail(name, fmt::format("{} is not a quantity (expected {})", detail::quoted_value(cell),
                                 units_expected));
  }
  return *value;
}

/// Where each column of an authorization export is (csv_table::absent when it is not).
struct export_columns {
  explicit export_columns(const detail::csv_table& table)
      : auth_number(table.column("auth_number")),
        status(table.column("status")),
        payer(table.column("payer_id")),
        member(table.column("member_id")),
        dob(table.column("patient_dob")),
        code(table.column("code")),
        units(table.column("units")),
        units_used(table.column("units_used")),
        effective(table.column("effective_date")),
        expiration(table.column("expiration_date")),
        rendering(table.column("rendering_npi")),
        facility(table.column("facility_npi")),
        place(table.column("place_of_service")),
        diagnoses(table.column("diagnosis_codes")),
        unit_type_column(table.column("unit_type")),
        type(table.column("type")),
        level(table.column("level_of_care")),
        claim_type_column(table.column("claim_type")),
        modifiers(table.column("modifiers")),
        requested(table.column("requested_date")),
        priority(table.column("priority")),
        next_action(table.column("next_action")),
        next_action_due(table.column("next_action_due")) {}

  std::size_t auth_number, status, payer, member, dob, code, units, units_used, effective,
      expiration, rendering, facility, place, diagnoses, unit_type_column, type, level,
      claim_type_column, modifiers, requested, priority, next_action, next_action_due;
};

/// Reads the table's current row into `auth`: every field of it, so that nothing of the row read
/// into it before is left (the room of its strings and lists is kept, so that a loader filling
/// the same rows again allocates nothing). Throws input_error at the first bad value.
void read_row(const detail::csv_table& table, const export_columns& c, authorization& auth) {
  const auto optional_date = [&](std::size_t column, std::string_view name) {
    return table[column].empty() ? std::nullopt : std::optional(table.date_at(column, name));
  };
  detail::assign_text(auth.auth_number, table[c.auth_number]);
  const auto parsed_status = parse_auth_status(table[c.status]);
  if (!parsed_status) {
    table.fail("status",
               fmt::format("{} is not a status (expected approved, pending, denied, "
                           "cancelled, expired, or a 278 HCR01 code A1, A2, A3, A4, A6 or C)",
                           detail::quoted_value(table[c.status])));
  }
  auth.status = *parsed_status;
  detail::assign_text(auth.payer_id, table[c.payer]);
  detail::assign_text(auth.member_id, table[c.member]);
  auth.patient_dob = optional_date(c.dob, "patient_dob");
  detail::assign_text(auth.code, table[c.code]);
  auth.units =
      table[c.units].empty() ? std::nullopt : std::optional(quantity_in(table, c.units, "units"));
  auth.units_used =
      table[c.units_used].empty() ? decimal() : quantity_in(table, c.units_used, "units_used");
  const auto parsed_unit_type = parse_unit_type(table[c.unit_type_column]);
  if (!parsed_unit_type) {
    table.fail("unit_type", fmt::format("{} is not a unit type (expected units or visits)",
                                        detail::quoted_value(table[c.unit_type_column])));
  }
  auth.unit_type = *parsed_unit_type;
  const auto parsed_type = parse_auth_type(table[c.type]);
  if (!parsed_type) {
    table.fail("type", fmt::format("{} is not a type (expected authorization or referral)",
                                   detail::quoted_value(table[c.type])));
  }
  auth.type = *parsed_type;
  auth.level_of_care.reset();
  if (!table[c.level].empty()) {
    auth.level_of_care = parse_level_of_care(table[c.level]);
    if (!auth.level_of_care) {
      table.fail("level_of_care",
                 fmt::format("{} is not a level of care (expected inpatient, observation or "
                             "outpatient)",
                             detail::quoted_value(table[c.level])));
    }
  }
  auth.claim_type.reset();
  if (!table[c.claim_type_column].empty()) {
    auth.claim_type = parse_claim_type(table[c.claim_type_column]);
    if (!auth.claim_type) {
      table.fail("claim_type",
                 fmt::format("{} is not a claim type (expected professional or institutional)",
                             detail::quoted_value(table[c.claim_type_column])));
    }
  }
  auth.effective_date = table.date_at(c.effective, "effective_date");
  auth.expiration_date = table.date_at(c.expiration, "expiration_date");
  detail::split_list_into(table[c.rendering], auth.rendering_npis);
  detail::split_list_into(table[c.facility], auth.facility_npis);
  detail::split_list_into(table[c.place], auth.places_of_service);
  detail::split_list_into(table[c.diagnoses], auth.diagnosis_codes);
  detail::split_list_into(table[c.modifiers], auth.modifiers);
  auth.requested_date = optional_date(c.requested, "requested_date");
  const auto parsed_priority = parse_auth_priority(table[c.priority]);
  if (!parsed_priority) {
    table.fail("priority", fmt::format("{} is not a priority (expected standard or expedited)",
                                       detail::quoted_value(table[c.priority])));
  }
  auth.priority = *parsed_priority;
  detail::assign_text(auth.next_action, table[c.next_action]);
  auth.next_action_due = optional_date(c.next_action_due, "next_action_due");
}

/// Adds a row to the index (normalizing it in place), or throws input_error at `line` of the
/// table's file.
void add_row(detail::index_data& index, authorization& auth, const detail::csv_table& table,
             std::size_t line) {
  try {
    index.add(auth);
  } catch (const authorization_error& e) {
    table.fail_at(line, e.problem().field, e.problem().message);
  }
}

/// A parsed row, with the line it starts on (for an error of adding it).
struct parsed_row {
  authorization auth;
  std::size_t line = 0;
};

/// Adds parsed rows in order. The index's string pool misses the cache on every row (a large
/// export interns millions of strings): the identifiers of the row some rows ahead are looked up
/// early, so their slots are at hand when it is added.
void add_rows(detail::index_data& index, std::span<parsed_row> rows,
              const detail::csv_table& table) {
  constexpr std::size_t ahead = 8;
  detail::for_each_prefetched(
      0, rows.size(), 1, ahead, [&](std::size_t later, int) { index.prefetch(rows[later].auth); },
      [&](std::size_t i) { add_row(index, rows[i].auth, table, rows[i].line); });
}

/// Rows parsed together, then added to the index together. A batch is filled again once its rows
/// are added: its authorizations' strings and lists are allocated once, not for every row.
struct row_batch {
  static constexpr std::size_t rows_room = 256;  ///< enough for add_rows() to look ahead in

  std::vector<parsed_row> rows = std::vector<parsed_row>(rows_room);
  std::size_t size = 0;       ///< the rows filled, from the first
  bool last = false;          ///< no batch follows: the table ended, or `failed`
  std::exception_ptr failed;  ///< the bad value that stopped the parse after these rows
};

/// Fills `batch` with the table's next rows, as many as it has room for. A bad value ends the
/// parse: it is kept in the batch, after the rows before it.
void parse_batch(detail::csv_table& table, const export_columns& columns,
                 row_batch& batch) noexcept {
  batch.size = 0;
  try {
    while (batch.size < batch.rows.size()) {
      if (!table.next()) {
        batch.last = true;
        return;
      }
      auto& row = batch.rows[batch.size];
      read_row(table, columns, row.auth);
      row.line = table.line();
      ++batch.size;
    }
  } catch (...) {
    batch.failed = std::current_exception();
    batch.last = true;
  }
}

/// Adds a batch's rows, then throws the bad value that ended the parse after them, if any: the
/// first error by row is the one reported. True when another batch follows.
bool add_batch(detail::index_data& index, row_batch& batch, const detail::csv_table& table) {
  add_rows(index, std::span(batch.rows.data(), batch.size), table);
  if (batch.failed) std::rethrow_exception(batch.failed);
  return !batch.last;
}

/// Parses every row and adds it to `index`, a batch at a time, on the calling thread.
void add_every_row(detail::csv_table& table, const export_columns& columns,
                   detail::index_data& index) {
  row_batch batch;
  do {
    parse_batch(table, columns, batch);
  } while (add_batch(index, batch, table));
}

/// add_every_row() with the rows parsed on a second thread while the calling one adds the rows
/// parsed before them: the same index, the same first error. False, having read nothing, when no
/// second thread can be had.
bool add_every_row_on_two_threads(detail::csv_table& table, const export_columns& columns,
                                  detail::index_data& index) {
  // Sixteen batches, each filled again once the fifteen after it are parsed: a row's memory has
  // left the adding core's caches when the parser writes it again.
  detail::slot_ring<row_batch> batches(16);
  std::jthread parser;
  const decltype(batches)::stopper stopping(batches);  // before the parser is joined
  try {
    parser = std::jthread([&] {
      while (const auto i = batches.next_to_fill()) {
        auto& batch = batches[*i];
        parse_batch(table, columns, batch);
        const bool last = batch.last;  // read before the batch is handed over
        batches.filled(*i);
        if (last) return;
      }
    });
  } catch (const std::system_error&) {
    return false;
  }
  // add_row reads only the table's header and file name, which the parser does not change.
  for (std::size_t i = 0;; ++i) {
    // Filled: only this loop's end stops the ring.
    const bool more = add_batch(index, *batches.wait_filled(i), table);
    batches.used(i);
    if (!more) return true;
  }
}

/// An authorization export, read from its header on: every row checked and added, then grouped.
/// With `threads` 2 or more, the rows are parsed on a second thread and grouped on two.
authorization_index authorizations_in(detail::csv_table& table, unsigned threads = 1,
                                      std::size_t rows_expected = 0) {
  const export_columns columns(table);
  authorization_index index;
  if (rows_expected > 0) index.reserve(rows_expected);
  // Grouped by patient and by member once every row is in, each grouping in one pass.
  auto& building = detail::index_access::building(index);
  building.group_later();
  if (threads < 2 || !add_every_row_on_two_threads(table, columns, building)) {
    add_every_row(table, columns, building);
  }
  if (index.size() == 0) {
    throw input_error({table.file_name(), 0, 0},
                      "no authorizations: the file has a header row but no rows (without "
                      "authorizations every line that needs one would be denied)");
  }
  building.group_rows(threads);
  index.shrink_to_fit();
  return index;
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  x12::detail::file_source file(path);
  // Straight into the string: a regular file in one read() of its size (and one more to see its
  // end), anything else in growing steps.
  std::string contents(static_cast<std::size_t>(file.size()) + 1, '\0');
  std::size_t size = 0;
  for (;;) {
    if (size == contents.size()) contents.resize(std::max<std::size_t>(2 * size, 1 << 16));
    const std::size_t got = file.read(contents.data() + size, contents.size() - size);
    if (got == 0) break;
    size += got;
  }
  contents.resize(size);
  return contents;
}

/// The rows an export of `bytes` bytes holds, about, judged by the lines of its first bytes
/// (`head`), for the index to make room for: a guess too high costs room, too low a rebuild of
/// the index's tables, so it guesses 5% high. Past 16 M rows the tables grow as rows come,
/// whatever the file's size says.
std::size_t expected_rows(std::size_t bytes, std::string_view head) noexcept {
  const auto lines = static_cast<std::size_t>(std::count(head.begin(), head.end(), '\n'));
  if (lines < 2) return 0;  // a header alone, or one row: nothing worth guessing from
  const double per_line = static_cast<double>(head.size()) / static_cast<double>(lines);
  const double rows = static_cast<double>(bytes) / per_line * 1.05;
  return static_cast<std::size_t>(std::min(rows, static_cast<double>(std::size_t{1} << 24)));
}

/// How much of a file's start expected_rows() reads its lines from.
constexpr std::size_t head_bytes = std::size_t{64} * 1024;

authorization_index load_authorizations(const std::filesystem::path& path, unsigned threads) {
  // In chunks: the rows are copied into the index as they are read, so the file's text is never
  // held whole (a million rows are about 120 MB of it).
  x12::detail::file_source file(path);
  detail::csv_reader reader(file, path.string());
  const auto rows = expected_rows(file.size(), reader.head(head_bytes).substr(0, head_bytes));
  detail::csv_table table(std::move(reader), authorization_columns);
  return authorizations_in(table, threads, rows);
}

authorization_index parse_authorizations(std::string_view csv, std::string_view file_name,
                                         unsigned threads) {
  detail::csv_table table(csv, std::string(file_name), authorization_columns);
  return authorizations_in(table, threads, expected_rows(csv.size(), csv.substr(0, head_bytes)));
}

auth_rules load_auth_rules(const std::filesystem::path& path) {
  return parse_auth_rules(read_file(path), path.string());
}

auth_rules parse_auth_rules(std::string_view csv, std::string_view file_name) {
  detail::csv_table table(csv, std::string(file_name), {"payer_id", "code", "requires_auth"});
  const auto payer = table.column("payer_id"), code = table.column("code"),
             requires_auth = table.column("requires_auth"),
             requires_referral = table.column("requires_referral"),
             effective = table.column("effective_date"), end = table.column("end_date"),
             place = table.column("place_of_service"), level = table.column("level_of_care"),
             claim_type = table.column("claim_type"), with_codes = table.column("with_codes"),
             note = table.column("note"), number_format = table.column("auth_number_format");
  // yes/no, y/n, true/false, 1/0 in any case; an empty requires_referral is no.
  const auto answer_in = [&](std::size_t column, std::string_view name, bool empty_is_no) {
    const auto answer = table[column];
    if (detail::iequals(answer, "yes") || detail::iequals(answer, "y") ||
        detail::iequals(answer, "true") || answer == "1") {
      return true;
    }
    if (!(detail::iequals(answer, "no") || detail::iequals(answer, "n") ||
          detail::iequals(answer, "false") || answer == "0" || (empty_is_no && answer.empty()))) {
      table.fail(name, fmt::format("{} is not yes or no", detail::quoted_value(table[column])));
    }
    return false;
  };
  const auto scope_of_row = [&] {
    rule_scope scope;
    if (!table[effective].empty())
      scope.effective_date = table.date_at(effective, "effective_date");
    if (!table[end].empty()) scope.end_date = table.date_at(end, "end_date");
    // An empty part ("19|") would be dropped by split_list: refused here, the rest by add().
    if (detail::has_empty_part(table[place])) {
      table.fail("place_of_service",
                 fmt::format("{}: a place of service is empty (expected two-digit place of "
                             "service codes, |-separated, as in 19|22)",
                             detail::quoted_value(table[place])));
    }
    scope.places_of_service = detail::split_list(table[place]);
    for (const auto& name : detail::split_list(table[level])) {
      const auto parsed = parse_level_of_care(name);
      if (!parsed) {
        table.fail("level_of_care",
                   fmt::format("{} is not a level of care (expected inpatient, observation or "
                               "outpatient, |-separated)",
                               detail::quoted_value(table[level])));
      }
      scope.levels_of_care.push_back(*parsed);
    }
    if (!table[claim_type].empty()) {
      scope.claim_type = parse_claim_type(table[claim_type]);
      if (!scope.claim_type) {
        table.fail("claim_type",
                   fmt::format("{} is not a claim type (expected professional or institutional)",
                               detail::quoted_value(table[claim_type])));
      }
    }
    scope.with_codes = detail::split_list(table[with_codes]);
    scope.note = table[note];
    const auto format = parse_auth_number_format(table[number_format]);
    if (!format) {
      table.fail("auth_number_format",
                 fmt::format("{} is not a number format (expected utn, any or empty)",
                             detail::quoted_value(table[number_format])));
    }
    scope.number_format = *format;
    return scope;
  };
  auth_rules rules;
  bool any = false;
  while (table.next()) {
    any = true;
    const bool required = answer_in(requires_auth, "requires_auth", false);
    const bool referral = answer_in(requires_referral, "requires_referral", true);
    try {
      rules.add(table[payer], table[code], required, referral, scope_of_row());
    } catch (const rule_error& e) {
      const auto& [field, message] = e.problem();
      // These messages name what is wrong already (the place of service among several).
      if (field == "end_date" || field == "place_of_service") table.fail(field, message);
      const auto value = table[table.column(field)];
      table.fail(field, fmt::format("{}: {}", detail::quoted_value(value), message));
    }
  }
  if (!any) {
    throw input_error({std::string(file_name), 0, 0},
                      "no rules: the file has a header row but no rows (without rules no code "
                      "would need authorization; leave out --rules to check every line)");
  }
  return rules;
}

}  // namespace v0
}  // namespace authmatch
