// LibTorch implementation of the DESIGN §2 stages, shared by pipeline.cpp, detector.cpp and model_file.cpp.
// Include only from .cpp files of lwinnn_core: these headers are expensive to compile.
#pragma once

#include <ATen/ATen.h>

#include <array>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "host_tensor.h"
#include "pipeline.h"

namespace lwinnn::impl {

// "auto" → CUDA when present, else CPU; "cuda" / "cuda:N" / "cpu". Throws UsageError when CUDA is asked for
// but absent, or the index is out of range.
at::Device resolveDevice(const std::string& spec);
// LibTorch's intra-op threads, once per process, by the ThreadPolicy (pipeline.h).
void configureThreads();
void setThreadPolicy(ThreadPolicy policy);
// OMP_NUM_THREADS where set, else availableCores() (cpu_budget.h).
int threadsFromSettings();
// body(begin, end) over [0, count) on LibTorch's intra-op threads (the CPU search's parallel loop).
void intraOpParallelFor(std::int64_t count, const std::function<void(std::int64_t, std::int64_t)>& body);

at::Tensor toTensor(const HostTensor& t);  // a float32 CPU tensor (copy)
at::Tensor toTensor(const FloatArray& a);  // a float32 CPU tensor (view of a.values; keep `a` alive)
FloatArray toFloatArray(const at::Tensor& t);

// [3, H, W] normalised input of `size`.
at::Tensor preprocessTensor(const RgbImage& image, Size2D size);

struct Trunk {
    std::map<std::string, at::Tensor> weights;  // float32 on `device`
    at::Device device = at::kCPU;

    // Batch [B, 3, H, W] → layer1, layer2, layer3.
    std::array<at::Tensor, 3> forward(const at::Tensor& input) const;
    // Batch [B, 3, H, W] → embedding [B, 448, h, w].
    at::Tensor embed(const at::Tensor& input) const;
};

// Checks and copies the trunk tensors (torchvision names) to `device`; ignores layer4/fc.
Trunk makeTrunk(const TensorMap& weights, const std::string& source, at::Device device);

// Embedding batch [B, C, H, W] → location-major [H*W, B, C] (the bank layout, DESIGN §5).
at::Tensor toLocationMajor(const at::Tensor& embeddings);

// Squared norms [L, N] of a location-major bank [L, N, C], computed in slices so that no bank-sized temporary
// is made.
at::Tensor squaredNorms(const at::Tensor& bank);

// Squared-distance minima per window offset: for test embeddings [B, C, H, W] against the location-major
// bank [H*W, N, C] with squared norms [H*W, N], returns [B, H, W, D*D] for window D (offset (dy, dx) at index
// (dy + ⌊D/2⌋) * D + (dx + ⌊D/2⌋); +inf where the offset leaves the grid). Memory stays bounded: one
// location's block of distances at a time.
// The bank may be float32 or float16 (products in float32 either way); `kernel` picks the CPU kernel (empty:
// the fastest, see window_search.h), or "tensor" for the batched tensor products that GPUs use. A bank in
// host memory with a test on a GPU streams through the GPU block by block.
at::Tensor perOffsetMinima(const at::Tensor& bank, const at::Tensor& bankNorms, const at::Tensor& test,
                           int window, const std::string& kernel = {});
// Patch scores [B, H, W] for window `window` <= D from per-offset minima of window D.
at::Tensor patchScoresFromMinima(const at::Tensor& minima, int maxWindow, int window);

// DESIGN §2.7 step 2: the 33 Gaussian taps (σ = 4) of the anomaly-map blur, normalised in double, then float.
const std::vector<float>& blurWeights();

// Patch scores [B, H, W] → anomaly maps [B, Hin, Win].
at::Tensor anomalyMaps(const at::Tensor& patchScores, Size2D input);

}  // namespace lwinnn::impl
