// Writing anomaly maps for people and for other tools: a colour heatmap blended over the original image (PNG)
// and the float map itself (32-bit TIFF), both at the original image's size (DESIGN §2.7 step 3).
#pragma once

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
RgbImage renderHeatmapOverlay(const RgbImage& image, const MapView& map, float low, float high, float alpha = 0.5f);
// renderHeatmapOverlay written as a PNG, atomically.
void writeHeatmapOverlay(const std::filesystem::path& file, const RgbImage& image, const MapView& map, float low,
                         float high, float alpha = 0.5f);
// The map resized to the image's size as a single-channel 32-bit float TIFF; written atomically.
void writeFloatTiff(const std::filesystem::path& file, const MapView& map, int height, int width);

}  // namespace lwinnn
