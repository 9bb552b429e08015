#include <authmatch/ledger.hpp>
#include "text/text.hpp"

#include "ledger/ledger_run.hpp"
#include "ledger/sqlite.hpp"

#include <fmt/format.h>

#include <system_error>

namespace authmatch {
inline namespace v0 {

namespace {

using detail::ledger_batch;
using detail::ledger_row_key;
using detail::prior_usage;
using detail::sqlite_database;
using detail::sqlite_statement;

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  run_id      INTEGER PRIMARY KEY,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  claims      INTEGER NOT NULL,
  usage_rows  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
  claim_id          TEXT PRIMARY KEY,
  claim_group       TEXT NOT NULL,
  frequency         TEXT NOT NULL,
  original_claim_id TEXT NOT NULL,
  run_id            INTEGER NOT NULL,
  position          INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_by_group ON claims (claim_group);
CREATE INDEX IF NOT EXISTS claims_by_original ON claims (original_claim_id);
CREATE TABLE IF NOT EXISTS usage (
  claim_id       TEXT NOT NULL,
  line           INTEGER NOT NULL,
  auth_number    TEXT NOT NULL,
  code           TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  service_date   TEXT NOT NULL,
  units          INTEGER NOT NULL  -- thousandths
);
CREATE INDEX IF NOT EXISTS usage_by_claim ON usage (claim_id);
CREATE INDEX IF NOT EXISTS usage_by_row ON usage (auth_number, code, effective_date);
CREATE TABLE IF NOT EXISTS authorizations (
  auth_number      TEXT NOT NULL,
  code             TEXT NOT NULL,
  effective_date   TEXT NOT NULL,
  expiration_date  TEXT NOT NULL,
  status           TEXT NOT NULL,
  payer_id         TEXT NOT NULL,
  member_id        TEXT NOT NULL,
  patient_dob      TEXT,
  units            INTEGER,           -- thousandths; NULL = no limit
  units_used       INTEGER NOT NULL,  -- thousandths, as the tracker said
  unit_type        TEXT NOT NULL,
  rendering_npi    TEXT NOT NULL,
  facility_npi     TEXT NOT NULL,
  place_of_service TEXT NOT NULL,
  diagnosis_codes  TEXT NOT NULL,
  PRIMARY KEY (auth_number, code, effective_date)
);
)sql";

/// PRAGMA application_id of a ledger ("AMLG"), so that authmatch knows its own files.
constexpr std::int64_t ledger_application_id = 0x414D4C47;

/// Refuses, without writing to it, an existing file that is not an authmatch ledger: another
/// program's SQLite database, or no database at all. Ledgers written before the application id
/// was set are known by their tables.
void refuse_foreign_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error) || std::filesystem::file_size(path, error) == 0) {
    return;  // a new ledger
  }
  const auto refuse = [&](const std::string& why) {
    return ledger_error(
        fmt::format("{}: not an authmatch ledger ({}); it was left as it is", path.string(), why));
  };
  std::int64_t id = 0;
  std::vector<std::string> tables;
  try {
    sqlite_database db(path.string(), true);
    sqlite3_busy_timeout(db.get(), 60'000);  // a run may be writing: wait as the run would
    sqlite_statement application(db, "PRAGMA application_id");
    if (application.next()) id = application.integer(0);
    sqlite_statement names(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (names.next()) tables.emplace_back(names.text(0));
  } catch (const ledger_error& e) {
    throw refuse(e.what());
  }
  if (id == ledger_application_id) return;
  const std::vector<std::string> ledger_tables = {"authorizations", "claims", "runs", "usage"};
  if (id == 0 && tables == ledger_tables) return;
  throw refuse(id != 0 ? fmt::format("its application id is {:#x}", id)
                       : fmt::format("it holds the tables {}", tables.empty()
                                                                   ? std::string("(none)")
                                                                   : detail::join(tables, ", ")));
}

date date_of(std::string_view iso) {
  const auto parsed = parse_date(iso);
  if (!parsed) throw ledger_error(fmt::format("ledger: '{}' is not a date", iso));
  return *parsed;
}

claim_frequency frequency_of(std::string_view code) {
  return parse_claim_frequency(code).value_or(claim_frequency::original);
}

std::string_view code_of(claim_frequency frequency) {
  switch (frequency) {
    case claim_frequency::replacement: return "7";
    case claim_frequency::void_claim: return "8";
    case claim_frequency::original: break;
  }
  return "1";
}

/// Marks the run's claim groups (temp table run_groups) from the claim IDs it is or names.
void mark_groups(sqlite_database& db, std::span<const std::string> claim_ids) {
  db.execute(
      "CREATE TEMP TABLE IF NOT EXISTS run_ids (claim_id TEXT PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS run_groups (claim_group TEXT PRIMARY KEY);"
      "DELETE FROM run_ids; DELETE FROM run_groups;");
  sqlite_statement insert(db, "INSERT OR IGNORE INTO run_ids VALUES (?)");
  for (const auto& id : claim_ids) insert.bind(id).run();
  db.execute(
      "INSERT OR IGNORE INTO run_groups SELECT claim_group FROM claims"
      " WHERE claim_id IN run_ids OR original_claim_id IN run_ids;");
}

prior_usage read_prior(sqlite_database& db) {
  prior_usage prior;
  sqlite_statement claims(db,
                          "SELECT claim_id, frequency, original_claim_id, claim_group FROM claims"
                          " WHERE claim_group IN run_groups ORDER BY run_id, position");
  while (claims.next()) {
    prior.claims.push_back({std::string(claims.text(0)), frequency_of(claims.text(1)),
                            std::string(claims.text(2)), std::string(claims.text(3))});
  }
  sqlite_statement usage(
      db,
      "SELECT u.claim_id, u.line, u.auth_number, u.code, u.effective_date, u.service_date, u.units"
      " FROM usage u JOIN claims c USING (claim_id) WHERE c.claim_group IN run_groups"
      " ORDER BY u.rowid");
  while (usage.next()) {
    prior.usage.push_back({std::string(usage.text(0)), static_cast<std::uint32_t>(usage.integer(1)),
                           std::string(usage.text(2)), std::string(usage.text(3)),
                           date_of(usage.text(4)), date_of(usage.text(5)),
                           decimal::from_thousandths(usage.integer(6))});
  }
  // Everything else, as totals: units per row, dates per visits authorization.
  const char* outside =
      " FROM usage u LEFT JOIN claims c USING (claim_id)"
      " LEFT JOIN authorizations a USING (auth_number, code, effective_date)"
      " WHERE c.claim_group IS NULL OR c.claim_group NOT IN run_groups";
  sqlite_statement units(db, fmt::format("SELECT u.auth_number, u.code, u.effective_date, "
                                         "SUM(u.units){} AND IFNULL(a.unit_type, 'units') = "
                                         "'units' GROUP BY 1, 2, 3",
                                         outside));
  while (units.next()) {
    prior.units.emplace(ledger_row_key{std::string(units.text(0)), std::string(units.text(1)),
                                       date_of(units.text(2))},
                        decimal::from_thousandths(units.integer(3)));
  }
  sqlite_statement visits(db, fmt::format("SELECT DISTINCT u.auth_number, u.service_date{} AND "
                                          "a.unit_type = 'visits'",
                                          outside));
  while (visits.next()) {
    prior.visit_dates[std::string(visits.text(0))].insert(date_of(visits.text(1)));
  }
  return prior;
}

void write_batch(sqlite_database& db, const ledger_batch& batch) {
  db.execute(
      "DELETE FROM usage WHERE claim_id IN run_ids OR claim_id IN"
      " (SELECT claim_id FROM claims WHERE claim_group IN run_groups);"
      "DELETE FROM claims WHERE claim_id IN run_ids OR claim_group IN run_groups;");
  sqlite_statement run(db, "INSERT INTO runs (claims, usage_rows) VALUES (?, ?)");
  run.bind(static_cast<std::int64_t>(batch.claims.size()),
           static_cast<std::int64_t>(batch.usage.size()))
      .run();
  const std::int64_t run_id = sqlite3_last_insert_rowid(db.get());

  sqlite_statement claim(db, "INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?, ?)");
  std::int64_t position = 0;
  for (const auto& c : batch.claims) {
    claim
        .bind(c.claim_id, c.claim_group, code_of(c.frequency), c.original_claim_id, run_id,
              position++)
        .run();
  }
  sqlite_statement use(db, "INSERT INTO usage VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& u : batch.usage) {
    use.bind(u.claim_id, u.line, u.auth_number, u.code, to_iso(u.effective_date),
             to_iso(u.service_date), u.units.thousandths())
        .run();
  }
  sqlite_statement row(db,
                       "INSERT OR REPLACE INTO authorizations VALUES"
                       " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const auto units_of = [](const std::optional<decimal>& units) -> std::optional<std::int64_t> {
    if (!units) return std::nullopt;
    return units->thousandths();
  };
  for (const auto& a : batch.rows) {
    row.bind(a.auth_number, a.code, to_iso(a.effective_date), to_iso(a.expiration_date),
             to_string(a.status), a.payer_id, a.member_id,
             a.patient_dob ? std::optional(to_iso(*a.patient_dob)) : std::nullopt,
             units_of(a.units), a.units_used.thousandths(), to_string(a.unit_type),
             detail::join(a.rendering_npis, "|"), detail::join(a.facility_npis, "|"),
             detail::join(a.places_of_service, "|"), detail::join(a.diagnosis_codes, "|"))
        .run();
  }
}

authorization authorization_of(const sqlite_statement& row) {
  authorization a;
  a.auth_number = row.text(0);
  a.code = row.text(1);
  a.effective_date = date_of(row.text(2));
  a.expiration_date = date_of(row.text(3));
  a.status = parse_auth_status(row.text(4)).value_or(auth_status::approved);
  a.payer_id = row.text(5);
  a.member_id = row.text(6);
  if (!row.is_null(7)) a.patient_dob = date_of(row.text(7));
  if (!row.is_null(8)) a.units = decimal::from_thousandths(row.integer(8));
  a.units_used = decimal::from_thousandths(row.integer(9));
  a.unit_type = parse_unit_type(row.text(10)).value_or(unit_type::units);
  a.rendering_npis = detail::split_list(row.text(11));
  a.facility_npis = detail::split_list(row.text(12));
  a.places_of_service = detail::split_list(row.text(13));
  a.diagnosis_codes = detail::split_list(row.text(14));
  return a;
}

}  // namespace

std::optional<decimal> ledger_row::remaining() const {
  if (!auth.units) return std::nullopt;
  return *auth.units - auth.units_used - used_recorded;
}

struct utilization_ledger::connection {
  connection(const std::filesystem::path& file, bool read_only)
      : path(file), db(file.string(), read_only) {}
  std::filesystem::path path;
  sqlite_database db;
};

utilization_ledger::utilization_ledger(std::unique_ptr<connection> db) noexcept
    : db_(std::move(db)) {}
utilization_ledger::utilization_ledger(utilization_ledger&&) noexcept = default;
utilization_ledger& utilization_ledger::operator=(utilization_ledger&&) noexcept = default;
utilization_ledger::~utilization_ledger() = default;

utilization_ledger utilization_ledger::open(const std::filesystem::path& path, open_mode mode) {
  if (mode == open_mode::read_only && !std::filesystem::exists(path)) {
    throw ledger_error(path.string() +
                       ": no ledger there (a validate run with --ledger creates it)");
  }
  if (std::error_code ec; mode == open_mode::read_only &&
                          std::filesystem::is_regular_file(path, ec) &&
                          std::filesystem::file_size(path, ec) == 0) {
    throw ledger_error(path.string() +
                       ": an empty file, no ledger yet (a validate run with --ledger makes one)");
  }
  refuse_foreign_file(path);
  auto c = std::make_unique<connection>(path, mode == open_mode::read_only);
  auto& db = c->db;
  sqlite3_busy_timeout(db.get(), 60'000);
  try {
    db.execute("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;");
    if (mode == open_mode::read_write) {
      db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
      db.execute(schema);
      db.execute(fmt::format("PRAGMA application_id = {}", ledger_application_id).c_str());
    }
    sqlite_statement probe(db, "SELECT COUNT(*) FROM claims");
    probe.run();
  } catch (const ledger_error& e) {
    throw ledger_error(path.string() + ": not a usable ledger (" + e.what() + ")");
  }
  return utilization_ledger(std::move(c));
}

const std::filesystem::path& utilization_ledger::path() const noexcept { return db_->path; }

namespace detail {

ledger_run::ledger_run(utilization_ledger& ledger, std::span<const std::string> claim_ids)
    : db_(*ledger.db_) {
  try {
    db_.db.execute("BEGIN IMMEDIATE");
    mark_groups(db_.db, claim_ids);
    prior_ = read_prior(db_.db);
  } catch (const ledger_error& e) {
    sqlite3_exec(db_.db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw ledger_error(db_.path.string() + ": " + e.what());
  }
}

ledger_run::~ledger_run() {
  if (!committed_) sqlite3_exec(db_.db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void ledger_run::commit(const ledger_batch& batch) {
  try {
    write_batch(db_.db, batch);
    db_.db.execute("COMMIT");
    committed_ = true;
  } catch (const ledger_error& e) {
    throw ledger_error(db_.path.string() + ": " + e.what());
  }
}

}  // namespace detail

std::vector<ledger_row> utilization_ledger::rows(std::optional<std::string_view> auth_number) const
    try {
  auto& db = db_->db;
  std::string sql =
      "SELECT a.*, IFNULL(SUM(u.units), 0), COUNT(DISTINCT u.claim_id),"
      " (SELECT COUNT(DISTINCT v.service_date) FROM usage v WHERE v.auth_number = a.auth_number)"
      " FROM authorizations a LEFT JOIN usage u USING (auth_number, code, effective_date)";
  if (auth_number) sql += " WHERE a.auth_number = ?";
  sql +=
      " GROUP BY a.auth_number, a.code, a.effective_date"
      " ORDER BY a.auth_number, a.code, a.effective_date";
  sqlite_statement query(db, sql);
  if (auth_number) query.bind(detail::normalize_id(*auth_number));
  std::vector<ledger_row> rows;
  while (query.next()) {
    ledger_row row;
    row.auth = authorization_of(query);
    row.used_recorded = row.auth.unit_type == unit_type::visits
                            ? decimal::from_integer(query.integer(17))
                            : decimal::from_thousandths(query.integer(15));
    row.claims = static_cast<std::uint64_t>(query.integer(16));
    rows.push_back(std::move(row));
  }
  return rows;
} catch (const ledger_error& e) {
  // A damaged file ("database disk image is malformed") is named, as a run's errors name it.
  throw ledger_error(db_->path.string() + ": " + e.what());
}

}  // namespace v0
}  // namespace authmatch
