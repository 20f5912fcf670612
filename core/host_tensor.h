// A typed, shaped block of host memory that owns (or shares) its bytes: what checkpoint readers, the model
// file and the fixtures hand around, without pulling LibTorch into the translation unit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lwinnn {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

// Size in bytes of one element; the safetensors name ("F32", ...) and its inverse (throws on unknown names).
std::size_t dtypeSize(DType t);
const char* dtypeName(DType t);
DType dtypeFromName(const std::string& name);

struct HostTensor {
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::shared_ptr<const void> owner;  // keeps `data` alive: a vector, a file mapping, ...
    const std::byte* data = nullptr;
    std::size_t nbytes = 0;

    std::int64_t numel() const;
    const float* f32() const;  // throws lwinnn::Error unless dtype is F32
    const double* f64() const;
    const std::uint8_t* u8() const;

    // Contiguous copies into fresh owned storage.
    static HostTensor fromBytes(DType dtype, std::vector<std::int64_t> shape, std::vector<std::byte> bytes);
    static HostTensor fromFloats(std::vector<std::int64_t> shape, std::vector<float> values);
    // Any floating dtype converted to float32 values (F64/F16/BF16/F32).
    std::vector<float> toFloats() const;
};

using TensorMap = std::map<std::string, HostTensor>;

// "[64, 3, 7, 7]", for messages.
std::string shapeText(const std::vector<std::int64_t>& shape);

}  // namespace lwinnn
