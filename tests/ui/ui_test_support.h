// Helpers of the Studio's test suites: screenshots into the build tree, the weights to train with.
#pragma once

#include <QDir>
#include <QPixmap>
#include <QString>
#include <QWidget>

#include <cstdlib>
#include <filesystem>

#include "test_support.h"

namespace lwinnn::test {

// <build>/tests/screenshots (LWINNN_TEST_TMP is <build>/tests/tmp), else the system's temporary folder.
inline QString screenshotDir() {
    const char* tmp = std::getenv("LWINNN_TEST_TMP");
    const std::filesystem::path base = tmp && *tmp ? std::filesystem::path(tmp).parent_path()
                                                   : std::filesystem::temp_directory_path() / "lwinnn-tests";
    const QString dir = QString::fromStdString((base / "screenshots").string());
    QDir().mkpath(dir);
    return dir;
}

// Saves a grab of `widget` as <screenshotDir>/<name>.png and returns the path.
inline QString saveScreenshot(QWidget* widget, const QString& name) {
    const QString file = screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    // Let pending layout requests run first (Qt Charts lays a changed title out on the next pass).
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    const QPixmap grab = widget->grab();
    if (!grab.save(file)) qWarning("cannot save the screenshot %s", qPrintable(file));
    return file;
}

// The shared ImageNet weights when present, else untrained weights (the Studio's pipeline is the same).
inline QString trainingWeightsSpec() {
    const auto shared = sharedDir();
    const auto file = shared / "weights" / "resnet18_imagenet1k_v1_bnfolded_trunk.pth";
    if (!shared.empty() && std::filesystem::exists(file)) return QString::fromStdString(file.string());
    return QStringLiteral("random");
}

}  // namespace lwinnn::test
