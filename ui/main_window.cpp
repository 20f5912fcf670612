#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QThread>
#include <QThreadPool>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <cmath>
#include <map>

#include "colour_maps.h"
#include "csv.h"
#include "curves_panel.h"
#include "error.h"
#include "export_dialog.h"
#include "file_util.h"
#include "gallery_filter_model.h"
#include "gallery_model.h"
#include "heatmap_export.h"
#include "image_conversion.h"
#include "image_io.h"
#include "image_viewer.h"
#include "localized_error.h"
#include "project_controller.h"
#include "score_images.h"
#include "settings_dialog.h"
#include "studio_settings.h"
#include "threshold_panel.h"
#include "window_chart.h"
#include "window_sweep.h"

// The icons live in a static library: their resource must be registered by hand, outside any namespace.
static void initStudioResources() { Q_INIT_RESOURCE(studio); }

namespace lwinnn::ui {

namespace {

QString formatMetric(double value) {
    return std::isnan(value) ? QStringLiteral("—") : QString::number(value, 'f', 4);
}

QString formatDuration(qint64 seconds) {
    if (seconds < 60) return QObject::tr("%1 s").arg(seconds);
    return QObject::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

// What the viewer needs for one test image, prepared on the thread pool.
struct ViewerImages {
    QImage image;
    QImage heatmap;
    QImage outline;
    QImage region;  // outline of the pixels predicted defective
    QString error;
};

struct ViewerOptions {
    ColourMap colours = ColourMap::Turbo;
    // The region outline: map pixels at or above this value (none when NaN).
    double regionThreshold = std::nan("");
};

// `map` is at the model's input size, coloured over [low, high].
ViewerImages renderViewerImages(const ScoredImage& scored, const MapView& map, float low, float high,
                                const ViewerOptions& options) {
    ViewerImages out;
    try {
        const RgbImage rgb = decodeImage(scored.image);
        out.image = toQImage(rgb);
        // Opaque colours: the viewer blends them with the user's opacity.
        out.heatmap = renderHeatmap(map, rgb.width, rgb.height, low, high, options.colours);
        if (!std::isnan(options.regionThreshold)) {
            const std::vector<float> resized = resizeMap(map, rgb.height, rgb.width);
            QImage above(rgb.width, rgb.height, QImage::Format_Grayscale8);
            for (int y = 0; y < rgb.height; ++y) {
                uchar* row = above.scanLine(y);
                const float* values = resized.data() + static_cast<std::size_t>(y) * rgb.width;
                for (int x = 0; x < rgb.width; ++x) row[x] = values[x] >= options.regionThreshold ? 255 : 0;
            }
            out.region = maskOutline(above, QColor(250, 214, 80));
        }
        if (scored.mask) {
            QImage mask(QString::fromStdString(scored.mask->string()));
            if (!mask.isNull()) {
                if (mask.size() != out.image.size()) mask = mask.scaled(out.image.size());
                out.outline = maskOutline(mask, QColor(80, 255, 120));
            }
        }
    } catch (const std::exception& e) {
        out.error = localizedError(e);
    }
    return out;
}

ViewerImages prepareViewerImages(const Evaluation& evaluation, int index, const ViewerOptions& options = {}) {
    const ScoredImage& scored = evaluation.images.at(static_cast<std::size_t>(index));
    const MapView map{evaluation.pixels.height, evaluation.pixels.width, evaluation.map(index)};
    return renderViewerImages(scored, map, evaluation.mapLow, evaluation.mapHigh, options);
}

// From the sweep: the map is made from the patch scores at `window` (no search), so a δ change shows at once.
ViewerImages prepareSweepImages(const WindowSweep& sweep, int window, int index,
                                const ViewerOptions& options) {
    try {
        const FloatArray values = mapAt(sweep, window, static_cast<std::size_t>(index));
        const auto k = static_cast<std::size_t>(sweep.indexOf(window));
        const MapView map{sweep.input.height, sweep.input.width, values.values.data()};
        return renderViewerImages(sweep.images.at(static_cast<std::size_t>(index)), map, sweep.mapLow[k],
                                  sweep.mapHigh[k], options);
    } catch (const std::exception& e) {
        ViewerImages out;
        out.error = localizedError(e);
        return out;
    }
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    initStudioResources();
    m_reviewMarks = new ReviewMarks(this);
    keepTranslated([this] { updateWindowTitle(); });
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("lwinnn-detector"));
    m_worker = new DetectorWorker;
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DetectorWorker::jobStarted, this, &MainWindow::onJobStarted);
    connect(m_worker, &DetectorWorker::progressChanged, this, &MainWindow::onProgress);
    connect(m_worker, &DetectorWorker::jobFinished, this, &MainWindow::onJobFinished);
    connect(m_worker, &DetectorWorker::jobCancelled, this, [this](const QString& message) {
        m_statusLabel->setText(message);
        emit operationCancelled(message);
    });
    connect(m_worker, &DetectorWorker::failed, this, &MainWindow::showError);
    connect(m_worker, &DetectorWorker::datasetOpened, this, &MainWindow::onDatasetOpened);
    connect(m_worker, &DetectorWorker::modelChanged, this, &MainWindow::onModelChanged);
    connect(m_worker, &DetectorWorker::evaluated, this, &MainWindow::onEvaluated);
    connect(m_worker, &DetectorWorker::sweepReady, this, &MainWindow::onSweepReady);
    connect(m_worker, &DetectorWorker::windowReverted, this, [this](int window) {
        const QSignalBlocker blocker(m_windowSlider);
        m_windowSlider->setValue(window);
        m_windowValueLabel->setText(QString::number(window));
    });
    connect(m_worker, &DetectorWorker::newImagesScored, this,
            [this](std::shared_ptr<const Evaluation> scored) {
                reportSkipped(scored->warnings);
                m_newImagesModel->setEvaluation(std::move(scored));
                m_newImagesHint->setVisible(m_newImagesModel->rowCount() == 0);
                m_newImagesDock->show();
                m_newImagesDock->raise();
                emit newImagesScored();
            });
    connect(m_worker, &DetectorWorker::modelSaved, this, [this](const QString& file) {
        m_modelFile = file;
        m_statusLabel->setText(tr("Model saved to %1").arg(QDir::toNativeSeparators(file)));
        emit modelSaved(file);
    });
    m_thread->start();

    createActions();
    m_projects = new ProjectController(this);
    connect(m_newProjectAction, &QAction::triggered, m_projects, &ProjectController::newProject);
    connect(m_openProjectAction, &QAction::triggered, m_projects, &ProjectController::chooseProjectToOpen);
    connect(m_saveProjectAction, &QAction::triggered, m_projects, &ProjectController::save);
    connect(m_saveProjectAsAction, &QAction::triggered, m_projects, &ProjectController::saveAs);
    m_viewer = new ImageViewer;
    m_errorBanner = new QFrame;
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setStyleSheet(
        QStringLiteral("#errorBanner { background: #5c2b29; border: 1px solid #a04540; border-radius: 4px; }"
                       "#errorBanner QLabel { color: #f4dcdb; }"));
    m_errorLabel = new QLabel;
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* closeError = new QToolButton;
    closeError->setAutoRaise(true);
    closeError->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    keepTranslated([closeError] { closeError->setToolTip(tr("Dismiss")); });
    connect(closeError, &QToolButton::clicked, this, &MainWindow::hideError);
    auto* bannerLayout = new QHBoxLayout(m_errorBanner);
    bannerLayout->addWidget(m_errorLabel, 1);
    bannerLayout->addWidget(closeError, 0, Qt::AlignTop);
    m_errorBanner->hide();

    m_imageCaption = new QLabel;
    m_caption = [] { return tr("Open a data set (Ctrl+O) or drop its folder here."); };
    keepTranslated([this] { m_imageCaption->setText(m_caption()); });
    m_imageCaption->setContentsMargins(8, 4, 8, 4);
    auto* central = new QWidget;
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 0);
    centralLayout->setSpacing(4);
    centralLayout->addWidget(m_errorBanner);
    centralLayout->addWidget(m_viewer, 1);
    centralLayout->addWidget(m_imageCaption);
    setCentralWidget(central);

    createToolBar();
    createDocks();
    createNewImagesDock();
    createMenus();
    createReviewMenu();
    createStatusBar();

    m_windowTimer.setSingleShot(true);
    m_windowTimer.setInterval(250);
    connect(&m_windowTimer, &QTimer::timeout, this, &MainWindow::requestWindow);

    resize(1440, 900);
    updateActions();
    updateMetrics();

    const StudioSettings settings = StudioSettings::load();
    m_weightsSpec = settings.weights;
    m_halfPrecisionBank = settings.fp16Bank;
    setMaxImagePixels(std::int64_t{settings.maxImageMegapixels} * 1'000'000);
    setTrainingSettings(settings.device, settings.resizeMode);
    restoreWindowLayout(this);
    m_projects->markUnmodified();
}

MainWindow::~MainWindow() {
    if (m_metricsCancel) m_metricsCancel->cancel();
    m_worker->cancel();
    m_thread->quit();
    m_thread->wait();
}

std::shared_ptr<const Evaluation> MainWindow::evaluation() const { return m_galleryModel->evaluation(); }

int MainWindow::window() const { return m_windowSlider->value(); }

void MainWindow::setThreshold(double threshold) {
    if (!std::isfinite(threshold)) return;
    m_thresholdChosen = true;
    applyThreshold(threshold);
}

QString MainWindow::errorText() const {
    return m_errorBanner->isVisibleTo(this) ? m_errorLabel->text() : QString();
}

// The texts are marked with QT_TR_NOOP by the callers and translated here, and again whenever the language
// changes.
QAction* MainWindow::makeAction(const char* text, const QString& icon, const QKeySequence& shortcut,
                                const char* tip) {
    auto* action = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), QString(), this);
    if (!shortcut.isEmpty()) action->setShortcut(shortcut);
    keepTranslated([action, text, tip, shortcut] {
        action->setText(tr(text));
        action->setStatusTip(tr(tip));
        action->setToolTip(shortcut.isEmpty()
                               ? tr(tip)
                               : tr("%1 (%2)").arg(tr(tip), shortcut.toString(QKeySequence::NativeText)));
    });
    return action;
}

void MainWindow::createActions() {
    const auto make = [this](const char* text, const QString& icon, const QKeySequence& shortcut,
                             const char* tip) { return makeAction(text, icon, shortcut, tip); };
    m_openDatasetAction =
        make(QT_TR_NOOP("&Open Data Set…"), QStringLiteral("open-dataset"), QKeySequence::Open,
             QT_TR_NOOP("Open an MVTec AD category or a folder of good images"));
    connect(m_openDatasetAction, &QAction::triggered, this, &MainWindow::chooseDataset);
    m_openModelAction =
        make(QT_TR_NOOP("Open &Model…"), QStringLiteral("open-model"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), QT_TR_NOOP("Open a trained model file"));
    connect(m_openModelAction, &QAction::triggered, this, &MainWindow::chooseModelToOpen);
    m_saveModelAction = make(QT_TR_NOOP("&Save Model…"), QStringLiteral("save"), QKeySequence::Save,
                             QT_TR_NOOP("Save the trained model"));
    connect(m_saveModelAction, &QAction::triggered, this, &MainWindow::chooseModelToSave);
    m_quitAction = make(QT_TR_NOOP("&Quit"), QStringLiteral("quit"), QKeySequence::Quit,
                        QT_TR_NOOP("Quit LWinNN Studio"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_trainAction = make(QT_TR_NOOP("&Train"), QStringLiteral("train"), QKeySequence(Qt::CTRL | Qt::Key_T),
                         QT_TR_NOOP("Train a model on the good training images"));
    connect(m_trainAction, &QAction::triggered, this, &MainWindow::train);
    m_cancelAction = make(QT_TR_NOOP("&Cancel"), QStringLiteral("cancel"), QKeySequence(Qt::Key_Escape),
                          QT_TR_NOOP("Cancel the running operation"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancel);

    m_overlayAction = make(QT_TR_NOOP("&Heatmap Overlay"), QStringLiteral("heatmap"), QKeySequence(Qt::Key_H),
                           QT_TR_NOOP("Show the anomaly heatmap over the image"));
    m_overlayAction->setCheckable(true);
    m_overlayAction->setChecked(true);
    connect(m_overlayAction, &QAction::toggled, this, [this](bool on) { m_viewer->setOverlayVisible(on); });
    m_outlineAction = make(QT_TR_NOOP("&Ground-Truth Outline"), QStringLiteral("outline"),
                           QKeySequence(Qt::Key_G), QT_TR_NOOP("Outline the annotated defect region"));
    m_outlineAction->setCheckable(true);
    m_outlineAction->setChecked(true);
    connect(m_outlineAction, &QAction::toggled, this, [this](bool on) { m_viewer->setOutlineVisible(on); });
    m_fitAction = make(QT_TR_NOOP("&Fit to Window"), QStringLiteral("zoom-fit"),
                       QKeySequence(Qt::CTRL | Qt::Key_0), QT_TR_NOOP("Fit the image to the window"));
    m_actualSizeAction = make(QT_TR_NOOP("&Actual Size"), QStringLiteral("zoom-actual"),
                              QKeySequence(Qt::CTRL | Qt::Key_1), QT_TR_NOOP("Show the image at 100 %"));
    m_zoomInAction =
        make(QT_TR_NOOP("Zoom &In"), QStringLiteral("zoom-in"), QKeySequence::ZoomIn, QT_TR_NOOP("Zoom in"));
    m_zoomOutAction = make(QT_TR_NOOP("Zoom &Out"), QStringLiteral("zoom-out"), QKeySequence::ZoomOut,
                           QT_TR_NOOP("Zoom out"));
    m_nextAction = make(QT_TR_NOOP("&Next Image"), QStringLiteral("next"), QKeySequence(Qt::Key_N),
                        QT_TR_NOOP("Show the next test image"));
    m_previousAction = make(QT_TR_NOOP("&Previous Image"), QStringLiteral("previous"),
                            QKeySequence(Qt::Key_P), QT_TR_NOOP("Show the previous test image"));
    connect(m_nextAction, &QAction::triggered, this, &MainWindow::showNextImage);
    connect(m_previousAction, &QAction::triggered, this, &MainWindow::showPreviousImage);
    m_aboutAction = make(QT_TR_NOOP("&About LWinNN Studio"), QStringLiteral("app"), {},
                         QT_TR_NOOP("About LWinNN Studio"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About LWinNN Studio"),
                           tr("<h3>LWinNN Studio</h3><p>Visual anomaly detection from photos of good parts, "
                              "with local-window nearest-neighbour search.</p>"));
    });

    m_newProjectAction = make(QT_TR_NOOP("&New Project"), QStringLiteral("new-project"), QKeySequence::New,
                              QT_TR_NOOP("Close the data and the model and start a new project"));
    m_openProjectAction = make(QT_TR_NOOP("Open &Project…"), QStringLiteral("open-project"),
                               QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O),
                               QT_TR_NOOP("Open a project: its data, model, threshold and review marks"));
    m_saveProjectAction =
        make(QT_TR_NOOP("Save P&roject"), QStringLiteral("save-project"),
             QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S),
             QT_TR_NOOP("Save the data, model, settings, threshold and review marks as a project"));
    m_saveProjectAsAction = make(QT_TR_NOOP("Save Project &As…"), QStringLiteral("save-project"), {},
                                 QT_TR_NOOP("Save the project under another name"));
    m_scoreImagesAction =
        make(QT_TR_NOOP("S&core Images…"), QStringLiteral("score-images"), QKeySequence(Qt::CTRL | Qt::Key_I),
             QT_TR_NOOP("Score new, unlabelled images with the trained model"));
    connect(m_scoreImagesAction, &QAction::triggered, this, &MainWindow::chooseImagesToScore);
    m_exportAction =
        make(QT_TR_NOOP("&Export…"), QStringLiteral("export"), QKeySequence(Qt::CTRL | Qt::Key_E),
             QT_TR_NOOP("Export heatmaps, scores and the model for deployment"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::showExportDialog);
    m_settingsAction =
        make(QT_TR_NOOP("&Preferences…"), QStringLiteral("settings"), QKeySequence::Preferences,
             QT_TR_NOOP("Device, resize mode, weights file and language"));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettingsDialog);
}

void MainWindow::keepTranslated(std::function<void()> apply) {
    apply();
    m_retranslations.push_back(std::move(apply));
}

void MainWindow::setCaption(std::function<QString()> text) {
    m_caption = std::move(text);
    m_imageCaption->setText(m_caption());
}

void MainWindow::updateWindowTitle() {
    setWindowTitle(m_dataset ? tr("%1 — LWinNN Studio").arg(QString::fromStdString(m_dataset->dataset.name))
                             : tr("LWinNN Studio"));
}

void MainWindow::updateModelLabel() {
    if (!hasModel()) {
        m_modelLabel->setText(tr("No model yet"));
        return;
    }
    m_modelLabel->setText(tr("%1 training images, input %2×%3, %4\nweights: %5")
                              .arg(m_model.trainCount)
                              .arg(m_model.inputWidth)
                              .arg(m_model.inputHeight)
                              .arg(m_model.device, QFileInfo(m_model.weightsSource).fileName()));
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        for (const auto& apply : m_retranslations) apply();
        updateMetrics();
        updateModelLabel();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(QString());
    m_fileMenu = file;
    keepTranslated([file] { file->setTitle(tr("&File")); });
    file->addAction(m_newProjectAction);
    file->addAction(m_openProjectAction);
    QMenu* recent = file->addMenu(QString());
    keepTranslated([recent] { recent->setTitle(tr("Open &Recent Project")); });
    m_projects->setRecentMenu(recent);
    file->addAction(m_saveProjectAction);
    file->addAction(m_saveProjectAsAction);
    file->addSeparator();
    file->addAction(m_openDatasetAction);
    file->addAction(m_scoreImagesAction);
    file->addSeparator();
    file->addAction(m_openModelAction);
    file->addAction(m_saveModelAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(QString());
    keepTranslated([edit] { edit->setTitle(tr("&Edit")); });
    edit->addAction(m_settingsAction);

    QMenu* model = menuBar()->addMenu(QString());
    keepTranslated([model] { model->setTitle(tr("&Model")); });
    model->addAction(m_trainAction);
    model->addAction(m_cancelAction);

    QMenu* view = menuBar()->addMenu(QString());
    keepTranslated([view] { view->setTitle(tr("&View")); });
    view->addAction(m_overlayAction);
    view->addAction(m_outlineAction);
    view->addSeparator();
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_fitAction);
    view->addAction(m_actualSizeAction);
    view->addSeparator();
    view->addAction(m_nextAction);
    view->addAction(m_previousAction);
    view->addSeparator();
    QMenu* panels = view->addMenu(QString());
    keepTranslated([panels] { panels->setTitle(tr("&Panels")); });
    panels->addAction(m_datasetDock->toggleViewAction());
    panels->addAction(m_resultsDock->toggleViewAction());
    panels->addAction(m_galleryDock->toggleViewAction());
    panels->addAction(m_newImagesDock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(QString());
    keepTranslated([help] { help->setTitle(tr("&Help")); });
    help->addAction(m_aboutAction);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(QString());
    keepTranslated([bar] { bar->setWindowTitle(tr("Main")); });
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_openDatasetAction);
    bar->addAction(m_openModelAction);
    bar->addAction(m_saveModelAction);
    bar->addSeparator();
    bar->addAction(m_trainAction);
    bar->addAction(m_cancelAction);
    bar->addSeparator();
    bar->addAction(m_overlayAction);
    bar->addAction(m_outlineAction);
    auto* opacityLabel = new QLabel;
    keepTranslated([opacityLabel] { opacityLabel->setText(tr("Opacity")); });
    opacityLabel->setContentsMargins(8, 0, 4, 0);
    bar->addWidget(opacityLabel);
    m_opacitySlider = new QSlider(Qt::Horizontal);
    m_opacitySlider->setRange(0, 100);
    m_opacitySlider->setValue(50);
    m_opacitySlider->setFixedWidth(120);
    keepTranslated([slider = m_opacitySlider] { slider->setToolTip(tr("Heatmap opacity")); });
    connect(m_opacitySlider, &QSlider::valueChanged, this,
            [this](int value) { m_viewer->setOverlayOpacity(value / 100.0); });
    bar->addWidget(m_opacitySlider);
    bar->addSeparator();
    for (QAction* action : {m_zoomOutAction, m_zoomInAction, m_fitAction}) {
        bar->addAction(action);
        if (QWidget* button = bar->widgetForAction(action))
            if (auto* tool = qobject_cast<QToolButton*>(button))
                tool->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    bar->addSeparator();
    for (QAction* action : {m_previousAction, m_nextAction}) {
        bar->addAction(action);
        if (auto* tool = qobject_cast<QToolButton*>(bar->widgetForAction(action)))
            tool->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    connect(m_fitAction, &QAction::triggered, m_viewer, &ImageViewer::fitToWindow);
    connect(m_actualSizeAction, &QAction::triggered, m_viewer, &ImageViewer::showActualSize);
    connect(m_zoomInAction, &QAction::triggered, m_viewer, &ImageViewer::zoomIn);
    connect(m_zoomOutAction, &QAction::triggered, m_viewer, &ImageViewer::zoomOut);
}

void MainWindow::createDocks() {
    // Data set overview.
    m_datasetModel = new QStandardItemModel(this);
    keepTranslated([this] { m_datasetModel->setHorizontalHeaderLabels({tr("Item"), tr("Count")}); });
    m_datasetView = new QTreeView;
    m_datasetView->setModel(m_datasetModel);
    m_datasetView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_datasetView->setRootIsDecorated(true);
    m_datasetView->setAlternatingRowColors(true);
    m_datasetView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_datasetView->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_datasetView->header()->setStretchLastSection(false);
    keepTranslated([this] { fillDatasetOverview(); });
    m_datasetDock = new QDockWidget(this);
    keepTranslated([dock = m_datasetDock] { dock->setWindowTitle(tr("Data Set")); });
    m_datasetDock->setObjectName(QStringLiteral("datasetDock"));
    m_datasetDock->setWidget(m_datasetView);
    addDockWidget(Qt::LeftDockWidgetArea, m_datasetDock);

    // Model and results.
    auto* results = new QWidget;
    auto* form = new QFormLayout(results);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto translatedLabel = [this](const char* text) {
        auto* label = new QLabel;
        keepTranslated([label, text] { label->setText(tr(text)); });
        return label;
    };
    m_windowSlider = new QSlider(Qt::Horizontal);
    m_windowSlider->setRange(1, kStudioMaxWindow);
    m_windowSlider->setValue(kDefaultWindow);
    m_windowSlider->setPageStep(2);
    m_windowSlider->setTickPosition(QSlider::TicksBelow);
    m_windowSlider->setTickInterval(2);
    keepTranslated([slider = m_windowSlider] {
        slider->setToolTip(
            tr("Local window size δ: how far (in patches) a test patch may look for its "
               "nearest training patch"));
    });
    m_windowValueLabel = new QLabel(QString::number(kDefaultWindow));
    m_windowValueLabel->setMinimumWidth(24);
    auto* windowRow = new QHBoxLayout;
    windowRow->addWidget(m_windowSlider, 1);
    windowRow->addWidget(m_windowValueLabel);
    form->addRow(translatedLabel(QT_TR_NOOP("Window δ")), windowRow);
    m_windowChart = new WindowChart;
    form->addRow(m_windowChart);
    connect(m_windowSlider, &QSlider::valueChanged, this, [this](int value) {
        m_windowValueLabel->setText(QString::number(value));
        // A new δ changes the score scale: start again from its F1-optimal threshold.
        m_thresholdChosen = false;
        m_windowChart->setCurrentWindow(value);
        if (m_sweep && m_sweep->contains(value) && m_shownImage >= 0) showImage(m_shownImage);
        m_windowTimer.start();
    });
    auto metricLabel = [] {
        auto* label = new QLabel;
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        return label;
    };
    m_imageAurocLabel = metricLabel();
    m_imageAurocLabel->setObjectName(QStringLiteral("imageAurocLabel"));
    m_pixelAurocLabel = metricLabel();
    m_auproLabel = metricLabel();
    m_thresholdLabel = new QLabel;
    m_modelLabel = new QLabel;
    m_modelLabel->setWordWrap(true);
    m_modelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(translatedLabel(QT_TR_NOOP("Image AUROC")), m_imageAurocLabel);
    form->addRow(translatedLabel(QT_TR_NOOP("Pixel AUROC")), m_pixelAurocLabel);
    form->addRow(translatedLabel(QT_TR_NOOP("AUPRO (FPR ≤ 30 %)")), m_auproLabel);
    form->addRow(translatedLabel(QT_TR_NOOP("F1-optimal threshold")), m_thresholdLabel);
    form->addRow(translatedLabel(QT_TR_NOOP("Model")), m_modelLabel);
    m_resultsDock = new QDockWidget(this);
    keepTranslated([dock = m_resultsDock] { dock->setWindowTitle(tr("Model and Results")); });
    m_resultsDock->setObjectName(QStringLiteral("resultsDock"));
    m_resultsDock->setWidget(results);
    addDockWidget(Qt::LeftDockWidgetArea, m_resultsDock);
    splitDockWidget(m_datasetDock, m_resultsDock, Qt::Vertical);

    // Test gallery.
    m_galleryModel = new GalleryModel(this);
    m_galleryView = new QListView;
    m_galleryFilter = new GalleryFilterModel(this);
    m_galleryFilter->setSourceModel(m_galleryModel);
    m_galleryView->setModel(m_galleryFilter);
    m_galleryView->setIconSize(QSize(72, 72));
    m_galleryView->setUniformItemSizes(true);
    m_galleryView->setSpacing(2);
    m_galleryView->setAlternatingRowColors(true);
    m_galleryView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_galleryView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_galleryModel->setThumbnailSize(72);
    connect(m_galleryView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentImageChanged);
    m_sortCombo = new QComboBox;
    m_sortCombo->addItem(tr("Score (highest first)"),
                         static_cast<int>(GalleryModel::SortOrder::ScoreDescending));
    m_sortCombo->addItem(tr("Name"), static_cast<int>(GalleryModel::SortOrder::Name));
    m_sortCombo->addItem(tr("Defect type"), static_cast<int>(GalleryModel::SortOrder::Type));
    keepTranslated([combo = m_sortCombo] {
        combo->setItemText(0, tr("Score (highest first)"));
        combo->setItemText(1, tr("Name"));
        combo->setItemText(2, tr("Defect type"));
    });
    connect(m_sortCombo, &QComboBox::currentIndexChanged, this, [this](int) {
        m_galleryModel->setSortOrder(
            static_cast<GalleryModel::SortOrder>(m_sortCombo->currentData().toInt()));
        m_galleryView->scrollTo(m_galleryView->currentIndex());
    });
    auto* gallery = new QWidget;
    auto* galleryLayout = new QVBoxLayout(gallery);
    galleryLayout->setContentsMargins(4, 4, 4, 4);
    auto* sortRow = new QHBoxLayout;
    auto* sortLabel = new QLabel;
    keepTranslated([sortLabel] { sortLabel->setText(tr("Sort by")); });
    sortRow->addWidget(sortLabel);
    sortRow->addWidget(m_sortCombo, 1);
    galleryLayout->addLayout(sortRow);
    m_filterCombo = new QComboBox;
    m_filterCombo->addItem(tr("All images"), static_cast<int>(GalleryFilterModel::Filter::All));
    m_filterCombo->addItem(tr("False positives"),
                           static_cast<int>(GalleryFilterModel::Filter::FalsePositives));
    m_filterCombo->addItem(tr("False negatives"),
                           static_cast<int>(GalleryFilterModel::Filter::FalseNegatives));
    m_filterCombo->addItem(tr("Not reviewed"), static_cast<int>(GalleryFilterModel::Filter::Unreviewed));
    keepTranslated([combo = m_filterCombo] {
        combo->setItemText(0, tr("All images"));
        combo->setItemText(1, tr("False positives"));
        combo->setItemText(2, tr("False negatives"));
        combo->setItemText(3, tr("Not reviewed"));
    });
    keepTranslated([combo = m_filterCombo] {
        combo->setToolTip(
            tr("Show all test images, or only the wrong predictions at the threshold, or "
               "the images without a review mark"));
    });
    m_filterCount = new QLabel;
    m_filterCount->setMinimumWidth(48);
    m_filterCount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    connect(m_filterCombo, &QComboBox::currentIndexChanged, this, [this](int) {
        m_galleryFilter->setFilter(
            static_cast<GalleryFilterModel::Filter>(m_filterCombo->currentData().toInt()));
    });
    auto updateFilterCount = [this] {
        m_filterCount->setText(
            tr("%1 of %2").arg(m_galleryFilter->rowCount()).arg(m_galleryModel->rowCount()));
        // The image on screen may have left the filter: show the first one that is in it.
        if (!m_galleryView->currentIndex().isValid() && m_galleryFilter->rowCount() > 0)
            m_galleryView->setCurrentIndex(m_galleryFilter->index(0, 0));
    };
    connect(m_galleryFilter, &QAbstractItemModel::rowsInserted, this, updateFilterCount);
    connect(m_galleryFilter, &QAbstractItemModel::rowsRemoved, this, updateFilterCount);
    connect(m_galleryFilter, &QAbstractItemModel::modelReset, this, updateFilterCount);
    connect(m_galleryFilter, &QAbstractItemModel::layoutChanged, this, updateFilterCount);
    keepTranslated([this, updateFilterCount] {
        if (!m_filterCount->text().isEmpty()) updateFilterCount();
    });
    auto* filterRow = new QHBoxLayout;
    auto* filterLabel = new QLabel;
    keepTranslated([filterLabel] { filterLabel->setText(tr("Show")); });
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filterCombo, 1);
    filterRow->addWidget(m_filterCount);
    galleryLayout->addLayout(filterRow);
    galleryLayout->addWidget(m_galleryView, 1);
    m_galleryDock = new QDockWidget(this);
    keepTranslated([dock = m_galleryDock] { dock->setWindowTitle(tr("Test Images")); });
    m_galleryDock->setObjectName(QStringLiteral("galleryDock"));
    m_galleryDock->setWidget(gallery);
    addDockWidget(Qt::RightDockWidgetArea, m_galleryDock);
    resizeDocks({m_datasetDock, m_galleryDock}, {300, 320}, Qt::Horizontal);
    resizeDocks({m_datasetDock, m_resultsDock}, {380, 300}, Qt::Vertical);
    createAnalysis();
}

void MainWindow::createStatusBar() {
    m_statusLabel = new QLabel;
    // Only the idle state follows a language change; the other texts report an event in the words of its
    // time.
    keepTranslated([this] {
        if (m_statusLabel->text().isEmpty() || m_statusLabel->text() == m_readyText) showReady();
    });
    statusBar()->addWidget(m_statusLabel, 1);
    m_progressLabel = new QLabel;
    m_progressBar = new QProgressBar;
    m_progressBar->setFixedWidth(260);
    m_progressBar->setTextVisible(true);
    m_cancelButton = new QToolButton;
    m_cancelButton->setDefaultAction(m_cancelAction);
    m_cancelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelButton->setAutoRaise(true);
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_progressBar);
    statusBar()->addPermanentWidget(m_cancelButton);
    m_progressLabel->hide();
    m_progressBar->hide();
    m_cancelButton->hide();
}

void MainWindow::updateActions() {
    m_openDatasetAction->setEnabled(!m_busy);
    m_openModelAction->setEnabled(!m_busy);
    m_saveModelAction->setEnabled(!m_busy && hasModel());
    m_trainAction->setEnabled(!m_busy && m_dataset && !m_dataset->dataset.train.empty());
    m_cancelAction->setEnabled(m_busy);
    m_windowSlider->setEnabled(hasModel());
    const bool images = m_galleryModel->rowCount() > 0;
    m_nextAction->setEnabled(images);
    m_previousAction->setEnabled(images);
}

void MainWindow::showError(const QString& message) {
    m_errorLabel->setText(message);
    m_errorBanner->show();
    m_statusLabel->setText(tr("Failed: %1").arg(message.section(QLatin1Char('\n'), 0, 0)));
    emit errorShown(message);
}

void MainWindow::hideError() { m_errorBanner->hide(); }

void MainWindow::reportSkipped(const QStringList& warnings) {
    if (warnings.isEmpty() || warnings == m_reportedSkipped) return;
    m_reportedSkipped = warnings;
    constexpr int kShown = 5;
    QStringList lines = warnings.mid(0, kShown);
    if (warnings.size() > kShown)
        lines << tr("… and %n more", "", static_cast<int>(warnings.size() - kShown));
    const QString heading =
        tr("%n file(s) could not be read and were skipped:", "", static_cast<int>(warnings.size()));
    showError(heading + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
    // Not a failure: the rest was scored. The status bar says what happened, the banner which files.
    QString status = heading;
    if (status.endsWith(QLatin1Char(':'))) status.chop(1);
    m_statusLabel->setText(status + QLatin1Char('.'));
}

void MainWindow::setBusy(bool busy) {
    if (busy == m_busy) return;
    m_busy = busy;
    m_progressLabel->setVisible(busy);
    m_progressBar->setVisible(busy);
    m_cancelButton->setVisible(busy);
    updateActions();
    emit busyChanged(busy);
}

void MainWindow::openDataset(const QString& folder, const QString& category) {
    hideError();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, folder, category] { worker->openDataset(folder, category); });
}

void MainWindow::openDatasetAsking(const QString& folder) {
    std::vector<DatasetCategory> categories;
    try {
        categories = datasetCategories(folder.toStdString());
    } catch (const std::exception& e) {
        reportError(localizedError(e));
        return;
    }
    if (categories.size() <= 1) {
        openDataset(folder);
        return;
    }
    QStringList names;
    for (const DatasetCategory& c : categories) names << QString::fromStdString(c.name);
    bool chosen = false;
    const QString name =
        QInputDialog::getItem(this, tr("Choose a Category"),
                              tr("%1 holds %n categories. Open:", nullptr, static_cast<int>(names.size()))
                                  .arg(QDir::toNativeSeparators(folder)),
                              names, 0, false, &chosen);
    if (chosen) openDataset(folder, name);
}

void MainWindow::loadModel(const QString& file) {
    hideError();
    m_pendingModelFile = file;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, file] { worker->loadModel(file); });
}

void MainWindow::saveModel(const QString& file) {
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, file] { worker->saveModel(file); });
}

void MainWindow::train() {
    hideError();
    m_pendingModelFile.clear();
    m_thresholdChosen = false;  // a new model scores on a new scale
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, spec = m_weightsSpec,
                                         window = m_windowSlider->value()] { worker->train(spec, window); });
}

void MainWindow::cancel() {
    m_worker->cancel();
    m_progressLabel->setText(tr("Cancelling…"));
}

void MainWindow::requestWindow() {
    if (!hasModel()) return;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, window = m_windowSlider->value()] { worker->setWindow(window); });
}

void MainWindow::onJobStarted(const QString& title) {
    m_jobClock.start();
    m_progressLabel->setText(title);
    m_progressBar->setRange(0, 0);
    m_statusLabel->setText(tr("%1…").arg(title));
    setBusy(true);
}

void MainWindow::onProgress(qint64 done, qint64 total, const QString& what) {
    if (total <= 0) return;
    m_progressBar->setRange(0, static_cast<int>(total));
    m_progressBar->setValue(static_cast<int>(done));
    m_progressBar->setFormat(tr("%1 of %2 images").arg(done).arg(total));
    QString text = what.isEmpty() ? QString() : what.left(1).toUpper() + what.mid(1);
    if (done > 0 && done < total) {
        const double elapsed = m_jobClock.elapsed() / 1000.0;
        const auto left = static_cast<qint64>(std::ceil(elapsed * static_cast<double>(total - done) / done));
        text = tr("%1 — about %2 left").arg(text, formatDuration(left));
    }
    m_progressLabel->setText(text);
    emit progressChanged(done, total);
}

void MainWindow::onJobFinished() {
    setBusy(false);
    if (m_statusLabel->text().endsWith(QStringLiteral("…"))) showReady();
}

void MainWindow::showReady() {
    m_readyText = tr("Ready");
    m_statusLabel->setText(m_readyText);
}

void MainWindow::onDatasetOpened(std::shared_ptr<const OpenedDataset> opened) {
    m_dataset = std::move(opened);
    const Dataset& dataset = m_dataset->dataset;
    updateWindowTitle();
    fillDatasetOverview();
    m_galleryModel->setEvaluation(nullptr);
    m_sweep.reset();
    if (m_metricsCancel) m_metricsCancel->cancel();
    m_windowChart->clear();
    m_curvesPanel->setEvaluation(nullptr);
    m_thresholdPanel->setEvaluation(nullptr);
    m_viewer->clear();
    m_shownImage = -1;
    setCaption([trainOnly = m_dataset->trainOnly, train = static_cast<int>(dataset.train.size()),
                test = static_cast<int>(dataset.test.size())] {
        return trainOnly ? tr("%n good image(s) found, no test set: train to build a model.", "", train)
                         : tr("Train (Ctrl+T) to score the %n test image(s).", "", test);
    });
    updateMetrics();
    updateActions();
    m_statusLabel->setText(tr("Opened %1").arg(QString::fromStdString(dataset.root.string())));
    emit datasetOpened();
}

// The overview is made from the data set in the current language, and made again when the language changes.
void MainWindow::fillDatasetOverview() {
    m_datasetModel->removeRows(0, m_datasetModel->rowCount());
    if (!m_dataset) return;
    const Dataset& dataset = m_dataset->dataset;
    auto addRow = [this](QStandardItem* parent, const QString& name, const QString& value) {
        QList<QStandardItem*> row{new QStandardItem(name), new QStandardItem(value)};
        row[1]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        (parent ? parent : m_datasetModel->invisibleRootItem())->appendRow(row);
        return row[0];
    };
    QStandardItem* folder = addRow(nullptr, tr("Folder"), QString::fromStdString(dataset.name));
    folder->setToolTip(QString::fromStdString(dataset.root.string()));
    addRow(nullptr, tr("Layout"), m_dataset->trainOnly ? tr("Good images only") : tr("MVTec AD"));
    addRow(nullptr, tr("Training images"), QString::number(dataset.train.size()));
    if (!m_dataset->trainOnly) {
        std::map<std::string, int> byType;
        int defects = 0;
        int masks = 0;
        for (const TestSample& sample : dataset.test) {
            ++byType[sample.defectType];
            if (sample.isDefect()) ++defects;
            if (sample.isDefect() && sample.mask) ++masks;
        }
        QStandardItem* test = addRow(nullptr, tr("Test images"), QString::number(dataset.test.size()));
        for (const auto& [type, count] : byType)
            addRow(test, QString::fromStdString(type), QString::number(count));
        addRow(nullptr, tr("Masks matched"), tr("%1 of %2").arg(masks).arg(defects));
    }
    m_datasetView->expandAll();
}

void MainWindow::onModelChanged(const ModelSummary& summary) {
    m_model = summary;
    m_modelFile = m_pendingModelFile;
    {
        const QSignalBlocker blocker(m_windowSlider);
        m_windowSlider->setValue(std::clamp(summary.window, 1, kStudioMaxWindow));
        m_windowValueLabel->setText(QString::number(summary.window));
    }
    updateModelLabel();
    updateActions();
    emit modelReady();
}

void MainWindow::onEvaluated(std::shared_ptr<const Evaluation> evaluation) {
    const int previous = m_shownImage;
    reportSkipped(evaluation->warnings);
    m_galleryModel->setEvaluation(evaluation);
    m_curvesPanel->setEvaluation(evaluation);
    m_thresholdPanel->setEvaluation(evaluation);
    m_windowChart->setCurrentWindow(evaluation->window);
    // The window on screen shows its pixel metrics on the chart as soon as they are known, not only when the
    // background pass over every window reaches it.
    if (evaluation->hasMetrics && !std::isnan(evaluation->aupro))
        m_windowChart->addPixelMetrics(
            {evaluation->window, evaluation->imageAuroc, evaluation->pixelAuroc, evaluation->aupro, true});
    // A threshold the user or a project chose stays; otherwise start at the F1-optimal one.
    if (!m_thresholdChosen && evaluation->hasMetrics)
        applyThreshold(evaluation->f1Optimal.threshold);
    else
        applyThreshold(m_threshold);
    updateMetrics();
    updateActions();
    // Keep the image the user was looking at; otherwise start with the most anomalous one.
    QModelIndex index;
    if (previous >= 0) {
        const int sourceRow = m_galleryModel->rowOf(previous);
        if (sourceRow >= 0) index = m_galleryFilter->mapFromSource(m_galleryModel->index(sourceRow));
    }
    if (!index.isValid() && m_galleryFilter->rowCount() > 0) index = m_galleryFilter->index(0, 0);
    m_shownImage = -1;
    if (index.isValid()) {
        // The view may already stand on that row (the filter reselects after a reset): show it anyway.
        if (m_galleryView->currentIndex() == index)
            onCurrentImageChanged();
        else
            m_galleryView->setCurrentIndex(index);
        m_galleryView->scrollTo(index);
    }
    emit evaluationShown();
}

void MainWindow::updateMetrics() {
    const std::shared_ptr<const Evaluation> evaluation = m_galleryModel->evaluation();
    if (!evaluation || !evaluation->hasMetrics) {
        for (QLabel* label : {m_imageAurocLabel, m_pixelAurocLabel, m_auproLabel, m_thresholdLabel})
            label->setText(QStringLiteral("—"));
        updateModelLabel();
        return;
    }
    m_imageAurocLabel->setText(formatMetric(evaluation->imageAuroc));
    m_pixelAurocLabel->setText(formatMetric(evaluation->pixelAuroc));
    m_auproLabel->setText(formatMetric(evaluation->aupro));
    m_thresholdLabel->setText(tr("%1 (F1 %2)")
                                  .arg(QString::number(evaluation->f1Optimal.threshold, 'f', 3),
                                       QString::number(evaluation->f1Optimal.f1, 'f', 3)));
}

void MainWindow::onCurrentImageChanged() {
    const QModelIndex current = m_galleryView->currentIndex();
    if (!current.isValid()) return;
    showImage(current.data(GalleryModel::EvaluationIndexRole).toInt());
}

void MainWindow::showImage(int evaluationIndex) {
    const std::shared_ptr<const Evaluation> evaluation = m_galleryModel->evaluation();
    if (!evaluation || evaluationIndex < 0 || evaluationIndex >= static_cast<int>(evaluation->images.size()))
        return;
    m_shownImage = evaluationIndex;
    const quint64 generation = ++m_imageGeneration;
    // The slider's δ: from the sweep while the evaluation at that δ is on its way.
    const int window = m_windowSlider->value();
    const std::shared_ptr<const WindowSweep> sweep =
        m_sweep && m_sweep->contains(window) && m_sweep->images.size() == evaluation->images.size() ? m_sweep
                                                                                                    : nullptr;
    const ScoredImage& scored = evaluation->images[static_cast<std::size_t>(evaluationIndex)];
    const double score = sweep ? sweep->scores[static_cast<std::size_t>(sweep->indexOf(window))]
                                              [static_cast<std::size_t>(evaluationIndex)]
                               : scored.score;
    const bool predicted = score >= m_threshold;
    const ReviewMark mark = m_reviewMarks->mark(QString::fromStdString(scored.image.string()));
    setCaption([name = QString::fromStdString(scored.image.filename().string()),
                type = QString::fromStdString(scored.defectType), score, predicted, mark,
                shownWindow = sweep ? window : evaluation->window] {
        return tr("<b>%1</b> &nbsp; score %2 &nbsp; true label: %3 &nbsp; predicted: %4 &nbsp; "
                  "review: %5 &nbsp; δ = %6")
            .arg(name.toHtmlEscaped(), QString::number(score, 'f', 4), type.toHtmlEscaped(),
                 predicted ? tr("defect") : tr("good"),
                 mark == ReviewMark::Defect ? tr("defect")
                 : mark == ReviewMark::Good ? tr("good")
                                            : tr("—"))
            .arg(shownWindow);
    });
    ViewerOptions options;
    options.colours = static_cast<ColourMap>(m_colourMapCombo->currentData().toInt());
    // The predicted region: the map pixels at or above the image threshold. The map is the blurred patch
    // scores on the same scale as the image score (its maximum before the blur), so the outline shows where
    // the evidence for "defective" lies; the blur lowers peaks, so a just-above-threshold image may show a
    // small region or none.
    if (m_regionAction->isChecked()) options.regionThreshold = m_threshold;
    // Decoding and colouring run on the pool; only the newest request is shown.
    QPointer<MainWindow> guard(this);
    QThreadPool::globalInstance()->start(
        [guard, evaluation, sweep, window, evaluationIndex, generation, options] {
            ViewerImages images = sweep ? prepareSweepImages(*sweep, window, evaluationIndex, options)
                                        : prepareViewerImages(*evaluation, evaluationIndex, options);
            QMetaObject::invokeMethod(
                qApp,
                [guard, images = std::move(images), evaluationIndex, generation] {
                    if (!guard || generation != guard->m_imageGeneration) return;
                    if (!images.error.isEmpty()) {
                        guard->showError(images.error);
                        return;
                    }
                    guard->m_viewer->setImages(images.image, images.heatmap, images.outline, images.region);
                    emit guard->imageShown(evaluationIndex);
                },
                Qt::QueuedConnection);
        });
}

void MainWindow::showNextImage() {
    const int rows = m_galleryFilter->rowCount();
    if (rows == 0) return;
    const int row = m_galleryView->currentIndex().isValid() ? m_galleryView->currentIndex().row() + 1 : 0;
    m_galleryView->setCurrentIndex(m_galleryFilter->index(std::min(row, rows - 1), 0));
}

void MainWindow::showPreviousImage() {
    const int rows = m_galleryFilter->rowCount();
    if (rows == 0) return;
    const int row = m_galleryView->currentIndex().isValid() ? m_galleryView->currentIndex().row() - 1 : 0;
    m_galleryView->setCurrentIndex(m_galleryFilter->index(std::max(row, 0), 0));
}

void MainWindow::chooseDataset() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Data Set"));
    if (!folder.isEmpty()) openDatasetAsking(folder);
}

void MainWindow::chooseModelToOpen() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Model"), {},
                                                      tr("LWinNN models (*.lwinnn);;All files (*)"));
    if (!file.isEmpty()) loadModel(file);
}

void MainWindow::chooseModelToSave() {
    QString suggestion;
    if (m_dataset) suggestion = QString::fromStdString((m_dataset->dataset.root / "model.lwinnn").string());
    const QString file = QFileDialog::getSaveFileName(this, tr("Save Model"), suggestion,
                                                      tr("LWinNN models (*.lwinnn);;All files (*)"));
    if (!file.isEmpty()) saveModel(file);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (m_busy || urls.isEmpty() || !urls.first().isLocalFile()) return;
    const QFileInfo first(urls.first().toLocalFile());
    // A folder opens as a data set (or is scored as new images, see dropEvent); image files need a model.
    if (first.isDir() || (hasModel() && hasImageExtension(first.filePath().toStdString())))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (m_busy || urls.isEmpty() || !urls.first().isLocalFile()) return;
    QStringList paths;
    for (const QUrl& url : urls)
        if (url.isLocalFile()) paths.append(url.toLocalFile());
    const QString folder = paths.first();
    const QFileInfo info(folder);
    // With a model, images and folders of plain images are new images to score; a folder in a data-set layout
    // (MVTec AD, MVTec 3D-AD, VisA, or a folder of categories), or with train/, is always a data set.
    bool layout = QFileInfo(folder + QStringLiteral("/train")).isDir();
    try {
        layout = layout || (info.isDir() && !datasetCategories(folder.toStdString()).empty());
    } catch (const std::exception&) {
        layout = true;  // a data set with a problem inside: opening it shows the reason
    }
    const bool datasetFolder = info.isDir() && (!hasModel() || layout);
    if (datasetFolder) {
        event->acceptProposedAction();
        openDatasetAsking(folder);
        return;
    }
    if (!hasModel()) {
        showError(tr("%1: drop a folder (a data set), not a file").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    event->acceptProposedAction();
    scoreImages(paths);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_projects->maybeSave()) {
        event->ignore();
        return;
    }
    saveWindowLayout(this);
    m_worker->cancel();
    QMainWindow::closeEvent(event);
}

void MainWindow::reportError(const QString& message) { showError(message); }

void MainWindow::setTrainingSettings(const QString& device, const QString& resizeMode) {
    m_device = device;
    m_resizeMode = resizeMode;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, device, resizeMode, half = m_halfPrecisionBank] {
        worker->setTrainingSettings(device, resizeMode, half);
    });
}

std::shared_ptr<const Evaluation> MainWindow::newImagesEvaluation() const {
    return m_newImagesModel->evaluation();
}

void MainWindow::createNewImagesDock() {
    m_newImagesModel = new GalleryModel(this);
    m_newImagesModel->setThumbnailSize(72);
    m_newImagesModel->setThreshold(m_threshold);
    connect(this, &MainWindow::thresholdChanged, m_newImagesModel, &GalleryModel::setThreshold);
    // Another model or another δ: the new images are scored again, so that they compare with the test set.
    auto rescore = [this] {
        if (!m_newImages.isEmpty())
            QMetaObject::invokeMethod(
                m_worker, [worker = m_worker, files = m_newImages] { worker->scoreNewImages(files); });
    };
    connect(this, &MainWindow::modelReady, this, rescore);
    connect(this, &MainWindow::evaluationShown, this, [this, rescore] {
        const auto scored = m_newImagesModel->evaluation();
        const auto test = evaluation();
        if (scored && test && scored->window != test->window) rescore();
    });
    m_newImagesView = new QListView;
    m_newImagesView->setModel(m_newImagesModel);
    m_newImagesView->setIconSize(QSize(72, 72));
    m_newImagesView->setUniformItemSizes(true);
    m_newImagesView->setSpacing(2);
    m_newImagesView->setAlternatingRowColors(true);
    m_newImagesView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_newImagesView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    connect(m_newImagesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) showNewImage(current.data(GalleryModel::EvaluationIndexRole).toInt());
            });
    m_newImagesHint = new QLabel;
    m_newImagesHint->setWordWrap(true);
    m_newImagesHint->setAlignment(Qt::AlignCenter);
    m_newImagesHint->setContentsMargins(8, 8, 8, 8);
    auto* scoreButton = new QToolButton;
    scoreButton->setDefaultAction(m_scoreImagesAction);
    scoreButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* clearButton = new QToolButton;
    connect(clearButton, &QToolButton::clicked, this, &MainWindow::clearNewImages);
    auto* widget = new QWidget;
    auto* layout = new QVBoxLayout(widget);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(scoreButton);
    buttons->addStretch(1);
    buttons->addWidget(clearButton);
    layout->addLayout(buttons);
    layout->addWidget(m_newImagesHint);
    layout->addWidget(m_newImagesView, 1);
    m_newImagesDock = new QDockWidget(this);
    m_newImagesDock->setObjectName(QStringLiteral("newImagesDock"));
    m_newImagesDock->setWidget(widget);
    keepTranslated([this, clearButton] {
        m_newImagesDock->setWindowTitle(tr("New Images"));
        m_newImagesHint->setText(
            tr("Drop images or a folder of new, unlabelled images here (or use File ▸ Score "
               "Images…) to score them with the trained model."));
        clearButton->setText(tr("Clear"));
        clearButton->setToolTip(tr("Remove the new images from the list"));
    });
    addDockWidget(Qt::RightDockWidgetArea, m_newImagesDock);
    tabifyDockWidget(m_galleryDock, m_newImagesDock);
    m_galleryDock->raise();
}

void MainWindow::chooseImagesToScore() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Score Images"), {}, tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;All files (*)"));
    if (!files.isEmpty()) scoreImages(files);
}

void MainWindow::scoreImages(const QStringList& paths) {
    hideError();
    if (!hasModel()) {
        showError(tr("Train or open a model before scoring new images."));
        return;
    }
    QStringList files;
    try {
        files = expandImagePaths(paths);
    } catch (const std::exception& e) {
        showError(localizedError(e));
        return;
    }
    if (files.isEmpty()) {
        showError(tr("%1: no images found").arg(QDir::toNativeSeparators(paths.value(0))));
        return;
    }
    for (const QString& file : files)
        if (!m_newImages.contains(file)) m_newImages.append(file);
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, files = m_newImages] { worker->scoreNewImages(files); });
}

void MainWindow::clearNewImages() {
    m_newImages.clear();
    m_newImagesModel->setEvaluation(nullptr);
    m_newImagesHint->show();
}

void MainWindow::showNewImage(int evaluationIndex) {
    const std::shared_ptr<const Evaluation> scored = m_newImagesModel->evaluation();
    if (!scored || evaluationIndex < 0 || evaluationIndex >= static_cast<int>(scored->images.size())) return;
    m_shownImage = -1;
    const quint64 generation = ++m_imageGeneration;
    const ScoredImage& image = scored->images[static_cast<std::size_t>(evaluationIndex)];
    setCaption([name = QString::fromStdString(image.image.filename().string()), score = image.score,
                predicted = image.score >= m_threshold, shownWindow = scored->window] {
        return tr("<b>%1</b> &nbsp; score %2 &nbsp; %3 &nbsp; δ = %4")
            .arg(name.toHtmlEscaped(), QString::number(score, 'f', 4),
                 predicted ? tr("predicted defect") : tr("predicted good"))
            .arg(shownWindow);
    });
    QPointer<MainWindow> guard(this);
    QThreadPool::globalInstance()->start([guard, scored, evaluationIndex, generation] {
        ViewerImages images = prepareViewerImages(*scored, evaluationIndex);
        QMetaObject::invokeMethod(
            qApp,
            [guard, images = std::move(images), generation] {
                if (!guard || generation != guard->m_imageGeneration) return;
                if (!images.error.isEmpty()) {
                    guard->showError(images.error);
                    return;
                }
                guard->m_viewer->setImages(images.image, images.heatmap, images.outline);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showExportDialog() {
    ExportDialog dialog(this);
    dialog.exec();
}

void MainWindow::showSettingsDialog() {
    SettingsDialog dialog(StudioSettings::load(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const StudioSettings settings = dialog.settings();  // saved by the dialog
    m_weightsSpec = settings.weights;
    m_halfPrecisionBank = settings.fp16Bank;
    setMaxImagePixels(std::int64_t{settings.maxImageMegapixels} * 1'000'000);
    setTrainingSettings(settings.device, settings.resizeMode);
}

void MainWindow::createAnalysis() {
    m_galleryModel->setReviewMarks(m_reviewMarks);
    m_galleryModel->setShowsPredictions(true);
    const auto make = [this](const char* text, const QString& icon, const QKeySequence& shortcut,
                             const char* tip) { return makeAction(text, icon, shortcut, tip); };
    m_markDefectAction =
        make(QT_TR_NOOP("Mark as &Defect"), QStringLiteral("mark-defect"), QKeySequence(Qt::Key_D),
             QT_TR_NOOP("Review: the image on screen shows a defect"));
    m_markGoodAction = make(QT_TR_NOOP("Mark as &Good (OK)"), QStringLiteral("mark-good"),
                            QKeySequence(Qt::Key_K), QT_TR_NOOP("Review: the image on screen is OK"));
    m_clearMarkAction = make(QT_TR_NOOP("&Clear Mark"), QStringLiteral("mark-clear"), QKeySequence(Qt::Key_U),
                             QT_TR_NOOP("Review: remove the mark of the image on screen"));
    connect(m_markDefectAction, &QAction::triggered, this, [this] { markShownImage(ReviewMark::Defect); });
    connect(m_markGoodAction, &QAction::triggered, this, [this] { markShownImage(ReviewMark::Good); });
    connect(m_clearMarkAction, &QAction::triggered, this, [this] { markShownImage(ReviewMark::Unreviewed); });
    m_exportReviewAction = make(
        QT_TR_NOOP("Export &Review Marks…"), QStringLiteral("export"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        QT_TR_NOOP("Write every test image with its true label, score, prediction and review mark as CSV"));
    connect(m_exportReviewAction, &QAction::triggered, this, &MainWindow::chooseReviewExport);
    m_regionAction =
        make(QT_TR_NOOP("P&redicted Region Outline"), QStringLiteral("region"), QKeySequence(Qt::Key_R),
             QT_TR_NOOP("Outline the pixels whose anomaly map reaches the threshold"));
    m_regionAction->setCheckable(true);
    m_regionAction->setChecked(true);
    connect(m_regionAction, &QAction::toggled, this, [this](bool on) {
        m_viewer->setRegionVisible(on);
        if (on && m_shownImage >= 0) showImage(m_shownImage);
    });
    m_f1Action = make(QT_TR_NOOP("Set &F1-Optimal Threshold"), QStringLiteral("f1"), QKeySequence(Qt::Key_F),
                      QT_TR_NOOP("Set the threshold with the highest F1 on the test images"));
    for (QAction* action :
         {m_markDefectAction, m_markGoodAction, m_clearMarkAction, m_regionAction, m_f1Action})
        addAction(action);  // the keys work wherever the focus is in the window

    // The viewer's colour map, next to the opacity in the toolbar.
    m_colourMapCombo = new QComboBox;
    m_colourMapCombo->addItem(tr("Turbo"), static_cast<int>(ColourMap::Turbo));
    m_colourMapCombo->addItem(tr("Inferno"), static_cast<int>(ColourMap::Inferno));
    m_colourMapCombo->addItem(tr("Grey"), static_cast<int>(ColourMap::Grey));
    keepTranslated([combo = m_colourMapCombo] {
        combo->setItemText(0, tr("Turbo"));
        combo->setItemText(1, tr("Inferno"));
        combo->setItemText(2, tr("Grey"));
    });
    keepTranslated([combo = m_colourMapCombo] { combo->setToolTip(tr("Colour map of the heatmap")); });
    connect(m_colourMapCombo, &QComboBox::currentIndexChanged, this, [this](int) {
        if (m_shownImage >= 0) showImage(m_shownImage);
    });
    if (auto* bar = findChild<QToolBar*>(QStringLiteral("mainToolBar"))) {
        const QList<QAction*> actions = bar->actions();
        QAction* before = nullptr;
        for (int i = 0; i < actions.size(); ++i)
            if (bar->widgetForAction(actions[i]) == m_opacitySlider && i + 1 < actions.size())
                before = actions[i + 1];
        bar->insertWidget(before, m_colourMapCombo);
        bar->insertAction(before, m_regionAction);
        if (auto* tool = qobject_cast<QToolButton*>(bar->widgetForAction(m_regionAction)))
            tool->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }

    // Threshold and curves in a dock under the image.
    m_thresholdPanel = new ThresholdPanel;
    m_curvesPanel = new CurvesPanel;
    connect(m_thresholdPanel, &ThresholdPanel::thresholdEdited, this, &MainWindow::setThreshold);
    connect(m_f1Action, &QAction::triggered, m_thresholdPanel->f1Button(), &QPushButton::click);
    auto* analysis = new QWidget;
    auto* analysisLayout = new QVBoxLayout(analysis);
    analysisLayout->setContentsMargins(2, 2, 2, 2);
    analysisLayout->setSpacing(2);
    analysisLayout->addWidget(m_thresholdPanel);
    analysisLayout->addWidget(m_curvesPanel, 1);
    m_analysisDock = new QDockWidget(this);
    keepTranslated([dock = m_analysisDock] { dock->setWindowTitle(tr("Threshold and Curves")); });
    m_analysisDock->setObjectName(QStringLiteral("analysisDock"));
    m_analysisDock->setWidget(analysis);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_analysisDock);
    resizeDocks({m_analysisDock}, {300}, Qt::Vertical);

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(60);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        if (m_shownImage >= 0) showImage(m_shownImage);
    });
    auto refreshShown = [this] {
        if (m_shownImage >= 0) m_redrawTimer.start();
    };
    connect(m_reviewMarks, &ReviewMarks::changed, this, refreshShown);
    connect(m_reviewMarks, &ReviewMarks::reset, this, refreshShown);
    // The data set overview needs little height; the results and the δ chart more.
    resizeDocks({m_datasetDock, m_resultsDock}, {230, 540}, Qt::Vertical);
}

void MainWindow::createReviewMenu() {
    auto* review = new QMenu(this);
    keepTranslated([review] { review->setTitle(tr("&Review")); });
    review->addAction(m_markDefectAction);
    review->addAction(m_markGoodAction);
    review->addAction(m_clearMarkAction);
    review->addSeparator();
    review->addAction(m_f1Action);
    review->addAction(m_regionAction);
    review->addSeparator();
    review->addAction(m_exportReviewAction);
    review->addSeparator();
    review->addAction(m_analysisDock->toggleViewAction());
    const QList<QAction*> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), review);  // before Help
    if (m_fileMenu) {
        m_fileMenu->insertAction(m_quitAction, m_exportReviewAction);
        m_fileMenu->insertSeparator(m_quitAction);
    }
}

int MainWindow::searchCount() const { return m_worker->searchCount(); }

void MainWindow::applyThreshold(double threshold) {
    const bool changed = threshold != m_threshold;
    m_threshold = threshold;
    m_galleryModel->setThreshold(threshold);
    m_curvesPanel->setThreshold(threshold);
    m_thresholdPanel->setThreshold(threshold);
    if (!changed) return;
    if (m_shownImage >= 0) m_redrawTimer.start();
    emit thresholdChanged(threshold);
}

void MainWindow::onSweepReady(std::shared_ptr<const WindowSweep> sweep) {
    if (m_metricsCancel) m_metricsCancel->cancel();
    m_sweep = std::move(sweep);
    m_windowChart->setImageMetrics(imageMetrics(*m_sweep));
    m_windowChart->setCurrentWindow(m_windowSlider->value());
    emit windowMetricsUpdated();
    // Pixel metrics of every δ in the background (a map per image and a sort of all pixels each), shown as
    // they arrive; a newer sweep cancels them.
    auto cancel = std::make_shared<CancelToken>();
    m_metricsCancel = cancel;
    const quint64 generation = ++m_sweepGeneration;
    QPointer<MainWindow> guard(this);
    QThreadPool::globalInstance()->start([guard, sweep = m_sweep, cancel, generation] {
        for (const int window : sweep->windows) {
            if (cancel->cancelled()) return;
            WindowMetrics metrics;
            try {
                metrics = pixelMetrics(*sweep, window, cancel.get());
            } catch (const Cancelled&) {
                return;
            } catch (const std::exception&) {
                metrics.window = window;  // shown as missing
                metrics.pixelsComputed = true;
            }
            QMetaObject::invokeMethod(
                qApp,
                [guard, metrics, generation] {
                    if (!guard || generation != guard->m_sweepGeneration) return;
                    guard->m_windowChart->addPixelMetrics(metrics);
                    emit guard->windowMetricsUpdated();
                },
                Qt::QueuedConnection);
        }
    });
}

void MainWindow::markShownImage(ReviewMark mark) {
    const std::shared_ptr<const Evaluation> evaluation = m_galleryModel->evaluation();
    if (!evaluation || m_shownImage < 0 || m_shownImage >= static_cast<int>(evaluation->images.size()))
        return;
    const auto& image = evaluation->images[static_cast<std::size_t>(m_shownImage)].image;
    m_reviewMarks->setMark(QString::fromStdString(image.string()), mark);
    m_statusLabel->setText(mark == ReviewMark::Unreviewed
                               ? tr("Mark cleared: %1").arg(QString::fromStdString(image.filename().string()))
                               : tr("Marked %1 as %2")
                                     .arg(QString::fromStdString(image.filename().string()),
                                          mark == ReviewMark::Defect ? tr("defect") : tr("good")));
}

void MainWindow::chooseReviewExport() {
    if (!m_galleryModel->evaluation()) {
        showError(
            tr("There are no scored test images to export: open a data set and train or open a model."));
        return;
    }
    QString suggestion;
    if (m_dataset)
        suggestion = QString::fromStdString((m_dataset->dataset.root / "review_marks.csv").string());
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Review Marks"), suggestion,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!file.isEmpty()) exportReviewMarks(file);
}

void MainWindow::exportReviewMarks(const QString& file) {
    const std::shared_ptr<const Evaluation> evaluation = m_galleryModel->evaluation();
    if (!evaluation) {
        showError(tr("%1: there are no scored test images to export").arg(QDir::toNativeSeparators(file)));
        return;
    }
    // The rows are gathered here (the marks live on this thread); the file is written on the pool.
    std::string csv = "image,true_label,defect_type,score,predicted,mark\n";
    for (const ScoredImage& image : evaluation->images) {
        const QString path = QString::fromStdString(image.image.string());
        csv += csvField(image.image.string()) + ',' + (image.isDefect() ? "defect" : "good") + ',' +
               csvField(image.defectType) + ',' + QString::number(image.score, 'g', 17).toStdString() + ',' +
               (image.score >= m_threshold ? "defect" : "good") + ',' +
               ReviewMarks::toString(m_reviewMarks->mark(path)).toStdString() + '\n';
    }
    QPointer<MainWindow> guard(this);
    QThreadPool::globalInstance()->start([guard, file, csv = std::move(csv)] {
        QString error;
        try {
            writeFileAtomically(file.toStdString(), csv.data(), csv.size());
        } catch (const std::exception& e) {
            error = localizedError(e);
        }
        QMetaObject::invokeMethod(
            qApp,
            [guard, file, error] {
                if (!guard) return;
                if (!error.isEmpty()) {
                    guard->showError(error);
                    return;
                }
                guard->m_statusLabel->setText(
                    tr("Review marks exported to %1").arg(QDir::toNativeSeparators(file)));
                emit guard->reviewMarksExported(file);
            },
            Qt::QueuedConnection);
    });
}

}  // namespace lwinnn::ui
