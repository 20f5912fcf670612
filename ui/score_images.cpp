#include "score_images.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

#include "detector_worker.h"
#include "error.h"
#include "image_io.h"
#include "localized_error.h"

namespace lwinnn::ui {

QStringList expandImagePaths(const QStringList& paths) {
    QStringList files;
    QSet<QString> seen;
    auto add = [&](const QString& file) {
        const QString clean = QDir::cleanPath(QFileInfo(file).absoluteFilePath());
        if (!seen.contains(clean)) {
            seen.insert(clean);
            files.append(clean);
        }
    };
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            for (const auto& image : listImages(path.toStdString()))
                add(QString::fromStdString(image.string()));
        } else if (info.isFile()) {
            if (hasImageExtension(path.toStdString())) add(path);
        } else {
            throw FileError(path.toStdString(), "no such file or folder");
        }
    }
    return files;
}

void DetectorWorker::setTrainingSettings(const QString& device, const QString& resizeMode,
                                         bool halfPrecisionBank) {
    m_halfPrecisionBank = halfPrecisionBank;
    m_device = device.isEmpty() ? QStringLiteral("auto") : device;
    m_resizeMode = resizeMode.isEmpty() ? QStringLiteral("auto") : resizeMode;
}

void DetectorWorker::scoreNewImages(const QStringList& files) {
    const Progress progress = beginJob(tr("Scoring new images"));
    try {
        if (!m_detector)
            throw UsageError(tr("there is no model to score with: train or open one first").toStdString());
        const ModelInfo& info = m_detector->info();
        auto evaluation = std::make_shared<Evaluation>();
        evaluation->window = m_detector->window();
        evaluation->pixels.height = info.input.height;
        evaluation->pixels.width = info.input.width;
        const std::size_t mapSize = static_cast<std::size_t>(info.input.height) * info.input.width;
        const auto total = static_cast<std::size_t>(files.size());
        // Decoded in groups of a scoring batch: the search reads the bank once per batch rather than once per
        // image, and the scores are the same bits as one at a time.
        constexpr std::size_t kBatch = 8;
        std::vector<RgbImage> batch;
        const auto scoreBatch = [&] {
            if (batch.empty()) return;
            const std::vector<ImageScore> scored = m_detector->score(batch);
            for (std::size_t j = 0; j < scored.size(); ++j) {
                const auto& values = scored[j].anomalyMap.values;
                evaluation->pixels.maps.insert(evaluation->pixels.maps.end(), values.begin(), values.end());
                // No labels: the masks are all normal, and no metric is computed from them.
                evaluation->pixels.masks.insert(evaluation->pixels.masks.end(), mapSize, std::uint8_t{0});
                evaluation->images.push_back({batch[j].source, std::string(), std::nullopt, scored[j].score});
                evaluation->scores.push_back(scored[j].score);
            }
            batch.clear();
        };
        for (std::size_t i = 0; i < total; ++i) {
            progress.check();
            progress(i, total, "scoring new images");
            const std::filesystem::path file = files[static_cast<qsizetype>(i)].toStdString();
            try {
                batch.push_back(decodeImage(file));
            } catch (const FileError& e) {
                evaluation->warnings.push_back(localizedError(e));
                continue;
            }
            if (batch.size() == kBatch) scoreBatch();
        }
        scoreBatch();
        progress(total, total, "scoring new images");
        if (!evaluation->pixels.maps.empty()) {
            const auto [low, high] =
                std::minmax_element(evaluation->pixels.maps.begin(), evaluation->pixels.maps.end());
            evaluation->mapLow = *low;
            evaluation->mapHigh = std::max(*high, *low + 1e-6f);
        }
        emit newImagesScored(evaluation);
    } catch (const Cancelled&) {
        emit jobCancelled(tr("Scoring of the new images cancelled."));
    } catch (const std::exception& e) {
        emit failed(localizedError(e));
    }
    emit jobFinished();
}

}  // namespace lwinnn::ui
