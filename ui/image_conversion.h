// Conversions between the core's pixel buffers and Qt images, shared by the Studio's views and exports.
#pragma once

#include <QImage>

#include "image_io.h"

namespace lwinnn::ui {

// A deep copy as QImage::Format_RGB888.
QImage toQImage(const RgbImage& image);
// Any QImage as 8-bit RGB (alpha dropped, like decodeImage).
RgbImage fromQImage(const QImage& image);

}  // namespace lwinnn::ui
