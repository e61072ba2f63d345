#pragma once
// Quoting for a POSIX shell (sh, bash, dash): a plan's job lines are run by `bash`, GNU parallel
// (through $SHELL) and Slurm scripts, so every argument that is not plainly safe is single-quoted.
#include <string>
#include <vector>

namespace cli {

// `s` itself when it has only characters no shell treats specially, else 'it' with each ' as '\''.
// '=' is quoted too: zsh (GNU parallel runs lines with the user's shell) expands a word starting with it.
inline std::string shellQuote(const std::string& s)
{
    const bool plain = !s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                         "0123456789_-./:@%+,") == std::string::npos;
    if (plain) return s;
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline std::string shellCommand(const std::vector<std::string>& args)
{
    std::string out;
    for (const std::string& a : args) out += (out.empty() ? "" : " ") + shellQuote(a);
    return out;
}

} // namespace cli
