#include "detector.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "error.h"
#include "impl/torch_pipeline.h"
#include "lwinnn_version.h"

namespace lwinnn {
namespace {

constexpr std::int64_t kScoreBatch = 8;

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

HostTensor hostView(const at::Tensor& t) {
    HostTensor h;
    h.dtype = t.scalar_type() == at::kHalf ? DType::F16 : DType::F32;
    h.shape.assign(t.sizes().begin(), t.sizes().end());
    h.data = static_cast<const std::byte*>(t.data_ptr());
    h.nbytes = static_cast<std::size_t>(t.numel()) * t.element_size();
    return h;
}

at::Tensor fromHost(const HostTensor& h) {
    return at::from_blob(const_cast<std::byte*>(h.data), at::IntArrayRef(h.shape),
                         h.dtype == DType::F16 ? at::kHalf : at::kFloat);
}

void checkWindow(int window) {
    if (window < 1 || window > Detector::kMaxWindow)
        throw UsageError("window size " + std::to_string(window) + " is outside 1…" +
                         std::to_string(Detector::kMaxWindow));
}

}  // namespace

struct Detector::Impl {
    ModelInfo info;
    TensorMap backboneWeights;  // host copy, for saving
    impl::Trunk trunk;
    at::Tensor bank;                        // [H*W, N, C] on the device
    at::Tensor bankNorms;                   // [H*W, N]
    std::shared_ptr<const void> keepAlive;  // the mapped model file, when the bank is a view of it
    int window = kDefaultWindow;
};

Detector::Detector(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Detector::~Detector() = default;
Detector::Detector(Detector&&) noexcept = default;
Detector& Detector::operator=(Detector&&) noexcept = default;

Detector Detector::train(const std::vector<std::filesystem::path>& images, const BackboneWeights& weights,
                         const TrainOptions& options, const Progress& progress, TrainReport* report) {
    c10::InferenceMode guard;
    impl::configureThreads();
    checkWindow(options.window);
    const auto start = std::chrono::steady_clock::now();
    TrainReport local;
    TrainReport& rep = report ? *report : local;
    rep = {};
    if (images.empty()) throw UsageError("no training images were given");

    auto impl = std::make_unique<Impl>();
    const at::Device device = impl::resolveDevice(options.device);
    impl->trunk = impl::makeTrunk(weights.tensors, weights.source, device);
    impl->backboneWeights = weights.tensors;
    impl->window = options.window;

    ResizeMode mode = options.resize.value_or(ResizeMode::KeepAspect);
    Size2D firstOriginal;  // {0, 0} until the first readable image
    Size2D input;
    Size2D grid;
    std::vector<std::string> used;
    at::Tensor bank;
    std::int64_t count = 0;

    for (std::size_t i = 0; i < images.size(); ++i) {
        progress.check();
        progress(i, images.size(), "embedding training images");
        RgbImage image;
        try {
            image = decodeImage(images[i]);
        } catch (const FileError& e) {
            rep.skipped.push_back({images[i], e.what()});
            continue;
        }
        const Size2D original{image.height, image.width};
        if (firstOriginal == Size2D{}) {
            firstOriginal = original;
        } else if (original != firstOriginal && mode == ResizeMode::KeepAspect) {
            if (options.resize)
                throw UsageError("the training images differ in size (" + images[i].string() + " is " +
                                 std::to_string(original.width) + "×" + std::to_string(original.height) +
                                 "); keep-aspect needs one size for all, use square");
            // DESIGN §2.1: a training set whose images differ in size uses the square resize. Start over.
            rep.notes.push_back("the training images differ in size: using the square resize (256×256)");
            mode = ResizeMode::Square;
            rep.skipped.clear();
            used.clear();
            bank = at::Tensor();
            count = 0;
            firstOriginal = {};
            i = static_cast<std::size_t>(-1);
            continue;
        }
        if (!bank.defined()) {
            input = inputSizeFor(image.height, image.width, mode);
            grid = gridSizeFor(input);
            bank = at::empty(
                {static_cast<std::int64_t>(grid.height) * grid.width,
                 static_cast<std::int64_t>(images.size()), kChannels},
                at::TensorOptions().dtype(options.halfPrecisionBank ? at::kHalf : at::kFloat).device(device));
        }
        const at::Tensor x = impl::preprocessTensor(image, input).unsqueeze(0);
        const at::Tensor e = impl->trunk.embed(x);  // [1, C, h, w]
        bank.select(1, count).copy_(impl::toLocationMajor(e).squeeze(1));
        ++count;
        used.push_back(images[i].string());
    }
    if (count == 0)
        throw Error("none of the " + std::to_string(images.size()) + " training images could be read");
    progress(images.size(), images.size(), "embedding training images");
    if (count < bank.size(1)) bank = bank.narrow(1, 0, count).contiguous();
    impl->bank = bank;
    impl->bankNorms = impl::squaredNorms(bank);

    ModelInfo& info = impl->info;
    info.resize = mode;
    info.input = input;
    info.grid = grid;
    info.window = options.window;
    info.trainCount = static_cast<int>(count);
    info.backboneSha256 = weights.sha256;
    info.weightsSource = weights.source;
    info.created = utcNow();
    info.createdBy = std::string("lwinnn ") + LWINNN_VERSION;
    info.trainFiles = used;
    info.bankDtype = options.halfPrecisionBank ? "F16" : "F32";
    rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return Detector(std::move(impl));
}

Detector Detector::load(const std::filesystem::path& file, const std::string& device) {
    c10::InferenceMode guard;
    impl::configureThreads();
    ModelContents contents = readModelFile(file);
    auto impl = std::make_unique<Impl>();
    const at::Device dev = impl::resolveDevice(device);
    impl->info = contents.info;
    impl->window = contents.info.window;
    impl->trunk = impl::makeTrunk(contents.backbone, file.string(), dev);
    impl->backboneWeights = contents.backbone;
    impl->keepAlive = contents.bank.owner;
    impl->bank = fromHost(contents.bank);
    impl->bankNorms = fromHost(contents.bankNorms);
    if (!dev.is_cpu()) {
        try {
            at::Tensor bank = impl->bank.to(dev);
            at::Tensor norms = impl->bankNorms.to(dev);
            impl->bank = std::move(bank);
            impl->bankNorms = std::move(norms);
        } catch (const c10::Error& e) {
            // A bank larger than the device's memory stays memory-mapped on the host and streams through the
            // device, a few location blocks per product (impl::perOffsetMinima).
            if (std::string(e.what()).find("out of memory") == std::string::npos) throw;
        }
    }
    return Detector(std::move(impl));
}

void Detector::save(const std::filesystem::path& file) const {
    const at::Tensor bank = m_impl->bank.to(at::kCPU).contiguous();
    const at::Tensor norms = m_impl->bankNorms.to(at::kCPU).contiguous();
    ModelInfo info = m_impl->info;
    info.window = m_impl->window;
    writeModelFile(file, info, m_impl->backboneWeights, hostView(bank), hostView(norms));
}

const ModelInfo& Detector::info() const { return m_impl->info; }
std::string Detector::deviceName() const { return m_impl->trunk.device.str(); }
int Detector::window() const { return m_impl->window; }
void Detector::setWindow(int window) {
    checkWindow(window);
    m_impl->window = window;
}

std::vector<ImageScore> Detector::score(const std::vector<RgbImage>& images, const Progress& progress,
                                        ScoreTimings* timings) const {
    return std::move(scoreWindows(images, {m_impl->window}, progress, timings).front());
}

std::vector<std::vector<ImageScore>> Detector::scoreWindows(const std::vector<RgbImage>& images,
                                                            const std::vector<int>& windows,
                                                            const Progress& progress,
                                                            ScoreTimings* timings) const {
    c10::InferenceMode guard;
    if (windows.empty()) throw UsageError("no window sizes given");
    for (int w : windows) checkWindow(w);
    const int largest = *std::max_element(windows.begin(), windows.end());
    ScoreTimings spent;
    auto clock = std::chrono::steady_clock::now();
    // Each phase ends with its results on the host (or a host-side reduction), so the split is honest on a
    // GPU.
    const auto lap = [&clock](double& into) {
        const auto now = std::chrono::steady_clock::now();
        into += std::chrono::duration<double>(now - clock).count();
        clock = now;
    };
    const Impl& d = *m_impl;
    std::vector<std::vector<ImageScore>> results(windows.size());
    for (auto& r : results) r.resize(images.size());
    for (std::size_t first = 0; first < images.size(); first += kScoreBatch) {
        progress.check();
        progress(first, images.size(), "scoring");
        const std::size_t last = std::min(images.size(), first + kScoreBatch);
        std::vector<at::Tensor> inputs;
        for (std::size_t i = first; i < last; ++i) {
            const RgbImage& image = images[i];
            const bool aspectChanged = inputSizeFor(image.height, image.width, d.info.resize) != d.info.input;
            for (auto& perWindow : results) {
                ImageScore& r = perWindow[i];
                r.source = image.source;
                r.original = {image.height, image.width};
                r.aspectChanged = aspectChanged;
            }
            inputs.push_back(impl::preprocessTensor(image, d.info.input));
        }
        const at::Tensor batch = at::stack(inputs);
        lap(spent.preprocess);
        const at::Tensor embeddings = d.trunk.embed(batch);
        embeddings.sum().item<float>();  // waits for the device
        lap(spent.backbone);
        // One search at the largest window; every smaller window is a minimum over its cached offsets.
        const at::Tensor minima = impl::perOffsetMinima(d.bank, d.bankNorms, embeddings, largest);
        std::vector<at::Tensor> patches;
        for (int w : windows) patches.push_back(impl::patchScoresFromMinima(minima, largest, w).to(at::kCPU));
        lap(spent.search);
        for (std::size_t k = 0; k < windows.size(); ++k) {
            const at::Tensor maps = impl::anomalyMaps(patches[k], d.info.input).to(at::kCPU);
            const at::Tensor maxima = patches[k].amax({1, 2}).to(at::kDouble);
            for (std::size_t i = first; i < last; ++i) {
                const auto j = static_cast<std::int64_t>(i - first);
                ImageScore& r = results[k][i];
                r.score = maxima[j].item<double>();
                r.patchScores = impl::toFloatArray(patches[k][j]);
                r.anomalyMap = impl::toFloatArray(maps[j]);
            }
        }
        lap(spent.maps);
    }
    spent.images = static_cast<std::int64_t>(images.size());
    if (timings) {
        timings->preprocess += spent.preprocess;
        timings->backbone += spent.backbone;
        timings->search += spent.search;
        timings->maps += spent.maps;
        timings->images += spent.images;
    }
    progress(images.size(), images.size(), "scoring");
    return results;
}

ImageScore Detector::score(const RgbImage& image) const {
    return std::move(score(std::vector<RgbImage>{image}).front());
}

}  // namespace lwinnn
