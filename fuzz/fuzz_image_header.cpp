// The image header reader (PNG, JPEG, BMP, TIFF sizes) and the JPEG completeness walk on arbitrary bytes:
// both run on every image before it is decoded, so on files from anywhere.
#include <span>

#include "fuzz_support.h"
#include "image_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    if (const auto declared = lwinnn::declaredImageSize(bytes)) {
        if (declared->width < 0 || declared->height < 0) lwinnn::fuzz::broken("a negative image size");
    }
    (void)lwinnn::incompleteJpegReason(bytes);
    return 0;
}
