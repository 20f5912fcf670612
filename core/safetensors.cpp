#include "safetensors.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "error.h"
#include "file_util.h"

namespace lwinnn {
namespace {

// A header beyond this is not a safetensors file (real headers are kilobytes; the reference caps at 100 MB).
constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;

std::string inQuotes(const std::string& name) { return "'" + name + "'"; }

std::uint64_t readLittleEndian64(const std::byte* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | std::to_integer<std::uint64_t>(p[i]);
    return v;
}

struct Range {
    std::uint64_t begin;
    std::uint64_t end;
    std::string name;
};

// Parses one tensor entry of the header and checks its byte range against the data section.
HostTensor parseTensorEntry(const std::filesystem::path& file, const std::string& name,
                            const nlohmann::json& entry, std::uint64_t dataSize, Range& range) {
    const auto fail = [&](const std::string& reason) {
        return FormatError(file, "tensor " + inQuotes(name) + reason);
    };
    if (!entry.is_object()) throw fail(" is not a JSON object");
    const auto dtypeIt = entry.find("dtype");
    const auto shapeIt = entry.find("shape");
    const auto offsetsIt = entry.find("data_offsets");
    if (dtypeIt == entry.end() || !dtypeIt->is_string()) throw fail(" has no \"dtype\" string");
    if (shapeIt == entry.end() || !shapeIt->is_array()) throw fail(" has no \"shape\" array");
    if (offsetsIt == entry.end() || !offsetsIt->is_array() || offsetsIt->size() != 2 ||
        !(*offsetsIt)[0].is_number_unsigned() || !(*offsetsIt)[1].is_number_unsigned())
        throw fail(" has no \"data_offsets\" pair of non-negative integers");

    HostTensor t;
    try {
        t.dtype = dtypeFromName(dtypeIt->get<std::string>());
    } catch (const Error&) {
        throw fail(" has unknown dtype " + inQuotes(dtypeIt->get<std::string>()));
    }
    std::uint64_t bytes = dtypeSize(t.dtype);
    for (const auto& d : *shapeIt) {
        if (!d.is_number_unsigned()) throw fail(" has a shape entry that is not a non-negative integer");
        const auto dim = d.get<std::uint64_t>();
        if (dim > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ||
            (dim != 0 && bytes > std::numeric_limits<std::uint64_t>::max() / dim))
            throw fail(" has an absurd shape");
        bytes *= dim;
        t.shape.push_back(static_cast<std::int64_t>(dim));
    }
    range = {(*offsetsIt)[0].get<std::uint64_t>(), (*offsetsIt)[1].get<std::uint64_t>(), name};
    if (range.end < range.begin)
        throw fail(" has data_offsets [" + std::to_string(range.begin) + "," + std::to_string(range.end) +
                   "] that end before they begin");
    if (range.end - range.begin != bytes)
        throw fail(": shape " + shapeText(t.shape) + " of " + dtypeName(t.dtype) + " needs " +
                   std::to_string(bytes) + " bytes but its data_offsets span " +
                   std::to_string(range.end - range.begin));
    if (range.end > dataSize)
        throw fail(" ends at byte " + std::to_string(range.end) + " of a data section of only " +
                   std::to_string(dataSize) + " bytes (truncated?)");
    t.nbytes = bytes;
    return t;
}

std::uint64_t byteCount(const TensorToWrite& t) {
    std::uint64_t bytes = dtypeSize(t.dtype);
    for (const auto d : t.shape) bytes *= static_cast<std::uint64_t>(d);
    return bytes;
}

}  // namespace

SafetensorsFile readSafetensors(const std::filesystem::path& file) {
    const auto mapping = std::make_shared<MappedFile>(file);
    return parseSafetensors(file, {mapping->data(), mapping->size()}, mapping);
}

SafetensorsFile parseSafetensors(const std::filesystem::path& file, std::span<const std::byte> bytes,
                                 std::shared_ptr<const void> owner) {
    const auto size = bytes.size();
    if (size < 8)
        throw FormatError(file, "truncated: the file is " + std::to_string(size) +
                                    " bytes, shorter than the 8-byte header length of a safetensors file");
    const auto headerBytes = readLittleEndian64(bytes.data());
    if (headerBytes > kMaxHeaderBytes)
        throw FormatError(file, "not a safetensors file: its header length field says " +
                                    std::to_string(headerBytes) + " bytes, which is absurd (over 100 MB)");
    if (headerBytes > size - 8)
        throw FormatError(file, "truncated: the header says " + std::to_string(headerBytes) +
                                    " bytes but only " + std::to_string(size - 8) + " follow");

    SafetensorsFile result;
    result.dataOffset = 8 + headerBytes;
    const auto* headerBegin = reinterpret_cast<const char*>(bytes.data() + 8);
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerBegin, headerBegin + headerBytes);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(file, std::string("the header is not valid JSON: ") + e.what());
    }
    if (!header.is_object()) throw FormatError(file, "the header is not a JSON object");

    const std::uint64_t dataSize = size - result.dataOffset;
    const auto* dataBegin = bytes.data() + result.dataOffset;
    std::vector<Range> ranges;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            if (!entry.is_object()) throw FormatError(file, "\"__metadata__\" is not a JSON object");
            for (const auto& [key, value] : entry.items()) {
                if (!value.is_string())
                    throw FormatError(file, "the metadata value of " + inQuotes(key) + " is not a string");
                result.metadata[key] = value.get<std::string>();
            }
            continue;
        }
        Range range{};
        auto t = parseTensorEntry(file, name, entry, dataSize, range);
        const std::byte* data = dataBegin + range.begin;
        if (reinterpret_cast<std::uintptr_t>(data) % dtypeSize(t.dtype) == 0) {
            t.data = data;
            t.owner = owner;
        } else {
            // The format does not align tensors (a float32 after three uint8 values starts at an odd offset),
            // but HostTensor hands out typed pointers: such a tensor is copied into aligned storage.
            t = HostTensor::fromBytes(t.dtype, std::move(t.shape),
                                      std::vector<std::byte>(data, data + t.nbytes));
        }
        result.tensors.emplace(name, std::move(t));
        ranges.push_back(std::move(range));
    }

    // Gaps are harmless and tolerated; two tensors sharing bytes are not.
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    const Range* furthest = nullptr;
    for (const auto& r : ranges) {
        if (r.begin == r.end) continue;
        if (furthest && r.begin < furthest->end)
            throw FormatError(file, "tensors " + inQuotes(furthest->name) + " and " + inQuotes(r.name) +
                                        " overlap in the data section");
        if (!furthest || r.end > furthest->end) furthest = &r;
    }
    return result;
}

void writeSafetensors(const std::filesystem::path& file, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata, std::size_t alignment) {
    if (alignment == 0) throw UsageError("safetensors alignment must be at least 1 byte");
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::set<std::string> names;
    std::uint64_t offset = 0;
    for (const auto& t : tensors) {
        if (t.name == "__metadata__" || !names.insert(t.name).second)
            throw UsageError("cannot write " + file.string() + ": tensor name " + inQuotes(t.name) +
                             " is reserved or repeated");
        if (std::any_of(t.shape.begin(), t.shape.end(), [](std::int64_t d) { return d < 0; }))
            throw UsageError("cannot write " + file.string() + ": tensor " + inQuotes(t.name) +
                             " has a negative dimension");
        const auto bytes = byteCount(t);
        if (bytes && !t.data)
            throw UsageError("cannot write " + file.string() + ": tensor " + inQuotes(t.name) +
                             " has no data");
        header[t.name] = {
            {"dtype", dtypeName(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    text.append((alignment - (8 + text.size()) % alignment) % alignment, ' ');

    writeFileAtomically(file, [&](std::ostream& out) {
        std::uint64_t length = text.size();
        char lengthBytes[8];
        for (auto& b : lengthBytes) {
            b = static_cast<char>(length & 0xff);
            length >>= 8;
        }
        out.write(lengthBytes, 8);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        for (const auto& t : tensors)
            out.write(static_cast<const char*>(t.data), static_cast<std::streamsize>(byteCount(t)));
    });
}

}  // namespace lwinnn
