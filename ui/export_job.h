// What the Export dialog writes, without widgets: per image a heatmap overlay (PNG) and the float anomaly map
// (32-bit TIFF) at the image's size, a CSV of the image scores with the verdict at the threshold, and the
// model in deployment formats (core/model_export.h). Every file is written atomically; the outputs are known
// before anything is written (so existing files can be shown to the user first), and a cancelled export
// removes the files it had created, so that it leaves nothing behind.
#pragma once

#include <QString>
#include <QStringList>

#include <filesystem>
#include <memory>
#include <vector>

#include "detector_worker.h"
#include "model_export.h"
#include "progress.h"

namespace lwinnn::ui {

struct ExportImage {
    std::shared_ptr<const Evaluation> evaluation;  // holds the image's score and anomaly map
    int index = 0;                                 // in evaluation->images
};

struct ExportRequest {
    std::vector<ExportImage> images;
    std::filesystem::path folder;
    bool overlays = true;  // <stem>_overlay.png
    bool maps = true;      // <stem>_map.tiff
    bool csv = true;       // scores.csv
    float opacity = 0.5f;  // of the overlay's colours
    double threshold = 0;  // for the CSV's verdict column
    // Deployment formats of the model file (empty: none).
    std::vector<ExportFormat> formats;
    std::filesystem::path modelFile;
    int window = kDefaultWindow;
};

inline constexpr const char* kScoresCsvFile = "scores.csv";

// Every file the export writes, in writing order; stems made unique as the CLI's `score` does (<stem>,
// <stem>-2, …).
std::vector<std::filesystem::path> plannedOutputs(const ExportRequest& request);

// Writes the outputs, replacing existing files (ask before). Reports progress per file; on cancellation
// removes the files it created and throws Cancelled. Throws lwinnn::Error naming the file that failed (the
// files created before it are removed as well).
std::vector<std::filesystem::path> runExport(const ExportRequest& request, const Progress& progress);

}  // namespace lwinnn::ui
