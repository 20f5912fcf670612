// The window search kernel for AVX-512 (compiled with -mavx512f -mfma -mf16c; called only when the CPU has
// it).
#include <immintrin.h>

#include "impl/window_kernels.h"

namespace lwinnn::impl {
namespace {

struct Avx512 {
    using V = __m512;
    static constexpr int kLanes = 16;
    static constexpr int kMaxRows = 4;  // 4 × 6 accumulators + 4 test vectors + 1 broadcast of 32 registers
    static constexpr int kBank = 6;
    static V zero() { return _mm512_setzero_ps(); }
    static V load(const float* p) { return _mm512_load_ps(p); }
    static void store(float* p, V v) { _mm512_store_ps(p, v); }
    static V broadcast(float v) { return _mm512_set1_ps(v); }
    static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
    static V add(V a, V b) { return _mm512_add_ps(a, b); }
    static V sub(V a, V b) { return _mm512_sub_ps(a, b); }
    static V min(V a, V b) { return _mm512_min_ps(a, b); }
};

#include "impl/window_kernel.inc"

}  // namespace

void blockMinimaAvx512(const float* xt, std::int64_t ld, std::int64_t rows, std::int64_t channels,
                       const float* y, const float* yNorms, std::int64_t images, float* best) {
    blockMinima<Avx512>(xt, ld, rows, channels, y, yNorms, images, best);
}

void halfToFloatAvx512(const std::uint16_t* in, float* out, std::int64_t count) {
    std::int64_t i = 0;
    for (; i + 16 <= count; i += 16)
        _mm512_storeu_ps(out + i,
                         _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i))));
    for (; i < count; ++i) out[i] = _cvtsh_ss(in[i]);
}

}  // namespace lwinnn::impl
