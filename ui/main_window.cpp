#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
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
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
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

#include "gallery_model.h"
#include "heatmap_export.h"
#include "image_conversion.h"
#include "image_io.h"
#include "image_viewer.h"

// The icons live in a static library: their resource must be registered by hand, outside any namespace.
static void initStudioResources() { Q_INIT_RESOURCE(studio); }

namespace lwinnn::ui {

namespace {

constexpr int kDefaultWindow = 7;
constexpr int kMaxSliderWindow = 15;

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
    QString error;
};

ViewerImages prepareViewerImages(const Evaluation& evaluation, int index) {
    ViewerImages out;
    const ScoredImage& scored = evaluation.images.at(static_cast<std::size_t>(index));
    try {
        const RgbImage rgb = decodeImage(scored.image);
        out.image = toQImage(rgb);
        const MapView map{evaluation.pixels.height, evaluation.pixels.width, evaluation.map(index)};
        // alpha 1: the pure colour map; the viewer blends it with the user's opacity.
        out.heatmap = toQImage(renderHeatmapOverlay(rgb, map, evaluation.mapLow, evaluation.mapHigh, 1.0f));
        if (scored.mask) {
            QImage mask(QString::fromStdString(scored.mask->string()));
            if (!mask.isNull()) {
                if (mask.size() != out.image.size()) mask = mask.scaled(out.image.size());
                out.outline = maskOutline(mask, QColor(80, 255, 120));
            }
        }
    } catch (const std::exception& e) {
        out.error = QString::fromStdString(e.what());
    }
    return out;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    initStudioResources();
    setWindowTitle(tr("LWinNN Studio"));
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
    connect(m_worker, &DetectorWorker::windowReverted, this, [this](int window) {
        const QSignalBlocker blocker(m_windowSlider);
        m_windowSlider->setValue(window);
        m_windowValueLabel->setText(QString::number(window));
    });
    connect(m_worker, &DetectorWorker::modelSaved, this, [this](const QString& file) {
        m_statusLabel->setText(tr("Model saved to %1").arg(QDir::toNativeSeparators(file)));
        emit modelSaved(file);
    });
    m_thread->start();

    createActions();
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
    closeError->setToolTip(tr("Dismiss"));
    connect(closeError, &QToolButton::clicked, this, &MainWindow::hideError);
    auto* bannerLayout = new QHBoxLayout(m_errorBanner);
    bannerLayout->addWidget(m_errorLabel, 1);
    bannerLayout->addWidget(closeError, 0, Qt::AlignTop);
    m_errorBanner->hide();

    m_imageCaption = new QLabel(tr("Open a data set (Ctrl+O) or drop its folder here."));
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
    createMenus();
    createStatusBar();

    m_windowTimer.setSingleShot(true);
    m_windowTimer.setInterval(250);
    connect(&m_windowTimer, &QTimer::timeout, this, &MainWindow::requestWindow);

    resize(1440, 900);
    updateActions();
    updateMetrics();
}

MainWindow::~MainWindow() {
    m_worker->cancel();
    m_thread->quit();
    m_thread->wait();
}

std::shared_ptr<const Evaluation> MainWindow::evaluation() const { return m_galleryModel->evaluation(); }

QString MainWindow::errorText() const {
    return m_errorBanner->isVisibleTo(this) ? m_errorLabel->text() : QString();
}

void MainWindow::createActions() {
    auto make = [this](const QString& text, const QString& icon, const QKeySequence& shortcut,
                       const QString& tip) {
        auto* action = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), text, this);
        if (!shortcut.isEmpty()) action->setShortcut(shortcut);
        action->setStatusTip(tip);
        action->setToolTip(
            shortcut.isEmpty() ? tip : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        return action;
    };
    m_openDatasetAction = make(tr("&Open Data Set…"), QStringLiteral("open-dataset"), QKeySequence::Open,
                               tr("Open an MVTec AD category or a folder of good images"));
    connect(m_openDatasetAction, &QAction::triggered, this, &MainWindow::chooseDataset);
    m_openModelAction = make(tr("Open &Model…"), QStringLiteral("open-model"),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Open a trained model file"));
    connect(m_openModelAction, &QAction::triggered, this, &MainWindow::chooseModelToOpen);
    m_saveModelAction =
        make(tr("&Save Model…"), QStringLiteral("save"), QKeySequence::Save, tr("Save the trained model"));
    connect(m_saveModelAction, &QAction::triggered, this, &MainWindow::chooseModelToSave);
    m_quitAction = make(tr("&Quit"), QStringLiteral("quit"), QKeySequence::Quit, tr("Quit LWinNN Studio"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_trainAction = make(tr("&Train"), QStringLiteral("train"), QKeySequence(Qt::CTRL | Qt::Key_T),
                         tr("Train a model on the good training images"));
    connect(m_trainAction, &QAction::triggered, this, &MainWindow::train);
    m_cancelAction = make(tr("&Cancel"), QStringLiteral("cancel"), QKeySequence(Qt::Key_Escape),
                          tr("Cancel the running operation"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancel);

    m_overlayAction = make(tr("&Heatmap Overlay"), QStringLiteral("heatmap"), QKeySequence(Qt::Key_H),
                           tr("Show the anomaly heatmap over the image"));
    m_overlayAction->setCheckable(true);
    m_overlayAction->setChecked(true);
    connect(m_overlayAction, &QAction::toggled, this, [this](bool on) { m_viewer->setOverlayVisible(on); });
    m_outlineAction = make(tr("&Ground-Truth Outline"), QStringLiteral("outline"), QKeySequence(Qt::Key_G),
                           tr("Outline the annotated defect region"));
    m_outlineAction->setCheckable(true);
    m_outlineAction->setChecked(true);
    connect(m_outlineAction, &QAction::toggled, this, [this](bool on) { m_viewer->setOutlineVisible(on); });
    m_fitAction = make(tr("&Fit to Window"), QStringLiteral("zoom-fit"), QKeySequence(Qt::CTRL | Qt::Key_0),
                       tr("Fit the image to the window"));
    m_actualSizeAction = make(tr("&Actual Size"), QStringLiteral("zoom-actual"),
                              QKeySequence(Qt::CTRL | Qt::Key_1), tr("Show the image at 100 %"));
    m_zoomInAction = make(tr("Zoom &In"), QStringLiteral("zoom-in"), QKeySequence::ZoomIn, tr("Zoom in"));
    m_zoomOutAction =
        make(tr("Zoom &Out"), QStringLiteral("zoom-out"), QKeySequence::ZoomOut, tr("Zoom out"));
    m_nextAction = make(tr("&Next Image"), QStringLiteral("next"), QKeySequence(Qt::Key_N),
                        tr("Show the next test image"));
    m_previousAction = make(tr("&Previous Image"), QStringLiteral("previous"), QKeySequence(Qt::Key_P),
                            tr("Show the previous test image"));
    connect(m_nextAction, &QAction::triggered, this, &MainWindow::showNextImage);
    connect(m_previousAction, &QAction::triggered, this, &MainWindow::showPreviousImage);
    m_aboutAction = make(tr("&About LWinNN Studio"), QStringLiteral("app"), {}, tr("About LWinNN Studio"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About LWinNN Studio"),
                           tr("<h3>LWinNN Studio</h3><p>Visual anomaly detection from photos of good parts, "
                              "with local-window nearest-neighbour search.</p>"));
    });
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openDatasetAction);
    file->addSeparator();
    file->addAction(m_openModelAction);
    file->addAction(m_saveModelAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    model->addAction(m_trainAction);
    model->addAction(m_cancelAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
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
    QMenu* panels = view->addMenu(tr("&Panels"));
    panels->addAction(m_datasetDock->toggleViewAction());
    panels->addAction(m_resultsDock->toggleViewAction());
    panels->addAction(m_galleryDock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
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
    auto* opacityLabel = new QLabel(tr("Opacity"));
    opacityLabel->setContentsMargins(8, 0, 4, 0);
    bar->addWidget(opacityLabel);
    m_opacitySlider = new QSlider(Qt::Horizontal);
    m_opacitySlider->setRange(0, 100);
    m_opacitySlider->setValue(50);
    m_opacitySlider->setFixedWidth(120);
    m_opacitySlider->setToolTip(tr("Heatmap opacity"));
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
    m_datasetModel->setHorizontalHeaderLabels({tr("Item"), tr("Count")});
    m_datasetView = new QTreeView;
    m_datasetView->setModel(m_datasetModel);
    m_datasetView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_datasetView->setRootIsDecorated(true);
    m_datasetView->setAlternatingRowColors(true);
    m_datasetView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_datasetView->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_datasetView->header()->setStretchLastSection(false);
    m_datasetDock = new QDockWidget(tr("Data Set"), this);
    m_datasetDock->setObjectName(QStringLiteral("datasetDock"));
    m_datasetDock->setWidget(m_datasetView);
    addDockWidget(Qt::LeftDockWidgetArea, m_datasetDock);

    // Model and results.
    auto* results = new QWidget;
    auto* form = new QFormLayout(results);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_windowSlider = new QSlider(Qt::Horizontal);
    m_windowSlider->setRange(1, kMaxSliderWindow);
    m_windowSlider->setValue(kDefaultWindow);
    m_windowSlider->setPageStep(2);
    m_windowSlider->setTickPosition(QSlider::TicksBelow);
    m_windowSlider->setTickInterval(2);
    m_windowSlider->setToolTip(
        tr("Local window size δ: how far (in patches) a test patch may look for its "
           "nearest training patch"));
    m_windowValueLabel = new QLabel(QString::number(kDefaultWindow));
    m_windowValueLabel->setMinimumWidth(24);
    auto* windowRow = new QHBoxLayout;
    windowRow->addWidget(m_windowSlider, 1);
    windowRow->addWidget(m_windowValueLabel);
    form->addRow(tr("Window δ"), windowRow);
    connect(m_windowSlider, &QSlider::valueChanged, this, [this](int value) {
        m_windowValueLabel->setText(QString::number(value));
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
    form->addRow(tr("Image AUROC"), m_imageAurocLabel);
    form->addRow(tr("Pixel AUROC"), m_pixelAurocLabel);
    form->addRow(tr("AUPRO (FPR ≤ 30 %)"), m_auproLabel);
    form->addRow(tr("F1-optimal threshold"), m_thresholdLabel);
    form->addRow(tr("Model"), m_modelLabel);
    m_resultsDock = new QDockWidget(tr("Model and Results"), this);
    m_resultsDock->setObjectName(QStringLiteral("resultsDock"));
    m_resultsDock->setWidget(results);
    addDockWidget(Qt::LeftDockWidgetArea, m_resultsDock);
    splitDockWidget(m_datasetDock, m_resultsDock, Qt::Vertical);

    // Test gallery.
    m_galleryModel = new GalleryModel(this);
    m_galleryView = new QListView;
    m_galleryView->setModel(m_galleryModel);
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
    connect(m_sortCombo, &QComboBox::currentIndexChanged, this, [this](int) {
        m_galleryModel->setSortOrder(
            static_cast<GalleryModel::SortOrder>(m_sortCombo->currentData().toInt()));
        m_galleryView->scrollTo(m_galleryView->currentIndex());
    });
    auto* gallery = new QWidget;
    auto* galleryLayout = new QVBoxLayout(gallery);
    galleryLayout->setContentsMargins(4, 4, 4, 4);
    auto* sortRow = new QHBoxLayout;
    sortRow->addWidget(new QLabel(tr("Sort by")));
    sortRow->addWidget(m_sortCombo, 1);
    galleryLayout->addLayout(sortRow);
    galleryLayout->addWidget(m_galleryView, 1);
    m_galleryDock = new QDockWidget(tr("Test Images"), this);
    m_galleryDock->setObjectName(QStringLiteral("galleryDock"));
    m_galleryDock->setWidget(gallery);
    addDockWidget(Qt::RightDockWidgetArea, m_galleryDock);
    resizeDocks({m_datasetDock, m_galleryDock}, {300, 320}, Qt::Horizontal);
    resizeDocks({m_datasetDock, m_resultsDock}, {380, 300}, Qt::Vertical);
}

void MainWindow::createStatusBar() {
    m_statusLabel = new QLabel(tr("Ready"));
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

void MainWindow::setBusy(bool busy) {
    if (busy == m_busy) return;
    m_busy = busy;
    m_progressLabel->setVisible(busy);
    m_progressBar->setVisible(busy);
    m_cancelButton->setVisible(busy);
    updateActions();
    emit busyChanged(busy);
}

void MainWindow::openDataset(const QString& folder) {
    hideError();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, folder] { worker->openDataset(folder); });
}

void MainWindow::loadModel(const QString& file) {
    hideError();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, file] { worker->loadModel(file); });
}

void MainWindow::saveModel(const QString& file) {
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, file] { worker->saveModel(file); });
}

void MainWindow::train() {
    hideError();
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
    if (m_statusLabel->text().endsWith(QStringLiteral("…"))) m_statusLabel->setText(tr("Ready"));
}

void MainWindow::onDatasetOpened(std::shared_ptr<const OpenedDataset> opened) {
    m_dataset = std::move(opened);
    const Dataset& dataset = m_dataset->dataset;
    setWindowTitle(tr("%1 — LWinNN Studio").arg(QString::fromStdString(dataset.name)));
    m_datasetModel->removeRows(0, m_datasetModel->rowCount());
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
    m_galleryModel->setEvaluation(nullptr);
    m_viewer->clear();
    m_shownImage = -1;
    m_imageCaption->setText(
        m_dataset->trainOnly
            ? tr("%n good image(s) found, no test set: train to build a model.", "",
                 static_cast<int>(dataset.train.size()))
            : tr("Train (Ctrl+T) to score the %n test image(s).", "", static_cast<int>(dataset.test.size())));
    updateMetrics();
    updateActions();
    m_statusLabel->setText(tr("Opened %1").arg(QString::fromStdString(dataset.root.string())));
    emit datasetOpened();
}

void MainWindow::onModelChanged(const ModelSummary& summary) {
    m_model = summary;
    {
        const QSignalBlocker blocker(m_windowSlider);
        m_windowSlider->setValue(std::clamp(summary.window, 1, kMaxSliderWindow));
        m_windowValueLabel->setText(QString::number(summary.window));
    }
    m_modelLabel->setText(tr("%1 training images, input %2×%3, %4\nweights: %5")
                              .arg(summary.trainCount)
                              .arg(summary.inputWidth)
                              .arg(summary.inputHeight)
                              .arg(summary.device, QFileInfo(summary.weightsSource).fileName()));
    updateActions();
    emit modelReady();
}

void MainWindow::onEvaluated(std::shared_ptr<const Evaluation> evaluation) {
    const int previous = m_shownImage;
    m_galleryModel->setEvaluation(std::move(evaluation));
    updateMetrics();
    updateActions();
    // Keep the image the user was looking at; otherwise start with the most anomalous one.
    int row = previous >= 0 ? m_galleryModel->rowOf(previous) : -1;
    if (row < 0 && m_galleryModel->rowCount() > 0) row = 0;
    m_shownImage = -1;
    if (row >= 0) {
        m_galleryView->setCurrentIndex(m_galleryModel->index(row));
        m_galleryView->scrollTo(m_galleryModel->index(row));
    }
    emit evaluationShown();
}

void MainWindow::updateMetrics() {
    const std::shared_ptr<const Evaluation> evaluation = m_galleryModel->evaluation();
    if (!evaluation || !evaluation->hasMetrics) {
        for (QLabel* label : {m_imageAurocLabel, m_pixelAurocLabel, m_auproLabel, m_thresholdLabel})
            label->setText(QStringLiteral("—"));
        if (!hasModel()) m_modelLabel->setText(tr("No model yet"));
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
    const ScoredImage& scored = evaluation->images[static_cast<std::size_t>(evaluationIndex)];
    m_imageCaption->setText(tr("<b>%1</b> &nbsp; score %2 &nbsp; true label: %3 &nbsp; δ = %4")
                                .arg(QString::fromStdString(scored.image.filename().string()).toHtmlEscaped(),
                                     QString::number(scored.score, 'f', 4),
                                     QString::fromStdString(scored.defectType).toHtmlEscaped())
                                .arg(evaluation->window));
    // Decoding and colouring run on the pool; only the newest request is shown.
    QPointer<MainWindow> guard(this);
    QThreadPool::globalInstance()->start([guard, evaluation, evaluationIndex, generation] {
        ViewerImages images = prepareViewerImages(*evaluation, evaluationIndex);
        QMetaObject::invokeMethod(
            qApp,
            [guard, images = std::move(images), evaluationIndex, generation] {
                if (!guard || generation != guard->m_imageGeneration) return;
                if (!images.error.isEmpty()) {
                    guard->showError(images.error);
                    return;
                }
                guard->m_viewer->setImages(images.image, images.heatmap, images.outline);
                emit guard->imageShown(evaluationIndex);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showNextImage() {
    const int rows = m_galleryModel->rowCount();
    if (rows == 0) return;
    const int row = m_galleryView->currentIndex().isValid() ? m_galleryView->currentIndex().row() + 1 : 0;
    m_galleryView->setCurrentIndex(m_galleryModel->index(std::min(row, rows - 1)));
}

void MainWindow::showPreviousImage() {
    const int rows = m_galleryModel->rowCount();
    if (rows == 0) return;
    const int row = m_galleryView->currentIndex().isValid() ? m_galleryView->currentIndex().row() - 1 : 0;
    m_galleryView->setCurrentIndex(m_galleryModel->index(std::max(row, 0)));
}

void MainWindow::chooseDataset() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Data Set"));
    if (!folder.isEmpty()) openDataset(folder);
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
    if (!m_busy && !urls.isEmpty() && urls.first().isLocalFile() &&
        QFileInfo(urls.first().toLocalFile()).isDir())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (m_busy || urls.isEmpty() || !urls.first().isLocalFile()) return;
    const QString folder = urls.first().toLocalFile();
    if (!QFileInfo(folder).isDir()) {
        showError(tr("%1: drop a folder (a data set), not a file").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    event->acceptProposedAction();
    openDataset(folder);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_worker->cancel();
    QMainWindow::closeEvent(event);
}

}  // namespace lwinnn::ui
