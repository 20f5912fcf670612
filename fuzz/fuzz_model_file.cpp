// The model file reader: the safetensors layer and then the model's own header and consistency checks.
#include <memory>
#include <vector>

#include "error.h"
#include "fuzz_support.h"
#include "model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = std::make_shared<std::vector<std::byte>>(
        reinterpret_cast<const std::byte*>(data), reinterpret_cast<const std::byte*>(data) + size);
    try {
        const auto model = lwinnn::modelFromSafetensors(
            "fuzz.lwinnn", lwinnn::parseSafetensors("fuzz.lwinnn", *bytes, bytes));
        // What the detector relies on once a model is accepted.
        const auto& info = model.info;
        if (info.grid != lwinnn::gridSizeFor(info.input) || info.grid.height < 1 || info.grid.width < 1 ||
            info.window < 1 || info.trainCount < 1 || info.channels != lwinnn::kChannels)
            lwinnn::fuzz::broken("accepted an inconsistent header");
        if (model.bank.numel() !=
            std::int64_t{info.grid.height} * info.grid.width * info.trainCount * info.channels)
            lwinnn::fuzz::broken("bank size differs from the header");
        lwinnn::fuzz::checkTensor(model.bank);
        lwinnn::fuzz::checkTensor(model.bankNorms);
        for (const auto& [name, tensor] : model.backbone) lwinnn::fuzz::checkTensor(tensor);
    } catch (const lwinnn::Error&) {
    }
    return 0;
}
