// The Studio opens what the CLI opens (ui/detector_worker's openDatasetFolder on core's findCategories and
// readDataset): a VisA root with a category chosen, an MVTec 3D-AD category, and a folder of MVTec AD
// categories through the category chooser; on trees of small real images the tests write.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QtTest>

#include <QApplication>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QTimer>

#include <fstream>

#include "main_window.h"
#include "ui_test_support.h"

using namespace lwinnn;
namespace fs = std::filesystem;

namespace {

const int kTimeoutMs = lwinnn::test::scaledTimeoutMs(240000);

void image(const fs::path& file, int shade) {
    fs::create_directories(file.parent_path());
    QVERIFY(cv::imwrite(file.string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(shade, 255 - shade, 90))));
}

void mask(const fs::path& file) {
    fs::create_directories(file.parent_path());
    cv::Mat m(48, 64, CV_8UC1, cv::Scalar(0));
    m(cv::Rect(10, 10, 8, 8)) = 255;
    QVERIFY(cv::imwrite(file.string(), m));
}

// VisA: candle (2 training images, a normal and an anomalous test image) and pcb1 (1 + 1), one split CSV.
fs::path visaRoot() {
    const fs::path root = test::scratchDir("open_visa") / "VisA";
    for (const char* normal : {"candle/Data/Images/Normal/0000.JPG", "candle/Data/Images/Normal/0001.JPG",
                               "candle/Data/Images/Normal/0002.JPG", "pcb1/Data/Images/Normal/0000.JPG",
                               "pcb1/Data/Images/Normal/0001.JPG"})
        image(root / normal, 60);
    image(root / "candle/Data/Images/Anomaly/000.JPG", 200);
    mask(root / "candle/Data/Masks/Anomaly/000.png");
    fs::create_directories(root / "split_csv");
    std::ofstream(root / "split_csv" / "1cls.csv")
        << "object,split,label,image,mask\n"
           "candle,train,normal,candle/Data/Images/Normal/0000.JPG,\n"
           "candle,train,normal,candle/Data/Images/Normal/0001.JPG,\n"
           "candle,test,normal,candle/Data/Images/Normal/0002.JPG,\n"
           "candle,test,anomaly,candle/Data/Images/Anomaly/000.JPG,candle/Data/Masks/Anomaly/000.png\n"
           "pcb1,train,normal,pcb1/Data/Images/Normal/0000.JPG,\n"
           "pcb1,test,normal,pcb1/Data/Images/Normal/0001.JPG,\n";
    return root;
}

// One MVTec AD category (or, with rgb, MVTec 3D-AD's layout: rgb/ and gt/ in each folder).
void mvtecCategory(const fs::path& root, bool rgb) {
    const auto in = [&](const fs::path& folder) { return rgb ? folder / "rgb" : folder; };
    image(in(root / "train" / "good") / "000.png", 50);
    image(in(root / "train" / "good") / "001.png", 55);
    image(in(root / "train" / "good") / "002.png", 58);
    image(in(root / "test" / "good") / "000.png", 52);
    image(in(root / "test" / "hole") / "000.png", 220);
    mask(rgb ? root / "test" / "hole" / "gt" / "000.png" : root / "ground_truth" / "hole" / "000_mask.png");
}

}  // namespace

class TestOpenDatasets : public QObject {
    Q_OBJECT

    std::unique_ptr<ui::MainWindow> m_window;

    // Opens through the window and waits until the worker has read the folder.
    std::shared_ptr<const ui::OpenedDataset> opened(const std::function<void()>& open) {
        QSignalSpy spy(m_window.get(), &ui::MainWindow::datasetOpened);
        open();
        if (spy.isEmpty() && !spy.wait(kTimeoutMs)) return nullptr;
        QElapsedTimer clock;
        clock.start();
        while (m_window->isBusy() && clock.elapsed() < kTimeoutMs) QTest::qWait(20);
        return m_window->isBusy() ? nullptr : m_window->dataset();
    }

  private slots:
    void init() { m_window = std::make_unique<ui::MainWindow>(); }
    void cleanup() { m_window.reset(); }

    void visaRootWithACategory() {
        const fs::path root = visaRoot();
        const auto dataset =
            opened([&] { m_window->openDataset(QString::fromStdString(root.string()), "candle"); });
        QVERIFY(dataset);
        QCOMPARE(dataset->dataset.layout, DatasetLayout::Visa);
        QCOMPARE(dataset->dataset.name, std::string("candle"));
        QCOMPARE(dataset->category, std::string("candle"));
        QCOMPARE(dataset->dataset.train.size(), std::size_t{2});
        QCOMPARE(dataset->dataset.test.size(), std::size_t{2});
        QVERIFY(!dataset->trainOnly);
    }

    void visaRootWithoutACategoryNamesThem() {
        const fs::path root = visaRoot();
        QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
        m_window->openDataset(QString::fromStdString(root.string()));
        QVERIFY(errors.wait(kTimeoutMs));
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains("2 categories (candle, pcb1): choose one"), qPrintable(message));
        QVERIFY(!m_window->dataset());
    }

    void mvtec3dCategory() {
        const fs::path root = test::scratchDir("open_3d") / "cookie";
        mvtecCategory(root, true);
        const auto dataset = opened([&] { m_window->openDataset(QString::fromStdString(root.string())); });
        QVERIFY(dataset);
        QCOMPARE(dataset->dataset.layout, DatasetLayout::Mvtec3dAd);
        QCOMPARE(dataset->dataset.train.size(), std::size_t{3});
        QCOMPARE(dataset->dataset.test.size(), std::size_t{2});
        QVERIFY(dataset->category.empty());
    }

    // A folder of two MVTec AD categories: the chooser lists both, and the one picked is opened.
    void rootOfCategoriesAsksWhichOne() {
        const fs::path root = test::scratchDir("open_root") / "mvtec";
        mvtecCategory(root / "bottle", false);
        mvtecCategory(root / "cable", false);
        QStringList offered;
        QTimer chooser;
        chooser.setInterval(20);
        connect(&chooser, &QTimer::timeout, this, [&] {
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                auto* dialog = qobject_cast<QInputDialog*>(widget);
                if (!dialog || !dialog->isVisible()) continue;
                chooser.stop();
                offered = dialog->comboBoxItems();
                test::saveScreenshot(dialog, QStringLiteral("category_chooser"));
                dialog->setTextValue(QStringLiteral("cable"));
                dialog->accept();
            }
        });
        chooser.start();
        const auto dataset =
            opened([&] { m_window->openDatasetAsking(QString::fromStdString(root.string())); });
        QCOMPARE(offered, (QStringList{"bottle", "cable"}));
        QVERIFY(dataset);
        QCOMPARE(dataset->dataset.name, std::string("cable"));
        QCOMPARE(dataset->category, std::string("cable"));
        QCOMPARE(dataset->dataset.root, root / "cable");
        QCOMPARE(dataset->dataset.test.size(), std::size_t{2});
    }

    // A folder of good images only (train/good without test/) still opens as before: no test set.
    void goodImagesOnly() {
        const fs::path root = test::scratchDir("open_good") / "parts";
        image(root / "train" / "good" / "000.png", 40);
        image(root / "train" / "good" / "001.png", 45);
        const auto dataset =
            opened([&] { m_window->openDatasetAsking(QString::fromStdString(root.string())); });
        QVERIFY(dataset);
        QVERIFY(dataset->trainOnly);
        QCOMPARE(dataset->dataset.train.size(), std::size_t{2});
    }
};

QTEST_MAIN(TestOpenDatasets)
#include "test_open_datasets.moc"
