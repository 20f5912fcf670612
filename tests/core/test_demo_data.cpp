// Tests core/demo_data.*: the MVTec AD layout and counts, byte-identical output for a seed, masks that are
// binary, of the image's size and cover exactly what the defect changed, and the folder rules (a foreign
// non-empty folder is refused and left alone, a previous demo set is replaced, a cancelled run leaves
// nothing).
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "dataset.h"
#include "demo_data.h"
#include "error.h"
#include "image_io.h"
#include "test_support.h"

using namespace lwinnn;
namespace fs = std::filesystem;

namespace {

DemoDataOptions smallOptions(std::uint64_t seed) {
    DemoDataOptions options;
    options.seed = seed;
    options.imageSize = 96;
    options.trainGood = 4;
    options.testGood = 2;
    options.testPerDefect = 3;
    return options;
}

// Every file under `dir`, as sorted relative paths with forward slashes.
std::vector<std::string> filesUnder(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), dir).generic_string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string stem(int i) {
    const std::string digits = std::to_string(i);
    return std::string(3 - std::min<std::size_t>(3, digits.size()), '0') + digits;
}

std::vector<std::string> expectedFiles(const DemoDataOptions& options) {
    std::vector<std::string> files{kDemoMarkerFile};
    for (int i = 0; i < options.trainGood; ++i) files.push_back("train/good/" + stem(i) + ".png");
    for (int i = 0; i < options.testGood; ++i) files.push_back("test/good/" + stem(i) + ".png");
    for (const char* type : {"scratch", "hole", "stain"}) {
        for (int i = 0; i < options.testPerDefect; ++i) {
            files.push_back(std::string("test/") + type + "/" + stem(i) + ".png");
            files.push_back(std::string("ground_truth/") + type + "/" + stem(i) + "_mask.png");
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeText(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

QStringList toQt(const std::vector<std::string>& list) {
    QStringList out;
    for (const auto& s : list) out << QString::fromStdString(s);
    return out;
}

// The message of the UsageError generateDemoData throws (empty when it did not throw one).
QString usageError(const fs::path& dir, const DemoDataOptions& options) {
    try {
        generateDemoData(dir, options);
    } catch (const UsageError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestDemoData : public QObject {
    Q_OBJECT

  private slots:
    void writesTheMvtecLayout();
    void defaultSetDecodesWithBinaryMasks();
    void sameSeedGivesIdenticalBytes();
    void otherSeedGivesOtherImages();
    void maskCoversWhatTheDefectChanged_data();
    void maskCoversWhatTheDefectChanged();
    void goodSamplesHaveNoMaskAndVary();
    void refusesForeignFolderAndLeavesItAlone();
    void refusesAFile();
    void regeneratesOverPreviousDemoSet();
    void cancelLeavesNoDataSet();
    void refusesBadOptions();
    void reportsWriteFailures();
};

void TestDemoData::writesTheMvtecLayout() {
    const fs::path dir = test::scratchDir("demo_layout") / "set";  // does not exist yet: created
    const DemoDataOptions options = smallOptions(11);
    std::vector<std::pair<std::size_t, std::size_t>> reports;
    Progress progress;
    progress.report = [&](std::size_t done, std::size_t total, const std::string& what) {
        QCOMPARE(QString::fromStdString(what), QStringLiteral("rendering demo images"));
        reports.emplace_back(done, total);
    };
    generateDemoData(dir, options, progress);

    QCOMPARE(toQt(filesUnder(dir)), toQt(expectedFiles(options)));
    const std::string marker = readText(dir / kDemoMarkerFile);
    QVERIFY2(marker.find("seed: 11\n") != std::string::npos, marker.c_str());
    QVERIFY2(marker.find("image size: 96\n") != std::string::npos, marker.c_str());

    const std::size_t total = 4 + 2 + 3 * 3;
    QCOMPARE(reports.size(), total + 1);
    for (std::size_t i = 0; i < reports.size(); ++i) {
        QCOMPARE(reports[i].first, i);
        QCOMPARE(reports[i].second, total);
    }

    // the project's own reader accepts it, masks and all
    const Dataset dataset = readMvtecDataset(dir);
    QCOMPARE(dataset.train.size(), std::size_t(4));
    QCOMPARE(dataset.test.size(), std::size_t(2 + 3 * 3));
    QCOMPARE(dataset.defectTypes, (std::vector<std::string>{"hole", "scratch", "stain"}));
    for (const auto& sample : dataset.test) QCOMPARE(sample.mask.has_value(), sample.isDefect());
}

void TestDemoData::defaultSetDecodesWithBinaryMasks() {
    const fs::path dir = test::scratchDir("demo_default");
    const DemoDataOptions options;  // the set the product offers: 256 px, 40 + 10 + 3 × 8
    generateDemoData(dir, options);
    const auto files = filesUnder(dir);
    QCOMPARE(toQt(files), toQt(expectedFiles(options)));

    for (const auto& name : files) {
        if (name == kDemoMarkerFile || name.starts_with("ground_truth/")) continue;
        const RgbImage image = decodeImage(dir / name);
        QCOMPARE(image.width, 256);
        QCOMPARE(image.height, 256);
        // a part on a belt, not a flat fill: a wide range of grey levels
        const auto [lo, hi] = std::minmax_element(image.pixels.begin(), image.pixels.end());
        QVERIFY2(*hi - *lo > 120, name.c_str());
        if (!name.starts_with("test/") || name.starts_with("test/good/")) continue;

        const std::string maskName =
            "ground_truth/" + name.substr(5, name.size() - 5 - 4) + "_mask.png";  // test/<type>/<stem>.png
        const GreyImage mask = decodeMask(dir / maskName);
        QCOMPARE(mask.width, image.width);
        QCOMPARE(mask.height, image.height);
        const auto defective = std::count(mask.pixels.begin(), mask.pixels.end(), std::uint8_t(255));
        const auto clear = std::count(mask.pixels.begin(), mask.pixels.end(), std::uint8_t(0));
        QCOMPARE(static_cast<std::size_t>(defective + clear), mask.pixels.size());  // 0 or 255 only
        QVERIFY2(defective >= 16, maskName.c_str());
        QVERIFY2(defective <= 256 * 256 * 15 / 1000, maskName.c_str());  // visible, not trivially huge
    }
}

void TestDemoData::sameSeedGivesIdenticalBytes() {
    const fs::path a = test::scratchDir("demo_same_a");
    const fs::path b = test::scratchDir("demo_same_b");
    generateDemoData(a, smallOptions(5));
    generateDemoData(b, smallOptions(5));
    const auto files = filesUnder(a);
    QCOMPARE(toQt(filesUnder(b)), toQt(files));
    for (const auto& name : files) QVERIFY2(readText(a / name) == readText(b / name), name.c_str());
}

void TestDemoData::otherSeedGivesOtherImages() {
    const fs::path a = test::scratchDir("demo_other_a");
    const fs::path b = test::scratchDir("demo_other_b");
    generateDemoData(a, smallOptions(5));
    generateDemoData(b, smallOptions(6));
    const auto files = filesUnder(a);
    QCOMPARE(toQt(filesUnder(b)), toQt(files));
    std::set<std::string> seen;
    for (const auto& name : files) {
        if (name == kDemoMarkerFile) continue;
        QVERIFY2(readText(a / name) != readText(b / name), name.c_str());
        // and no two images of one set are the same
        QVERIFY2(seen.insert(readText(a / name)).second, name.c_str());
    }
}

void TestDemoData::maskCoversWhatTheDefectChanged_data() {
    QTest::addColumn<int>("defect");
    QTest::addColumn<int>("size");
    for (const auto& [name, defect] :
         {std::pair{"scratch", DemoDefect::scratch}, std::pair{"hole", DemoDefect::hole},
          std::pair{"stain", DemoDefect::stain}}) {
        for (const int size : {256, 128, 384}) {
            QTest::addRow("%s-%d", name, size) << static_cast<int>(defect) << size;
        }
    }
}

void TestDemoData::maskCoversWhatTheDefectChanged() {
    QFETCH(int, defect);
    QFETCH(int, size);
    const auto pixels = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
    for (std::uint64_t seed = 100; seed < 112; ++seed) {
        const DemoSample with = renderDemoSample(seed, size, static_cast<DemoDefect>(defect), true);
        const DemoSample without = renderDemoSample(seed, size, static_cast<DemoDefect>(defect), false);
        QCOMPARE(with.size, size);
        QCOMPARE(with.rgb.size(), pixels * 3);
        QCOMPARE(with.mask.size(), pixels);
        QVERIFY(with.mask == without.mask);

        double inside = 0;
        std::size_t area = 0;
        int outside = 0;
        for (std::size_t i = 0; i < pixels; ++i) {
            QVERIFY(with.mask[i] == 0 || with.mask[i] == 255);
            int change = 0;
            for (std::size_t c = 0; c < 3; ++c)
                change = std::max(change, std::abs(with.rgb[3 * i + c] - without.rgb[3 * i + c]));
            if (with.mask[i]) {
                inside += change;
                ++area;
            } else {
                outside = std::max(outside, change);
            }
        }
        const QByteArray where = QByteArray("seed ") + QByteArray::number(static_cast<qulonglong>(seed));
        const double scale = static_cast<double>(pixels) / (256.0 * 256.0);
        QVERIFY2(static_cast<double>(area) >= 16 * scale, where);
        QVERIFY2(static_cast<double>(area) <= 256 * 256 * 0.015 * scale, where);
        // clearly visible where the mask says, and nothing more than a faint tail (< 4 % of full scale)
        // elsewhere
        QVERIFY2(inside / static_cast<double>(area) >= 12,
                 where + " mean change " + QByteArray::number(inside / area));
        QVERIFY2(outside <= 10, where + " change outside the mask " + QByteArray::number(outside));
    }
}

void TestDemoData::goodSamplesHaveNoMaskAndVary() {
    const DemoSample a = renderDemoSample(1, 256, DemoDefect::none);
    const DemoSample a2 = renderDemoSample(1, 256, DemoDefect::none, false);
    const DemoSample b = renderDemoSample(2, 256, DemoDefect::none);
    QVERIFY(std::all_of(a.mask.begin(), a.mask.end(), [](std::uint8_t v) { return v == 0; }));
    QVERIFY(a.rgb == a2.rgb);
    // normal variation (pose, lighting, noise): different, but the same scene (small mean difference)
    double diff = 0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) diff += std::abs(a.rgb[i] - b.rgb[i]);
    diff /= static_cast<double>(a.rgb.size());
    QVERIFY2(diff > 2 && diff < 40, QByteArray::number(diff));
}

void TestDemoData::refusesForeignFolderAndLeavesItAlone() {
    const fs::path dir = test::scratchDir("demo_foreign");
    writeText(dir / "notes.txt", "mine\n");
    writeText(dir / "train/good/photo.png", "not really a png");
    const QString message = usageError(dir, smallOptions(1));
    QVERIFY2(message.contains(QString::fromStdString(dir.string())), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("not empty")), qPrintable(message));
    QCOMPARE(toQt(filesUnder(dir)), (QStringList{"notes.txt", "train/good/photo.png"}));
    QCOMPARE(readText(dir / "notes.txt"), std::string("mine\n"));
    QCOMPARE(readText(dir / "train/good/photo.png"), std::string("not really a png"));

    // a marker file with foreign content does not count either
    writeText(dir / kDemoMarkerFile, "something else\n");
    QVERIFY(!usageError(dir, smallOptions(1)).isEmpty());
    QCOMPARE(readText(dir / "notes.txt"), std::string("mine\n"));
}

void TestDemoData::refusesAFile() {
    const fs::path file = test::scratchDir("demo_file") / "a-file";
    writeText(file, "x");
    const QString message = usageError(file, smallOptions(1));
    QVERIFY2(message.contains(QStringLiteral("not a folder")), qPrintable(message));
    QCOMPARE(readText(file), std::string("x"));
}

void TestDemoData::regeneratesOverPreviousDemoSet() {
    const fs::path dir = test::scratchDir("demo_regenerate");
    DemoDataOptions bigger = smallOptions(1);
    bigger.testPerDefect = 5;
    generateDemoData(dir, bigger);
    writeText(dir / "model.lwinnn", "a model the user saved beside the data");

    const DemoDataOptions smaller = smallOptions(2);
    generateDemoData(dir, smaller);
    auto expected = expectedFiles(smaller);
    expected.push_back("model.lwinnn");
    std::sort(expected.begin(), expected.end());
    QCOMPARE(toQt(filesUnder(dir)), toQt(expected));  // no stale images from the bigger set
    QVERIFY(readText(dir / kDemoMarkerFile).find("seed: 2\n") != std::string::npos);
    QCOMPARE(readText(dir / "model.lwinnn"), std::string("a model the user saved beside the data"));

    // the content is the second seed's, byte for byte
    const fs::path fresh = test::scratchDir("demo_regenerate_fresh");
    generateDemoData(fresh, smaller);
    for (const auto& name : expectedFiles(smaller))
        QVERIFY2(readText(dir / name) == readText(fresh / name), name.c_str());
}

void TestDemoData::cancelLeavesNoDataSet() {
    const fs::path dir = test::scratchDir("demo_cancel");
    generateDemoData(dir, smallOptions(3));  // a previous set, replaced and then abandoned
    CancelToken token;
    Progress progress;
    progress.cancel = &token;
    progress.report = [&](std::size_t done, std::size_t, const std::string&) {
        if (done == 5) token.cancel();
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, generateDemoData(dir, smallOptions(4), progress));
    QVERIFY(fs::is_directory(dir));
    QVERIFY(fs::is_empty(dir));
}

void TestDemoData::refusesBadOptions() {
    const fs::path dir = test::scratchDir("demo_options");
    DemoDataOptions tiny = smallOptions(1);
    tiny.imageSize = 16;
    QVERIFY(usageError(dir, tiny).contains(QStringLiteral("16")));
    DemoDataOptions noTraining = smallOptions(1);
    noTraining.trainGood = 0;
    QVERIFY(!usageError(dir, noTraining).isEmpty());
    DemoDataOptions negative = smallOptions(1);
    negative.testPerDefect = -1;
    QVERIFY(!usageError(dir, negative).isEmpty());
    QVERIFY(fs::is_empty(dir));
    QVERIFY_THROWS_EXCEPTION(UsageError, renderDemoSample(1, 8, DemoDefect::hole));
}

void TestDemoData::reportsWriteFailures() {
    // the folder cannot be created: a file stands where its parent should be
    const fs::path blocker = test::scratchDir("demo_write") / "blocker";
    writeText(blocker, "x");
    const fs::path dir = blocker / "set";
    try {
        generateDemoData(dir, smallOptions(1));
        QFAIL("no FileError");
    } catch (const UsageError& e) {
        QFAIL(e.what());
    } catch (const FileError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("blocker")), e.what());
    }
    QCOMPARE(readText(blocker), std::string("x"));
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "test_demo_data.moc"
