// Helpers shared by the test suites: where ../shared lives, a skip when it is absent, fixture loading.
#pragma once

#include <QString>
#include <QtTest>

#include <filesystem>
#include <string>

#include "host_tensor.h"

namespace lwinnn::test {

// ../shared beside the project (or $LWINNN_SHARED). Empty when absent.
std::filesystem::path sharedDir();
// The path of the lwinnn CLI built alongside the tests.
std::filesystem::path cliPath();
// A fresh, empty scratch folder for one test (under the build tree).
std::filesystem::path scratchDir(const std::string& name);

struct CommandResult {
    int exitCode = -1;
    QString out;
    QString err;
};
// Runs the CLI with arguments; waits up to scaledTimeoutMs(timeoutMs).
CommandResult runCli(const QStringList& args, int timeoutMs = 600000);

// A wait's limit, times $LWINNN_TEST_TIMEOUT_SCALE when set (the sanitizer preset sets it: instrumented code
// runs several times slower).
int scaledTimeoutMs(int ms);

// Relative difference as the parity fixtures define it: |a - e| / max(1, |e|).
double relToMaxOne(double actual, double expected);

}  // namespace lwinnn::test

// Skips the current test with the reason when ../shared (or a part of it) is missing.
#define LWINNN_REQUIRE_SHARED(relative)                                                                    \
    do {                                                                                                   \
        const auto lwinnnShared = lwinnn::test::sharedDir();                                               \
        if (lwinnnShared.empty() || !std::filesystem::exists(lwinnnShared / (relative)))                   \
            QSKIP(qPrintable(QStringLiteral("../shared/%1 is not present")                                 \
                                 .arg(QString::fromStdString(std::filesystem::path(relative).string())))); \
    } while (false)
