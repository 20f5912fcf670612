// The viewer's heatmap colour maps: turbo (as the exported overlays), inferno (perceptually uniform, readable
// in print) and grey.
#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

#include "heatmap_export.h"

namespace lwinnn::ui {

enum class ColourMap { Turbo, Inferno, Grey };

// The map resized to width × height and coloured over [low, high], opaque (the viewer blends it).
QImage renderHeatmap(const MapView& map, int width, int height, float low, float high, ColourMap colours);

}  // namespace lwinnn::ui
