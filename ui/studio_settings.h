// The Studio's preferences and what it remembers between runs, kept with QSettings: the training device,
// resize mode and weights file, the language, the recent projects and the window's layout. Also the
// language switch itself (translators for the Studio and for Qt's own dialogs, from the embedded .qm files).
#pragma once

#include <QString>
#include <QStringList>

class QMainWindow;

namespace lwinnn::ui {

struct StudioSettings {
    QString device = QStringLiteral("auto");      // auto | cpu | cuda
    QString resizeMode = QStringLiteral("auto");  // auto | keep-aspect | square
    QString weights;                              // "" searches the standard places, "random", else a file
    QString language;                             // "" follows the system; "en", "nl", "de"
    bool fp16Bank = false;
    int maxImageMegapixels = 100;  // larger images are refused before they are decoded (image_io.h)

    static StudioSettings load();
    void save() const;
    bool operator==(const StudioSettings&) const = default;
};

// The largest pixel limit the preferences offer, in megapixels.
inline constexpr int kMaxImageMegapixelsLimit = 10000;

// The languages the Studio is translated to, as codes ("en", "nl", "de").
QStringList studioLanguages();
// Installs the translators of `language` ("" = the system's) on the application, replacing the previous
// ones; every window then receives QEvent::LanguageChange. Returns the language in use ("en" when there is
// no translation for it).
QString applyLanguage(const QString& language);

inline constexpr int kMaxRecentProjects = 8;
// The recent projects, newest first, without the files that no longer exist.
QStringList recentProjects();
void addRecentProject(const QString& file);
void removeRecentProject(const QString& file);

void saveWindowLayout(const QMainWindow* window);
void restoreWindowLayout(QMainWindow* window);

}  // namespace lwinnn::ui
