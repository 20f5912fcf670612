// safetensors files (8-byte little-endian header length, JSON header, raw little-endian tensors): reading by
// memory map, and atomic writing with the data section aligned so that large tensors can be mapped in place.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "host_tensor.h"

namespace lwinnn {

struct SafetensorsFile {
    std::map<std::string, std::string> metadata;  // "__metadata__" (string to string)
    TensorMap tensors;                            // views into the mapping, which they keep alive
    std::size_t dataOffset = 0;                   // byte offset of the data section in the file
};

// Maps and validates the file: header length and JSON, dtypes, shapes against byte ranges, ranges inside the
// file and not overlapping (gaps between them are tolerated). Throws FormatError naming the file.
SafetensorsFile readSafetensors(const std::filesystem::path& file);
// The same checks on a file image already in memory; `owner` keeps `bytes` alive and is shared by the
// tensors. `file` only names the image in errors.
SafetensorsFile parseSafetensors(const std::filesystem::path& file, std::span<const std::byte> bytes,
                                 std::shared_ptr<const void> owner);

struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    const void* data = nullptr;  // contiguous, shape-product * dtypeSize bytes
};

// Writes atomically (temporary file in the same folder, flush, fsync, rename). The header lists the metadata
// first (when there is any), then the tensors in the order given, and is padded with spaces so that the data
// section starts at a multiple of `alignment` bytes. Tensors follow one another with no gaps: the reference
// implementation (Rust safetensors) refuses a data section whose ranges are not contiguous, so tensors are
// not aligned individually; only the data section start is.
void writeSafetensors(const std::filesystem::path& file, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata, std::size_t alignment = 4096);

}  // namespace lwinnn
