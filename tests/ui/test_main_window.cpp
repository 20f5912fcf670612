// ui/main_window: the Studio end to end on the real widgets — drop a data set folder, train in the
// background, review the gallery sorted by score with heatmaps, move δ, cancel a training, a missing-weights
// error.
#include <QtTest>

#include <QAction>
#include <QDropEvent>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QSlider>
#include <QStandardItemModel>

#include "demo_data.h"
#include "gallery_model.h"
#include "image_viewer.h"
#include "main_window.h"
#include "studio_style.h"
#include "ui_test_support.h"
#include "weights.h"

using namespace lwinnn;

namespace {

// Two shared cores and LibTorch: generous, the waits end on signals.
const int kTimeoutMs = lwinnn::test::scaledTimeoutMs(240000);

QString findCount(const QStandardItemModel* model, const QString& name) {
    const auto hits = model->findItems(name, Qt::MatchExactly | Qt::MatchRecursive, 0);
    if (hits.isEmpty()) return {};
    return hits.first()->index().siblingAtColumn(1).data().toString();
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

  private:
    std::filesystem::path m_demo;
    std::unique_ptr<ui::MainWindow> m_window;

    void dropFolder(ui::MainWindow& window, const QString& folder) {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(folder)});
        const QPointF centre(window.width() / 2.0, window.height() / 2.0);
        QDragEnterEvent enter(centre.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
    }

  private slots:
    void initTestCase() {
        ui::applyStudioStyle(*qApp);
        m_demo = test::scratchDir("studio_main_window") / "demo";
        DemoDataOptions options;
        options.imageSize = 128;
        options.trainGood = 10;
        options.testGood = 4;
        options.testPerDefect = 2;
        generateDemoData(m_demo, options);
        m_window = std::make_unique<ui::MainWindow>();
        m_window->setWeightsSpec(test::trainingWeightsSpec());
        m_window->resize(1400, 880);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase() { m_window.reset(); }

    void dropOpensDataset() {
        QSignalSpy opened(m_window.get(), &ui::MainWindow::datasetOpened);
        dropFolder(*m_window, QString::fromStdString(m_demo.string()));
        QVERIFY(opened.wait(kTimeoutMs));
        const QStandardItemModel* model = m_window->datasetModel();
        QCOMPARE(findCount(model, tr("Training images")), QStringLiteral("10"));
        QCOMPARE(findCount(model, tr("Test images")), QStringLiteral("10"));
        QCOMPARE(findCount(model, QStringLiteral("scratch")), QStringLiteral("2"));
        QCOMPARE(findCount(model, QStringLiteral("good")), QStringLiteral("4"));
        QCOMPARE(findCount(model, tr("Masks matched")), tr("%1 of %2").arg(6).arg(6));
        QVERIFY(m_window->trainAction()->isEnabled());
        QVERIFY(!m_window->hasModel());
        test::saveScreenshot(m_window.get(), QStringLiteral("main_window_opened"));
    }

    void droppingAFileIsRefused() {
        const QString file = QString::fromStdString((m_demo / lwinnn::kDemoMarkerFile).string());
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(!enter.isAccepted());
    }

    void trainScoresTestSetInBackground() {
        QSignalSpy busy(m_window.get(), &ui::MainWindow::busyChanged);
        QSignalSpy evaluated(m_window.get(), &ui::MainWindow::evaluationShown);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::imageShown);
        QSignalSpy progress(m_window.get(), &ui::MainWindow::progressChanged);
        m_window->trainAction()->trigger();
        QVERIFY(busy.wait(kTimeoutMs));
        QVERIFY(m_window->isBusy());
        // The GUI thread keeps running while the worker trains: the busy state shows in the window at once.
        QVERIFY(m_window->cancelAction()->isEnabled());
        QVERIFY(!m_window->trainAction()->isEnabled());
        QVERIFY(evaluated.wait(kTimeoutMs));
        QVERIFY2(progress.count() > 1, "training and scoring report progress");
        QVERIFY(m_window->hasModel());
        QCOMPARE(m_window->modelSummary().trainCount, 10);

        // The gallery lists every test image, most anomalous first, with its score and true label.
        const ui::GalleryModel* gallery = m_window->galleryModel();
        QCOMPARE(gallery->rowCount(), 10);
        for (int row = 1; row < gallery->rowCount(); ++row)
            QVERIFY(gallery->index(row - 1).data(ui::GalleryModel::ScoreRole).toDouble() >=
                    gallery->index(row).data(ui::GalleryModel::ScoreRole).toDouble());
        QVERIFY(gallery->index(0)
                    .data(Qt::DisplayRole)
                    .toString()
                    .contains(gallery->index(0).data(ui::GalleryModel::DefectTypeRole).toString()));
        QVERIFY(m_window->imageAurocLabel()->text() != QStringLiteral("—"));
        QCOMPARE(m_window->imageAurocLabel()->text(),
                 QString::number(m_window->evaluation()->imageAuroc, 'f', 4));

        // The most anomalous image is shown with its heatmap.
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kTimeoutMs);
        QCOMPARE(m_window->galleryView()->currentIndex().row(), 0);
        QVERIFY(!m_window->viewer()->image().isNull());
        QCOMPARE(m_window->viewer()->heatmap().size(), m_window->viewer()->image().size());
        QTRY_VERIFY_WITH_TIMEOUT(!busy.isEmpty() && !m_window->isBusy(), kTimeoutMs);
        test::saveScreenshot(m_window.get(), QStringLiteral("main_window_trained"));
    }

    void overlayToggleAndOpacityChangeTheView() {
        ui::ImageViewer* viewer = m_window->viewer();
        const QImage with = viewer->composed();
        m_window->overlayAction()->trigger();
        QVERIFY(!viewer->overlayVisible());
        const QImage without = viewer->composed();
        QVERIFY(with != without);
        m_window->overlayAction()->trigger();
        m_window->opacitySlider()->setValue(90);
        QVERIFY(viewer->composed() != with);
        m_window->opacitySlider()->setValue(50);
        QCOMPARE(viewer->composed(), with);
    }

    void nextAndPreviousWithKeyboard() {
        QSignalSpy shown(m_window.get(), &ui::MainWindow::imageShown);
        QListView* view = m_window->galleryView();
        QTest::keyClick(m_window.get(), Qt::Key_N);
        QCOMPARE(view->currentIndex().row(), 1);
        QVERIFY(shown.wait(kTimeoutMs));
        QCOMPARE(shown.last().at(0).toInt(),
                 view->currentIndex().data(ui::GalleryModel::EvaluationIndexRole).toInt());
        QTest::keyClick(m_window.get(), Qt::Key_P);
        QCOMPARE(view->currentIndex().row(), 0);
    }

    void windowSliderRescores() {
        const auto before = m_window->evaluation();
        QVERIFY(before);
        QCOMPARE(before->window, 7);
        QSignalSpy evaluated(m_window.get(), &ui::MainWindow::evaluationShown);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::imageShown);
        m_window->windowSlider()->setValue(1);
        QVERIFY(evaluated.wait(kTimeoutMs));
        const auto after = m_window->evaluation();
        QCOMPARE(after->window, 1);
        QVERIFY2(after->pixels.maps != before->pixels.maps, "δ = 1 gives other anomaly maps than δ = 7");
        QCOMPARE(m_window->imageAurocLabel()->text(), QString::number(after->imageAuroc, 'f', 4));
        // The heatmap on screen is the new one.
        QVERIFY(shown.wait(kTimeoutMs));
        const QImage heatmapAfter = m_window->viewer()->heatmap();
        QVERIFY(!heatmapAfter.isNull());
        test::saveScreenshot(m_window.get(), QStringLiteral("main_window_window1"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), kTimeoutMs);
    }

    void cancelledTrainingKeepsPreviousModel() {
        const ui::ModelSummary before = m_window->modelSummary();
        const auto evaluationBefore = m_window->evaluation();
        QSignalSpy cancelled(m_window.get(), &ui::MainWindow::operationCancelled);
        QSignalSpy evaluated(m_window.get(), &ui::MainWindow::evaluationShown);
        // Cancel as soon as the first training image is reported, as a user pressing Cancel midway would.
        const auto connection = connect(
            m_window.get(), &ui::MainWindow::progressChanged, m_window.get(), [this](qint64 done, qint64) {
                if (done < 1 || !m_window->cancelAction()->isEnabled()) return;
                test::saveScreenshot(m_window.get(), QStringLiteral("main_window_training"));
                m_window->cancelAction()->trigger();
            });
        m_window->train();
        QVERIFY(cancelled.wait(kTimeoutMs));
        disconnect(connection);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), kTimeoutMs);
        QVERIFY(cancelled.first().at(0).toString().contains(tr("previous model")));
        QVERIFY(m_window->hasModel());
        QCOMPARE(m_window->modelSummary().created, before.created);
        QCOMPARE(m_window->evaluation(), evaluationBefore);
        QCOMPARE(evaluated.count(), 0);
        QCOMPARE(m_window->galleryModel()->rowCount(), 10);
        QVERIFY(m_window->trainAction()->isEnabled());
        test::saveScreenshot(m_window.get(), QStringLiteral("main_window_cancelled"));
    }

    void savedModelReopensWithTheSameScores() {
        const auto file = test::scratchDir("studio_model") / "model.lwinnn";
        QSignalSpy saved(m_window.get(), &ui::MainWindow::modelSaved);
        m_window->saveModel(QString::fromStdString(file.string()));
        QVERIFY(saved.wait(kTimeoutMs));
        QVERIFY(std::filesystem::exists(file));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), kTimeoutMs);

        // A second window, as `lwinnn-studio DIR --model FILE` opens it.
        ui::MainWindow second;
        QSignalSpy evaluated(&second, &ui::MainWindow::evaluationShown);
        second.openDataset(QString::fromStdString(m_demo.string()));
        second.loadModel(QString::fromStdString(file.string()));
        QVERIFY(evaluated.wait(kTimeoutMs));
        QVERIFY(second.hasModel());
        const auto reopened = second.evaluation();
        const auto original = m_window->evaluation();
        QCOMPARE(reopened->window, original->window);  // the model keeps the δ it was saved with
        QCOMPARE(reopened->images.size(), original->images.size());
        for (std::size_t i = 0; i < original->images.size(); ++i)
            QCOMPARE(reopened->images[i].score, original->images[i].score);
        QCOMPARE(second.windowSlider()->value(), original->window);
        QTRY_VERIFY_WITH_TIMEOUT(!second.isBusy(), kTimeoutMs);
    }

    void missingWeightsAreExplainedInTheWindow() {
        const auto empty = test::scratchDir("studio_no_weights");
        const QByteArray dir = QByteArray::fromStdString(empty.string());
        qunsetenv("LWINNN_WEIGHTS");
        qputenv("TORCH_HOME", dir);
        qputenv("XDG_DATA_HOME", dir);
        qputenv("XDG_CACHE_HOME", dir);
        qputenv("HOME", dir);
        const ui::ModelSummary before = m_window->modelSummary();
        QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
        m_window->setWeightsSpec(QString());
        m_window->train();
        QVERIFY(errors.wait(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), kTimeoutMs);
        QCOMPARE(m_window->errorText(), QString::fromStdString(missingWeightsHelp()));
        QCOMPARE(m_window->modelSummary().created, before.created);
        test::saveScreenshot(m_window.get(), QStringLiteral("main_window_missing_weights"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
