#include "pipeline.h"

#include <c10/core/InferenceMode.h>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "error.h"
#include "impl/torch_pipeline.h"

namespace lwinnn {

FloatArray preprocess(const RgbImage& image, Size2D size) {
    return impl::toFloatArray(impl::preprocessTensor(image, size));
}

struct Backbone::Impl {
    impl::Trunk trunk;
};

Backbone::Backbone(const TensorMap& weights, const std::string& source, const std::string& device)
    : m_impl(std::make_unique<Impl>()) {
    impl::configureThreads();
    m_impl->trunk = impl::makeTrunk(weights, source, impl::resolveDevice(device));
}
Backbone::~Backbone() = default;
Backbone::Backbone(Backbone&&) noexcept = default;
Backbone& Backbone::operator=(Backbone&&) noexcept = default;

std::array<FloatArray, 3> Backbone::layers(const FloatArray& input) const {
    const auto features = m_impl->trunk.forward(impl::toTensor(input).unsqueeze(0));
    return {impl::toFloatArray(features[0].squeeze(0)), impl::toFloatArray(features[1].squeeze(0)),
            impl::toFloatArray(features[2].squeeze(0))};
}

FloatArray Backbone::embedding(const FloatArray& input) const {
    return impl::toFloatArray(m_impl->trunk.embed(impl::toTensor(input).unsqueeze(0)).squeeze(0));
}

std::vector<FloatArray> patchScores(const std::vector<FloatArray>& trainEmbeddings,
                                    const FloatArray& testEmbedding, const std::vector<int>& windows,
                                    const std::string& device) {
    SearchOptions options;
    options.device = device;
    return patchScores(trainEmbeddings, testEmbedding, windows, options);
}

std::vector<FloatArray> patchScores(const std::vector<FloatArray>& trainEmbeddings,
                                    const FloatArray& testEmbedding, const std::vector<int>& windows,
                                    const SearchOptions& options) {
    c10::InferenceMode guard;
    impl::configureThreads();
    if (trainEmbeddings.empty()) throw UsageError("no training embeddings");
    if (windows.empty()) throw UsageError("no window sizes");
    const at::Device dev = impl::resolveDevice(options.device);
    std::vector<at::Tensor> train;
    for (const auto& e : trainEmbeddings) train.push_back(impl::toTensor(e));
    // A streamed bank stays in host memory; the test embedding then goes to the device and takes the search
    // with it (impl::perOffsetMinima).
    const bool streamed = options.bankInHostMemory && dev.is_cuda();
    at::Tensor bank = impl::toLocationMajor(at::stack(train)).to(streamed ? at::Device(at::kCPU) : dev);
    if (options.halfPrecisionBank) bank = bank.to(at::kHalf);
    const at::Tensor norms = impl::squaredNorms(bank);
    const int maxWindow = *std::max_element(windows.begin(), windows.end());
    const at::Tensor test = impl::toTensor(testEmbedding).unsqueeze(0).to(dev);
    const at::Tensor minima = impl::perOffsetMinima(bank, norms, test, maxWindow, options.kernel);
    std::vector<FloatArray> out;
    for (int w : windows)
        out.push_back(impl::toFloatArray(impl::patchScoresFromMinima(minima, maxWindow, w).squeeze(0)));
    return out;
}

int searchThreadCount() {
    impl::configureThreads();
    std::mutex mutex;
    std::set<std::thread::id> threads;
    // Enough chunks for every thread; each chunk holds its thread a moment, so that one thread cannot take
    // them all.
    impl::intraOpParallelFor(1024, [&](std::int64_t, std::int64_t) {
        {
            const std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    });
    return static_cast<int>(threads.size());
}

int cudaDeviceCount() { return at::hasCUDA() ? static_cast<int>(at::getNumGPUs()) : 0; }

FloatArray anomalyMap(const FloatArray& patchScores, Size2D input) {
    return impl::toFloatArray(impl::anomalyMaps(impl::toTensor(patchScores).unsqueeze(0), input).squeeze(0));
}

}  // namespace lwinnn
