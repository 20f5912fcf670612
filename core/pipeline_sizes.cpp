// The pipeline's sizes and names (pipeline.h) that need no LibTorch. They live in the base layer so that the
// model file reader, which checks a header against them, links without LibTorch.
#include <cstdint>

#include "error.h"
#include "pipeline.h"

namespace lwinnn {

const char* resizeModeName(ResizeMode mode) { return mode == ResizeMode::Square ? "square" : "keep-aspect"; }

ResizeMode resizeModeFromName(const std::string& name) {
    if (name == "keep-aspect") return ResizeMode::KeepAspect;
    if (name == "square") return ResizeMode::Square;
    throw UsageError("unknown resize mode '" + name + "' (use keep-aspect or square)");
}

Size2D inputSizeFor(int height, int width, ResizeMode mode) {
    if (mode == ResizeMode::Square) return {kInputShortSide, kInputShortSide};
    // trunc(256 * long / short) in exact integer arithmetic.
    const auto scaled = [](int longSide, int shortSide) {
        return static_cast<int>(static_cast<std::int64_t>(kInputShortSide) * longSide / shortSide);
    };
    if (height <= width) return {kInputShortSide, scaled(width, height)};
    return {scaled(height, width), kInputShortSide};
}

Size2D gridSizeFor(Size2D input) {
    // conv1 and maxpool halve twice (with padding), then the 3×3 average pool without padding removes 2.
    const auto quarter = [](int n) { return ((n + 1) / 2 + 1) / 2; };
    return {quarter(input.height) - 2, quarter(input.width) - 2};
}

int windowLow(int window) { return window / 2; }
int windowHigh(int window) { return (window + 1) / 2 - 1; }

}  // namespace lwinnn
