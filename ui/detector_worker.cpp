#include "detector_worker.h"

#include <algorithm>

#include "error.h"
#include "image_io.h"
#include "weights.h"

namespace lwinnn::ui {

namespace {

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

void registerMetaTypes() {
    qRegisterMetaType<std::shared_ptr<const OpenedDataset>>();
    qRegisterMetaType<std::shared_ptr<const Evaluation>>();
    qRegisterMetaType<ModelSummary>();
}

}  // namespace

OpenedDataset openDatasetFolder(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) throw FileError(folder, "not a folder");
    if (std::filesystem::is_directory(folder / "train", ec) &&
        std::filesystem::is_directory(folder / "test", ec))
        return {readMvtecDataset(folder), false};
    OpenedDataset opened;
    opened.trainOnly = true;
    opened.dataset.root = folder;
    opened.dataset.name = folder.filename().string();
    if (opened.dataset.name.empty()) opened.dataset.name = folder.parent_path().filename().string();
    const auto goodFolder = folder / "train" / "good";
    opened.dataset.train = listImages(std::filesystem::is_directory(goodFolder, ec) ? goodFolder : folder);
    if (opened.dataset.train.empty())
        throw FileError(folder,
                        "no images found (expected an MVTec AD folder with train/ and test/, or a folder "
                        "of good images)");
    return opened;
}

DetectorWorker::DetectorWorker() : m_cancel(std::make_shared<CancelToken>()) { registerMetaTypes(); }

DetectorWorker::~DetectorWorker() = default;

void DetectorWorker::cancel() {
    const std::lock_guard lock(m_cancelMutex);
    m_cancel->cancel();
}

Progress DetectorWorker::beginJob(const QString& title) {
    std::shared_ptr<CancelToken> token = std::make_shared<CancelToken>();
    {
        const std::lock_guard lock(m_cancelMutex);
        m_cancel = token;
    }
    emit jobStarted(title);
    Progress progress;
    // The token lives as long as the Progress (the lambda holds it), whatever cancel() replaces later.
    progress.cancel = token.get();
    progress.report = [this, token](std::size_t done, std::size_t total, const std::string& what) {
        emit progressChanged(static_cast<qint64>(done), static_cast<qint64>(total), fromStd(what));
    };
    return progress;
}

void DetectorWorker::openDataset(const QString& folder) {
    beginJob(tr("Opening data set"));
    try {
        auto opened = std::make_shared<OpenedDataset>(openDatasetFolder(folder.toStdString()));
        m_dataset = opened;
        emit datasetOpened(opened);
        if (m_detector && !opened->trainOnly) {
            const Progress progress = beginJob(tr("Scoring test images"));
            evaluateTestSet(progress);
        }
    } catch (const Cancelled&) {
        emit jobCancelled(tr("Scoring cancelled."));
    } catch (const std::exception& e) {
        emit failed(fromStd(e.what()));
    }
    emit jobFinished();
}

void DetectorWorker::train(const QString& weightsSpec, int window) {
    Progress progress = beginJob(tr("Training"));
    try {
        if (!m_dataset) throw UsageError("open a data set before training");
        const BackboneWeights weights = loadBackboneWeights(weightsSpec.toStdString());
        TrainOptions options;
        options.window = window;
        TrainReport report;
        // A new model replaces the current one only once it is complete: a cancelled or failed training
        // leaves the previous model in place.
        Detector trained = Detector::train(m_dataset->dataset.train, weights, options, progress, &report);
        m_detector = std::move(trained);
        emit modelChanged(summary());
        if (!m_dataset->trainOnly && !m_dataset->dataset.test.empty()) {
            progress = beginJob(tr("Scoring test images"));
            evaluateTestSet(progress);
        }
    } catch (const Cancelled&) {
        emit jobCancelled(m_detector ? tr("Training cancelled; the previous model is kept.")
                                     : tr("Training cancelled."));
    } catch (const std::exception& e) {
        emit failed(fromStd(e.what()));
    }
    emit jobFinished();
}

void DetectorWorker::loadModel(const QString& file) {
    const Progress progress = beginJob(tr("Opening model"));
    try {
        m_detector = Detector::load(file.toStdString());
        emit modelChanged(summary());
        if (m_dataset && !m_dataset->trainOnly && !m_dataset->dataset.test.empty()) {
            const Progress scoring = beginJob(tr("Scoring test images"));
            evaluateTestSet(scoring);
        }
    } catch (const Cancelled&) {
        emit jobCancelled(tr("Scoring cancelled."));
    } catch (const std::exception& e) {
        emit failed(fromStd(e.what()));
    }
    emit jobFinished();
}

void DetectorWorker::saveModel(const QString& file) {
    beginJob(tr("Saving model"));
    try {
        if (!m_detector) throw UsageError("there is no model to save: train one first");
        m_detector->save(file.toStdString());
        emit modelSaved(file);
    } catch (const std::exception& e) {
        emit failed(fromStd(e.what()));
    }
    emit jobFinished();
}

void DetectorWorker::setWindow(int window) {
    if (!m_detector) return;
    const Progress progress = beginJob(tr("Re-scoring with δ = %1").arg(window));
    const int previous = m_detector->window();
    try {
        m_detector->setWindow(window);
        if (m_dataset && !m_dataset->trainOnly && !m_dataset->dataset.test.empty()) evaluateTestSet(progress);
    } catch (const Cancelled&) {
        m_detector->setWindow(previous);
        emit windowReverted(previous);
        emit jobCancelled(tr("Re-scoring cancelled; δ stays %1.").arg(previous));
    } catch (const std::exception& e) {
        emit failed(fromStd(e.what()));
    }
    emit jobFinished();
}

void DetectorWorker::evaluateTestSet(const Progress& progress) {
    const Dataset& dataset = m_dataset->dataset;
    const ModelInfo& info = m_detector->info();
    auto evaluation = std::make_shared<Evaluation>();
    evaluation->window = m_detector->window();
    evaluation->pixels.height = info.input.height;
    evaluation->pixels.width = info.input.width;
    const std::size_t mapSize = static_cast<std::size_t>(info.input.height) * info.input.width;
    std::vector<double> scores;
    std::vector<std::uint8_t> labels;
    constexpr std::size_t kGroup = 4;  // small groups: memory stays flat and progress moves often
    const std::size_t total = dataset.test.size();
    for (std::size_t first = 0; first < total; first += kGroup) {
        progress.check();
        progress(first, total, "scoring test images");
        std::vector<RgbImage> images;
        std::vector<const TestSample*> samples;
        for (std::size_t i = first; i < std::min(total, first + kGroup); ++i) {
            try {
                images.push_back(decodeImage(dataset.test[i].image));
                samples.push_back(&dataset.test[i]);
            } catch (const FileError& e) {
                evaluation->warnings.push_back(fromStd(e.what()));
            }
        }
        const std::vector<ImageScore> scored = m_detector->score(images);
        for (std::size_t k = 0; k < scored.size(); ++k) {
            const TestSample& sample = *samples[k];
            std::vector<std::uint8_t> mask(mapSize, 0);
            if (sample.mask) {
                const GreyImage m = decodeMask(*sample.mask);
                mask = resizeMaskNearest(m.pixels, m.height, m.width, info.input.height, info.input.width);
            }
            const auto& values = scored[k].anomalyMap.values;
            evaluation->pixels.maps.insert(evaluation->pixels.maps.end(), values.begin(), values.end());
            evaluation->pixels.masks.insert(evaluation->pixels.masks.end(), mask.begin(), mask.end());
            scores.push_back(scored[k].score);
            labels.push_back(sample.isDefect() ? 1 : 0);
            evaluation->images.push_back({sample.image, sample.defectType, sample.mask, scored[k].score});
        }
    }
    progress(total, total, "computing metrics");
    if (!evaluation->pixels.maps.empty()) {
        const auto [low, high] =
            std::minmax_element(evaluation->pixels.maps.begin(), evaluation->pixels.maps.end());
        evaluation->mapLow = *low;
        evaluation->mapHigh = std::max(*high, *low + 1e-6f);
    }
    const bool hasGood = std::find(labels.begin(), labels.end(), 0) != labels.end();
    const bool hasDefect = std::find(labels.begin(), labels.end(), 1) != labels.end();
    if (hasGood && hasDefect) {
        evaluation->hasMetrics = true;
        evaluation->imageAuroc = auroc(scores, labels);
        evaluation->f1Optimal = f1OptimalThreshold(scores, labels);
        try {
            const PixelEvaluation pixelResult = evaluatePixels(evaluation->pixels);
            evaluation->pixelAuroc = pixelResult.pixelAuroc;
            evaluation->aupro = aupro(pixelResult.pro, 0.3);
        } catch (const Error& e) {  // no defect region in any mask: image metrics only
            evaluation->warnings.push_back(fromStd(e.what()));
        }
    }
    emit evaluated(evaluation);
}

ModelSummary DetectorWorker::summary() const {
    ModelSummary s;
    if (!m_detector) return s;
    const ModelInfo& info = m_detector->info();
    s.trainCount = info.trainCount;
    s.inputWidth = info.input.width;
    s.inputHeight = info.input.height;
    s.window = m_detector->window();
    s.device = fromStd(m_detector->deviceName());
    s.weightsSource = fromStd(info.weightsSource);
    s.created = fromStd(info.created);
    return s;
}

}  // namespace lwinnn::ui
