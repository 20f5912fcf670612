// The Studio's main window: open a data set (or drop its folder), train in the background, review the test
// images by score in the gallery with their heatmaps, tune δ and watch the metrics, save the model.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

#include "detector_worker.h"
#include "review_marks.h"

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QFrame;
class QLabel;
class QListView;
class QProgressBar;
class QSlider;
class QStandardItemModel;
class QThread;
class QToolButton;
class QTreeView;

namespace lwinnn::ui {

class CurvesPanel;
class GalleryFilterModel;
class GalleryModel;
class ImageViewer;
class ThresholdPanel;
class WindowChart;
struct WindowSweep;
class ProjectController;

class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // "" searches the standard places (core/weights.h), "random" uses untrained weights, else a file.
    void setWeightsSpec(const QString& spec) { m_weightsSpec = spec; }
    QString weightsSpec() const { return m_weightsSpec; }

    bool isBusy() const { return m_busy; }
    bool hasModel() const { return m_model.trainCount > 0; }
    const ModelSummary& modelSummary() const { return m_model; }
    std::shared_ptr<const OpenedDataset> dataset() const { return m_dataset; }
    std::shared_ptr<const Evaluation> evaluation() const;
    QString errorText() const;

    GalleryModel* galleryModel() const { return m_galleryModel; }
    QListView* galleryView() const { return m_galleryView; }
    ImageViewer* viewer() const { return m_viewer; }
    QSlider* windowSlider() const { return m_windowSlider; }
    QSlider* opacitySlider() const { return m_opacitySlider; }
    QLabel* imageAurocLabel() const { return m_imageAurocLabel; }
    QStandardItemModel* datasetModel() const { return m_datasetModel; }
    QAction* trainAction() const { return m_trainAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* overlayAction() const { return m_overlayAction; }

    // Projects (File ▸ New/Open/Save Project, recent projects, unsaved changes).
    ProjectController* projects() const { return m_projects; }
    QMenu* fileMenu() const { return m_fileMenu; }
    QAction* scoreImagesAction() const { return m_scoreImagesAction; }
    QAction* exportAction() const { return m_exportAction; }
    QAction* settingsAction() const { return m_settingsAction; }
    // The file the current model was opened from or saved to; empty for a model trained and not saved yet.
    QString modelFile() const { return m_modelFile; }
    // The training device and resize mode in use (from the preferences or the project).
    QString device() const { return m_device; }
    QString resizeMode() const { return m_resizeMode; }
    void setTrainingSettings(const QString& device, const QString& resizeMode);
    // The unlabelled images scored with File ▸ Score Images (or dropped), and their scores.
    QStringList newImages() const { return m_newImages; }
    std::shared_ptr<const Evaluation> newImagesEvaluation() const;
    GalleryModel* newImagesModel() const { return m_newImagesModel; }
    QListView* newImagesView() const { return m_newImagesView; }

    // The engineer's review marks of the test images (saved with projects).
    ReviewMarks* reviewMarks() const { return m_reviewMarks; }
    // The image-score threshold: images scoring at or above it are predicted defective.
    double threshold() const { return m_threshold; }
    // The window size δ chosen on the slider.
    int window() const;

    // Analysis and review (δ chart, curves, threshold, filters, marks).
    GalleryFilterModel* galleryFilter() const { return m_galleryFilter; }
    QComboBox* galleryFilterCombo() const { return m_filterCombo; }
    CurvesPanel* curvesPanel() const { return m_curvesPanel; }
    ThresholdPanel* thresholdPanel() const { return m_thresholdPanel; }
    WindowChart* windowChart() const { return m_windowChart; }
    QDockWidget* analysisDock() const { return m_analysisDock; }
    QComboBox* colourMapCombo() const { return m_colourMapCombo; }
    QAction* regionAction() const { return m_regionAction; }
    QAction* markDefectAction() const { return m_markDefectAction; }
    QAction* markGoodAction() const { return m_markGoodAction; }
    QAction* clearMarkAction() const { return m_clearMarkAction; }
    QAction* exportReviewMarksAction() const { return m_exportReviewAction; }
    // How many times the test set was searched (a sweep of every δ counts once; a δ change from it does not).
    int searchCount() const;
    // The test image on screen (index in evaluation()->images), or -1.
    int shownImage() const { return m_shownImage; }

  public slots:
    // Scores image files and folders of images with the current model as the "New Images" set.
    void scoreImages(const QStringList& paths);
    void clearNewImages();
    void showExportDialog();
    void showSettingsDialog();
    // Shows `message` in the window's error banner.
    void reportError(const QString& message);
    // Opens `folder` as a data set; `category` chooses one in a root of several (a VisA root, a folder of
    // MVTec AD categories); without it such a root is refused with the list of its categories.
    void openDataset(const QString& folder, const QString& category = {});
    // The same, asking which category to open when the folder holds several.
    void openDatasetAsking(const QString& folder);
    void loadModel(const QString& file);
    void saveModel(const QString& file);
    void train();
    void cancel();
    void showNextImage();
    void showPreviousImage();
    void setThreshold(double threshold);
    // Marks the image on screen.
    void markShownImage(lwinnn::ui::ReviewMark mark);
    // Writes image, true label, defect type, score, predicted label and mark of every test image as CSV
    // (atomically, in the background); emits reviewMarksExported or shows the error.
    void exportReviewMarks(const QString& file);

  signals:
    void reviewMarksExported(const QString& file);
    // The δ chart received metrics (all image metrics at once, then pixel metrics one δ at a time).
    void windowMetricsUpdated();
    void thresholdChanged(double threshold);
    void busyChanged(bool busy);
    void progressChanged(qint64 done, qint64 total);
    void datasetOpened();
    void modelReady();
    void evaluationShown();
    void imageShown(int evaluationIndex);
    void errorShown(const QString& message);
    void operationCancelled(const QString& message);
    void modelSaved(const QString& file);
    void newImagesScored();

  protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    // Sets a text now and again whenever the language changes (menus, actions, panels).
    void keepTranslated(std::function<void()> apply);
    // Shows `text()` under the image now and again whenever the language changes.
    void setCaption(std::function<QString()> text);
    void updateWindowTitle();
    void updateModelLabel();
    // The data set overview (folder, layout, training and test images per type, masks) of m_dataset.
    void fillDatasetOverview();
    void createNewImagesDock();
    void showNewImage(int evaluationIndex);
    void chooseImagesToScore();
    // An action with an icon from resources/icons, a shortcut and a status tip, kept translated.
    QAction* makeAction(const char* text, const QString& icon, const QKeySequence& shortcut, const char* tip);
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    void updateActions();
    void showError(const QString& message);
    void hideError();
    // Files that could not be read and were skipped (scoring goes on without them), shown once per new list.
    void reportSkipped(const QStringList& warnings);
    void setBusy(bool busy);
    // "Ready" in the status bar, in the current language.
    void showReady();

    void onJobStarted(const QString& title);
    void onProgress(qint64 done, qint64 total, const QString& what);
    void onJobFinished();
    void onDatasetOpened(std::shared_ptr<const OpenedDataset> dataset);
    void onModelChanged(const ModelSummary& summary);
    void onEvaluated(std::shared_ptr<const Evaluation> evaluation);
    void onCurrentImageChanged();
    void showImage(int evaluationIndex);
    void requestWindow();
    void updateMetrics();
    void createAnalysis();
    void createReviewMenu();
    void applyThreshold(double threshold);  // shows it everywhere; emits thresholdChanged when it changed
    void onSweepReady(std::shared_ptr<const WindowSweep> sweep);
    void chooseReviewExport();

    void chooseDataset();
    void chooseModelToOpen();
    void chooseModelToSave();

    QThread* m_thread = nullptr;
    DetectorWorker* m_worker = nullptr;  // lives in m_thread; deleted when it finishes
    QString m_weightsSpec;
    bool m_busy = false;
    std::shared_ptr<const OpenedDataset> m_dataset;
    ModelSummary m_model;
    int m_shownImage = -1;
    quint64 m_imageGeneration = 0;
    ReviewMarks* m_reviewMarks = nullptr;
    double m_threshold = 0;
    // Chosen by the user or a project: kept across evaluations; otherwise each new δ or model starts at its
    // F1-optimal threshold.
    bool m_thresholdChosen = false;
    std::shared_ptr<const WindowSweep> m_sweep;
    std::shared_ptr<CancelToken> m_metricsCancel;  // of the background δ-chart computation
    quint64 m_sweepGeneration = 0;

    GalleryFilterModel* m_galleryFilter = nullptr;
    QComboBox* m_filterCombo = nullptr;
    QLabel* m_filterCount = nullptr;
    QDockWidget* m_analysisDock = nullptr;
    CurvesPanel* m_curvesPanel = nullptr;
    ThresholdPanel* m_thresholdPanel = nullptr;
    WindowChart* m_windowChart = nullptr;
    QComboBox* m_colourMapCombo = nullptr;
    QAction* m_regionAction = nullptr;
    QAction* m_markDefectAction = nullptr;
    QAction* m_markGoodAction = nullptr;
    QAction* m_clearMarkAction = nullptr;
    QAction* m_exportReviewAction = nullptr;
    QAction* m_f1Action = nullptr;
    QTimer m_redrawTimer;  // coalesces threshold moves into one redraw of the predicted region

    // Actions, declared once and shared by menus, toolbar and shortcuts.
    QAction* m_openDatasetAction = nullptr;
    QAction* m_openModelAction = nullptr;
    QAction* m_saveModelAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_trainAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_overlayAction = nullptr;
    QAction* m_outlineAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_actualSizeAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_nextAction = nullptr;
    QAction* m_previousAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_scoreImagesAction = nullptr;
    QAction* m_newProjectAction = nullptr;
    QAction* m_openProjectAction = nullptr;
    QAction* m_saveProjectAction = nullptr;
    QAction* m_saveProjectAsAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QMenu* m_fileMenu = nullptr;
    std::vector<std::function<void()>> m_retranslations;

    ProjectController* m_projects = nullptr;
    QString m_modelFile;
    QString m_pendingModelFile;  // of the model being opened or trained (empty) until the worker reports it
    QString m_device = QStringLiteral("auto");
    QString m_resizeMode = QStringLiteral("auto");
    bool m_halfPrecisionBank = false;  // a preference (Edit ▸ Preferences), not part of projects
    QStringList m_newImages;
    QStringList m_reportedSkipped;  // the skipped files last reported
    QDockWidget* m_newImagesDock = nullptr;
    QListView* m_newImagesView = nullptr;
    GalleryModel* m_newImagesModel = nullptr;
    QLabel* m_newImagesHint = nullptr;

    ImageViewer* m_viewer = nullptr;
    QFrame* m_errorBanner = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_imageCaption = nullptr;
    std::function<QString()> m_caption;
    QSlider* m_opacitySlider = nullptr;

    QDockWidget* m_datasetDock = nullptr;
    QTreeView* m_datasetView = nullptr;
    QStandardItemModel* m_datasetModel = nullptr;

    QDockWidget* m_galleryDock = nullptr;
    QListView* m_galleryView = nullptr;
    GalleryModel* m_galleryModel = nullptr;
    QComboBox* m_sortCombo = nullptr;

    QDockWidget* m_resultsDock = nullptr;
    QSlider* m_windowSlider = nullptr;
    QLabel* m_windowValueLabel = nullptr;
    QLabel* m_imageAurocLabel = nullptr;
    QLabel* m_pixelAurocLabel = nullptr;
    QLabel* m_auproLabel = nullptr;
    QLabel* m_thresholdLabel = nullptr;
    QLabel* m_modelLabel = nullptr;
    QTimer m_windowTimer;  // coalesces slider moves into one re-scoring

    QLabel* m_statusLabel = nullptr;
    QString m_readyText;  // "Ready" as last shown, so that the idle state follows a language change
    QLabel* m_progressLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QToolButton* m_cancelButton = nullptr;
    QElapsedTimer m_jobClock;
};

}  // namespace lwinnn::ui
