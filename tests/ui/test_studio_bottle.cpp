// The Studio on a real inspection data set: open ../shared/datasets/mvtec_bottle, train in the background
// with the shared ImageNet weights, and get the reference metrics of the command-line tool (δ = 7: image
// AUROC 1.0000, AUPRO 0.9700, pixel AUROC 0.9903) in the window, then the δ = 1 values from the same search.
#include <QtTest>

#include <QLabel>
#include <QSlider>

#include <cmath>

#include "gallery_model.h"
#include "image_viewer.h"
#include "main_window.h"
#include "studio_style.h"
#include "test_support.h"
#include "ui_test_support.h"

using namespace lwinnn;

namespace {
// 100 training images and a δ = 15 search on two shared cores.
const int kTimeoutMs = test::scaledTimeoutMs(1200000);
}  // namespace

class TestStudioBottle : public QObject {
    Q_OBJECT

  private slots:
    void trainsAndReproducesTheReference() {
        LWINNN_REQUIRE_SHARED("datasets/mvtec_bottle");
        LWINNN_REQUIRE_SHARED("weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth");
        ui::applyStudioStyle(*qApp);
        ui::MainWindow window;
        window.setWeightsSpec(test::trainingWeightsSpec());
        window.resize(1400, 880);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QSignalSpy opened(&window, &ui::MainWindow::datasetOpened);
        window.openDataset(
            QString::fromStdString((test::sharedDir() / "datasets" / "mvtec_bottle").string()));
        QVERIFY(opened.wait(kTimeoutMs));

        QSignalSpy evaluated(&window, &ui::MainWindow::evaluationShown);
        window.windowSlider()->setValue(7);
        window.trainAction()->trigger();
        QVERIFY(evaluated.wait(kTimeoutMs));
        QCOMPARE(window.modelSummary().trainCount, 100);
        QCOMPARE(window.galleryModel()->rowCount(), 42);
        QCOMPARE(window.window(), 7);
        // Pixel metrics arrive from the background once the maps are made.
        QTRY_VERIFY_WITH_TIMEOUT(!std::isnan(window.evaluation()->aupro), kTimeoutMs);
        const auto at7 = window.evaluation();
        QCOMPARE(at7->window, 7);
        QVERIFY2(std::abs(at7->imageAuroc - 1.0000) <= 0.002, qPrintable(QString::number(at7->imageAuroc)));
        QVERIFY2(std::abs(at7->aupro - 0.9700) <= 0.002, qPrintable(QString::number(at7->aupro)));
        QVERIFY2(std::abs(at7->pixelAuroc - 0.9903) <= 0.002, qPrintable(QString::number(at7->pixelAuroc)));
        QCOMPARE(window.imageAurocLabel()->text(), QString::number(at7->imageAuroc, 'f', 4));
        QTRY_VERIFY_WITH_TIMEOUT(!window.viewer()->image().isNull() && !window.isBusy(), kTimeoutMs);
        test::saveScreenshot(&window, QStringLiteral("studio_bottle_d7"));

        // δ = 1 from the cached per-offset minima (the CLI's reference: 0.9977 / 0.9675 / 0.9895).
        window.windowSlider()->setValue(1);
        QTRY_VERIFY_WITH_TIMEOUT(window.evaluation()->window == 1 && !std::isnan(window.evaluation()->aupro),
                                 kTimeoutMs);
        const auto at1 = window.evaluation();
        QVERIFY2(std::abs(at1->imageAuroc - 0.9977) <= 0.002, qPrintable(QString::number(at1->imageAuroc)));
        QVERIFY2(std::abs(at1->aupro - 0.9675) <= 0.002, qPrintable(QString::number(at1->aupro)));
        QVERIFY2(std::abs(at1->pixelAuroc - 0.9895) <= 0.002, qPrintable(QString::number(at1->pixelAuroc)));
        test::saveScreenshot(&window, QStringLiteral("studio_bottle_d1"));
    }
};

QTEST_MAIN(TestStudioBottle)
#include "test_studio_bottle.moc"
