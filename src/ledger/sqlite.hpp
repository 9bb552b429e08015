#ifndef AUTHMATCH_SRC_SQLITE_HPP
#define AUTHMATCH_SRC_SQLITE_HPP

// A thin RAII layer over SQLite's C API: a connection and prepared statements whose failures
// become ledger_error with SQLite's own message.

#include <authmatch/ledger.hpp>

#include <sqlite3.h>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace detail {

class sqlite_statement;

class sqlite_database {
 public:
  sqlite_database(const std::string& path, bool read_only) {
    const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw ledger_error(path + ": cannot open the ledger: " + why);
    }
    sqlite3_extended_result_codes(db_, 1);
  }
  sqlite_database(const sqlite_database&) = delete;
  sqlite_database& operator=(const sqlite_database&) = delete;
  ~sqlite_database() { sqlite3_close(db_); }

  sqlite3* get() const noexcept { return db_; }

  /// Runs statements without results; throws on failure.
  void execute(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string why = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw ledger_error("ledger: " + why);
    }
  }

  [[noreturn]] void fail(std::string_view doing) const {
    throw ledger_error(std::string("ledger: ") + std::string(doing) + ": " + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
};

class sqlite_statement {
 public:
  sqlite_statement(const sqlite_database& db, std::string_view sql) : db_(&db) {
    if (sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
        SQLITE_OK) {
      db.fail("cannot prepare a statement");
    }
  }
  sqlite_statement(const sqlite_statement&) = delete;
  sqlite_statement& operator=(const sqlite_statement&) = delete;
  ~sqlite_statement() { sqlite3_finalize(stmt_); }

  /// Binds the parameters in order (1, 2, ...), replacing earlier bindings.
  template <typename... Values>
  sqlite_statement& bind(const Values&... values) {
    sqlite3_reset(stmt_);
    int at = 0;
    (bind_one(++at, values), ...);
    return *this;
  }

  /// Steps once: true while there is a row to read.
  bool next() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_->fail("cannot run a statement");
  }
  /// Runs a statement without results.
  void run() {
    while (next()) {
    }
  }

  std::string_view text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string_view();
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  void bind_one(int at, std::string_view value) {
    check(sqlite3_bind_text(stmt_, at, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
  }
  void bind_one(int at, const std::string& value) { bind_one(at, std::string_view(value)); }
  void bind_one(int at, const char* value) { bind_one(at, std::string_view(value)); }
  void bind_one(int at, std::int64_t value) { check(sqlite3_bind_int64(stmt_, at, value)); }
  void bind_one(int at, std::uint32_t value) { bind_one(at, std::int64_t{value}); }
  template <typename T>
  void bind_one(int at, const std::optional<T>& value) {
    if (value) {
      bind_one(at, *value);
    } else {
      check(sqlite3_bind_null(stmt_, at));
    }
  }
  void check(int rc) const {
    if (rc != SQLITE_OK) db_->fail("cannot bind a value");
  }

  const sqlite_database* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
