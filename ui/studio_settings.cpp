#include "studio_settings.h"

#include <QApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMainWindow>
#include <QSettings>
#include <QTranslator>

#include <algorithm>
#include <memory>

namespace lwinnn::ui {

namespace {

const QString kRecentKey = QStringLiteral("recentProjects");

// The translators in use; replaced as a whole when the language changes.
std::unique_ptr<QTranslator>& studioTranslator() {
    static std::unique_ptr<QTranslator> translator;
    return translator;
}
std::unique_ptr<QTranslator>& qtTranslator() {
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

}  // namespace

StudioSettings StudioSettings::load() {
    const QSettings store;
    StudioSettings settings;
    settings.device = store.value(QStringLiteral("settings/device"), settings.device).toString();
    settings.resizeMode = store.value(QStringLiteral("settings/resizeMode"), settings.resizeMode).toString();
    settings.weights = store.value(QStringLiteral("settings/weights")).toString();
    settings.language = store.value(QStringLiteral("settings/language")).toString();
    settings.fp16Bank = store.value(QStringLiteral("settings/fp16Bank"), false).toBool();
    settings.maxImageMegapixels = std::clamp(
        store.value(QStringLiteral("settings/maxImageMegapixels"), settings.maxImageMegapixels).toInt(), 1,
        kMaxImageMegapixelsLimit);
    return settings;
}

void StudioSettings::save() const {
    QSettings store;
    store.setValue(QStringLiteral("settings/device"), device);
    store.setValue(QStringLiteral("settings/resizeMode"), resizeMode);
    store.setValue(QStringLiteral("settings/weights"), weights);
    store.setValue(QStringLiteral("settings/language"), language);
    store.setValue(QStringLiteral("settings/fp16Bank"), fp16Bank);
    store.setValue(QStringLiteral("settings/maxImageMegapixels"), maxImageMegapixels);
}

QStringList studioLanguages() { return {QStringLiteral("en"), QStringLiteral("nl"), QStringLiteral("de")}; }

QString applyLanguage(const QString& language) {
    QString code = language;
    if (code.isEmpty()) {
        code = QStringLiteral("en");
        for (const QString& name : QLocale::system().uiLanguages()) {
            const QString prefix = name.left(2).toLower();
            if (studioLanguages().contains(prefix)) {
                code = prefix;
                break;
            }
        }
    }
    if (!studioLanguages().contains(code)) code = QStringLiteral("en");
    for (auto* slot : {&studioTranslator(), &qtTranslator()}) {
        if (*slot) QCoreApplication::removeTranslator(slot->get());
        slot->reset();
    }
    // English too: its .qm holds the plural forms ("1 image", "2 images").
    auto studio = std::make_unique<QTranslator>();
    if (studio->load(QStringLiteral(":/i18n/lwinnn_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(studio.get());
        studioTranslator() = std::move(studio);
    }
    if (code != QStringLiteral("en")) {
        // Qt's own texts (standard buttons, file dialogs) when the system has them.
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            qtTranslator() = std::move(qt);
        }
    }
    if (!studioTranslator() && code != QStringLiteral("en")) code = QStringLiteral("en");
    QLocale::setDefault(QLocale(code));
    return code;
}

QStringList recentProjects() {
    const QStringList stored = QSettings().value(kRecentKey).toStringList();
    QStringList existing;
    for (const QString& file : stored)
        if (QFileInfo(file).isFile() && !existing.contains(file)) existing.append(file);
    if (existing.size() > kMaxRecentProjects) existing = existing.mid(0, kMaxRecentProjects);
    if (existing != stored) QSettings().setValue(kRecentKey, existing);
    return existing;
}

void addRecentProject(const QString& file) {
    const QString absolute = QFileInfo(file).absoluteFilePath();
    QStringList files = recentProjects();
    files.removeAll(absolute);
    files.prepend(absolute);
    QSettings().setValue(kRecentKey, files.mid(0, kMaxRecentProjects));
}

void removeRecentProject(const QString& file) {
    QStringList files = QSettings().value(kRecentKey).toStringList();
    files.removeAll(QFileInfo(file).absoluteFilePath());
    QSettings().setValue(kRecentKey, files);
}

void saveWindowLayout(const QMainWindow* window) {
    QSettings store;
    store.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    store.setValue(QStringLiteral("window/state"), window->saveState());
}

void restoreWindowLayout(QMainWindow* window) {
    const QSettings store;
    const QByteArray geometry = store.value(QStringLiteral("window/geometry")).toByteArray();
    const QByteArray state = store.value(QStringLiteral("window/state")).toByteArray();
    if (!geometry.isEmpty()) window->restoreGeometry(geometry);
    if (!state.isEmpty()) window->restoreState(state);
}

}  // namespace lwinnn::ui
