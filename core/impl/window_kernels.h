// The per-instruction-set entry points of the window search kernel (core/impl/window_kernel.inc).
#pragma once

#include <cstdint>

namespace lwinnn::impl {

// best[r] = min(best[r], min over n < images of yNorms[n] − 2·xt[·][r]·y[n]) for r < rows (a multiple of 16);
// xt is [channels][ld] with ld a multiple of 16 and 64-byte aligned.
using BlockMinimaFn = void (*)(const float* xt, std::int64_t ld, std::int64_t rows, std::int64_t channels,
                               const float* y, const float* yNorms, std::int64_t images, float* best);
// out[i] = the binary16 value in[i] as float, for i < count.
using HalfToFloatFn = void (*)(const std::uint16_t* in, float* out, std::int64_t count);

void blockMinimaAvx512(const float* xt, std::int64_t ld, std::int64_t rows, std::int64_t channels,
                       const float* y, const float* yNorms, std::int64_t images, float* best);
void blockMinimaAvx2(const float* xt, std::int64_t ld, std::int64_t rows, std::int64_t channels,
                     const float* y, const float* yNorms, std::int64_t images, float* best);
void halfToFloatAvx512(const std::uint16_t* in, float* out, std::int64_t count);
void halfToFloatAvx2(const std::uint16_t* in, float* out, std::int64_t count);

}  // namespace lwinnn::impl
