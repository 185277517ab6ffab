#pragma once
// Runs defectscope-cli ($DEFECTSCOPE_CLI, set by ctest) with arguments and collects its exit code and
// output, for tests that check the command line end to end. -1 when it crashed or did not finish.
#include "support/test_data.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace ds::test {

struct CliRun {
    int code = -1;
    QByteArray out, err;
};

inline CliRun runCli(const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    p.start(cliPath(), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace ds::test
