// Decoding images to 8-bit RGB exactly as DESIGN §2.1 step 1 says, and listing the images of a folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lwinnn {

// Interleaved 8-bit RGB, row-major (height × width × 3).
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;
    std::filesystem::path source;
};

// The size an image file declares in its header (PNG IHDR, JPEG SOFn, BMP info header, TIFF first IFD), read
// without decoding anything; nothing when the bytes are none of these formats or their header is malformed.
struct ImageDimensions {
    std::int64_t width = 0;
    std::int64_t height = 0;
};
std::optional<ImageDimensions> declaredImageSize(std::span<const std::byte> bytes);

// Why a JPEG's bytes are not whole (they end before its end-of-image marker, or a segment length is broken);
// empty for a whole JPEG and for bytes of any other format. libjpeg alone decodes a cut JPEG with a grey
// rest.
std::string incompleteJpegReason(std::span<const std::byte> bytes);

// Images with more pixels than this are refused before they are decoded: a 20,000 × 20,000 PNG of 400 KB
// would take gigabytes. Process-wide; the default is kDefaultMaxImagePixels.
inline constexpr std::int64_t kDefaultMaxImagePixels = 100'000'000;
std::int64_t maxImagePixels();
void setMaxImagePixels(std::int64_t pixels);  // ≥ 1
// Why a width × height image is refused (no pixels, or above maxImagePixels(), with its size and the limit);
// empty when it is within the limit. checkImagePixels throws it as a FileError naming `file`.
std::string imagePixelsProblem(std::int64_t width, std::int64_t height);
void checkImagePixels(const std::filesystem::path& file, std::int64_t width, std::int64_t height);

// PNG, JPEG, BMP, TIFF; 8 or 16 bit; grey, RGB or RGBA. 16-bit values become round(v/257), grey is copied
// into all three channels, alpha is dropped (not composited). Throws FileError naming the file and the
// reason: also for a file cut short, and for an image above maxImagePixels() (checked on its header, before
// decoding).
RgbImage decodeImage(const std::filesystem::path& file);

// A mask as 0/255 (any depth or channel count; a pixel is defective when any colour channel is > 0).
struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;
};
GreyImage decodeMask(const std::filesystem::path& file);

// Image files (by extension) directly inside `folder`, sorted by name. Throws FileError when the folder
// does not exist or is not a folder.
std::vector<std::filesystem::path> listImages(const std::filesystem::path& folder);
bool hasImageExtension(const std::filesystem::path& file);

// A file that could not be used, with the reason; folders with some bad files are used without them.
struct SkippedFile {
    std::filesystem::path file;
    std::string reason;
};

}  // namespace lwinnn
