// What every fuzzer asserts beyond "no crash": a reader either returns well-formed results or throws
// lwinnn::Error. Any other exception escapes LLVMFuzzerTestOneInput and libFuzzer reports it as a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "host_tensor.h"

namespace lwinnn::fuzz {

// Fails the run loudly: a reader broke one of its own promises.
[[noreturn]] inline void broken(const char* what) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

// Keeps a value from being optimised away.
template <typename T>
inline void keep(T value) {
    asm volatile("" : : "m"(value));
}

// A returned tensor must say its byte count consistently and its bytes must be readable (AddressSanitizer
// checks every byte touched here).
inline void checkTensor(const HostTensor& t) {
    std::uint64_t elements = 1;
    for (const auto d : t.shape) {
        if (d < 0) broken("negative dimension");
        if (__builtin_mul_overflow(elements, static_cast<std::uint64_t>(d), &elements))
            broken("numel overflows");
    }
    if (elements * dtypeSize(t.dtype) != t.nbytes) broken("nbytes differs from shape x dtype size");
    if (t.nbytes && !t.data) broken("bytes without data");
    // Typed access is what the consumers do (f32() and friends); UBSan checks the alignment.
    if (t.dtype == DType::F32 && t.nbytes) keep(t.f32()[0]);
    if (t.dtype == DType::F64 && t.nbytes) keep(t.f64()[0]);
    unsigned sum = 0;
    for (std::size_t i = 0; i < t.nbytes; ++i) sum += std::to_integer<unsigned>(t.data[i]);
    // Keeps the loop from being optimised away.
    asm volatile("" : : "r"(sum));
}

}  // namespace lwinnn::fuzz
