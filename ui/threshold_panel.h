// The image-score threshold: a slider over the test scores and an exact number, one click to the F1-optimal
// value (metrics.h), and precision / recall / F1 and the error counts at the threshold.
#pragma once

#include <QWidget>

#include <memory>

#include "detector_worker.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace lwinnn::ui {

class ThresholdPanel : public QWidget {
    Q_OBJECT

  public:
    explicit ThresholdPanel(QWidget* parent = nullptr);

    void setEvaluation(std::shared_ptr<const Evaluation> evaluation);
    // Shows `threshold` without emitting thresholdEdited.
    void setThreshold(double threshold);
    double threshold() const { return m_threshold; }

    QSlider* slider() const { return m_slider; }
    QDoubleSpinBox* spinBox() const { return m_spin; }
    QPushButton* f1Button() const { return m_f1Button; }
    QLabel* statsLabel() const { return m_stats; }

  protected:
    void changeEvent(QEvent* event) override;

  signals:
    // The user chose a threshold (slider, number or the F1-optimal button).
    void thresholdEdited(double threshold);

  private:
    void retranslate();
    void updateRange();
    void updateStats();
    int sliderPosition(double threshold) const;

    std::shared_ptr<const Evaluation> m_evaluation;
    double m_threshold = 0;
    double m_low = 0;
    double m_high = 1;
    QLabel* m_label = nullptr;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    QPushButton* m_f1Button = nullptr;
    QLabel* m_stats = nullptr;
};

}  // namespace lwinnn::ui
