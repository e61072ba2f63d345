#pragma once
// For the tests that run eventscape-cli (or another program) as a process, the way scripts do: exit
// code, stdout and stderr, with the per-user run store kept out of the real home. The test's CMake
// target defines CLI_PATH.
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

struct CliResult {
    int exitCode = -1; // -1: crashed or timed out
    QByteArray out, err;
};

inline CliResult runProgram(const QString& program, const QStringList& args, const QString& stdinFile = {},
                            int timeoutMs = 120000)
{
    QProcess p;
    static QTemporaryDir dataHome; // the per-user run store, kept out of the real home
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome.path());
    p.setProcessEnvironment(env);
    if (!stdinFile.isEmpty()) p.setStandardInputFile(stdinFile);
    p.start(program, args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline CliResult runCli(const QStringList& args) { return runProgram(QStringLiteral(CLI_PATH), args); }
