#include "host_tensor.h"

#include <bit>
#include <cstring>
#include <limits>

#include "error.h"

namespace lwinnn {
namespace {

struct DTypeInfo {
    DType dtype;
    const char* name;
    std::size_t size;
};

// The names are the safetensors spellings.
constexpr DTypeInfo kDTypes[] = {
    {DType::F64, "F64", 8}, {DType::F32, "F32", 4},   {DType::F16, "F16", 2}, {DType::BF16, "BF16", 2},
    {DType::I64, "I64", 8}, {DType::I32, "I32", 4},   {DType::I16, "I16", 2}, {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},   {DType::Bool, "BOOL", 1},
};

const DTypeInfo& info(DType t) {
    for (const auto& i : kDTypes)
        if (i.dtype == t) return i;
    throw Error("invalid dtype value " + std::to_string(static_cast<int>(t)));
}

// IEEE 754 binary16 to binary32, subnormals, infinities and NaNs included.
float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    std::uint32_t exponent = (h >> 10) & 0x1fu;
    std::uint32_t mantissa = h & 0x3ffu;
    std::uint32_t bits;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;
    } else {
        // Subnormal: shift the mantissa up until its leading one becomes the implicit bit.
        exponent = 113;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
    }
    return std::bit_cast<float>(bits);
}

template <typename T>
T load(const std::byte* p) {
    T value;
    std::memcpy(&value, p, sizeof(T));  // tensors inside a mapping need not be aligned
    return value;
}

}  // namespace

std::size_t dtypeSize(DType t) { return info(t).size; }
const char* dtypeName(DType t) { return info(t).name; }

DType dtypeFromName(const std::string& name) {
    for (const auto& i : kDTypes)
        if (name == i.name) return i.dtype;
    throw Error("unknown dtype '" + name + "'");
}

std::int64_t HostTensor::numel() const {
    std::int64_t n = 1;
    for (const auto d : shape) n *= d;
    return n;
}

const float* HostTensor::f32() const {
    if (dtype != DType::F32) throw Error(std::string("expected a F32 tensor, got ") + dtypeName(dtype));
    return reinterpret_cast<const float*>(data);
}

const double* HostTensor::f64() const {
    if (dtype != DType::F64) throw Error(std::string("expected a F64 tensor, got ") + dtypeName(dtype));
    return reinterpret_cast<const double*>(data);
}

const std::uint8_t* HostTensor::u8() const {
    if (dtype != DType::U8) throw Error(std::string("expected a U8 tensor, got ") + dtypeName(dtype));
    return reinterpret_cast<const std::uint8_t*>(data);
}

HostTensor HostTensor::fromBytes(DType dtype, std::vector<std::int64_t> shape, std::vector<std::byte> bytes) {
    HostTensor t;
    t.dtype = dtype;
    t.shape = std::move(shape);
    for (const auto d : t.shape)
        if (d < 0) throw Error("negative dimension in a tensor shape");
    if (static_cast<std::size_t>(t.numel()) * dtypeSize(dtype) != bytes.size())
        throw Error("tensor shape and byte count disagree: " + std::to_string(t.numel()) + " elements of " +
                    dtypeName(dtype) + " but " + std::to_string(bytes.size()) + " bytes");
    auto storage = std::make_shared<std::vector<std::byte>>(std::move(bytes));
    t.data = storage->data();
    t.nbytes = storage->size();
    t.owner = std::move(storage);
    return t;
}

HostTensor HostTensor::fromFloats(std::vector<std::int64_t> shape, std::vector<float> values) {
    std::vector<std::byte> bytes(values.size() * sizeof(float));
    std::memcpy(bytes.data(), values.data(), bytes.size());
    return fromBytes(DType::F32, std::move(shape), std::move(bytes));
}

std::vector<float> HostTensor::toFloats() const {
    const auto n = static_cast<std::size_t>(numel());
    if (n * dtypeSize(dtype) > nbytes) throw Error("tensor holds fewer bytes than its shape needs");
    std::vector<float> out(n);
    switch (dtype) {
        case DType::F32:
            if (n) std::memcpy(out.data(), data, n * sizeof(float));
            break;
        case DType::F64:
            for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(load<double>(data + 8 * i));
            break;
        case DType::F16:
            for (std::size_t i = 0; i < n; ++i) out[i] = halfToFloat(load<std::uint16_t>(data + 2 * i));
            break;
        case DType::BF16:
            // bfloat16 is the upper half of a float32.
            for (std::size_t i = 0; i < n; ++i)
                out[i] =
                    std::bit_cast<float>(static_cast<std::uint32_t>(load<std::uint16_t>(data + 2 * i)) << 16);
            break;
        default:
            throw Error(std::string("toFloats() needs a floating tensor, got ") + dtypeName(dtype));
    }
    return out;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

}  // namespace lwinnn
