// End-to-end throughput of the engine on the M/M/1 scenario, against a floor.
//
// The engine runs scenarios/bench/mm1.yaml until the producer has made N messages and the queue has
// drained. In the same process a bare M/M/1 loop (std::priority_queue + a FIFO, no framework) runs the
// same model for the same N: the ratio bare/engine is what the framework costs (brokers, event store,
// accounting, trace digest, metrics) over the cheapest possible DES of the same thing. Both report the
// mean wait in queue, so a fast but wrong run shows up (Wq = rho / (mu - lambda) = 0.4 s for 8/s, 10/s).
//
// Memory: the engine pools its events and messages, so its slot counts must be small constants that
// do not depend on N. The benchmark prints them for N/10 and N in this process, and (unless
// --no-scaling) measures the peak RSS of fresh child processes at N/10, N and 4N: a flat peak is the
// evidence that memory follows what is in flight, not what has happened.
//
//   eventscape-bench-mm1 [--messages N] [--repeat R] [--json] [--no-scaling] [scenario.yaml]
#include "ProcMemory.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pcg_random.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <queue>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
using benchsupport::resetPeakRss;
using benchsupport::statusKb;

struct Options {
    std::uint64_t messages = 1'000'000;
    int repeat = 3;
    bool json = false, scaling = true;
    std::string scenario = SCENARIOS_DIR "/bench/mm1.yaml";
};

struct RunResult {
    double wall = 0;             // seconds, the event loop only (setup excluded for both)
    double cpu = 0;              // CPU seconds of this thread over the same span: robust to a busy host
    std::uint64_t messages = 0;  // messages fully served
    std::uint64_t events = 0;    // events executed
    double meanWait = 0;         // seconds from arrival in the queue to service start
    std::size_t storeSlots = 0, queueSlots = 0; // engine: event-store / kernel queue pool high-water marks
    bool ok = true;
    double rate() const { return wall > 0 ? static_cast<double>(messages) / wall : 0; }
    double cpuRate() const { return cpu > 0 ? static_cast<double>(messages) / cpu : 0; }
};

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

es::Scenario loadMm1(const Options& o, std::uint64_t n)
{
    // `limit` stops the producer after n messages; the long duration lets the queue drain, so every
    // message is served. The idle tail to 100 d is a fixed ~27k sampler events (~3 ms), whatever n:
    // the sampler's interval doubles each time its table fills. It is ~1% of a 1M-message run.
    return es::loadScenarioFile(o.scenario, {{"services.source.limit", std::to_string(n)}, {"duration", "100d"}});
}

RunResult runEngine(const es::Scenario& sc)
{
    es::RunDriver d(sc); // building the world (and parsing the YAML) is setup: not timed
    const double c0 = threadCpuSeconds();
    const auto t0 = Clock::now();
    const es::RunSummary s = d.run();
    const auto t1 = Clock::now();
    RunResult r;
    r.cpu = threadCpuSeconds() - c0;
    r.wall = std::chrono::duration<double>(t1 - t0).count();
    r.messages = s.groups.empty() ? 0 : s.groups[0].effects;
    r.events = s.eventsProcessed;
    r.meanWait = s.groups.empty() ? 0 : s.groups[0].meanWait;
    r.storeSlots = d.world().store().slotCapacity();
    r.queueSlots = d.world().sim().queue().slotCapacity();
    r.ok = s.conservationOk && !s.interrupted;
    return r;
}

// The floor: the same model with nothing but a heap, a FIFO and two PCG32 streams. Times are integer
// nanoseconds and draws use 53-bit uniforms, like the engine, so the two do comparable work per event.
RunResult runBare(std::uint64_t n, double lambda, double mu, std::uint64_t seed)
{
    struct Ev {
        std::int64_t time;
        std::uint64_t seq; // ties run in scheduling order, as in the engine
        std::uint8_t kind;
    };
    struct Later { // std::priority_queue is a max-heap: "later" first means the earliest on top
        bool operator()(const Ev& x, const Ev& y) const { return x.time > y.time || (x.time == y.time && x.seq > y.seq); }
    };
    enum : std::uint8_t { kArrival, kDeparture };
    pcg32 arrivals(seed, 1), service(seed, 2);
    auto draw = [](pcg32& g, double rate) {
        const std::uint64_t bits = (std::uint64_t{g()} << 32) | g();
        const double u = static_cast<double>(bits >> 11) * 0x1p-53; // [0, 1)
        return std::llround(-std::log1p(-u) / rate * 1e9);
    };

    const double c0 = threadCpuSeconds();
    const auto t0 = Clock::now();
    std::priority_queue<Ev, std::vector<Ev>, Later> q;
    std::deque<std::int64_t> waiting; // arrival times of messages in the queue
    std::uint64_t seq = 0, produced = 0, served = 0, events = 0, waitSum = 0;
    bool busy = false;
    if (n > 0) q.push({draw(arrivals, lambda), seq++, kArrival}), produced = 1;
    while (!q.empty()) {
        const Ev e = q.top();
        q.pop();
        ++events;
        if (e.kind == kArrival) {
            if (produced < n) {
                q.push({e.time + draw(arrivals, lambda), seq++, kArrival});
                ++produced;
            }
            if (!busy) {
                busy = true; // waits 0
                q.push({e.time + draw(service, mu), seq++, kDeparture});
            } else {
                waiting.push_back(e.time);
            }
        } else {
            ++served;
            if (waiting.empty()) {
                busy = false;
            } else {
                waitSum += static_cast<std::uint64_t>(e.time - waiting.front());
                waiting.pop_front();
                q.push({e.time + draw(service, mu), seq++, kDeparture});
            }
        }
    }
    RunResult r{std::chrono::duration<double>(Clock::now() - t0).count(), threadCpuSeconds() - c0, served, events};
    r.meanWait = served ? static_cast<double>(waitSum) / static_cast<double>(served) * 1e-9 : 0;
    return r;
}

struct Stats { RunResult best, median; }; // by messages per second

Stats summarize(std::vector<RunResult> runs)
{
    std::sort(runs.begin(), runs.end(), [](const RunResult& a, const RunResult& b) { return a.rate() > b.rate(); });
    return Stats{runs.front(), runs[runs.size() / 2]};
}

// Runs the engine at n messages in a fresh child process and returns its peak RSS (MiB), what the run
// added to the RSS the child started with, and the slot counts. Children start from the same parent
// state, so the figures share one baseline.
struct ChildPeak {
    std::uint64_t messages = 0;
    double peakMiB = -1, addedMiB = -1; // added: peak minus the RSS the child started with
    std::size_t storeSlots = 0, queueSlots = 0;
};

ChildPeak peakInChild(const Options& o, std::uint64_t n)
{
    ChildPeak c{n};
    int fd[2];
    if (pipe(fd) != 0) return c;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        resetPeakRss(); // the peak is this run's alone
        const long start = statusKb("VmRSS");
        const RunResult r = runEngine(loadMm1(o, n));
        const std::string line =
            fmt::format("{} {} {} {}\n", statusKb("VmHWM"), start, r.storeSlots, r.queueSlots);
        [[maybe_unused]] auto w = write(fd[1], line.data(), line.size());
        _exit(0);
    }
    close(fd[1]);
    char buf[128] = {};
    [[maybe_unused]] auto got = read(fd[0], buf, sizeof buf - 1);
    close(fd[0]);
    int status = 0;
    rusage ru{};
    if (pid > 0) wait4(pid, &status, 0, &ru);
    long hwm = -1, start = -1;
    if (std::sscanf(buf, "%ld %ld %zu %zu", &hwm, &start, &c.storeSlots, &c.queueSlots) == 4) {
        c.peakMiB = static_cast<double>(hwm > 0 ? hwm : ru.ru_maxrss) / 1024.0;
        c.addedMiB = hwm > 0 && start > 0 ? static_cast<double>(hwm - start) / 1024.0 : -1;
    }
    return c;
}

bool parse(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--messages" && i + 1 < argc) o.messages = std::stoull(argv[++i]);
        else if (a == "--repeat" && i + 1 < argc) o.repeat = std::max(1, std::stoi(argv[++i]));
        else if (a == "--json") o.json = true;
        else if (a == "--no-scaling") o.scaling = false;
        else if (!a.empty() && a[0] != '-') o.scenario = a;
        else {
            std::fprintf(stderr, "usage: %s [--messages N] [--repeat R] [--json] [--no-scaling] [scenario.yaml]\n", argv[0]);
            return false;
        }
    }
    return o.messages > 0;
}

nlohmann::json toJson(const RunResult& r)
{
    return {{"messages", r.messages}, {"events", r.events}, {"wall_s", r.wall}, {"cpu_s", r.cpu},
            {"messages_per_s", r.rate()}, {"messages_per_cpu_s", r.cpuRate()}, {"mean_wait_s", r.meanWait}};
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    if (!parse(argc, argv, o)) return 2;
    const es::Scenario sc = loadMm1(o, o.messages);
    // The bare loop takes lambda and mu from the scenario, so it always runs the same model.
    double lambda = 8, mu = 10;
    if (const es::ServiceSpec* s = sc.findService("source"); s && s->producer) lambda = s->producer->rate;
    if (const es::ServiceSpec* s = sc.findService("server"); s && s->consumer) mu = 1.0 / s->consumer->serviceTime.mean();

    // Interleaved so that frequency scaling and cache warmth treat both alike.
    std::vector<RunResult> engine, bare;
    for (int i = 0; i < o.repeat; ++i) {
        engine.push_back(runEngine(sc));
        bare.push_back(runBare(o.messages, lambda, mu, sc.seed));
    }
    const Stats e = summarize(engine), b = summarize(bare);
    const double ratioBest = b.best.rate() / e.best.rate(), ratioMedian = b.median.rate() / e.median.rate();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    const double rssMiB = static_cast<double>(ru.ru_maxrss) / 1024.0; // kB on Linux
    const long hwmKb = statusKb("VmHWM");
    // Slot counts at N/10 in this process: the pools must not follow N.
    const std::uint64_t small = std::max<std::uint64_t>(1, o.messages / 10);
    const RunResult e10 = runEngine(loadMm1(o, small));

    std::vector<ChildPeak> peaks; // fresh processes at N/10, N and 4N
    if (o.scaling)
        for (std::uint64_t n : {small, o.messages, o.messages * 4}) peaks.push_back(peakInChild(o, n));
    const bool ok = e.best.ok && e.best.messages == o.messages && b.best.messages == o.messages;
    if (o.json) {
        nlohmann::json j = {{"scenario", o.scenario}, {"messages", o.messages}, {"repeat", o.repeat},
                            {"lambda", lambda}, {"mu", mu},
                            {"engine", {{"best", toJson(e.best)}, {"median", toJson(e.median)}}},
                            {"bare", {{"best", toJson(b.best)}, {"median", toJson(b.median)}}},
                            {"ratio_best", ratioBest}, {"ratio_median", ratioMedian},
                            {"peak_rss_mib", rssMiB}, {"vm_hwm_kib", hwmKb},
                            {"slots", {{"messages", {e10.messages, e.best.messages}},
                                       {"event_store", {e10.storeSlots, e.best.storeSlots}},
                                       {"event_queue", {e10.queueSlots, e.best.queueSlots}}}},
                            {"ok", ok}};
        for (const ChildPeak& c : peaks)
            j["child_peaks"].push_back({{"messages", c.messages}, {"peak_rss_mib", c.peakMiB}, {"added_mib", c.addedMiB},
                                        {"event_store_slots", c.storeSlots}, {"event_queue_slots", c.queueSlots}});
        fmt::print("{}\n", j.dump(2));
        return ok ? 0 : 1;
    }

    fmt::print("M/M/1 benchmark: {} messages, lambda {}/s, mu {}/s, best and median of {}\n", o.messages, lambda, mu, o.repeat);
    fmt::print("  scenario {}\n\n", o.scenario);
    fmt::print("{:<7}{:>13}{:>15}{:>16}{:>12}{:>10}{:>12}\n", "", "msgs/s best", "msgs/s median", "msgs/cpu-s best",
               "wall best", "events", "mean wait");
    auto row = [](const char* name, const Stats& s) {
        fmt::print("{:<7}{:>13.0f}{:>15.0f}{:>16.0f}{:>10.3f} s{:>10}{:>10.4f} s\n", name, s.best.rate(), s.median.rate(),
                   s.best.cpuRate(), s.best.wall, s.best.events, s.best.meanWait);
    };
    row("engine", e);
    row("bare", b);
    fmt::print("\nratio bare/engine: {:.2f} (best), {:.2f} (median)   goal: engine >= 3,000,000 msgs/s, ratio <= 4\n",
               ratioBest, ratioMedian);
    fmt::print("expected mean wait rho/(mu-lambda) = {:.4f} s\n", (lambda / mu) / (mu - lambda));
    fmt::print("peak memory: ru_maxrss {:.1f} MiB, VmHWM {:.1f} MiB\n\n", rssMiB, static_cast<double>(hwmKb) / 1024.0);
    fmt::print("pool slots after the run (must not follow N):\n");
    fmt::print("  {:>10} messages: event store {:>5}, event queue {:>5}\n", e10.messages, e10.storeSlots, e10.queueSlots);
    fmt::print("  {:>10} messages: event store {:>5}, event queue {:>5}\n", e.best.messages, e.best.storeSlots, e.best.queueSlots);
    if (!peaks.empty()) {
        fmt::print("peak RSS of a child process per run size (same baseline, must stay flat):\n");
        for (const ChildPeak& c : peaks)
            fmt::print("  {:>10} messages: peak {:5.1f} MiB, run added {:5.2f} MiB  (event store {}, event queue {})\n",
                       c.messages, c.peakMiB, c.addedMiB, c.storeSlots, c.queueSlots);
    }
    if (!ok) fmt::print("\nFAILED: a run did not serve every message or broke conservation\n");
    return ok ? 0 : 1;
}
