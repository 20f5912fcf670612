// The window search kernel for AVX2 with FMA (compiled with -mavx2 -mfma -mf16c; called only when the CPU has
// them).
#include <immintrin.h>

#include "impl/window_kernels.h"

namespace lwinnn::impl {
namespace {

struct Avx2 {
    using V = __m256;
    static constexpr int kLanes = 8;
    static constexpr int kMaxRows = 2;  // 2 × 6 accumulators + 2 test vectors + 1 broadcast of 16 registers
    static constexpr int kBank = 6;
    static V zero() { return _mm256_setzero_ps(); }
    static V load(const float* p) { return _mm256_load_ps(p); }
    static void store(float* p, V v) { _mm256_store_ps(p, v); }
    static V broadcast(float v) { return _mm256_set1_ps(v); }
    static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
    static V add(V a, V b) { return _mm256_add_ps(a, b); }
    static V sub(V a, V b) { return _mm256_sub_ps(a, b); }
    static V min(V a, V b) { return _mm256_min_ps(a, b); }
};

#include "impl/window_kernel.inc"

}  // namespace

void blockMinimaAvx2(const float* xt, std::int64_t ld, std::int64_t rows, std::int64_t channels,
                     const float* y, const float* yNorms, std::int64_t images, float* best) {
    blockMinima<Avx2>(xt, ld, rows, channels, y, yNorms, images, best);
}

void halfToFloatAvx2(const std::uint16_t* in, float* out, std::int64_t count) {
    std::int64_t i = 0;
    for (; i + 8 <= count; i += 8)
        _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i))));
    for (; i < count; ++i) out[i] = _cvtsh_ss(in[i]);
}

}  // namespace lwinnn::impl
