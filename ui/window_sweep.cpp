#include "window_sweep.h"

#include <algorithm>
#include <limits>

#include "error.h"
#include "evaluation.h"
#include "image_io.h"
#include "localized_error.h"

namespace lwinnn::ui {

namespace {

constexpr double kFprLimit = 0.3;

void checkCancel(const CancelToken* cancel) {
    if (cancel && cancel->cancelled()) throw Cancelled();
}

// The anomaly maps of every image at sweep window `k`, one after the other (input size).
std::vector<float> mapsAt(const WindowSweep& sweep, std::size_t k, const CancelToken* cancel) {
    const std::size_t mapSize = static_cast<std::size_t>(sweep.input.height) * sweep.input.width;
    std::vector<float> maps;
    maps.reserve(sweep.images.size() * mapSize);
    FloatArray patch;
    patch.shape = {sweep.grid.height, sweep.grid.width};
    for (const std::vector<float>& values : sweep.patches[k]) {
        checkCancel(cancel);
        patch.values = values;
        const FloatArray map = anomalyMap(patch, sweep.input);
        maps.insert(maps.end(), map.values.begin(), map.values.end());
    }
    return maps;
}

std::size_t checkedIndex(const WindowSweep& sweep, int window) {
    const int k = sweep.indexOf(window);
    if (k < 0) throw UsageError("the test set was not scored at window " + std::to_string(window));
    return static_cast<std::size_t>(k);
}

}  // namespace

int WindowSweep::indexOf(int window) const {
    const auto it = std::find(windows.begin(), windows.end(), window);
    return it == windows.end() ? -1 : static_cast<int>(it - windows.begin());
}

std::vector<std::uint8_t> WindowSweep::labels() const {
    std::vector<std::uint8_t> out;
    out.reserve(images.size());
    for (const ScoredImage& image : images) out.push_back(image.isDefect() ? 1 : 0);
    return out;
}

bool WindowSweep::hasBothClasses() const {
    const auto l = labels();
    return std::find(l.begin(), l.end(), 0) != l.end() && std::find(l.begin(), l.end(), 1) != l.end();
}

std::vector<int> sweepWindows(int modelWindow) {
    std::vector<int> windows;
    for (int w = 1; w <= kStudioMaxWindow; ++w) windows.push_back(w);
    if (modelWindow > kStudioMaxWindow) windows.push_back(modelWindow);
    return windows;
}

std::shared_ptr<const WindowSweep> sweepTestSet(const Detector& detector, const Dataset& dataset,
                                                const std::vector<int>& windows, const Progress& progress) {
    auto sweep = std::make_shared<WindowSweep>();
    const ModelInfo& info = detector.info();
    sweep->input = {info.input.height, info.input.width};
    sweep->grid = gridSizeFor(sweep->input);
    sweep->windows = windows;
    std::sort(sweep->windows.begin(), sweep->windows.end());
    sweep->scores.resize(sweep->windows.size());
    sweep->patches.resize(sweep->windows.size());
    const std::size_t mapSize = static_cast<std::size_t>(sweep->input.height) * sweep->input.width;
    constexpr std::size_t kGroup = 4;  // small groups: memory stays flat and progress moves often
    const std::size_t total = dataset.test.size();
    for (std::size_t first = 0; first < total; first += kGroup) {
        progress.check();
        progress(first, total, "scoring test images at every window");
        std::vector<RgbImage> images;
        std::vector<const TestSample*> samples;
        for (std::size_t i = first; i < std::min(total, first + kGroup); ++i) {
            try {
                images.push_back(decodeImage(dataset.test[i].image));
                samples.push_back(&dataset.test[i]);
            } catch (const FileError& e) {
                sweep->warnings.push_back(localizedError(e));
            }
        }
        if (images.empty()) continue;
        std::vector<std::vector<ImageScore>> scored = detector.scoreWindows(images, sweep->windows);
        for (std::size_t k = 0; k < scored.size(); ++k)
            for (ImageScore& score : scored[k]) {
                sweep->scores[k].push_back(score.score);
                // Only the patch grid is kept; its map is remade when a view needs it.
                sweep->patches[k].push_back(std::move(score.patchScores.values));
            }
        for (const TestSample* sample : samples) {
            std::vector<std::uint8_t> mask(mapSize, 0);
            if (sample->mask) {
                const GreyImage m = decodeMask(*sample->mask);
                mask =
                    resizeMaskNearest(m.pixels, m.height, m.width, sweep->input.height, sweep->input.width);
            }
            sweep->masks.insert(sweep->masks.end(), mask.begin(), mask.end());
            sweep->images.push_back({sample->image, sample->defectType, sample->mask, 0.0});
        }
    }
    progress(total, total, "scoring test images at every window");
    for (const auto& perImage : sweep->patches) {
        float low = std::numeric_limits<float>::max();
        float high = std::numeric_limits<float>::lowest();
        for (const std::vector<float>& values : perImage)
            for (const float v : values) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
        if (low > high) low = high = 0;
        sweep->mapLow.push_back(low);
        sweep->mapHigh.push_back(std::max(high, low + 1e-6f));
    }
    return sweep;
}

std::shared_ptr<Evaluation> evaluationAt(const WindowSweep& sweep, int window, const CancelToken* cancel) {
    const std::size_t k = checkedIndex(sweep, window);
    auto evaluation = std::make_shared<Evaluation>();
    evaluation->window = window;
    evaluation->warnings = sweep.warnings;
    evaluation->images = sweep.images;
    for (std::size_t i = 0; i < evaluation->images.size(); ++i)
        evaluation->images[i].score = sweep.scores[k][i];
    evaluation->scores = sweep.scores[k];
    evaluation->labels = sweep.labels();
    evaluation->fprLimit = kFprLimit;
    evaluation->pixels.height = sweep.input.height;
    evaluation->pixels.width = sweep.input.width;
    evaluation->pixels.maps = mapsAt(sweep, k, cancel);
    evaluation->pixels.masks = sweep.masks;
    evaluation->mapLow = sweep.mapLow[k];
    evaluation->mapHigh = sweep.mapHigh[k];
    if (sweep.hasBothClasses()) {
        evaluation->hasMetrics = true;
        evaluation->imageAuroc = auroc(evaluation->scores, evaluation->labels);
        evaluation->roc = thinCurve(rocCurve(evaluation->scores, evaluation->labels));
        evaluation->f1Optimal = f1OptimalThreshold(evaluation->scores, evaluation->labels);
        checkCancel(cancel);
        try {
            const PixelEvaluation pixelResult = evaluatePixels(evaluation->pixels);
            evaluation->pixelAuroc = pixelResult.pixelAuroc;
            evaluation->aupro = aupro(pixelResult.pro, kFprLimit);
            evaluation->pro = thinCurve(pixelResult.pro.points);
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {  // no defect region in any mask: image metrics only
            evaluation->warnings.push_back(localizedError(e));
        }
    }
    return evaluation;
}

FloatArray mapAt(const WindowSweep& sweep, int window, std::size_t image) {
    const std::size_t k = checkedIndex(sweep, window);
    FloatArray patch;
    patch.shape = {sweep.grid.height, sweep.grid.width};
    patch.values = sweep.patches[k].at(image);
    return anomalyMap(patch, sweep.input);
}

std::vector<WindowMetrics> imageMetrics(const WindowSweep& sweep) {
    std::vector<WindowMetrics> out;
    const bool both = sweep.hasBothClasses();
    const auto labels = sweep.labels();
    for (std::size_t k = 0; k < sweep.windows.size(); ++k) {
        WindowMetrics m;
        m.window = sweep.windows[k];
        if (both) m.imageAuroc = auroc(sweep.scores[k], labels);
        out.push_back(m);
    }
    return out;
}

WindowMetrics pixelMetrics(const WindowSweep& sweep, int window, const CancelToken* cancel) {
    const std::size_t k = checkedIndex(sweep, window);
    WindowMetrics m;
    m.window = window;
    m.pixelsComputed = true;
    if (!sweep.hasBothClasses()) return m;
    m.imageAuroc = auroc(sweep.scores[k], sweep.labels());
    PixelSet pixels;
    pixels.height = sweep.input.height;
    pixels.width = sweep.input.width;
    pixels.maps = mapsAt(sweep, k, cancel);
    pixels.masks = sweep.masks;
    checkCancel(cancel);
    try {
        const PixelEvaluation result = evaluatePixels(pixels);
        m.pixelAuroc = result.pixelAuroc;
        m.aupro = aupro(result.pro, kFprLimit);
    } catch (const Cancelled&) {
        throw;
    } catch (const Error&) {  // no defect region: image metrics only
    }
    return m;
}

}  // namespace lwinnn::ui
