#include "colour_maps.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "image_conversion.h"

namespace lwinnn::ui {

namespace {

struct Stop {
    double t;
    int r, g, b;
};

// matplotlib's inferno sampled every 0.1, interpolated linearly between.
constexpr std::array<Stop, 11> kInferno{{{0.0, 0, 0, 4},
                                         {0.1, 22, 11, 57},
                                         {0.2, 66, 10, 104},
                                         {0.3, 106, 23, 110},
                                         {0.4, 147, 38, 103},
                                         {0.5, 188, 55, 84},
                                         {0.6, 221, 81, 58},
                                         {0.7, 243, 120, 25},
                                         {0.8, 252, 165, 10},
                                         {0.9, 246, 215, 70},
                                         {1.0, 252, 255, 164}}};

QRgb inferno(double t) {
    t = std::clamp(t, 0.0, 1.0);
    const auto i = std::min<std::size_t>(static_cast<std::size_t>(t * 10.0), kInferno.size() - 2);
    const Stop& a = kInferno[i];
    const Stop& b = kInferno[i + 1];
    const double f = (t - a.t) / (b.t - a.t);
    auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
    return qRgb(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b));
}

}  // namespace

QImage renderHeatmap(const MapView& map, int width, int height, float low, float high, ColourMap colours) {
    if (colours == ColourMap::Turbo) {
        // The same colours as the PNG overlays written by `lwinnn` (alpha 1: the pure colour map).
        RgbImage canvas;
        canvas.width = width;
        canvas.height = height;
        canvas.pixels.assign(static_cast<std::size_t>(width) * height * 3, 0);
        return toQImage(renderHeatmapOverlay(canvas, map, low, high, 1.0f));
    }
    std::array<QRgb, 256> table{};
    for (int i = 0; i < 256; ++i)
        table[static_cast<std::size_t>(i)] =
            colours == ColourMap::Inferno ? inferno(i / 255.0) : qRgb(i, i, i);
    const std::vector<float> resized = resizeMap(map, height, width);
    QImage out(width, height, QImage::Format_RGB32);
    const float scale = high > low ? 255.0f / (high - low) : 0.0f;
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<QRgb*>(out.scanLine(y));
        const float* values = resized.data() + static_cast<std::size_t>(y) * width;
        for (int x = 0; x < width; ++x) {
            const int level = std::clamp(static_cast<int>((values[x] - low) * scale + 0.5f), 0, 255);
            row[x] = table[static_cast<std::size_t>(level)];
        }
    }
    return out;
}

}  // namespace lwinnn::ui
