#include "impl/torch_pipeline.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <thread>

#include "cpu_budget.h"
#include "error.h"
#include "weights.h"
#include "window_search.h"

namespace lwinnn::impl {

using at::indexing::Slice;

at::Device resolveDevice(const std::string& spec) {
    const bool cudaPresent = at::hasCUDA();
    if (spec.empty() || spec == "auto") return cudaPresent ? at::Device(at::kCUDA, 0) : at::Device(at::kCPU);
    if (spec == "cpu") return at::kCPU;
    if (spec.rfind("cuda", 0) == 0) {
        if (!cudaPresent)
            throw UsageError("device '" + spec +
                             "' was asked for, but this build of LibTorch has no CUDA support or no CUDA "
                             "device is visible; use --device cpu");
        int index = 0;
        if (spec.size() > 4) {
            if (spec[4] != ':' || spec.size() == 5)
                throw UsageError("bad device '" + spec + "' (use cuda or cuda:N)");
            try {
                std::size_t used = 0;
                index = std::stoi(spec.substr(5), &used);
                if (used != spec.size() - 5 || index < 0) throw std::invalid_argument("index");
            } catch (const std::exception&) {
                throw UsageError("bad device '" + spec + "' (use cuda or cuda:N)");
            }
        }
        // at::cuda is not reachable from a CPU-only header set; ask the generic device count instead.
        const auto count = static_cast<int>(at::getNumGPUs());
        if (index >= count)
            throw UsageError("device '" + spec + "' does not exist (" + std::to_string(count) +
                             " CUDA device(s))");
        return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw UsageError("unknown device '" + spec + "' (use auto, cpu, cuda or cuda:N)");
}

namespace {
std::atomic<ThreadPolicy> g_threadPolicy{ThreadPolicy::AvailableCores};
}  // namespace

int threadsFromSettings() {
    const auto asked = ompNumThreads(std::getenv("OMP_NUM_THREADS"));
    return asked ? *asked : availableCores();
}

void configureThreads() {
    static std::once_flag once;
    // LibTorch's own default counts physical cores as its CPU library sees them (1 on some 2-CPU virtual
    // machines) and knows no cgroup quota, so this project's programs set the count themselves.
    std::call_once(once, [] {
        if (g_threadPolicy.load() == ThreadPolicy::AvailableCores) at::set_num_threads(threadsFromSettings());
    });
}

void setThreadPolicy(ThreadPolicy policy) { g_threadPolicy.store(policy); }

void intraOpParallelFor(std::int64_t count, const std::function<void(std::int64_t, std::int64_t)>& body) {
    at::parallel_for(0, count, 1, body);
}

at::Tensor toTensor(const HostTensor& t) {
    const std::vector<float> values = t.toFloats();
    return at::tensor(at::ArrayRef<float>(values)).reshape(at::IntArrayRef(t.shape)).clone();
}

at::Tensor toTensor(const FloatArray& a) {
    return at::from_blob(const_cast<float*>(a.values.data()), at::IntArrayRef(a.shape), at::kFloat);
}

FloatArray toFloatArray(const at::Tensor& t) {
    const at::Tensor c = t.to(at::kCPU, at::kFloat).contiguous();
    FloatArray out;
    out.shape.assign(c.sizes().begin(), c.sizes().end());
    out.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return out;
}

namespace {
// Above this, an image is converted to float and resized in bands (preprocessTensor); a band holds this much.
constexpr int64_t kWholeImageFloatBytes = int64_t{64} << 20;
constexpr int64_t kBandFloatBytes = int64_t{16} << 20;
}  // namespace

at::Tensor preprocessTensor(const RgbImage& image, Size2D size) {
    c10::InferenceMode guard;
    const at::Tensor rgb = at::from_blob(const_cast<std::uint8_t*>(image.pixels.data()),
                                         {image.height, image.width, 3}, at::kByte);
    // A multiply by float32(1/255), not a divide (DESIGN §2.1 step 2).
    const auto toUnit = [](const at::Tensor& pixels) {
        return pixels.permute({2, 0, 1}).to(at::kFloat).mul_(at::Scalar(1.0f / 255.0f)).unsqueeze(0);
    };
    const auto resize = [](const at::Tensor& x, int64_t height, int64_t width) {
        return at::_upsample_bilinear2d_aa(x, {height, width}, false, c10::nullopt, c10::nullopt);
    };
    const int64_t floatBytes = int64_t{image.height} * image.width * 3 * 4;
    at::Tensor resized;
    if (floatBytes <= kWholeImageFloatBytes) {
        resized = resize(toUnit(rgb), size.height, size.width);
    } else {
        // A large image (a line-scan frame) is never held in float whole: bands of rows are converted and
        // resized along the width, then the stacked bands [H, input width] along the height. A resize to the
        // same height is the identity (weights 1 and 0), so each band's values are those of a width-only
        // pass.
        const int64_t bandRows = std::max<int64_t>(1, kBandFloatBytes / (int64_t{image.width} * 3 * 4));
        std::vector<at::Tensor> bands;
        for (int64_t row = 0; row < image.height; row += bandRows) {
            const int64_t rows = std::min<int64_t>(bandRows, image.height - row);
            bands.push_back(resize(toUnit(rgb.narrow(0, row, rows)), rows, size.width));
        }
        at::Tensor narrow = at::cat(bands, 2);
        bands.clear();
        resized = resize(narrow, size.height, size.width);
    }
    static const at::Tensor mean = at::tensor({0.485f, 0.456f, 0.406f}).view({1, 3, 1, 1});
    static const at::Tensor std = at::tensor({0.229f, 0.224f, 0.225f}).view({1, 3, 1, 1});
    return resized.sub_(mean).div_(std).squeeze(0).contiguous();
}

namespace {

at::Tensor conv(const at::Tensor& x, const at::Tensor& weight, int64_t stride, int64_t padding) {
    return at::conv2d(x, weight, c10::nullopt, at::IntArrayRef{stride, stride},
                      at::IntArrayRef{padding, padding});
}

at::Tensor batchNorm(const at::Tensor& x, const std::map<std::string, at::Tensor>& w, const std::string& p) {
    return at::batch_norm(x, w.at(p + ".weight"), w.at(p + ".bias"), w.at(p + ".running_mean"),
                          w.at(p + ".running_var"), /*training=*/false, 0.1, 1e-5, /*cudnn_enabled=*/true);
}

at::Tensor basicBlock(const at::Tensor& x, const std::map<std::string, at::Tensor>& w, const std::string& p,
                      int stride, bool downsample) {
    at::Tensor out = conv(x, w.at(p + ".conv1.weight"), stride, 1);
    out = batchNorm(out, w, p + ".bn1").relu_();
    out = conv(out, w.at(p + ".conv2.weight"), 1, 1);
    out = batchNorm(out, w, p + ".bn2");
    at::Tensor identity = x;
    if (downsample) {
        identity = conv(x, w.at(p + ".downsample.0.weight"), stride, 0);
        identity = batchNorm(identity, w, p + ".downsample.1");
    }
    return out.add_(identity).relu_();
}

}  // namespace

Trunk makeTrunk(const TensorMap& weights, const std::string& source, at::Device device) {
    Trunk trunk;
    trunk.device = device;
    for (const auto& expected : resnet18TrunkTensors()) {
        const auto it = weights.find(expected.key);
        if (it == weights.end())
            throw FormatError(source,
                              "not a ResNet18 checkpoint: the tensor '" + expected.key + "' is missing");
        if (it->second.shape != expected.shape)
            throw FormatError(source, "the tensor '" + expected.key + "' has shape " +
                                          shapeText(it->second.shape) + ", a ResNet18 needs " +
                                          shapeText(expected.shape));
        trunk.weights[expected.key] = toTensor(it->second).to(device);
    }
    return trunk;
}

std::array<at::Tensor, 3> Trunk::forward(const at::Tensor& input) const {
    c10::InferenceMode guard;
    const auto& w = weights;
    at::Tensor x = conv(input.to(device), w.at("conv1.weight"), 2, 3);
    x = batchNorm(x, w, "bn1").relu_();
    x = at::max_pool2d(x, {3, 3}, {2, 2}, {1, 1});
    std::array<at::Tensor, 3> features;
    for (int layer = 0; layer < 3; ++layer) {
        const std::string p = "layer" + std::to_string(layer + 1);
        const int stride = layer == 0 ? 1 : 2;
        x = basicBlock(x, w, p + ".0", stride, layer > 0);
        x = basicBlock(x, w, p + ".1", 1, false);
        features[static_cast<std::size_t>(layer)] = x;
    }
    return features;
}

at::Tensor Trunk::embed(const at::Tensor& input) const {
    c10::InferenceMode guard;
    const auto features = forward(input);
    std::vector<at::Tensor> pooled;
    for (const auto& f : features) pooled.push_back(at::avg_pool2d(f, {3, 3}, {1, 1}, {0, 0}));
    const auto h = pooled[0].size(2);
    const auto w = pooled[0].size(3);
    for (std::size_t i = 1; i < pooled.size(); ++i)
        pooled[i] = at::upsample_bilinear2d(pooled[i], {h, w}, /*align_corners=*/false);
    return at::cat(pooled, 1);
}

at::Tensor toLocationMajor(const at::Tensor& embeddings) {
    const auto b = embeddings.size(0);
    const auto c = embeddings.size(1);
    return embeddings.permute({2, 3, 0, 1}).reshape({-1, b, c}).contiguous();
}

at::Tensor squaredNorms(const at::Tensor& bank) {
    c10::InferenceMode guard;
    constexpr int64_t kSlice = 64;
    at::Tensor norms = at::empty({bank.size(0), bank.size(1)}, bank.options().dtype(at::kFloat));
    for (int64_t first = 0; first < bank.size(0); first += kSlice) {
        const int64_t count = std::min(kSlice, bank.size(0) - first);
        norms.narrow(0, first, count).copy_(bank.narrow(0, first, count).to(at::kFloat).pow(2).sum(-1));
    }
    return norms;
}

namespace {

// The search as batched tensor products, for GPUs (and the "tensor" kernel on the CPU). Calls of a fixed
// shape, [T, kTile, C] × [T, C, N], multiply tiles of kTile test rows by their bank location's block and keep
// the minimum over N. A BLAS (OpenBLAS with some core types, cuBLAS) may sum a row's products in an order
// that depends on the row's place in the tile, so that place is fixed by construction: the rows of one image
// that see one bank location fill that location's tiles in nested offset order (nestedWindowOffsets), one
// slot per offset, with a zero row where the offset leaves the grid. A row's tile, place and shape, and so
// its bits, are then the same whatever the window and the batch (the sweep equals separate runs). Only the
// blocks a call needs go to the device: a bank kept in host memory streams through it.
at::Tensor tensorMinima(const at::Tensor& bank, const at::Tensor& bankNorms,
                        const at::Tensor& x /*[B,H,W,C]*/, const at::Tensor& xNorms /*[B,H,W]*/, int window) {
    constexpr int64_t kTile = 32;
    const auto device = x.device();
    const int64_t batch = x.size(0), height = x.size(1), width = x.size(2), channels = x.size(3);
    // Tiles per call, T: on a GPU many, to keep the number of calls (and launches) low, on the CPU few; and
    // never more than a budget of gathered bank blocks (512 tiles of a bank of N = 200 are 180 MB). T depends
    // only on the device and the bank, so results stay independent of window and batch.
    const int64_t blockBytes = bank.size(1) * channels * 4;
    const int64_t tilesPerCall = device.is_cpu()
                                     ? std::clamp<int64_t>((int64_t{64} << 20) / blockBytes, 1, 64)
                                     : std::clamp<int64_t>((int64_t{512} << 20) / blockBytes, 1, 512);
    const int64_t offsets = int64_t{window} * window;
    const int64_t vectors = batch * height * width;
    const int64_t dump = vectors * offsets;  // where padding rows write
    const int lo = windowLow(window);
    const std::vector<WindowOffset> order = nestedWindowOffsets(window);
    const int64_t slots = (offsets + kTile - 1) / kTile * kTile;
    std::vector<int64_t> rowTest, rowOutput, tileLocation;
    for (int64_t location = 0; location < height * width; ++location) {
        const int64_t a = location / width, b = location % width;
        for (int64_t image = 0; image < batch; ++image) {
            for (int64_t slot = 0; slot < slots; ++slot) {
                const int64_t h = slot < offsets ? a - order[slot].dy : -1;
                const int64_t w = slot < offsets ? b - order[slot].dx : -1;
                if (h < 0 || h >= height || w < 0 || w >= width) {
                    rowTest.push_back(vectors);  // a zero row
                    rowOutput.push_back(dump);
                    continue;
                }
                const int64_t t = (image * height + h) * width + w;
                rowTest.push_back(t);
                rowOutput.push_back(t * offsets + (order[slot].dy + lo) * window + (order[slot].dx + lo));
            }
            tileLocation.insert(tileLocation.end(), slots / kTile, location);
        }
    }
    while (tileLocation.size() % tilesPerCall != 0) {
        tileLocation.push_back(0);
        rowTest.insert(rowTest.end(), kTile, vectors);
        rowOutput.insert(rowOutput.end(), kTile, dump);
    }
    const auto longs = [](std::vector<int64_t>& v) {
        return at::tensor(at::ArrayRef<int64_t>(v), at::kLong);
    };
    const at::Tensor tests = longs(rowTest).to(device);
    const at::Tensor outputs = longs(rowOutput).to(device);
    const at::Tensor locations = longs(tileLocation).to(bank.device());
    const at::Tensor xRows = at::cat({x.reshape({vectors, channels}), at::zeros({1, channels}, x.options())});
    const at::Tensor xRowNorms = at::cat({xNorms.reshape({vectors}), at::zeros({1}, x.options())});
    at::Tensor minima = at::full({dump + 1}, std::numeric_limits<float>::infinity(), x.options());
    for (int64_t first = 0; first < locations.size(0); first += tilesPerCall) {
        const at::Tensor where = locations.narrow(0, first, tilesPerCall);
        const at::Tensor y = bank.index_select(0, where).to(device, at::kFloat, /*non_blocking=*/true);
        const at::Tensor yNorms = bankNorms.index_select(0, where).to(device, at::kFloat, true).unsqueeze(1);
        const at::Tensor rows = tests.narrow(0, first * kTile, tilesPerCall * kTile);
        const at::Tensor xs = xRows.index_select(0, rows).view({tilesPerCall, kTile, channels});
        // ‖y‖² − 2x·y per tile row and bank vector, minimised over the bank vectors; ‖x‖² is added after.
        const at::Tensor d = at::baddbmm(yNorms, xs, y.transpose(1, 2), 1.0, -2.0);
        const at::Tensor best =
            (std::get<0>(d.min(-1)).view({-1}) + xRowNorms.index_select(0, rows)).clamp_min(0.0);
        minima.index_put_({outputs.narrow(0, first * kTile, tilesPerCall * kTile)}, best);
    }
    return minima.narrow(0, 0, dump).view({batch, height, width, offsets});
}

}  // namespace

at::Tensor perOffsetMinima(const at::Tensor& bank, const at::Tensor& bankNorms, const at::Tensor& test,
                           int window, const std::string& kernel) {
    c10::InferenceMode guard;
    const auto batch = test.size(0);
    const auto channels = test.size(1);
    const auto height = test.size(2);
    const auto width = test.size(3);
    const auto device = bank.device();

    // The CPU kernels when bank and test are in host memory; batched tensor products otherwise, on the test's
    // device (the bank's when the test is on the host), streaming a host bank through the device.
    const bool cpuKernel = kernel != "tensor" && device.is_cpu() && test.device().is_cpu();
    const at::Device compute = test.device().is_cpu() ? device : test.device();
    const at::Tensor x = test.to(compute, at::kFloat).permute({0, 2, 3, 1}).contiguous();  // [B, H, W, C]
    const at::Tensor xNorms = x.pow(2).sum(-1);                                            // [B, H, W]
    if (!cpuKernel) return tensorMinima(bank, bankNorms, x, xNorms, window);
    const at::Tensor bankValues = bank.contiguous();
    const at::Tensor norms = bankNorms.to(at::kFloat).contiguous();
    BankView view;
    if (bankValues.scalar_type() == at::kHalf)
        view.halfValues = reinterpret_cast<const std::uint16_t*>(bankValues.data_ptr<at::Half>());
    else
        view.values = bankValues.data_ptr<float>();
    view.squaredNorms = norms.data_ptr<float>();
    view.locations = bankValues.size(0);
    view.images = bankValues.size(1);
    view.channels = bankValues.size(2);
    const TestView testView{x.data_ptr<float>(), xNorms.data_ptr<float>(), batch, height, width, channels};
    at::Tensor minima = at::empty({batch, height, width, int64_t{window} * window}, x.options());
    windowMinima(view, testView, window, minima.data_ptr<float>(), intraOpParallelFor, kernel);
    return minima;
}

at::Tensor patchScoresFromMinima(const at::Tensor& minima, int maxWindow, int window) {
    c10::InferenceMode guard;
    if (window < 1 || window > maxWindow)
        throw UsageError("window " + std::to_string(window) + " is outside 1…" + std::to_string(maxWindow));
    const int base = windowLow(maxWindow);
    const int first = base - windowLow(window);
    const int last = base + windowHigh(window) + 1;
    const auto sizes = minima.sizes();
    const at::Tensor grid = minima.view({sizes[0], sizes[1], sizes[2], maxWindow, maxWindow});
    const at::Tensor sub = grid.index({Slice(), Slice(), Slice(), Slice(first, last), Slice(first, last)});
    return sub.amin({3, 4}).sqrt();
}

namespace {
at::Tensor conv2dValid(const at::Tensor& x, const at::Tensor& kernel) {
    return at::conv2d(x, kernel, c10::nullopt, at::IntArrayRef{1, 1}, at::IntArrayRef{0, 0});
}
}  // namespace

const std::vector<float>& blurWeights() {
    static const std::vector<float> weights = [] {
        constexpr int radius = 16;
        constexpr double sigma = 4.0;
        std::vector<double> w(2 * radius + 1);
        double sum = 0;
        for (int t = -radius; t <= radius; ++t)
            sum += w[static_cast<std::size_t>(t + radius)] = std::exp(-t * t / (2 * sigma * sigma));
        std::vector<float> k;
        for (double v : w) k.push_back(static_cast<float>(v / sum));
        return k;
    }();
    return weights;
}

at::Tensor anomalyMaps(const at::Tensor& patchScores, Size2D input) {
    c10::InferenceMode guard;
    const std::vector<float>& kernel = blurWeights();
    const auto radius = static_cast<int64_t>(kernel.size() / 2);
    const at::Tensor scores = patchScores.to(at::kFloat).unsqueeze(1);  // [B, 1, H, W]
    const at::Tensor up = at::upsample_bilinear2d(scores, {input.height, input.width}, false);
    const at::Tensor k = at::tensor(at::ArrayRef<float>(kernel)).to(up.device());
    at::Tensor blurred = at::reflection_pad2d(up, {radius, radius, 0, 0});
    blurred = conv2dValid(blurred, k.view({1, 1, 1, 2 * radius + 1}));
    blurred = at::reflection_pad2d(blurred, {0, 0, radius, radius});
    blurred = conv2dValid(blurred, k.view({1, 1, 2 * radius + 1, 1}));
    return blurred.squeeze(1);
}

}  // namespace lwinnn::impl

namespace lwinnn {

void setThreadPolicy(ThreadPolicy policy) { impl::setThreadPolicy(policy); }

void setComputeThreads(int threads) {
    if (threads < 0)
        throw UsageError("a thread count of " + std::to_string(threads) + " (use 0 for all cores)");
    at::set_num_threads(threads > 0 ? threads : impl::threadsFromSettings());
}

int computeThreads() { return at::get_num_threads(); }

}  // namespace lwinnn
