// Writing anomaly maps for people and for other tools: a colour heatmap blended over the original image (PNG)
// and the float map itself (32-bit TIFF), both at the original image's size (DESIGN §2.7 step 3).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "image_io.h"

namespace lwinnn {

struct MapView {
    int height = 0;
    int width = 0;
    const float* values = nullptr;  // row-major
};

// Bilinear resize of a map (half-pixel centres, as align_corners=false).
std::vector<float> resizeMap(const MapView& map, int height, int width);

// The map resized to the image, coloured (turbo) over [low, high] and blended with `alpha` over the image.
RgbImage renderHeatmapOverlay(const RgbImage& image, const MapView& map, float low, float high,
                              float alpha = 0.5f);
// renderHeatmapOverlay written as a PNG, atomically.
void writeHeatmapOverlay(const std::filesystem::path& file, const RgbImage& image, const MapView& map,
                         float low, float high, float alpha = 0.5f);
// The map resized to the image's size as a single-channel 32-bit float TIFF; written atomically.
void writeFloatTiff(const std::filesystem::path& file, const MapView& map, int height, int width);

// Outputs of images above this many pixels are written smaller unless asked for in full: a 400-megapixel
// float TIFF alone would be 1.6 GB.
inline constexpr std::int64_t kDefaultMaxOutputPixels = 16'000'000;
// The size outputs of a width × height image are written at: its own up to `maxPixels`, else scaled down with
// its aspect kept to fit in `maxPixels`; `scale` is output width / image width.
struct OutputSize {
    int width = 0;
    int height = 0;
    double scale = 1.0;
};
OutputSize outputSizeFor(int width, int height, std::int64_t maxPixels);
// The image resized to width × height by area averaging (for outputs at a reduced size).
RgbImage resizedImage(const RgbImage& image, int width, int height);

}  // namespace lwinnn
