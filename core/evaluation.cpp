#include "evaluation.h"

#include <chrono>

#include "error.h"

namespace lwinnn {

EvaluationResult evaluate(const Detector& detector, const Dataset& dataset, double fprLimit,
                          const Progress& progress, bool keepMaps) {
    const auto start = std::chrono::steady_clock::now();
    EvaluationResult result;
    result.fprLimit = fprLimit;
    const Size2D input = detector.info().input;
    PixelSet pixels;
    pixels.height = input.height;
    pixels.width = input.width;
    const std::size_t mapSize = static_cast<std::size_t>(input.height) * input.width;
    std::vector<double> scores;
    std::vector<std::uint8_t> labels;

    // Decoded images are scored in small groups so that memory does not grow with the test set.
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
                result.skipped.push_back({dataset.test[i].image, e.what()});
            }
        }
        const auto scored = detector.score(images);
        for (std::size_t k = 0; k < scored.size(); ++k) {
            const TestSample& sample = *samples[k];
            const ImageScore& s = scored[k];
            std::vector<std::uint8_t> mask(mapSize, 0);
            if (sample.mask) {
                const GreyImage m = decodeMask(*sample.mask);
                if (m.height != s.original.height || m.width != s.original.width)
                    result.warnings.push_back(sample.mask->string() + ": mask is " + std::to_string(m.width) + "×" +
                                              std::to_string(m.height) + " but its image is " +
                                              std::to_string(s.original.width) + "×" +
                                              std::to_string(s.original.height) + "; resized (nearest)");
                mask = resizeMaskNearest(m.pixels, m.height, m.width, input.height, input.width);
            }
            pixels.maps.insert(pixels.maps.end(), s.anomalyMap.values.begin(), s.anomalyMap.values.end());
            pixels.masks.insert(pixels.masks.end(), mask.begin(), mask.end());
            scores.push_back(s.score);
            labels.push_back(sample.isDefect() ? 1 : 0);
            result.images.push_back({sample, s.score});
        }
    }
    progress(dataset.test.size(), dataset.test.size(), "scoring test images");
    result.testSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.imageAuroc = auroc(scores, labels);
    result.f1Optimal = f1OptimalThreshold(scores, labels);
    result.hasPixelMetrics = dataset.hasMasks;
    if (dataset.hasMasks) {
        result.pixelAuroc = pixelAuroc(pixels);
        result.aupro = aupro(proCurve(pixels), fprLimit);
    }
    if (keepMaps) result.pixels = std::move(pixels);
    return result;
}

}  // namespace lwinnn
