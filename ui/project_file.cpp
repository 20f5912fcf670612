#include "project_file.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>
#include <filesystem>

#include "error.h"
#include "file_util.h"

namespace lwinnn::ui {

namespace {

std::filesystem::path fsPath(const QString& file) { return std::filesystem::path(file.toStdString()); }

[[noreturn]] void refuse(const QString& file, const QString& reason) {
    throw FormatError(fsPath(file), reason.toStdString());
}

// Relative to the project's folder when the path is inside it; '/' separators either way.
QString storedPath(const QString& path, const QDir& base) {
    if (path.isEmpty()) return path;
    const QString relative = base.relativeFilePath(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    if (relative.isEmpty() || relative == QStringLiteral(".")) return QStringLiteral(".");
    // "random" alone would read back as the weights' keyword.
    if (relative == QStringLiteral("random")) return QStringLiteral("./random");
    if (!relative.startsWith(QStringLiteral("../")) && relative != QStringLiteral("..") &&
        !QDir::isAbsolutePath(relative))
        return relative;
    return QDir::fromNativeSeparators(QDir::cleanPath(path));
}

QString resolvedPath(const QString& stored, const QDir& base) {
    if (stored.isEmpty()) return stored;
    return QDir::cleanPath(QDir::isAbsolutePath(stored) ? stored : base.absoluteFilePath(stored));
}

QDir projectDir(const QString& file) { return QFileInfo(file).absoluteDir(); }

QString isoTime(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// Typed access to the JSON object with a message naming the field for anything unexpected.
class Reader {
  public:
    Reader(const QString& file, const QJsonObject& object, const QString& prefix = {})
        : m_file(file), m_object(object), m_prefix(prefix) {}

    bool has(const char* key) const {
        return m_object.contains(QLatin1String(key)) && !m_object.value(QLatin1String(key)).isNull();
    }
    QString string(const char* key, const QString& fallback = {}) const {
        if (!has(key)) return fallback;
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isString()) wrongType(key, "a string");
        return value.toString();
    }
    double number(const char* key) const {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isDouble() || !std::isfinite(value.toDouble())) wrongType(key, "a number");
        return value.toDouble();
    }
    int integer(const char* key, int fallback, int low, int high) const {
        if (!has(key)) return fallback;
        const double value = number(key);
        if (value != std::floor(value) || value < low || value > high)
            refuse(m_file, QStringLiteral("\"%1\" must be a whole number from %2 to %3, not %4")
                               .arg(name(key))
                               .arg(low)
                               .arg(high)
                               .arg(value));
        return static_cast<int>(value);
    }
    QJsonObject object(const char* key) const {
        if (!has(key)) return {};
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isObject()) wrongType(key, "an object");
        return value.toObject();
    }
    QJsonArray array(const char* key) const {
        if (!has(key)) return {};
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isArray()) wrongType(key, "a list");
        return value.toArray();
    }
    QString name(const char* key) const { return m_prefix + QLatin1String(key); }

    [[noreturn]] void wrongType(const char* key, const char* what) const {
        refuse(m_file, QStringLiteral("\"%1\" must be %2").arg(name(key), QLatin1String(what)));
    }

  private:
    QString m_file;
    QJsonObject m_object;
    QString m_prefix;
};

QDateTime parseTime(const Reader& reader, const char* key, const QString& file) {
    const QString text = reader.string(key);
    if (text.isEmpty()) return {};
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        refuse(file, QStringLiteral("\"%1\" is not an ISO 8601 time: %2").arg(reader.name(key), text));
    return time.toUTC();
}

}  // namespace

QByteArray projectToJson(const Project& project, const QString& file) {
    const QDir base = projectDir(file);
    QJsonObject data;
    data.insert(QStringLiteral("dataset"), storedPath(project.datasetFolder, base));
    if (!project.datasetCategory.isEmpty()) data.insert(QStringLiteral("category"), project.datasetCategory);
    QJsonArray newImages;
    for (const QString& image : project.newImages) newImages.append(storedPath(image, base));
    data.insert(QStringLiteral("newImages"), newImages);

    QJsonObject settings;
    settings.insert(QStringLiteral("device"), project.device);
    settings.insert(QStringLiteral("resize"), project.resizeMode);
    settings.insert(QStringLiteral("window"), project.window);
    const bool weightsIsFile = !project.weights.isEmpty() && project.weights != QStringLiteral("random");
    settings.insert(QStringLiteral("weights"),
                    weightsIsFile ? storedPath(project.weights, base) : project.weights);

    QJsonObject marks;
    for (auto it = project.reviewMarks.cbegin(); it != project.reviewMarks.cend(); ++it)
        marks.insert(storedPath(it.key(), base), it.value());

    QJsonObject root;
    root.insert(QStringLiteral("format"), QLatin1String(kProjectFormat));
    root.insert(QStringLiteral("version"), kProjectVersion);
    root.insert(QStringLiteral("created"), isoTime(project.created));
    root.insert(QStringLiteral("modified"), isoTime(project.modified));
    root.insert(QStringLiteral("data"), data);
    root.insert(QStringLiteral("settings"), settings);
    root.insert(QStringLiteral("model"), project.modelFile.isEmpty()
                                             ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(storedPath(project.modelFile, base)));
    root.insert(QStringLiteral("threshold"),
                project.threshold ? QJsonValue(*project.threshold) : QJsonValue(QJsonValue::Null));
    root.insert(QStringLiteral("reviewMarks"), marks);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Project projectFromJson(const QByteArray& json, const QString& file) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        refuse(file, QStringLiteral("not a valid project file: %1 at byte %2")
                         .arg(error.errorString())
                         .arg(error.offset));
    if (!document.isObject()) refuse(file, QStringLiteral("not a valid project file: no JSON object"));
    const Reader root(file, document.object());
    const QString format = root.string("format");
    if (format != QLatin1String(kProjectFormat))
        refuse(file, format.isEmpty()
                         ? QStringLiteral("not an LWinNN Studio project (no \"format\")")
                         : QStringLiteral("not an LWinNN Studio project (format \"%1\")").arg(format));
    if (!root.has("version")) refuse(file, QStringLiteral("the project has no version"));
    const double version = root.number("version");
    if (version != std::floor(version) || version < 1)
        refuse(file, QStringLiteral("invalid project version %1").arg(version));
    if (version > kProjectVersion)
        refuse(file,
               QStringLiteral("the project was written by a newer LWinNN Studio (project version %1; this "
                              "version reads up to %2)")
                   .arg(version)
                   .arg(kProjectVersion));

    const QDir base = projectDir(file);
    Project project;
    project.created = parseTime(root, "created", file);
    project.modified = parseTime(root, "modified", file);

    const Reader data(file, root.object("data"), QStringLiteral("data."));
    project.datasetFolder = resolvedPath(data.string("dataset"), base);
    project.datasetCategory = data.string("category");
    for (const QJsonValue& value : data.array("newImages")) {
        if (!value.isString() || value.toString().isEmpty())
            refuse(file, QStringLiteral("\"data.newImages\" must list file names"));
        project.newImages.append(resolvedPath(value.toString(), base));
    }

    const Reader settings(file, root.object("settings"), QStringLiteral("settings."));
    project.device = settings.string("device", project.device);
    static const QRegularExpression devicePattern(QStringLiteral("^(auto|cpu|cuda(:[0-9]+)?)$"));
    if (!devicePattern.match(project.device).hasMatch())
        refuse(file, QStringLiteral("unknown device \"%1\" (auto, cpu, cuda or cuda:N)").arg(project.device));
    project.resizeMode = settings.string("resize", project.resizeMode);
    if (project.resizeMode != QStringLiteral("auto") && project.resizeMode != QStringLiteral("keep-aspect") &&
        project.resizeMode != QStringLiteral("square"))
        refuse(file, QStringLiteral("unknown resize mode \"%1\" (auto, keep-aspect or square)")
                         .arg(project.resizeMode));
    project.window = settings.integer("window", project.window, 1, 63);
    const QString weights = settings.string("weights");
    project.weights =
        weights.isEmpty() || weights == QStringLiteral("random") ? weights : resolvedPath(weights, base);

    project.modelFile = resolvedPath(root.string("model"), base);
    if (root.has("threshold")) project.threshold = root.number("threshold");

    const QJsonObject marks = root.object("reviewMarks");
    for (auto it = marks.constBegin(); it != marks.constEnd(); ++it) {
        if (!it.value().isString() || it.key().isEmpty())
            refuse(file, QStringLiteral("\"reviewMarks\" must map image files to mark names"));
        project.reviewMarks.insert(resolvedPath(it.key(), base), it.value().toString());
    }
    return project;
}

void writeProjectFile(const QString& file, const Project& project) {
    const QByteArray json = projectToJson(project, file);
    writeFileAtomically(fsPath(file), json.constData(), static_cast<std::size_t>(json.size()));
}

Project readProjectFile(const QString& file) {
    const QFileInfo info(file);
    if (!info.exists()) throw FileError(fsPath(file), "no such file");
    if (!info.isFile()) throw FileError(fsPath(file), "not a file");
    const std::vector<std::byte> bytes = readWholeFile(fsPath(file));
    Project project = projectFromJson(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())), file);
    if (!project.datasetFolder.isEmpty() && !QFileInfo(project.datasetFolder).isDir())
        refuse(file, QStringLiteral("the data set folder %1 does not exist")
                         .arg(QDir::toNativeSeparators(project.datasetFolder)));
    return project;
}

}  // namespace lwinnn::ui
