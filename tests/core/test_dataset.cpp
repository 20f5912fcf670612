// Tests core/dataset.*: the MVTec AD, MVTec 3D-AD, VisA and plain-folder readers and the layout detection on
// small trees (empty files with image extensions are enough, the readers only list them), and the MVTec AD
// reader on the shared data sets.
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <functional>

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

void writeText(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

enum class ErrorKind { None, File, Usage, Other };

struct CaughtError {
    ErrorKind kind = ErrorKind::None;
    QString message;
    fs::path file;
};

// What `read` threw (kind None when it did not throw).
CaughtError errorOf(const std::function<void()>& read) {
    try {
        read();
    } catch (const FileError& e) {
        return {ErrorKind::File, QString::fromStdString(e.what()), e.file()};
    } catch (const UsageError& e) {
        return {ErrorKind::Usage, QString::fromStdString(e.what()), e.file()};
    } catch (const std::exception& e) {
        return {ErrorKind::Other, QString::fromStdString(e.what()), {}};
    }
    return {};
}

QString str(const fs::path& path) { return QString::fromStdString(path.string()); }

// MVTec 3D-AD, RGB only: train/good/{rgb,xyz}, validation/good/rgb (ignored), test/<type>/{rgb,gt,xyz}.
fs::path make3dTree(const std::string& name) {
    const fs::path root = test::scratchDir(name) / "cookie";
    touch(root / "train/good/rgb/001.png");
    touch(root / "train/good/rgb/000.png");
    touch(root / "train/good/xyz/000.tiff");
    touch(root / "train/good/xyz/001.tiff");
    touch(root / "validation/good/rgb/000.png");
    touch(root / "test/good/rgb/000.png");
    touch(root / "test/good/gt/000.png");
    touch(root / "test/good/xyz/000.tiff");
    touch(root / "test/hole/rgb/000.png");
    touch(root / "test/hole/gt/000.png");
    touch(root / "test/crack/rgb/001.png");
    touch(root / "test/crack/rgb/000.png");
    touch(root / "test/crack/gt/000.png");
    touch(root / "test/crack/gt/001.png");
    touch(root / "test/crack/xyz/000.tiff");
    return root;
}

// The VisA files named by visaCsv(): candle (3 train, 2 normal test, 2 anomaly test) and pcb1 (1 + 1).
fs::path makeVisaTree(const std::string& name) {
    const fs::path root = test::scratchDir(name) / "VisA";
    for (const char* file : {"candle/Data/Images/Normal/0000.JPG", "candle/Data/Images/Normal/0001.JPG",
                             "candle/Data/Images/Normal/0002.JPG", "candle/Data/Images/Normal/0003.JPG",
                             "candle/Data/Images/Normal/0004.JPG", "candle/Data/Images/Anomaly/000.JPG",
                             "candle/Data/Images/Anomaly/0,01.JPG", "candle/Data/Masks/Anomaly/000.png",
                             "candle/Data/Masks/Anomaly/0,01.png", "pcb1/Data/Images/Normal/0000.JPG",
                             "pcb1/Data/Images/Normal/0001.JPG"})
        touch(root / file);
    return root;
}

// The split CSV of makeVisaTree: CRLF line ends, a byte order mark, the columns in another order than VisA's
// plus a "note" column whose quoted text spans two lines, quoted paths (one holding a comma), the training
// rows out of name order, and a trailing blank line. `extraRow` is inserted before the last row (line 12).
std::string visaCsv(const std::string& extraRow = {}) {
    std::string csv =
        "\xEF\xBB\xBF"
        "split,object,label,note,image,mask\r\n"                                                  // 1
        "train,candle,normal,,candle/Data/Images/Normal/0002.JPG,\r\n"                            // 2
        "train,candle,normal,\"first\r\nof two lines\",candle/Data/Images/Normal/0000.JPG,\r\n"   // 3-4
        "train,candle,normal,,\"candle/Data/Images/Normal/0001.JPG\",\r\n"                        // 5
        "test,candle,anomaly,\"a \"\"quoted\"\" note\",\"candle/Data/Images/Anomaly/0,01.JPG\","  // 6
        "\"candle/Data/Masks/Anomaly/0,01.png\"\r\n"                                              //
        "test,candle,normal,,candle/Data/Images/Normal/0004.JPG,\r\n"                             // 7
        "test,candle,anomaly,,candle/Data/Images/Anomaly/000.JPG,candle/Data/Masks/Anomaly/000.png\r\n"  // 8
        "test,candle,normal,,candle/Data/Images/Normal/0003.JPG,\r\n"                                    // 9
        "train,pcb1,normal,,pcb1/Data/Images/Normal/0000.JPG,\r\n"                                       // 10
        "test,pcb1,normal,,pcb1/Data/Images/Normal/0001.JPG,\r\n";                                       // 11
    csv += extraRow;
    csv += "test,candle,normal,,candle/Data/Images/Normal/0004.JPG,\r\n\r\n";
    return csv;
}

// Plain folders under widget/: normal training images in two folders, test folders OK (good images), scratch
// and dent, and masks named <stem>_mask.png or <stem>.png.
struct FolderTree {
    fs::path root;
    std::vector<fs::path> train;
    std::vector<fs::path> test;
    fs::path masks;
};

FolderTree makeFolderTree(const std::string& name) {
    FolderTree tree;
    tree.root = test::scratchDir(name) / "widget";
    tree.train = {tree.root / "normal_b", tree.root / "normal_a"};
    tree.test = {tree.root / "test/scratch", tree.root / "test/OK", tree.root / "test/dent"};
    tree.masks = tree.root / "masks";
    touch(tree.root / "normal_b/b1.png");
    touch(tree.root / "normal_a/a2.png");
    touch(tree.root / "normal_a/a1.jpg");
    touch(tree.root / "test/OK/g1.png");
    touch(tree.root / "test/scratch/s2.png");
    touch(tree.root / "test/scratch/s1.bmp");
    touch(tree.root / "test/dent/d1.png");
    touch(tree.masks / "s1_mask.png");
    touch(tree.masks / "s1.png");  // <stem>_mask wins over <stem>
    touch(tree.masks / "s2.png");
    touch(tree.masks / "d1_mask.tif");
    touch(tree.masks / "d1_mask.png");  // .png wins over another extension
    return tree;
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
    void detectsMvtecAd();
    void readsMvtec3d();
    void refuses3dDefectWithoutMask();
    void refuses3dEmptyFolders();
    void readsVisa();
    void readsVisaSingleObject();
    void refusesVisaCategory();
    void refusesVisaBadRow_data();
    void refusesVisaBadRow();
    void refusesVisaBadCsv();
    void readsFolders();
    void readsFoldersWithoutMasks();
    void refusesFolders();
    void refusesUnknownLayout();
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

void TestDataset::detectsMvtecAd() {
    const fs::path root = makeValidTree("dataset-detect-mvtec");
    const Dataset direct = readMvtecDataset(root);
    const Dataset d = readDataset(root);
    QCOMPARE(d.layout, DatasetLayout::MvtecAd);
    QCOMPARE(layoutName(d.layout), std::string_view("mvtec-ad"));
    QVERIFY(d.hasMasks);
    QCOMPARE(d.name, direct.name);
    QCOMPARE(d.train, direct.train);
    QCOMPARE(d.defectTypes, direct.defectTypes);
    QCOMPARE(d.test.size(), direct.test.size());
    for (std::size_t i = 0; i < d.test.size(); ++i) {
        QCOMPARE(d.test[i].image, direct.test[i].image);
        QCOMPARE(d.test[i].mask, direct.test[i].mask);
    }

    DatasetOptions capped;
    capped.maxTrainImages = 1;
    QCOMPARE(readDataset(root, capped).train, std::vector<fs::path>{root / "train/good/a.png"});

    // A category means something only for VisA: refused rather than silently ignored.
    DatasetOptions category;
    category.category = "widget";
    const CaughtError e = errorOf([&] { readDataset(root, category); });
    QCOMPARE(e.kind, ErrorKind::Usage);
    QVERIFY2(e.message.contains("is an MVTec AD category; a category is chosen only for VisA"),
             qPrintable(e.message));
    QCOMPARE(e.file, root);

    // The MVTec AD reader's own errors come through unchanged.
    fs::remove_all(root / "test");
    QVERIFY(
        errorOf([&] { readDataset(root); }).message.contains("is not an MVTec AD category: no test folder"));
}

void TestDataset::readsMvtec3d() {
    const fs::path root = make3dTree("dataset-3d");
    const Dataset d = readDataset(root);
    QCOMPARE(d.layout, DatasetLayout::Mvtec3dAd);
    QCOMPARE(layoutName(d.layout), std::string_view("mvtec-3d-ad"));
    QCOMPARE(d.name, std::string("cookie"));
    QCOMPARE(d.root, root);
    QVERIFY(d.hasMasks);
    // xyz/ and validation/ are not read.
    QCOMPARE(d.train,
             (std::vector<fs::path>{root / "train/good/rgb/000.png", root / "train/good/rgb/001.png"}));
    QCOMPARE(d.defectTypes, (std::vector<std::string>{"crack", "hole"}));
    QCOMPARE(d.test.size(), std::size_t{4});
    QCOMPARE(d.test[0].image, root / "test/crack/rgb/000.png");
    QCOMPARE(d.test[0].defectType, std::string("crack"));
    QCOMPARE(d.test[0].mask.value(), root / "test/crack/gt/000.png");
    QCOMPARE(d.test[1].image, root / "test/crack/rgb/001.png");
    QCOMPARE(d.test[1].mask.value(), root / "test/crack/gt/001.png");
    QCOMPARE(d.test[2].image, root / "test/good/rgb/000.png");
    QVERIFY(!d.test[2].isDefect());
    QVERIFY(!d.test[2].mask.has_value());  // the all-black test/good/gt masks are not used
    QCOMPARE(d.test[3].image, root / "test/hole/rgb/000.png");
    QCOMPARE(d.test[3].mask.value(), root / "test/hole/gt/000.png");

    DatasetOptions capped;
    capped.maxTrainImages = 1;
    QCOMPARE(readDataset(root, capped).train.size(), std::size_t{1});
}

void TestDataset::refuses3dDefectWithoutMask() {
    const fs::path root = make3dTree("dataset-3d-no-mask");
    fs::remove(root / "test/crack/gt/001.png");
    touch(root / "test/crack/gt/001_mask.png");  // MVTec AD's name is not MVTec 3D-AD's
    const CaughtError e = errorOf([&] { readDataset(root); });
    QCOMPARE(e.kind, ErrorKind::File);
    QCOMPARE(e.file, root / "test/crack/rgb/001.png");
    QVERIFY2(e.message.contains("defect image has no mask"), qPrintable(e.message));
    QVERIFY2(e.message.contains(str(root / "test/crack/gt/001.png")), qPrintable(e.message));
}

void TestDataset::refuses3dEmptyFolders() {
    const fs::path root = make3dTree("dataset-3d-empty");
    fs::remove(root / "train/good/rgb/000.png");
    fs::remove(root / "train/good/rgb/001.png");
    CaughtError e = errorOf([&] { readDataset(root); });
    QCOMPARE(e.kind, ErrorKind::File);
    QCOMPARE(e.file, root / "train/good/rgb");
    QVERIFY2(e.message.contains("holds no images"), qPrintable(e.message));

    touch(root / "train/good/rgb/000.png");
    for (const char* type : {"good", "hole", "crack"}) fs::remove_all(root / "test" / type / "rgb");
    e = errorOf([&] { readDataset(root); });
    QCOMPARE(e.file, root / "test");
    QVERIFY2(e.message.contains("holds no images"), qPrintable(e.message));
}

void TestDataset::readsVisa() {
    const fs::path root = makeVisaTree("dataset-visa");
    writeText(root / "split_csv/1cls.csv", visaCsv());
    DatasetOptions options;
    options.category = "candle";
    const Dataset d = readDataset(root, options);
    QCOMPARE(d.layout, DatasetLayout::Visa);
    QCOMPARE(layoutName(d.layout), std::string_view("visa"));
    QCOMPARE(d.name, std::string("candle"));
    QCOMPARE(d.root, root);
    QVERIFY(d.hasMasks);
    // Training images in CSV order.
    const fs::path images = root / "candle/Data/Images";
    QCOMPARE(d.train, (std::vector<fs::path>{images / "Normal/0002.JPG", images / "Normal/0000.JPG",
                                             images / "Normal/0001.JPG"}));
    QCOMPARE(d.defectTypes, std::vector<std::string>{"anomaly"});
    // Test images sorted by type then path, as for the other layouts; the row listed twice stays twice.
    QCOMPARE(d.test.size(), std::size_t{5});
    QCOMPARE(d.test[0].image, images / "Anomaly/0,01.JPG");
    QCOMPARE(d.test[0].defectType, std::string("anomaly"));
    QCOMPARE(d.test[0].mask.value(), root / "candle/Data/Masks/Anomaly/0,01.png");
    QCOMPARE(d.test[1].image, images / "Anomaly/000.JPG");
    QCOMPARE(d.test[1].mask.value(), root / "candle/Data/Masks/Anomaly/000.png");
    QCOMPARE(d.test[2].image, images / "Normal/0003.JPG");
    QCOMPARE(d.test[2].defectType, std::string("good"));
    QVERIFY(!d.test[2].mask.has_value());
    QCOMPARE(d.test[3].image, images / "Normal/0004.JPG");
    QCOMPARE(d.test[4].image, images / "Normal/0004.JPG");

    // The cap keeps the first training images in CSV order, and does not touch the test images.
    options.maxTrainImages = 2;
    const Dataset capped = readDataset(root, options);
    QCOMPARE(capped.train, (std::vector<fs::path>{images / "Normal/0002.JPG", images / "Normal/0000.JPG"}));
    QCOMPARE(capped.test.size(), std::size_t{5});

    options.category = "pcb1";
    options.maxTrainImages = 0;
    const Dataset pcb = readDataset(root, options);
    QCOMPARE(pcb.name, std::string("pcb1"));
    QCOMPARE(pcb.train, std::vector<fs::path>{root / "pcb1/Data/Images/Normal/0000.JPG"});
    QCOMPARE(pcb.test.size(), std::size_t{1});
    QVERIFY(pcb.defectTypes.empty());
}

void TestDataset::readsVisaSingleObject() {
    // VisA's own column order and LF line ends; one object needs no category.
    const fs::path root = makeVisaTree("dataset-visa-single");
    writeText(root / "split_csv/1cls.csv",
              "object,split,label,image,mask\n"
              "pcb1,train,normal,pcb1/Data/Images/Normal/0000.JPG,\n"
              "pcb1,test,normal,pcb1/Data/Images/Normal/0001.JPG,");  // no final line end
    const Dataset d = readDataset(root);
    QCOMPARE(d.name, std::string("pcb1"));
    QCOMPARE(d.train.size(), std::size_t{1});
    QCOMPARE(d.test.size(), std::size_t{1});
    QCOMPARE(d.test[0].image, root / "pcb1/Data/Images/Normal/0001.JPG");
}

void TestDataset::refusesVisaCategory() {
    const fs::path root = makeVisaTree("dataset-visa-category");
    const fs::path csv = root / "split_csv/1cls.csv";
    writeText(csv, visaCsv());
    CaughtError e = errorOf([&] { readDataset(root); });
    QCOMPARE(e.kind, ErrorKind::Usage);
    QCOMPARE(e.file, csv);
    QVERIFY2(e.message.contains("lists 2 objects; choose one as the category: candle, pcb1"),
             qPrintable(e.message));

    DatasetOptions options;
    options.category = "capsules";
    e = errorOf([&] { readDataset(root, options); });
    QCOMPARE(e.kind, ErrorKind::Usage);
    QVERIFY2(e.message.contains("lists no object \"capsules\"; the objects are: candle, pcb1"),
             qPrintable(e.message));
}

void TestDataset::refusesVisaBadRow_data() {
    QTest::addColumn<QString>("row");
    QTest::addColumn<QString>("reason");
    // The extra row is line 12 (line 3 of the CSV holds a quoted line break).
    QTest::newRow("too few fields") << "test,candle,normal,,candle/Data/Images/Normal/0004.JPG\r\n"
                                    << "line 12: 5 fields where the header has 6";
    QTest::newRow("too many fields") << "test,candle,normal,,candle/Data/Images/Normal/0004.JPG,,\r\n"
                                     << "line 12: 7 fields where the header has 6";
    QTest::newRow("unknown label") << "test,candle,defect,,candle/Data/Images/Normal/0004.JPG,\r\n"
                                   << "line 12: unknown label \"defect\" (expected normal or anomaly)";
    QTest::newRow("unknown split") << "val,candle,normal,,candle/Data/Images/Normal/0004.JPG,\r\n"
                                   << "line 12: unknown split \"val\" (expected train or test)";
    QTest::newRow("missing image") << "train,candle,normal,,candle/Data/Images/Normal/9999.JPG,\r\n"
                                   << "line 12: no such image file";
    QTest::newRow("missing mask")
        << "test,candle,anomaly,,candle/Data/Images/Anomaly/000.JPG,candle/nope.png\r\n"
        << "line 12: no such mask file";
    QTest::newRow("anomaly without mask") << "test,candle,anomaly,,candle/Data/Images/Anomaly/000.JPG,\r\n"
                                          << "line 12: an anomaly image without a mask path";
    QTest::newRow("anomaly in train") << "train,candle,anomaly,,candle/Data/Images/Anomaly/000.JPG,"
                                         "candle/Data/Masks/Anomaly/000.png\r\n"
                                      << "line 12: an anomaly image in the train split";
    QTest::newRow("no object") << "test,,normal,,candle/Data/Images/Normal/0004.JPG,\r\n"
                               << "line 12: no object";
    QTest::newRow("unclosed quote") << "test,candle,normal,\"oops,candle/Data/Images/Normal/0004.JPG,\r\n"
                                    << "line 12: a quoted field is not closed";
    QTest::newRow("quote inside field") << "test,candle,normal,a\"b,candle/Data/Images/Normal/0004.JPG,\r\n"
                                        << "line 12: a quote inside an unquoted field";
    QTest::newRow("text after quote") << "test,candle,normal,\"a\"b,candle/Data/Images/Normal/0004.JPG,\r\n"
                                      << "line 12: text after the closing quote of a field";
}

void TestDataset::refusesVisaBadRow() {
    QFETCH(QString, row);
    QFETCH(QString, reason);
    const fs::path root = makeVisaTree("dataset-visa-bad-row");
    const fs::path csv = root / "split_csv/1cls.csv";
    writeText(csv, visaCsv(row.toStdString()));
    DatasetOptions options;
    options.category = "candle";
    const CaughtError e = errorOf([&] { readDataset(root, options); });
    QCOMPARE(e.kind, ErrorKind::File);
    QCOMPARE(e.file, csv);
    QVERIFY2(e.message.startsWith(str(csv) + ": " + reason), qPrintable(e.message));
}

void TestDataset::refusesVisaBadCsv() {
    const fs::path root = makeVisaTree("dataset-visa-bad-csv");
    const fs::path csv = root / "split_csv/1cls.csv";

    writeText(csv, "object,split,label,image\ncandle,train,normal,candle/Data/Images/Normal/0000.JPG\n");
    CaughtError e = errorOf([&] { readDataset(root); });
    QCOMPARE(e.file, csv);
    QVERIFY2(e.message.contains("line 1: the header has no \"mask\" column"), qPrintable(e.message));

    writeText(csv, "\r\n");
    e = errorOf([&] { readDataset(root); });
    QVERIFY2(e.message.contains("is empty"), qPrintable(e.message));

    writeText(csv, "object,split,label,image,mask\n");
    e = errorOf([&] { readDataset(root); });
    QVERIFY2(e.message.contains("lists no images"), qPrintable(e.message));

    // Rows of another object are checked for form but their files are not looked at.
    writeText(csv,
              "object,split,label,image,mask\n"
              "candle,train,normal,candle/Data/Images/Normal/0000.JPG,\n"
              "pcb1,test,normal,pcb1/missing.JPG,\n");
    DatasetOptions candle;
    candle.category = "candle";
    e = errorOf([&] { readDataset(root, candle); });
    QCOMPARE(e.file, csv);
    QVERIFY2(e.message.contains("lists no test images for \"candle\""), qPrintable(e.message));
}

void TestDataset::readsFolders() {
    const FolderTree tree = makeFolderTree("dataset-folders");
    const Dataset d = readFolders(tree.train, tree.test, tree.masks);
    QCOMPARE(d.layout, DatasetLayout::Folders);
    QCOMPARE(layoutName(d.layout), std::string_view("folders"));
    QVERIFY(d.hasMasks);
    QCOMPARE(d.root, tree.root);  // the folder holding them all
    QCOMPARE(d.name, std::string("widget"));
    QCOMPARE(d.train, (std::vector<fs::path>{tree.root / "normal_a/a1.jpg", tree.root / "normal_a/a2.png",
                                             tree.root / "normal_b/b1.png"}));
    QCOMPARE(d.defectTypes, (std::vector<std::string>{"dent", "scratch"}));
    QCOMPARE(d.test.size(), std::size_t{4});
    QCOMPARE(d.test[0].image, tree.root / "test/dent/d1.png");
    QCOMPARE(d.test[0].defectType, std::string("dent"));
    QCOMPARE(d.test[0].mask.value(), tree.masks / "d1_mask.png");
    QCOMPARE(d.test[1].image, tree.root / "test/OK/g1.png");
    QCOMPARE(d.test[1].defectType, std::string("good"));
    QVERIFY(!d.test[1].mask.has_value());
    QCOMPARE(d.test[2].image, tree.root / "test/scratch/s1.bmp");
    QCOMPARE(d.test[2].mask.value(), tree.masks / "s1_mask.png");
    QCOMPARE(d.test[3].image, tree.root / "test/scratch/s2.png");
    QCOMPARE(d.test[3].mask.value(), tree.masks / "s2.png");

    DatasetOptions capped;
    capped.maxTrainImages = 2;
    QCOMPARE(readFolders(tree.train, tree.test, tree.masks, capped).train.size(), std::size_t{2});

    // "normal" and "good" name good images too.
    fs::rename(tree.root / "test/OK", tree.root / "test/normal");
    const Dataset renamed = readFolders({tree.root / "normal_a"}, {tree.root / "test/normal"}, std::nullopt);
    QCOMPARE(renamed.test.size(), std::size_t{1});
    QVERIFY(!renamed.test[0].isDefect());
    QVERIFY(renamed.defectTypes.empty());
}

void TestDataset::readsFoldersWithoutMasks() {
    const FolderTree tree = makeFolderTree("dataset-folders-no-masks");
    fs::remove_all(tree.masks);
    const Dataset d = readFolders(tree.train, tree.test, std::nullopt);
    QVERIFY(!d.hasMasks);
    QCOMPARE(d.defectTypes, (std::vector<std::string>{"dent", "scratch"}));
    QCOMPARE(d.test.size(), std::size_t{4});
    int defects = 0;
    for (const TestSample& s : d.test) {
        QVERIFY(!s.mask.has_value());
        defects += s.isDefect() ? 1 : 0;
    }
    QCOMPARE(defects, 3);
}

void TestDataset::refusesFolders() {
    FolderTree tree = makeFolderTree("dataset-folders-bad");

    // A defect image without a mask when a mask folder is given.
    fs::remove(tree.masks / "s2.png");
    CaughtError e = errorOf([&] { readFolders(tree.train, tree.test, tree.masks); });
    QCOMPARE(e.kind, ErrorKind::File);
    QCOMPARE(e.file, tree.root / "test/scratch/s2.png");
    QVERIFY2(e.message.contains("defect image has no mask"), qPrintable(e.message));
    QVERIFY2(e.message.contains(str(tree.masks / "s2.png")) && e.message.contains("s2_mask.png"),
             qPrintable(e.message));
    touch(tree.masks / "s2.png");

    // A mask folder that does not exist.
    e = errorOf([&] { readFolders(tree.train, tree.test, tree.root / "nomasks"); });
    QCOMPARE(e.file, tree.root / "nomasks");
    QVERIFY2(e.message.contains("no such folder"), qPrintable(e.message));

    // Two defect images sharing a stem would share one mask.
    touch(tree.root / "test/dent/s1.png");
    e = errorOf([&] { readFolders(tree.train, tree.test, tree.masks); });
    QCOMPARE(e.kind, ErrorKind::File);
    QCOMPARE(e.file, tree.root / "test/dent/s1.png");  // test folders are read in the order given
    QVERIFY2(e.message.contains("has the same file stem as " + str(tree.root / "test/scratch/s1.bmp")),
             qPrintable(e.message));
    // ...which is fine without masks.
    QCOMPARE(readFolders(tree.train, tree.test, std::nullopt).test.size(), std::size_t{5});
    fs::remove(tree.root / "test/dent/s1.png");

    // Empty training and test folders are named.
    fs::create_directories(tree.root / "empty");
    touch(tree.root / "empty/readme.txt");
    e = errorOf([&] { readFolders({tree.root / "empty"}, tree.test, tree.masks); });
    QCOMPARE(e.kind, ErrorKind::File);
    QCOMPARE(e.file, tree.root / "empty");
    QVERIFY2(e.message.contains("holds no images"), qPrintable(e.message));
    e = errorOf([&] { readFolders(tree.train, {tree.root / "test/dent", tree.root / "empty"}, tree.masks); });
    QCOMPARE(e.file, tree.root / "empty");
    QVERIFY2(e.message.contains("holds no images"), qPrintable(e.message));

    // A folder given twice, even spelled differently.
    e = errorOf([&] {
        readFolders(tree.train, {tree.root / "test/dent", tree.root / "normal_a/../normal_b/"}, std::nullopt);
    });
    QCOMPARE(e.kind, ErrorKind::Usage);
    QCOMPARE(e.file, tree.root / "normal_b");
    QVERIFY2(e.message.contains("is given more than once"), qPrintable(e.message));

    e = errorOf([&] { readFolders({}, tree.test, std::nullopt); });
    QCOMPARE(e.kind, ErrorKind::Usage);
    QVERIFY2(e.message.contains("no training folder given"), qPrintable(e.message));
    e = errorOf([&] { readFolders(tree.train, {}, std::nullopt); });
    QCOMPARE(e.kind, ErrorKind::Usage);
    QVERIFY2(e.message.contains("no test folder given"), qPrintable(e.message));
    DatasetOptions category;
    category.category = "widget";
    e = errorOf([&] { readFolders(tree.train, tree.test, tree.masks, category); });
    QCOMPARE(e.kind, ErrorKind::Usage);
}

void TestDataset::refusesUnknownLayout() {
    const fs::path base = test::scratchDir("dataset-unknown");
    const fs::path root = base / "photos";
    touch(root / "a.png");
    touch(root / "train/b.png");  // train/ without good/
    CaughtError e = errorOf([&] { readDataset(root); });
    QCOMPARE(e.kind, ErrorKind::File);
    QCOMPARE(e.file, root);
    QVERIFY2(e.message.startsWith(
                 str(root) + ": is not a data set in a known layout: expected MVTec AD (train/good, "
                             "test/<type>), MVTec 3D-AD (train/good/rgb, test/<type>/rgb, test/<type>/gt) "
                             "or VisA (split_csv/1cls.csv)"),
             qPrintable(e.message));
    QVERIFY2(!e.message.contains(";"), qPrintable(e.message));

    // The folder holding MVTec categories: they are listed.
    touch(base / "mvtec/bottle/train/good/000.png");
    touch(base / "mvtec/cable/train/good/000.png");
    fs::create_directories(base / "mvtec/license");
    e = errorOf([&] { readDataset(base / "mvtec"); });
    QVERIFY2(e.message.contains("is not a data set in a known layout"), qPrintable(e.message));
    QVERIFY2(e.message.endsWith("; it holds categories, read one of them: bottle, cable"),
             qPrintable(e.message));

    // A VisA object folder: its parent is the data set.
    const fs::path visa = makeVisaTree("dataset-unknown-visa");
    writeText(visa / "split_csv/1cls.csv", visaCsv());
    e = errorOf([&] { readDataset(visa / "candle"); });
    QCOMPARE(e.file, visa / "candle");
    QVERIFY2(e.message.contains(
                 "its parent folder is a VisA data set (read that, with \"candle\" as the category)"),
             qPrintable(e.message));

    // A file, and nothing at all.
    e = errorOf([&] { readDataset(root / "a.png"); });
    QCOMPARE(e.file, root / "a.png");
    QVERIFY2(e.message.contains("is not a folder"), qPrintable(e.message));
    e = errorOf([&] { readDataset(base / "absent"); });
    QVERIFY2(e.message.contains("no such folder"), qPrintable(e.message));
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
    const Dataset detected = readDataset(root);
    QCOMPARE(detected.layout, DatasetLayout::MvtecAd);
    QCOMPARE(detected.train, d.train);
    QCOMPARE(detected.test.size(), d.test.size());
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
