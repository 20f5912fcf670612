#include "commands.h"

#include <csignal>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <thread>

#include "arguments.h"
#include "dataset.h"
#include "demo_data.h"
#include "detector.h"
#include "error.h"
#include "evaluation.h"
#include "heatmap_export.h"
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
double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// An MVTec AD category's train/good, or a plain folder of images.
std::vector<std::filesystem::path> trainingImages(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) throw FileError(dir, "no such folder");
    const auto good = dir / "train" / "good";
    auto files = std::filesystem::is_directory(good, ec) ? listImages(good) : listImages(dir);
    if (files.empty())
        throw FileError(dir, "no training images: expected an MVTec AD category (train/good/) or a folder of "
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
    o.window = a.intValue("window", 7, 1, Detector::kMaxWindow);
    const std::string resize = a.value("resize", "auto");
    if (resize != "auto") o.resize = resizeModeFromName(resize);
    o.device = a.value("device", "auto");
    return o;
}

BackboneWeights weightsFor(const Arguments& a) {
    BackboneWeights w = loadBackboneWeights(a.value("weights", ""));
    if (w.random)
        std::fprintf(stderr, "warning: using RANDOM backbone weights (--weights random): scores are for trying "
                             "the tool only.\n%s\n", missingWeightsHelp().c_str());
    return w;
}

Detector trainOn(const Arguments& a, const TrainOptions& options, const std::vector<std::filesystem::path>& files) {
    const BackboneWeights weights = weightsFor(a);
    TrainReport report;
    ProgressBar bar;
    Detector detector = Detector::train(files, weights, options, withInterrupt(bar.progress()), &report);
    bar.finish();
    for (const auto& note : report.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
    printSkipped(report.skipped, "training images");
    const ModelInfo& info = detector.info();
    std::fprintf(stderr, "Trained on %d images in %.1f s (%.3f s/image) on %s: input %d×%d (%s), grid %d×%d, δ = %d\n",
                 info.trainCount, report.seconds, report.seconds / info.trainCount, detector.deviceName().c_str(),
                 info.input.width, info.input.height, resizeModeName(info.resize), info.grid.width,
                 info.grid.height, info.window);
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

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Output names per image: <stem>_overlay.png and <stem>_map.tiff, made unique when stems repeat.
class OutputNames {
public:
    std::string stemFor(const std::filesystem::path& source) {
        std::string stem = source.stem().string();
        const int n = ++m_seen[stem];
        return n == 1 ? stem : stem + "_" + std::to_string(n);
    }

private:
    std::map<std::string, int> m_seen;
};

}  // namespace

int runTrain(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args, {"data", "out", "window", "resize", "device", "weights"}, {"force"});
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
    const Arguments a(args, {"out", "window", "device", "range"}, {"force"});
    if (a.positional().size() < 2) throw UsageError("score needs a MODEL and at least one IMAGE or folder");
    const std::filesystem::path outDir = a.required("out");
    Detector detector = Detector::load(a.positional()[0], a.value("device", "auto"));
    if (a.value("window")) detector.setWindow(a.intValue("window", 7, 1, Detector::kMaxWindow));

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
    OutputNames names;
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> outputs;
    for (const auto& file : files) {
        const std::string stem = names.stemFor(file);
        outputs.emplace_back(outDir / (stem + "_overlay.png"), outDir / (stem + "_map.tiff"));
        refuseExisting(outputs.back().first, a.has("force"));
        refuseExisting(outputs.back().second, a.has("force"));
    }
    std::filesystem::create_directories(outDir);

    // With a given colour range every image is written as soon as it is scored; otherwise the range is that
    // of all maps, so the maps (network input size, not the images) are kept until the end.
    std::vector<SkippedFile> skipped;
    std::vector<std::size_t> kept;
    std::vector<ImageScore> pending;
    std::printf("file,score\n");
    const auto writeOutputs = [&](std::size_t i, const RgbImage& image, const ImageScore& s, float low, float high) {
        if (s.aspectChanged)
            std::fprintf(stderr, "warning: %s has another aspect ratio than the training images; it was resized "
                                 "to the model's %d×%d input\n", files[i].string().c_str(),
                         detector.info().input.width, detector.info().input.height);
        const MapView map = viewOf(s.anomalyMap);
        writeHeatmapOverlay(outputs[i].first, image, map, low, high);
        writeFloatTiff(outputs[i].second, map, image.height, image.width);
    };
    ProgressBar bar;
    const Progress progress = withInterrupt(bar.progress());
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.check();
        progress(i, files.size(), "scoring");
        try {
            const RgbImage image = decodeImage(files[i]);
            ImageScore s = detector.score(image);
            std::printf("%s,%.6f\n", csvField(files[i].string()).c_str(), s.score);
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
    std::fprintf(stderr, "Scored %zu images with δ = %d; heatmaps (colour range %.3f … %.3f) and float maps in %s\n",
                 scored, detector.window(), range->first, range->second, outDir.string().c_str());
    return skipped.empty() ? 0 : 3;
}

int runEval(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args, {"data", "model", "window", "resize", "device", "weights", "fpr-limit", "out", "category",
                             "max-train"}, {"force"});
    if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
    const TrainOptions options = trainOptions(a);
    const std::filesystem::path data = a.required("data");
    const double fprLimit = a.doubleValue("fpr-limit", 0.3, 1e-6, 1.0);
    DatasetOptions datasetOptions;
    datasetOptions.category = a.value("category", "");
    datasetOptions.maxTrainImages = static_cast<std::size_t>(a.intValue("max-train", 0, 0, 1000000));
    const Dataset dataset = readDataset(data, datasetOptions);
    const auto trainStart = Clock::now();
    Detector detector = a.value("model") ? Detector::load(*a.value("model"), a.value("device", "auto"))
                                         : trainOn(a, options, dataset.train);
    const double trainSeconds = secondsSince(trainStart);
    if (a.value("model") && a.value("window")) detector.setWindow(a.intValue("window", 7, 1, Detector::kMaxWindow));

    const std::optional<std::string> outDir = a.value("out");
    ProgressBar bar;
    const EvaluationResult r = evaluate(detector, dataset, fprLimit, withInterrupt(bar.progress()), outDir.has_value());
    bar.finish();
    printSkipped(r.skipped, "test images");
    for (const auto& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    const std::size_t n = r.images.size();
    std::printf("%-16s %3s %6s %6s %8s %8s %9s %10s\n", "category", "δ", "images", "I-AUROC", "AUPRO",
                "P-AUROC", "train s", "test s/img");
    const auto pixelFigure = [&r](double v) { return r.hasPixelMetrics ? figure(v) : std::string("     n/a"); };
    std::printf("%-16s %3d %6zu %8.4f %s %s %9.1f %10.3f\n", dataset.name.c_str(), detector.window(), n,
                r.imageAuroc, pixelFigure(r.aupro).c_str(), pixelFigure(r.pixelAuroc).c_str(), trainSeconds,
                r.testSeconds / static_cast<double>(n));
    std::printf("AUPRO integrates up to FPR %.2f. F1-optimal threshold %.4f: precision %.3f, recall %.3f, F1 %.3f\n",
                r.fprLimit, r.f1Optimal.threshold, r.f1Optimal.precision, r.f1Optimal.recall, r.f1Optimal.f1);
    if (outDir) {
        // One colour scale for every overlay of the run, so that images can be compared by eye.
        const auto [low, high] = std::minmax_element(r.pixels.maps.begin(), r.pixels.maps.end());
        const std::size_t mapSize = static_cast<std::size_t>(r.pixels.height) * r.pixels.width;
        std::vector<std::filesystem::path> overlays;
        for (const auto& image : r.images) {
            overlays.push_back(std::filesystem::path(*outDir) / image.sample.defectType /
                               (image.sample.image.stem().string() + "_overlay.png"));
            refuseExisting(overlays.back(), a.has("force"));
        }
        for (std::size_t i = 0; i < r.images.size(); ++i) {
            std::filesystem::create_directories(overlays[i].parent_path());
            const MapView map{r.pixels.height, r.pixels.width, r.pixels.maps.data() + i * mapSize};
            writeHeatmapOverlay(overlays[i], decodeImage(r.images[i].sample.image), map, *low, *high);
        }
        std::printf("Heatmap overlays (colour range %.3f … %.3f): %s\n", *low, *high, outDir->c_str());
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
    std::fprintf(stderr, "Demo data set (seed %llu) written to %s: %d train, %d test good, %d per defect type\n",
                 static_cast<unsigned long long>(o.seed), a.positional()[0].c_str(), o.trainGood, o.testGood,
                 o.testPerDefect);
    return 0;
}

int runBench(const std::vector<std::string>& args) {
    installInterruptHandler();
    const Arguments a(args, {"data", "window", "resize", "device", "weights"}, {});
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
    for (std::size_t i = 0; i < dataset.test.size(); ++i) {
        progress.check();
        progress(i, dataset.test.size(), "scoring test images");
        const auto start = Clock::now();
        try {
            images.push_back(decodeImage(dataset.test[i].image));
        } catch (const FileError&) {
            continue;
        }
        decodeSeconds += secondsSince(start);
        if (images.size() == 8 || i + 1 == dataset.test.size()) {
            detector.score(images, {}, &t);
            images.clear();
        }
    }
    bar.finish();
    const double n = static_cast<double>(t.images);
    const double flops = 2.0 * info.grid.height * info.grid.width * detector.window() * detector.window() *
                         static_cast<double>(info.trainCount) * info.channels;
    const double testSeconds = decodeSeconds + t.preprocess + t.backbone + t.search + t.maps;
    std::printf("machine: %u hardware threads; device %s\n", std::thread::hardware_concurrency(),
                detector.deviceName().c_str());
    std::printf("data: %s, %d train images, %.0f test images, input %d×%d, grid %d×%d, δ = %d\n",
                dataset.name.c_str(), info.trainCount, n, info.input.width, info.input.height, info.grid.width,
                info.grid.height, detector.window());
    std::printf("test s/image: %.4f (decode %.4f, preprocess %.4f, backbone %.4f, search %.4f, maps %.4f)\n",
                testSeconds / n, decodeSeconds / n, t.preprocess / n, t.backbone / n, t.search / n, t.maps / n);
    std::printf("search: %.2f GFLOP per image (2·H·W·δ²·N·C), %.1f GFLOP/s achieved\n", flops / 1e9,
                flops * n / t.search / 1e9);
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

}  // namespace lwinnn::cli
