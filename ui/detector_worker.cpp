#include "detector_worker.h"

#include <algorithm>

#include "error.h"
#include "image_io.h"
#include "localized_error.h"
#include "weights.h"
#include "window_sweep.h"

namespace lwinnn::ui {

namespace {

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

void registerMetaTypes() {
    qRegisterMetaType<std::shared_ptr<const OpenedDataset>>();
    qRegisterMetaType<std::shared_ptr<const Evaluation>>();
    qRegisterMetaType<ModelSummary>();
    qRegisterMetaType<std::shared_ptr<const WindowSweep>>();
}

}  // namespace

std::vector<DatasetCategory> datasetCategories(const std::filesystem::path& folder) {
    std::vector<DatasetCategory> categories;
    try {
        categories = findCategories(folder);
    } catch (const FileError& e) {
        if (e.file() != folder) throw;  // a problem inside a data set, not a folder in no layout
        return {};
    }
    // train/good without test/: good images only, as a plain folder.
    std::error_code ec;
    if (categories.size() == 1 && categories.front().category.empty() && categories.front().root == folder &&
        !std::filesystem::is_directory(folder / "test", ec))
        return {};
    return categories;
}

OpenedDataset openDatasetFolder(const std::filesystem::path& folder, const std::string& category) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) throw FileError(folder, "not a folder");
    const std::vector<DatasetCategory> categories = datasetCategories(folder);
    if (!categories.empty()) {
        const DatasetCategory* chosen =
            categories.size() == 1 && category.empty() ? &categories.front() : nullptr;
        std::string names;
        for (const DatasetCategory& c : categories) {
            if (!category.empty() && (c.name == category || c.category == category)) chosen = &c;
            names += (names.empty() ? "" : ", ") + c.name;
        }
        if (chosen == nullptr && category.empty())
            throw UsageError(folder.string() + " holds " + std::to_string(categories.size()) +
                             " categories (" + names + "): choose one");
        if (chosen == nullptr)
            throw UsageError(folder.string() + " has no category '" + category + "' (it has " + names + ")");
        DatasetOptions options;
        options.category = chosen->category;
        OpenedDataset opened{readDataset(chosen->root, options), false,
                             categories.size() > 1 ? chosen->name : ""};
        return opened;
    }
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

void DetectorWorker::openDataset(const QString& folder, const QString& category) {
    beginJob(tr("Opening data set"));
    try {
        auto opened =
            std::make_shared<OpenedDataset>(openDatasetFolder(folder.toStdString(), category.toStdString()));
        m_dataset = opened;
        m_sweep.reset();
        emit datasetOpened(opened);
        if (m_detector && !opened->trainOnly) {
            const Progress progress = beginJob(tr("Scoring test images"));
            evaluateTestSet(progress);
        }
    } catch (const Cancelled&) {
        emit jobCancelled(tr("Scoring cancelled."));
    } catch (const std::exception& e) {
        emit failed(localizedError(e));
    }
    emit jobFinished();
}

void DetectorWorker::train(const QString& weightsSpec, int window) {
    Progress progress = beginJob(tr("Training"));
    try {
        if (!m_dataset) throw UsageError(tr("open a data set before training").toStdString());
        const BackboneWeights weights = loadBackboneWeights(weightsSpec.toStdString());
        TrainOptions options;
        options.window = window;
        options.device = m_device.toStdString();
        if (m_resizeMode != QStringLiteral("auto"))
            options.resize = resizeModeFromName(m_resizeMode.toStdString());
        options.halfPrecisionBank = m_halfPrecisionBank;
        TrainReport report;
        // A new model replaces the current one only once it is complete: a cancelled or failed training
        // leaves the previous model in place.
        Detector trained = Detector::train(m_dataset->dataset.train, weights, options, progress, &report);
        m_detector = std::move(trained);
        m_sweep.reset();
        emit modelChanged(summary());
        if (!m_dataset->trainOnly && !m_dataset->dataset.test.empty()) {
            progress = beginJob(tr("Scoring test images"));
            evaluateTestSet(progress);
        }
    } catch (const Cancelled&) {
        emit jobCancelled(m_detector ? tr("Training cancelled; the previous model is kept.")
                                     : tr("Training cancelled."));
    } catch (const std::exception& e) {
        emit failed(localizedError(e));
    }
    emit jobFinished();
}

void DetectorWorker::loadModel(const QString& file) {
    const Progress progress = beginJob(tr("Opening model"));
    try {
        m_detector = Detector::load(file.toStdString(), m_device.toStdString());
        m_sweep.reset();
        emit modelChanged(summary());
        if (m_dataset && !m_dataset->trainOnly && !m_dataset->dataset.test.empty()) {
            const Progress scoring = beginJob(tr("Scoring test images"));
            evaluateTestSet(scoring);
        }
    } catch (const Cancelled&) {
        emit jobCancelled(tr("Scoring cancelled."));
    } catch (const std::exception& e) {
        emit failed(localizedError(e));
    }
    emit jobFinished();
}

void DetectorWorker::saveModel(const QString& file) {
    beginJob(tr("Saving model"));
    try {
        if (!m_detector) throw UsageError(tr("there is no model to save: train one first").toStdString());
        m_detector->save(file.toStdString());
        emit modelSaved(file);
    } catch (const std::exception& e) {
        emit failed(localizedError(e));
    }
    emit jobFinished();
}

void DetectorWorker::setWindow(int window) {
    if (!m_detector) return;
    const int previous = m_detector->window();
    const bool cached = m_sweep && m_sweep->contains(window);
    const Progress progress =
        beginJob(cached ? tr("Showing δ = %1").arg(window) : tr("Re-scoring with δ = %1").arg(window));
    try {
        m_detector->setWindow(window);
        if (cached) {
            emit evaluated(evaluationAt(*m_sweep, window, progress.cancel));
        } else if (m_dataset && !m_dataset->trainOnly && !m_dataset->dataset.test.empty()) {
            evaluateTestSet(progress);
        }
    } catch (const Cancelled&) {
        m_detector->setWindow(previous);
        emit windowReverted(previous);
        emit jobCancelled(tr("Re-scoring cancelled; δ stays %1.").arg(previous));
    } catch (const std::exception& e) {
        emit failed(localizedError(e));
    }
    emit jobFinished();
}

void DetectorWorker::evaluateTestSet(const Progress& progress) {
    const int window = m_detector->window();
    ++m_searches;
    std::shared_ptr<const WindowSweep> sweep =
        sweepTestSet(*m_detector, m_dataset->dataset, sweepWindows(window), progress);
    progress(sweep->images.size(), sweep->images.size(), "computing metrics");
    std::shared_ptr<Evaluation> evaluation = evaluationAt(*sweep, window, progress.cancel);
    m_sweep = std::move(sweep);
    emit sweepReady(m_sweep);
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
