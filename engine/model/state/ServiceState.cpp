#include "model/state/ServiceState.h"

#include "model/World.h"
#include "model/services/ConsumerService.h"

namespace es {

ServiceState::ServiceState(World& world, const ServiceSpec& spec) : spec_(spec), reads_(spec.reads)
{
    for (const std::string& type : spec.reads.forTypes) {
        const std::uint16_t t = world.internType(type);
        if (decidesByType_.size() <= t) decidesByType_.resize(t + std::size_t{1}, false);
        decidesByType_[t] = true;
    }
    if (spec.state.enabled) {
        store_ = std::make_unique<EntityStore>(spec.state.initial);
        dbCommit_ = spec.state.dbCommit;
        for (const auto& [type, add] : spec.state.writes) {
            const std::uint16_t t = world.internType(type);
            if (writeByType_.size() <= t) writeByType_.resize(t + std::size_t{1});
            writeByType_[t] = add;
        }
    }
}

void ServiceState::wireProjection(const World& world)
{
    if (!spec_.projects.empty()) {
        ConsumerService* owner = world.consumer(spec_.projects);
        if (owner && owner->state() && owner->state()->store()) {
            model_ = std::make_unique<ReadModel>(*owner->state()->store(), world.serviceIndex(spec_.projects));
            owner->state()->store()->addReadModel(model_.get());
        }
    }
}

void ServiceState::wireReads(const World& world)
{
    if (!reads_.enabled) return;
    const ConsumerService* from = world.consumer(reads_.from);
    if (!from || !from->state()) return;
    if (from->state()->readModel()) readFromModel_ = from->state()->readModel();
    else readFromStore_ = from->state()->store();
}

const Distribution* ServiceState::commitFor(const Envelope& env) const
{
    if (!store_ || env.type >= writeByType_.size() || !writeByType_[env.type]) return nullptr;
    return &dbCommit_;
}

bool ServiceState::apply(const Envelope& env, SimTime now, std::uint64_t nextId)
{
    const std::uint64_t key = entityKeyOf(env.key);
    bool go = true;
    const bool decides = decidesByType_.empty() || (env.type < decidesByType_.size() && decidesByType_[env.type]);
    if (decides && reads_.enabled && (readFromModel_ || readFromStore_)) {
        const EntityStore& truth = readFromModel_ ? readFromModel_->source() : *readFromStore_;
        const std::int64_t seen = readFromModel_ ? readFromModel_->value(key) : readFromStore_->value(key);
        const std::int64_t real = truth.value(key);
        ++decisions_.reads;
        go = seen >= reads_.need;
        if (go) {
            ++decisions_.accepted;
            if (real < reads_.need) ++decisions_.acceptedWithout;
        } else {
            ++decisions_.refused;
            if (real >= reads_.need) ++decisions_.refusedWith;
        }
        if (readFromModel_ && &truth == store_.get()) {
            ++decisions_.ownReads;
            if (readFromModel_->appliedUpTo(key) < truth.lastWrite(key)) ++decisions_.ownMisses;
        }
    }
    if (go && store_ && env.type < writeByType_.size() && writeByType_[env.type])
        store_->write(key, *writeByType_[env.type], nextId, now);
    if (model_) model_->apply(env, now);
    return go;
}

} // namespace es
