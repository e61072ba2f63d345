#pragma once
// A service's write model: entities by key (the event key's position in its key space, so producers
// with the same `keys:` address the same entities; keyless events share one entity), each a value
// changed by committed writes. A write is identified by the id the next event created will get: the
// follow-ups the handling emits right after it carry ids from there on, and every later write of any
// entity has a larger id, so a read model that applies an event of this service with id E on key K
// reflects exactly K's writes with ids <= E. Writes stay pending per entity until every read model
// of this store reflects them (only when there are read models), for the consistency window.
#include "kernel/SimTime.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace es {

class ReadModel;

class EntityStore {
public:
    struct Write {
        std::uint64_t id = 0;
        SimTime committed = 0;
        std::int64_t value = 0; // the entity's value after this write
    };
    struct Entity {
        std::int64_t value = 0;
        std::uint64_t lastWrite = 0; // id of its latest write (0: never written)
        std::vector<Write> pending;  // writes not yet reflected by every read model, in id order
        std::vector<SimTime> owed;   // when each oversold unit still below zero was sold, oldest first
        bool listed = false;         // in owing_ (each key once, so the list stays within the entities)
    };
    // What a reconciliation did: orders cancelled and refunded, and how long each had been oversold.
    struct Repairs {
        std::uint64_t count = 0;
        std::vector<SimTime> delays;
    };

    explicit EntityStore(std::int64_t initial) : initial_(initial) {}

    std::int64_t initial() const { return initial_; }
    // Commits a write that adds `delta` to the entity of `key`; returns the value after it. A
    // negative write that leaves the value below zero sold what was not there: an oversell.
    std::int64_t write(std::uint64_t key, std::int64_t delta, std::uint64_t id, SimTime now);
    std::int64_t value(std::uint64_t key) const;
    std::uint64_t lastWrite(std::uint64_t key) const;
    const Entity* find(std::uint64_t key) const;
    // Reconciliation: every oversold unit still owed is cancelled and refunded (the entity goes back
    // up by as many). A correction of the write model only: read models see it with the entity's next
    // event, as a real one would after its next change.
    Repairs repairOversold(SimTime now);
    // Drops the entity's writes every read model reflects (ids <= `upTo`).
    void trim(std::uint64_t key, std::uint64_t upTo);

    void addReadModel(ReadModel* model) { readModels_.push_back(model); }
    const std::vector<ReadModel*>& readModels() const { return readModels_; }

    std::uint64_t writes() const { return writes_; }
    std::uint64_t oversold() const { return oversold_; }
    std::uint64_t filledLate() const { return filledLate_; } // oversold units later covered by new stock
    std::uint64_t repaired() const { return repaired_; }     // cancelled by reconciliation
    std::uint64_t owed() const { return owedTotal_; }        // oversold units still below zero
    std::size_t entities() const { return entities_.size(); }
    // Sums for conservation: the values are the initial values plus every write's delta.
    long double valueSum() const;
    long double deltaSum() const { return deltaSum_; }
    std::uint64_t pendingWrites() const; // held for read models (memory), for tests
    template <typename F> void forEach(F&& f) const { for (const auto& [k, e] : entities_) f(k, e); }

private:
    std::int64_t initial_;
    std::unordered_map<std::uint64_t, Entity> entities_;
    std::vector<ReadModel*> readModels_;
    std::uint64_t writes_ = 0, oversold_ = 0, filledLate_ = 0, repaired_ = 0, owedTotal_ = 0;
    std::vector<std::uint64_t> owing_; // keys that have owed units since the last repair (filled late ones skipped then)
    long double deltaSum_ = 0;
};

} // namespace es
