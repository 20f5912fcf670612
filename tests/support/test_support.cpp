#include "test_support.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace lwinnn::test {

std::filesystem::path sharedDir() {
    if (const char* env = std::getenv("LWINNN_SHARED"); env && *env) return std::filesystem::path(env);
    const std::filesystem::path dir(LWINNN_SHARED_DIR);
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return std::filesystem::weakly_canonical(dir, ec);
    return {};
}

std::filesystem::path cliPath() { return std::filesystem::path(LWINNN_CLI_PATH); }

std::filesystem::path scratchDir(const std::string& name) {
    const char* env = std::getenv("LWINNN_TEST_TMP");
    std::filesystem::path base =
        env && *env ? std::filesystem::path(env) : std::filesystem::temp_directory_path() / "lwinnn-tests";
    const auto dir = base / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

CommandResult runProgram(const QString& program, const QStringList& args, const QStringList& environment,
                         int timeoutMs) {
    QProcess process;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString& pair : environment) {
            const QString name = pair.section('=', 0, 0);
            if (pair.contains('='))
                env.insert(name, pair.section('=', 1));
            else
                env.remove(name);
        }
        process.setProcessEnvironment(env);
    }
    process.start(program, args);
    CommandResult result;
    if (!process.waitForStarted(30000)) {
        result.err = QStringLiteral("could not start ") + program;
        return result;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(scaledTimeoutMs(timeoutMs))) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

CommandResult runCli(const QStringList& args, int timeoutMs) {
    return runProgram(QString::fromStdString(cliPath().string()), args, {}, timeoutMs);
}

CommandResult runThisSuite(const QStringList& functions, const QStringList& environment, int timeoutMs) {
    return runProgram(QCoreApplication::applicationFilePath(), functions, environment, timeoutMs);
}

int scaledTimeoutMs(int ms) {
    bool ok = false;
    const double scale = qEnvironmentVariable("LWINNN_TEST_TIMEOUT_SCALE").toDouble(&ok);
    if (!ok || scale <= 0) return ms;
    return static_cast<int>(std::min(2e9, ms * scale));
}

double relToMaxOne(double actual, double expected) {
    return std::abs(actual - expected) / std::max(1.0, std::abs(expected));
}

}  // namespace lwinnn::test
