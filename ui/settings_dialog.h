// Edit ▸ Preferences: the training device, the resize mode, the fp16 memory bank,
// the backbone weights file (with what to do when there is none) and the language, which applies at once.
#pragma once

#include <QDialog>

#include "studio_settings.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace lwinnn::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT

  public:
    explicit SettingsDialog(const StudioSettings& settings, QWidget* parent = nullptr);

    StudioSettings settings() const;
    QComboBox* languageCombo() const { return m_languageCombo; }
    QCheckBox* fp16Box() const { return m_fp16Box; }
    QSpinBox* maxPixelsBox() const { return m_maxPixelsBox; }
    QLabel* weightsHelpLabel() const { return m_weightsHelp; }

    void accept() override;  // saves the settings and applies the language

  private:
    void updateWeightsHelp();

    QComboBox* m_deviceCombo = nullptr;
    QComboBox* m_resizeCombo = nullptr;
    QCheckBox* m_fp16Box = nullptr;
    QSpinBox* m_maxPixelsBox = nullptr;
    QLineEdit* m_weightsEdit = nullptr;
    QLabel* m_weightsHelp = nullptr;
    QComboBox* m_languageCombo = nullptr;
};

}  // namespace lwinnn::ui
