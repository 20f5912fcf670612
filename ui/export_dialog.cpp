#include "export_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

#include "error.h"
#include "gallery_model.h"
#include "localized_error.h"
#include "main_window.h"

namespace lwinnn::ui {

ExportDialog::ExportDialog(MainWindow* window) : QDialog(window), m_window(window) {
    setWindowTitle(tr("Export"));

    m_setCombo = new QComboBox;
    m_setCombo->addItem(tr("All test images"), static_cast<int>(ImageSet::AllTest));
    m_setCombo->addItem(tr("Defects only (test images at or above the threshold)"),
                        static_cast<int>(ImageSet::Defects));
    m_setCombo->addItem(tr("New images"), static_cast<int>(ImageSet::NewImages));
    m_setCombo->addItem(tr("Selected images"), static_cast<int>(ImageSet::Selection));
    m_countLabel = new QLabel;
    auto* imagesBox = new QGroupBox(tr("Images"));
    auto* imagesLayout = new QFormLayout(imagesBox);
    imagesLayout->addRow(tr("Export"), m_setCombo);
    imagesLayout->addRow(QString(), m_countLabel);

    m_overlaysBox = new QCheckBox(tr("Heatmap overlays (PNG)"));
    m_overlaysBox->setChecked(true);
    m_mapsBox = new QCheckBox(tr("Anomaly maps (32-bit float TIFF)"));
    m_mapsBox->setChecked(true);
    m_csvBox = new QCheckBox(tr("Scores and verdicts (CSV)"));
    m_csvBox->setChecked(true);
    auto* filesBox = new QGroupBox(tr("Per image"));
    auto* filesLayout = new QVBoxLayout(filesBox);
    filesLayout->addWidget(m_overlaysBox);
    filesLayout->addWidget(m_mapsBox);
    filesLayout->addWidget(m_csvBox);

    // The deployment formats are those core/model_export.h lists: new formats appear here by themselves.
    auto* deployBox = new QGroupBox(tr("Model for deployment"));
    auto* deployLayout = new QVBoxLayout(deployBox);
    const bool haveModelFile = m_window->hasModel() && !m_window->modelFile().isEmpty();
    for (const ExportFormatInfo& format : exportFormats()) {
        const QString name = format.format == ExportFormat::TorchScript ? tr("TorchScript module (.pt)")
                             : format.format == ExportFormat::Triton
                                 ? tr("Triton Inference Server model repository")
                                 : QString::fromStdString(format.name);
        auto* box = new QCheckBox(name);
        box->setToolTip(QString::fromStdString(format.description));
        box->setEnabled(haveModelFile);
        deployLayout->addWidget(box);
        m_formatBoxes.append(box);
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateSummary);
    }
    m_formatNote = new QLabel;
    m_formatNote->setWordWrap(true);
    m_formatNote->setEnabled(false);
    m_formatNote->setText(!m_window->hasModel() ? tr("Train or open a model to export it.")
                          : m_window->modelFile().isEmpty()
                              ? tr("Save the model first (File ▸ Save Model…) to export it.")
                              : tr("Exports %1 at δ = %2.")
                                    .arg(QFileInfo(m_window->modelFile()).fileName())
                                    .arg(m_window->windowSlider()->value()));
    deployLayout->addWidget(m_formatNote);

    m_folderEdit = new QLineEdit;
    m_folderEdit->setPlaceholderText(tr("Folder for the exported files"));
    m_folderEdit->setClearButtonEnabled(true);
    m_browseButton = new QPushButton(tr("Browse…"));
    connect(m_browseButton, &QPushButton::clicked, this, &ExportDialog::chooseFolder);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folderEdit, 1);
    folderRow->addWidget(m_browseButton);
    auto* folderBox = new QGroupBox(tr("Output folder"));
    folderBox->setLayout(folderRow);
    if (const auto dataset = m_window->dataset())
        m_folderEdit->setText(QDir::toNativeSeparators(QString::fromStdString(
            (dataset->dataset.root.parent_path() / (dataset->dataset.name + "-export")).string())));

    m_progress = new QProgressBar;
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_statusLabel = new QLabel;
    m_statusLabel->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setDefault(true);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto* columns = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(imagesBox);
    left->addWidget(filesBox);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(deployBox);
    right->addStretch(1);
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(folderBox);
    layout->addWidget(m_progress);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_buttons);

    for (QCheckBox* box : {m_overlaysBox, m_mapsBox, m_csvBox})
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateSummary);
    connect(m_setCombo, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSummary);
    connect(m_folderEdit, &QLineEdit::textChanged, this, &ExportDialog::updateSummary);
    // Start with the set that has images: the test set, else the new images.
    if (!m_window->evaluation() && m_window->newImagesEvaluation()) setImageSet(ImageSet::NewImages);
    updateSummary();
    resize(sizeHint().expandedTo(QSize(760, 0)));
}

ExportDialog::~ExportDialog() {
    if (m_cancel) m_cancel->cancel();
    if (m_thread) m_thread->wait();
}

void ExportDialog::setImageSet(ImageSet set) {
    m_setCombo->setCurrentIndex(m_setCombo->findData(static_cast<int>(set)));
}

ExportDialog::ImageSet ExportDialog::imageSet() const {
    return static_cast<ImageSet>(m_setCombo->currentData().toInt());
}

void ExportDialog::setFolder(const QString& folder) {
    m_folderEdit->setText(QDir::toNativeSeparators(folder));
}

QString ExportDialog::folder() const { return QDir::fromNativeSeparators(m_folderEdit->text().trimmed()); }

void ExportDialog::setWriteOverlays(bool on) { m_overlaysBox->setChecked(on); }
void ExportDialog::setWriteMaps(bool on) { m_mapsBox->setChecked(on); }
void ExportDialog::setWriteCsv(bool on) { m_csvBox->setChecked(on); }

QString ExportDialog::statusText() const { return m_statusLabel->text(); }

std::vector<ExportImage> ExportDialog::chosenImages() const {
    std::vector<ExportImage> images;
    const std::shared_ptr<const Evaluation> test = m_window->evaluation();
    const std::shared_ptr<const Evaluation> fresh = m_window->newImagesEvaluation();
    auto addAll = [&](const std::shared_ptr<const Evaluation>& evaluation, bool defectsOnly) {
        if (!evaluation) return;
        for (int i = 0; i < static_cast<int>(evaluation->images.size()); ++i)
            if (!defectsOnly ||
                evaluation->images[static_cast<std::size_t>(i)].score >= m_window->threshold())
                images.push_back({evaluation, i});
    };
    auto addSelected = [&](const QListView* view, const std::shared_ptr<const Evaluation>& evaluation) {
        if (!evaluation || !view || !view->selectionModel()) return;
        QModelIndexList rows = view->selectionModel()->selectedIndexes();
        std::sort(rows.begin(), rows.end());
        for (const QModelIndex& index : rows)
            images.push_back({evaluation, index.data(GalleryModel::EvaluationIndexRole).toInt()});
    };
    switch (imageSet()) {
        case ImageSet::AllTest:
            addAll(test, false);
            break;
        case ImageSet::Defects:
            addAll(test, true);
            break;
        case ImageSet::NewImages:
            addAll(fresh, false);
            break;
        case ImageSet::Selection:
            addSelected(m_window->galleryView(), test);
            addSelected(m_window->newImagesView(), fresh);
            break;
    }
    return images;
}

int ExportDialog::imageCount() const { return static_cast<int>(chosenImages().size()); }

ExportRequest ExportDialog::request() const {
    ExportRequest request;
    request.images = chosenImages();
    request.folder = folder().toStdString();
    request.overlays = m_overlaysBox->isChecked();
    request.maps = m_mapsBox->isChecked();
    request.csv = m_csvBox->isChecked();
    request.opacity = static_cast<float>(m_window->opacitySlider()->value() / 100.0);
    request.threshold = m_window->threshold();
    for (int i = 0; i < m_formatBoxes.size(); ++i)
        if (m_formatBoxes[i]->isEnabled() && m_formatBoxes[i]->isChecked())
            request.formats.push_back(exportFormats()[static_cast<std::size_t>(i)].format);
    request.modelFile = m_window->modelFile().toStdString();
    request.window = m_window->windowSlider()->value();
    return request;
}

void ExportDialog::updateSummary() {
    const int count = imageCount();
    m_countLabel->setText(tr("%n image(s)", "", count));
    if (isRunning()) return;
    const ExportRequest r = request();
    const bool perImage = r.overlays || r.maps || r.csv;
    const bool something = (perImage && count > 0) || !r.formats.empty();
    m_exportButton->setEnabled(something && !folder().isEmpty());
    if (folder().isEmpty())
        m_statusLabel->setText(tr("Choose an output folder."));
    else if (!something)
        m_statusLabel->setText(count == 0 ? tr("There are no images in this set.")
                                          : tr("Choose what to export."));
    else
        m_statusLabel->setText(
            tr("%n file(s) will be written.", "", static_cast<int>(plannedOutputs(r).size())));
}

void ExportDialog::chooseFolder() {
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Output Folder"), folder());
    if (!chosen.isEmpty()) setFolder(chosen);
}

void ExportDialog::setRunning(bool running) {
    for (QWidget* widget : std::initializer_list<QWidget*>{m_setCombo, m_overlaysBox, m_mapsBox, m_csvBox,
                                                           m_folderEdit, m_browseButton, m_exportButton})
        widget->setEnabled(!running);
    for (QCheckBox* box : m_formatBoxes)
        box->setEnabled(!running && m_window->hasModel() && !m_window->modelFile().isEmpty());
    m_progress->setVisible(running);
}

bool ExportDialog::startExport() {
    if (isRunning()) return false;
    const ExportRequest request = this->request();
    if (request.folder.empty()) {
        m_statusLabel->setText(tr("Choose an output folder."));
        return false;
    }
    QStringList existing;
    for (const auto& file : plannedOutputs(request))
        if (QFileInfo::exists(QString::fromStdString(file.string())))
            existing.append(QDir::toNativeSeparators(QString::fromStdString(file.string())));
    if (!existing.isEmpty()) {
        const bool replace =
            m_overwrite ? m_overwrite(existing)
                        : QMessageBox::question(
                              this, tr("Replace Files?"),
                              tr("%n file(s) in the output folder already exist, for example %1. "
                                 "Replace them?",
                                 "", static_cast<int>(existing.size()))
                                  .arg(existing.first()),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
        if (!replace) {
            m_statusLabel->setText(
                tr("Nothing was written: choose another folder or allow replacing the files."));
            return false;
        }
    }
    m_cancel = std::make_shared<CancelToken>();
    setRunning(true);
    m_progress->setRange(0, 0);
    m_statusLabel->setText(tr("Exporting…"));
    QPointer<ExportDialog> guard(this);
    Progress progress;
    progress.cancel = m_cancel.get();
    progress.report = [guard](std::size_t done, std::size_t total, const std::string&) {
        QMetaObject::invokeMethod(
            qApp,
            [guard, done, total] {
                if (!guard) return;
                guard->m_progress->setRange(0, static_cast<int>(total));
                guard->m_progress->setValue(static_cast<int>(done));
                guard->m_progress->setFormat(tr("%1 of %2 files").arg(done).arg(total));
                emit guard->progressChanged(static_cast<qint64>(done), static_cast<qint64>(total));
            },
            Qt::QueuedConnection);
    };
    m_thread = QThread::create([guard, request, progress, token = m_cancel] {
        bool ok = false;
        QString message;
        try {
            const auto written = runExport(request, progress);
            ok = true;
            message = tr("%n file(s) written to %1.", "", static_cast<int>(written.size()))
                          .arg(QDir::toNativeSeparators(QString::fromStdString(request.folder.string())));
        } catch (const Cancelled&) {
            message = tr("Export cancelled; the files written so far were removed.");
        } catch (const std::exception& e) {
            message = tr("Export failed: %1").arg(localizedError(e));
        }
        QMetaObject::invokeMethod(
            qApp,
            [guard, ok, message] {
                if (!guard) return;
                guard->m_thread->wait();
                guard->m_thread->deleteLater();
                guard->m_thread = nullptr;
                guard->setRunning(false);
                guard->m_statusLabel->setText(message);
                emit guard->exportFinished(ok, message);
            },
            Qt::QueuedConnection);
    });
    m_thread->setParent(this);
    m_thread->start();
    return true;
}

void ExportDialog::cancelExport() {
    if (m_cancel) m_cancel->cancel();
    if (isRunning()) m_statusLabel->setText(tr("Cancelling…"));
}

void ExportDialog::reject() {
    // Cancel first stops a running export; the dialog stays until it has stopped.
    if (isRunning()) {
        cancelExport();
        return;
    }
    QDialog::reject();
}

}  // namespace lwinnn::ui
