#pragma once
// Finding and opening the run store file safely. A file that is not a SQLite database, is truncated
// or damaged, or comes from a newer Eventscape is refused with a message naming it, and is left
// byte-for-byte as it was: its header is checked before SQLite opens it, the SQLite checks are
// reads, and nothing is written (no WAL checkpoint, no migration) until they pass.
#include "store/SqliteHandle.h"

#include <cstdint>
#include <memory>
#include <string>

namespace es {

// The per-user default: $XDG_DATA_HOME/eventscape/runs.sqlite, else ~/.local/share/eventscape/
// runs.sqlite (on macOS ~/Library/Application Support/Eventscape, on Windows %LOCALAPPDATA%\Eventscape).
// Throws a StoreError when no such folder can be found.
std::string defaultStorePath();

// Opens (creating it and its folder when missing) and migrates the store at `path`: WAL journal,
// a 5 s busy timeout, foreign keys on. Throws a StoreError on any problem.
std::unique_ptr<sqlite::Database> openStoreDatabase(const std::string& path);

// Opens an existing store only to read it (a shard to merge): the same header checks, then a full
// `PRAGMA integrity_check`, then the schema checks (a newer schema or another program's database is
// refused), on a read-only connection: nothing is created, migrated or written. Throws a StoreError
// naming the file, ending with `advice` (what the caller does about it).
std::unique_ptr<sqlite::Database> openStoreForReading(const std::string& path, const char* advice);

// Stores up to this size get a full `PRAGMA quick_check` on open (at most about 0.1 s); larger ones
// (mostly event traces) get the header check and a quick_check of the runs table, so opening stays fast.
inline constexpr std::uintmax_t kQuickCheckMaxBytes = 8u << 20;

} // namespace es
