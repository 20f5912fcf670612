// The PyTorch checkpoint reader (zip container and pickle subset) on arbitrary bytes.
#include <span>

#include "checkpoint_reader.h"
#include "error.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto tensors =
            lwinnn::parseTorchCheckpoint("fuzz.pth", {reinterpret_cast<const std::byte*>(data), size});
        for (const auto& [name, tensor] : tensors) lwinnn::fuzz::checkTensor(tensor);
    } catch (const lwinnn::Error&) {
        // Refused, as it should be for almost every input.
    }
    return 0;
}
