// The lwinnn command-line tool: help, version, argument errors, and a demo-data → train → score round trip.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
        for (const char* command :
             {"train", "score", "eval", "demo-data", "bench", "fetch-weights", "info", "export"})
            QVERIFY2(help.out.contains(QString("  ") + command), command);
        // A command's --help shows that command, all of its forms, and no other command.
        const auto score = test::runCli({"score", "--help"});
        QCOMPARE(score.exitCode, 0);
        QVERIFY2(score.out.startsWith("Usage: lwinnn score") && score.out.contains("  score MODEL") &&
                     score.out.contains("--range LOW:HIGH") && !score.out.contains("  train ") &&
                     !score.out.contains("  eval "),
                 qPrintable(score.out));
        const auto bench = test::runCli({"bench", "--search", "--help"});
        QVERIFY2(bench.out.contains("  bench --data") && bench.out.contains("  bench --search") &&
                     bench.out.contains("  bench --metrics") && !bench.out.contains("  export "),
                 qPrintable(bench.out));
        for (const char* command :
             {"train", "score", "eval", "demo-data", "bench", "fetch-weights", "info", "export"}) {
            const auto r = test::runCli({command, "--help"});
            QVERIFY2(
                r.exitCode == 0 && r.out.contains(QString("\n  ") + command) && !r.out.contains("Commands:"),
                qPrintable(r.out));
        }
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
        QTest::newRow("unknown option")
            << QStringList{"train", "--data", "x", "--out", "y", "--colour", "red"} << 2
            << "unknown option '--colour'";
        QTest::newRow("missing value") << QStringList{"train", "--data"} << 2 << "--data needs a value";
        QTest::newRow("bad pixel limit")
            << QStringList{"score", "m.lwinnn", "one.png", "--max-pixels", "lots"} << 2
            << "--max-pixels needs a whole number";
        QTest::newRow("missing --out") << QStringList{"train", "--data", "x"} << 2 << "--out is required";
        QTest::newRow("bad window") << QStringList{"train", "--data", "x", "--out", "y", "--window", "0"} << 2
                                    << "--window needs a whole number";
        QTest::newRow("missing folder")
            << QStringList{"train", "--data", "/no/such/folder", "--out", "m.lwinnn"} << 1
            << "/no/such/folder: no such folder";
        QTest::newRow("missing model") << QStringList{"score", "/no/such/model.lwinnn", "a.png", "--out", "o"}
                                       << 1 << "/no/such/model.lwinnn";
        QTest::newRow("cuda absent") << QStringList{"train",    "--data", ".",         "--out", "m",
                                                    "--device", "cuda:7", "--weights", "random"}
                                     << 2 << "cuda:7";
        QTest::newRow("bad device") << QStringList{"train",    "--data", ".",         "--out", "m",
                                                   "--device", "tpu",    "--weights", "random"}
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

    void evalReproducesReference() {
        // `lwinnn eval` on mvtec_bottle at δ = 1 against the reference values (image AUROC 0.9977, AUPRO
        // 0.9675, pixel AUROC 0.9895), plus its JSON and CSV.
        LWINNN_REQUIRE_SHARED("weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth");
        LWINNN_REQUIRE_SHARED("datasets/mvtec_bottle");
        const auto json = m_dir / "bottle.json";
        const auto csv = m_dir / "bottle.csv";
        const auto r = test::runCli(
            {"eval", "--data", path(test::sharedDir() / "datasets" / "mvtec_bottle"), "--window", "1",
             "--weights", path(test::sharedDir() / "weights" / "resnet18_imagenet1k_v1_bnfolded_trunk.pth"),
             "--device", "cpu", "--per-type", "--json", path(json), "--csv", path(csv)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList row =
            r.out.split('\n').filter(QRegularExpression("^mvtec_bottle ")).value(0).simplified().split(' ');
        QVERIFY2(row.size() >= 6, qPrintable(r.out));
        QCOMPARE(row[1], QString("1"));
        QCOMPARE(row[2], QString("42"));
        QVERIFY2(std::abs(row[3].toDouble() - 0.9977) <= 0.002, qPrintable(r.out));
        QVERIFY2(std::abs(row[4].toDouble() - 0.9675) <= 0.002, qPrintable(r.out));
        QVERIFY2(std::abs(row[5].toDouble() - 0.9895) <= 0.002, qPrintable(r.out));
        QVERIFY(r.out.contains("broken_large") && r.out.contains("contamination"));
        QFile jsonFile(path(json));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(jsonFile.readAll()).object();
        const QJsonObject result = doc["results"].toArray()[0].toObject();
        QCOMPARE(result["window"].toInt(), 1);
        QVERIFY(std::abs(result["aupro"].toDouble() - row[4].toDouble()) < 1e-4);
        QCOMPARE(result["images"].toArray().size(), 42);
        QCOMPARE(result["per_type"].toArray().size(), 3);
        QVERIFY(result["pro"].toObject()["fpr"].toArray().size() > 10);
        QCOMPARE(doc["configuration"].toObject()["resize"].toString(), QString("keep-aspect"));
        QFile csvFile(path(csv));
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csvFile.readAll()).trimmed().split('\n').size(), 1 + 1 + 3);
    }

    void trainScoreRoundTrip() {
        const auto data = m_dir / "demo";
        auto r = test::runCli({"demo-data", path(data), "--seed", "3", "--size", "96"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto model = m_dir / "demo.lwinnn";
        r = test::runCli({"train", "--data", path(data), "--out", path(model), "--window", "5", "--weights",
                          "random", "--device", "cpu"});
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
        QCOMPARE(lines.front(), QString("file,score,overlay,map,output_scale"));
        QCOMPARE(lines.size(), 1 + 8);
        double first = lines[1].section(',', 1, 1).toDouble();
        QVERIFY(first > 0);
        // Each row names its image's output files, under the images' folders below the deepest folder that
        // holds every input (m_dir: the hole folder and corrupt.png).
        const auto hole = out / "demo" / "test" / "hole";
        QCOMPARE(lines[1].section(',', 2),
                 path(hole / "000_overlay.png") + "," + path(hole / "000_map.tiff") + ",1");
        QVERIFY(std::filesystem::exists(hole / "000_overlay.png"));
        QVERIFY(std::filesystem::exists(hole / "000_map.tiff"));
        const RgbImage overlay = decodeImage(hole / "000_overlay.png");
        QCOMPARE(overlay.width, 96);

        // Images of the same name in different folders keep their folder in the output names.
        const auto two = m_dir / "two_folders";
        r = test::runCli({"score", path(model), path(data / "test" / "hole" / "000.png"),
                          path(data / "test" / "good" / "000.png"), "--out", path(two)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList rows = r.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 3);
        QVERIFY2(rows[1].endsWith(path(two / "hole" / "000_overlay.png") + "," +
                                  path(two / "hole" / "000_map.tiff") + ",1"),
                 qPrintable(rows[1]));
        QVERIFY2(rows[2].endsWith(path(two / "good" / "000_overlay.png") + "," +
                                  path(two / "good" / "000_map.tiff") + ",1"),
                 qPrintable(rows[2]));
        for (const char* folder : {"hole", "good"}) {
            QVERIFY(std::filesystem::exists(two / folder / "000_overlay.png"));
            QVERIFY(std::filesystem::exists(two / folder / "000_map.tiff"));
        }

        // The same image scored again gives the same score; existing outputs are not overwritten silently.
        r = test::runCli(
            {"score", path(model), path(data / "test" / "hole" / "000.png"), "--out", path(hole)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("already exists"));
        r = test::runCli(
            {"score", path(model), path(data / "test" / "hole" / "000.png"), "--out", path(hole), "--force"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed().split('\n')[1].section(',', 1, 1).toDouble(), first);

        r = test::runCli({"info", path(model)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("on 40 images") && r.out.contains("δ = 5"), qPrintable(r.out));
    }

    // --max-pixels: an image above the limit is refused by name, with its size and the limit, and skipped.
    void pixelLimitOption() {
        const auto model = m_dir / "demo.lwinnn";  // trained by trainScoreRoundTrip on 96 × 96 images
        const auto image = m_dir / "demo" / "test" / "hole" / "001.png";
        auto r = test::runCli(
            {"score", path(model), path(image), "--out", path(m_dir / "limit"), "--max-pixels", "9000"});
        QCOMPARE(r.exitCode, 1);  // nothing could be scored
        QVERIFY2(r.err.contains(path(image) + ": the image is 96 × 96 pixels") &&
                     r.err.contains("(0.00922 megapixels), more than the limit of 0.009 megapixels"),
                 qPrintable(r.err));
        r = test::runCli(
            {"score", path(model), path(image), "--out", path(m_dir / "limit"), "--max-pixels=9216"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    // A 20-megapixel image: its overlay and map are written at 16 megapixels at most, the CSV and a note give
    // the scale; --full-size-outputs writes them at the image's size.
    void largeImagesGetSmallerOutputs() {
        const auto model = m_dir / "demo.lwinnn";  // trained by trainScoreRoundTrip
        const auto image = m_dir / "large" / "frame.png";
        std::filesystem::create_directories(image.parent_path());
        cv::Mat frame(4000, 5000, CV_8UC3);
        cv::randu(frame, cv::Scalar::all(0), cv::Scalar::all(256));
        QVERIFY(cv::imwrite(image.string(), frame));
        frame.release();
        auto r = test::runCli({"score", path(model), path(image), "--out", path(m_dir / "large_out")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString row = r.out.trimmed().split('\n').last();
        const double scale = row.section(',', 4, 4).toDouble();
        QVERIFY2(std::abs(scale - 4472.0 / 5000.0) < 1e-6,
                 qPrintable(row));  // √(16 / 20) of 5000 px, floored
        QVERIFY2(r.err.contains("written at 4472 × 3577"), qPrintable(r.err));
        const RgbImage overlay = decodeImage(m_dir / "large_out" / "frame_overlay.png");
        QCOMPARE(overlay.width, 4472);
        QCOMPARE(overlay.height, 3577);
        const cv::Mat map =
            cv::imread((m_dir / "large_out" / "frame_map.tiff").string(), cv::IMREAD_UNCHANGED);
        QCOMPARE(map.cols, 4472);
        QCOMPARE(map.type(), CV_32FC1);
        r = test::runCli(
            {"score", path(model), path(image), "--out", path(m_dir / "large_full"), "--full-size-outputs"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed().split('\n').last().section(',', 4, 4), QString("1"));
        QCOMPARE(decodeImage(m_dir / "large_full" / "frame_overlay.png").width, 5000);
    }

    void benchScoresEveryReadableTestImage() {
        // Runs after trainScoreRoundTrip, which generated m_dir/demo. The last test image (of the last defect
        // folder, in name order) cannot be read: the partial batch before it is still scored.
        const auto data = m_dir / "bench_demo";
        std::filesystem::copy(m_dir / "demo", data, std::filesystem::copy_options::recursive);
        int readable = 0;
        std::filesystem::path last;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(data / "test"))
            if (entry.is_regular_file()) {
                ++readable;
                if (entry.path().parent_path().filename() == "stain" && entry.path() > last)
                    last = entry.path();
            }
        QVERIFY(!last.empty());
        std::ofstream(last, std::ios::trunc) << "cut off";
        --readable;
        QVERIFY2(readable % 8 != 0, "the test needs a partial last batch");
        const auto r = test::runCli(
            {"bench", "--data", path(data), "--window", "1", "--weights", "random", "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QString(" %1 test images (1 skipped)").arg(readable)), qPrintable(r.out));
        QVERIFY2(r.err.contains(path(last)), qPrintable(r.err));
    }

    void evalOnPlainFolders() {
        // Runs after trainScoreRoundTrip, which generated m_dir/demo: the demo's folders given one by one.
        LWINNN_REQUIRE_SHARED("weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth");
        const auto data = m_dir / "demo";
        QVERIFY(std::filesystem::exists(data / "train" / "good"));
        const auto r =
            test::runCli({"eval", "--normal", path(data / "train" / "good"), "--test",
                          path(data / "test" / "good") + "," + path(data / "test" / "hole"), "--masks",
                          path(data / "ground_truth" / "hole"), "--window", "1", "--weights",
                          path(test::sharedDir() / "weights" / "resnet18_imagenet1k_v1_bnfolded_trunk.pth"),
                          "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList rows = r.out.split('\n').filter(QRegularExpression("^demo "));
        QCOMPARE(rows.size(), 1);
        QVERIFY2(rows[0].simplified().startsWith("demo 1 18 "), qPrintable(rows[0]));  // 10 good + 8 holes

        const auto bad =
            test::runCli({"eval", "--normal", path(data / "train" / "good"), "--weights", "random"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("--normal needs --test"));
    }

    void evalOverARootOfCategories() {
        // Two small demo categories side by side: one table row each, the paper's mean row, and JSON and CSV
        // holding both and their mean.
        const auto root = m_dir / "root";
        for (const auto& [name, seed] : {std::pair{"alpha", "1"}, std::pair{"beta", "2"}}) {
            const auto r = test::runCli({"demo-data", path(root / name), "--seed", seed, "--size", "96"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        std::filesystem::create_directories(root / "notes");  // not a category: ignored
        const auto json = m_dir / "root.json";
        const auto csv = m_dir / "root.csv";
        const auto r =
            test::runCli({"eval", "--data", path(root), "--window", "1", "--max-train", "8", "--weights",
                          "random", "--device", "cpu", "--json", path(json), "--csv", path(csv)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("2 categories under"), qPrintable(r.err));
        const QStringList lines = r.out.split('\n');
        QCOMPARE(lines.filter(QRegularExpression("^alpha +1 +34 ")).size(), 1);
        QCOMPARE(lines.filter(QRegularExpression("^beta +1 +34 ")).size(), 1);
        QCOMPARE(lines.filter(QRegularExpression("^mean +1 ")).size(), 1);

        QFile file(path(json));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonArray categories = doc["categories"].toArray();
        QCOMPARE(categories.size(), 2);
        double sum = 0;
        for (const auto& c : categories) {
            QCOMPARE(c.toObject()["dataset"].toObject()["train_images"].toInt(), 8);
            sum += c.toObject()["results"].toArray()[0].toObject()["image_auroc"].toDouble();
        }
        const QJsonObject mean = doc["mean"].toArray()[0].toObject();
        QCOMPARE(mean["categories"].toInt(), 2);
        QVERIFY(std::abs(mean["image_auroc"].toDouble() - sum / 2) < 1e-12);
        QVERIFY(mean.contains("aupro"));
        QFile csvFile(path(csv));
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csvFile.readAll()).trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 2 * (1 + 3) + 1);  // per category: all, then its three defect types
        QVERIFY(rows.last().startsWith("mean,,1,all,"));

        // A model belongs to one category: refused over a root, before any work.
        const auto withModel =
            test::runCli({"eval", "--data", path(root), "--model", path(m_dir / "none.lwinnn")});
        QCOMPARE(withModel.exitCode, 2);
        QVERIFY2(withModel.err.contains("holds 2 categories"), qPrintable(withModel.err));
        // A folder of neither categories nor a data set is named in the error.
        const auto empty = test::runCli({"eval", "--data", path(root / "notes"), "--weights", "random"});
        QVERIFY(empty.exitCode != 0);
        QVERIFY2(empty.err.contains("notes") && empty.err.contains("categories"), qPrintable(empty.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
