// Tests core/file_util.*'s atomic writes where they matter: a writer that fails, a full disk (RLIMIT_FSIZE,
// so that write(2) fails with EFBIG as it would with ENOSPC) and a process killed in the middle of writing a
// model
// (`lwinnn train --force` over an existing one, SIGKILLed at spread-out moments of its write). The previous
// file must come through bit-identical, or the new one complete; never a torn file, and no temporary left
// where a user would take it for the real file. The next write removes a killed writer's temporary, never a
// live process's.
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <random>
#include <vector>

#include "error.h"
#include "file_util.h"
#include "model_file.h"
#include "test_support.h"

using namespace lwinnn;
namespace fs = std::filesystem;

namespace {

QString path(const fs::path& p) { return QString::fromStdString(p.string()); }

std::vector<char> bytesOf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

// Every entry of `folder` but those named in `expected`.
QStringList strayEntries(const fs::path& folder, const QStringList& expected) {
    QStringList stray;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const auto name = QString::fromStdString(entry.path().filename().string());
        if (!expected.contains(name)) stray << name;
    }
    return stray;
}

// The temporaries of `file` that a killed writer can leave: hidden (".name.tmp-PID-N"), never named like a
// model.
bool isHiddenTemporaryOf(const QString& name, const fs::path& file) {
    return name.startsWith(QStringLiteral(".%1.tmp-").arg(QString::fromStdString(file.filename().string())));
}

// ".<file name>.tmp-<pid>-": the start of the names of the temporaries that process `pid` writes for `file`.
QString temporaryPrefix(const fs::path& file, qint64 pid) {
    return QStringLiteral(".%1.tmp-%2-").arg(QString::fromStdString(file.filename().string())).arg(pid);
}

// The id of a process that has exited and been reaped, so that no process has it (until it is reused).
qint64 finishedProcessId() {
    QProcess process;
    process.start("true", {});
    if (!process.waitForStarted()) return 0;
    const qint64 pid = process.processId();
    process.waitForFinished();
    return pid;
}

// Lowers the file size limit of this process for one scope (writes beyond it fail with EFBIG instead of
// raising SIGXFSZ), and restores it: an unprivileged process may raise its soft limit back up to the hard
// one.
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &m_saved);
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGXFSZ, &ignore, &m_savedAction);
        const rlimit lowered{bytes, m_saved.rlim_max};
        m_ok = ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        ::sigaction(SIGXFSZ, &m_savedAction, nullptr);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool ok() const { return m_ok; }

  private:
    rlimit m_saved{};
    struct sigaction m_savedAction {};
    bool m_ok = false;
};

}  // namespace

class TestAtomicWrites : public QObject {
    Q_OBJECT

    fs::path m_dir;

    // Trains `model` from the few images in m_dir/"train" with random weights (the bytes differ from run to
    // run only in the creation time), in a child process that `prepare` may change before it runs the CLI.
    QProcess* startTraining(const fs::path& model, const std::function<void()>& prepare = {}) {
        auto* process = new QProcess(this);
        if (prepare) process->setChildProcessModifier(prepare);
        process->start(path(test::cliPath()),
                       {"train", "--data", path(m_dir / "train"), "--out", path(model), "--window", "3",
                        "--weights", "random", "--device", "cpu", "--force"});
        return process;
    }

  private slots:
    void initTestCase() {
        m_dir = test::scratchDir("atomic_writes");
        // Three demo images are enough for a model (the write, not the training, is under test).
        const auto demo = m_dir / "demo";
        const auto r = test::runCli({"demo-data", path(demo), "--seed", "5", "--size", "96"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        fs::create_directories(m_dir / "train");
        for (const char* name : {"000.png", "001.png", "002.png"})
            fs::copy_file(demo / "train" / "good" / name, m_dir / "train" / name);
    }

    void helperReplacesTheFile() {
        const auto dir = test::scratchDir("atomic_writes_helper");
        const auto file = dir / "table.csv";
        writeBytes(file, "old");
        writeFileAtomically(file, [](std::ostream& out) { out << "new contents"; });
        const auto bytes = bytesOf(file);
        QCOMPARE(std::string(bytes.begin(), bytes.end()), std::string("new contents"));
        QCOMPARE(strayEntries(dir, {"table.csv"}), QStringList{});
    }

    void failingWriterLeavesThePreviousFile() {
        const auto dir = test::scratchDir("atomic_writes_throw");
        const auto file = dir / "table.csv";
        writeBytes(file, "previous");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeFileAtomically(file, [](std::ostream& out) {
                                     out << std::string(100000, 'x');
                                     throw std::runtime_error("the writer gave up");
                                 }));
        const auto bytes = bytesOf(file);
        QCOMPARE(std::string(bytes.begin(), bytes.end()), std::string("previous"));
        QCOMPARE(strayEntries(dir, {"table.csv"}), QStringList{});
    }

    void fullDiskLeavesThePreviousFile_data() {
        QTest::addColumn<bool>("existing");
        QTest::newRow("over an existing file") << true;
        QTest::newRow("a new file") << false;
    }

    void fullDiskLeavesThePreviousFile() {
        QFETCH(bool, existing);
        const auto dir = test::scratchDir("atomic_writes_full");
        const auto file = dir / "bank.bin";
        if (existing) writeBytes(file, "previous");
        const std::vector<char> big(1 << 20, 'b');
        QString message;
        {
            const FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            try {
                writeFileAtomically(file, big.data(), big.size());
            } catch (const FileError& e) {
                message = e.what();
            }
        }
        QVERIFY2(message.startsWith(path(file) + ": "), qPrintable(message));
        QVERIFY2(message.contains("disk full") || message.contains("too large"), qPrintable(message));
        if (existing) {
            const auto bytes = bytesOf(file);
            QCOMPARE(std::string(bytes.begin(), bytes.end()), std::string("previous"));
            QCOMPARE(strayEntries(dir, {"bank.bin"}), QStringList{});
        } else {
            QCOMPARE(strayEntries(dir, {}), QStringList{});
        }
    }

    void failedRenameRemovesTheTemporary() {
        // A folder where the file should go: everything is written, then the rename is refused.
        const auto dir = test::scratchDir("atomic_writes_rename");
        const auto file = dir / "model.lwinnn";
        fs::create_directories(file / "inside");
        QVERIFY_THROWS_EXCEPTION(FileError, writeFileAtomically(file, "abc", 3));
        QVERIFY(fs::is_directory(file / "inside"));
        QCOMPARE(strayEntries(dir, {"model.lwinnn"}), QStringList{});
    }

    void modelSurvivesAFullDisk() {
        const auto dir = test::scratchDir("atomic_writes_model_full");
        const auto model = dir / "model.lwinnn";
        auto* first = startTraining(model);
        QVERIFY(first->waitForFinished(lwinnn::test::scaledTimeoutMs(600000)));
        QVERIFY2(first->exitCode() == 0, first->readAllStandardError().constData());
        const auto before = bytesOf(model);
        QVERIFY(before.size() > 4u << 20);

        // The child may write 1 MB per file: far less than the model, so the write fails part-way.
        auto* full = startTraining(model, [] {
            ::signal(SIGXFSZ, SIG_IGN);
            rlimit limit{};
            ::getrlimit(RLIMIT_FSIZE, &limit);
            limit.rlim_cur = 1 << 20;
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        QVERIFY(full->waitForFinished(lwinnn::test::scaledTimeoutMs(600000)));
        const QString err = QString::fromUtf8(full->readAllStandardError());
        QCOMPARE(full->exitStatus(), QProcess::NormalExit);
        QCOMPARE(full->exitCode(), 1);
        QVERIFY2(err.contains(path(model) + ": ") && err.contains("disk full"), qPrintable(err));
        QVERIFY(bytesOf(model) == before);
        QCOMPARE(strayEntries(dir, {"model.lwinnn"}), QStringList{});
        QCOMPARE(readModelFile(model).info.trainCount, 3);
    }

    void modelSurvivesAKilledWriter() {
        const auto dir = test::scratchDir("atomic_writes_model_kill");
        const auto model = dir / "model.lwinnn";
        // A first run to have a model, during which the write is timed: from the moment the child holds a
        // file open in `dir` (its temporary, seen through /proc) until it no longer does.
        const auto writing = [&](const QProcess* process) {
            const fs::path fds = "/proc/" + std::to_string(process->processId()) + "/fd";
            std::error_code ec;
            for (const auto& entry : fs::directory_iterator(fds, ec)) {
                const auto target = fs::read_symlink(entry.path(), ec).string();
                if (!ec && target.rfind(dir.string() + "/", 0) == 0) return true;
            }
            return false;
        };
        const auto holdingTemporary = [&](const QProcess* process) {
            const fs::path fds = "/proc/" + std::to_string(process->processId()) + "/fd";
            std::error_code ec;
            for (const auto& entry : fs::directory_iterator(fds, ec)) {
                const fs::path target = fs::read_symlink(entry.path(), ec);
                if (!ec && target.parent_path() == dir &&
                    isHiddenTemporaryOf(QString::fromStdString(target.filename().string()), model))
                    return true;
            }
            return false;
        };
        QElapsedTimer clock;
        qint64 writeUs = -1;
        auto* first = startTraining(model);
        QVERIFY(first->waitForStarted());
        while (!first->waitForFinished(0)) {
            const bool now = writing(first);
            if (now && !clock.isValid()) clock.start();
            if (!now && clock.isValid() && writeUs < 0) writeUs = clock.nsecsElapsed() / 1000;
            QThread::usleep(100);
        }
        QVERIFY2(first->exitCode() == 0, first->readAllStandardError().constData());
        QVERIFY2(clock.isValid(), "the child was never seen writing into the folder");
        if (writeUs < 0) writeUs = clock.nsecsElapsed() / 1000;
        qInfo("writing the model took about %lld us", writeUs);

        std::vector<char> current = bytesOf(model);
        std::mt19937 random(20261130);
        int keptOld = 0;
        int replaced = 0;
        int leftovers = 0;
        int killedWhileWriting = 0;
        constexpr int kKills = 8;
        for (int k = 0; k < kKills; ++k) {
            // The first kill as soon as the write is seen, the others spread over the write and a little
            // past it, with jitter.
            const qint64 delayUs =
                k == 0 ? 0
                       : writeUs * (k - 1) / (kKills - 2) +
                             std::uniform_int_distribution<qint64>(0, writeUs / (kKills - 2))(random);
            auto* process = startTraining(model);
            QVERIFY(process->waitForStarted());
            const qint64 pid = process->processId();
            bool duringWrite = false;
            while (!process->waitForFinished(0)) {
                if (writing(process)) {
                    QThread::usleep(static_cast<unsigned long>(delayUs));
                    // Frozen first, so that what it holds open now is what it held when it was killed. The
                    // writer renames with the descriptor still open, so "during the write" means: it holds a
                    // file that still has its temporary's name.
                    ::kill(static_cast<pid_t>(pid), SIGSTOP);
                    duringWrite = holdingTemporary(process);
                    process->kill();  // SIGKILL: no handler, no cleanup
                    break;
                }
                QThread::usleep(100);
            }
            process->waitForFinished();
            const auto after = bytesOf(model);
            const bool old = after == current;
            // Killed with its temporary still open: the rename had not happened, so the old model must stand.
            if (duringWrite) {
                ++killedWhileWriting;
                QVERIFY2(old, qPrintable(QString("kill %1 during the write changed the model").arg(k)));
            }
            if (old) {
                ++keptOld;
            } else {
                // Not the old file: then it must be a whole new model, which reads and checks completely.
                QCOMPARE(after.size(), current.size());
                QCOMPARE(readModelFile(model).info.trainCount, 3);
                ++replaced;
                current = after;
            }
            // Whatever a killed writer leaves is its hidden temporary, never a file named like the model; and
            // only its own: the earlier kills' were removed by this writer before it wrote.
            int left = 0;
            for (const auto& name : strayEntries(dir, {"model.lwinnn"})) {
                QVERIFY2(isHiddenTemporaryOf(name, model), qPrintable(name));
                QVERIFY2(name.startsWith(temporaryPrefix(model, pid)), qPrintable(name));
                ++left;
            }
            leftovers += left;
            qInfo("kill %d, %lld us into the write (%s): %s, %d temporary left", k, delayUs,
                  duringWrite ? "still writing" : "write over",
                  old ? "old model intact" : "complete new model", left);
        }
        qInfo(
            "%d kills: old model kept %d times, complete new model %d times, %d hidden temporaries left "
            "behind",
            kKills, keptOld, replaced, leftovers);
        // The kills must have hit writes in progress, or the test proved nothing.
        QVERIFY2(killedWhileWriting > 0, "no kill landed during a write");
        qInfo("%d of the kills landed during the write", killedWhileWriting);
        QCOMPARE(readModelFile(model).info.trainCount, 3);

        // The next write that completes removes the last kill's temporary (and one of another process that no
        // longer exists), but never one of a live process: this test's own and a running child's.
        QProcess sleeper;
        sleeper.start("sleep", {"600"});
        QVERIFY(sleeper.waitForStarted());
        const QStringList live{temporaryPrefix(model, QCoreApplication::applicationPid()) + "0",
                               temporaryPrefix(model, sleeper.processId()) + "0"};
        for (const auto& name : live) writeBytes(dir / name.toStdString(), "a live writer's");
        const qint64 deadPid = finishedProcessId();
        QVERIFY(deadPid > 0);
        const QString dead = temporaryPrefix(model, deadPid) + "3";
        writeBytes(dir / dead.toStdString(), "a dead writer's");
        const QString otherTarget = ".other.lwinnn.tmp-" + QString::number(deadPid) + "-0";
        writeBytes(dir / otherTarget.toStdString(), "another file's");
        auto* last = startTraining(model);
        QVERIFY(last->waitForFinished(lwinnn::test::scaledTimeoutMs(600000)));
        QVERIFY2(last->exitCode() == 0, last->readAllStandardError().constData());
        QStringList expected{"model.lwinnn", otherTarget};
        for (const auto& name : live) expected << name;
        QCOMPARE(strayEntries(dir, expected), QStringList{});
        for (const auto& name : expected) QVERIFY2(fs::exists(dir / name.toStdString()), qPrintable(name));
        for (const auto& name : live) {
            const auto kept = bytesOf(dir / name.toStdString());
            QCOMPARE(std::string(kept.begin(), kept.end()), std::string("a live writer's"));
        }
        sleeper.kill();
        sleeper.waitForFinished();
    }

    void staleTemporariesAreRemoved() {
        // The same in-process, next to files that only look like temporaries of the target.
        const auto dir = test::scratchDir("atomic_writes_stale");
        const auto file = dir / "table.csv";
        const qint64 dead = finishedProcessId();
        QVERIFY(dead > 0);
        const QString stale = temporaryPrefix(file, dead) + "12";
        const QStringList lookalikes{
            ".table.csv.tmp-" + QString::number(dead),          // no counter
            ".table.csv.tmp-" + QString::number(dead) + "-x",   // not a counter
            ".table.csv.tmp--" + QString::number(dead) + "-1",  // no process id
            ".table.csv.tmp-0-1",                               // not a process
            ".table.csvx.tmp-" + QString::number(dead) + "-1",  // another file's
            "table.csv.tmp-" + QString::number(dead) + "-1",    // not hidden: not ours
        };
        writeBytes(dir / stale.toStdString(), "partial");
        for (const auto& name : lookalikes) writeBytes(dir / name.toStdString(), "x");
        writeFileAtomically(file, "new", 3);
        QStringList expected = lookalikes;
        expected << "table.csv";
        QCOMPARE(strayEntries(dir, expected), QStringList{});
        for (const auto& name : expected) QVERIFY2(fs::exists(dir / name.toStdString()), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrites)
#include "test_atomic_writes.moc"
