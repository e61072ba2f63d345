// Cost that does not grow with the model (issue 18): events per second and peak memory as the model
// gets wider, with the work held constant.
//
// Every case is a scenario generated here as YAML text, with the same total load:
//   services-N      N independent producer -> queue -> consumer pipelines sharing 10^6 messages
//                   (total arrival rate 10,000/s, every consumer at utilisation 0.8);
//   log-pP-mG       one producer (keyless, so round-robin over partitions) -> a log of P partitions ->
//                   one consumer group of G members, 10^6 messages, the busy members at utilisation 0.8
//                   (members beyond P sit idle, as in Kafka; the service time follows min(P, G));
//   inflight-N      one burst of N messages into a queue whose consumer is crashed for the first 10 s,
//                   so all N sit in the queue, then a 1 us consumer drains them.
// If the engine's per-event cost does not depend on the number of components, events/s is flat across
// a family. Each case runs in a forked child that resets its VmHWM first, so the peak RSS is that
// case's alone. Setup (parsing the YAML, building the world) is timed apart from the run.
//
//   eventscape-bench-growth [--quick] [--messages N] [--repeat R] [--case NAME] [--list] [--json]
// --case runs one case in this process (for a profiler); --quick runs a small subset at 10^5, once.
// --repeat R (default 3) runs every case R times, each in its own child, and keeps the fastest run:
// on a shared, noisy machine the best of a few is the figure least disturbed by other work.
#include "ProcMemory.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
using benchsupport::resetPeakRss;
using benchsupport::statusKb;

struct Case {
    std::string name;
    enum Kind { Services, Log, InFlight } kind;
    int n = 1, members = 1; // services: N; log: partitions, members; in flight: unused
    std::uint64_t messages = 0;
};

struct Result {
    std::string name;
    std::size_t components = 0;
    double setup = 0, wall = 0, peakMiB = -1, builtMiB = -1; // builtMiB: RSS with the world built, not run
    std::uint64_t events = 0, effects = 0;
    bool ok = false;
    std::string error;
    double eventsPerS() const { return wall > 0 ? static_cast<double>(events) / wall : 0; }
    double msgsPerS() const { return wall > 0 ? static_cast<double>(effects) / wall : 0; }
};

constexpr double kTotalRate = 10'000; // messages/s over the whole model, in every family

// The YAML of a case. Durations leave room for the queues to drain after the last arrival.
std::string scenarioText(const Case& c)
{
    std::string y = fmt::format("scenario: {}\nseed: 1\n", c.name);
    const double span = static_cast<double>(c.messages) / kTotalRate; // seconds of arrivals
    switch (c.kind) {
    case Case::Services: {
        const std::uint64_t each = c.messages / static_cast<std::uint64_t>(c.n);
        const double meanUs = 0.8 * c.n / kTotalRate * 1e6; // utilisation 0.8 per consumer
        y += fmt::format("duration: {:.0f}s\nservices:\n", span * 1.2 + 60);
        for (int i = 0; i < c.n; ++i) {
            y += fmt::format("  src-{0}: {{ produces: Job, to: q-{0}, rate: {1:g}/s, limit: {2} }}\n", i,
                             kTotalRate / c.n, each);
            y += fmt::format("  work-{0}: {{ consumes: q-{0}, service_time: {{ exponential: {{ mean: {1:.0f}us }} }} }}\n",
                             i, meanUs);
        }
        y += "brokers:\n";
        for (int i = 0; i < c.n; ++i) y += fmt::format("  q-{}: {{ kind: queue, visibility_timeout: 1d }}\n", i);
        break;
    }
    case Case::Log: {
        const double meanUs = 0.8 * std::min(c.n, c.members) / kTotalRate * 1e6;
        y += fmt::format("duration: {:.0f}s\nservices:\n", span * 1.2 + 60);
        y += fmt::format("  src: {{ produces: Job, to: log, rate: {:g}/s, limit: {} }}\n", kTotalRate, c.messages);
        y += fmt::format("  work: {{ consumes: {{ from: log, group: work }}, instances: {}, "
                         "service_time: {{ exponential: {{ mean: {:.0f}us }} }} }}\n", c.members, meanUs);
        // Retention well above any lag at utilisation 0.8, and short enough that the log does not
        // keep every record of the run (the peak RSS then shows what partitions and members cost).
        y += fmt::format("brokers:\n  log: {{ kind: log, partitions: {}, retention: 5s }}\n", c.n);
        break;
    }
    case Case::InFlight:
        y += fmt::format("duration: {:.0f}s\n", 20 + static_cast<double>(c.messages) * 2e-6);
        // A burst is at most 10^6 events: bigger ones are bursts 1 ms apart, capped by `limit`.
        y += fmt::format("services:\n  src: {{ produces: Job, to: q, limit: {}, bursts: {{ at: 1s, every: 1ms, size: {} }} }}\n",
                         c.messages, std::min<std::uint64_t>(c.messages, 1'000'000));
        y += "  work: { consumes: q, service_time: 1us }\n";
        y += "brokers:\n  q: { kind: queue, visibility_timeout: 1d }\n";
        y += "failures:\n  - { at: 0s, for: 10s, target: work, crash: true }\n";
        break;
    }
    return y;
}

std::vector<Case> allCases(std::uint64_t messages)
{
    std::vector<Case> v;
    for (int n : {1, 10, 100, 1000}) v.push_back({fmt::format("services-{}", n), Case::Services, n, 1, messages});
    for (int p : {1, 16, 256, 4096})
        for (int m : {1, 16, 256}) v.push_back({fmt::format("log-p{}-m{}", p, m), Case::Log, p, m, messages});
    v.push_back({"inflight-1e6", Case::InFlight, 1, 1, 1'000'000});
    v.push_back({"inflight-1e7", Case::InFlight, 1, 1, 10'000'000});
    return v;
}

std::vector<Case> quickCases(std::uint64_t messages)
{
    std::vector<Case> v;
    for (const Case& c : allCases(messages))
        if (c.name == "services-1" || c.name == "services-1000" || c.name == "log-p16-m16" ||
            c.name == "log-p4096-m256" || c.name == "inflight-1e6")
            v.push_back(c);
    return v;
}

Result runCase(const Case& c)
{
    Result r;
    r.name = c.name;
    try {
        const auto t0 = Clock::now();
        const es::Scenario sc = es::loadScenarioText(scenarioText(c), c.name + ".yaml");
        es::RunDriver d(sc);
        const auto t1 = Clock::now();
        r.builtMiB = static_cast<double>(statusKb("VmRSS")) / 1024.0;
        const es::RunSummary s = d.run();
        const auto t2 = Clock::now();
        r.components = sc.services.size() + sc.brokers.size();
        r.setup = std::chrono::duration<double>(t1 - t0).count();
        r.wall = std::chrono::duration<double>(t2 - t1).count();
        r.events = s.eventsProcessed;
        for (const auto& g : s.groups) r.effects += g.effects;
        r.ok = s.conservationOk && !s.interrupted && r.effects == c.messages;
        if (!r.ok) r.error = fmt::format("served {} of {} messages", r.effects, c.messages);
    } catch (const std::exception& e) {
        r.error = e.what();
    }
    r.peakMiB = static_cast<double>(statusKb("VmHWM")) / 1024.0;
    return r;
}

nlohmann::json toJson(const Result& r)
{
    return {{"case", r.name}, {"components", r.components}, {"setup_s", r.setup}, {"wall_s", r.wall},
            {"events", r.events}, {"messages", r.effects}, {"events_per_s", r.eventsPerS()},
            {"messages_per_s", r.msgsPerS()}, {"peak_rss_mib", r.peakMiB}, {"built_rss_mib", r.builtMiB}, {"ok", r.ok}, {"error", r.error}};
}

// Runs the case in a fresh child; the result comes back as one JSON line through a pipe.
Result runInChild(const Case& c)
{
    int fd[2];
    if (pipe(fd) != 0) {
        Result r;
        r.name = c.name;
        r.error = "pipe failed";
        return r;
    }
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        resetPeakRss(); // the peak is this case's alone
        const std::string line = toJson(runCase(c)).dump() + "\n";
        for (std::size_t off = 0; off < line.size();) {
            const ssize_t w = write(fd[1], line.data() + off, line.size() - off);
            if (w <= 0) break;
            off += static_cast<std::size_t>(w);
        }
        _exit(0);
    }
    close(fd[1]);
    std::string text;
    char buf[4096];
    for (ssize_t got; (got = read(fd[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(got));
    close(fd[0]);
    int status = 0;
    if (pid > 0) waitpid(pid, &status, 0);
    Result r;
    r.name = c.name;
    try {
        const auto j = nlohmann::json::parse(text);
        r.components = j["components"];
        r.setup = j["setup_s"];
        r.wall = j["wall_s"];
        r.events = j["events"];
        r.effects = j["messages"];
        r.peakMiB = j["peak_rss_mib"];
        r.builtMiB = j["built_rss_mib"];
        r.ok = j["ok"];
        r.error = j["error"];
    } catch (const std::exception&) {
        r.error = fmt::format("child failed (status {:#x})", status);
    }
    return r;
}

void printHeader()
{
    fmt::print("{:<16}{:>7}{:>9}{:>9}{:>12}{:>13}{:>12}{:>11}{:>10}\n", "case", "comps", "setup s", "run s", "events",
               "events/s", "msgs/s", "built MiB", "peak MiB");
}

void printRow(const Result& r)
{
    fmt::print("{:<16}{:>7}{:>9.2f}{:>9.2f}{:>12}{:>13.0f}{:>12.0f}{:>11.1f}{:>10.1f}{}\n", r.name, r.components,
               r.setup, r.wall, r.events, r.eventsPerS(), r.msgsPerS(), r.builtMiB, r.peakMiB,
               r.ok ? "" : "  FAILED: " + r.error);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    bool quick = false, json = false, list = false;
    int repeat = 0;
    std::uint64_t messages = 0;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") quick = true;
        else if (a == "--json") json = true;
        else if (a == "--list") list = true;
        else if (a == "--messages" && i + 1 < argc) messages = std::stoull(argv[++i]);
        else if (a == "--case" && i + 1 < argc) only = argv[++i];
        else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::stoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: %s [--quick] [--messages N] [--repeat R] [--case NAME] [--list] [--json]\n",
                         argv[0]);
            return 2;
        }
    }
    if (messages == 0) messages = quick ? 100'000 : 1'000'000;
    if (repeat == 0) repeat = quick ? 1 : 3;
    std::vector<Case> cases = quick ? quickCases(messages) : allCases(messages);
    if (list) {
        for (const Case& c : allCases(messages)) fmt::print("{}\n", c.name);
        return 0;
    }
    if (!only.empty()) { // in this process: for perf / callgrind
        const auto all = allCases(messages);
        const auto it = std::find_if(all.begin(), all.end(), [&](const Case& c) { return c.name == only; });
        if (it == all.end()) {
            std::fprintf(stderr, "unknown case '%s' (see --list)\n", only.c_str());
            return 2;
        }
        const Result r = runCase(*it);
        if (json) fmt::print("{}\n", toJson(r).dump(2));
        else printHeader(), printRow(r);
        return r.ok ? 0 : 1;
    }
    bool ok = true;
    nlohmann::json out = nlohmann::json::array();
    if (!json) {
        fmt::print("Growth benchmark: {} messages per case (in-flight cases: their burst), best of {}, a child "
                   "process per run\n", messages, repeat);
        printHeader();
    }
    for (const Case& c : cases) {
        Result r = runInChild(c);
        for (int k = 1; k < repeat && r.ok; ++k)
            if (Result again = runInChild(c); !again.ok || again.wall < r.wall) r = again;
        ok = ok && r.ok;
        if (json) out.push_back(toJson(r));
        else printRow(r);
    }
    if (json) fmt::print("{}\n", out.dump(2));
    return ok ? 0 : 1;
}
