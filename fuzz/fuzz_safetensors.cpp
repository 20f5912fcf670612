// The safetensors reader (header length, JSON header, byte ranges) on arbitrary bytes.
#include <memory>
#include <vector>

#include "error.h"
#include "fuzz_support.h"
#include "safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A copy the tensors may keep alive, as they keep a file mapping alive.
    const auto bytes = std::make_shared<std::vector<std::byte>>(
        reinterpret_cast<const std::byte*>(data), reinterpret_cast<const std::byte*>(data) + size);
    try {
        const auto file = lwinnn::parseSafetensors("fuzz.safetensors", *bytes, bytes);
        if (file.dataOffset < 8 || file.dataOffset > size)
            lwinnn::fuzz::broken("data section outside the file");
        for (const auto& [name, tensor] : file.tensors) {
            lwinnn::fuzz::checkTensor(tensor);
            // A tensor is either a view into the input (kept alive by it) or an aligned copy.
            const bool view = tensor.owner.get() == bytes.get();
            if (view && (tensor.data < bytes->data() + file.dataOffset ||
                         tensor.data + tensor.nbytes > bytes->data() + size))
                lwinnn::fuzz::broken("tensor bytes outside the data section");
        }
    } catch (const lwinnn::Error&) {
    }
    return 0;
}
