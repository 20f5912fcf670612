// The Studio's main window: open a data set (or drop its folder), train in the background, review the test
// images by score in the gallery with their heatmaps, tune δ and watch the metrics, save the model.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <memory>

#include "detector_worker.h"

class QAction;
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

class GalleryModel;
class ImageViewer;

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

  public slots:
    void openDataset(const QString& folder);
    void loadModel(const QString& file);
    void saveModel(const QString& file);
    void train();
    void cancel();
    void showNextImage();
    void showPreviousImage();

  signals:
    void busyChanged(bool busy);
    void progressChanged(qint64 done, qint64 total);
    void datasetOpened();
    void modelReady();
    void evaluationShown();
    void imageShown(int evaluationIndex);
    void errorShown(const QString& message);
    void operationCancelled(const QString& message);
    void modelSaved(const QString& file);

  protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

  private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    void updateActions();
    void showError(const QString& message);
    void hideError();
    void setBusy(bool busy);

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

    ImageViewer* m_viewer = nullptr;
    QFrame* m_errorBanner = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_imageCaption = nullptr;
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
    QLabel* m_progressLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QToolButton* m_cancelButton = nullptr;
    QElapsedTimer m_jobClock;
};

}  // namespace lwinnn::ui
