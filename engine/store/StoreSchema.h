#pragma once
// The run store's schema: an ordered list of migrations, the schema version kept in the file's
// `user_version`, and the checks that refuse a file written by a newer Eventscape or by another
// program.
#include "store/SqliteHandle.h"

namespace es::schema {

// The newest schema version this build knows (the number of migrations).
int newestVersion();

// 'EVSC': the file's application_id, so `file` and other tools can tell what the database is.
inline constexpr int kApplicationId = 0x45565343;

// Throws a StoreError when the database cannot be used by this build: a newer schema, or a SQLite
// file of another application. Reads only.
void checkCompatible(sqlite::Database& db);

// Brings the schema up to newestVersion() in one write transaction (a no-op when it already is),
// re-checking the version under the write lock so concurrent openers migrate once.
void migrate(sqlite::Database& db);

} // namespace es::schema
