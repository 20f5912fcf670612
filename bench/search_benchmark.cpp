#include "search_benchmark.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "demo_data.h"
#include "error.h"
#include "image_io.h"
#include "impl/torch_pipeline.h"
#include "progress.h"
#include "weights.h"
#include "window_search.h"

namespace lwinnn::bench {
namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string cpuName() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

// Waits for the device's queued work on `t`, so that a clock read afterwards measures it (GPU work is
// asynchronous; reading one value back synchronises).
at::Tensor finished(at::Tensor t) {
    if (t.is_cuda()) (void)t.flatten()[0].item<float>();
    return t;
}

// The best of `repeats` runs of a large float32 matrix product through the same LibTorch and BLAS.
double matrixProductGflops(at::Device device) {
    const at::Tensor a = at::randn({4096, 448}, at::TensorOptions().device(device));
    const at::Tensor b = at::randn({448, 4096}, at::TensorOptions().device(device));
    at::Tensor c = at::mm(a, b);
    double best = 1e30;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        finished(at::mm_out(c, a, b));
        best = std::min(best, secondsSince(start));
    }
    return 2.0 * 4096 * 448 * 4096 / best / 1e9;
}

// The reference formulation (DESIGN §5, "what not to do"): per window offset, a shifted bank-sized copy, the
// expanded distance ‖x‖² − 2x·yᵀ + ‖y‖² for the whole batch, its square root and a running minimum.
at::Tensor referencePatchScores(const at::Tensor& bankImageMajor /*[N, C, H, W]*/,
                                const at::Tensor& test /*[B, C, H, W]*/, int window) {
    c10::InferenceMode guard;
    const int lo = windowLow(window), hi = windowHigh(window);
    const auto n = bankImageMajor.size(0), c = bankImageMajor.size(1), h = bankImageMajor.size(2),
               w = bankImageMajor.size(3), b = test.size(0);
    const at::Tensor padded = at::constant_pad_nd(bankImageMajor, {lo, hi, lo, hi}, 0.0);
    const at::Tensor valid =
        at::constant_pad_nd(at::ones({1, 1, h, w}, test.options()), {lo, hi, lo, hi}, 0.0);
    const at::Tensor x = test.permute({2, 3, 0, 1}).reshape({h * w, b, c});  // [P, B, C]
    const at::Tensor xNorms = x.pow(2).sum(-1, true);                        // [P, B, 1]
    at::Tensor best = at::full({h * w, b}, std::numeric_limits<float>::infinity(), test.options());
    for (int dy = -lo; dy <= hi; ++dy) {
        for (int dx = -lo; dx <= hi; ++dx) {
            const at::Tensor y = padded.narrow(2, lo + dy, h)
                                     .narrow(3, lo + dx, w)
                                     .permute({2, 3, 1, 0})
                                     .reshape({h * w, c, n});  // [P, C, N], a bank-sized copy
            const at::Tensor yNorms = y.pow(2).sum(1, true);   // [P, 1, N]
            const at::Tensor d = (xNorms - 2 * at::bmm(x, y) + yNorms).clamp_min(0).sqrt();  // [P, B, N]
            at::Tensor m = std::get<0>(d.min(-1));                                           // [P, B]
            const at::Tensor inside = valid.narrow(2, lo + dy, h).narrow(3, lo + dx, w).reshape({h * w, 1});
            m = at::where(inside > 0, m, at::full_like(m, std::numeric_limits<float>::infinity()));
            best = at::minimum(best, m);
        }
    }
    return best.t().reshape({b, h, w});
}

struct Embedded {
    at::Tensor embeddings;  // [B, C, H, W]
    double decodeSeconds = 0;
    double backboneSeconds = 0;  // preprocess + trunk + embedding
};

Embedded embedFiles(const impl::Trunk& trunk, const std::vector<std::filesystem::path>& files, Size2D input) {
    Embedded out;
    std::vector<at::Tensor> parts;
    for (std::size_t i = 0; i < files.size(); i += 8) {
        std::vector<at::Tensor> batch;
        for (std::size_t j = i; j < std::min(files.size(), i + 8); ++j) {
            auto start = Clock::now();
            const RgbImage image = decodeImage(files[j]);
            out.decodeSeconds += secondsSince(start);
            start = Clock::now();
            batch.push_back(impl::preprocessTensor(image, input));
            out.backboneSeconds += secondsSince(start);
        }
        const auto start = Clock::now();
        parts.push_back(finished(trunk.embed(at::stack(batch).to(trunk.device))));
        out.backboneSeconds += secondsSince(start);
    }
    out.embeddings = at::cat(parts);
    return out;
}

double maxRelativeDifference(const at::Tensor& a, const at::Tensor& b) {
    const at::Tensor x = a.to(at::kCPU, at::kDouble), y = b.to(at::kCPU, at::kDouble);
    return (x - y).abs().max().item<double>() / y.abs().max().item<double>();
}

double imageAuroc(const std::vector<double>& scores, const std::vector<bool>& defect) {
    double wins = 0, pairs = 0;
    for (std::size_t i = 0; i < scores.size(); ++i)
        for (std::size_t j = 0; j < scores.size(); ++j)
            if (defect[i] && !defect[j]) {
                pairs += 1;
                wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
            }
    return pairs > 0 ? wins / pairs : 0;
}

}  // namespace

int runSearchBenchmark(const SearchBenchmarkOptions& options) {
    c10::InferenceMode guard;
    impl::configureThreads();
    const at::Device device = impl::resolveDevice(options.device);
    const int window = options.window;
    BackboneWeights weights = loadBackboneWeights(options.weights);
    const impl::Trunk trunk = impl::makeTrunk(weights.tensors, weights.source, device);
    const Size2D input{256, 256};
    const Size2D grid = gridSizeFor(input);

    // The workload: rendered demo parts written as PNG files, so that decoding is measured as in real use.
    const auto folder = std::filesystem::temp_directory_path() /
                        ("lwinnn-search-bench-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(folder);
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() {
            std::error_code ignored;
            std::filesystem::remove_all(dir, ignored);
        }
    } cleanup{folder};
    const auto writeSample = [&](const std::string& name, std::uint64_t seed, DemoDefect defect) {
        const DemoSample s = renderDemoSample(seed, input.width, defect);
        cv::Mat rgb(s.size, s.size, CV_8UC3, const_cast<std::uint8_t*>(s.rgb.data()));
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        const auto file = folder / name;
        if (!cv::imwrite(file.string(), bgr))
            throw FileError(file.string() + ": could not write the benchmark image");
        return file;
    };
    std::vector<std::filesystem::path> trainFiles, testFiles;
    std::vector<bool> testDefect;
    for (int i = 0; i < options.trainImages; ++i)
        trainFiles.push_back(writeSample("train-" + std::to_string(i) + ".png", 1000 + i, DemoDefect::none));
    const DemoDefect defects[] = {DemoDefect::none, DemoDefect::scratch, DemoDefect::hole, DemoDefect::stain};
    for (int i = 0; i < options.testImages; ++i) {
        const DemoDefect d = defects[i % 4];
        testFiles.push_back(writeSample("test-" + std::to_string(i) + ".png", 5000 + i, d));
        testDefect.push_back(d != DemoDefect::none);
    }

    std::printf(
        "machine: %s, %d threads (LibTorch intra-op; the search runs on %d), device %s, search kernel %s\n",
        cpuName().c_str(), at::get_num_threads(), searchThreadCount(), device.str().c_str(),
        windowSearchKernel().c_str());
    const Embedded train = embedFiles(trunk, trainFiles, input);
    const at::Tensor bank = impl::toLocationMajor(train.embeddings).contiguous();  // [L, N, C]
    const at::Tensor bankNorms = impl::squaredNorms(bank);
    const auto n = bank.size(1), c = bank.size(2);
    std::printf(
        "workload: N = %lld training images of %d×%d (grid %d×%d, C = %lld), δ = %d, %d test images; "
        "bank %.0f MB; backbone weights %s\n",
        static_cast<long long>(n), input.width, input.height, grid.width, grid.height,
        static_cast<long long>(c), window, options.testImages, static_cast<double>(bank.numel()) * 4 / 1e6,
        weights.random ? "random" : "pretrained");

    const Embedded test = embedFiles(trunk, testFiles, input);
    const double flopsPerImage =
        2.0 * grid.height * grid.width * window * window * static_cast<double>(n) * static_cast<double>(c);
    const double mmRate = matrixProductGflops(device);
    std::printf("\nmatrix product (at::mm 4096×448 · 448×4096, best of 5): %.1f GFLOP/s\n", mmRate);
    std::printf("search work: %.2f GFLOP per test image (2·H·W·δ²·N·C)\n\n", flopsPerImage / 1e9);

    const auto search = [&](const at::Tensor& b, const at::Tensor& norms, const at::Tensor& embeddings) {
        return finished(
            impl::patchScoresFromMinima(impl::perOffsetMinima(b, norms, embeddings, window), window, window));
    };
    // Warm-up (first-touch of buffers, thread pool start).
    search(bank, bankNorms, test.embeddings.narrow(0, 0, 1));

    // Single images, one at a time: the latency the Studio feels.
    double singleSeconds = 0;
    const int singles = std::min<int>(options.singleImages, options.testImages);
    for (int i = 0; i < singles; ++i) {
        const auto start = Clock::now();
        search(bank, bankNorms, test.embeddings.narrow(0, i, 1));
        singleSeconds += secondsSince(start);
    }
    // Batches of 8 (what lwinnn eval and score use).
    std::vector<at::Tensor> parts;
    const auto batchStart = Clock::now();
    for (int i = 0; i < options.testImages; i += 8)
        parts.push_back(
            search(bank, bankNorms, test.embeddings.narrow(0, i, std::min(8, options.testImages - i))));
    const double batchSeconds = secondsSince(batchStart);
    const at::Tensor ours = at::cat(parts);

    const auto mapStart = Clock::now();
    finished(impl::anomalyMaps(ours, input));
    const double mapSeconds = secondsSince(mapStart) / options.testImages;
    const double decode = test.decodeSeconds / options.testImages;
    const double backbone = test.backboneSeconds / options.testImages;

    const double ourPeakMb = peakMemoryMb();
    const double single = singleSeconds / std::max(1, singles);
    const double batched = batchSeconds / options.testImages;
    std::printf("%-34s %12s %12s %10s %14s\n", "search path", "ms/image", "GFLOP/s", "of at::mm",
                "scores vs f32");
    std::printf("%-34s %12.1f %12.1f %9.0f%% %14s\n", "exact, single image", single * 1e3,
                flopsPerImage / single / 1e9, 100 * flopsPerImage / single / 1e9 / mmRate, "—");
    std::printf("%-34s %12.1f %12.1f %9.0f%% %14s\n", "exact, batches of 8", batched * 1e3,
                flopsPerImage / batched / 1e9, 100 * flopsPerImage / batched / 1e9 / mmRate, "—");

    // Half-precision bank: half the memory; the products are still taken in float32.
    int status = 0;
    {
        const at::Tensor half = bank.to(at::kHalf);
        const at::Tensor halfNorms = impl::squaredNorms(half.to(at::kFloat));
        // One image at a time reads the whole bank for 49 test vectors per location: half the bytes helps
        // most.
        double halfSingle = 0;
        for (int i = 0; i < singles; ++i) {
            const auto begin = Clock::now();
            search(half, halfNorms, test.embeddings.narrow(0, i, 1));
            halfSingle += secondsSince(begin);
        }
        halfSingle /= std::max(1, singles);
        std::printf("%-34s %12.1f %12.1f %9.0f%% %14s\n", "fp16 bank, single image", halfSingle * 1e3,
                    flopsPerImage / halfSingle / 1e9, 100 * flopsPerImage / halfSingle / 1e9 / mmRate, "—");
        const auto start = Clock::now();
        std::vector<at::Tensor> halfParts;
        for (int i = 0; i < options.testImages; i += 8)
            halfParts.push_back(
                search(half, halfNorms, test.embeddings.narrow(0, i, std::min(8, options.testImages - i))));
        const double seconds = secondsSince(start) / options.testImages;
        const at::Tensor scores = at::cat(halfParts);
        const double diff = maxRelativeDifference(scores, ours);
        char text[32];
        std::snprintf(text, sizeof text, "%.1e", diff);
        std::printf("%-34s %12.1f %12.1f %9.0f%% %14s\n", "fp16 bank, batches of 8", seconds * 1e3,
                    flopsPerImage / seconds / 1e9, 100 * flopsPerImage / seconds / 1e9 / mmRate, text);
    }

    // On a GPU: the bank in host memory, streamed through the device block by block (a bank larger than the
    // device's memory).
    if (device.is_cuda()) {
        const at::Tensor hostBank = bank.cpu(), hostNorms = bankNorms.cpu();
        const auto start = Clock::now();
        std::vector<at::Tensor> streamed;
        for (int i = 0; i < options.testImages; i += 8)
            streamed.push_back(search(hostBank, hostNorms,
                                      test.embeddings.narrow(0, i, std::min(8, options.testImages - i))));
        const double seconds = secondsSince(start) / options.testImages;
        const double diff = maxRelativeDifference(at::cat(streamed), ours);
        char text[32];
        std::snprintf(text, sizeof text, "%.1e", diff);
        std::printf("%-34s %12.1f %12.1f %9.0f%% %14s\n", "bank streamed from host, batches 8", seconds * 1e3,
                    flopsPerImage / seconds / 1e9, 100 * flopsPerImage / seconds / 1e9 / mmRate, text);
    }

    std::printf(
        "\nwhole scoring per test image: decode %.1f ms, preprocess + backbone %.1f ms, maps %.1f ms\n",
        decode * 1e3, backbone * 1e3, mapSeconds * 1e3);
    const double oursWhole = decode + backbone + batched + mapSeconds;
    const double oursSingleWhole = decode + backbone + single + mapSeconds;
    std::printf("  exact search, batches of 8: %.1f ms per image; single image: %.1f ms\n", oursWhole * 1e3,
                oursSingleWhole * 1e3);

    if (options.reference) {
        const at::Tensor imageMajor =
            train.embeddings.contiguous();  // [N, C, H, W], as the reference keeps its bank
        const int batch = options.testImages;
        const auto start = Clock::now();
        const at::Tensor reference = finished(referencePatchScores(imageMajor, test.embeddings, window));
        const double referenceSeconds = secondsSince(start) / batch;
        const double referenceWhole = decode + backbone + referenceSeconds + mapSeconds;
        const double diff = maxRelativeDifference(ours, reference);
        std::printf(
            "  reference formulation (per offset a shifted bank copy, ‖x‖²−2x·yᵀ+‖y‖², sqrt, running "
            "minimum; batch of %d): search %.1f ms per image (%.1f GFLOP/s), whole %.1f ms per image\n",
            batch, referenceSeconds * 1e3, flopsPerImage / referenceSeconds / 1e9, referenceWhole * 1e3);
        std::printf("  speed-up, whole scoring: %.1f× (search alone: %.1f×)\n", referenceWhole / oursWhole,
                    referenceSeconds / batched);
        // Both expand ‖x − y‖² in float32, so they differ by rounding; the parity tolerance bounds that.
        constexpr double kParityTolerance = 1e-3;
        std::printf(
            "  patch scores, exact search vs reference: max difference %.1e of the largest score%s\n", diff,
            diff < kParityTolerance ? " (same scores within the 1e-3 parity tolerance)" : " — DIFFERENT");
        if (diff >= kParityTolerance) status = 1;
    }

    std::vector<double> imageScores;
    const at::Tensor maxima = std::get<0>(ours.flatten(1).max(1)).to(at::kDouble).cpu();
    for (int i = 0; i < options.testImages; ++i) imageScores.push_back(maxima[i].item<double>());
    std::printf("\nimage AUROC on the rendered test images: %.4f\n", imageAuroc(imageScores, testDefect));
    std::printf("peak memory: %.0f MB before the reference formulation ran (bank %.0f MB), %.0f MB in all\n",
                ourPeakMb, static_cast<double>(bank.numel()) * 4 / 1e6, peakMemoryMb());
    return status;
}

}  // namespace lwinnn::bench
