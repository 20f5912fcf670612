#include "pipeline.h"

#include <c10/core/InferenceMode.h>

#include "error.h"
#include "impl/torch_pipeline.h"

namespace lwinnn {

const char* resizeModeName(ResizeMode mode) { return mode == ResizeMode::Square ? "square" : "keep-aspect"; }

ResizeMode resizeModeFromName(const std::string& name) {
    if (name == "keep-aspect") return ResizeMode::KeepAspect;
    if (name == "square") return ResizeMode::Square;
    throw UsageError("unknown resize mode '" + name + "' (use keep-aspect or square)");
}

Size2D inputSizeFor(int height, int width, ResizeMode mode) {
    if (mode == ResizeMode::Square) return {kInputShortSide, kInputShortSide};
    // trunc(256 * long / short) in exact integer arithmetic.
    const auto scaled = [](int longSide, int shortSide) {
        return static_cast<int>(static_cast<std::int64_t>(kInputShortSide) * longSide / shortSide);
    };
    if (height <= width) return {kInputShortSide, scaled(width, height)};
    return {scaled(height, width), kInputShortSide};
}

Size2D gridSizeFor(Size2D input) {
    // conv1 and maxpool halve twice (with padding), then the 3×3 average pool without padding removes 2.
    const auto quarter = [](int n) { return ((n + 1) / 2 + 1) / 2; };
    return {quarter(input.height) - 2, quarter(input.width) - 2};
}

int windowLow(int window) { return window / 2; }
int windowHigh(int window) { return (window + 1) / 2 - 1; }

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

std::vector<FloatArray> patchScores(const std::vector<FloatArray>& trainEmbeddings, const FloatArray& testEmbedding,
                                    const std::vector<int>& windows, const std::string& device) {
    c10::InferenceMode guard;
    impl::configureThreads();
    if (trainEmbeddings.empty()) throw UsageError("no training embeddings");
    if (windows.empty()) throw UsageError("no window sizes");
    const at::Device dev = impl::resolveDevice(device);
    std::vector<at::Tensor> train;
    for (const auto& e : trainEmbeddings) train.push_back(impl::toTensor(e));
    const at::Tensor bank = impl::toLocationMajor(at::stack(train)).to(dev);
    const at::Tensor norms = impl::squaredNorms(bank);
    const int maxWindow = *std::max_element(windows.begin(), windows.end());
    const at::Tensor minima = impl::perOffsetMinima(bank, norms, impl::toTensor(testEmbedding).unsqueeze(0), maxWindow);
    std::vector<FloatArray> out;
    for (int w : windows) out.push_back(impl::toFloatArray(impl::patchScoresFromMinima(minima, maxWindow, w).squeeze(0)));
    return out;
}

FloatArray anomalyMap(const FloatArray& patchScores, Size2D input) {
    return impl::toFloatArray(impl::anomalyMaps(impl::toTensor(patchScores).unsqueeze(0), input).squeeze(0));
}

}  // namespace lwinnn
