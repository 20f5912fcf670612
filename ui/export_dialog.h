// File ▸ Export: heatmap overlays (PNG), float anomaly maps (TIFF) and a CSV of scores for a chosen set of
// images, and the model in deployment formats (TorchScript, Triton), into one folder. The export runs on its
// own thread with progress and Cancel; existing files are only replaced after asking.
#pragma once

#include <QDialog>

#include <functional>
#include <memory>
#include <vector>

#include "export_job.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QThread;

namespace lwinnn::ui {

class MainWindow;

class ExportDialog : public QDialog {
    Q_OBJECT

  public:
    enum class ImageSet { AllTest, Defects, NewImages, Selection };

    explicit ExportDialog(MainWindow* window);
    ~ExportDialog() override;

    void setImageSet(ImageSet set);
    ImageSet imageSet() const;
    void setFolder(const QString& folder);
    QString folder() const;
    void setWriteOverlays(bool on);
    void setWriteMaps(bool on);
    void setWriteCsv(bool on);
    // The deployment formats offered (in exportFormats() order) and whether each can be chosen now.
    QList<QCheckBox*> formatBoxes() const { return m_formatBoxes; }
    // The request the dialog would run now.
    ExportRequest request() const;
    int imageCount() const;
    bool isRunning() const { return m_thread != nullptr; }
    // Asked with the existing files before they are replaced; true replaces them. Defaults to a message box.
    void setOverwriteQuestion(std::function<bool(const QStringList&)> question) {
        m_overwrite = std::move(question);
    }
    QString statusText() const;

  public slots:
    // Checks the choices, asks about existing files and starts writing; false when it did not start.
    bool startExport();
    void cancelExport();

  signals:
    void progressChanged(qint64 done, qint64 total);
    // ok: everything written; otherwise `message` says why (cancelled, or the error naming the file).
    void exportFinished(bool ok, const QString& message);

  protected:
    void reject() override;

  private:
    std::vector<ExportImage> chosenImages() const;
    void updateSummary();
    void setRunning(bool running);
    void chooseFolder();

    MainWindow* m_window;
    QComboBox* m_setCombo = nullptr;
    QLabel* m_countLabel = nullptr;
    QCheckBox* m_overlaysBox = nullptr;
    QCheckBox* m_mapsBox = nullptr;
    QCheckBox* m_csvBox = nullptr;
    QList<QCheckBox*> m_formatBoxes;
    QLabel* m_formatNote = nullptr;
    QLineEdit* m_folderEdit = nullptr;
    QPushButton* m_browseButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_statusLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_exportButton = nullptr;
    QThread* m_thread = nullptr;
    std::shared_ptr<CancelToken> m_cancel;
    std::function<bool(const QStringList&)> m_overwrite;
};

}  // namespace lwinnn::ui
