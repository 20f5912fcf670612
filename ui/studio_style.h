// The Studio's look: Qt's Fusion style with a dark palette, which keeps heatmaps and images the brightest
// things on screen (as image-inspection tools do).
#pragma once

class QApplication;

namespace lwinnn::ui {

void applyStudioStyle(QApplication& application);

}  // namespace lwinnn::ui
