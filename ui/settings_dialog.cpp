#include "settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "weights.h"

namespace lwinnn::ui {

namespace {

void selectData(QComboBox* combo, const QString& value) {
    const int index = combo->findData(value);
    combo->setCurrentIndex(index >= 0 ? index : 0);
}

}  // namespace

SettingsDialog::SettingsDialog(const StudioSettings& settings, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));

    m_deviceCombo = new QComboBox;
    m_deviceCombo->addItem(tr("Automatic (CUDA when available)"), QStringLiteral("auto"));
    m_deviceCombo->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_deviceCombo->addItem(tr("CUDA (NVIDIA GPU)"), QStringLiteral("cuda"));
    selectData(m_deviceCombo, settings.device);

    m_resizeCombo = new QComboBox;
    m_resizeCombo->addItem(tr("Automatic"), QStringLiteral("auto"));
    m_resizeCombo->addItem(tr("Keep aspect ratio"), QStringLiteral("keep-aspect"));
    m_resizeCombo->addItem(tr("Square"), QStringLiteral("square"));
    m_resizeCombo->setToolTip(
        tr("How training images are resized for the network: automatic keeps the aspect "
           "ratio unless the images differ in size"));
    selectData(m_resizeCombo, settings.resizeMode);

    m_fp16Box = new QCheckBox(tr("Half-precision (fp16) memory bank"));
    m_fp16Box->setChecked(settings.fp16Bank);
    m_fp16Box->setToolTip(
        tr("Models trained from now on store the memory bank in 16-bit floats: half the memory "
           "and file size; scores move by about 1e-4 of their range."));

    m_maxPixelsBox = new QSpinBox;
    m_maxPixelsBox->setRange(1, kMaxImageMegapixelsLimit);
    m_maxPixelsBox->setValue(settings.maxImageMegapixels);
    m_maxPixelsBox->setSuffix(tr(" megapixels"));
    m_maxPixelsBox->setToolTip(
        tr("Images with more pixels are refused before they are decoded, so that a huge or hostile file "
           "cannot exhaust the memory."));

    m_weightsEdit = new QLineEdit(settings.weights == QStringLiteral("random")
                                      ? settings.weights
                                      : QDir::toNativeSeparators(settings.weights));
    m_weightsEdit->setPlaceholderText(tr("Search the standard places"));
    m_weightsEdit->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Backbone Weights"),
                                                          QFileInfo(m_weightsEdit->text()).absolutePath(),
                                                          tr("Weights (*.pth *.safetensors);;All files (*)"));
        if (!file.isEmpty()) m_weightsEdit->setText(QDir::toNativeSeparators(file));
    });
    auto* weightsRow = new QHBoxLayout;
    weightsRow->addWidget(m_weightsEdit, 1);
    weightsRow->addWidget(browse);
    m_weightsHelp = new QLabel;
    m_weightsHelp->setWordWrap(true);
    m_weightsHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Top-aligned and measured at the dialog's width, so the wrapped text leaves no gaps around it.
    m_weightsHelp->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_weightsHelp->setMinimumWidth(480);
    connect(m_weightsEdit, &QLineEdit::textChanged, this, &SettingsDialog::updateWeightsHelp);

    m_languageCombo = new QComboBox;
    m_languageCombo->addItem(tr("System language"), QString());
    // Each language in its own name, as language menus do.
    m_languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageCombo->addItem(QStringLiteral("Nederlands"), QStringLiteral("nl"));
    m_languageCombo->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    selectData(m_languageCombo, settings.language);
    auto* languageNote =
        new QLabel(tr("Menus and panels change at once; a few texts follow after a restart."));
    languageNote->setWordWrap(true);
    languageNote->setEnabled(false);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Device"), m_deviceCombo);
    form->addRow(tr("Resize mode"), m_resizeCombo);
    form->addRow(QString(), m_fp16Box);
    form->addRow(tr("Largest image"), m_maxPixelsBox);
    form->addRow(tr("Backbone weights"), weightsRow);
    form->addRow(QString(), m_weightsHelp);
    form->addRow(tr("Language"), m_languageCombo);
    form->addRow(QString(), languageNote);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    updateWeightsHelp();
    // The wrapped help text's height depends on the width: size the dialog for the width it opens with.
    constexpr int kWidth = 680;
    layout->activate();
    resize(kWidth, layout->hasHeightForWidth() ? layout->heightForWidth(kWidth) : sizeHint().height());
}

void SettingsDialog::updateWeightsHelp() {
    const QString spec = QDir::fromNativeSeparators(m_weightsEdit->text().trimmed());
    if (spec == QStringLiteral("random")) {
        m_weightsHelp->setText(
            tr("Untrained weights: for trying the Studio only, the results mean nothing."));
        return;
    }
    if (!spec.isEmpty()) {
        m_weightsHelp->setText(QFileInfo(spec).isFile()
                                   ? QString()
                                   : tr("%1 does not exist.").arg(QDir::toNativeSeparators(spec)));
        return;
    }
    for (const auto& place : weightsSearchPath()) {
        if (QFileInfo(QString::fromStdString(place.string())).isFile()) {
            m_weightsHelp->setText(
                tr("Found: %1").arg(QDir::toNativeSeparators(QString::fromStdString(place.string()))));
            return;
        }
    }
    m_weightsHelp->setText(QString::fromStdString(missingWeightsHelp()).trimmed());
}

StudioSettings SettingsDialog::settings() const {
    StudioSettings settings;
    settings.device = m_deviceCombo->currentData().toString();
    settings.resizeMode = m_resizeCombo->currentData().toString();
    settings.fp16Bank = m_fp16Box->isChecked();
    settings.maxImageMegapixels = m_maxPixelsBox->value();
    settings.weights = QDir::fromNativeSeparators(m_weightsEdit->text().trimmed());
    settings.language = m_languageCombo->currentData().toString();
    return settings;
}

void SettingsDialog::accept() {
    const StudioSettings chosen = settings();
    const bool languageChanged = chosen.language != StudioSettings::load().language;
    chosen.save();
    if (languageChanged) applyLanguage(chosen.language);
    QDialog::accept();
}

}  // namespace lwinnn::ui
