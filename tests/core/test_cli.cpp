// The lwinnn command-line tool: help, version, argument errors, and a demo-data → train → score round trip.
#include <QDir>
#include <QRegularExpression>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

#include "image_io.h"
#include "test_support.h"

using namespace lwinnn;

class TestCli : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;

    static QString path(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

private slots:
    void initTestCase() { m_dir = test::scratchDir("cli"); }

    void helpAndVersion() {
        const auto help = test::runCli({"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* command : {"train", "score", "eval", "demo-data", "bench", "fetch-weights"})
            QVERIFY2(help.out.contains(QString("  ") + command), command);
        QVERIFY(test::runCli({"score", "--help"}).out.contains("Usage: lwinnn"));
        const auto version = test::runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(QRegularExpression("^lwinnn \\d+\\.\\d+\\.\\d+\\n$").match(version.out).hasMatch());
    }

    void badArguments_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << 2 << "Usage";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "unknown command 'frobnicate'";
        QTest::newRow("unknown option") << QStringList{"train", "--data", "x", "--out", "y", "--colour", "red"} << 2
                                        << "unknown option '--colour'";
        QTest::newRow("missing value") << QStringList{"train", "--data"} << 2 << "--data needs a value";
        QTest::newRow("missing --out") << QStringList{"train", "--data", "x"} << 2 << "--out is required";
        QTest::newRow("bad window") << QStringList{"train", "--data", "x", "--out", "y", "--window", "0"} << 2
                                    << "--window needs a whole number";
        QTest::newRow("missing folder") << QStringList{"train", "--data", "/no/such/folder", "--out", "m.lwinnn"} << 1
                                        << "/no/such/folder: no such folder";
        QTest::newRow("missing model") << QStringList{"score", "/no/such/model.lwinnn", "a.png", "--out", "o"} << 1
                                       << "/no/such/model.lwinnn";
        QTest::newRow("cuda absent") << QStringList{"train", "--data", ".", "--out", "m", "--device", "cuda:7", "--weights", "random"}
                                     << 2 << "cuda:7";
        QTest::newRow("bad device") << QStringList{"train", "--data", ".", "--out", "m", "--device", "tpu", "--weights", "random"}
                                    << 2 << "unknown device 'tpu'";
    }

    void badArguments() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        // A folder with one image, so that device errors are reached.
        const auto dir = test::scratchDir("cli_bad");
        QVERIFY(cv::imwrite((dir / "one.png").string(), cv::Mat(64, 64, CV_8UC3, cv::Scalar(40, 80, 120))));
        QVERIFY(QDir::setCurrent(path(dir)));
        const auto r = test::runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void trainScoreRoundTrip() {
        const auto data = m_dir / "demo";
        auto r = test::runCli({"demo-data", path(data), "--seed", "3", "--size", "96"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto model = m_dir / "demo.lwinnn";
        r = test::runCli({"train", "--data", path(data), "--out", path(model), "--window", "5", "--weights", "random",
                          "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("RANDOM"), qPrintable(r.err));  // random weights are never silent
        QVERIFY(r.err.contains("Trained on 40 images"));
        QVERIFY(std::filesystem::file_size(model) > 1000000);

        // Training again onto the same file is refused without --force, and the model survives.
        const auto size = std::filesystem::file_size(model);
        r = test::runCli({"train", "--data", path(data), "--out", path(model), "--weights", "random"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("already exists"));
        QCOMPARE(std::filesystem::file_size(model), size);

        // Score a folder plus a corrupt file: CSV on stdout, heatmaps on disk, the bad file named.
        const auto bad = m_dir / "corrupt.png";
        { std::ofstream(bad) << "not a png"; }
        const auto out = m_dir / "scores";
        r = test::runCli({"score", path(model), path(data / "test" / "hole"), path(bad), "--out", path(out)});
        QCOMPARE(r.exitCode, 3);  // scored, but something was skipped
        QVERIFY2(r.err.contains("corrupt.png"), qPrintable(r.err));
        const QStringList lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.front(), QString("file,score"));
        QCOMPARE(lines.size(), 1 + 8);
        double first = lines[1].section(',', 1).toDouble();
        QVERIFY(first > 0);
        QVERIFY(std::filesystem::exists(out / "000_overlay.png"));
        QVERIFY(std::filesystem::exists(out / "000_map.tiff"));
        const RgbImage overlay = decodeImage(out / "000_overlay.png");
        QCOMPARE(overlay.width, 96);

        // The same image scored again gives the same score; existing outputs are not overwritten silently.
        r = test::runCli({"score", path(model), path(data / "test" / "hole" / "000.png"), "--out", path(out)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("already exists"));
        r = test::runCli({"score", path(model), path(data / "test" / "hole" / "000.png"), "--out", path(out), "--force"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed().split('\n')[1].section(',', 1).toDouble(), first);

        r = test::runCli({"info", path(model)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("on 40 images") && r.out.contains("δ = 5"), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
