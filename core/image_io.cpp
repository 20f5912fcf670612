#include "image_io.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <system_error>

#include "error.h"
#include "file_util.h"

namespace lwinnn {
namespace {

std::uint32_t bigEndian(std::span<const std::byte> b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = v << 8 | static_cast<std::uint32_t>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

std::uint32_t littleEndian(std::span<const std::byte> b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = v << 8 | static_cast<std::uint32_t>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

// One walk over a JPEG's segments and entropy-coded scans (where 0xFF is always followed by 0x00 or a restart
// marker), skipping stray and fill bytes as libjpeg does. It finds the size in the first frame header
// (SOF0…SOF15 except DHT C4, JPG C8 and DAC CC), and whether the data reach the end-of-image marker: libjpeg
// decodes a JPEG cut short with only a warning ("Premature end of JPEG file") and fills the missing rows with
// grey.
struct JpegWalk {
    std::optional<ImageDimensions> size;
    std::string incomplete;  // why the data are not whole; empty when they reach EOI
};

JpegWalk walkJpeg(std::span<const std::byte> bytes) {
    const std::size_t n = bytes.size();
    const auto at = [&](std::size_t i) { return static_cast<unsigned>(bytes[i]); };
    JpegWalk walk;
    const std::string cut = "truncated: the JPEG data ends before its end-of-image marker";
    std::size_t pos = 2;  // after SOI
    while (true) {
        while (pos < n && at(pos) != 0xFF) ++pos;          // stray bytes between segments
        while (pos + 1 < n && at(pos + 1) == 0xFF) ++pos;  // fill bytes
        if (pos + 1 >= n) return walk.incomplete = cut, walk;
        const unsigned marker = at(pos + 1);
        if (marker == 0xD9) return walk;
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;  // a stuffed or stray 0xFF 0x00 (libjpeg discards it), TEM, a restart marker
            continue;
        }
        if (pos + 4 > n) return walk.incomplete = cut, walk;
        const std::size_t length = at(pos + 2) << 8 | at(pos + 3);
        if (length < 2) {
            walk.incomplete = "corrupt JPEG: a segment length of " + std::to_string(length) + " at byte " +
                              std::to_string(pos);
            return walk;
        }
        if (!walk.size && marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
            marker != 0xCC && pos + 9 <= n)
            walk.size = ImageDimensions{at(pos + 7) << 8 | at(pos + 8), at(pos + 5) << 8 | at(pos + 6)};
        pos += 2 + length;
        if (pos > n) return walk.incomplete = cut, walk;
        if (marker != 0xDA) continue;
        // Entropy-coded data up to the next marker.
        while (pos < n) {
            if (at(pos) != 0xFF) {
                ++pos;
                continue;
            }
            if (pos + 1 >= n) return walk.incomplete = cut, walk;
            const unsigned next = at(pos + 1);
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos += 2;
            } else if (next == 0xFF) {
                ++pos;
            } else {
                break;
            }
        }
        if (pos >= n) return walk.incomplete = cut, walk;
    }
}

std::optional<ImageDimensions> tiffSize(std::span<const std::byte> b) {
    const bool little = static_cast<char>(b[0]) == 'I';
    const auto read = [&](std::size_t at, int bytes) {
        return little ? littleEndian(b, at, bytes) : bigEndian(b, at, bytes);
    };
    if (read(2, 2) != 42) return std::nullopt;  // 43 is BigTIFF: left to the decoder
    const std::size_t ifd = read(4, 4);
    if (ifd + 2 > b.size()) return std::nullopt;
    const std::size_t entries = read(ifd, 2);
    // The first ImageWidth (256) and ImageLength (257), as libtiff takes them (it ignores repeats), of any
    // integer type libtiff accepts; another type makes the header malformed.
    std::optional<std::int64_t> width, height;
    for (std::size_t i = 0; i < entries && ifd + 2 + 12 * (i + 1) <= b.size(); ++i) {
        const std::size_t e = ifd + 2 + 12 * i;
        const std::uint32_t tag = read(e, 2), type = read(e + 2, 2);
        if (tag != 256 && tag != 257) continue;
        std::optional<std::int64_t> value;
        switch (type) {
            case 1:  // BYTE
                value = static_cast<std::int64_t>(b[e + 8]);
                break;
            case 3:  // SHORT
                value = read(e + 8, 2);
                break;
            case 8:  // SSHORT
                value = static_cast<std::int16_t>(read(e + 8, 2));
                break;
            case 4:  // LONG
                value = read(e + 8, 4);
                break;
            case 9:  // SLONG
                value = static_cast<std::int32_t>(read(e + 8, 4));
                break;
            default:
                return std::nullopt;
        }
        if (tag == 256 && !width) width = value;
        if (tag == 257 && !height) height = value;
    }
    if (!width || !height || *width <= 0 || *height <= 0) return std::nullopt;
    return ImageDimensions{*width, *height};
}

std::atomic<std::int64_t> g_maxImagePixels{kDefaultMaxImagePixels};

bool isJpeg(std::span<const std::byte> bytes) {
    return bytes.size() >= 3 && bytes[0] == std::byte{0xFF} && bytes[1] == std::byte{0xD8} &&
           bytes[2] == std::byte{0xFF};
}

// OpenCV reports an unreadable file only as an empty Mat; read the bytes ourselves so that a missing file,
// an empty file and undecodable content get distinct messages.
cv::Mat decodeUnchanged(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw FileError(file, "no such file");
    if (std::filesystem::is_directory(file, ec)) throw FileError(file, "is a folder, not an image");
    const std::vector<std::byte> bytes = readWholeFile(file);
    if (bytes.empty()) throw FileError(file, "the file is empty");
    // Only what the header reader can size reaches the decoder: OpenCV picks its decoder by content, so a
    // file of another format (PPM, WebP, EXR…) would be decoded, at whatever size it declares, past the pixel
    // limit.
    const bool jpeg = isJpeg(bytes);
    const JpegWalk walk =
        jpeg ? walkJpeg(bytes) : JpegWalk{};  // one walk gives the size and the completeness
    const auto size = jpeg ? walk.size : declaredImageSize(bytes);
    if (!size)
        throw FileError(file,
                        "cannot decode the image (corrupt, truncated or not a PNG, JPEG, BMP or TIFF file)");
    checkImagePixels(file, size->width, size->height);
    if (!walk.incomplete.empty()) throw FileError(file, walk.incomplete);
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<std::byte*>(bytes.data()));
    cv::Mat image;
    try {
        image = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw FileError(file, std::string("cannot decode the image: ") + e.what());
    }
    if (image.empty())
        throw FileError(file,
                        "cannot decode the image (corrupt, truncated or not a PNG, JPEG, BMP or TIFF file)");
    if (image.dims != 2 || image.rows <= 0 || image.cols <= 0)
        throw FileError(file, "the image has no pixels");
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

std::optional<ImageDimensions> declaredImageSize(std::span<const std::byte> b) {
    const auto is = [&](std::string_view magic) {
        return b.size() >= magic.size() && std::memcmp(b.data(), magic.data(), magic.size()) == 0;
    };
    if (is("\x89PNG\r\n\x1a\n")) {
        if (b.size() < 24 || std::memcmp(b.data() + 12, "IHDR", 4) != 0) return std::nullopt;
        return ImageDimensions{bigEndian(b, 16, 4), bigEndian(b, 20, 4)};
    }
    if (isJpeg(b)) return walkJpeg(b).size;
    if (is("BM")) {
        if (b.size() < 26) return std::nullopt;
        if (littleEndian(b, 14, 4) == 12)
            return ImageDimensions{littleEndian(b, 18, 2), littleEndian(b, 20, 2)};
        const auto width = static_cast<std::int32_t>(littleEndian(b, 18, 4));
        const auto height = static_cast<std::int32_t>(littleEndian(b, 22, 4));  // negative: rows top-down
        if (width < 0) return std::nullopt;  // malformed: left to the decoder to refuse
        return ImageDimensions{width, std::abs(std::int64_t{height})};
    }
    if ((is("II") || is("MM")) && b.size() >= 8) return tiffSize(b);
    return std::nullopt;
}

std::string incompleteJpegReason(std::span<const std::byte> bytes) {
    return isJpeg(bytes) ? walkJpeg(bytes).incomplete : std::string();
}

std::int64_t maxImagePixels() { return g_maxImagePixels.load(); }

void setMaxImagePixels(std::int64_t pixels) {
    if (pixels < 1) throw UsageError("the pixel limit must be at least 1, not " + std::to_string(pixels));
    g_maxImagePixels.store(pixels);
}

std::string imagePixelsProblem(std::int64_t width, std::int64_t height) {
    const std::int64_t limit = maxImagePixels();
    if (width <= 0 || height <= 0) return "the image header declares no pixels";
    if (width <= limit && height <= limit / width) return {};
    // 400.0, 1.2, 0.009: one decimal from one megapixel up, else three significant digits.
    const auto megapixels = [](double pixels) {
        char text[32];
        std::snprintf(text, sizeof text, pixels >= 1e6 ? "%.1f" : "%.3g", pixels / 1e6);
        return std::string(text);
    };
    return "the image is " + std::to_string(width) + " × " + std::to_string(height) + " pixels (" +
           megapixels(static_cast<double>(width) * static_cast<double>(height)) +
           " megapixels), more than the limit of " + megapixels(static_cast<double>(limit)) + " megapixels";
}

void checkImagePixels(const std::filesystem::path& file, std::int64_t width, std::int64_t height) {
    if (const std::string problem = imagePixelsProblem(width, height); !problem.empty())
        throw FileError(file, problem);
}

RgbImage decodeImage(const std::filesystem::path& file) {
    cv::Mat image = to8Bit(decodeUnchanged(file), file);
    RgbImage out;
    out.width = image.cols;
    out.height = image.rows;
    out.source = file;
    // Converted straight into the result, so that a large image is held at most twice (decoded and
    // converted).
    out.pixels.resize(static_cast<std::size_t>(image.total()) * 3);
    cv::Mat rgb(image.rows, image.cols, CV_8UC3, out.pixels.data());
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
    // cvtColor writes into the buffer it was given when the size and type fit, as here; check it did.
    if (rgb.data != out.pixels.data()) throw Error("image conversion did not write in place");
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
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" ||
           ext == ".tiff";
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
