#include "store/SqliteHandle.h"

#include <sqlite3.h>

#include <limits>

namespace es::sqlite {

namespace {

sqlite3* openWith(const std::string& path, int flags)
{
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        throw StoreError(path + ": cannot open the run store: " + msg);
    }
    sqlite3_extended_result_codes(db, 1);
    return db;
}

} // namespace

Database::Database(const std::string& path, ReadOnly) : db_(openWith(path, SQLITE_OPEN_READONLY)), path_(path) {}

Database::Database(const std::string& path, bool create) : path_(path)
{
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw StoreError(path + ": cannot open the run store: " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Database::~Database()
{
    if (db_) sqlite3_close_v2(db_);
}

void Database::fail(std::string_view what) const
{
    throw StoreError(path_ + ": " + std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : "no connection"));
}

void Database::exec(std::string_view sql)
{
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        throw StoreError(path_ + ": " + msg);
    }
}

std::int64_t Database::queryInt(std::string_view sql)
{
    Statement st(*this, sql);
    return st.step() ? st.int64At(0) : 0;
}

std::string Database::queryText(std::string_view sql)
{
    Statement st(*this, sql);
    return st.step() ? st.textAt(0) : std::string();
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Database::lastErrorCode() const { return sqlite3_errcode(db_) & 0xff; }

std::int64_t Database::changes() const { return sqlite3_changes(db_); }

void Database::setCheckpointOnClose(bool on)
{
    sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on ? 0 : 1, nullptr);
}

void Database::setBusyTimeout(int milliseconds)
{
    if (sqlite3_busy_timeout(db_, milliseconds) != SQLITE_OK) fail("cannot set the busy timeout");
}

Statement::Statement(Database& db, std::string_view sql) : db_(db)
{
    if (sqlite3_prepare_v3(db.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr) != SQLITE_OK)
        db.fail("cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t v)
{
    if (sqlite3_bind_int64(stmt_, index, v) != SQLITE_OK) db_.fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::uint64_t v) { return bind(index, static_cast<std::int64_t>(v)); }

Statement& Statement::bind(int index, double v)
{
    if (sqlite3_bind_double(stmt_, index, v) != SQLITE_OK) db_.fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view v)
{
    if (sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
        db_.fail("bind");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_.fail("bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
    sqlite3_reset(stmt_);
    db_.fail("'" + sql.substr(0, 60) + "' failed");
}

void Statement::run()
{
    step();
    reset();
}

void Statement::reset()
{
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::int64_t Statement::int64At(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::doubleAt(int col) const
{
    if (isNull(col)) return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(stmt_, col);
}

std::string Statement::textAt(int col) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

Transaction::Transaction(Database& db, Kind kind) : db_(db)
{
    db_.exec(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction()
{
    if (open_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    db_.exec("COMMIT");
    open_ = false;
}

} // namespace es::sqlite
