// Evaluating a detector on the labelled test images of a data set: image AUROC, pixel AUROC and AUPRO
// (DESIGN §2.8), with per-image results for export.
#pragma once

#include <string>
#include <vector>

#include "dataset.h"
#include "detector.h"
#include "image_io.h"
#include "metrics.h"
#include "progress.h"

namespace lwinnn {

struct EvaluatedImage {
    TestSample sample;
    double score = 0;
};

struct EvaluationResult {
    std::vector<EvaluatedImage> images;  // readable test images, in data set order
    std::vector<SkippedFile> skipped;    // unreadable test images
    std::vector<std::string> warnings;   // e.g. a mask whose size differs from its image
    double imageAuroc = 0;
    bool hasPixelMetrics = false;  // false when the data set has no masks (pixel AUROC and AUPRO stay 0)
    double pixelAuroc = 0;
    double aupro = 0;
    double fprLimit = 0.3;
    ThresholdStats f1Optimal;
    double testSeconds = 0;  // decode + score, all images
    // The anomaly maps (network input size) and masks of `images`, in the same order; filled only when asked
    // for (they take 5 bytes per pixel).
    PixelSet pixels;
};

EvaluationResult evaluate(const Detector& detector, const Dataset& dataset, double fprLimit = 0.3,
                          const Progress& progress = {}, bool keepMaps = false);

}  // namespace lwinnn
