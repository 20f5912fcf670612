#include "window_search.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "error.h"
#include "impl/window_kernels.h"
#include "pipeline.h"

namespace lwinnn {

namespace impl {
namespace {

// The fallback for CPUs without AVX2: the same kernel on plain floats (no fused multiply-add, so its
// distances differ from the SIMD kernels' in the last bits, but are just as independent of batch and window).
struct Portable {
    using V = float;
    static constexpr int kLanes = 1;
    static constexpr int kMaxRows = 8;
    static constexpr int kBank = 4;
    static V zero() { return 0.0F; }
    static V load(const float* p) { return *p; }
    static void store(float* p, V v) { *p = v; }
    static V broadcast(float v) { return v; }
    static V fma(V a, V b, V c) { return a * b + c; }
    static V add(V a, V b) { return a + b; }
    static V sub(V a, V b) { return a - b; }
    static V min(V a, V b) { return b < a ? b : a; }
};

#include "impl/window_kernel.inc"

void blockMinimaPortable(const float* xt, std::int64_t ld, std::int64_t rows, std::int64_t channels,
                         const float* y, const float* yNorms, std::int64_t images, float* best) {
    blockMinima<Portable>(xt, ld, rows, channels, y, yNorms, images, best);
}

void halfToFloatPortable(const std::uint16_t* in, float* out, std::int64_t count) {
    for (std::int64_t i = 0; i < count; ++i) out[i] = halfToFloat(in[i]);
}

struct Kernels {
    BlockMinimaFn blockMinima;
    HalfToFloatFn halfToFloat;
    const char* name;
};

std::vector<Kernels> supportedKernels() {
    std::vector<Kernels> k;
#if defined(LWINNN_X86_KERNELS)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) k.push_back({blockMinimaAvx512, halfToFloatAvx512, "avx512"});
#if defined(__clang__)
    // Clang does not know the "f16c" feature name; every AVX2 processor has F16C.
    const bool f16c = true;
#else
    const bool f16c = __builtin_cpu_supports("f16c");
#endif
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && f16c)
        k.push_back({blockMinimaAvx2, halfToFloatAvx2, "avx2"});
#endif
    k.push_back({blockMinimaPortable, halfToFloatPortable, "portable"});
    return k;
}

const Kernels& kernels(const std::string& name = {}) {
    static const std::vector<Kernels> all = supportedKernels();
    if (name.empty()) return all.front();
    for (const Kernels& k : all)
        if (name == k.name) return k;
    throw UsageError("the window search kernel \"" + name + "\" is not available on this CPU");
}

struct AlignedFree {
    void operator()(float* p) const { std::free(p); }
};
using AlignedFloats = std::unique_ptr<float[], AlignedFree>;

AlignedFloats alignedFloats(std::int64_t count) {
    const auto bytes = static_cast<std::size_t>((count * 4 + 63) / 64 * 64);
    auto* p = static_cast<float*>(std::aligned_alloc(64, bytes == 0 ? 64 : bytes));
    if (p == nullptr) throw std::bad_alloc();
    return AlignedFloats(p);
}

}  // namespace
}  // namespace impl

std::string windowSearchKernel() { return impl::kernels().name; }

std::vector<std::string> availableWindowSearchKernels() {
    std::vector<std::string> names;
    for (const impl::Kernels& k : impl::supportedKernels()) names.emplace_back(k.name);
    return names;
}

void windowRows(std::int64_t batch, std::int64_t height, std::int64_t width, int window,
                std::int64_t location, std::vector<WindowRow>& rows) {
    const int lo = windowLow(window);
    const int hi = windowHigh(window);
    const std::int64_t offsets = static_cast<std::int64_t>(window) * window;
    const std::int64_t a = location / width, b = location % width;
    const std::int64_t h0 = std::max<std::int64_t>(0, a - hi),
                       h1 = std::min<std::int64_t>(height - 1, a + lo);
    const std::int64_t w0 = std::max<std::int64_t>(0, b - hi), w1 = std::min<std::int64_t>(width - 1, b + lo);
    rows.clear();
    for (std::int64_t i = 0; i < batch; ++i)
        for (std::int64_t h = h0; h <= h1; ++h)
            for (std::int64_t w = w0; w <= w1; ++w) {
                const std::int64_t t = (i * height + h) * width + w;
                rows.push_back({t, t * offsets + (a - h + lo) * window + (b - w + lo)});
            }
}

std::vector<WindowOffset> nestedWindowOffsets(int window) {
    std::vector<WindowOffset> offsets;
    offsets.reserve(static_cast<std::size_t>(window) * window);
    const auto inside = [](int d, int v) { return d > 0 && v >= -windowLow(d) && v <= windowHigh(d); };
    for (int d = 1; d <= window; ++d)
        for (int dy = -windowLow(d); dy <= windowHigh(d); ++dy)
            for (int dx = -windowLow(d); dx <= windowHigh(d); ++dx)
                if (!(inside(d - 1, dy) && inside(d - 1, dx))) offsets.push_back({dy, dx});
    return offsets;
}

void windowMinima(const BankView& bank, const TestView& test, int window, float* minima,
                  const ParallelFor& parallelFor, const std::string& kernel) {
    const std::int64_t batch = test.batch, height = test.height, width = test.width, channels = test.channels;
    const std::int64_t images = bank.images;
    if (window < 1) throw UsageError("window " + std::to_string(window) + " is smaller than 1");
    if (bank.locations != height * width || bank.channels != channels || images < 1 ||
        (bank.values == nullptr) == (bank.halfValues == nullptr))
        throw Error("the memory bank [" + std::to_string(bank.locations) + ", " + std::to_string(images) +
                    ", " + std::to_string(bank.channels) + "] does not fit test embeddings [" +
                    std::to_string(batch) + ", " + std::to_string(height) + ", " + std::to_string(width) +
                    ", " + std::to_string(channels) + "]");
    const std::int64_t offsets = static_cast<std::int64_t>(window) * window;
    std::fill(minima, minima + batch * height * width * offsets, std::numeric_limits<float>::infinity());
    const impl::Kernels& k = impl::kernels(kernel);

    // Test rows are taken in chunks so that a chunk's transposed vectors (C × 256 floats, 448 KiB at C = 448)
    // and one location's bank block (N × C) stay in the L2 cache while the kernel sweeps the bank block.
    constexpr std::int64_t kChunk = 256;
    parallelFor(height * width, [&](std::int64_t begin, std::int64_t end) {
        const impl::AlignedFloats xt = impl::alignedFloats(channels * kChunk);
        const impl::AlignedFloats best = impl::alignedFloats(kChunk);
        const impl::AlignedFloats converted = impl::alignedFloats(bank.halfValues ? images * channels : 0);
        std::vector<WindowRow> rows;
        for (std::int64_t location = begin; location < end; ++location) {
            windowRows(batch, height, width, window, location, rows);
            const float* y = nullptr;
            if (bank.values) {
                y = bank.values + location * images * channels;
            } else {
                k.halfToFloat(bank.halfValues + location * images * channels, converted.get(),
                              images * channels);
                y = converted.get();
            }
            const float* yNorms = bank.squaredNorms + location * images;
            for (std::size_t r0 = 0; r0 < rows.size(); r0 += kChunk) {
                const auto count = static_cast<std::int64_t>(std::min<std::size_t>(kChunk, rows.size() - r0));
                const std::int64_t ld = (count + 15) / 16 * 16;
                for (std::int64_t g = 0; g < ld; g += 16) {
                    const float* sources[16];
                    for (std::int64_t j = 0; j < 16; ++j)
                        sources[j] = g + j < count ? test.values + rows[r0 + g + j].test * channels : nullptr;
                    for (std::int64_t c = 0; c < channels; ++c) {
                        float* out = xt.get() + c * ld + g;
                        for (std::int64_t j = 0; j < 16; ++j) out[j] = sources[j] ? sources[j][c] : 0.0F;
                    }
                }
                std::fill(best.get(), best.get() + ld, std::numeric_limits<float>::infinity());
                k.blockMinima(xt.get(), ld, ld, channels, y, yNorms, images, best.get());
                for (std::int64_t j = 0; j < count; ++j) {
                    const WindowRow& row = rows[r0 + j];
                    minima[row.output] = std::max(best[j] + test.squaredNorms[row.test], 0.0F);
                }
            }
        }
    });
}

// Binary16 conversions after the classic bit-level formulation (round to nearest, ties to even).
std::uint16_t floatToHalf(float value) {
    std::uint32_t f = 0;
    std::memcpy(&f, &value, 4);
    const std::uint32_t sign = (f >> 16) & 0x8000U;
    f &= 0x7fffffffU;
    if (f >= 0x7f800000U) return static_cast<std::uint16_t>(sign | (f > 0x7f800000U ? 0x7e00U : 0x7c00U));
    if (f >= 0x477ff000U) return static_cast<std::uint16_t>(sign | 0x7c00U);  // rounds beyond 65504: infinity
    if (f < 0x38800000U) {                                                    // subnormal or zero in binary16
        if (f < 0x33000000U) return static_cast<std::uint16_t>(sign);
        const std::uint32_t exponent = f >> 23;
        const std::uint32_t mantissa = (f & 0x7fffffU) | 0x800000U;
        const std::uint32_t shift = 126 - exponent;  // 14 … 24
        std::uint32_t half = mantissa >> shift;
        const std::uint32_t rest = mantissa & ((1U << shift) - 1);
        const std::uint32_t halfway = 1U << (shift - 1);
        if (rest > halfway || (rest == halfway && (half & 1U))) ++half;
        return static_cast<std::uint16_t>(sign | half);
    }
    std::uint32_t half = ((f >> 13) - (112U << 10));
    const std::uint32_t rest = f & 0x1fffU;
    if (rest > 0x1000U || (rest == 0x1000U && (half & 1U))) ++half;
    return static_cast<std::uint16_t>(sign | half);
}

float halfToFloat(std::uint16_t value) {
    const std::uint32_t sign = static_cast<std::uint32_t>(value & 0x8000U) << 16;
    std::uint32_t exponent = (value >> 10) & 0x1fU;
    std::uint32_t mantissa = value & 0x3ffU;
    std::uint32_t f = 0;
    if (exponent == 0x1fU) {
        f = sign | 0x7f800000U | (mantissa << 13);
    } else if (exponent != 0) {
        f = sign | ((exponent + 112U) << 23) | (mantissa << 13);
    } else if (mantissa != 0) {
        exponent = 113;
        while ((mantissa & 0x400U) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        f = sign | (exponent << 23) | ((mantissa & 0x3ffU) << 13);
    } else {
        f = sign;
    }
    float out = 0;
    std::memcpy(&out, &f, 4);
    return out;
}

}  // namespace lwinnn
