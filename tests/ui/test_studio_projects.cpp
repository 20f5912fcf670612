// The Studio's projects, exports, new images and languages on the real window (offscreen): score unlabelled
// images, save a project and restore it in a new window, refuse broken projects, keep recent projects, export
// heatmaps/maps/CSV of all or of the selected images (and cancel) and the model for deployment (TorchScript,
// a Triton repository loaded back with LibTorch), ask before closing with unsaved changes, keep the window
// layout, switch to German and back (menus and the data set overview), and show the core's errors in German.
#include <torch/script.h>  // before Qt: Qt's `slots` macro would clash with c10's ivalue::Object::slots()
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QtTest>

#include <QScopeGuard>

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>

#include "demo_data.h"
#include "error.h"
#include "export_dialog.h"
#include "export_job.h"
#include "gallery_model.h"
#include "image_io.h"
#include "main_window.h"
#include "model_export.h"
#include "model_file.h"
#include "pipeline.h"
#include "project_controller.h"
#include "review_marks.h"
#include "settings_dialog.h"
#include "studio_settings.h"
#include "studio_style.h"
#include "ui_test_support.h"

using namespace lwinnn;

namespace {

const int kTimeoutMs = lwinnn::test::scaledTimeoutMs(240000);

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QStringList csvLines(const QString& file) {
    QFile csv(file);
    if (!csv.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(csv.readAll()).trimmed().split(QLatin1Char('\n'));
}

// The overview's row named `name` (top level or under another row), or null.
const QStandardItem* overviewRow(const QStandardItemModel* model, const QString& name) {
    const auto hits = model->findItems(name, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return hits.isEmpty() ? nullptr : hits.first();
}

}  // namespace

class TestStudioProjects : public QObject {
    Q_OBJECT

  private:
    std::filesystem::path m_scratch;
    QString m_demo;
    QString m_newFolder;
    std::unique_ptr<ui::MainWindow> m_window;

    QString scratch(const QString& name) const {
        return QString::fromStdString((m_scratch / name.toStdString()).string());
    }

    void waitIdle(ui::MainWindow& window) { QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), kTimeoutMs); }

  private slots:
    void initTestCase() {
        m_scratch = test::scratchDir("studio_projects");
        // Never the user's settings: an organisation of its own, stored in the scratch folder.
        QCoreApplication::setOrganizationName(QStringLiteral("lwinnn-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_studio_projects"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratch(QStringLiteral("settings")));
        ui::applyStudioStyle(*qApp);
        ui::applyLanguage(QStringLiteral("en"));

        DemoDataOptions options;
        options.imageSize = 128;
        options.trainGood = 8;
        options.testGood = 2;
        options.testPerDefect = 1;
        generateDemoData(m_scratch / "demo", options);
        m_demo = scratch(QStringLiteral("demo"));
        // Two test images copied elsewhere: the "new", unlabelled images of the day.
        m_newFolder = scratch(QStringLiteral("incoming"));
        QDir().mkpath(m_newFolder);
        const QStringList goods =
            QDir(m_demo + QStringLiteral("/test/good")).entryList(QDir::Files, QDir::Name);
        QVERIFY(!goods.isEmpty());
        QVERIFY(QFile::copy(m_demo + QStringLiteral("/test/good/") + goods.first(),
                            m_newFolder + QStringLiteral("/part-a.png")));
        const QStringList defectTypes =
            QDir(m_demo + QStringLiteral("/test")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        const QString defectType =
            defectTypes.first() == QStringLiteral("good") ? defectTypes.last() : defectTypes.first();
        const QString defectFolder = m_demo + QStringLiteral("/test/") + defectType;
        QVERIFY(QFile::copy(
            defectFolder + QLatin1Char('/') + QDir(defectFolder).entryList(QDir::Files, QDir::Name).first(),
            m_newFolder + QStringLiteral("/part-b.png")));

        m_window = std::make_unique<ui::MainWindow>();
        m_window->setWeightsSpec(test::trainingWeightsSpec());
        m_window->resize(1400, 880);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy evaluated(m_window.get(), &ui::MainWindow::evaluationShown);
        m_window->openDataset(m_demo);
        m_window->train();
        QVERIFY(evaluated.wait(kTimeoutMs));
        waitIdle(*m_window);
        QVERIFY(m_window->hasModel());
    }

    void cleanupTestCase() {
        if (m_window) m_window->projects()->setUnsavedChangesAnswer([] { return QMessageBox::Discard; });
        m_window.reset();
        ui::applyLanguage(QStringLiteral("en"));
    }

    void scoringNewImagesFillsTheGallery() {
        QSignalSpy scored(m_window.get(), &ui::MainWindow::newImagesScored);
        QSignalSpy thumbnails(m_window->newImagesModel(), &ui::GalleryModel::thumbnailLoaded);
        m_window->scoreImages({m_newFolder});
        QVERIFY(scored.wait(kTimeoutMs));
        waitIdle(*m_window);
        const ui::GalleryModel* gallery = m_window->newImagesModel();
        QCOMPARE(gallery->rowCount(), 2);
        const auto fresh = m_window->newImagesEvaluation();
        const auto test = m_window->evaluation();
        QCOMPARE(fresh->window, test->window);
        // The same pixels score the same as in the test set, and they carry no label.
        for (int row = 0; row < gallery->rowCount(); ++row) {
            const QModelIndex index = gallery->index(row);
            const QString text = index.data(Qt::DisplayRole).toString();
            const double score = index.data(ui::GalleryModel::ScoreRole).toDouble();
            const bool predicted = index.data(ui::GalleryModel::PredictedDefectRole).toBool();
            QCOMPARE(predicted, score >= m_window->threshold());
            QVERIFY2(text.contains(predicted ? tr("predicted defect") : tr("predicted good")),
                     qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("false")), qPrintable(text));
            QVERIFY(!fresh
                         ->images[static_cast<std::size_t>(
                             index.data(ui::GalleryModel::EvaluationIndexRole).toInt())]
                         .labelled());
        }
        std::vector<double> testScores;
        for (const auto& image : test->images) testScores.push_back(image.score);
        for (const auto& image : fresh->images)
            QVERIFY2(
                std::any_of(testScores.begin(), testScores.end(),
                            [&](double s) { return std::abs(s - image.score) <= 1e-6 * std::max(1.0, s); }),
                "a copied test image scores as in the test set");
        // The verdict follows the threshold.
        const double high = std::max(fresh->images[0].score, fresh->images[1].score) + 1;
        m_window->setThreshold(high);
        QVERIFY(!gallery->index(0).data(ui::GalleryModel::PredictedDefectRole).toBool());
        m_window->newImagesView()->setCurrentIndex(gallery->index(0));
        QTRY_VERIFY_WITH_TIMEOUT(thumbnails.count() >= 2, 20000);
        test::saveScreenshot(m_window.get(), QStringLiteral("studio_new_images"));
    }

    void droppingAnImageOnAModelScoresIt() {
        const QString extra = scratch(QStringLiteral("dropped.png"));
        QVERIFY(QFile::copy(m_newFolder + QStringLiteral("/part-a.png"), extra));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(extra)});
        QDragEnterEvent enter(QPoint(700, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy scored(m_window.get(), &ui::MainWindow::newImagesScored);
        QDropEvent drop(QPointF(700, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(scored.wait(kTimeoutMs));
        waitIdle(*m_window);
        QCOMPARE(m_window->newImagesModel()->rowCount(), 3);
        QCOMPARE(m_window->newImages().last(), extra);
        // Back to the two images the next tests expect.
        m_window->clearNewImages();
        QCOMPARE(m_window->newImagesModel()->rowCount(), 0);
        m_window->scoreImages({m_newFolder});
        QVERIFY(scored.wait(kTimeoutMs));
        waitIdle(*m_window);
        QCOMPARE(m_window->newImagesModel()->rowCount(), 2);
    }

    void unreadableNewImagesAreReported() {
        const QString broken = scratch(QStringLiteral("broken.png"));
        {
            QFile file(broken);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("\x89PNG\r\n\x1a\n not really an image");
        }
        // A JPEG cut off half-way, which libjpeg alone would decode with a grey lower half.
        const QString cut = scratch(QStringLiteral("cut.jpg"));
        {
            cv::Mat noise(120, 160, CV_8UC3);
            cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
            std::vector<uchar> jpeg;
            QVERIFY(cv::imencode(".jpg", noise, jpeg));
            QFile file(cut);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(reinterpret_cast<const char*>(jpeg.data()), static_cast<qint64>(jpeg.size() / 2));
        }
        QSignalSpy scored(m_window.get(), &ui::MainWindow::newImagesScored);
        QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
        m_window->scoreImages({broken, cut});
        QVERIFY(scored.wait(kTimeoutMs));
        waitIdle(*m_window);
        // The readable images stay; the broken one is named with its reason, and nothing else failed.
        QCOMPARE(m_window->newImagesModel()->rowCount(), 2);
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.startsWith(QStringLiteral("2 files could not be read and were skipped:")),
                 qPrintable(message));
        QVERIFY2(
            message.contains(QDir::toNativeSeparators(broken)) && message.contains(QStringLiteral("decode")),
            qPrintable(message));
        QVERIFY2(message.contains(QDir::toNativeSeparators(cut) + QStringLiteral(": truncated")),
                 qPrintable(message));
        test::saveScreenshot(m_window.get(), QStringLiteral("studio_skipped_image"));
    }

    void exportWritesOverlaysMapsAndCsv() {
        const QString folder = scratch(QStringLiteral("export"));
        ui::ExportDialog dialog(m_window.get());
        dialog.setImageSet(ui::ExportDialog::ImageSet::NewImages);
        dialog.setFolder(folder);
        QCOMPARE(dialog.imageCount(), 2);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        test::saveScreenshot(&dialog, QStringLiteral("export_dialog"));
        QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
        QVERIFY(dialog.startExport());
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(filesIn(folder),
                 (QStringList{QStringLiteral("part-a_map.tiff"), QStringLiteral("part-a_overlay.png"),
                              QStringLiteral("part-b_map.tiff"), QStringLiteral("part-b_overlay.png"),
                              QStringLiteral("scores.csv")}));
        const QImage overlay(folder + QStringLiteral("/part-b_overlay.png"));
        QCOMPARE(overlay.size(), QImage(m_newFolder + QStringLiteral("/part-b.png")).size());
        QVERIFY(QFileInfo(folder + QStringLiteral("/part-a_map.tiff")).size() >= 128 * 128 * 4);
        QFile csv(folder + QStringLiteral("/scores.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("file,score,prediction,label,window"));
        QVERIFY(lines[1].contains(QStringLiteral("part-a.png,")));
        QVERIFY(lines[1].endsWith(
            QStringLiteral(",good,,%1").arg(m_window->evaluation()->window)));  // threshold above

        // Exporting again asks before replacing; "no" writes nothing.
        QStringList asked;
        dialog.setOverwriteQuestion([&asked](const QStringList& files) {
            asked = files;
            return false;
        });
        const QDateTime before = QFileInfo(folder + QStringLiteral("/scores.csv")).lastModified();
        QVERIFY(!dialog.startExport());
        QCOMPARE(asked.size(), 5);
        QCOMPARE(QFileInfo(folder + QStringLiteral("/scores.csv")).lastModified(), before);
    }

    void exportWritesTheSelectedImages() {
        // One test image selected in the gallery and the second new image: only these two are written.
        QListView* gallery = m_window->galleryView();
        QListView* fresh = m_window->newImagesView();
        QVERIFY(gallery->model()->rowCount() >= 2 && fresh->model()->rowCount() == 2);
        const QModelIndex testRow = gallery->model()->index(1, 0);
        const QModelIndex newRow = fresh->model()->index(1, 0);
        gallery->selectionModel()->select(testRow, QItemSelectionModel::ClearAndSelect);
        fresh->selectionModel()->select(newRow, QItemSelectionModel::ClearAndSelect);
        const ui::ScoredImage picked = m_window->evaluation()->images.at(
            static_cast<std::size_t>(testRow.data(ui::GalleryModel::EvaluationIndexRole).toInt()));
        const ui::ScoredImage second = m_window->newImagesEvaluation()->images.at(
            static_cast<std::size_t>(newRow.data(ui::GalleryModel::EvaluationIndexRole).toInt()));
        QVERIFY(picked.labelled() && !second.labelled());

        const QString folder = scratch(QStringLiteral("export-selected"));
        ui::ExportDialog dialog(m_window.get());
        dialog.setImageSet(ui::ExportDialog::ImageSet::Selection);
        dialog.setFolder(folder);
        QCOMPARE(dialog.imageCount(), 2);
        QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
        QVERIFY(dialog.startExport());
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QStringList expected;
        for (const ui::ScoredImage* image : {&picked, &second}) {
            const QString stem = QString::fromStdString(image->image.stem().string());
            expected << stem + QStringLiteral("_map.tiff") << stem + QStringLiteral("_overlay.png");
        }
        expected << QStringLiteral("scores.csv");
        expected.sort();
        QCOMPARE(filesIn(folder), expected);
        const QImage overlay(folder + QLatin1Char('/') +
                             QString::fromStdString(picked.image.stem().string()) +
                             QStringLiteral("_overlay.png"));
        QCOMPARE(overlay.size(), QImage(QString::fromStdString(picked.image.string())).size());

        // The rows in the order chosen (gallery, then new images): file, score, verdict, label, δ.
        const int window = m_window->evaluation()->window;
        const auto row = [&](const ui::ScoredImage& image, const QString& label) {
            return QStringLiteral("%1,%2,%3,%4,%5")
                .arg(QString::fromStdString(image.image.string()), QString::asprintf("%.6f", image.score),
                     image.score >= m_window->threshold() ? QStringLiteral("defect") : QStringLiteral("good"),
                     label)
                .arg(window);
        };
        QCOMPARE(csvLines(folder + QStringLiteral("/scores.csv")),
                 (QStringList{QStringLiteral("file,score,prediction,label,window"),
                              row(picked, picked.isDefect() ? QString::fromStdString(picked.defectType)
                                                            : QStringLiteral("good")),
                              row(second, QString())}));
        fresh->selectionModel()->clearSelection();
    }

    void cancelledExportLeavesNoFiles() {
        // Cancelled at once from the dialog: nothing is written.
        const QString folder = scratch(QStringLiteral("export-cancelled"));
        ui::ExportDialog dialog(m_window.get());
        dialog.setImageSet(ui::ExportDialog::ImageSet::AllTest);
        dialog.setFolder(folder);
        QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
        QVERIFY(dialog.startExport());
        dialog.cancelExport();
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY(filesIn(folder).isEmpty());

        // Cancelled mid-way (after the third file): the files written before are removed too.
        ui::ExportRequest request = dialog.request();
        request.folder = scratch(QStringLiteral("export-midway")).toStdString();
        QVERIFY(request.images.size() >= 3);
        CancelToken token;
        Progress progress;
        progress.cancel = &token;
        std::size_t reports = 0;
        progress.report = [&](std::size_t done, std::size_t, const std::string&) {
            ++reports;
            if (done >= 3) token.cancel();
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, ui::runExport(request, progress));
        QVERIFY(reports >= 3);
        QVERIFY(filesIn(QString::fromStdString(request.folder.string())).isEmpty());
    }

    void projectRestoresTheWork() {
        // The state to keep: δ 5, a threshold, two review marks, the new images.
        QSignalSpy evaluated(m_window.get(), &ui::MainWindow::evaluationShown);
        m_window->windowSlider()->setValue(5);
        QVERIFY(evaluated.wait(kTimeoutMs));
        waitIdle(*m_window);
        QCOMPARE(m_window->evaluation()->window, 5);
        const auto test = m_window->evaluation();
        const QString marked = QString::fromStdString(test->images.front().image.string());
        const QString good = QString::fromStdString(test->images.back().image.string());
        m_window->reviewMarks()->setMark(marked, ui::ReviewMark::Defect);
        m_window->reviewMarks()->setMark(good, ui::ReviewMark::Good);
        m_window->setThreshold(0.8125);
        QVERIFY(m_window->projects()->isModified());

        const QString file = scratch(QStringLiteral("projects/line-3.lwinnn-project"));
        QDir().mkpath(QFileInfo(file).absolutePath());
        QSignalSpy saved(m_window->projects(), &ui::ProjectController::projectSaved);
        m_window->projects()->saveProject(file);
        QVERIFY(saved.wait(kTimeoutMs));
        waitIdle(*m_window);
        // The model trained here was saved beside the project.
        QCOMPARE(m_window->modelFile(), scratch(QStringLiteral("projects/line-3.lwinnn")));
        QVERIFY(QFileInfo::exists(m_window->modelFile()));
        QVERIFY(!m_window->projects()->isModified());
        QCOMPARE(ui::recentProjects().value(0), QFileInfo(file).absoluteFilePath());

        ui::MainWindow second;
        second.show();
        QSignalSpy restored(second.projects(), &ui::ProjectController::projectRestored);
        QSignalSpy newScored(&second, &ui::MainWindow::newImagesScored);
        second.projects()->openProject(file);
        if (restored.isEmpty()) QVERIFY(restored.wait(kTimeoutMs));
        if (newScored.isEmpty()) QVERIFY(newScored.wait(kTimeoutMs));
        waitIdle(second);
        QVERIFY(second.hasModel());
        QCOMPARE(second.modelFile(), m_window->modelFile());
        QCOMPARE(QString::fromStdString(second.dataset()->dataset.root.string()), m_demo);
        QCOMPARE(second.windowSlider()->value(), 5);
        QCOMPARE(second.evaluation()->window, 5);
        for (std::size_t i = 0; i < test->images.size(); ++i)
            QCOMPARE(second.evaluation()->images[i].score, test->images[i].score);
        QCOMPARE(second.threshold(), 0.8125);
        QCOMPARE(second.reviewMarks()->mark(marked), ui::ReviewMark::Defect);
        QCOMPARE(second.reviewMarks()->mark(good), ui::ReviewMark::Good);
        QCOMPARE(second.reviewMarks()->count(), 2);
        QCOMPARE(second.newImages(), m_window->newImages());
        QCOMPARE(second.newImagesModel()->rowCount(), 2);
        QCOMPARE(second.projects()->currentFile(), QFileInfo(file).absoluteFilePath());
        QVERIFY2(!second.projects()->isModified(), "a restored project has no unsaved changes");
        second.projects()->setUnsavedChangesAnswer([] { return QMessageBox::Discard; });
    }

    void exportWritesTheModelForDeployment() {
        // The model is saved now (beside the project): the deployment formats of core/model_export.h are
        // offered.
        ui::ExportDialog dialog(m_window.get());
        QCOMPARE(dialog.formatBoxes().size(), static_cast<int>(exportFormats().size()));
        QCheckBox* torchScript = dialog.formatBoxes().value(0);
        QVERIFY(torchScript && torchScript->isEnabled());
        torchScript->setChecked(true);
        dialog.setWriteOverlays(false);
        dialog.setWriteMaps(false);
        dialog.setWriteCsv(false);
        const QString folder = scratch(QStringLiteral("export-deploy"));
        dialog.setFolder(folder);
        QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
        QVERIFY(dialog.startExport());
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(filesIn(folder), QStringList{QStringLiteral("line-3.pt")});
        QVERIFY(QFileInfo(folder + QStringLiteral("/line-3.pt")).size() > 1000);
    }

    void exportWritesATritonRepository() {
        ui::ExportDialog dialog(m_window.get());
        QCOMPARE(exportFormats().at(1).format, ExportFormat::Triton);
        QCheckBox* triton = dialog.formatBoxes().value(1);
        QVERIFY(triton && triton->isEnabled());
        triton->setChecked(true);
        dialog.setWriteOverlays(false);
        dialog.setWriteMaps(false);
        dialog.setWriteCsv(false);
        const QString folder = scratch(QStringLiteral("export-triton"));
        dialog.setFolder(folder);
        QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
        QVERIFY(dialog.startExport());
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

        // The repository is DIR/<name>/config.pbtxt and DIR/<name>/1/model.pt, DIR being the export's
        // "triton" folder and <name> the default model name.
        const QString repository = folder + QStringLiteral("/triton/lwinnn");
        QCOMPARE(filesIn(folder), QStringList());
        QCOMPARE(filesIn(repository), QStringList{QStringLiteral("config.pbtxt")});
        QCOMPARE(filesIn(repository + QStringLiteral("/1")), QStringList{QStringLiteral("model.pt")});
        const ui::ModelSummary& model = m_window->modelSummary();
        QFile configFile(repository + QStringLiteral("/config.pbtxt"));
        QVERIFY(configFile.open(QIODevice::ReadOnly));
        const QString config = QString::fromUtf8(configFile.readAll());
        for (const QString& line :
             {QStringLiteral("name: \"lwinnn\""), QStringLiteral("platform: \"pytorch_libtorch\""),
              QStringLiteral("dims: [ 3, %1, %2 ]").arg(model.inputHeight).arg(model.inputWidth)})
            QVERIFY2(config.contains(line), qPrintable(line));

        // model.pt loads as Triton's libtorch back end loads it, at the δ of the slider, and scores a test
        // image as the Studio did.
        torch::jit::Module module =
            torch::jit::load((repository + QStringLiteral("/1/model.pt")).toStdString(), at::kCPU);
        const int window = m_window->windowSlider()->value();
        QCOMPARE(module.attr("window").toInt(), std::int64_t(window));
        QCOMPARE(module.attr("input_height").toInt(), std::int64_t(model.inputHeight));
        QCOMPARE(module.attr("input_width").toInt(), std::int64_t(model.inputWidth));
        const auto evaluation = m_window->evaluation();
        QCOMPARE(evaluation->window, window);
        const ui::ScoredImage& image = evaluation->images.front();
        const FloatArray input =
            preprocess(decodeImage(image.image), Size2D{model.inputHeight, model.inputWidth});
        const at::Tensor batch = torch::from_blob(const_cast<float*>(input.values.data()),
                                                  at::IntArrayRef(input.shape), at::kFloat)
                                     .clone()
                                     .unsqueeze(0);
        c10::InferenceMode guard;
        const auto outputs = module.forward({batch}).toTuple();
        const double score = outputs->elements().at(0).toTensor()[0].item<double>();
        QVERIFY2(test::relToMaxOne(score, image.score) <= 1e-3,
                 qPrintable(QStringLiteral("module %1, Studio %2").arg(score).arg(image.score)));
    }

    void missingModelIsAWarningOnly() {
        const QString file = scratch(QStringLiteral("projects/no-model.lwinnn-project"));
        ui::Project project;
        project.datasetFolder = m_demo;
        project.modelFile = scratch(QStringLiteral("projects/gone.lwinnn"));
        ui::writeProjectFile(file, project);
        ui::MainWindow window;
        QSignalSpy restored(window.projects(), &ui::ProjectController::projectRestored);
        QSignalSpy errors(&window, &ui::MainWindow::errorShown);
        window.projects()->openProject(file);
        if (restored.isEmpty()) QVERIFY(restored.wait(kTimeoutMs));
        waitIdle(window);
        QVERIFY(window.dataset());
        QVERIFY(!window.hasModel());
        QVERIFY(!errors.isEmpty());
        QVERIFY(errors.first().at(0).toString().contains(QStringLiteral("gone.lwinnn")));
    }

    void brokenProjectsAreRefused_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("bad json") << QByteArray("{ not json") << QStringLiteral("not a valid project file");
        QTest::newRow("other format") << QByteArray(R"({"format": "something-else", "version": 1})")
                                      << QStringLiteral("not an LWinNN Studio project");
        QTest::newRow("newer version") << QByteArray(R"({"format": "lwinnn-project", "version": 7})")
                                       << QStringLiteral("newer LWinNN Studio");
        QTest::newRow("missing data")
            << QByteArray(
                   R"({"format": "lwinnn-project", "version": 1, "data": {"dataset": "/no/such/folder"}})")
            << QStringLiteral("does not exist");
    }

    void brokenProjectsAreRefused() {
        QFETCH(QByteArray, text);
        QFETCH(QString, reason);
        const QString file = scratch(QStringLiteral("broken-%1.lwinnn-project")
                                         .arg(QTest::currentDataTag())
                                         .replace(QLatin1Char(' '), QLatin1Char('-')));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const auto before = m_window->evaluation();
        QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
        QSignalSpy opened(m_window->projects(), &ui::ProjectController::projectOpened);
        m_window->projects()->openProject(file);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(opened.count(), 0);
        const QString message = errors.first().at(0).toString();
        QVERIFY2(message.contains(QFileInfo(file).fileName()) && message.contains(reason),
                 qPrintable(message));
        QCOMPARE(m_window->errorText(), message);
        QCOMPARE(m_window->evaluation(), before);  // the window is untouched
        QVERIFY(!ui::recentProjects().contains(QFileInfo(file).absoluteFilePath()));
    }

    void recentProjectsKeepEightExistingOnes() {
        QStringList files;
        for (int i = 0; i < 10; ++i) {
            const QString file = scratch(QStringLiteral("recent/p%1.lwinnn-project").arg(i));
            QDir().mkpath(QFileInfo(file).absolutePath());
            ui::writeProjectFile(file, ui::Project{});
            ui::addRecentProject(file);
            files.prepend(QFileInfo(file).absoluteFilePath());
        }
        QCOMPARE(ui::recentProjects(), files.mid(0, 8));
        QVERIFY(QFile::remove(files[1]));
        // The missing one is dropped (the list held the newest eight).
        QCOMPARE(ui::recentProjects(), files.mid(0, 1) + files.mid(2, 6));
        ui::addRecentProject(files[5]);
        QCOMPARE(ui::recentProjects().first(), files[5]);
        QCOMPARE(ui::recentProjects().size(), 7);
        // The File menu lists them.
        QMenu* recent = nullptr;
        for (QAction* action : m_window->fileMenu()->actions())
            if (action->menu() && action->menu()->title().contains(QStringLiteral("Recent")))
                recent = action->menu();
        QVERIFY(recent);
        QMetaObject::invokeMethod(recent, "aboutToShow");
        QCOMPARE(recent->actions().size(), 7);
        QVERIFY(recent->actions().first()->text().contains(QFileInfo(files[5]).fileName()));
    }

    void closingAsksAboutUnsavedChanges() {
        m_window->setThreshold(m_window->threshold() + 0.5);
        QVERIFY(m_window->projects()->isModified());
        int asked = 0;
        m_window->projects()->setUnsavedChangesAnswer([&asked] {
            ++asked;
            return QMessageBox::Cancel;
        });
        QVERIFY(!m_window->close());
        QCOMPARE(asked, 1);
        QVERIFY(m_window->isVisible());
        m_window->projects()->setUnsavedChangesAnswer([&asked] {
            ++asked;
            return QMessageBox::Save;
        });
        // Save writes the current project (no question about a file: it has one).
        QSignalSpy saved(m_window->projects(), &ui::ProjectController::projectSaved);
        QVERIFY(m_window->projects()->maybeSave());
        QCOMPARE(saved.count(), 1);
        QVERIFY(!m_window->projects()->isModified());
    }

    void windowLayoutPersists() {
        QDockWidget* dock = m_window->findChild<QDockWidget*>(QStringLiteral("newImagesDock"));
        QVERIFY(dock);
        dock->setFloating(true);
        ui::saveWindowLayout(m_window.get());
        QVERIFY(!QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty());
        ui::MainWindow next;  // restores the layout in its constructor
        QDockWidget* restored = next.findChild<QDockWidget*>(QStringLiteral("newImagesDock"));
        QVERIFY(restored->isFloating());
        dock->setFloating(false);
        ui::saveWindowLayout(m_window.get());
        next.projects()->setUnsavedChangesAnswer([] { return QMessageBox::Discard; });
    }

    void germanAndBack() {
        QCOMPARE(m_window->fileMenu()->title(), QStringLiteral("&File"));
        QCOMPARE(ui::applyLanguage(QStringLiteral("de")), QStringLiteral("de"));
        QTRY_COMPARE(m_window->fileMenu()->title(), QStringLiteral("&Datei"));
        QCOMPARE(m_window->trainAction()->text(), QStringLiteral("&Trainieren"));
        QCOMPARE(m_window->exportAction()->text(), QStringLiteral("&Exportieren…"));
        // The data set overview was filled in English and follows at once, counts and all.
        const QStandardItemModel* overview = m_window->datasetModel();
        QVERIFY(!overviewRow(overview, QStringLiteral("Training images")));
        const QStandardItem* training = overviewRow(overview, QStringLiteral("Trainingsbilder"));
        QVERIFY(training);
        QCOMPARE(training->index().siblingAtColumn(1).data().toString(), QStringLiteral("8"));
        QVERIFY(overviewRow(overview, QStringLiteral("Testbilder")));
        QCOMPARE(overview->horizontalHeaderItem(0)->text(), QStringLiteral("Eintrag"));
        test::saveScreenshot(m_window.get(), QStringLiteral("studio_german"));
        {
            ui::ExportDialog exportDialog(m_window.get());
            exportDialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&exportDialog));
            QCOMPARE(exportDialog.windowTitle(), QStringLiteral("Exportieren"));
            test::saveScreenshot(&exportDialog, QStringLiteral("export_dialog_german"));
            ui::SettingsDialog settings(ui::StudioSettings::load(), m_window.get());
            settings.show();
            QVERIFY(QTest::qWaitForWindowExposed(&settings));
            QVERIFY(settings.fp16Box()->isEnabled());
            QVERIFY(!settings.fp16Box()->toolTip().isEmpty());
            test::saveScreenshot(&settings, QStringLiteral("settings_dialog_german"));
        }
        QCOMPARE(ui::applyLanguage(QStringLiteral("nl")), QStringLiteral("nl"));
        QTRY_COMPARE(m_window->fileMenu()->title(), QStringLiteral("&Bestand"));
        QVERIFY(overviewRow(m_window->datasetModel(), QStringLiteral("Trainingsafbeeldingen")));
        QCOMPARE(ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QTRY_COMPARE(m_window->fileMenu()->title(), QStringLiteral("&File"));
        QCOMPARE(m_window->trainAction()->text(), QStringLiteral("&Train"));
        QVERIFY(overviewRow(m_window->datasetModel(), QStringLiteral("Training images")));
    }

    // Errors of the core reach the window in the user's language, naming the file: a truncated model opened
    // with File ▸ Open Model and a folder without images opened as a data set.
    void coreErrorsShowInGerman() {
        const QString truncated = scratch(QStringLiteral("broken/half.lwinnn"));
        QDir().mkpath(QFileInfo(truncated).absolutePath());
        {
            QFile model(m_window->modelFile());
            QVERIFY(model.open(QIODevice::ReadOnly));
            const QByteArray bytes = model.readAll();
            QFile out(truncated);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes.left(bytes.size() / 2));
        }
        const QString empty = scratch(QStringLiteral("broken/no-images"));
        QDir().mkpath(empty);
        QCOMPARE(ui::applyLanguage(QStringLiteral("de")), QStringLiteral("de"));
        ui::MainWindow window;
        QSignalSpy errors(&window, &ui::MainWindow::errorShown);
        window.loadModel(truncated);
        QVERIFY(errors.wait(kTimeoutMs));
        waitIdle(window);
        const QString modelError = errors.takeFirst().at(0).toString();
        QVERIFY2(modelError.startsWith(truncated + QStringLiteral(": Tensor ")) &&
                     modelError.contains(QStringLiteral("endet bei Byte")) &&
                     modelError.endsWith(QStringLiteral("(abgeschnitten?)")),
                 qPrintable(modelError));
        QCOMPARE(window.errorText(), modelError);
        QVERIFY(!window.hasModel());

        window.openDataset(empty);
        QVERIFY(errors.wait(kTimeoutMs));
        waitIdle(window);
        QCOMPARE(
            errors.takeFirst().at(0).toString(),
            empty + QStringLiteral(": keine Bilder gefunden (erwartet wird ein MVTec-AD-Ordner mit train/ "
                                   "und test/ oder ein Ordner mit guten Bildern)"));
        test::saveScreenshot(&window, QStringLiteral("studio_german_error"));

        // In English the message is the core's own, as the CLI prints it.
        QCOMPARE(ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
        window.loadModel(truncated);
        QVERIFY(errors.wait(kTimeoutMs));
        waitIdle(window);
        try {
            readModelFile(truncated.toStdString());
            QFAIL("the truncated model was read");
        } catch (const FormatError& e) {
            QCOMPARE(errors.takeFirst().at(0).toString(), QString::fromStdString(e.what()));
        }
    }

    // The largest image is a preference; a window applies it as it opens, and an image above it is named in
    // the window with its size and the limit, before it is decoded.
    void pixelLimitFromThePreferences() {
        ui::SettingsDialog dialog(ui::StudioSettings::load(), m_window.get());
        QCOMPARE(dialog.maxPixelsBox()->value(), 100);
        const auto restore = qScopeGuard([this] {
            ui::SettingsDialog back(ui::StudioSettings::load(), m_window.get());
            back.maxPixelsBox()->setValue(100);
            back.accept();
            setMaxImagePixels(kDefaultMaxImagePixels);
        });
        dialog.maxPixelsBox()->setValue(1);
        dialog.accept();
        QCOMPARE(ui::StudioSettings::load().maxImageMegapixels, 1);
        {
            ui::MainWindow applied;
            QCOMPARE(maxImagePixels(), std::int64_t{1'000'000});
        }
        const QString large = scratch(QStringLiteral("large.png"));
        QVERIFY(cv::imwrite(large.toStdString(), cv::Mat(1000, 1200, CV_8UC3, cv::Scalar(30, 60, 90))));
        QSignalSpy errors(m_window.get(), &ui::MainWindow::errorShown);
        m_window->scoreImages({large});
        QVERIFY(errors.wait(kTimeoutMs));
        waitIdle(*m_window);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(QDir::toNativeSeparators(large)) &&
                     message.contains(QStringLiteral("1200 × 1000")) &&
                     message.contains(QStringLiteral("more than the limit of 1.0 megapixels")),
                 qPrintable(message));
    }

    void settingsDialogChoosesTheLanguage() {
        ui::SettingsDialog dialog(ui::StudioSettings::load(), m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        test::saveScreenshot(&dialog, QStringLiteral("settings_dialog"));
        dialog.languageCombo()->setCurrentIndex(dialog.languageCombo()->findData(QStringLiteral("de")));
        dialog.accept();
        QCOMPARE(ui::StudioSettings::load().language, QStringLiteral("de"));
        QTRY_COMPARE(m_window->fileMenu()->title(), QStringLiteral("&Datei"));
        ui::SettingsDialog back(ui::StudioSettings::load(), m_window.get());
        back.languageCombo()->setCurrentIndex(back.languageCombo()->findData(QStringLiteral("en")));
        back.accept();
        QTRY_COMPARE(m_window->fileMenu()->title(), QStringLiteral("&File"));
    }
};

QTEST_MAIN(TestStudioProjects)
#include "test_studio_projects.moc"
