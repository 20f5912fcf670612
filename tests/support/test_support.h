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
// Runs a program with arguments; `environment` holds NAME=value pairs to set and bare NAMEs to remove from
// this process's environment. Waits up to scaledTimeoutMs(timeoutMs).
CommandResult runProgram(const QString& program, const QStringList& args, const QStringList& environment = {},
                         int timeoutMs = 600000);
// Runs the CLI with arguments; waits up to scaledTimeoutMs(timeoutMs).
CommandResult runCli(const QStringList& args, int timeoutMs = 600000);
// Runs test functions of this suite's own executable in a child process: for settings that a library reads
// once, when it loads (OPENBLAS_CORETYPE, OMP_NUM_THREADS).
CommandResult runThisSuite(const QStringList& functions, const QStringList& environment,
                           int timeoutMs = 600000);

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

// Skips the current test where there is no CUDA device (`devices`: cudaDeviceCount()), naming the reason; a
// failure instead in a build configured with LWINNN_REQUIRE_CUDA=ON (on a GPU machine a missing GPU is an
// error).
#ifdef LWINNN_TEST_REQUIRE_CUDA
#define LWINNN_REQUIRE_CUDA_DEVICE(devices)                                                                 \
    do {                                                                                                    \
        if ((devices) == 0) QFAIL("no CUDA device, and the build was configured with LWINNN_REQUIRE_CUDA"); \
    } while (false)
#else
#define LWINNN_REQUIRE_CUDA_DEVICE(devices)                                          \
    do {                                                                             \
        if ((devices) == 0)                                                          \
            QSKIP(                                                                   \
                "no CUDA device: this build of LibTorch has no CUDA or sees no GPU " \
                "(configure with -DLWINNN_REQUIRE_CUDA=ON to make this a failure)"); \
    } while (false)
#endif
