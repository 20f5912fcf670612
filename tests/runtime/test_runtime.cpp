// The runtime library (runtime/): its C interface and C++ wrapper give the scores and maps of `lwinnn score`;
// the example program prints the CLI's CSV; bad input is refused with the right status and a message naming
// the file; only lwinnn_* symbols are exported.
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include <QScopeGuard>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <thread>

#include <lwinnn/lwinnn.h>
#include <lwinnn/lwinnn.hpp>

#include "cpu_budget.h"
#include "image_io.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

constexpr int kWindow = 3;           // small, so that the suite stays quick
constexpr double kTolerance = 1e-4;  // relative, as the parity fixtures define it

QString qpath(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

// The fields of one CSV line (RFC 4180 quoting).
QStringList csvFields(const QString& line) {
    QStringList fields{QString()};
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.push_back(QString());
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

// CSV whose first two columns are "file,score" (the example's, or the CLI's with its output files after them)
// → score by file; the header must be first.
std::map<QString, double> parseCsv(const QString& text) {
    std::map<QString, double> scores;
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty() || !(lines.front() == "file,score" || lines.front().startsWith("file,score,")))
        return scores;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = csvFields(lines[i]);
        if (fields.size() >= 2) scores[fields[0]] = fields[1].toDouble();
    }
    return scores;
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runProgram(const QString& program, const QStringList& args) {
    QProcess process;
    process.start(program, args);
    Run r;
    if (!process.waitForStarted(30000) || !process.waitForFinished(lwinnn::test::scaledTimeoutMs(600000))) {
        r.err = "could not run " + program;
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

// Closes a model at the end of a scope.
struct OpenModel {
    lwinnn_model* model = nullptr;
    ~OpenModel() { lwinnn_close(model); }
};

}  // namespace

class TestRuntime : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;
    std::filesystem::path m_model;
    std::filesystem::path m_images;             // a few test images, one unreadable file, one text file
    std::vector<std::filesystem::path> m_good;  // the readable ones
    std::map<QString, double> m_cliScores;
    std::filesystem::path m_cliMaps;

  private slots:
    void initTestCase() {
        m_dir = test::scratchDir("runtime");
        const auto data = m_dir / "demo";
        auto r = test::runCli({"demo-data", qpath(data), "--seed", "11", "--size", "96"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Eight training images keep the suite quick; parity does not need a good detector.
        const auto train = m_dir / "train";
        std::filesystem::create_directories(train);
        const auto allTrain = listImages(data / "train" / "good");
        QVERIFY(allTrain.size() >= 8);
        for (std::size_t i = 0; i < 8; ++i)
            std::filesystem::copy_file(allTrain[i], train / allTrain[i].filename());
        m_model = m_dir / "demo.lwinnn";
        r = test::runCli({"train", "--data", qpath(train), "--out", qpath(m_model), "--window", "5",
                          "--weights", "random", "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Two defective and one good image, a file that is not an image, and a text file (not listed).
        m_images = m_dir / "images";
        std::filesystem::create_directories(m_images);
        const auto hole = listImages(data / "test" / "hole");
        const auto good = listImages(data / "test" / "good");
        QVERIFY(hole.size() >= 2 && !good.empty());
        for (const auto& source : {hole[0], hole[1], good[0]}) {
            const auto target = m_images / ("a_" + source.parent_path().filename().string() + "_" +
                                            source.filename().string());
            std::filesystem::copy_file(source, target);
            m_good.push_back(target);
        }
        std::sort(m_good.begin(), m_good.end());
        std::ofstream(m_images / "broken.png") << "not a PNG";
        std::ofstream(m_images / "notes.txt") << "not an image";

        // The reference: the CLI at the same window.
        m_cliMaps = m_dir / "cli";
        r = test::runCli({"score", qpath(m_model), qpath(m_images), "--out", qpath(m_cliMaps), "--window",
                          QString::number(kWindow), "--device", "cpu"});
        QCOMPARE(r.exitCode, 3);  // broken.png was skipped
        QVERIFY2(r.err.contains("broken.png"), qPrintable(r.err));
        m_cliScores = parseCsv(r.out);
        QCOMPARE(m_cliScores.size(), m_good.size());
    }

    void versionAndStatusNames() {
        QCOMPARE(QString(lwinnn_version()), QString(LWINNN_TEST_PROJECT_VERSION));
        QCOMPARE(QString(lwinnn_status_name(LWINNN_ERROR_BUFFER_TOO_SMALL)),
                 QString("LWINNN_ERROR_BUFFER_TOO_SMALL"));
        QCOMPARE(QString::fromStdString(runtime::version()), QString(LWINNN_TEST_PROJECT_VERSION));
    }

    void modelInfo() {
        OpenModel m;
        QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", &m.model), LWINNN_OK);
        QVERIFY(m.model != nullptr);
        QCOMPARE(QString(lwinnn_last_error()), QString());
        lwinnn_info info{};
        QCOMPARE(lwinnn_model_info(m.model, &info), LWINNN_OK);
        QCOMPARE(info.input_width, 256);  // the demo images are square: the short side becomes 256
        QCOMPARE(info.input_height, 256);
        QCOMPARE(info.grid_width, 62);
        QCOMPARE(info.grid_height, 62);
        QCOMPARE(info.channels, 448);
        QCOMPARE(info.window, 5);  // the model file's own window
        QCOMPARE(info.bank_images, 8);
        QCOMPARE(info.square_resize, 0);
        QCOMPARE(QString(info.device), QString("cpu"));

        QCOMPARE(lwinnn_set_window(m.model, kWindow), LWINNN_OK);
        QCOMPARE(lwinnn_model_info(m.model, &info), LWINNN_OK);
        QCOMPARE(info.window, kWindow);
        QCOMPARE(lwinnn_set_window(m.model, 0), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("window size 0"), lwinnn_last_error());
        QCOMPARE(lwinnn_set_window(m.model, 64), LWINNN_ERROR_INVALID_ARGUMENT);
        QCOMPARE(lwinnn_model_info(m.model, &info), LWINNN_OK);
        QCOMPARE(info.window, kWindow);                     // a refused window changes nothing
        QCOMPARE(QString(lwinnn_last_error()), QString());  // a successful call clears the message
    }

    void scoresAndMapsMatchCli() {
        OpenModel m;
        QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", &m.model), LWINNN_OK);
        QCOMPARE(lwinnn_set_window(m.model, kWindow), LWINNN_OK);
        for (const auto& file : m_good) {
            // Learn the size from a decode-only call, then score with a map that fits.
            float unused = 0;
            int width = 0, height = 0;
            QCOMPARE(lwinnn_score_file(m.model, file.c_str(), &unused, &unused, 0, &width, &height),
                     LWINNN_ERROR_BUFFER_TOO_SMALL);
            QCOMPARE(width, 96);
            QCOMPARE(height, 96);
            std::vector<float> map(static_cast<std::size_t>(width * height), -1.0f);
            float score = -1;
            QCOMPARE(lwinnn_score_file(m.model, file.c_str(), &score, map.data(),
                                       static_cast<int>(map.size()), &width, &height),
                     LWINNN_OK);

            const double expected = m_cliScores.at(qpath(file));
            QVERIFY2(test::relToMaxOne(score, expected) <= kTolerance,
                     qPrintable(QString("%1: C API %2, CLI %3").arg(qpath(file)).arg(score).arg(expected)));
            QVERIFY(score > 0);

            // The CLI's float TIFF holds the same map at the image's size.
            const cv::Mat tiff =
                cv::imread((m_cliMaps / (file.stem().string() + "_map.tiff")).string(), cv::IMREAD_UNCHANGED);
            QCOMPARE(tiff.type(), CV_32FC1);
            QCOMPARE(tiff.cols, width);
            QCOMPARE(tiff.rows, height);
            double worst = 0;
            for (int y = 0; y < height; ++y)
                for (int x = 0; x < width; ++x)
                    worst = std::max(worst, test::relToMaxOne(map[static_cast<std::size_t>(y * width + x)],
                                                              tiff.at<float>(y, x)));
            QVERIFY2(worst <= kTolerance, qPrintable(QString("map differs by %1").arg(worst)));
            // The image score is the largest patch score; the blurred map stays below it.
            QVERIFY(*std::max_element(map.begin(), map.end()) <= score * (1 + kTolerance));
        }
    }

    // The library leaves the program's thread count alone while it opens and scores; lwinnn_set_threads sets
    // it, 0 meaning OMP_NUM_THREADS or every CPU the process may use.
    void threadsAreTheProgramsChoice() {
        const int before = lwinnn_threads();
        QVERIFY(before >= 1);
        {
            OpenModel m;
            QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", &m.model), LWINNN_OK);
            float score = 0;
            QCOMPARE(lwinnn_score_file(m.model, m_good.front().c_str(), &score, nullptr, 0, nullptr, nullptr),
                     LWINNN_OK);
        }
        QCOMPARE(lwinnn_threads(), before);
        QCOMPARE(lwinnn_set_threads(-1), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("negative"), lwinnn_last_error());
        QCOMPARE(lwinnn_set_threads(1), LWINNN_OK);
        QCOMPARE(lwinnn_threads(), 1);
        QCOMPARE(lwinnn_set_threads(0), LWINNN_OK);
        const auto asked = ompNumThreads(std::getenv("OMP_NUM_THREADS"));
        QCOMPARE(lwinnn_threads(), asked ? *asked : availableCores());
        QCOMPARE(lwinnn_set_threads(before), LWINNN_OK);
    }

    // The pixel limit: lwinnn_score_file refuses a file above it on its header, lwinnn_score refuses pixels
    // above it, each naming the size and the limit; 0 is not a limit.
    void pixelLimit() {
        QCOMPARE(lwinnn_max_pixels(), std::int64_t{100'000'000});
        const auto restore = qScopeGuard([] { lwinnn_set_max_pixels(100'000'000); });
        OpenModel m;
        QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", &m.model), LWINNN_OK);
        const RgbImage image = decodeImage(m_good.front());
        QCOMPARE(lwinnn_set_max_pixels(std::int64_t{image.width} * image.height - 1), LWINNN_OK);
        float score = 0;
        QCOMPARE(lwinnn_score_file(m.model, m_good.front().c_str(), &score, nullptr, 0, nullptr, nullptr),
                 LWINNN_ERROR_FILE);
        QVERIFY2(QString(lwinnn_last_error()).contains(qpath(m_good.front())) &&
                     QString(lwinnn_last_error()).contains("more than the limit"),
                 lwinnn_last_error());
        QCOMPARE(lwinnn_score(m.model, image.pixels.data(), image.width, image.height, 3 * image.width,
                              &score, nullptr, 0),
                 LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("more than the limit"), lwinnn_last_error());
        QCOMPARE(lwinnn_set_max_pixels(0), LWINNN_ERROR_INVALID_ARGUMENT);
        QCOMPARE(lwinnn_set_max_pixels(std::int64_t{image.width} * image.height), LWINNN_OK);
        QCOMPARE(lwinnn_score_file(m.model, m_good.front().c_str(), &score, nullptr, 0, nullptr, nullptr),
                 LWINNN_OK);
        QCOMPARE(lwinnn_set_max_pixels(100'000'000), LWINNN_OK);
    }

    void pixelsScoreLikeFiles() {
        // lwinnn_score on decoded pixels with padded rows equals lwinnn_score_file on the file.
        OpenModel m;
        QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", &m.model), LWINNN_OK);
        QCOMPARE(lwinnn_set_window(m.model, kWindow), LWINNN_OK);
        const RgbImage image = decodeImage(m_good.front());
        const int stride = 3 * image.width + 13;
        std::vector<std::uint8_t> padded(static_cast<std::size_t>(stride * image.height), 0xA5);
        for (int y = 0; y < image.height; ++y)
            std::copy_n(image.pixels.begin() + 3 * image.width * y, 3 * image.width,
                        padded.begin() + stride * y);
        std::vector<float> map(static_cast<std::size_t>(image.width * image.height));
        float score = 0;
        QCOMPARE(lwinnn_score(m.model, padded.data(), image.width, image.height, stride, &score, map.data(),
                              static_cast<int>(map.size())),
                 LWINNN_OK);
        const double expected = m_cliScores.at(qpath(m_good.front()));
        QVERIFY2(test::relToMaxOne(score, expected) <= kTolerance, qPrintable(QString::number(score)));

        // The C++ wrapper, on the same model file.
        runtime::Model model(m_model.string(), "cpu");
        model.setWindow(kWindow);
        const runtime::Score s = model.scoreFile(m_good.front().string());
        QCOMPARE(s.image, score);
        QCOMPARE(s.width, image.width);
        QCOMPARE(s.height, image.height);
        QCOMPARE(s.map.size(), map.size());
        for (std::size_t i = 0; i < map.size(); ++i)
            QVERIFY2(test::relToMaxOne(s.map[i], map[i]) <= kTolerance, qPrintable(QString::number(i)));
        const runtime::Score fromPixels =
            model.score(image.pixels.data(), image.width, image.height, 0, false);
        QCOMPARE(fromPixels.image, score);
        QVERIFY(fromPixels.map.empty());
    }

    void oneModelFromTwoThreads() {
        // Calls on one model are serialised inside; both threads get the single-threaded score.
        OpenModel m;
        QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", &m.model), LWINNN_OK);
        QCOMPARE(lwinnn_set_window(m.model, kWindow), LWINNN_OK);
        float scores[2] = {0, 0};
        lwinnn_status statuses[2] = {LWINNN_ERROR_INTERNAL, LWINNN_ERROR_INTERNAL};
        std::string foreignMessage = "unset";
        {
            std::jthread a([&] {
                statuses[0] =
                    lwinnn_score_file(m.model, m_good[0].c_str(), &scores[0], nullptr, 0, nullptr, nullptr);
            });
            std::jthread b([&] {
                statuses[1] =
                    lwinnn_score_file(m.model, m_good[0].c_str(), &scores[1], nullptr, 0, nullptr, nullptr);
            });
        }
        QCOMPARE(statuses[0], LWINNN_OK);
        QCOMPARE(statuses[1], LWINNN_OK);
        QCOMPARE(scores[0], scores[1]);
        QVERIFY(test::relToMaxOne(scores[0], m_cliScores.at(qpath(m_good[0]))) <= kTolerance);

        // The message is per thread: a failure on another thread leaves this thread's message alone.
        QCOMPARE(lwinnn_set_window(m.model, 0), LWINNN_ERROR_INVALID_ARGUMENT);
        const QString mine = lwinnn_last_error();
        std::jthread([&] {
            lwinnn_model* none = nullptr;
            lwinnn_open("/no/such/other.lwinnn", "cpu", &none);
            foreignMessage = lwinnn_last_error();
        }).join();
        QVERIFY2(foreignMessage.find("/no/such/other.lwinnn") != std::string::npos, foreignMessage.c_str());
        QCOMPARE(QString(lwinnn_last_error()), mine);
    }

    void exampleProgramPrintsTheCliCsv() {
        const Run r =
            runProgram(LWINNN_SCORE_FOLDER_PATH, {qpath(m_model), qpath(m_images), QString::number(kWindow)});
        QCOMPARE(r.exitCode, 3);  // as the CLI: scored, but broken.png was skipped
        QVERIFY2(r.err.contains("broken.png") && r.err.contains("LWINNN_ERROR_FILE"), qPrintable(r.err));
        const auto scores = parseCsv(r.out);
        QCOMPARE(scores.size(), m_cliScores.size());
        for (const auto& [file, expected] : m_cliScores) {
            QVERIFY2(scores.count(file) == 1, qPrintable(file + " missing from:\n" + r.out));
            QVERIFY2(test::relToMaxOne(scores.at(file), expected) <= kTolerance, qPrintable(file));
        }

        const Run missing =
            runProgram(LWINNN_SCORE_FOLDER_PATH, {qpath(m_dir / "absent.lwinnn"), qpath(m_images)});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(qpath(m_dir / "absent.lwinnn")), qPrintable(missing.err));
        QCOMPARE(runProgram(LWINNN_SCORE_FOLDER_PATH, {}).exitCode, 2);
    }

    void badModelFiles() {
        lwinnn_model* model = reinterpret_cast<lwinnn_model*>(this);  // must be reset to NULL on failure

        const std::string missing = (m_dir / "no_such_model.lwinnn").string();
        QCOMPARE(lwinnn_open(missing.c_str(), "cpu", &model), LWINNN_ERROR_FILE);
        QVERIFY(model == nullptr);
        QVERIFY2(QString(lwinnn_last_error()).contains(QString::fromStdString(missing)), lwinnn_last_error());

        // The first half of a real model: its header promises tensors the file does not hold.
        const auto truncated = m_dir / "truncated.lwinnn";
        {
            std::ifstream in(m_model, std::ios::binary);
            std::vector<char> bytes(std::filesystem::file_size(m_model) / 2);
            in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            std::ofstream(truncated, std::ios::binary)
                .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        }
        QCOMPARE(lwinnn_open(truncated.c_str(), "cpu", &model), LWINNN_ERROR_FORMAT);
        QVERIFY(model == nullptr);
        QVERIFY2(QString(lwinnn_last_error()).contains(qpath(truncated)), lwinnn_last_error());

        // Not a model at all: an image.
        QCOMPARE(lwinnn_open(m_good.front().c_str(), "cpu", &model), LWINNN_ERROR_FORMAT);
        QVERIFY2(QString(lwinnn_last_error()).contains(qpath(m_good.front())), lwinnn_last_error());

        QCOMPARE(lwinnn_open(m_model.c_str(), "tpu", &model), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("tpu"), lwinnn_last_error());

        // The C++ wrapper throws std::runtime_error with the library's message.
        try {
            runtime::Model wrapped(missing);
            QFAIL("opening a missing model did not throw");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(missing)), e.what());
            QCOMPARE(dynamic_cast<const runtime::Failure&>(e).status(), LWINNN_ERROR_FILE);
        }
    }

    void nullPointersAndBadArguments() {
        lwinnn_model* model = nullptr;
        QCOMPARE(lwinnn_open(nullptr, "cpu", &model), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("lwinnn_open: model_path is NULL"),
                 lwinnn_last_error());
        QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", nullptr), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("out is NULL"), lwinnn_last_error());
        QCOMPARE(lwinnn_open("", "cpu", &model), LWINNN_ERROR_INVALID_ARGUMENT);
        QCOMPARE(lwinnn_model_info(nullptr, nullptr), LWINNN_ERROR_INVALID_ARGUMENT);
        QCOMPARE(lwinnn_set_window(nullptr, 3), LWINNN_ERROR_INVALID_ARGUMENT);
        lwinnn_close(nullptr);  // ignored

        OpenModel m;
        QCOMPARE(lwinnn_open(m_model.c_str(), nullptr, &m.model), LWINNN_OK);  // NULL device: auto
        const std::uint8_t pixels[4 * 4 * 3] = {};
        float score = 0;
        QCOMPARE(lwinnn_model_info(m.model, nullptr), LWINNN_ERROR_INVALID_ARGUMENT);
        QCOMPARE(lwinnn_score(nullptr, pixels, 4, 4, 12, &score, nullptr, 0), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("lwinnn_score: model is NULL"), lwinnn_last_error());
        QCOMPARE(lwinnn_score(m.model, nullptr, 4, 4, 12, &score, nullptr, 0), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("rgb is NULL"), lwinnn_last_error());
        QCOMPARE(lwinnn_score(m.model, pixels, 4, 4, 12, nullptr, nullptr, 0), LWINNN_ERROR_INVALID_ARGUMENT);
        QCOMPARE(lwinnn_score(m.model, pixels, 0, 4, 12, &score, nullptr, 0), LWINNN_ERROR_INVALID_ARGUMENT);
        QCOMPARE(lwinnn_score(m.model, pixels, 4, 4, 11, &score, nullptr, 0), LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("row_stride_bytes 11"), lwinnn_last_error());
        QCOMPARE(lwinnn_score_file(m.model, nullptr, &score, nullptr, 0, nullptr, nullptr),
                 LWINNN_ERROR_INVALID_ARGUMENT);
        QVERIFY2(QString(lwinnn_last_error()).contains("image_path is NULL"), lwinnn_last_error());

        const std::string absentImage = (m_dir / "absent.png").string();
        QCOMPARE(lwinnn_score_file(m.model, absentImage.c_str(), &score, nullptr, 0, nullptr, nullptr),
                 LWINNN_ERROR_FILE);
        QVERIFY2(QString(lwinnn_last_error()).contains(QString::fromStdString(absentImage)),
                 lwinnn_last_error());
    }

    void tooSmallMapBuffer() {
        OpenModel m;
        QCOMPARE(lwinnn_open(m_model.c_str(), "cpu", &m.model), LWINNN_OK);
        const auto& file = m_good.front();
        std::vector<float> map(96 * 96 - 1, 7.0f);
        float score = -1;
        int width = 0, height = 0;
        QCOMPARE(lwinnn_score_file(m.model, file.c_str(), &score, map.data(), static_cast<int>(map.size()),
                                   &width, &height),
                 LWINNN_ERROR_BUFFER_TOO_SMALL);
        const QString message = lwinnn_last_error();
        QVERIFY2(message.contains(qpath(file)) && message.contains("9216 floats") &&
                     message.contains("holds 9215"),
                 qPrintable(message));
        QCOMPARE(width, 96);
        QCOMPARE(height, 96);
        QCOMPARE(score, -1.0f);  // refused before scoring: nothing written
        QVERIFY(std::all_of(map.begin(), map.end(), [](float v) { return v == 7.0f; }));

        const RgbImage image = decodeImage(file);
        QCOMPARE(lwinnn_score(m.model, image.pixels.data(), image.width, image.height, 3 * image.width,
                              &score, map.data(), -5),
                 LWINNN_ERROR_BUFFER_TOO_SMALL);
        QVERIFY2(QString(lwinnn_last_error())
                         .startsWith("lwinnn_score: the anomaly map needs 96×96 = 9216 floats") &&
                     QString(lwinnn_last_error()).endsWith("holds 0"),
                 lwinnn_last_error());
    }

    void exportsOnlyTheCApi() {
        const QString nm = QStandardPaths::findExecutable("nm");
        if (nm.isEmpty()) QSKIP("nm (binutils) is not installed");
        const Run r = runProgram(nm, {"-D", "--defined-only", LWINNN_RUNTIME_LIBRARY});
        QCOMPARE(r.exitCode, 0);
        QStringList names;
        for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts))
            names << line.split(' ', Qt::SkipEmptyParts).last();
        for (const QString& name : names)
            QVERIFY2(name.startsWith("lwinnn_"), qPrintable("exported: " + name));
        for (const char* function :
             {"lwinnn_version", "lwinnn_status_name", "lwinnn_last_error", "lwinnn_open", "lwinnn_close",
              "lwinnn_model_info", "lwinnn_set_window", "lwinnn_score", "lwinnn_score_file"})
            QVERIFY2(names.contains(function), function);

        // The SONAME carries the major version: liblwinnn-runtime.so.<major>.
        const QString readelf = QStandardPaths::findExecutable("readelf");
        if (readelf.isEmpty()) QSKIP("readelf (binutils) is not installed");
        const Run d = runProgram(readelf, {"-d", LWINNN_RUNTIME_LIBRARY});
        const QString major = QString(lwinnn_version()).section('.', 0, 0);
        QVERIFY2(d.out.contains("Library soname: [liblwinnn-runtime.so." + major + "]"), qPrintable(d.out));
    }
};

QTEST_GUILESS_MAIN(TestRuntime)
#include "test_runtime.moc"
