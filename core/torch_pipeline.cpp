#include "impl/torch_pipeline.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <thread>

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

void configureThreads() {
    static std::once_flag once;
    std::call_once(once, [] {
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        at::set_num_threads(static_cast<int>(cores));
    });
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

at::Tensor preprocessTensor(const RgbImage& image, Size2D size) {
    c10::InferenceMode guard;
    const at::Tensor rgb = at::from_blob(const_cast<std::uint8_t*>(image.pixels.data()),
                                         {image.height, image.width, 3}, at::kByte);
    // A multiply by float32(1/255), not a divide (DESIGN §2.1 step 2).
    const at::Tensor unit =
        rgb.permute({2, 0, 1}).to(at::kFloat).mul_(at::Scalar(1.0f / 255.0f)).unsqueeze(0);
    at::Tensor resized =
        at::_upsample_bilinear2d_aa(unit, {size.height, size.width}, false, c10::nullopt, c10::nullopt);
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

// For every bank location (a, b) in row-major order, the flat indices into [H, W, D*D] of the
// (test location, offset) pairs it serves, test locations in row-major order. Together they cover every valid
// pair exactly once.
at::Tensor scatterIndex(int64_t height, int64_t width, int window) {
    const int lo = windowLow(window);
    const int hi = windowHigh(window);
    std::vector<int64_t> index;
    index.reserve(static_cast<std::size_t>(height * width * window * window));
    for (int64_t a = 0; a < height; ++a) {
        for (int64_t b = 0; b < width; ++b) {
            for (int64_t h = std::max<int64_t>(0, a - hi); h <= std::min<int64_t>(height - 1, a + lo); ++h) {
                for (int64_t w = std::max<int64_t>(0, b - hi); w <= std::min<int64_t>(width - 1, b + lo);
                     ++w) {
                    const int64_t offset = (a - h + lo) * window + (b - w + lo);
                    index.push_back((h * width + w) * window * window + offset);
                }
            }
        }
    }
    return at::tensor(at::ArrayRef<int64_t>(index), at::kLong);
}

}  // namespace

at::Tensor perOffsetMinima(const at::Tensor& bank, const at::Tensor& bankNorms, const at::Tensor& test,
                           int window, const std::string& kernel) {
    c10::InferenceMode guard;
    const auto batch = test.size(0);
    const auto channels = test.size(1);
    const auto height = test.size(2);
    const auto width = test.size(3);
    const int lo = windowLow(window);
    const int hi = windowHigh(window);
    const auto device = bank.device();

    const at::Tensor x = test.to(device, at::kFloat).permute({0, 2, 3, 1}).contiguous();  // [B, H, W, C]
    const at::Tensor xNorms = x.pow(2).sum(-1);                                           // [B, H, W]
    if (device.is_cpu()) {
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
        const TestView testView{
            x.data_ptr<float>(), xNorms.data_ptr<float>(), batch, height, width, channels};
        at::Tensor minima = at::empty({batch, height, width, int64_t{window} * window}, x.options());
        windowMinima(
            view, testView, window, minima.data_ptr<float>(),
            [](std::int64_t count, const std::function<void(std::int64_t, std::int64_t)>& body) {
                at::parallel_for(0, count, 1, body);
            },
            kernel);
        return minima;
    }
    const at::Tensor index = scatterIndex(height, width, window).to(device);
    at::Tensor values = at::empty({batch, index.size(0)}, x.options());
    // BLAS results depend on the matrix shape (kernels, blocking and small-matrix paths change with it), but
    // for one fixed shape each row's result depends on that row alone. Products are therefore taken in tiles
    // of a fixed shape [kTile, C] × [C, N], so that a test location's distances are bitwise the same whatever
    // the window and batch: a sweep (DESIGN §5) equals separate runs exactly, and the Studio's single-image
    // scores equal the CLI's batched ones (both tested).
    constexpr int64_t kTile = 32;
    const int64_t maxRows = batch * window * window;
    at::Tensor padded = at::zeros({(maxRows + kTile - 1) / kTile * kTile, channels}, x.options());
    at::Tensor distances = at::empty({kTile, bank.size(1)}, x.options());
    at::Tensor best = at::empty({padded.size(0)}, x.options());
    int64_t column = 0;
    for (int64_t a = 0; a < height; ++a) {
        const int64_t h0 = std::max<int64_t>(0, a - hi);
        const int64_t h1 = std::min<int64_t>(height - 1, a + lo) + 1;
        for (int64_t b = 0; b < width; ++b) {
            const int64_t w0 = std::max<int64_t>(0, b - hi);
            const int64_t w1 = std::min<int64_t>(width - 1, b + lo) + 1;
            const int64_t count = (h1 - h0) * (w1 - w0);
            const int64_t rows = batch * count;
            const int64_t location = a * width + b;
            padded.narrow(0, 0, rows)
                .view({batch, h1 - h0, w1 - w0, channels})
                .copy_(x.index({Slice(), Slice(h0, h1), Slice(w0, w1)}));
            const at::Tensor norms = bankNorms[location].unsqueeze(0);
            const at::Tensor bankT = bank[location].to(at::kFloat).t();
            for (int64_t t0 = 0; t0 < rows; t0 += kTile) {
                // ‖x‖² − 2x·y + ‖y‖², minimised over the N bank vectors of this location; ‖x‖² is constant
                // per row so it is added after the minimum.
                at::addmm_out(distances, norms, padded.narrow(0, t0, kTile), bankT, 1.0, -2.0);
                at::Tensor slot = best.narrow(0, t0, kTile);
                at::amin_out(slot, distances, {1});
            }
            const at::Tensor rowNorms =
                xNorms.index({Slice(), Slice(h0, h1), Slice(w0, w1)}).reshape({batch, count});
            values.index({Slice(), Slice(column, column + count)})
                .copy_(best.narrow(0, 0, rows).view({batch, count}).add(rowNorms).clamp_min_(0.0));
            column += count;
        }
    }
    at::Tensor minima = at::full({batch, height * width * window * window},
                                 std::numeric_limits<float>::infinity(), x.options());
    minima.scatter_(1, index.unsqueeze(0).expand({batch, -1}), values);
    return minima.view({batch, height, width, window * window});
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

at::Tensor anomalyMaps(const at::Tensor& patchScores, Size2D input) {
    c10::InferenceMode guard;
    constexpr int radius = 16;
    constexpr double sigma = 4.0;
    static const std::vector<float> kernel = [] {
        std::vector<double> w(2 * radius + 1);
        double sum = 0;
        for (int t = -radius; t <= radius; ++t)
            sum += w[static_cast<std::size_t>(t + radius)] = std::exp(-t * t / (2 * sigma * sigma));
        std::vector<float> k;
        for (double v : w) k.push_back(static_cast<float>(v / sum));
        return k;
    }();
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
