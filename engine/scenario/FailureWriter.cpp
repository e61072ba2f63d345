#include "scenario/FailureWriter.h"

#include "scenario/BlockWriter.h"
#include "scenario/ScenarioLoader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace es {

namespace {

std::string milliseconds(SimTime t)
{
    if (t % kMillisecond != 0)
        throw FailureSaveError(fmt::format("a failure time of {} ns is not a whole millisecond; it cannot be written exactly", t));
    return fmt::format("{}ms", t / kMillisecond);
}

// The shortest text that reads back as the same share ("10%": 10 / 100 is the double 0.1).
std::string percent(double share) { return fmt::format("{}%", share * 100); }

// One failure as the scenario format writes it, keys in the order the lessons use.
nlohmann::ordered_json failureJson(const FailureSpec& f)
{
    nlohmann::ordered_json j;
    j["at"] = milliseconds(f.at);
    if (f.duration != kNever) j["for"] = milliseconds(f.duration);
    j["target"] = f.target;
    switch (f.kind) {
    case FailureKind::Crash:
        j["crash"] = true;
        if (f.instance >= 0) j["instance"] = f.instance;
        break;
    case FailureKind::Slowdown:
        if (f.extra != 0) throw FailureSaveError("a slowdown with an added latency is not written by hand injections");
        j["slowdown"] = fmt::format("{}x", f.factor);
        break;
    case FailureKind::ErrorRate: j["errors"] = percent(f.share); break;
    case FailureKind::Outage: j["outage"] = true; break;
    case FailureKind::Partition: j["partition"] = f.peer; break;
    case FailureKind::PoisonNext: j["poison_next"] = f.count; break;
    default: throw FailureSaveError(fmt::format("{}: this kind of failure is not injected by hand and not written", f.target));
    }
    return j;
}

void emitJson(YAML::Emitter& out, const nlohmann::ordered_json& j)
{
    out << YAML::Flow << YAML::BeginMap;
    for (auto it = j.begin(); it != j.end(); ++it) {
        out << YAML::Key << it.key() << YAML::Value;
        if (it->is_boolean()) out << it->get<bool>();
        else if (it->is_number_integer()) out << it->get<long long>();
        else out << it->get<std::string>();
    }
    out << YAML::EndMap;
}

std::string yamlWithFailures(const std::string& text, const std::vector<FailureSpec>& added)
{
    YAML::Node existing;
    try {
        const YAML::Node root = YAML::Load(text);
        if (root.IsMap() && root["failures"]) existing = root["failures"];
    } catch (const YAML::Exception& e) {
        throw FailureSaveError(fmt::format("the file is not valid YAML ({}); fix it before saving failures", e.msg));
    }
    if (existing && !existing.IsNull() && !existing.IsSequence())
        throw FailureSaveError("the file's 'failures:' is not a list; fix it before saving failures");
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "failures" << YAML::Value << YAML::BeginSeq;
    // The file's own failures as they are written (its units, its order), then the new ones.
    if (existing && existing.IsSequence())
        for (const YAML::Node& f : existing) out << f;
    for (const FailureSpec& f : added) emitJson(out, failureJson(f));
    out << YAML::EndSeq << YAML::EndMap;
    if (!out.good()) throw FailureSaveError(fmt::format("cannot write the failures: {}", out.GetLastError()));
    try {
        return withYamlBlock(text, "failures", std::string(out.c_str()) + "\n", "failures");
    } catch (const ScenarioSaveError& e) {
        throw FailureSaveError(e.what());
    }
}

std::string jsonWithFailures(const std::string& text, const std::vector<FailureSpec>& added)
{
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text);
    if (!doc.is_object()) throw FailureSaveError("the file's top level is not an object; it is not a scenario");
    nlohmann::ordered_json& list = doc["failures"];
    if (list.is_null()) list = nlohmann::ordered_json::array();
    if (!list.is_array()) throw FailureSaveError("the file's \"failures\" is not a list; fix it before saving failures");
    for (const FailureSpec& f : added) list.push_back(failureJson(f));
    return doc.dump(2) + "\n";
}

} // namespace

std::string withFailures(const std::string& text, const std::vector<FailureSpec>& added)
{
    if (nlohmann::ordered_json::accept(text)) return jsonWithFailures(text, added); // JSON stays JSON
    return yamlWithFailures(text, added);
}

void saveFailures(const std::string& path, const std::vector<FailureSpec>& added)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path target = fs::exists(path, ec) ? fs::canonical(path, ec) : fs::path(path); // through symlinks
    try {
        const std::string next = withFailures(readScenarioFile(target.string(), "the failures"), added);
        try {
            loadScenarioText(next, path);
        } catch (const std::exception& e) {
            throw FailureSaveError(fmt::format("{}: the failures were not saved, the file would not load:\n{}", path, e.what()));
        }
        replaceFileAtomically(target, next, "the failures");
    } catch (const ScenarioSaveError& e) {
        throw FailureSaveError(e.what());
    }
}

} // namespace es
