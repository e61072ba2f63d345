#include "store/StoredComparison.h"

#include "store/RunStore.h"

namespace es {

void writeComparison(sqlite::Database& db, ComparisonRecord& c)
{
    if (c.uuid.empty()) c.uuid = RunStore::newUuid();
    if (c.createdAt.empty()) c.createdAt = RunStore::utcNow();
    sqlite::Transaction tx(db);
    sqlite::Statement st(db, "INSERT INTO comparisons (uuid, created_at, scenario_id, scenario_path, settings, table_json) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, c.uuid).bind(2, c.createdAt).bind(3, c.scenarioId).bind(4, c.scenarioPath).bind(5, c.settingsJson);
    st.bind(6, c.tableJson);
    st.run();
    c.id = db.lastInsertId();
    sqlite::Statement run(db, "INSERT INTO comparison_runs (comparison_id, idx, variant, seed_index, seed, run_uuid) "
                              "VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        const ComparisonRun& r = c.runs[i];
        run.bind(1, c.id).bind(2, static_cast<std::int64_t>(i)).bind(3, r.variant).bind(4, r.seedIndex);
        run.bind(5, r.seed).bind(6, r.runUuid);
        run.run();
    }
    tx.commit();
}

std::vector<ComparisonRecord> readComparisons(sqlite::Database& db)
{
    std::vector<ComparisonRecord> out;
    sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::Read);
    sqlite::Statement st(db, "SELECT id, uuid, created_at, scenario_id, scenario_path, settings, table_json "
                             "FROM comparisons ORDER BY id");
    while (st.step())
        out.push_back(ComparisonRecord{st.int64At(0), st.textAt(1), st.textAt(2), st.textAt(3), st.textAt(4),
                                       st.textAt(5), st.textAt(6), {}});
    sqlite::Statement runs(db, "SELECT variant, seed_index, seed, run_uuid FROM comparison_runs "
                               "WHERE comparison_id = ? ORDER BY idx");
    for (ComparisonRecord& c : out) {
        runs.bind(1, c.id);
        while (runs.step())
            c.runs.push_back(ComparisonRun{runs.textAt(0), static_cast<int>(runs.int64At(1)), runs.uint64At(2),
                                           runs.textAt(3)});
        runs.reset();
    }
    snapshot.commit();
    return out;
}

} // namespace es
