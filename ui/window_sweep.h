// The test set scored for every window size δ of the Studio's slider from one search at the largest window
// (Detector::scoreWindows, DESIGN §5), kept as image scores and patch scores only: an Evaluation at any δ is
// then made without searching again, anomaly maps (DESIGN §2.7) are computed from the patch scores when
// needed (a patch grid is ~17× smaller than its map), and the metrics for every δ can be computed in the
// background.
#pragma once

#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

#include "detector_worker.h"
#include "pipeline.h"
#include "progress.h"

namespace lwinnn::ui {

struct WindowSweep {
    std::vector<ScoredImage> images;          // data set order; `score` is unused here (see scores)
    Size2D input;                             // the model's input size: maps and masks
    Size2D grid;                              // patch grid
    std::vector<std::uint8_t> masks;          // images × input.height × input.width (0 = normal)
    std::vector<int> windows;                 // ascending
    std::vector<std::vector<double>> scores;  // [window][image]
    std::vector<std::vector<std::vector<float>>> patches;  // [window][image] grid.height × grid.width
    // The heatmap colour scale per window: the range of the patch scores of all images, so that every image's
    // map compares, the top is the highest image score, and a view can colour one map without making all.
    std::vector<float> mapLow;
    std::vector<float> mapHigh;
    QStringList warnings;  // unreadable test images, skipped

    // The position of `window` in `windows`, or -1.
    int indexOf(int window) const;
    bool contains(int window) const { return indexOf(window) >= 0; }
    std::vector<std::uint8_t> labels() const;  // 1 = defect
    bool hasBothClasses() const;
};

// The windows the Studio sweeps: 1 … 15, and the model's own δ when it lies outside.
std::vector<int> sweepWindows(int modelWindow);

// Scores `dataset`'s test images with `detector` at every window of `windows` from one search; reports
// progress per group of images and throws Cancelled when cancelled.
std::shared_ptr<const WindowSweep> sweepTestSet(const Detector& detector, const Dataset& dataset,
                                                const std::vector<int>& windows, const Progress& progress);

// The full evaluation at `window` (which the sweep must contain): scores, anomaly maps, metrics and curves.
// Throws UsageError when the sweep lacks the window, Cancelled when `cancel` is set.
std::shared_ptr<Evaluation> evaluationAt(const WindowSweep& sweep, int window,
                                         const CancelToken* cancel = nullptr);

// The anomaly map of image `image` at `window` (input size).
FloatArray mapAt(const WindowSweep& sweep, int window, std::size_t image);

// Metrics of one window for the δ chart.
struct WindowMetrics {
    int window = 0;
    double imageAuroc = std::nan("");
    double pixelAuroc = std::nan("");  // NaN until computed (or without masks)
    double aupro = std::nan("");
    bool pixelsComputed =
        false;  // pixelMetrics ran for this window (the pixel values stay NaN without masks)
};
// Image AUROC of every window at once (cheap: scores only).
std::vector<WindowMetrics> imageMetrics(const WindowSweep& sweep);
// Image and pixel metrics of one window (maps made and dropped here). Throws Cancelled when cancelled.
WindowMetrics pixelMetrics(const WindowSweep& sweep, int window, const CancelToken* cancel = nullptr);

}  // namespace lwinnn::ui
