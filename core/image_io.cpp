#include "image_io.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <system_error>

#include "error.h"
#include "file_util.h"

namespace lwinnn {
namespace {

// OpenCV reports an unreadable file only as an empty Mat; read the bytes ourselves so that a missing file,
// an empty file and undecodable content get distinct messages.
cv::Mat decodeUnchanged(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw FileError(file, "no such file");
    if (std::filesystem::is_directory(file, ec)) throw FileError(file, "is a folder, not an image");
    const std::vector<std::byte> bytes = readWholeFile(file);
    if (bytes.empty()) throw FileError(file, "the file is empty");
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<std::byte*>(bytes.data()));
    cv::Mat image;
    try {
        image = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw FileError(file, std::string("cannot decode the image: ") + e.what());
    }
    if (image.empty())
        throw FileError(file, "cannot decode the image (corrupt, truncated or not a PNG, JPEG, BMP or TIFF file)");
    if (image.dims != 2 || image.rows <= 0 || image.cols <= 0) throw FileError(file, "the image has no pixels");
    return image;
}

// 16-bit to 8-bit as round(v / 257) (DESIGN §2.1); v/257 is never exactly half-way for integer v, so the
// rounding mode does not matter.
cv::Mat to8Bit(const cv::Mat& image, const std::filesystem::path& file) {
    switch (image.depth()) {
        case CV_8U:
            return image;
        case CV_16U: {
            cv::Mat out;
            image.convertTo(out, CV_8U, 1.0 / 257.0);
            return out;
        }
        default:
            throw FileError(file, "unsupported pixel depth (only 8- and 16-bit images are read)");
    }
}

}  // namespace

RgbImage decodeImage(const std::filesystem::path& file) {
    const cv::Mat image = to8Bit(decodeUnchanged(file), file);
    cv::Mat rgb;
    switch (image.channels()) {
        case 1:
            cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB);
            break;
        case 3:
            cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB);
            break;
        case 4:  // alpha is dropped, not composited
            cv::cvtColor(image, rgb, cv::COLOR_BGRA2RGB);
            break;
        default:
            throw FileError(file, "unsupported channel count " + std::to_string(image.channels()));
    }
    RgbImage out;
    out.width = rgb.cols;
    out.height = rgb.rows;
    out.source = file;
    out.pixels.resize(static_cast<std::size_t>(rgb.total()) * 3);
    const cv::Mat packed = rgb.isContinuous() ? rgb : rgb.clone();
    std::copy(packed.data, packed.data + out.pixels.size(), out.pixels.begin());
    return out;
}

GreyImage decodeMask(const std::filesystem::path& file) {
    // Binarised on the raw values so that a 16-bit mask with small labels (1, 2, ...) keeps its defects.
    const cv::Mat image = decodeUnchanged(file);
    if (image.depth() != CV_8U && image.depth() != CV_16U)
        throw FileError(file, "unsupported pixel depth for a mask (only 8- and 16-bit images are read)");
    std::vector<cv::Mat> channels;
    cv::split(image, channels);
    const int colourChannels = std::min<int>(3, static_cast<int>(channels.size()));  // alpha is not a label
    cv::Mat defect = channels[0] > 0;
    for (int c = 1; c < colourChannels; ++c) defect |= channels[static_cast<std::size_t>(c)] > 0;
    GreyImage out;
    out.width = defect.cols;
    out.height = defect.rows;
    const cv::Mat packed = defect.isContinuous() ? defect : defect.clone();
    out.pixels.assign(packed.data, packed.data + packed.total());
    return out;
}

bool hasImageExtension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" || ext == ".tiff";
}

std::vector<std::filesystem::path> listImages(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::exists(folder, ec)) throw FileError(folder, "no such folder");
    if (!std::filesystem::is_directory(folder, ec)) throw FileError(folder, "is not a folder");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (entry.is_regular_file(ec) && hasImageExtension(entry.path())) files.push_back(entry.path());
    }
    if (ec) throw FileError(folder, "cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace lwinnn
