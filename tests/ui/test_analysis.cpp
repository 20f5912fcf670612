// ui/main_window analysis and review: δ from the one-search sweep (no new search on a slider move, the same
// scores and maps as scoring at that δ directly), the δ chart, the threshold with the gallery's predictions
// and FP/FN filters, the F1-optimal button, the curves, review marks by keyboard and their CSV export.
#include <QtTest>

#include <QAction>
#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>

#include <algorithm>
#include <cmath>

#include "curves_panel.h"
#include "dataset.h"
#include "demo_data.h"
#include "detector.h"
#include "gallery_filter_model.h"
#include "gallery_model.h"
#include "image_viewer.h"
#include "main_window.h"
#include "metrics.h"
#include "studio_style.h"
#include "threshold_panel.h"
#include "ui_test_support.h"
#include "weights.h"
#include "window_chart.h"

using namespace lwinnn;

namespace {

// Two shared cores and LibTorch: generous, the waits end on signals.
const int kTimeoutMs = lwinnn::test::scaledTimeoutMs(240000);

QString metric(double value) { return QString::number(value, 'f', 4); }

int countRows(const QAbstractItemModel& model) { return model.rowCount(); }

}  // namespace

class TestAnalysis : public QObject {
    Q_OBJECT

  private:
    std::filesystem::path m_demo;
    std::unique_ptr<ui::MainWindow> m_window;

    std::shared_ptr<const ui::Evaluation> evaluation() const { return m_window->evaluation(); }

    // Waits until the window is idle and shows its current image.
    void settle() {
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->shownImage() >= 0 && !m_window->viewer()->image().isNull(),
                                 kTimeoutMs);
    }

    void selectFilter(ui::GalleryFilterModel::Filter filter) {
        QComboBox* combo = m_window->galleryFilterCombo();
        combo->setCurrentIndex(combo->findData(static_cast<int>(filter)));
        QCOMPARE(m_window->galleryFilter()->filter(), filter);
    }

  private slots:
    void initTestCase() {
        // The Studio's preferences (device, fp16 bank) of this suite only: the scores compare with a
        // default training below.
        qputenv("XDG_CONFIG_HOME",
                QByteArray::fromStdString(test::scratchDir("studio_analysis_config").string()));
        ui::applyStudioStyle(*qApp);
        m_demo = test::scratchDir("studio_analysis") / "demo";
        DemoDataOptions options;
        options.imageSize = 128;
        options.trainGood = 10;
        options.testGood = 4;
        options.testPerDefect = 2;
        generateDemoData(m_demo, options);
        m_window = std::make_unique<ui::MainWindow>();
        m_window->setWeightsSpec(test::trainingWeightsSpec());
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy evaluated(m_window.get(), &ui::MainWindow::evaluationShown);
        m_window->openDataset(QString::fromStdString(m_demo.string()));
        m_window->train();
        QVERIFY(evaluated.wait(kTimeoutMs));
        settle();
        QCOMPARE(evaluation()->window, 7);
        // One search for every δ of the slider, however many windows it serves.
        QCOMPARE(m_window->searchCount(), 1);
    }

    void cleanupTestCase() { m_window.reset(); }

    void windowMovesReuseTheSweep() {
        const auto before = evaluation();
        const QImage heatmapBefore = m_window->viewer()->heatmap();
        const int shown = m_window->shownImage();
        const int searches = m_window->searchCount();
        QSignalSpy evaluated(m_window.get(), &ui::MainWindow::evaluationShown);
        QSignalSpy imageShown(m_window.get(), &ui::MainWindow::imageShown);
        m_window->windowSlider()->setValue(3);
        // The heatmap of the image on screen follows at once, before the evaluation at δ = 3 arrives.
        QVERIFY(imageShown.wait(kTimeoutMs));
        QCOMPARE(imageShown.first().at(0).toInt(), shown);
        QVERIFY2(m_window->viewer()->heatmap() != heatmapBefore,
                 "δ = 3 colours the map differently from δ = 7");
        if (evaluated.isEmpty()) QVERIFY(evaluated.wait(kTimeoutMs));
        settle();
        const auto after = evaluation();
        QCOMPARE(after->window, 3);
        QCOMPARE(m_window->searchCount(), searches);
        QVERIFY(after->aupro != before->aupro);
        QCOMPARE(m_window->imageAurocLabel()->text(), metric(after->imageAuroc));

        // The evaluation made from the sweep is the one scoring at δ = 3 gives, computed here independently.
        const Dataset dataset = readMvtecDataset(m_demo);
        Detector detector =
            Detector::train(dataset.train, loadBackboneWeights(test::trainingWeightsSpec().toStdString()));
        detector.setWindow(3);
        std::vector<double> scores;
        std::vector<std::uint8_t> labels;
        QCOMPARE(after->images.size(), dataset.test.size());
        const std::size_t mapSize = static_cast<std::size_t>(after->pixels.height) * after->pixels.width;
        for (std::size_t i = 0; i < dataset.test.size(); ++i) {
            const ImageScore direct = detector.score(decodeImage(dataset.test[i].image));
            QVERIFY(std::abs(direct.score - after->images[i].score) <= 1e-4 * std::max(1.0, direct.score));
            QCOMPARE(direct.anomalyMap.values.size(), mapSize);
            float worst = 0;
            for (std::size_t p = 0; p < mapSize; ++p)
                worst = std::max(worst, std::abs(direct.anomalyMap.values[p] - after->map(i)[p]));
            QVERIFY2(worst <= 1e-3f * std::max(1.0, direct.score), qPrintable(QString::number(worst)));
            scores.push_back(direct.score);
            labels.push_back(dataset.test[i].isDefect() ? 1 : 0);
        }
        QVERIFY(std::abs(auroc(scores, labels) - after->imageAuroc) < 1e-9);

        // A second move: the heatmap and the metrics change again, still without a search.
        evaluated.clear();
        m_window->windowSlider()->setValue(11);
        QVERIFY(evaluated.wait(kTimeoutMs));
        settle();
        QCOMPARE(evaluation()->window, 11);
        QVERIFY(evaluation()->aupro != after->aupro);
        QCOMPARE(m_window->searchCount(), searches);
    }

    void windowChartHasEveryWindow() {
        ui::WindowChart* chart = m_window->windowChart();
        QTRY_COMPARE_WITH_TIMEOUT(chart->pixelMetricsCount(), 15, kTimeoutMs);
        QCOMPARE(static_cast<int>(chart->metrics().size()), 15);
        const auto current = evaluation();
        const auto it = std::find_if(chart->metrics().begin(), chart->metrics().end(),
                                     [&](const ui::WindowMetrics& m) { return m.window == current->window; });
        QVERIFY(it != chart->metrics().end());
        QCOMPARE(it->imageAuroc, current->imageAuroc);
        QVERIFY(std::abs(it->aupro - current->aupro) < 1e-9);
        QVERIFY(std::abs(it->pixelAuroc - current->pixelAuroc) < 1e-9);
        QCOMPARE(m_window->searchCount(), 1);
    }

    // The window on screen puts its pixel metrics on the chart when its evaluation has them, without waiting
    // for the background pass (here: after the chart has forgotten every window's pixel metrics).
    void chartTakesTheShownWindowsPixelMetrics() {
        ui::WindowChart* chart = m_window->windowChart();
        QTRY_COMPARE_WITH_TIMEOUT(chart->pixelMetricsCount(), 15, kTimeoutMs);
        std::vector<ui::WindowMetrics> imageOnly = chart->metrics();
        for (ui::WindowMetrics& m : imageOnly) m = {m.window, m.imageAuroc};
        chart->setImageMetrics(imageOnly);
        QCOMPARE(chart->pixelMetricsCount(), 0);

        const int window = evaluation()->window == 5 ? 9 : 5;
        m_window->windowSlider()->setValue(window);
        QTRY_VERIFY_WITH_TIMEOUT(evaluation()->window == window && !std::isnan(evaluation()->aupro),
                                 kTimeoutMs);
        settle();
        const auto current = evaluation();
        QCOMPARE(chart->pixelMetricsCount(), 1);
        const auto it = std::find_if(chart->metrics().begin(), chart->metrics().end(),
                                     [&](const ui::WindowMetrics& m) { return m.window == window; });
        QVERIFY(it != chart->metrics().end() && it->pixelsComputed);
        QCOMPARE(it->aupro, current->aupro);
        QCOMPARE(it->pixelAuroc, current->pixelAuroc);
        QCOMPARE(m_window->searchCount(), 1);
    }

    void thresholdDrivesPredictionsAndFilters() {
        const auto current = evaluation();
        std::vector<double> sorted;
        for (const auto& image : current->images) sorted.push_back(image.score);
        std::sort(sorted.begin(), sorted.end());
        QSignalSpy changed(m_window.get(), &ui::MainWindow::thresholdChanged);
        // The lowest score, the median, above the highest: every image, about half, none predicted defective.
        for (const double threshold : {sorted.front(), sorted[sorted.size() / 2], sorted.back() * 1.01}) {
            m_window->setThreshold(threshold);
            QCOMPARE(m_window->threshold(), threshold);
            QCOMPARE(m_window->thresholdPanel()->spinBox()->value(),
                     std::round(threshold * 1e4) / 1e4);  // the number shows four decimals
            int falsePositives = 0;
            int falseNegatives = 0;
            for (const auto& image : current->images) {
                falsePositives += image.score >= threshold && !image.isDefect();
                falseNegatives += image.score < threshold && image.isDefect();
            }
            const ui::GalleryModel* gallery = m_window->galleryModel();
            for (int row = 0; row < gallery->rowCount(); ++row) {
                const QModelIndex index = gallery->index(row);
                QCOMPARE(index.data(ui::GalleryModel::PredictedDefectRole).toBool(),
                         index.data(ui::GalleryModel::ScoreRole).toDouble() >= threshold);
            }
            selectFilter(ui::GalleryFilterModel::Filter::FalsePositives);
            QCOMPARE(countRows(*m_window->galleryFilter()), falsePositives);
            selectFilter(ui::GalleryFilterModel::Filter::FalseNegatives);
            QCOMPARE(countRows(*m_window->galleryFilter()), falseNegatives);
            selectFilter(ui::GalleryFilterModel::Filter::All);
            QCOMPARE(countRows(*m_window->galleryFilter()), static_cast<int>(current->images.size()));
        }
        QCOMPARE(changed.count(), 3);
        QVERIFY(m_window->thresholdPanel()->statsLabel()->text().contains(QStringLiteral("FN")));

        // Typing a number sets it too.
        m_window->thresholdPanel()->spinBox()->setValue(sorted[1]);
        QCOMPARE(m_window->threshold(), m_window->thresholdPanel()->spinBox()->value());
    }

    void f1ButtonSetsTheOptimum() {
        const auto current = evaluation();
        std::vector<double> scores;
        std::vector<std::uint8_t> labels;
        for (const auto& image : current->images) {
            scores.push_back(image.score);
            labels.push_back(image.isDefect() ? 1 : 0);
        }
        const ThresholdStats best = f1OptimalThreshold(scores, labels);
        m_window->setThreshold(best.threshold + 1.0);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::imageShown);
        QTest::mouseClick(m_window->thresholdPanel()->f1Button(), Qt::LeftButton);
        QCOMPARE(m_window->threshold(), best.threshold);
        QVERIFY(shown.wait(kTimeoutMs));  // the predicted region of the image on screen follows
        QVERIFY(m_window->thresholdPanel()->statsLabel()->text().contains(QString::number(best.f1, 'f', 3)));
    }

    void curvesShowTheCurrentEvaluation() {
        const auto current = evaluation();
        ui::CurvesPanel* curves = m_window->curvesPanel();
        QVERIFY2(curves->rocChart()->title().contains(metric(current->imageAuroc)),
                 qPrintable(curves->rocChart()->title()));
        QVERIFY2(curves->rocChart()->title().contains(QStringLiteral("δ = %1").arg(current->window)),
                 qPrintable(curves->rocChart()->title()));
        QVERIFY(curves->proChart()->title().contains(metric(current->aupro)));
        QVERIFY(curves->histogramChart()->title().contains(QString::number(m_window->threshold(), 'f', 3)));
        // The operating point is (FPR, TPR) at the threshold.
        int goods = 0, defects = 0, fp = 0, tp = 0;
        for (const auto& image : current->images) {
            const bool predicted = image.score >= m_window->threshold();
            (image.isDefect() ? defects : goods) += 1;
            fp += predicted && !image.isDefect();
            tp += predicted && image.isDefect();
        }
        QCOMPARE(curves->operatingPoint(), QPointF(double(fp) / goods, double(tp) / defects));
        test::saveScreenshot(m_window.get(), QStringLiteral("analysis_image_scores"));
        curves->tabs()->setCurrentIndex(1);
        test::saveScreenshot(m_window.get(), QStringLiteral("analysis_pro"));
        curves->tabs()->setCurrentIndex(0);
    }

    void viewerColourMapsAndRegion() {
        settle();
        QSignalSpy shown(m_window.get(), &ui::MainWindow::imageShown);
        const QImage turbo = m_window->viewer()->heatmap();
        m_window->colourMapCombo()->setCurrentIndex(1);  // inferno
        QVERIFY(shown.wait(kTimeoutMs));
        QVERIFY(m_window->viewer()->heatmap() != turbo);
        m_window->colourMapCombo()->setCurrentIndex(0);
        QVERIFY(shown.wait(kTimeoutMs));
        QCOMPARE(m_window->viewer()->heatmap(), turbo);
        // A threshold below every map value outlines the whole image; above all, nothing.
        m_window->setThreshold(-1.0);
        QVERIFY(shown.wait(kTimeoutMs));
        const QImage region = m_window->viewer()->region();
        QVERIFY(!region.isNull());
        QVERIFY(qAlpha(region.pixel(0, 0)) > 0);
        QCOMPARE(qAlpha(region.pixel(region.width() / 2, region.height() / 2)), 0);
        QTest::mouseClick(m_window->thresholdPanel()->f1Button(), Qt::LeftButton);
        QVERIFY(shown.wait(kTimeoutMs));
    }

    void reviewWithKeysAndExport() {
        settle();
        QListView* view = m_window->galleryView();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->shownImage(),
                                  view->currentIndex().data(ui::GalleryModel::EvaluationIndexRole).toInt(),
                                  kTimeoutMs);
        const QString first = view->currentIndex().data(ui::GalleryModel::PathRole).toString();
        QTest::keyClick(m_window.get(), Qt::Key_D);
        QCOMPARE(m_window->reviewMarks()->mark(first), ui::ReviewMark::Defect);
        QCOMPARE(
            static_cast<ui::ReviewMark>(view->currentIndex().data(ui::GalleryModel::ReviewMarkRole).toInt()),
            ui::ReviewMark::Defect);
        QVERIFY(view->currentIndex().data(Qt::DisplayRole).toString().contains(tr("✔ defect")));

        QTest::keyClick(m_window.get(), Qt::Key_N);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->shownImage(),
                                  view->currentIndex().data(ui::GalleryModel::EvaluationIndexRole).toInt(),
                                  kTimeoutMs);
        const QString second = view->currentIndex().data(ui::GalleryModel::PathRole).toString();
        QVERIFY(second != first);
        QTest::keyClick(m_window.get(), Qt::Key_K);
        QCOMPARE(m_window->reviewMarks()->mark(second), ui::ReviewMark::Good);
        QTest::keyClick(m_window.get(), Qt::Key_U);
        QCOMPARE(m_window->reviewMarks()->mark(second), ui::ReviewMark::Unreviewed);
        QTest::keyClick(m_window.get(), Qt::Key_K);
        QVERIFY(m_window->markGoodAction()->toolTip().contains(QStringLiteral("K")));
        QVERIFY(m_window->markDefectAction()->toolTip().contains(QStringLiteral("D")));

        const int total = m_window->galleryModel()->rowCount();
        selectFilter(ui::GalleryFilterModel::Filter::Unreviewed);
        QCOMPARE(countRows(*m_window->galleryFilter()), total - 2);
        selectFilter(ui::GalleryFilterModel::Filter::All);
        test::saveScreenshot(m_window.get(), QStringLiteral("analysis_reviewed"));

        // The CSV: a header and one row per test image, with the marks and the predictions at the threshold.
        const auto file = test::scratchDir("studio_review_export") / "review.csv";
        QSignalSpy exported(m_window.get(), &ui::MainWindow::reviewMarksExported);
        m_window->exportReviewMarks(QString::fromStdString(file.string()));
        QVERIFY(exported.wait(kTimeoutMs));
        QFile csv(QString::fromStdString(file.string()));
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("image,true_label,defect_type,score,predicted,mark"));
        QCOMPARE(lines.size(), total + 1);
        int defects = 0, goods = 0, unreviewed = 0;
        for (const QString& line : lines.mid(1)) {
            const QStringList fields = line.split(QLatin1Char(','));
            QCOMPARE(fields.size(), 6);
            const bool predicted = fields[3].toDouble() >= m_window->threshold();
            QCOMPARE(fields[4], predicted ? QStringLiteral("defect") : QStringLiteral("good"));
            QCOMPARE(fields[1],
                     fields[2] == QStringLiteral("good") ? QStringLiteral("good") : QStringLiteral("defect"));
            if (fields[0] == first) QCOMPARE(fields[5], QStringLiteral("defect"));
            if (fields[0] == second) QCOMPARE(fields[5], QStringLiteral("good"));
            defects += fields[5] == QStringLiteral("defect");
            goods += fields[5] == QStringLiteral("good");
            unreviewed += fields[5] == QStringLiteral("unreviewed");
        }
        QCOMPARE(defects, 1);
        QCOMPARE(goods, 1);
        QCOMPARE(unreviewed, total - 2);

        // A folder that does not exist: the error shows in the window, nothing is written.
        QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
        const auto missing = test::scratchDir("studio_review_export") / "no" / "such" / "review.csv";
        m_window->exportReviewMarks(QString::fromStdString(missing.string()));
        QVERIFY(errors.wait(kTimeoutMs));
        QVERIFY(!std::filesystem::exists(missing));
    }
};

QTEST_MAIN(TestAnalysis)
#include "test_analysis.moc"
