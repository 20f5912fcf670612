// The exact local-window nearest-neighbour search on the CPU (DESIGN §2.5, §5): for every test location and
// every offset of a δ×δ window, the smallest squared distance to the bank vectors stored at the shifted
// location. Organised bank-location-major: each bank location's N×C block is multiplied once by all the test
// vectors that can see it, in a register-blocked kernel that takes the minimum over the bank vectors before a
// distance ever leaves the registers. No LibTorch here; the caller supplies the threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lwinnn {

// A location-major memory bank [L, N, C] (L = H·W grid locations, N training images, C channels) with its
// squared norms [L, N]. Exactly one of `values` (float32) and `halfValues` (IEEE binary16) is set.
struct BankView {
    const float* values = nullptr;
    const std::uint16_t* halfValues = nullptr;
    const float* squaredNorms = nullptr;
    std::int64_t locations = 0;
    std::int64_t images = 0;
    std::int64_t channels = 0;
};

// Test embeddings, location-last: [B, H, W, C] float32 and their squared norms [B, H, W].
struct TestView {
    const float* values = nullptr;
    const float* squaredNorms = nullptr;
    std::int64_t batch = 0;
    std::int64_t height = 0;
    std::int64_t width = 0;
    std::int64_t channels = 0;
};

// Runs body(begin, end) over disjoint ranges covering [0, count), possibly on several threads at once.
using ParallelFor =
    std::function<void(std::int64_t count, const std::function<void(std::int64_t, std::int64_t)>& body)>;

// Per-offset squared-distance minima: writes [B, H, W, D·D] to `minima` for window D = `window` (offset
// (dy, dx) at index (dy + ⌊D/2⌋)·D + (dx + ⌊D/2⌋); +inf where the offset leaves the grid). Every value is the
// same, bit for bit, whatever the batch, the window and the thread count: a test vector's dot products are
// accumulated over the channels in one fixed order, alone in its SIMD lane.
// `kernel`: one of availableWindowSearchKernels(), or empty for the fastest this CPU has.
void windowMinima(const BankView& bank, const TestView& test, int window, float* minima,
                  const ParallelFor& parallelFor, const std::string& kernel = {});

// One test row that sees a bank location: the test vector's index into [B, H, W], and where its distance goes
// in the per-offset minima [B, H, W, D·D].
struct WindowRow {
    std::int64_t test = 0;
    std::int64_t output = 0;
};
// Replaces `rows` with the rows that see bank location `location` (row-major in [H, W]) through a window of
// size `window`, image by image, each image's test locations in row-major order. Over all locations they
// cover every (test location, offset) pair inside the grid exactly once.
void windowRows(std::int64_t batch, std::int64_t height, std::int64_t width, int window,
                std::int64_t location, std::vector<WindowRow>& rows);

// An offset (dy, dx) of a window: a test vector at grid position (h, w) meets bank location (h + dy, w + dx).
struct WindowOffset {
    int dy = 0;
    int dx = 0;
};
// The offsets of a window of size D in nested order: every window d ≤ D has its d² offsets first, so an
// offset's rank in this list is the same for every window that contains it (windows grow by ⌊d/2⌋ up and
// left and ⌈d/2⌉ − 1 down and right, so window d lies inside window d + 1).
std::vector<WindowOffset> nestedWindowOffsets(int window);

// The kernel windowMinima uses by default on this CPU ("avx512", "avx2" or "portable"), and all that this CPU
// can run, fastest first.
std::string windowSearchKernel();
std::vector<std::string> availableWindowSearchKernels();

// IEEE binary16 ↔ float32 (round to nearest even), for half-precision banks.
std::uint16_t floatToHalf(float value);
float halfToFloat(std::uint16_t value);

}  // namespace lwinnn
