// Evaluating a detector on the labelled test images of a data set: image AUROC, pixel AUROC and AUPRO
// (DESIGN §2.8) overall and per defect type, the ROC and PRO curves, and the F1-optimal threshold; for one
// window or a sweep of windows from a single search (DESIGN §5).
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

// Image AUROC of the good images against one defect type, and AUPRO over the good images and that type's.
struct DefectTypeResult {
    std::string defectType;
    int images = 0;
    double imageAuroc = 0;
    double aupro = 0;
};

struct EvaluationResult {
    int window = 0;
    std::vector<EvaluatedImage> images;  // readable test images, in data set order
    std::vector<SkippedFile> skipped;    // unreadable test images
    std::vector<std::string> warnings;   // e.g. a mask whose size differs from its image
    double imageAuroc = 0;
    bool hasPixelMetrics = false;  // false when the data set has no masks (pixel AUROC and AUPRO stay 0)
    double pixelAuroc = 0;
    double aupro = 0;
    double fprLimit = 0.3;
    ThresholdStats f1Optimal;
    std::vector<CurvePoint> roc;  // exact image ROC
    std::vector<CurvePoint> pro;  // PRO curve, thinned (thinCurve) for plots and export
    std::vector<DefectTypeResult> perType;
    double testSeconds = 0;  // decode + score of all images (for a sweep: the whole sweep)
    // The anomaly maps (network input size) and masks of `images`, in the same order; filled only when asked
    // for (they take 5 bytes per pixel).
    PixelSet pixels;
};

inline constexpr std::size_t kCurvePoints = 2000;

struct EvaluationOptions {
    double fprLimit = 0.3;
    bool keepMaps = false;
    bool perType = true;
};

// One result per window, all from one search at the largest window.
std::vector<EvaluationResult> evaluateWindows(const Detector& detector, const Dataset& dataset,
                                              const std::vector<int>& windows,
                                              const EvaluationOptions& options = {},
                                              const Progress& progress = {});
// At the detector's window.
EvaluationResult evaluate(const Detector& detector, const Dataset& dataset,
                          const EvaluationOptions& options = {}, const Progress& progress = {});

// Keeps the first and last points and every point that moved at least 1/maxPoints in x or y since the last
// kept (so at most about 2·maxPoints points on a curve that spans [0, 1] in both).
std::vector<CurvePoint> thinCurve(const std::vector<CurvePoint>& points,
                                  std::size_t maxPoints = kCurvePoints);

}  // namespace lwinnn
