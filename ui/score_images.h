// Scoring new, unlabelled images with a trained model — the daily use after training. The images dropped on
// the window or chosen with File ▸ Score Images… are scored on the detector thread (DetectorWorker::
// scoreNewImages, defined in score_images.cpp) and shown as their own set in the gallery, with a verdict at
// the current threshold and their heatmaps.
#pragma once

#include <QStringList>

namespace lwinnn::ui {

// The image files among `paths`: files with an image extension as they are, folders replaced by the images
// directly inside them (sorted by name); duplicates dropped, order kept. Throws lwinnn::FileError naming a
// path that does not exist.
QStringList expandImagePaths(const QStringList& paths);

}  // namespace lwinnn::ui
