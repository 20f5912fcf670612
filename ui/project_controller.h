// Projects in the Studio: File ▸ New/Open/Save/Save As Project and the recent projects. Opening a project
// restores the work step by step on the detector thread (data set, model, δ, threshold, review marks, new
// images); saving one saves a model trained since beside it first. Whether the window has unsaved
// changes is the difference between what it would save now and what it saved or opened last.
#pragma once

#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

#include "project_file.h"

class QMenu;

namespace lwinnn::ui {

class MainWindow;

class ProjectController : public QObject {
    Q_OBJECT

  public:
    explicit ProjectController(MainWindow* window);

    QString currentFile() const { return m_file; }
    // The project the window would save now (times not set).
    Project capture() const;
    bool isModified() const;
    // The window as it is now counts as saved (a new window's start).
    void markUnmodified();
    bool isRestoring() const { return m_restore.has_value(); }
    // Fills `menu` with the recent projects each time it opens.
    void setRecentMenu(QMenu* menu);

    // Asks whether to save unsaved changes (Save, Discard, Cancel); true when the caller may go on.
    bool maybeSave();
    // Tests answer the unsaved-changes question and pick files here instead of the dialogs.
    void setUnsavedChangesAnswer(std::function<QMessageBox::StandardButton()> answer) {
        m_answer = std::move(answer);
    }

  public slots:
    void newProject();
    // Restores the project in `file`; a broken file is refused with a message naming it (errorOccurred).
    void openProject(const QString& file);
    // Writes the project to `file` (saving an unsaved model beside it first); emits projectSaved.
    void saveProject(const QString& file);
    void save();    // to the current file, or asks for one
    void saveAs();  // asks for a file
    void chooseProjectToOpen();

  signals:
    void projectOpened(const QString& file);    // read and accepted; the window is being restored
    void projectRestored(const QString& file);  // every part restored (or reported as missing)
    void projectSaved(const QString& file);
    void projectClosed();
    void currentFileChanged(const QString& file);
    void errorOccurred(const QString& message);
    void warningOccurred(const QString& message);

  private:
    void continueRestore();
    void finishRestore();
    void writeProject(const QString& file);
    void setCurrentFile(const QString& file);
    void fillRecentMenu();

    MainWindow* m_window;
    QPointer<QMenu> m_recentMenu;
    QString m_file;
    Project m_saved;  // what was last saved or opened (times cleared)
    std::optional<Project> m_restore;
    enum class RestoreStep { Data, Model, Window, Done } m_step = RestoreStep::Done;
    bool m_closing = false;
    bool m_reporting = false;  // showing a message of its own in the window  // New Project closes this
                               // window after the question was answered
    QString m_pendingSave;     // the project waits for its model to be saved
    std::function<QMessageBox::StandardButton()> m_answer;
};

}  // namespace lwinnn::ui
