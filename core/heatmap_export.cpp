#include "heatmap_export.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "error.h"
#include "file_util.h"

namespace lwinnn {
namespace {

cv::Mat resized(const MapView& map, int height, int width) {
    const cv::Mat src(map.height, map.width, CV_32FC1, const_cast<float*>(map.values));
    if (map.height == height && map.width == width) return src.clone();
    cv::Mat dst;
    cv::resize(src, dst, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
    return dst;
}

void writeEncoded(const std::filesystem::path& file, const std::string& extension, const cv::Mat& image,
                  const std::vector<int>& params = {}) {
    std::vector<uchar> bytes;
    try {
        if (!cv::imencode(extension, image, bytes, params)) throw FileError(file, "cannot encode the image");
    } catch (const cv::Exception& e) {
        throw FileError(file, std::string("cannot encode the image: ") + e.what());
    }
    writeFileAtomically(file, bytes.data(), bytes.size());
}

}  // namespace

std::vector<float> resizeMap(const MapView& map, int height, int width) {
    const cv::Mat m = resized(map, height, width);
    return std::vector<float>(m.ptr<float>(), m.ptr<float>() + m.total());
}

OutputSize outputSizeFor(int width, int height, std::int64_t maxPixels) {
    const double pixels = static_cast<double>(width) * static_cast<double>(height);
    if (pixels <= static_cast<double>(maxPixels)) return {width, height, 1.0};
    const double scale = std::sqrt(static_cast<double>(maxPixels) / pixels);
    OutputSize out;
    out.width = std::max(1, static_cast<int>(std::floor(width * scale)));
    out.height = std::max(1, static_cast<int>(std::floor(height * scale)));
    out.scale = static_cast<double>(out.width) / width;
    return out;
}

RgbImage resizedImage(const RgbImage& image, int width, int height) {
    const cv::Mat source(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat target;
    cv::resize(source, target, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    RgbImage out;
    out.width = width;
    out.height = height;
    out.source = image.source;
    out.pixels.assign(target.data, target.data + static_cast<std::size_t>(width) * height * 3);
    return out;
}

RgbImage renderHeatmapOverlay(const RgbImage& image, const MapView& map, float low, float high, float alpha) {
    const cv::Mat scores = resized(map, image.height, image.width);
    const float span = high > low ? high - low : 1.0f;
    cv::Mat levels;
    scores.convertTo(levels, CV_8U, 255.0 / span, -255.0 * low / span);  // saturates outside [low, high]
    cv::Mat colours;
    cv::applyColorMap(levels, colours, cv::COLORMAP_TURBO);  // BGR
    cv::cvtColor(colours, colours, cv::COLOR_BGR2RGB);
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()));
    RgbImage out;
    out.width = image.width;
    out.height = image.height;
    out.source = image.source;
    out.pixels.resize(image.pixels.size());
    cv::Mat blended(image.height, image.width, CV_8UC3, out.pixels.data());
    cv::addWeighted(colours, alpha, rgb, 1.0 - alpha, 0.0, blended);
    return out;
}

void writeHeatmapOverlay(const std::filesystem::path& file, const RgbImage& image, const MapView& map,
                         float low, float high, float alpha) {
    const RgbImage overlay = renderHeatmapOverlay(image, map, low, high, alpha);
    const cv::Mat rgb(overlay.height, overlay.width, CV_8UC3,
                      const_cast<std::uint8_t*>(overlay.pixels.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    writeEncoded(file, ".png", bgr);
}

void writeFloatTiff(const std::filesystem::path& file, const MapView& map, int height, int width) {
    writeEncoded(file, ".tiff", resized(map, height, width));
}

}  // namespace lwinnn
