#pragma once
// Small RAII wrappers over the SQLite C API, for the run store: a connection (Database), a prepared
// statement (Statement) and a write transaction (Transaction). Every failure throws a StoreError
// whose message names the store file and carries SQLite's own message.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace es {

// Any failure of the run store: the message is complete and names the store file.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace es

namespace es::sqlite {

class Database {
public:
    // Opens `path` read-write; with `create` false a missing file is an error (nothing is created).
    Database(const std::string& path, bool create);
    // Opens an existing file that is only read (a shard being merged): nothing can be written to it.
    struct ReadOnly {};
    Database(const std::string& path, ReadOnly);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* get() const { return db_; }
    const std::string& path() const { return path_; }

    // Runs one or more statements that return no rows of interest.
    void exec(std::string_view sql);
    // The first column of the first row of `sql`, as an integer (0 when there is no row).
    std::int64_t queryInt(std::string_view sql);
    std::string queryText(std::string_view sql);
    std::int64_t lastInsertId() const;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;
    // While on, closing the last connection does not checkpoint the WAL into the database file
    // (used until a file has passed its checks, so a rejected file is never written).
    void setCheckpointOnClose(bool on);
    // How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    void setBusyTimeout(int milliseconds);

    // The primary result code of the last failed call (SQLITE_BUSY, SQLITE_CORRUPT, ...).
    int lastErrorCode() const;

    // Throws a StoreError "PATH: WHAT: sqlite message".
    [[noreturn]] void fail(std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, std::uint64_t v); // stored as the same 64 bits, signed
    Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v ? 1 : 0)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view v);
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
    Statement& bindNull(int index);

    // Advances: true when a row is available, false when done.
    bool step();
    // Steps once and expects no row (INSERT, UPDATE, ...), then resets for the next use.
    void run();
    void reset();

    // Columns are 0-based.
    bool isNull(int col) const;
    std::int64_t int64At(int col) const;
    std::uint64_t uint64At(int col) const { return static_cast<std::uint64_t>(int64At(col)); }
    double doubleAt(int col) const; // NULL reads as NaN (SQLite stores NaN as NULL)
    std::string textAt(int col) const;

private:
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT: takes the write lock up front (waiting up to the busy timeout), so two
// writers queue instead of failing on a lock upgrade. Rolls back unless committed.
// Kind::Read (BEGIN DEFERRED) is for several reads that must see one snapshot.
class Transaction {
public:
    enum class Kind { Write, Read };
    explicit Transaction(Database& db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool open_ = true;
};

} // namespace es::sqlite
