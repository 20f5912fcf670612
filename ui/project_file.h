// A Studio project (*.lwinnn-project): one JSON file that brings the work back — the data set and the
// new images, the training settings, the model file, the threshold and the review marks. Paths below the
// project's folder are stored relative to it, so a project folder can be moved as a whole. Qt Core only (no
// widgets), so that the reader can be fuzzed on its own.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

#include "pipeline.h"  // kDefaultWindow

namespace lwinnn::ui {

inline constexpr const char* kProjectFormat = "lwinnn-project";
inline constexpr int kProjectVersion = 1;
inline constexpr const char* kProjectSuffix = "lwinnn-project";

struct Project {
    QString datasetFolder;                        // absolute; empty when the project has no data yet
    QString datasetCategory;                      // the category opened in a root of several; else empty
    QStringList newImages;                        // absolute image files scored as unlabelled "new images"
    QString device = QStringLiteral("auto");      // auto | cpu | cuda | cuda:N
    QString resizeMode = QStringLiteral("auto");  // auto | keep-aspect | square
    int window = kDefaultWindow;
    QString weights;    // "" searches the standard places, "random", else an absolute file
    QString modelFile;  // absolute; empty when there is no model
    std::optional<double> threshold;
    QHash<QString, QString> reviewMarks;  // absolute image path → mark name
    QDateTime created;
    QDateTime modified;

    bool operator==(const Project&) const = default;
};

// The JSON text of `project` as it is stored in `file` (paths relative to the file's folder when below it).
QByteArray projectToJson(const Project& project, const QString& file);

// Reads a project from its JSON text as stored in `file`; throws lwinnn::FormatError naming `file` for text
// that is not JSON, another format, a newer version or a field of the wrong type or range. Does not look at
// the disk.
Project projectFromJson(const QByteArray& json, const QString& file);

// Writes `project` to `file` atomically (a temporary file in the same folder, renamed over the target).
// Throws lwinnn::FileError naming the file.
void writeProjectFile(const QString& file, const Project& project);

// Reads and checks `file`: projectFromJson, and the data set folder must exist. Throws lwinnn::FileError
// (or FormatError) naming the file. A missing model file or new image is not an error here: the caller warns.
Project readProjectFile(const QString& file);

}  // namespace lwinnn::ui
