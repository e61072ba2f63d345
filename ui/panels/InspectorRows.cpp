#include "panels/InspectorRows.h"
#include "graph/PartitionSummary.h"

#include "scenario/Units.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace esui {

namespace {

QString str(const std::string& s) { return QString::fromStdString(s); }
QString duration(es::SimTime t)
{
    if (t == es::kNever) return QStringLiteral("never");
    // Whole days and hours as the scenario format writes them (7d, 24h), not 604800s.
    constexpr es::SimTime hour = 3600 * es::kSecond, day = 24 * hour;
    if (t > 0 && t % day == 0) return QStringLiteral("%1d").arg(t / day);
    if (t > 0 && t % hour == 0) return QStringLiteral("%1h").arg(t / hour);
    return str(es::units::formatDuration(t));
}
QString seconds(es::SimTime t) { return QStringLiteral("%1 s").arg(es::toSeconds(t), 0, 'f', 3); }
QString percent(double share) { return QStringLiteral("%1%").arg(share * 100, 0, 'g', 3); }
QString number(std::uint64_t n) { return QLocale().toString(static_cast<qulonglong>(n)); }
QString delivery(es::DeliveryMode d) { return d == es::DeliveryMode::AtMostOnce ? QStringLiteral("at-most-once") : QStringLiteral("at-least-once"); }

QString attributes(const std::map<std::string, std::vector<std::string>>& attrs)
{
    QStringList parts;
    for (const auto& [name, values] : attrs) {
        QStringList v;
        for (const std::string& x : values) v << str(x);
        parts << QStringLiteral("%1 ∈ {%2}").arg(str(name), v.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

QString failureText(const es::FailureSpec& f)
{
    static const char* const names[] = {"crash", "slowdown", "errors", "replay", "outage", "partition", "drop",
                                        "duplicate", "delay", "poison", "crash before ack", "crash after commit", "poison next"};
    QString what = QString::fromLatin1(names[static_cast<int>(f.kind)]);
    switch (f.kind) {
    case es::FailureKind::Slowdown:
        if (f.factor != 1) what += QStringLiteral(" ×%1").arg(f.factor, 0, 'g', 3);
        if (f.extra > 0) what += QStringLiteral(" +%1").arg(duration(f.extra));
        break;
    case es::FailureKind::Partition: what += QStringLiteral(" from %1").arg(str(f.peer)); break;
    case es::FailureKind::ErrorRate:
    case es::FailureKind::Drop:
    case es::FailureKind::Duplicate:
    case es::FailureKind::Delay:
    case es::FailureKind::Poison:
    case es::FailureKind::CrashBeforeAck:
    case es::FailureKind::CrashAfterCommit: what += QStringLiteral(" %1").arg(percent(f.share)); break;
    case es::FailureKind::PoisonNext: what += f.count == 1 ? QStringLiteral(" event") : QStringLiteral(" %1 events").arg(f.count); break;
    default: break;
    }
    if (f.instance >= 0) what += QStringLiteral(" (instance %1)").arg(f.instance);
    what += QStringLiteral(" at %1").arg(duration(f.at));
    if (!es::isInstantFailure(f.kind)) what += f.duration == es::kNever ? QStringLiteral(" to the end") : QStringLiteral(" for %1").arg(duration(f.duration));
    return what;
}

void producerRows(const es::ProducerSpec& p, InspectorRows& rows)
{
    rows.push_back({QStringLiteral("Produces"), QStringLiteral("%1 v%2 → %3").arg(str(p.type)).arg(p.version).arg(str(p.to))});
    QString rate = QStringLiteral("%1, %2/s").arg(p.process == es::ProducerSpec::Process::Poisson ? QStringLiteral("Poisson") : QStringLiteral("constant")).arg(p.rate, 0, 'g', 4);
    if (!p.rateChanges.empty()) rate += QStringLiteral(", %1 rate changes").arg(p.rateChanges.size());
    if (!p.bursts.empty()) rate += QStringLiteral(", %1 bursts").arg(p.bursts.size());
    rows.push_back({QStringLiteral("Arrivals"), rate});
    if (p.start > 0 || p.stop != es::kNever)
        rows.push_back({QStringLiteral("Active"), QStringLiteral("%1 to %2").arg(duration(p.start), p.stop == es::kNever ? QStringLiteral("the end") : duration(p.stop))});
    if (p.limit) rows.push_back({QStringLiteral("Limit"), QStringLiteral("%1 events").arg(number(p.limit))});
    rows.push_back({QStringLiteral("Keys"), p.keys.size() ? QStringLiteral("%1%2").arg(number(p.keys.size()), p.hotKeyShare > 0 ? QStringLiteral(", hot key %1").arg(percent(p.hotKeyShare)) : QString())
                                                  : QStringLiteral("none")});
    const char* mode = p.publish == es::ProducerSpec::Publish::Outbox ? "outbox" : p.publish == es::ProducerSpec::Publish::DualWrite ? "dual write" : "direct";
    QString publish = QString::fromLatin1(mode);
    if (p.publish == es::ProducerSpec::Publish::Outbox) publish += QStringLiteral(", relay every %1").arg(duration(p.relayInterval));
    if (p.publish != es::ProducerSpec::Publish::Direct) publish += QStringLiteral(", commit %1").arg(str(p.dbCommit.describe()));
    rows.push_back({QStringLiteral("Publish"), publish});
    rows.push_back({QStringLiteral("Publish timeout"), duration(p.publishTimeout)});
    if (!p.attributes.empty()) rows.push_back({QStringLiteral("Attributes"), attributes(p.attributes)});
}

void consumerRows(const es::Scenario& sc, const es::ConsumerSpec& c, InspectorRows& rows)
{
    const es::BrokerSpec* from = sc.findBroker(c.from);
    rows.push_back({QStringLiteral("Consumes"), QStringLiteral("%1 (group %2)").arg(str(c.from), str(c.group))});
    rows.push_back({QStringLiteral("Instances"), QString::number(c.instances)});
    rows.push_back({QStringLiteral("Concurrency"), QStringLiteral("%1 per instance").arg(c.concurrency)});
    rows.push_back({QStringLiteral("Service time"), str(c.serviceTime.describe())});
    if (c.errorRate > 0) rows.push_back({QStringLiteral("Errors"), percent(c.errorRate)});
    rows.push_back({QStringLiteral("Delivery"), c.delivery ? delivery(*c.delivery)
                                                           : QStringLiteral("%1 (the broker's)").arg(delivery(from ? from->delivery : es::DeliveryMode::AtLeastOnce))});
    const es::RetrySpec& r = c.retry;
    rows.push_back({QStringLiteral("Retries"), r.maxRetries == 0 ? QStringLiteral("none")
                                               : QStringLiteral("%1, backoff %2 ×%3 up to %4%5").arg(r.maxRetries).arg(duration(r.backoffBase)).arg(r.backoffMultiplier, 0, 'g', 3).arg(duration(r.backoffMax), r.jitter ? QStringLiteral(", jitter") : QString())});
    rows.push_back({QStringLiteral("Idempotent"), c.idempotent ? QStringLiteral("yes (remembers %1)").arg(duration(c.idempotencyTtl)) : QStringLiteral("no")});
    if (from && from->kind == es::BrokerKind::Log)
        rows.push_back({QStringLiteral("Commit"), c.commit == es::ConsumerSpec::Commit::EachMessage ? QStringLiteral("each message") : QStringLiteral("every %1").arg(duration(c.commitInterval))});
    QStringList emits;
    for (const es::EmitSpec& e : c.emits) emits << QStringLiteral("%1 v%2 → %3").arg(str(e.type)).arg(e.version).arg(str(e.to));
    rows.push_back({QStringLiteral("Emits"), emits.isEmpty() ? QStringLiteral("nothing") : emits.join(QStringLiteral("\n"))});
}

void brokerRows(const es::Scenario& sc, const es::BrokerSpec& b, InspectorRows& rows)
{
    rows.push_back({QStringLiteral("Delivery"), delivery(b.delivery)});
    QStringList subs, readers;
    for (const std::string& t : b.subscribe) subs << str(t);
    if (!subs.isEmpty()) rows.push_back({QStringLiteral("Subscribes to"), subs.join(QStringLiteral(", "))});
    for (const es::ServiceSpec& v : sc.services)
        if (v.consumer && v.consumer->from == b.name) readers << str(v.name);
    for (const es::BrokerSpec& o : sc.brokers)
        for (const std::string& t : o.subscribe)
            if (t == b.name) readers << str(o.name);
    switch (b.kind) {
    case es::BrokerKind::Queue:
        rows.push_back({QStringLiteral("Visibility timeout"), duration(b.visibilityTimeout)});
        rows.push_back({QStringLiteral("Dead-letter queue"), b.maxReceives ? QStringLiteral("after %1 receives").arg(b.maxReceives) : QStringLiteral("none")});
        break;
    case es::BrokerKind::Log:
        rows.push_back({QStringLiteral("Partitions"), QString::number(b.partitions)});
        rows.push_back({QStringLiteral("Retention"), duration(b.retention)});
        rows.push_back({QStringLiteral("Assignor"), b.assignor == es::BrokerSpec::Assignor::Range ? QStringLiteral("range") : QStringLiteral("cooperative-sticky")});
        rows.push_back({QStringLiteral("Session timeout"), duration(b.sessionTimeout)});
        rows.push_back({QStringLiteral("Rebalance"), duration(b.rebalanceTime)});
        break;
    case es::BrokerKind::Bus: {
        QStringList rules;
        for (const es::BusRule& rule : b.rules) {
            QStringList types, targets;
            for (const std::string& t : rule.types) types << str(t);
            for (const std::string& t : rule.targets) targets << str(t);
            QString match = types.isEmpty() ? QStringLiteral("any type") : types.join(QStringLiteral("|"));
            if (!rule.attributes.empty()) match += QStringLiteral(" where ") + attributes(rule.attributes);
            rules << QStringLiteral("%1%2 → %3").arg(rule.name.empty() ? QString() : str(rule.name) + QStringLiteral(": "), match, targets.join(QStringLiteral(", ")));
        }
        rows.push_back({QStringLiteral("Rules"), rules.join(QStringLiteral("\n"))});
        break;
    }
    case es::BrokerKind::Topic: break;
    }
    rows.push_back({b.kind == es::BrokerKind::Queue || b.kind == es::BrokerKind::Log ? QStringLiteral("Consumed by") : QStringLiteral("Subscribers"),
                    readers.isEmpty() ? QStringLiteral("nobody") : readers.join(QStringLiteral(", "))});
}

} // namespace

InspectorRows configRows(const es::Scenario& sc, const GraphNode& node)
{
    InspectorRows rows;
    rows.push_back({QStringLiteral("Kind"), QString::fromLatin1(nodeKindName(node.kind)) + (node.alsoProduces ? QStringLiteral(" + producer") : QString())});
    if (const es::ServiceSpec* v = sc.findService(node.name)) {
        if (v->consumer) consumerRows(sc, *v->consumer, rows);
        if (v->producer) producerRows(*v->producer, rows);
    } else if (const es::BrokerSpec* b = sc.findBroker(node.name)) {
        brokerRows(sc, *b, rows);
    }
    QStringList faults;
    for (const es::FailureSpec& f : sc.failures)
        if (f.target == node.name || f.peer == node.name)
            faults << (f.target == node.name ? QString() : str(f.target) + QStringLiteral(": ")) + failureText(f);
    rows.push_back({QStringLiteral("Failures"), faults.isEmpty() ? QStringLiteral("none") : faults.join(QStringLiteral("\n"))});
    return rows;
}

// A service with state: its entities, and for the keys where they differ most the true value beside
// the read model's (a read model's node: the service it copies is the truth).
static void entityRows(const NodeFigures& f, InspectorRows& rows)
{
    if (f.entities == 0 && f.entityValues.empty()) return;
    const bool isView = !f.viewOf.empty();
    rows.push_back({isView ? QStringLiteral("Entities (of %1)").arg(QString::fromStdString(f.viewOf)) : QStringLiteral("Entities"),
                    number(f.entities)});
    for (const NodeFigures::EntityValue& v : f.entityValues) {
        QString text = QStringLiteral("true %1").arg(v.value);
        if (v.hasView) {
            text += QStringLiteral(" · view %1").arg(v.view);
            if (v.view != v.value) text += QStringLiteral(" (stale: %1%2)").arg(v.view > v.value ? QStringLiteral("+") : QString()).arg(v.view - v.value);
        }
        const QString name = v.name.empty() ? QString::number(v.key) : QString::fromStdString(v.name);
        rows.push_back({v.watched ? QStringLiteral("★ %1 (watched)").arg(name) : QStringLiteral("key %1").arg(name), text});
    }
}

InspectorRows liveRows(const NodeFigures& f)
{
    InspectorRows rows;
    rows.push_back({QStringLiteral("State"), f.up ? QStringLiteral("up") : QStringLiteral("DOWN")});
    switch (f.kind) {
    case NodeKind::Producer: rows.push_back({QStringLiteral("Created"), number(f.count)}); break;
    case NodeKind::Topic:
    case NodeKind::Bus: rows.push_back({QStringLiteral("Received"), number(f.count)}); break;
    case NodeKind::DeadLetters: rows.push_back({QStringLiteral("Messages"), number(f.depth)}); break;
    case NodeKind::Queue:
        rows.push_back({QStringLiteral("Depth"), number(f.depth)});
        rows.push_back({QStringLiteral("In flight"), number(f.inFlight)});
        rows.push_back({QStringLiteral("Dead-lettered"), number(f.deadLettered)});
        break;
    case NodeKind::Log: {
        rows.push_back({QStringLiteral("Retained"), number(f.depth)});
        rows.push_back({QStringLiteral("Lag"), number(f.lag)});
        if (f.partitionLag.size() > static_cast<std::size_t>(kMaxPartitionBars)) {
            // Thousands of numbers say nothing: the spread, and the worst partitions by name.
            const PartitionSummary s = PartitionSummary::of(f.partitionLag);
            rows.push_back({QStringLiteral("Partitions lagging"), QStringLiteral("%1 of %2").arg(s.lagging).arg(s.partitions)});
            QStringList bins;
            for (int b = 0; b < PartitionSummary::kBins; ++b)
                bins << QStringLiteral("%1: %2").arg(PartitionSummary::binLabel(b)).arg(s.bins[static_cast<std::size_t>(b)]);
            rows.push_back({QStringLiteral("Partitions by lag"), bins.join(QStringLiteral(" · "))});
            std::vector<int> order(f.partitionLag.size());
            for (std::size_t p = 0; p < order.size(); ++p) order[p] = static_cast<int>(p);
            const auto top = std::min<std::size_t>(5, order.size());
            std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), [&](int a, int b) {
                const auto la = f.partitionLag[static_cast<std::size_t>(a)], lb = f.partitionLag[static_cast<std::size_t>(b)];
                return la != lb ? la > lb : a < b;
            });
            QStringList worst;
            for (std::size_t k = 0; k < top && f.partitionLag[static_cast<std::size_t>(order[k])] > 0; ++k)
                worst << QStringLiteral("p%1: %2").arg(order[k]).arg(number(f.partitionLag[static_cast<std::size_t>(order[k])]));
            rows.push_back({QStringLiteral("Most behind"), worst.isEmpty() ? QStringLiteral("none") : worst.join(QStringLiteral(" · "))});
        } else {
            QStringList parts;
            for (std::uint64_t l : f.partitionLag) parts << number(l);
            rows.push_back({QStringLiteral("Lag by partition"), parts.join(QStringLiteral(" · "))});
        }
        break;
    }
    case NodeKind::Consumer: {
        if (f.workers == 0 && f.threads > 0) break; // the sync style: no consumer runs, its server does
        rows.push_back({QStringLiteral("Instances up"), QStringLiteral("%1 / %2").arg(f.instancesUp).arg(f.instances)});
        rows.push_back({QStringLiteral("In flight"), QStringLiteral("%1 / %2 workers").arg(f.inFlight).arg(f.workers)});
        rows.push_back({QStringLiteral("Utilisation"), QStringLiteral("%1%").arg(std::lround(f.utilisation * 100))});
        rows.push_back({QStringLiteral("Lag"), QStringLiteral("%1 · %2 s").arg(number(f.lag)).arg(f.lagSeconds, 0, 'f', 1)});
        rows.push_back({QStringLiteral("Failed attempts"), number(f.failedAttempts)});
        rows.push_back({QStringLiteral("Waiting for backoff"), QStringLiteral("%1 workers").arg(f.inBackoff)});
        QString slow = QStringLiteral("none");
        if (f.slowFactor != 1 || f.slowExtra > 0)
            slow = QStringLiteral("service time ×%1 + %2 ms").arg(f.slowFactor, 0, 'g', 3).arg(f.slowExtra * 1000, 0, 'g', 4);
        rows.push_back({QStringLiteral("Slowdown"), slow});
        entityRows(f, rows);
        break;
    }
    }
    // A service that answers calls: the thread pool and the requests waiting for a thread.
    if (f.threads > 0) {
        rows.push_back({QStringLiteral("Threads busy"), QStringLiteral("%1 / %2").arg(f.busyThreads).arg(f.threads)});
        rows.push_back({QStringLiteral("Backlog"), QStringLiteral("%1 / %2 waiting").arg(number(f.backlog), number(f.backlogLimit))});
    }
    return rows;
}

InspectorRows tokenRows(const TokenInfo& t, const std::string& keyName)
{
    const es::Envelope& e = t.hop.envelope;
    InspectorRows rows;
    rows.push_back({QStringLiteral("Event id"), QString::number(e.eventId)});
    rows.push_back({QStringLiteral("Type"), QStringLiteral("%1 v%2").arg(str(t.typeName)).arg(e.version)});
    rows.push_back({QStringLiteral("Key"), e.key == es::kNoKey ? QStringLiteral("none") : str(keyName)});
    rows.push_back({QStringLiteral("Correlation id"), QString::number(e.correlationId)});
    rows.push_back({QStringLiteral("Causation id"), e.causationId == 0 ? QStringLiteral("0 (a root event)") : QString::number(e.causationId)});
    rows.push_back({QStringLiteral("Created"), seconds(e.created)});
    rows.push_back({QStringLiteral("Hop at"), seconds(t.hop.at)});
    rows.push_back({QStringLiteral("Hop"), t.hop.from == t.hop.to ? QStringLiteral("at %1").arg(str(t.toName))
                                                                  : QStringLiteral("%1 → %2").arg(str(t.fromName), str(t.toName))});
    rows.push_back({QStringLiteral("Delivery attempt"), QString::number(t.hop.attempt)});
    rows.push_back({QStringLiteral("Kind"), QString::fromLatin1(es::hopKindName(t.hop.kind))});
    rows.push_back({QStringLiteral("Attributes"), QString::number(e.attributeCount)});
    if (e.flags & es::kPoison) rows.push_back({QStringLiteral("Poison"), QStringLiteral("yes: no consumer can process it")});
    return rows;
}

} // namespace esui
