// Decoding images to 8-bit RGB exactly as DESIGN §2.1 step 1 says, and listing the images of a folder.
#pragma once

#include <cstdint>
#include <filesystem>
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

// PNG, JPEG, BMP, TIFF; 8 or 16 bit; grey, RGB or RGBA. 16-bit values become round(v/257), grey is copied into
// all three channels, alpha is dropped (not composited). Throws FileError naming the file and the reason.
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
