// The stages of DESIGN §2 one by one, on plain float arrays: preprocessing, backbone features, embedding,
// window search, image score and anomaly map. The Detector façade chains them; tests hold each stage to the
// parity fixtures. LibTorch stays behind this header.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "host_tensor.h"
#include "image_io.h"

namespace lwinnn {

enum class ResizeMode { KeepAspect, Square };
const char* resizeModeName(ResizeMode mode);             // "keep-aspect" | "square"
ResizeMode resizeModeFromName(const std::string& name);  // throws UsageError

constexpr int kInputShortSide = 256;
constexpr int kChannels = 448;

struct Size2D {
    int height = 0;
    int width = 0;
    bool operator==(const Size2D&) const = default;
};

// Network input size for an image of the given size (DESIGN §2.1 step 3).
Size2D inputSizeFor(int height, int width, ResizeMode mode);
// Patch grid of the embedding for a network input size (e.g. 256×256 → 62×62).
Size2D gridSizeFor(Size2D input);

// A dense float32 array, row-major.
struct FloatArray {
    std::vector<std::int64_t> shape;
    std::vector<float> values;
    std::int64_t dim(std::size_t i) const { return shape.at(i); }
};

// Decoded pixels → normalised network input [3, H, W] at `size` (DESIGN §2.1 steps 2–4).
FloatArray preprocess(const RgbImage& image, Size2D size);

// Offsets of a δ×δ window along one axis: −⌊δ/2⌋ … ⌈δ/2⌉−1 (DESIGN §2.5).
// The window δ of the paper's results: the default of training, scoring, the exports and the Studio.
inline constexpr int kDefaultWindow = 7;
// The largest δ the Studio's slider and its sweep offer (the search itself takes up to Detector::kMaxWindow).
inline constexpr int kStudioMaxWindow = 15;

int windowLow(int window);   // ⌊δ/2⌋
int windowHigh(int window);  // ⌈δ/2⌉−1

// The ResNet18 trunk (DESIGN §2.2) with its weights, on a device ("cpu", "cuda", "cuda:1", "auto").
class Backbone {
  public:
    // `weights` holds torchvision key names (conv1.weight, bn1.*, layer1…layer3.*); other keys are ignored.
    // Throws FormatError naming `source` when a tensor is missing or has the wrong shape.
    Backbone(const TensorMap& weights, const std::string& source, const std::string& device = "cpu");
    ~Backbone();
    Backbone(Backbone&&) noexcept;
    Backbone& operator=(Backbone&&) noexcept;

    // layer1, layer2, layer3 outputs for one input [3, H, W].
    std::array<FloatArray, 3> layers(const FloatArray& input) const;
    // The embedding [448, h, w] (DESIGN §2.3).
    FloatArray embedding(const FloatArray& input) const;

    struct Impl;
    const Impl& impl() const { return *m_impl; }

  private:
    std::unique_ptr<Impl> m_impl;
};

// Patch scores [H, W] of one test embedding against training embeddings (each [C, H, W]), for each window in
// `windows`, computed from one pass over the largest window (per-offset minima, DESIGN §5).
std::vector<FloatArray> patchScores(const std::vector<FloatArray>& trainEmbeddings,
                                    const FloatArray& testEmbedding, const std::vector<int>& windows,
                                    const std::string& device = "cpu");

// How the search runs: the device, the bank's precision, and on the CPU which kernel (one of
// availableWindowSearchKernels() in window_search.h; empty: the fastest; "tensor": the batched tensor
// products that the GPU path uses). On a GPU, `bankInHostMemory` keeps the bank in host memory and streams it
// through the device block by block, as for a bank larger than the device's memory.
struct SearchOptions {
    std::string device = "cpu";
    bool halfPrecisionBank = false;
    std::string kernel;
    bool bankInHostMemory = false;
};
std::vector<FloatArray> patchScores(const std::vector<FloatArray>& trainEmbeddings,
                                    const FloatArray& testEmbedding, const std::vector<int>& windows,
                                    const SearchOptions& options);

// How many CUDA devices this build of LibTorch sees (0 without CUDA support).
int cudaDeviceCount();
// How the core sets LibTorch's intra-op threads (process-wide), once, before its first computation:
//  - AvailableCores, for this project's programs: OMP_NUM_THREADS where set, else every CPU the process may
//  use
//    (availableCores() in cpu_budget.h: affinity mask and cgroup CPU quota);
//  - KeepProgramSetting, for the core inside another program (liblwinnn-runtime): never; the program's own
//    at::set_num_threads, OMP_NUM_THREADS or LibTorch's default apply.
enum class ThreadPolicy { AvailableCores, KeepProgramSetting };
// Takes effect only before the first computation (the default is AvailableCores).
void setThreadPolicy(ThreadPolicy policy);
// Sets LibTorch's intra-op threads now: `threads` > 0, or 0 for OMP_NUM_THREADS / availableCores().
void setComputeThreads(int threads);
// LibTorch's intra-op threads now.
int computeThreads();

// How many threads the CPU search's parallel loop actually runs on (LibTorch's intra-op threads; 1 when the
// loop runs serially).
int searchThreadCount();

// Anomaly map (DESIGN §2.7): patch scores [H, W] → bilinear upsample to `input` → Gaussian blur σ = 4.
FloatArray anomalyMap(const FloatArray& patchScores, Size2D input);

}  // namespace lwinnn
