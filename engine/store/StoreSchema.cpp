#include "store/StoreSchema.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace es::schema {

namespace {

// kMigrations[v] takes a store from schema v to v + 1. Append new steps; never edit a released one.
// Conventions: every child table names its run by runs.id with ON DELETE CASCADE, and runs.uuid is
// globally unique, so stores from several machines can be merged by remapping ids through the uuid.
// Unsigned 64-bit values (seed, trace arguments) are stored as the same bits in a signed INTEGER.
const std::vector<const char*> kMigrations = {
    // 0 -> 1: runs, their time series, failure logs and optional event traces.
    R"sql(
CREATE TABLE runs (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,     -- 32 hex digits, random
    started_at       TEXT NOT NULL,            -- ISO 8601 UTC
    finished         INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
    scenario_id      TEXT NOT NULL,
    title            TEXT NOT NULL,
    scenario_path    TEXT NOT NULL,
    scenario_text    TEXT NOT NULL,            -- the scenario file as it was run
    overrides        TEXT NOT NULL DEFAULT '[]', -- JSON array of the --set texts
    seed             INTEGER NOT NULL,
    engine_version   TEXT NOT NULL,
    traced           INTEGER NOT NULL DEFAULT 0, -- the event trace was recorded (--trace)
    planned_time_s   REAL,
    -- Written with finished = 1, in the run's last transaction:
    sim_time_s       REAL,
    wall_time_s      REAL,
    events_processed INTEGER,
    interrupted      INTEGER,
    trace_digest     TEXT,                     -- 16 hex digits
    conservation_ok  INTEGER,
    summary_json     TEXT,                     -- the --json summary (docs/cli-json.md)
    summary_text     TEXT                      -- the text report, as `run` printed it
);
CREATE INDEX runs_by_start ON runs (started_at);

CREATE TABLE series (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;

CREATE TABLE samples (
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    series_idx INTEGER NOT NULL,
    row        INTEGER NOT NULL,
    t_s        REAL NOT NULL,
    value      REAL,                            -- NULL for NaN
    PRIMARY KEY (run_id, series_idx, row),
    FOREIGN KEY (run_id, series_idx) REFERENCES series (run_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE failures (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    at_s   REAL NOT NULL,
    target TEXT NOT NULL,
    what   TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE trace (
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,                 -- execution order, from 0
    t_ns      INTEGER NOT NULL,
    component TEXT NOT NULL,
    kind      INTEGER NOT NULL,
    a         INTEGER NOT NULL,
    b         INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
)sql",
    // 1 -> 2: each consumer group's final latency histogram (StoredLatency.h), so a stored run's
    // latency distribution can be drawn. Runs stored before have no rows here: their charts leave
    // the distribution out, as they did.
    R"sql(
CREATE TABLE latency_groups (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,                    -- the group's place among the world's consumers
    name   TEXT NOT NULL,
    count  INTEGER NOT NULL,                    -- latencies recorded
    mean_s REAL NOT NULL,                       -- exact mean, seconds
    min_ns INTEGER NOT NULL,
    max_ns INTEGER NOT NULL,
    PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;

CREATE TABLE latency_buckets (
    run_id    INTEGER NOT NULL,
    group_idx INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,                 -- LatencyHistogram's bucket number
    count     INTEGER NOT NULL,                 -- > 0: only non-empty buckets are written
    PRIMARY KEY (run_id, group_idx, bucket),
    FOREIGN KEY (run_id, group_idx) REFERENCES latency_groups (run_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;
)sql",
    // 2 -> 3: comparisons (`compare`, StoredComparison.h): the settings, the table as computed, and
    // which run was which variant and seed. Runs are named by uuid, not id, so a comparison still
    // names the right runs after stores are merged; a run may be missing from a store (--no-store
    // elsewhere, or deleted), which the reader reports rather than the schema forbids.
    R"sql(
CREATE TABLE comparisons (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,         -- 32 hex digits, random
    created_at    TEXT NOT NULL,                -- ISO 8601 UTC
    scenario_id   TEXT NOT NULL,
    scenario_path TEXT NOT NULL,
    settings      TEXT NOT NULL,                -- JSON: variants, sets, seeds, baseline, jobs
    table_json    TEXT NOT NULL                 -- `compare --json` (docs/cli-compare.md)
);

CREATE TABLE comparison_runs (
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,             -- the run's place in the plan: variant-major, then seed
    variant       TEXT NOT NULL,
    seed_index    INTEGER NOT NULL,
    seed          INTEGER NOT NULL,
    run_uuid      TEXT NOT NULL,                -- runs.uuid
    PRIMARY KEY (comparison_id, idx)
) WITHOUT ROWID;
)sql",
    // 3 -> 4: message journeys of runs stored with --trace (StoredJourney.h): every domain-level step
    // (model/journey/JourneyStep.h; kind is StepKind's number), looked up by correlation or event id,
    // and the names of the run's nodes and event types the steps index.
    R"sql(
CREATE TABLE journey (
    run_id         INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,            -- the order the steps happened in, from 0
    t_ns           INTEGER NOT NULL,
    event_id       INTEGER NOT NULL,
    correlation_id INTEGER NOT NULL,
    causation_id   INTEGER NOT NULL,
    type           INTEGER NOT NULL,            -- journey_names (space 'type')
    version        INTEGER NOT NULL,
    from_node      INTEGER NOT NULL,            -- journey_names (space 'node')
    to_node        INTEGER NOT NULL,
    kind           INTEGER NOT NULL,
    detail         INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE INDEX journey_by_correlation ON journey (run_id, correlation_id);
CREATE INDEX journey_by_event ON journey (run_id, event_id);

CREATE TABLE journey_names (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    space  TEXT NOT NULL CHECK (space IN ('node', 'type')),
    idx    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    broker INTEGER NOT NULL DEFAULT 0,          -- a node: 1 for a broker, 0 for a service
    PRIMARY KEY (run_id, space, idx)
) WITHOUT ROWID;
)sql",
};

[[noreturn]] void refuseNewer(const sqlite::Database& db, std::int64_t version)
{
    throw StoreError(fmt::format("store {} was written by a newer Eventscape (schema {}, this build knows up to {}); "
                                 "use a newer eventscape or another --store",
                                 db.path(), version, newestVersion()));
}

} // namespace

int newestVersion() { return static_cast<int>(kMigrations.size()); }

void checkCompatible(sqlite::Database& db)
{
    // One snapshot: another process may be creating the schema of a new store at this moment.
    sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::Read);
    const std::int64_t appId = db.queryInt("PRAGMA application_id");
    const std::int64_t version = db.queryInt("PRAGMA user_version");
    const bool otherTables = db.queryInt("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") > 0;
    if ((appId != 0 && appId != kApplicationId) || (appId == 0 && version == 0 && otherTables))
        throw StoreError(fmt::format("{} is a SQLite database of another program, not an Eventscape run store; "
                                     "choose another --store",
                                     db.path()));
    if (version > newestVersion()) refuseNewer(db, version);
    snapshot.commit();
}

void migrate(sqlite::Database& db)
{
    if (db.queryInt("PRAGMA user_version") == newestVersion()) return; // the common case: no write lock
    sqlite::Transaction tx(db);
    const std::int64_t version = db.queryInt("PRAGMA user_version");
    if (version > newestVersion()) refuseNewer(db, version);
    for (std::int64_t v = version; v < newestVersion(); ++v) db.exec(kMigrations[static_cast<std::size_t>(v)]);
    db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
    db.exec(fmt::format("PRAGMA user_version = {}", newestVersion()));
    tx.commit();
}

} // namespace es::schema
