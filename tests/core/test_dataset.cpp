// Tests core/dataset.*: the MVTec AD layout reader on small trees (empty files with image extensions are
// enough, the reader only lists them) and on the shared data sets.
#include <QtTest>

#include <algorithm>
#include <fstream>

#include "dataset.h"
#include "error.h"
#include "test_support.h"

using namespace lwinnn;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& file) {
    fs::create_directories(file.parent_path());
    std::ofstream(file).put('\0');
}

// train/good: a.png b.jpg (+ notes.txt); test/good: ok.png; test/scratch: 001.png 000.png;
// test/crack: 000.bmp; test/empty: (nothing); ground_truth/<type>/<stem>_mask.png for every defect.
fs::path makeValidTree(const std::string& name) {
    const fs::path root = test::scratchDir(name) / "widget";
    touch(root / "train/good/b.jpg");
    touch(root / "train/good/a.png");
    touch(root / "train/good/notes.txt");
    touch(root / "test/good/ok.png");
    touch(root / "test/scratch/001.png");
    touch(root / "test/scratch/000.png");
    touch(root / "test/crack/000.bmp");
    fs::create_directories(root / "test/empty");
    touch(root / "ground_truth/scratch/000_mask.png");
    touch(root / "ground_truth/scratch/001_mask.png");
    touch(root / "ground_truth/crack/000_mask.png");
    return root;
}

// The FileError message of readMvtecDataset(root) (empty when it did not throw), and the file it names.
std::pair<QString, fs::path> readError(const fs::path& root) {
    try {
        readMvtecDataset(root);
    } catch (const FileError& e) {
        return {QString::fromStdString(e.what()), e.file()};
    }
    return {};
}

}  // namespace

class TestDataset : public QObject {
    Q_OBJECT

  private slots:
    void readsValidTree();
    void refusesMissingTrainGood();
    void refusesEmptyTrainGood();
    void refusesMissingOrEmptyTest();
    void refusesDefectWithoutMask();
    void refusesMissingRoot();
    void sharedDatasets_data();
    void sharedDatasets();
};

void TestDataset::readsValidTree() {
    const fs::path root = makeValidTree("dataset-valid");
    const Dataset d = readMvtecDataset(root);
    QCOMPARE(d.name, std::string("widget"));
    QCOMPARE(d.root, root);
    QCOMPARE(d.train, (std::vector<fs::path>{root / "train/good/a.png", root / "train/good/b.jpg"}));
    QCOMPARE(d.defectTypes, (std::vector<std::string>{"crack", "scratch"}));

    QCOMPARE(d.test.size(), std::size_t{4});
    // Sorted by type, then by file name.
    QCOMPARE(d.test[0].image, root / "test/crack/000.bmp");
    QCOMPARE(d.test[0].defectType, std::string("crack"));
    QVERIFY(d.test[0].isDefect());
    QCOMPARE(d.test[0].mask.value(), root / "ground_truth/crack/000_mask.png");
    QCOMPARE(d.test[1].image, root / "test/good/ok.png");
    QVERIFY(!d.test[1].isDefect());
    QVERIFY(!d.test[1].mask.has_value());
    QCOMPARE(d.test[2].image, root / "test/scratch/000.png");
    QCOMPARE(d.test[2].mask.value(), root / "ground_truth/scratch/000_mask.png");
    QCOMPARE(d.test[3].image, root / "test/scratch/001.png");
    QCOMPARE(d.test[3].mask.value(), root / "ground_truth/scratch/001_mask.png");

    // A trailing separator does not lose the name; reading twice gives the same answer.
    const Dataset again = readMvtecDataset(root.string() + "/");
    QCOMPARE(again.name, std::string("widget"));
    QCOMPARE(again.test.size(), d.test.size());
}

void TestDataset::refusesMissingTrainGood() {
    const fs::path root = makeValidTree("dataset-no-train");
    fs::remove_all(root / "train/good");
    const auto [message, file] = readError(root);
    QVERIFY2(message.contains("is not an MVTec AD category: no train/good folder"), qPrintable(message));
    QVERIFY(message.contains(QString::fromStdString(root.string())));
    QCOMPARE(file, root);
}

void TestDataset::refusesEmptyTrainGood() {
    const fs::path root = makeValidTree("dataset-empty-train");
    fs::remove(root / "train/good/a.png");
    fs::remove(root / "train/good/b.jpg");  // notes.txt stays: not an image
    const auto [message, file] = readError(root);
    QVERIFY2(message.contains("train/good holds no images"), qPrintable(message));
    QCOMPARE(file, root);
}

void TestDataset::refusesMissingOrEmptyTest() {
    const fs::path root = makeValidTree("dataset-no-test");
    fs::remove_all(root / "test");
    auto [message, file] = readError(root);
    QVERIFY2(message.contains("is not an MVTec AD category: no test folder"), qPrintable(message));
    QCOMPARE(file, root);

    fs::create_directories(root / "test/good");
    fs::create_directories(root / "test/scratch");
    touch(root / "test/readme.txt");
    std::tie(message, file) = readError(root);
    QVERIFY2(message.contains("the test folder holds no images"), qPrintable(message));
    QCOMPARE(file, root);
}

void TestDataset::refusesDefectWithoutMask() {
    const fs::path root = makeValidTree("dataset-no-mask");
    fs::remove(root / "ground_truth/scratch/001_mask.png");
    const auto [message, file] = readError(root);
    QVERIFY2(message.contains("defect image has no mask"), qPrintable(message));
    QCOMPARE(file, root / "test/scratch/001.png");
    QVERIFY(message.startsWith(QString::fromStdString((root / "test/scratch/001.png").string())));
    QVERIFY(message.contains("001_mask.png"));

    // A missing ground_truth folder altogether: the first defect image (in sorted order) is named.
    fs::remove_all(root / "ground_truth");
    QCOMPARE(readError(root).second, root / "test/crack/000.bmp");
}

void TestDataset::refusesMissingRoot() {
    const fs::path root = test::scratchDir("dataset-missing-root") / "nothing-here";
    const auto [message, file] = readError(root);
    QVERIFY2(message.contains("no such folder"), qPrintable(message));
    QCOMPARE(file, root);
}

void TestDataset::sharedDatasets_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("train");
    QTest::addColumn<int>("test");
    QTest::addColumn<int>("defects");
    QTest::addColumn<QStringList>("types");
    QTest::newRow("mvtec_bottle") << "mvtec_bottle" << 100 << 42 << 22
                                  << QStringList{"broken_large", "broken_small", "contamination"};
    QTest::newRow("magnetic_tile") << "magnetic_tile" << 191 << 178 << 131
                                   << QStringList{"blowhole", "break", "crack", "fray", "uneven"};
    QTest::newRow("kolektor_sdd") << "kolektor_sdd" << 93 << 75 << 52 << QStringList{"crack"};
}

void TestDataset::sharedDatasets() {
    QFETCH(QString, name);
    QFETCH(int, train);
    QFETCH(int, test);
    QFETCH(int, defects);
    QFETCH(QStringList, types);
    LWINNN_REQUIRE_SHARED("datasets/" + name.toStdString());
    const fs::path root = test::sharedDir() / "datasets" / name.toStdString();

    const Dataset d = readMvtecDataset(root);
    QCOMPARE(QString::fromStdString(d.name), name);
    QCOMPARE(static_cast<int>(d.train.size()), train);
    QCOMPARE(static_cast<int>(d.test.size()), test);
    QVERIFY(std::is_sorted(d.train.begin(), d.train.end()));
    QStringList gotTypes;
    for (const auto& t : d.defectTypes) gotTypes << QString::fromStdString(t);
    QCOMPARE(gotTypes, types);

    int defectCount = 0;
    for (const TestSample& s : d.test) {
        QVERIFY(fs::is_regular_file(s.image));
        if (!s.isDefect()) {
            QVERIFY(!s.mask.has_value());
            continue;
        }
        ++defectCount;
        QVERIFY(s.mask.has_value());
        QVERIFY(fs::is_regular_file(*s.mask));
        QCOMPARE(s.mask->parent_path(), root / "ground_truth" / s.defectType);
        QCOMPARE(s.mask->filename().string(), s.image.stem().string() + "_mask.png");
    }
    QCOMPARE(defectCount, defects);
    QVERIFY(std::is_sorted(d.test.begin(), d.test.end(), [](const TestSample& a, const TestSample& b) {
        return std::tie(a.defectType, a.image) < std::tie(b.defectType, b.image);
    }));
}

QTEST_APPLESS_MAIN(TestDataset)
#include "test_dataset.moc"
