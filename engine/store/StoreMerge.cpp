#include "store/StoreMerge.h"

#include "store/StoreOpen.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>

namespace es {

namespace {

using sqlite::Database;
using sqlite::Statement;

std::string quoted(const std::string& identifier)
{
    std::string out = "\"";
    for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

struct TableColumns {
    std::vector<std::string> names;
    std::optional<std::string> rowidAlias; // a lone INTEGER PRIMARY KEY: the target gives it anew
    bool has(const std::string& c) const { return std::find(names.begin(), names.end(), c) != names.end(); }
};

// The tables of schema `db` ("main" or "shard"), with their columns, sqlite's own left out.
std::map<std::string, TableColumns> tablesOf(Database& conn, const std::string& db)
{
    std::map<std::string, TableColumns> out;
    {
        Statement st(conn, fmt::format("SELECT name FROM {}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", db));
        while (st.step()) out[st.textAt(0)];
    }
    for (auto& [table, cols] : out) {
        Statement info(conn, fmt::format("PRAGMA {}.table_info({})", db, quoted(table)));
        int pkColumns = 0;
        std::string pkName, pkType;
        while (info.step()) {
            cols.names.push_back(info.textAt(1));
            if (info.int64At(5) > 0) {
                ++pkColumns;
                pkName = info.textAt(1);
                pkType = info.textAt(2);
            }
        }
        std::transform(pkType.begin(), pkType.end(), pkType.begin(), [](unsigned char c) { return std::toupper(c); });
        // A WITHOUT ROWID table's INTEGER PRIMARY KEY is not a rowid alias, but giving it anew would
        // still be wrong there: only the rowid tables' own ids are renumbered.
        Statement sql(conn, fmt::format("SELECT sql FROM {}.sqlite_master WHERE type = 'table' AND name = ?", db));
        sql.bind(1, table);
        std::string text = sql.step() ? sql.textAt(0) : std::string();
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
        const bool withoutRowid = text.find("WITHOUT ROWID") != std::string::npos;
        if (pkColumns == 1 && pkType == "INTEGER" && !withoutRowid) cols.rowidAlias = pkName;
    }
    return out;
}

// ATTACH cannot run inside a transaction, so the shard is attached before it and detached after it.
class AttachedShard {
public:
    AttachedShard(Database& db, const std::string& path) : db_(db)
    {
        Statement st(db_, "ATTACH DATABASE ? AS shard");
        st.bind(1, path);
        st.run();
    }
    ~AttachedShard()
    {
        try {
            db_.exec("DETACH DATABASE shard");
        } catch (const StoreError&) { // nothing more can be done about a failed detach while unwinding
        }
    }
    AttachedShard(const AttachedShard&) = delete;
    AttachedShard& operator=(const AttachedShard&) = delete;

private:
    Database& db_;
};

// Copies the rows of shard.TABLE whose `key` (run_id or comparison_id) is in temp.MAP's old_id,
// with the key remapped to new_id and the table's own rowid alias left for the target to give.
std::size_t copyScoped(Database& db, const std::string& table, const TableColumns& shardCols,
                       const TableColumns& targetCols, const std::string& key, const std::string& map)
{
    std::vector<std::string> into, from;
    for (const std::string& c : shardCols.names) {
        if (!targetCols.has(c) || (targetCols.rowidAlias && *targetCols.rowidAlias == c && c != key)) continue;
        into.push_back(quoted(c));
        from.push_back(c == key ? std::string("m.new_id") : "s." + quoted(c));
    }
    db.exec(fmt::format("INSERT INTO main.{0} ({1}) SELECT {2} FROM shard.{0} AS s JOIN temp.{3} AS m ON s.{4} = m.old_id",
                        quoted(table), fmt::join(into, ", "), fmt::join(from, ", "), map, quoted(key)));
    return static_cast<std::size_t>(db.changes());
}

// The columns of `table` both stores have, without its id: the INSERT ... SELECT list for one row.
std::string sharedColumns(const TableColumns& shardCols, const TableColumns& targetCols, const std::string& id)
{
    std::vector<std::string> cols;
    for (const std::string& c : shardCols.names)
        if (c != id && targetCols.has(c)) cols.push_back(quoted(c));
    return fmt::format("{}", fmt::join(cols, ", "));
}

// Inserts shard rows of `table` (runs or comparisons) the target lacks, by uuid, filling temp.MAP.
// `replaceUnfinished`: a run unfinished in the target and finished in the shard is replaced.
void copyByUuid(Database& db, const std::string& table, const std::map<std::string, TableColumns>& shardTables,
                const std::map<std::string, TableColumns>& targetTables, const std::string& map,
                const std::vector<std::string>& scopedTables, const std::string& key, bool replaceUnfinished,
                std::size_t& added, std::size_t& skipped, std::size_t* replaced)
{
    const std::string cols = sharedColumns(shardTables.at(table), targetTables.at(table), "id");
    db.exec(fmt::format("CREATE TEMP TABLE IF NOT EXISTS {} (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL)", map));
    db.exec(fmt::format("DELETE FROM temp.{}", map));
    const bool finishedColumn = replaceUnfinished && shardTables.at(table).has("finished");
    Statement rows(db, fmt::format("SELECT id, uuid{} FROM shard.{} ORDER BY id", finishedColumn ? ", finished" : "",
                                   quoted(table)));
    Statement existing(db, fmt::format("SELECT id{} FROM main.{} WHERE uuid = ?", finishedColumn ? ", finished" : "",
                                       quoted(table)));
    Statement insert(db, fmt::format("INSERT INTO main.{0} ({1}) SELECT {1} FROM shard.{0} WHERE id = ?", quoted(table), cols));
    Statement remember(db, fmt::format("INSERT INTO temp.{} (old_id, new_id) VALUES (?, ?)", map));
    while (rows.step()) {
        const std::int64_t oldId = rows.int64At(0);
        existing.bind(1, rows.textAt(1));
        const bool there = existing.step();
        const std::int64_t targetId = there ? existing.int64At(0) : 0;
        const bool supersedes = there && finishedColumn && existing.int64At(1) == 0 && rows.int64At(2) == 1;
        existing.reset();
        if (there && !supersedes) {
            ++skipped;
            continue;
        }
        if (supersedes) { // a job killed and run again: the finished run takes the incomplete one's place
            for (const std::string& t : scopedTables)
                if (targetTables.count(t) && targetTables.at(t).has(key))
                    db.exec(fmt::format("DELETE FROM main.{} WHERE {} = {}", quoted(t), quoted(key), targetId));
            db.exec(fmt::format("DELETE FROM main.{} WHERE id = {}", quoted(table), targetId));
            ++*replaced;
        } else {
            ++added;
        }
        insert.bind(1, oldId);
        insert.run();
        remember.bind(1, oldId).bind(2, db.lastInsertId());
        remember.run();
    }
}

} // namespace

ShardMergeResult mergeShard(Database& target, const std::string& shardPath)
{
    ShardMergeResult result;
    result.shard = shardPath;
    std::error_code ec;
    if (std::filesystem::equivalent(shardPath, target.path(), ec))
        throw StoreError(fmt::format("{} is the target store itself; {}", shardPath, kShardRefusedAdvice));
    openStoreForReading(shardPath, kShardRefusedAdvice); // checked, then closed: the copy goes through ATTACH

    AttachedShard attached(target, shardPath);
    const auto shardTables = tablesOf(target, "shard");
    const auto targetTables = tablesOf(target, "main");
    if (!shardTables.count("runs"))
        throw StoreError(fmt::format("{} has no runs table (not an Eventscape run store); {}", shardPath, kShardRefusedAdvice));

    std::vector<std::string> runScoped, comparisonScoped;
    for (const auto& [table, cols] : shardTables) {
        if (table == "runs" || table == "comparisons") continue;
        if (cols.has("run_id")) runScoped.push_back(table);
        else if (cols.has("comparison_id")) comparisonScoped.push_back(table);
        else result.tablesNotCopied.push_back(table);
    }
    auto inTarget = [&](std::vector<std::string>& tables) {
        std::erase_if(tables, [&](const std::string& t) {
            if (targetTables.count(t)) return false;
            result.tablesNotCopied.push_back(t);
            return true;
        });
    };
    inTarget(runScoped);
    inTarget(comparisonScoped);

    sqlite::Transaction tx(target);
    // Children may be copied before their parents (samples before series): checked at commit.
    target.exec("PRAGMA defer_foreign_keys = ON");
    copyByUuid(target, "runs", shardTables, targetTables, "merge_runs", runScoped, "run_id", true, result.runsAdded,
               result.runsSkipped, &result.runsReplaced);
    for (const std::string& t : runScoped)
        result.rowsCopied += copyScoped(target, t, shardTables.at(t), targetTables.at(t), "run_id", "merge_runs");
    if (shardTables.count("comparisons") && targetTables.count("comparisons")) {
        copyByUuid(target, "comparisons", shardTables, targetTables, "merge_comparisons", comparisonScoped,
                   "comparison_id", false, result.comparisonsAdded, result.comparisonsSkipped, nullptr);
        for (const std::string& t : comparisonScoped)
            result.rowsCopied +=
                copyScoped(target, t, shardTables.at(t), targetTables.at(t), "comparison_id", "merge_comparisons");
    }
    tx.commit();
    return result;
}

} // namespace es
