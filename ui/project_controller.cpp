#include "project_controller.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QScopedValueRollback>
#include <QSlider>

#include <algorithm>

#include "error.h"
#include "localized_error.h"
#include "main_window.h"
#include "review_marks.h"
#include "studio_settings.h"

namespace lwinnn::ui {

namespace {

QString projectFilter() {
    return ProjectController::tr("LWinNN Studio projects (*.%1);;All files (*)")
        .arg(QLatin1String(kProjectSuffix));
}

Project withoutTimes(Project project) {
    project.created = {};
    project.modified = {};
    return project;
}

// A model file name beside the project that does not replace anything: <stem>.lwinnn, <stem>-2.lwinnn, …
QString freeModelFileFor(const QString& projectFile) {
    const QFileInfo info(projectFile);
    const QString base = info.absolutePath() + QLatin1Char('/') + info.completeBaseName();
    QString candidate = base + QStringLiteral(".lwinnn");
    for (int n = 2; QFileInfo::exists(candidate); ++n) candidate = base + QStringLiteral("-%1.lwinnn").arg(n);
    return candidate;
}

}  // namespace

ProjectController::ProjectController(MainWindow* window) : QObject(window), m_window(window) {
    connect(window, &MainWindow::datasetOpened, this, [this] {
        if (m_restore && m_step == RestoreStep::Data) {
            m_step = RestoreStep::Model;
            if (m_restore->modelFile.isEmpty() || !QFileInfo(m_restore->modelFile).isFile()) finishRestore();
        }
    });
    connect(window, &MainWindow::modelReady, this, [this] {
        if (!m_restore || m_window->modelFile() != m_restore->modelFile) return;
        m_step = RestoreStep::Model;
        // Without test images no evaluation follows: δ is set and the restore ends here.
        const auto dataset = m_window->dataset();
        if (!dataset || dataset->trainOnly || dataset->dataset.test.empty()) {
            m_window->windowSlider()->setValue(m_restore->window);
            finishRestore();
        }
    });
    connect(window, &MainWindow::evaluationShown, this, [this] {
        if (!m_restore || m_step == RestoreStep::Data || m_window->modelFile() != m_restore->modelFile)
            return;
        continueRestore();
    });
    connect(window, &MainWindow::errorShown, this, [this](const QString& message) {
        if (m_reporting) return;  // this controller's own messages end nothing
        if (m_restore) finishRestore();
        if (!m_pendingSave.isEmpty()) {
            m_pendingSave.clear();
            emit errorOccurred(tr("The project was not saved: %1").arg(message));
        }
    });
    connect(window, &MainWindow::modelSaved, this, [this](const QString&) {
        if (m_pendingSave.isEmpty()) return;
        const QString file = m_pendingSave;
        m_pendingSave.clear();
        writeProject(file);
    });
    auto report = [this](const QString& message) {
        const QScopedValueRollback<bool> reporting(m_reporting, true);
        m_window->reportError(message);
    };
    connect(this, &ProjectController::errorOccurred, this, report);
    connect(this, &ProjectController::warningOccurred, this, report);
}

void ProjectController::markUnmodified() { m_saved = withoutTimes(capture()); }

Project ProjectController::capture() const {
    Project project;
    if (const auto dataset = m_window->dataset()) {
        project.datasetFolder = QDir::cleanPath(
            QFileInfo(QString::fromStdString(dataset->dataset.root.string())).absoluteFilePath());
        project.datasetCategory = QString::fromStdString(dataset->category);
    }
    project.newImages = m_window->newImages();
    project.device = m_window->device();
    project.resizeMode = m_window->resizeMode();
    project.window = m_window->windowSlider()->value();
    project.weights = m_window->weightsSpec();
    if (!project.weights.isEmpty() && project.weights != QStringLiteral("random"))
        project.weights = QDir::cleanPath(QFileInfo(project.weights).absoluteFilePath());
    project.modelFile = m_window->modelFile().isEmpty()
                            ? QString()
                            : QDir::cleanPath(QFileInfo(m_window->modelFile()).absoluteFilePath());
    if (m_window->hasModel()) project.threshold = m_window->threshold();
    const QHash<QString, ReviewMark> marks = m_window->reviewMarks()->all();
    for (auto it = marks.cbegin(); it != marks.cend(); ++it)
        project.reviewMarks.insert(it.key(), ReviewMarks::toString(it.value()));
    return project;
}

bool ProjectController::isModified() const {
    // A model trained here and not saved yet is a change even when nothing else differs.
    if (m_window->hasModel() && m_window->modelFile().isEmpty()) return true;
    Project now = withoutTimes(capture());
    Project saved = m_saved;
    if (m_file.isEmpty()) {
        // Without a project the preferences (weights, device, resize mode) are no unsaved work.
        now.weights = saved.weights;
        now.device = saved.device;
        now.resizeMode = saved.resizeMode;
    }
    return now != saved;
}

void ProjectController::setRecentMenu(QMenu* menu) {
    m_recentMenu = menu;
    connect(menu, &QMenu::aboutToShow, this, &ProjectController::fillRecentMenu);
    fillRecentMenu();
}

void ProjectController::fillRecentMenu() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    const QStringList files = recentProjects();
    for (int i = 0; i < files.size(); ++i) {
        const QString file = files[i];
        QAction* action = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(
            QFileInfo(file).fileName().replace(QLatin1Char('&'), QStringLiteral("&&"))));
        action->setToolTip(QDir::toNativeSeparators(file));
        action->setStatusTip(QDir::toNativeSeparators(file));
        connect(action, &QAction::triggered, this, [this, file] {
            if (maybeSave()) openProject(file);
        });
    }
    if (files.isEmpty()) m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
}

bool ProjectController::maybeSave() {
    if (m_closing || !isModified()) return true;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    if (m_answer) {
        answer = m_answer();
    } else {
        answer = QMessageBox::question(
            m_window, tr("Unsaved Changes"),
            m_file.isEmpty()
                ? tr("There are changes that are not saved in a project. Save them?")
                : tr("The project %1 has unsaved changes. Save them?").arg(QFileInfo(m_file).fileName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (answer == QMessageBox::Discard) return true;
    if (answer != QMessageBox::Save) return false;
    QString file = m_file;
    if (file.isEmpty())
        file = QFileDialog::getSaveFileName(m_window, tr("Save Project"), {}, projectFilter());
    if (file.isEmpty()) return false;
    // Saving may first save the model on the detector thread: wait for the outcome.
    bool saved = false;
    QEventLoop loop;
    const auto done = connect(this, &ProjectController::projectSaved, &loop, [&] {
        saved = true;
        loop.quit();
    });
    const auto failed = connect(this, &ProjectController::errorOccurred, &loop, &QEventLoop::quit);
    saveProject(file);
    if (!saved && (!m_pendingSave.isEmpty())) loop.exec();
    disconnect(done);
    disconnect(failed);
    return saved;
}

void ProjectController::newProject() {
    if (!maybeSave()) return;
    // As in Qt's SDI example: a fresh window for the new project; this one closes without asking again.
    auto* fresh = new MainWindow;
    fresh->setAttribute(Qt::WA_DeleteOnClose);
    fresh->resize(m_window->size());
    fresh->show();
    m_closing = true;
    emit projectClosed();
    m_window->close();
}

void ProjectController::chooseProjectToOpen() {
    if (!maybeSave()) return;
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Open Project"), {}, projectFilter());
    if (!file.isEmpty()) openProject(file);
}

void ProjectController::openProject(const QString& file) {
    Project project;
    try {
        project = readProjectFile(file);
    } catch (const Error& e) {
        emit errorOccurred(tr("Cannot open the project: %1").arg(localizedError(e)));
        return;
    }
    addRecentProject(file);
    setCurrentFile(QFileInfo(file).absoluteFilePath());
    m_restore = project;
    m_step = RestoreStep::Data;
    m_window->setWeightsSpec(project.weights);
    m_window->setTrainingSettings(project.device, project.resizeMode);
    QHash<QString, ReviewMark> marks;
    for (auto it = project.reviewMarks.cbegin(); it != project.reviewMarks.cend(); ++it)
        if (const auto mark = ReviewMarks::fromString(it.value())) marks.insert(it.key(), *mark);
    m_window->reviewMarks()->setAll(marks);
    m_window->clearNewImages();
    emit projectOpened(file);
    if (!project.modelFile.isEmpty() && !QFileInfo(project.modelFile).isFile())
        emit warningOccurred(
            tr("%1: the model file %2 is missing; the data opens without it.")
                .arg(QDir::toNativeSeparators(file), QDir::toNativeSeparators(project.modelFile)));
    if (project.datasetFolder.isEmpty()) {
        m_step = RestoreStep::Model;
        if (project.modelFile.isEmpty() || !QFileInfo(project.modelFile).isFile()) {
            finishRestore();
            return;
        }
    } else {
        m_window->openDataset(project.datasetFolder, project.datasetCategory);
    }
    if (!project.modelFile.isEmpty() && QFileInfo(project.modelFile).isFile())
        m_window->loadModel(project.modelFile);
}

void ProjectController::continueRestore() {
    if (!m_restore) return;
    QSlider* slider = m_window->windowSlider();
    const int window = std::clamp(m_restore->window, slider->minimum(), slider->maximum());
    const auto evaluation = m_window->evaluation();
    if (m_step != RestoreStep::Window && evaluation && evaluation->window != window) {
        m_step = RestoreStep::Window;
        slider->setValue(
            window);  // re-scores (or shows the sweep at δ); the next evaluation ends the restore
        return;
    }
    finishRestore();
}

void ProjectController::finishRestore() {
    if (!m_restore) return;
    const Project project = *m_restore;
    m_restore.reset();
    m_step = RestoreStep::Done;
    if (project.threshold && m_window->hasModel()) m_window->setThreshold(*project.threshold);
    QStringList newImages;
    for (const QString& image : project.newImages)
        if (QFileInfo(image).isFile()) newImages.append(image);
    if (newImages.size() < project.newImages.size())
        emit warningOccurred(tr("%1 of the project's new images are missing.")
                                 .arg(project.newImages.size() - newImages.size()));
    if (!newImages.isEmpty() && m_window->hasModel()) m_window->scoreImages(newImages);
    m_saved = withoutTimes(capture());
    emit projectRestored(m_file);
}

void ProjectController::save() {
    if (m_file.isEmpty()) {
        saveAs();
        return;
    }
    saveProject(m_file);
}

void ProjectController::saveAs() {
    QString file = QFileDialog::getSaveFileName(m_window, tr("Save Project As"), m_file, projectFilter());
    if (file.isEmpty()) return;
    if (QFileInfo(file).suffix().isEmpty()) file += QLatin1Char('.') + QLatin1String(kProjectSuffix);
    saveProject(file);
}

void ProjectController::saveProject(const QString& file) {
    if (m_window->hasModel() && m_window->modelFile().isEmpty()) {
        // The model trained here goes beside the project first; the project follows on modelSaved.
        m_pendingSave = file;
        m_window->saveModel(freeModelFileFor(file));
        return;
    }
    writeProject(file);
}

void ProjectController::writeProject(const QString& file) {
    Project project = capture();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    project.created = now;
    if (QFileInfo(file).absoluteFilePath() == m_file && QFileInfo::exists(file)) {
        try {
            project.created = readProjectFile(file).created;
        } catch (const Error&) {  // the old file is unreadable: this save starts it again
        }
    }
    project.modified = now;
    try {
        writeProjectFile(file, project);
    } catch (const Error& e) {
        emit errorOccurred(tr("The project was not saved: %1").arg(localizedError(e)));
        return;
    }
    m_saved = withoutTimes(project);
    setCurrentFile(QFileInfo(file).absoluteFilePath());
    addRecentProject(file);
    emit projectSaved(file);
}

void ProjectController::setCurrentFile(const QString& file) {
    if (file == m_file) return;
    m_file = file;
    emit currentFileChanged(file);
}

}  // namespace lwinnn::ui
