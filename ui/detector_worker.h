// The Studio's engine thread: a QObject living in its own QThread that owns the data set and the Detector,
// so that training, scoring and δ changes never run on the GUI thread and never touch the Detector at the
// same time (it is not thread-safe). The GUI talks to it only through queued calls and its signals.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dataset.h"
#include "detector.h"
#include "metrics.h"
#include "progress.h"

namespace lwinnn::ui {

// One scored test image.
struct ScoredImage {
    std::filesystem::path image;
    std::string defectType;
    std::optional<std::filesystem::path> mask;
    double score = 0;
    // Unlabelled images (scored as "new images", defectType empty) are neither good nor defect.
    bool labelled() const { return !defectType.empty(); }
    bool isDefect() const { return labelled() && defectType != "good"; }
};

// The result of scoring a data set's test images with one model at one window size; immutable once made,
// shared with the GUI by pointer.
struct Evaluation {
    std::vector<ScoredImage> images;  // data set order
    PixelSet pixels;                  // anomaly maps (model input size) and masks, in `images` order
    int window = 0;
    bool hasMetrics = false;  // both good and defect images present
    double imageAuroc = std::nan("");
    double pixelAuroc = std::nan("");
    double aupro = std::nan("");
    ThresholdStats f1Optimal;
    std::vector<double> scores;        // `images` order
    std::vector<std::uint8_t> labels;  // 1 = defect
    std::vector<CurvePoint> roc;       // image ROC, thinned for plots
    std::vector<CurvePoint> pro;       // PRO curve, thinned (empty without masks)
    double fprLimit = 0.3;             // of AUPRO
    float mapLow = 0;  // the colour scale of the heatmaps, shared by all images so that they compare
    float mapHigh = 1;
    QStringList warnings;
    // The anomaly map of image `i` (model input size).
    const float* map(std::size_t i) const {
        return pixels.maps.data() + i * static_cast<std::size_t>(pixels.height) * pixels.width;
    }
};

// What the GUI shows about the current model.
struct ModelSummary {
    int trainCount = 0;
    int inputWidth = 0;
    int inputHeight = 0;
    int window = 0;
    QString device;
    QString weightsSource;
    QString created;
};

// A data set, or a plain folder of good images (then only `train` is filled).
struct OpenedDataset {
    Dataset dataset;
    bool trainOnly = false;
    std::string category;  // the category chosen in a root of several (a VisA object, an MVTec AD category)
};

// Reads `folder` as the CLI does (core's findCategories and readDataset): an MVTec AD or MVTec 3D-AD
// category, a VisA root, or a root of several categories, `category` choosing one where there are several;
// else as a folder of good images (directly inside, or in train/good). Throws lwinnn::Error naming the folder
// when nothing fits, and UsageError listing the categories when a root of several is opened without one.
OpenedDataset openDatasetFolder(const std::filesystem::path& folder, const std::string& category = {});

// The categories of `folder` (see findCategories): more than one when the Studio must ask which; none for a
// folder in no data-set layout (a folder of good images).
std::vector<DatasetCategory> datasetCategories(const std::filesystem::path& folder);

struct WindowSweep;

class DetectorWorker : public QObject {
    Q_OBJECT

  public:
    DetectorWorker();
    ~DetectorWorker() override;

    // These run on the worker's thread; call them with QMetaObject::invokeMethod (queued).
    void openDataset(const QString& folder, const QString& category = {});
    void train(const QString& weightsSpec, int window);
    void loadModel(const QString& file);
    void saveModel(const QString& file);
    // Sets the model's δ and shows the test set at it: from the window sweep when it holds δ (no search),
    // else by scoring again.
    void setWindow(int window);
    // Scores unlabelled images with the current model (ui/score_images.cpp); emits newImagesScored.
    void scoreNewImages(const QStringList& files);
    // Device ("auto", "cpu", "cuda[:N]"), resize mode ("auto", "keep-aspect", "square") and bank precision of
    // the next training; the device also applies to the models opened next.
    void setTrainingSettings(const QString& device, const QString& resizeMode, bool halfPrecisionBank);

    // Thread-safe: how many times the test set was searched (one sweep of every δ counts once).
    int searchCount() const { return m_searches.load(); }

    // Thread-safe: cancels the job that is running now (not the ones queued after it).
    void cancel();

  signals:
    void jobStarted(const QString& title);
    void progressChanged(qint64 done, qint64 total, const QString& what);
    void jobFinished();
    void jobCancelled(const QString& message);
    void failed(const QString& message);
    void datasetOpened(std::shared_ptr<const lwinnn::ui::OpenedDataset> dataset);
    void modelChanged(const lwinnn::ui::ModelSummary& summary);
    void evaluated(std::shared_ptr<const lwinnn::ui::Evaluation> evaluation);
    void modelSaved(const QString& file);
    void windowReverted(int window);  // a cancelled re-scoring left δ as it was
    // Unlabelled images scored at the model's δ (`images` in the order asked, unreadable files in warnings).
    void newImagesScored(std::shared_ptr<const lwinnn::ui::Evaluation> evaluation);
    // A new sweep of every δ (after training, opening a model or a data set); the GUI computes the metrics
    // for every δ from it in the background.
    void sweepReady(std::shared_ptr<const lwinnn::ui::WindowSweep> sweep);

  private:
    Progress beginJob(const QString& title);
    void evaluateTestSet(const Progress& progress);  // sweeps every δ, then shows the model's
    ModelSummary summary() const;

    std::optional<Detector> m_detector;
    std::shared_ptr<const OpenedDataset> m_dataset;
    std::shared_ptr<const WindowSweep> m_sweep;  // of m_detector on m_dataset's test set
    std::atomic<int> m_searches{0};
    QString m_device = QStringLiteral("auto");
    QString m_resizeMode = QStringLiteral("auto");
    bool m_halfPrecisionBank = false;
    std::mutex m_cancelMutex;
    std::shared_ptr<CancelToken> m_cancel;
};

}  // namespace lwinnn::ui

Q_DECLARE_METATYPE(std::shared_ptr<const lwinnn::ui::OpenedDataset>)
Q_DECLARE_METATYPE(std::shared_ptr<const lwinnn::ui::Evaluation>)
Q_DECLARE_METATYPE(lwinnn::ui::ModelSummary)
Q_DECLARE_METATYPE(std::shared_ptr<const lwinnn::ui::WindowSweep>)
