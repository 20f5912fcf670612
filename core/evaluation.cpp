#include "evaluation.h"

#include <chrono>
#include <cmath>

#include "error.h"

namespace lwinnn {
namespace {

// The sub-set of pixels of the images whose index is selected.
PixelSet selectImages(const PixelSet& all, const std::vector<bool>& selected) {
    PixelSet out;
    out.height = all.height;
    out.width = all.width;
    const std::size_t size = static_cast<std::size_t>(all.height) * all.width;
    for (std::size_t i = 0; i < selected.size(); ++i) {
        if (!selected[i]) continue;
        out.maps.insert(out.maps.end(), all.maps.begin() + static_cast<std::ptrdiff_t>(i * size),
                        all.maps.begin() + static_cast<std::ptrdiff_t>((i + 1) * size));
        out.masks.insert(out.masks.end(), all.masks.begin() + static_cast<std::ptrdiff_t>(i * size),
                         all.masks.begin() + static_cast<std::ptrdiff_t>((i + 1) * size));
    }
    return out;
}

}  // namespace

std::vector<CurvePoint> thinCurve(const std::vector<CurvePoint>& points, std::size_t maxPoints) {
    if (points.size() <= maxPoints || points.size() < 3) return points;
    const double step = 1.0 / static_cast<double>(maxPoints);
    std::vector<CurvePoint> out{points.front()};
    for (std::size_t i = 1; i + 1 < points.size(); ++i) {
        const CurvePoint& last = out.back();
        if (std::abs(points[i].x - last.x) >= step || std::abs(points[i].y - last.y) >= step)
            out.push_back(points[i]);
    }
    out.push_back(points.back());
    return out;
}

std::vector<EvaluationResult> evaluateWindows(const Detector& detector, const Dataset& dataset,
                                              const std::vector<int>& windows,
                                              const EvaluationOptions& options, const Progress& progress) {
    if (windows.empty()) throw UsageError("no window sizes given");
    const auto start = std::chrono::steady_clock::now();
    const Size2D input = detector.info().input;
    const std::size_t mapSize = static_cast<std::size_t>(input.height) * input.width;
    std::vector<EvaluationResult> results(windows.size());
    std::vector<PixelSet> pixels(windows.size());
    std::vector<std::uint8_t> masks;
    std::vector<std::vector<double>> scores(windows.size());
    std::vector<std::uint8_t> labels;
    std::vector<const TestSample*> used;
    std::vector<SkippedFile> skipped;
    std::vector<std::string> warnings;

    // Decoded images are scored in small groups so that memory does not grow with the images' sizes.
    constexpr std::size_t kGroup = 8;
    for (std::size_t first = 0; first < dataset.test.size(); first += kGroup) {
        progress.check();
        progress(first, dataset.test.size(), "scoring test images");
        std::vector<RgbImage> images;
        std::vector<const TestSample*> samples;
        for (std::size_t i = first; i < std::min(dataset.test.size(), first + kGroup); ++i) {
            try {
                images.push_back(decodeImage(dataset.test[i].image));
                samples.push_back(&dataset.test[i]);
            } catch (const FileError& e) {
                skipped.push_back({dataset.test[i].image, e.what()});
            }
        }
        const auto scored = detector.scoreWindows(images, windows);
        for (std::size_t k = 0; k < samples.size(); ++k) {
            const TestSample& sample = *samples[k];
            const Size2D original = scored[0][k].original;
            std::vector<std::uint8_t> mask(mapSize, 0);
            if (sample.mask) {
                const GreyImage m = decodeMask(*sample.mask);
                if (m.height != original.height || m.width != original.width)
                    warnings.push_back(sample.mask->string() + ": the mask is " + std::to_string(m.width) +
                                       "×" + std::to_string(m.height) + " but its image is " +
                                       std::to_string(original.width) + "×" +
                                       std::to_string(original.height) + "; resized (nearest)");
                mask = resizeMaskNearest(m.pixels, m.height, m.width, input.height, input.width);
            }
            masks.insert(masks.end(), mask.begin(), mask.end());
            labels.push_back(sample.isDefect() ? 1 : 0);
            used.push_back(&sample);
            for (std::size_t w = 0; w < windows.size(); ++w) {
                const ImageScore& s = scored[w][k];
                pixels[w].maps.insert(pixels[w].maps.end(), s.anomalyMap.values.begin(),
                                      s.anomalyMap.values.end());
                scores[w].push_back(s.score);
            }
        }
    }
    progress(dataset.test.size(), dataset.test.size(), "scoring test images");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (used.empty()) throw Error("none of the test images could be read");

    for (std::size_t w = 0; w < windows.size(); ++w) {
        progress(w, windows.size(), "computing metrics");
        EvaluationResult& r = results[w];
        r.window = windows[w];
        r.fprLimit = options.fprLimit;
        r.skipped = skipped;
        r.warnings = warnings;
        r.testSeconds = seconds;
        for (std::size_t i = 0; i < used.size(); ++i) r.images.push_back({*used[i], scores[w][i]});
        r.roc = rocCurve(scores[w], labels);
        r.imageAuroc = auroc(scores[w], labels);
        r.f1Optimal = f1OptimalThreshold(scores[w], labels);

        PixelSet& px = pixels[w];
        px.height = input.height;
        px.width = input.width;
        px.masks = masks;
        r.hasPixelMetrics = dataset.hasMasks;
        if (dataset.hasMasks) {
            r.pixelAuroc = pixelAuroc(px);
            const ProCurve curve = proCurve(px);
            r.aupro = aupro(curve, options.fprLimit);
            r.pro = thinCurve(curve.points);
        }
        if (options.perType && dataset.defectTypes.size() > 1) {
            for (const std::string& type : dataset.defectTypes) {
                std::vector<bool> selected(used.size());
                std::vector<double> typeScores;
                std::vector<std::uint8_t> typeLabels;
                for (std::size_t i = 0; i < used.size(); ++i) {
                    selected[i] = !used[i]->isDefect() || used[i]->defectType == type;
                    if (!selected[i]) continue;
                    typeScores.push_back(scores[w][i]);
                    typeLabels.push_back(labels[i]);
                }
                DefectTypeResult t;
                t.defectType = type;
                t.images = static_cast<int>(std::count(typeLabels.begin(), typeLabels.end(), 1));
                t.imageAuroc = auroc(typeScores, typeLabels);
                if (dataset.hasMasks) t.aupro = aupro(proCurve(selectImages(px, selected)), options.fprLimit);
                r.perType.push_back(t);
            }
        }
        if (options.keepMaps) r.pixels = std::move(px);
        px = {};
    }
    progress(windows.size(), windows.size(), "computing metrics");
    return results;
}

EvaluationResult evaluate(const Detector& detector, const Dataset& dataset, const EvaluationOptions& options,
                          const Progress& progress) {
    return std::move(evaluateWindows(detector, dataset, {detector.window()}, options, progress).front());
}

}  // namespace lwinnn
