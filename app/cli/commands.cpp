#include "commands.h"
#include "search_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "arguments.h"
#include "csv.h"
#include "dataset.h"
#include "demo_data.h"
#include "detector.h"
#include "error.h"
#include "evaluation.h"
#include "file_util.h"
#include "heatmap_export.h"
#include "model_export.h"
#include "progress_bar.h"
#include "weights.h"

namespace lwinnn::cli {
namespace {

CancelToken g_interrupt;

// Ctrl-C cancels the running operation cleanly (nothing half-written), a second one stops at once.
void installInterruptHandler() {
    std::signal(SIGINT, [](int) {
        if (g_interrupt.cancelled()) std::_Exit(130);
        g_interrupt.cancel();
    });
}

Progress withInterrupt(Progress p) {
    p.cancel = &g_interrupt;
    return p;
}

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// An MVTec AD category's train/good, or a plain folder of images.
std::vector<std::filesystem::path> trainingImages(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) throw FileError(dir, "no such folder");
    const auto good = dir / "train" / "good";
    auto files = std::filesystem::is_directory(good, ec) ? listImages(good) : listImages(dir);
    if (files.empty())
        throw FileError(dir,
                        "no training images: expected an MVTec AD category (train/good/) or a folder of "
                        "PNG, JPEG, BMP or TIFF images");
    return files;
}

void printSkipped(const std::vector<SkippedFile>& skipped, const char* what) {
    if (skipped.empty()) return;
    std::fprintf(stderr, "warning: %zu %s could not be read and were skipped:\n", skipped.size(), what);
    for (const auto& s : skipped) std::fprintf(stderr, "  %s\n", s.reason.c_str());
}

TrainOptions trainOptions(const Arguments& a) {
    TrainOptions o;
    o.window = a.intValue("window", kDefaultWindow, 1, Detector::kMaxWindow);
    const std::string resize = a.value("resize", "auto");
    if (resize != "auto") o.resize = resizeModeFromName(resize);
    o.device = a.value("device", "auto");
    const std::string bank = a.value("bank-dtype", "fp32");
    if (bank != "fp32" && bank != "fp16")
        throw UsageError("--bank-dtype must be fp32 or fp16, not \"" + bank + "\"");
    o.halfPrecisionBank = bank == "fp16";
    return o;
}

BackboneWeights weightsFor(const Arguments& a) {
    BackboneWeights w = loadBackboneWeights(a.value("weights", ""));
    if (w.random)
        std::fprintf(stderr,
                     "warning: using RANDOM backbone weights (--weights random): scores are for trying "
                     "the tool only.\n%s\n",
                     missingWeightsHelp().c_str());
    return w;
}

Detector trainOn(const Arguments& a, const TrainOptions& options,
                 const std::vector<std::filesystem::path>& files) {
    const BackboneWeights weights = weightsFor(a);
    TrainReport report;
    ProgressBar bar;
    Detector detector = Detector::train(files, weights, options, withInterrupt(bar.progress()), &report);
    bar.finish();
    for (const auto& note : report.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
    printSkipped(report.skipped, "training images");
    const ModelInfo& info = detector.info();
    std::fprintf(
        stderr, "Trained on %d images in %.1f s (%.3f s/image) on %s: input %d×%d (%s), grid %d×%d, δ = %d\n",
        info.trainCount, report.seconds, report.seconds / info.trainCount, detector.deviceName().c_str(),
        info.input.width, info.input.height, resizeModeName(info.resize), info.grid.width, info.grid.height,
        info.window);
    return detector;
}

void refuseExisting(const std::filesystem::path& file, bool force) {
    std::error_code ec;
    if (!force && std::filesystem::exists(file, ec))
        throw UsageError(file.string() + " already exists; pass --force to replace it");
}

MapView viewOf(const FloatArray& map) {
    return {static_cast<int>(map.dim(0)), static_cast<int>(map.dim(1)), map.values.data()};
}

std::string figure(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%8.4f", v);
    return text;
}

// Output names per image, without extension: the image's folder relative to the deepest folder that holds
// every input image, then its stem; so 000.png of broken_large and of contamination give broken_large/000 and
// contamination/000. A name that still repeats (000.png and 000.jpg in one folder) gets _2, _3, ….
std::vector<std::filesystem::path> outputStems(const std::vector<std::filesystem::path>& files) {
    std::vector<std::filesystem::path> folders;
    for (const auto& file : files)
        folders.push_back(std::filesystem::absolute(file).lexically_normal().parent_path());
    std::filesystem::path common = folders.empty() ? std::filesystem::path() : folders.front();
    const auto holds = [](const std::filesystem::path& folder, const std::filesystem::path& inner) {
        return std::mismatch(folder.begin(), folder.end(), inner.begin(), inner.end()).first == folder.end();
    };
    for (const auto& folder : folders)
        while (!holds(common, folder) && common.has_relative_path()) common = common.parent_path();
    std::vector<std::filesystem::path> stems;
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::filesystem::path stem = folders[i].lexically_relative(common) / files[i].stem();
        stem = stem.lexically_normal();
        const int n = ++seen[stem.string()];
        if (n > 1) stem += "_" + std::to_string(n);
        stems.push_back(stem);
    }
    return stems;
}

}  // namespace

int runTrain(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args, {"data", "out", "window", "resize", "device", "weights", "bank-dtype"},
                      {"force"});
    if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
    const TrainOptions options = trainOptions(a);
    const std::filesystem::path data = a.required("data");
    const std::filesystem::path out = a.required("out");
    refuseExisting(out, a.has("force"));
    const Detector detector = trainOn(a, options, trainingImages(data));
    detector.save(out);
    std::fprintf(stderr, "Model written to %s (%.1f MB)\n", out.string().c_str(),
                 static_cast<double>(std::filesystem::file_size(out)) / 1e6);
    return 0;
}

int runScore(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args, {"out", "window", "device", "range"}, {"force", "full-size-outputs"});
    if (a.positional().size() < 2) throw UsageError("score needs a MODEL and at least one IMAGE or folder");
    const std::int64_t maxOutputPixels =
        a.has("full-size-outputs") ? std::numeric_limits<std::int64_t>::max() : kDefaultMaxOutputPixels;
    const std::filesystem::path outDir = a.required("out");
    Detector detector = Detector::load(a.positional()[0], a.value("device", "auto"));
    if (a.value("window")) detector.setWindow(a.intValue("window", kDefaultWindow, 1, Detector::kMaxWindow));

    std::vector<std::filesystem::path> files;
    for (std::size_t i = 1; i < a.positional().size(); ++i) {
        const std::filesystem::path p = a.positional()[i];
        if (std::filesystem::is_directory(p)) {
            const auto inside = listImages(p);
            if (inside.empty()) throw FileError(p, "the folder holds no PNG, JPEG, BMP or TIFF images");
            files.insert(files.end(), inside.begin(), inside.end());
        } else {
            files.push_back(p);
        }
    }

    std::optional<std::pair<float, float>> range;
    if (const auto text = a.value("range")) {
        const auto colon = text->find(':');
        try {
            if (colon == std::string::npos) throw std::invalid_argument("range");
            range.emplace(std::stof(text->substr(0, colon)), std::stof(text->substr(colon + 1)));
        } catch (const std::exception&) {
            throw UsageError("--range needs LOW:HIGH, e.g. 2.5:6, not '" + *text + "'");
        }
        if (!(range->second > range->first)) throw UsageError("--range needs LOW < HIGH");
    }

    // Output names are fixed (and checked against existing files) before anything is written.
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> outputs;
    for (const auto& stem : outputStems(files)) {
        outputs.emplace_back(outDir / (stem.string() + "_overlay.png"),
                             outDir / (stem.string() + "_map.tiff"));
        refuseExisting(outputs.back().first, a.has("force"));
        refuseExisting(outputs.back().second, a.has("force"));
    }
    std::filesystem::create_directories(outDir);
    for (const auto& [overlay, map] : outputs) std::filesystem::create_directories(overlay.parent_path());

    // With a given colour range every image is written as soon as it is scored; otherwise the range is that
    // of all maps, so the maps (network input size, not the images) are kept until the end.
    std::vector<SkippedFile> skipped;
    std::vector<std::size_t> kept;
    std::vector<ImageScore> pending;
    std::printf("file,score,overlay,map,output_scale\n");
    const auto writeOutputs = [&](std::size_t i, const RgbImage& image, const ImageScore& s, float low,
                                  float high) {
        if (s.aspectChanged)
            std::fprintf(stderr,
                         "warning: %s has another aspect ratio than the training images; it was resized "
                         "to the model's %d×%d input\n",
                         files[i].string().c_str(), detector.info().input.width,
                         detector.info().input.height);
        const MapView map = viewOf(s.anomalyMap);
        const OutputSize size = outputSizeFor(image.width, image.height, maxOutputPixels);
        if (size.scale == 1.0) {
            writeHeatmapOverlay(outputs[i].first, image, map, low, high);
        } else {
            writeHeatmapOverlay(outputs[i].first, resizedImage(image, size.width, size.height), map, low,
                                high);
        }
        writeFloatTiff(outputs[i].second, map, size.height, size.width);
    };
    ProgressBar bar;
    const Progress progress = withInterrupt(bar.progress());
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.check();
        progress(i, files.size(), "scoring");
        try {
            const RgbImage image = decodeImage(files[i]);
            ImageScore s = detector.score(image);
            const OutputSize size = outputSizeFor(image.width, image.height, maxOutputPixels);
            if (size.scale != 1.0)
                std::fprintf(
                    stderr,
                    "note: %s is %d × %d pixels; its overlay and map are written at %d × %d (scale %.4g; "
                    "--full-size-outputs writes them in full)\n",
                    files[i].string().c_str(), image.width, image.height, size.width, size.height,
                    size.scale);
            std::printf("%s,%.6f,%s,%s,%.6g\n", csvField(files[i].string()).c_str(), s.score,
                        csvField(outputs[i].first.string()).c_str(),
                        csvField(outputs[i].second.string()).c_str(), size.scale);
            std::fflush(stdout);
            if (range) {
                writeOutputs(i, image, s, range->first, range->second);
            } else {
                kept.push_back(i);
                pending.push_back(std::move(s));
            }
        } catch (const FileError& e) {
            skipped.push_back({files[i], e.what()});
        }
    }
    if (!range && !pending.empty()) {
        float low = std::numeric_limits<float>::max();
        float high = std::numeric_limits<float>::lowest();
        for (const auto& s : pending) {
            const auto [mn, mx] = std::minmax_element(s.anomalyMap.values.begin(), s.anomalyMap.values.end());
            low = std::min(low, *mn);
            high = std::max(high, *mx);
        }
        range.emplace(low, high);
        for (std::size_t k = 0; k < kept.size(); ++k) {
            progress(k, kept.size(), "writing heatmaps");
            writeOutputs(kept[k], decodeImage(files[kept[k]]), pending[k], low, high);
        }
    }
    bar.finish();
    printSkipped(skipped, "images");
    const std::size_t scored = files.size() - skipped.size();
    if (scored == 0) throw Error("none of the images could be read");
    std::fprintf(stderr,
                 "Scored %zu images with δ = %d; heatmaps (colour range %.3f … %.3f) and float maps in %s\n",
                 scored, detector.window(), range->first, range->second, outDir.string().c_str());
    return skipped.empty() ? 0 : 3;
}

namespace {

std::vector<int> parseWindows(const std::string& text) {
    std::vector<int> windows;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string item = text.substr(pos, comma - pos);
        try {
            std::size_t used = 0;
            const int w = std::stoi(item, &used);
            if (used != item.size() || w < 1 || w > Detector::kMaxWindow) throw std::invalid_argument(item);
            if (std::find(windows.begin(), windows.end(), w) == windows.end()) windows.push_back(w);
        } catch (const std::exception&) {
            throw UsageError("--windows needs a comma-separated list of window sizes from 1 to " +
                             std::to_string(Detector::kMaxWindow) + ", e.g. 1,3,5,7,9, not '" + text + "'");
        }
        pos = comma + 1;
    }
    return windows;
}

nlohmann::json curveJson(const std::vector<CurvePoint>& points) {
    nlohmann::json xs = nlohmann::json::array();
    nlohmann::json ys = nlohmann::json::array();
    for (const auto& p : points) {
        xs.push_back(p.x);
        ys.push_back(p.y);
    }
    return {{"fpr", xs}, {"y", ys}};
}

}  // namespace

namespace {

// One category's evaluation at every requested window, with what the JSON and CSV outputs need.
struct CategoryRun {
    Dataset dataset;
    std::vector<EvaluationResult> results;
    double trainSeconds = 0;
    nlohmann::json json;
    std::string csv;
};

CategoryRun evaluateCategory(const Arguments& a, const Dataset& dataset, const TrainOptions& options,
                             const EvaluationOptions& evalOptions, const std::optional<std::string>& outDir) {
    CategoryRun run;
    run.dataset = dataset;
    std::fprintf(stderr, "%s (%s): %zu training images, %zu test images (%zu defect types)\n",
                 dataset.name.c_str(), std::string(layoutName(dataset.layout)).c_str(), dataset.train.size(),
                 dataset.test.size(), dataset.defectTypes.size());
    const auto trainStart = Clock::now();
    Detector detector = a.value("model") ? Detector::load(*a.value("model"), a.value("device", "auto"))
                                         : trainOn(a, options, dataset.train);
    run.trainSeconds = secondsSince(trainStart);
    if (a.value("model") && a.value("window")) detector.setWindow(options.window);
    const std::vector<int> windows =
        a.value("windows") ? parseWindows(*a.value("windows")) : std::vector<int>{detector.window()};

    ProgressBar bar;
    run.results = evaluateWindows(detector, dataset, windows, evalOptions, withInterrupt(bar.progress()));
    bar.finish();
    const auto& results = run.results;
    const EvaluationResult& first = results.front();
    printSkipped(first.skipped, "test images");
    for (const auto& w : first.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());

    const auto pixelFigure = [](const EvaluationResult& r, double v) {
        return r.hasPixelMetrics ? figure(v) : std::string("     n/a");
    };
    const double n = static_cast<double>(first.images.size());
    for (const auto& r : results) {
        std::printf("%-16s %3d %6zu %s %s %s %9.1f %10.3f\n", dataset.name.c_str(), r.window, r.images.size(),
                    figure(r.imageAuroc).c_str(), pixelFigure(r, r.aupro).c_str(),
                    pixelFigure(r, r.pixelAuroc).c_str(), run.trainSeconds, r.testSeconds / n);
        if (a.has("per-type"))
            for (const auto& t : r.perType)
                std::printf("  %-14s %3d %6d %s %s\n", t.defectType.c_str(), r.window, t.images,
                            figure(t.imageAuroc).c_str(), pixelFigure(r, t.aupro).c_str());
    }
    if (results.size() == 1)
        std::printf("  F1-optimal threshold %.4f: precision %.3f, recall %.3f, F1 %.3f\n",
                    first.f1Optimal.threshold, first.f1Optimal.precision, first.f1Optimal.recall,
                    first.f1Optimal.f1);
    if (results.size() > 1) {
        std::printf("  Sweep of %zu windows in one search at δ = %d: %.1f s for %zu test images.\n",
                    results.size(), *std::max_element(windows.begin(), windows.end()), first.testSeconds,
                    first.images.size());
        if (a.has("compare-separate")) {
            double separate = 0;
            bool identical = true;
            for (const auto& r : results) {
                detector.setWindow(r.window);
                EvaluationOptions plain = evalOptions;
                plain.keepMaps = false;
                const EvaluationResult single = evaluate(detector, dataset, plain);
                separate += single.testSeconds;
                for (std::size_t i = 0; i < r.images.size(); ++i)
                    identical = identical && single.images[i].score == r.images[i].score;
                identical = identical && single.aupro == r.aupro && single.imageAuroc == r.imageAuroc;
            }
            std::printf("  Separate runs: %.1f s in all, %.2f× the sweep; scores and metrics %s.\n", separate,
                        separate / first.testSeconds, identical ? "identical" : "DIFFER");
            if (!identical) throw Error("the sweep and separate runs disagree");
        }
    }
    std::fflush(stdout);

    for (const auto& r : results) {
        const auto row = [&](const std::string& type, int images, double iauroc, double apro, double pauroc) {
            char line[512];
            std::snprintf(line, sizeof line, "%s,%s,%d,%s,%d,%.6f,%s,%s,%.3f,%.3f,%.5f\n",
                          csvField(dataset.name).c_str(), std::string(layoutName(dataset.layout)).c_str(),
                          r.window, csvField(type).c_str(), images, iauroc,
                          r.hasPixelMetrics ? std::to_string(apro).c_str() : "",
                          r.hasPixelMetrics && pauroc >= 0 ? std::to_string(pauroc).c_str() : "",
                          evalOptions.fprLimit, run.trainSeconds, r.testSeconds / n);
            run.csv += line;
        };
        row("all", static_cast<int>(r.images.size()), r.imageAuroc, r.aupro, r.pixelAuroc);
        for (const auto& t : r.perType) row(t.defectType, t.images, t.imageAuroc, t.aupro, -1);
    }

    nlohmann::json& doc = run.json;
    doc["dataset"] = {{"name", dataset.name},
                      {"root", dataset.root.string()},
                      {"layout", std::string(layoutName(dataset.layout))},
                      {"train_images", detector.info().trainCount},
                      {"test_images", first.images.size()},
                      {"skipped", first.skipped.size()}};
    const ModelInfo& info = detector.info();
    doc["configuration"] = {{"resize", resizeModeName(info.resize)},
                            {"input", {info.input.height, info.input.width}},
                            {"grid", {info.grid.height, info.grid.width}},
                            {"backbone", info.backbone},
                            {"backbone_sha256", info.backboneSha256},
                            {"bank_dtype", info.bankDtype},
                            {"device", detector.deviceName()},
                            {"fpr_limit", evalOptions.fprLimit},
                            {"model", a.value("model", "")}};
    doc["train_seconds"] = run.trainSeconds;
    doc["test_seconds"] = first.testSeconds;
    for (const auto& r : results) {
        nlohmann::json entry = {{"window", r.window},
                                {"image_auroc", r.imageAuroc},
                                {"test_seconds_per_image", r.testSeconds / n},
                                {"f1_optimal",
                                 {{"threshold", r.f1Optimal.threshold},
                                  {"precision", r.f1Optimal.precision},
                                  {"recall", r.f1Optimal.recall},
                                  {"f1", r.f1Optimal.f1}}},
                                {"roc", curveJson(r.roc)}};
        if (r.hasPixelMetrics) {
            entry["aupro"] = r.aupro;
            entry["pixel_auroc"] = r.pixelAuroc;
            entry["pro"] = curveJson(r.pro);
        }
        for (const auto& t : r.perType)
            entry["per_type"].push_back(
                {{"defect_type", t.defectType},
                 {"images", t.images},
                 {"image_auroc", t.imageAuroc},
                 {"aupro", r.hasPixelMetrics ? nlohmann::json(t.aupro) : nlohmann::json()}});
        for (const auto& image : r.images)
            entry["images"].push_back({{"file", image.sample.image.string()},
                                       {"defect_type", image.sample.defectType},
                                       {"score", image.score}});
        doc["results"].push_back(entry);
    }

    if (outDir) {
        // One colour scale for every overlay of the category, so that images can be compared by eye.
        const EvaluationResult& shown = results.back();
        const auto [low, high] = std::minmax_element(shown.pixels.maps.begin(), shown.pixels.maps.end());
        const std::size_t mapSize = static_cast<std::size_t>(shown.pixels.height) * shown.pixels.width;
        std::vector<std::filesystem::path> overlays;
        for (const auto& image : shown.images)
            overlays.push_back(std::filesystem::path(*outDir) / image.sample.defectType /
                               (image.sample.image.stem().string() + "_overlay.png"));
        for (std::size_t i = 0; i < shown.images.size(); ++i) {
            std::filesystem::create_directories(overlays[i].parent_path());
            const MapView map{shown.pixels.height, shown.pixels.width,
                              shown.pixels.maps.data() + i * mapSize};
            writeHeatmapOverlay(overlays[i], decodeImage(shown.images[i].sample.image), map, *low, *high);
        }
        std::printf("  Heatmap overlays at δ = %d (colour range %.3f … %.3f): %s\n", shown.window, *low,
                    *high, outDir->c_str());
    }
    return run;
}

// Overlay files that a category's evaluation would write, for the refusal before any work is done.
void refuseExistingOverlays(const Dataset& dataset, const std::filesystem::path& outDir, bool force) {
    for (const auto& sample : dataset.test)
        refuseExisting(outDir / sample.defectType / (sample.image.stem().string() + "_overlay.png"), force);
}

}  // namespace

int runEval(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args,
                      {"data", "normal", "test", "masks", "model", "window", "windows", "resize", "device",
                       "bank-dtype", "weights", "fpr-limit", "out", "category", "max-train", "json", "csv"},
                      {"force", "per-type", "compare-separate"});
    if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
    if (a.value("window") && a.value("windows")) throw UsageError("give either --window or --windows");
    const TrainOptions options = trainOptions(a);
    if (a.value("data").has_value() == a.value("normal").has_value())
        throw UsageError(
            "give either --data DIR (a data set) or --normal DIR --test DIR[,DIR...] [--masks DIR]");
    if (a.value("normal") && !a.value("test")) throw UsageError("--normal needs --test DIR[,DIR...]");
    if (a.value("windows")) parseWindows(*a.value("windows"));  // refuse a bad list before any work
    EvaluationOptions evalOptions;
    evalOptions.fprLimit = a.doubleValue("fpr-limit", 0.3, 1e-6, 1.0);
    const std::optional<std::string> outDir = a.value("out");
    evalOptions.keepMaps = outDir.has_value();
    for (const char* file : {"json", "csv"})
        if (const auto f = a.value(file)) refuseExisting(*f, a.has("force"));
    DatasetOptions datasetOptions;
    datasetOptions.category = a.value("category", "");
    datasetOptions.maxTrainImages = static_cast<std::size_t>(a.intValue("max-train", 0, 0, 1000000));

    // One data set, or every category under a root (an MVTec AD root, a VisA root without --category).
    std::vector<Dataset> datasets;
    bool root = false;
    if (const auto data = a.value("data")) {
        if (!datasetOptions.category.empty()) {
            datasets.push_back(readDataset(*data, datasetOptions));
        } else {
            const std::vector<DatasetCategory> categories = findCategories(*data);
            root = categories.size() > 1;
            if (root && a.value("model"))
                throw UsageError(
                    *data + " holds " + std::to_string(categories.size()) +
                    " categories; --model evaluates one (give --data CATEGORY or --category NAME)");
            for (const auto& c : categories) {
                DatasetOptions o = datasetOptions;
                o.category = c.category;
                datasets.push_back(readDataset(c.root, o));
            }
        }
    } else {
        // Plain folders: good training images, test folders named by defect type (good/normal/ok hold good
        // images), masks matched by file stem.
        std::vector<std::filesystem::path> testFolders;
        const std::string list = *a.value("test");
        for (std::size_t pos = 0; pos <= list.size();) {
            const std::size_t comma = std::min(list.find(',', pos), list.size());
            if (comma > pos) testFolders.emplace_back(list.substr(pos, comma - pos));
            pos = comma + 1;
        }
        std::optional<std::filesystem::path> masks;
        if (const auto m = a.value("masks")) masks = *m;
        datasets.push_back(readFolders({*a.value("normal")}, testFolders, masks, datasetOptions));
        if (!datasets.back().hasMasks)
            std::fprintf(stderr, "note: no --masks folder: pixel AUROC and AUPRO are not computed\n");
    }
    const auto overlayDir = [&](const Dataset& d) {
        return root ? std::filesystem::path(*outDir) / d.name : std::filesystem::path(*outDir);
    };
    if (outDir)
        for (const auto& d : datasets) refuseExistingOverlays(d, overlayDir(d), a.has("force"));
    if (root) std::fprintf(stderr, "%zu categories under %s\n", datasets.size(), a.value("data")->c_str());

    std::printf("%-16s %3s %6s %8s %8s %8s %9s %10s\n", "category", "δ", "images", "I-AUROC", "AUPRO",
                "P-AUROC", "train s", "test s/img");
    std::fflush(stdout);
    std::vector<CategoryRun> runs;
    for (const auto& d : datasets) {
        std::optional<std::string> out;
        if (outDir) out = overlayDir(d).string();
        runs.push_back(evaluateCategory(a, d, options, evalOptions, out));
    }

    // The paper's "mean" row: the unweighted mean over categories, per window.
    nlohmann::json means = nlohmann::json::array();
    std::string meanCsv;
    if (root) {
        for (std::size_t k = 0; k < runs.front().results.size(); ++k) {
            double image = 0, aupro = 0, pixel = 0, train = 0, test = 0;
            std::size_t withPixels = 0;
            for (const auto& run : runs) {
                const EvaluationResult& r = run.results[k];
                image += r.imageAuroc;
                train += run.trainSeconds;
                test += r.testSeconds / static_cast<double>(r.images.size());
                if (r.hasPixelMetrics) {
                    aupro += r.aupro;
                    pixel += r.pixelAuroc;
                    ++withPixels;
                }
            }
            const double c = static_cast<double>(runs.size());
            const int window = runs.front().results[k].window;
            const bool allPixels = withPixels == runs.size();
            std::printf("%-16s %3d %6s %s %s %s %9.1f %10.3f\n", "mean", window, "",
                        figure(image / c).c_str(), allPixels ? figure(aupro / c).c_str() : "     n/a",
                        allPixels ? figure(pixel / c).c_str() : "     n/a", train / c, test / c);
            nlohmann::json m = {{"window", window},
                                {"categories", runs.size()},
                                {"image_auroc", image / c},
                                {"train_seconds", train / c},
                                {"test_seconds_per_image", test / c}};
            if (allPixels) {
                m["aupro"] = aupro / c;
                m["pixel_auroc"] = pixel / c;
            }
            means.push_back(m);
            char line[256];
            std::snprintf(line, sizeof line, "mean,,%d,all,,%.6f,%s,%s,%.3f,%.3f,%.5f\n", window, image / c,
                          allPixels ? std::to_string(aupro / c).c_str() : "",
                          allPixels ? std::to_string(pixel / c).c_str() : "", evalOptions.fprLimit, train / c,
                          test / c);
            meanCsv += line;
        }
    }
    std::printf("Peak memory %.0f MB. AUPRO integrates up to FPR %.2f.\n", peakMemoryMb(),
                evalOptions.fprLimit);

    if (const auto csv = a.value("csv")) {
        std::string text =
            "category,layout,window,defect_type,images,image_auroc,aupro,pixel_auroc,fpr_limit,"
            "train_seconds,test_seconds_per_image\n";
        for (const auto& run : runs) text += run.csv;
        text += meanCsv;
        writeFileAtomically(*csv, text.data(), text.size());
    }
    if (const auto json = a.value("json")) {
        nlohmann::json doc;
        if (root) {
            doc["root"] = *a.value("data");
            for (const auto& run : runs) doc["categories"].push_back(run.json);
            doc["mean"] = means;
        } else {
            doc = runs.front().json;
        }
        doc["peak_memory_mb"] = peakMemoryMb();
        const std::string text = doc.dump(1) + "\n";
        writeFileAtomically(*json, text.data(), text.size());
    }
    return 0;
}

int runDemoData(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args, {"seed", "size"}, {});
    if (a.positional().size() != 1) throw UsageError("demo-data needs exactly one folder");
    DemoDataOptions o;
    o.seed = static_cast<std::uint64_t>(a.intValue("seed", 7, 0, std::numeric_limits<int>::max()));
    o.imageSize = a.intValue("size", o.imageSize, 64, 1024);
    ProgressBar bar;
    generateDemoData(a.positional()[0], o, withInterrupt(bar.progress()));
    bar.finish();
    std::fprintf(stderr,
                 "Demo data set (seed %llu) written to %s: %d train, %d test good, %d per defect type\n",
                 static_cast<unsigned long long>(o.seed), a.positional()[0].c_str(), o.trainGood, o.testGood,
                 o.testPerDefect);
    return 0;
}

int runBench(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(
        args, {"data", "window", "resize", "device", "weights", "bank-dtype", "train-images", "test-images"},
        {"search", "metrics", "no-reference"});
    if (a.has("metrics")) {
        // Exact pixel metrics at scale: `--test-images` synthetic 256×256 maps (noise plus a raised disc
        // where the mask marks a defect, every second image), timed and with the memory they took.
        const int images = a.intValue("test-images", 2000, 2, 1000000);
        PixelSet pixels;
        pixels.height = pixels.width = 256;
        const std::size_t size = 256 * 256;
        pixels.maps.resize(size * static_cast<std::size_t>(images));
        pixels.masks.assign(size * static_cast<std::size_t>(images), 0);
        std::mt19937 random(7);
        std::uniform_real_distribution<float> noise(0.0F, 1.0F);
        for (int i = 0; i < images; ++i) {
            float* map = pixels.maps.data() + size * static_cast<std::size_t>(i);
            std::uint8_t* mask = pixels.masks.data() + size * static_cast<std::size_t>(i);
            for (std::size_t p = 0; p < size; ++p) map[p] = noise(random);
            if (i % 2 == 0) continue;
            const int cy = 40 + static_cast<int>(random() % 176), cx = 40 + static_cast<int>(random() % 176);
            const int r = 6 + static_cast<int>(random() % 30);
            for (int y = cy - r; y <= cy + r; ++y)
                for (int x = cx - r; x <= cx + r; ++x)
                    if ((y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r) {
                        mask[y * 256 + x] = 1;
                        map[y * 256 + x] += 0.5F;
                    }
        }
        const double before = peakMemoryMb();
        const double inputs = static_cast<double>(pixels.maps.size() * 5) / 1e6;
        const auto start = Clock::now();
        const PixelEvaluation e = evaluatePixels(pixels);
        const double seconds = secondsSince(start);
        const double auproValue = aupro(e.pro, 0.3);
        std::printf("pixel metrics: %d images of 256×256 (%.1f M pixels), maps float32 + masks %.0f MB\n",
                    images, static_cast<double>(pixels.maps.size()) / 1e6, inputs);
        std::printf("pixel AUROC %.6f, AUPRO %.6f (%d regions, %zu PRO curve points) in %.1f s\n",
                    e.pixelAuroc, auproValue, e.pro.regions, e.pro.points.size(), seconds);
        std::printf(
            "peak memory: %.0f MB with the inputs built, %.0f MB after the metrics (+%.0f MB, %.1f bytes "
            "per pixel)\n",
            before, peakMemoryMb(), peakMemoryMb() - before,
            (peakMemoryMb() - before) * 1e6 / static_cast<double>(pixels.maps.size()));
        return 0;
    }
    if (a.has("search")) {
        bench::SearchBenchmarkOptions o;
        o.window = a.intValue("window", kDefaultWindow, 1, Detector::kMaxWindow);
        o.trainImages = a.intValue("train-images", 200, 1, 100000);
        o.testImages = a.intValue("test-images", 32, 1, 100000);
        o.reference = !a.has("no-reference");
        o.weights = a.value("weights", "");
        o.device = a.value("device", "auto");
        return bench::runSearchBenchmark(o);
    }
    const TrainOptions options = trainOptions(a);
    const std::filesystem::path data = a.required("data");
    const Dataset dataset = readDataset(data);
    const Detector detector = trainOn(a, options, dataset.train);
    const auto& info = detector.info();
    std::vector<RgbImage> images;
    double decodeSeconds = 0;
    ScoreTimings t;
    ProgressBar bar;
    const Progress progress = withInterrupt(bar.progress());
    std::vector<SkippedFile> skipped;
    for (std::size_t i = 0; i < dataset.test.size(); ++i) {
        progress.check();
        progress(i, dataset.test.size(), "scoring test images");
        const auto start = Clock::now();
        try {
            images.push_back(decodeImage(dataset.test[i].image));
        } catch (const FileError& e) {
            skipped.push_back({dataset.test[i].image, e.what()});
            continue;
        }
        decodeSeconds += secondsSince(start);
        if (images.size() == 8) {
            detector.score(images, {}, &t);
            images.clear();
        }
    }
    // The last batch, however it ended (a partial batch, or a last image that could not be read).
    if (!images.empty()) detector.score(images, {}, &t);
    bar.finish();
    printSkipped(skipped, "test images");
    if (t.images == 0) throw Error("no test image of " + data.string() + " could be read");
    const double n = static_cast<double>(t.images);
    const double flops = 2.0 * info.grid.height * info.grid.width * detector.window() * detector.window() *
                         static_cast<double>(info.trainCount) * info.channels;
    const double testSeconds = decodeSeconds + t.preprocess + t.backbone + t.search + t.maps;
    std::printf("machine: %u hardware threads, the search runs on %d; device %s\n",
                std::thread::hardware_concurrency(), searchThreadCount(), detector.deviceName().c_str());
    std::printf(
        "data: %s, %d train images, %.0f test images (%zu skipped), input %d×%d, grid %d×%d, δ = %d\n",
        dataset.name.c_str(), info.trainCount, n, skipped.size(), info.input.width, info.input.height,
        info.grid.width, info.grid.height, detector.window());
    std::printf("test s/image: %.4f (decode %.4f, preprocess %.4f, backbone %.4f, search %.4f, maps %.4f)\n",
                testSeconds / n, decodeSeconds / n, t.preprocess / n, t.backbone / n, t.search / n,
                t.maps / n);
    std::printf("search: %.2f GFLOP per image (2·H·W·δ²·N·C), %.1f GFLOP/s achieved\n", flops / 1e9,
                flops * n / t.search / 1e9);
    std::printf(
        "peak memory: %.0f MB (bank %.0f MB)\n", peakMemoryMb(),
        static_cast<double>(info.grid.height) * info.grid.width * info.trainCount * info.channels * 4 / 1e6);
    return 0;
}

int runFetchWeights(const std::vector<std::string>& args) {
    const Arguments a(args, {}, {});
    if (!a.positional().empty()) throw UsageError("fetch-weights takes no arguments");
    ProgressBar bar;
    const auto file = fetchWeights(bar.progress());
    bar.finish();
    std::printf("%s\n", file.string().c_str());
    return 0;
}

int runInfo(const std::vector<std::string>& args) {
    const Arguments a(args, {}, {});
    if (a.positional().size() != 1) throw UsageError("info needs one MODEL file");
    const ModelContents m = readModelFile(a.positional()[0]);
    const ModelInfo& i = m.info;
    std::printf("model: %s (format %d)\n", a.positional()[0].c_str(), i.version);
    std::printf("trained: %s by %s on %d images\n", i.created.c_str(), i.createdBy.c_str(), i.trainCount);
    std::printf("input: %d×%d (%s), grid %d×%d, %d channels, δ = %d\n", i.input.width, i.input.height,
                resizeModeName(i.resize), i.grid.width, i.grid.height, i.channels, i.window);
    std::printf("backbone: %s, weights %s (SHA-256 %s)\n", i.backbone.c_str(), i.weightsSource.c_str(),
                i.backboneSha256.c_str());
    std::printf("bank: %s, %.1f MB\n", i.bankDtype.c_str(), static_cast<double>(m.bank.nbytes) / 1e6);
    return 0;
}

int runExport(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args, {"format", "window", "name", "max-batch"}, {"force"});
    if (a.positional().size() != 2) throw UsageError("export needs a MODEL file and an OUT file or folder");
    const ExportFormat format = exportFormatFromName(a.required("format"));
    const std::filesystem::path model = a.positional()[0];
    const std::filesystem::path out = a.positional()[1];
    ExportOptions options;
    if (a.value("window")) options.window = a.intValue("window", kDefaultWindow, 1, Detector::kMaxWindow);
    options.tritonName = a.value("name", options.tritonName);
    options.tritonMaxBatch = a.intValue("max-batch", options.tritonMaxBatch, 1, 4096);
    if (format != ExportFormat::Triton && (a.value("name") || a.value("max-batch")))
        throw UsageError("--name and --max-batch apply to --format triton only");
    options.overwrite = a.has("force");
    for (const auto& file : exportOutputs(format, out, options)) refuseExisting(file, options.overwrite);
    ProgressBar bar;
    const auto written = exportModel(format, model, out, options, withInterrupt(bar.progress()));
    bar.finish();
    for (const auto& file : written) {
        const auto bytes = static_cast<double>(std::filesystem::file_size(file));
        std::fprintf(stderr, "Written %s (%.1f %s)\n", file.string().c_str(),
                     bytes < 1e6 ? bytes / 1e3 : bytes / 1e6, bytes < 1e6 ? "kB" : "MB");
    }
    return 0;
}

}  // namespace lwinnn::cli
