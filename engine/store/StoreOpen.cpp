#include "store/StoreOpen.h"

#include "store/StoreSchema.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;

namespace es {

namespace {

constexpr std::chrono::milliseconds kBusyTimeout{5000};

std::uint32_t be16(const unsigned char* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const unsigned char* p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

bool nonEmptyFile(const std::string& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return !ec && size > 0;
}

constexpr const char* kStoreAdvice = "it was left unchanged (choose another --store, or move the file away)";

[[noreturn]] void refuse(const std::string& path, const std::string& why, const char* advice = kStoreAdvice)
{
    throw StoreError(fmt::format("{} {}; {}", path, why, advice));
}

// Checks the 100-byte SQLite header against the file's size, reading only. An empty file is a new
// store. A database with a hot journal or WAL beside it may legitimately look short until SQLite
// recovers it, so the size check is skipped then (SQLite's own checks follow).
void checkHeader(const std::string& path, std::uintmax_t size, const char* advice = kStoreAdvice)
{
    if (size == 0) return;
    std::array<unsigned char, 100> h{};
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StoreError(path + ": cannot read the run store");
    in.read(reinterpret_cast<char*>(h.data()), static_cast<std::streamsize>(h.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    static const char kMagic[] = "SQLite format 3"; // 16 bytes with the NUL
    if (got < sizeof kMagic || std::memcmp(h.data(), kMagic, sizeof kMagic) != 0)
        refuse(path, "is not an Eventscape run store (not a SQLite 3 database)", advice);
    if (got < h.size()) refuse(path, fmt::format("is truncated ({} bytes, shorter than a SQLite header)", size), advice);
    std::uint32_t pageSize = be16(&h[16]);
    if (pageSize == 1) pageSize = 65536;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        refuse(path, "is damaged (invalid SQLite page size)", advice);
    if (nonEmptyFile(path + "-wal") || nonEmptyFile(path + "-journal")) return;
    if (size % pageSize != 0)
        refuse(path, fmt::format("is truncated or damaged ({} bytes, not a whole number of {}-byte pages)", size, pageSize), advice);
    const std::uint32_t pages = be32(&h[28]);
    const bool sizeValid = be32(&h[24]) == be32(&h[92]) && pages > 0;
    if (sizeValid && size < std::uintmax_t{pages} * pageSize)
        refuse(path, fmt::format("is truncated ({} of {} bytes)", size, std::uintmax_t{pages} * pageSize), advice);
}

// What `PRAGMA quick_check` finds wrong (empty: nothing); SQLite errors (SQLITE_NOTADB,
// SQLITE_CORRUPT, ...) throw. It reads the whole file (about 10 ms per MB), so a large store (mostly
// event traces) has only its runs table checked.
std::string quickCheck(sqlite::Database& db, std::uintmax_t size)
{
    std::string pragma = "PRAGMA quick_check(5)";
    if (size > kQuickCheckMaxBytes) {
        if (db.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'") == 0) return {};
        pragma = "PRAGMA quick_check(runs)";
    }
    sqlite::Statement st(db, pragma);
    std::string problems;
    while (st.step()) {
        const std::string line = st.textAt(0);
        if (line == "ok") continue;
        problems += (problems.empty() ? "" : "; ") + line;
    }
    return problems;
}

void useWal(sqlite::Database& db)
{
    // Switching a new database to WAL needs a moment alone with it; the mode is persistent, so this
    // is a read for every later open.
    const auto deadline = std::chrono::steady_clock::now() + kBusyTimeout;
    for (;;) {
        std::string mode;
        try {
            mode = db.queryText("PRAGMA journal_mode = WAL");
        } catch (const StoreError&) {
            if (std::chrono::steady_clock::now() > deadline) throw;
        }
        if (mode == "wal") return;
        if (std::chrono::steady_clock::now() > deadline) db.fail("cannot switch the store to WAL mode");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

} // namespace

std::unique_ptr<sqlite::Database> openStoreForReading(const std::string& path, const char* advice)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) refuse(path, "is not a file", advice);
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) throw StoreError(fmt::format("{}: cannot read it: {}; {}", path, ec.message(), advice));
    if (size == 0) refuse(path, "is empty (not a run store)", advice);
    checkHeader(path, size, advice);
    auto db = std::make_unique<sqlite::Database>(path, sqlite::Database::ReadOnly{});
    db->setBusyTimeout(static_cast<int>(kBusyTimeout.count()));
    // The whole file, indexes included: what is read from it is copied into another store.
    std::string problems;
    try {
        sqlite::Statement st(*db, "PRAGMA integrity_check(5)");
        while (st.step())
            if (const std::string line = st.textAt(0); line != "ok") problems += (problems.empty() ? "" : "; ") + line;
    } catch (const StoreError& e) {
        problems = e.what();
        if (const auto at = problems.rfind("failed: "); at != std::string::npos) problems.erase(0, at + 8);
    }
    if (!problems.empty()) refuse(path, "is damaged or not a SQLite database (" + problems + ")", advice);
    try {
        schema::checkCompatible(*db);
    } catch (const StoreError& e) {
        throw StoreError(fmt::format("{}; {}", e.what(), advice));
    }
    return db;
}

std::string defaultStorePath()
{
    const auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v ? std::string(v) : std::string();
    };
#if defined(_WIN32)
    std::string base = env("LOCALAPPDATA");
    if (base.empty()) throw StoreError("no per-user data folder (%LOCALAPPDATA% is not set); pass --store PATH");
    return (fs::path(base) / "Eventscape" / "runs.sqlite").string();
#elif defined(__APPLE__)
    const std::string home = env("HOME");
    if (home.empty()) throw StoreError("no per-user data folder ($HOME is not set); pass --store PATH");
    return (fs::path(home) / "Library" / "Application Support" / "Eventscape" / "runs.sqlite").string();
#else
    // XDG Base Directory: a relative $XDG_DATA_HOME is invalid and must be ignored.
    fs::path base = env("XDG_DATA_HOME");
    if (base.empty() || base.is_relative()) {
        const std::string home = env("HOME");
        if (home.empty())
            throw StoreError("no per-user data folder ($XDG_DATA_HOME and $HOME are not set); pass --store PATH");
        base = fs::path(home) / ".local" / "share";
    }
    return (base / "eventscape" / "runs.sqlite").string();
#endif
}

std::unique_ptr<sqlite::Database> openStoreDatabase(const std::string& path)
{
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    std::uintmax_t size = 0;
    if (exists) {
        if (fs::is_directory(path, ec)) throw StoreError(path + " is a folder, not a run store file");
        size = fs::file_size(path, ec);
        if (ec) throw StoreError(path + ": cannot read the run store: " + ec.message());
        checkHeader(path, size);
    } else {
        const fs::path parent = fs::path(path).parent_path();
        if (!parent.empty()) {
            fs::create_directories(parent, ec);
            if (ec) throw StoreError(fmt::format("{}: cannot create the folder {}: {}", path, parent.string(), ec.message()));
        }
    }

    // A WAL left with frames in it (by a crash, or a process using the store now) is replayed into the
    // file when the last connection closes; until the checks pass that must not happen. Without one,
    // closing finds nothing to copy and removes the -wal and -shm files SQLite made while checking.
    const bool hotWal = exists && nonEmptyFile(path + "-wal");
    auto db = std::make_unique<sqlite::Database>(path, !exists);
    if (hotWal) db->setCheckpointOnClose(false);
    db->setBusyTimeout(static_cast<int>(kBusyTimeout.count()));
    std::string problems;
    try {
        problems = quickCheck(*db, size);
    } catch (const StoreError& e) {
        const int code = db->lastErrorCode();
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR || code == SQLITE_NOMEM) throw;
        // SQLite's own verdict (SQLITE_NOTADB, SQLITE_CORRUPT, ...) comes as "PATH: what: message".
        problems = e.what();
        if (const auto at = problems.rfind("failed: "); at != std::string::npos) problems.erase(0, at + 8);
    }
    if (!problems.empty()) refuse(path, "is damaged or not a SQLite database (" + problems + ")");
    schema::checkCompatible(*db);
    db->setCheckpointOnClose(true);
    db->exec("PRAGMA foreign_keys = ON");
    useWal(*db);
    schema::migrate(*db);
    return db;
}

} // namespace es
