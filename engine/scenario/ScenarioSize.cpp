#include "scenario/ScenarioSize.h"

#include "scenario/DocumentChecks.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace es {

namespace {

template <typename T>
void fromEnvironment(const char* name, T& value, DiagnosticSink& diags)
{
    const char* text = std::getenv(name);
    if (!text || !*text) return;
    const std::string s(text);
    unsigned long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v == 0)
        diags.error(YAML::Mark::null_mark(), fmt::format("{}='{}': expected a whole number above 0", name, s));
    else value = static_cast<T>(v);
}

void reportTooLong(const std::string& text, std::uint64_t limit, DiagnosticSink& diags)
{
    diags.error(markAt(text, static_cast<std::size_t>(limit)),
                fmt::format("the file is longer than the limit of {} bytes for a scenario (it is refused before it is "
                            "read as YAML, which takes 60 to 100 times its size in memory); this is where the limit "
                            "falls; to open it anyway, raise the limit with {}=BYTES in the environment",
                            limit, kMaxBytesVariable));
}

struct StopParsing {}; // thrown by the handler: the rest of the file need not be read

// Follows the document's nesting just enough to count the keys of the top-level `services` and
// `brokers` mappings. yaml-cpp sends a mapping's keys and values as alternating events.
class ShapeCounter : public YAML::EventHandler {
public:
    ShapeCounter(std::size_t limit, DiagnosticSink& diags) : limit_(limit), diags_(diags) {}
    bool sawDocument = false;
    bool emptyDocument = true; // a null root (only comments, `~`) holds no scenario either

    void OnDocumentStart(const YAML::Mark&) override { sawDocument = true; }
    void OnDocumentEnd() override { throw StopParsing{}; } // a scenario is the first document
    void OnNull(const YAML::Mark& m, YAML::anchor_t) override { node(m, nullptr); }
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { node(m, nullptr); }
    void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string& v) override { node(m, &v); }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        open(m, false);
    }
    void OnSequenceEnd() override { frames_.pop_back(); }
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        open(m, true);
    }
    void OnMapEnd() override { frames_.pop_back(); }

private:
    enum class Section { None, Services, Brokers };
    struct Frame {
        bool map;
        bool atKey = true;       // the next event of a mapping is a key
        Section section = Section::None; // the mapping is the root's `services` or `brokers`
        std::string lastKey;     // of the root mapping: names the section its next value opens
    };

    // A scalar, null or alias: a key or a value of the enclosing frame.
    void node(const YAML::Mark& m, const std::string* scalar)
    {
        if (frames_.empty()) { // a scalar root: the reader says what a scenario should be
            if (scalar) emptyDocument = false;
            return;
        }
        Frame& f = frames_.back();
        if (f.map && f.atKey) {
            key(f, m, scalar ? *scalar : std::string());
            return;
        }
        if (f.map) f.atKey = true;
    }
    void open(const YAML::Mark& m, bool map)
    {
        emptyDocument = false;
        Section section = Section::None;
        if (!frames_.empty()) {
            Frame& f = frames_.back();
            if (f.map && f.atKey) {
                key(f, m, std::string()); // a complex key: counted, never a section
            } else {
                if (f.map) f.atKey = true;
                if (frames_.size() == 1 && f.map && map)
                    section = f.lastKey == "services" ? Section::Services
                            : f.lastKey == "brokers" ? Section::Brokers : Section::None;
            }
        }
        frames_.push_back(Frame{map, true, section, {}});
    }
    void key(Frame& f, const YAML::Mark& m, const std::string& name)
    {
        f.atKey = false;
        if (frames_.size() == 1) f.lastKey = name;
        if (f.section == Section::None || ++components_ <= limit_) return;
        diags_.error(m, fmt::format("{} '{}' is past the limit of {} components (services plus brokers) in one scenario "
                                    "(each costs memory and time in every check); split the model, or raise the limit "
                                    "with {}=N in the environment",
                                    f.section == Section::Services ? "service" : "broker", name, limit_,
                                    kMaxComponentsVariable));
        throw StopParsing{};
    }

    std::size_t limit_;
    DiagnosticSink& diags_;
    std::vector<Frame> frames_;
    std::size_t components_ = 0;
};

} // namespace

ScenarioSizeLimits scenarioSizeLimits(DiagnosticSink& diags)
{
    ScenarioSizeLimits limits;
    fromEnvironment(kMaxBytesVariable, limits.maxBytes, diags);
    fromEnvironment(kMaxComponentsVariable, limits.maxComponents, diags);
    return limits;
}

bool readBoundedFile(const std::string& path, const ScenarioSizeLimits& limits, std::string& text, DiagnosticSink& diags)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(YAML::Mark::null_mark(), "cannot open the file (does it exist and is it readable?)");
        return false;
    }
    // Never more than the limit plus one byte in memory, whatever the file's size (or a pipe's).
    text.resize(static_cast<std::size_t>(limits.maxBytes) + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return checkTextSize(text, limits, diags);
}

bool checkTextSize(const std::string& text, const ScenarioSizeLimits& limits, DiagnosticSink& diags)
{
    if (text.size() <= limits.maxBytes) return true;
    reportTooLong(text, limits.maxBytes, diags);
    return false;
}

bool checkDocumentShape(const std::string& text, const ScenarioSizeLimits& limits, DiagnosticSink& diags)
{
    const std::size_t before = diags.count();
    ShapeCounter counter(limits.maxComponents, diags);
    std::istringstream in(text);
    try {
        YAML::Parser parser(in);
        parser.HandleNextDocument(counter);
    } catch (const StopParsing&) {
    } catch (const YAML::ParserException& e) {
        diags.error(e.mark, fmt::format("not valid YAML: {}", e.msg));
        return false;
    }
    if (diags.count() != before) return false;
    if (!counter.sawDocument || counter.emptyDocument) {
        YAML::Mark first;
        first.line = first.column = first.pos = 0;
        diags.error(first, "the file holds no scenario (it is empty or only comments); a scenario is a mapping with "
                           "at least 'scenario', 'services' and 'brokers'");
        return false;
    }
    return true;
}

} // namespace es
