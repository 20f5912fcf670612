#include "threshold_panel.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

#include "metrics.h"

namespace lwinnn::ui {

namespace {
constexpr int kSteps = 1000;
}

ThresholdPanel::ThresholdPanel(QWidget* parent) : QWidget(parent) {
    m_label = new QLabel;
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setRange(0, kSteps);
    m_slider->setMinimumWidth(160);
    m_spin = new QDoubleSpinBox;
    m_spin->setDecimals(4);
    m_spin->setKeyboardTracking(false);
    m_spin->setMinimumWidth(90);
    m_f1Button = new QPushButton(QIcon(QStringLiteral(":/icons/f1.svg")), QString());
    m_stats = new QLabel;
    m_stats->setTextFormat(Qt::RichText);
    retranslate();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_label);
    layout->addWidget(m_slider, 2);
    layout->addWidget(m_spin);
    layout->addWidget(m_f1Button);
    layout->addSpacing(8);
    layout->addWidget(m_stats, 3);

    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        const double value = m_low + (m_high - m_low) * position / kSteps;
        setThreshold(value);
        emit thresholdEdited(value);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        setThreshold(value);
        emit thresholdEdited(value);
    });
    connect(m_f1Button, &QPushButton::clicked, this, [this] {
        if (!m_evaluation || !m_evaluation->hasMetrics) return;
        const ThresholdStats best = f1OptimalThreshold(m_evaluation->scores, m_evaluation->labels);
        setThreshold(best.threshold);
        emit thresholdEdited(best.threshold);
    });
    setEvaluation(nullptr);
}

void ThresholdPanel::retranslate() {
    m_label->setText(tr("Threshold"));
    m_slider->setToolTip(tr("Image-score threshold: images scoring at or above it are predicted defective"));
    m_spin->setToolTip(m_slider->toolTip());
    m_f1Button->setText(tr("F1-optimal"));
    m_f1Button->setToolTip(tr("Set the threshold with the highest F1 on the test images (F)"));
    m_stats->setToolTip(
        tr("At the threshold: precision, recall and F1 of the image predictions, false "
           "positives (good images predicted defective) and false negatives (missed defects)"));
}

void ThresholdPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateStats();
    }
    QWidget::changeEvent(event);
}

void ThresholdPanel::setEvaluation(std::shared_ptr<const Evaluation> evaluation) {
    m_evaluation = std::move(evaluation);
    const bool scores = m_evaluation && !m_evaluation->scores.empty();
    m_slider->setEnabled(scores);
    m_spin->setEnabled(scores);
    m_f1Button->setEnabled(m_evaluation && m_evaluation->hasMetrics);
    updateRange();
    updateStats();
}

void ThresholdPanel::setThreshold(double threshold) {
    m_threshold = threshold;
    if (threshold < m_low || threshold > m_high) updateRange();
    {
        const QSignalBlocker blockSlider(m_slider);
        const QSignalBlocker blockSpin(m_spin);
        m_slider->setValue(sliderPosition(threshold));
        m_spin->setValue(threshold);
    }
    updateStats();
}

int ThresholdPanel::sliderPosition(double threshold) const {
    if (m_high <= m_low) return 0;
    return std::clamp(static_cast<int>(std::lround((threshold - m_low) / (m_high - m_low) * kSteps)), 0,
                      kSteps);
}

void ThresholdPanel::updateRange() {
    double low = m_threshold;
    double high = m_threshold;
    if (m_evaluation && !m_evaluation->scores.empty()) {
        const auto [lowIt, highIt] =
            std::minmax_element(m_evaluation->scores.begin(), m_evaluation->scores.end());
        low = std::min(low, *lowIt);
        high = std::max(high, *highIt);
    }
    const double pad = std::max(1e-3, (high - low) * 0.05);
    m_low = std::max(0.0, low - pad);
    m_high = high + pad;
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_spin);
    m_spin->setRange(0.0, std::max(m_high * 2.0, 1.0));
    m_spin->setSingleStep((m_high - m_low) / 100.0);
    m_spin->setValue(m_threshold);
    m_slider->setValue(sliderPosition(m_threshold));
}

void ThresholdPanel::updateStats() {
    if (!m_evaluation || !m_evaluation->hasMetrics) {
        m_stats->setText(tr("Precision — · Recall — · F1 —"));
        return;
    }
    const ThresholdStats stats = statsAtThreshold(m_evaluation->scores, m_evaluation->labels, m_threshold);
    int falsePositives = 0;
    int falseNegatives = 0;
    for (std::size_t i = 0; i < m_evaluation->scores.size(); ++i) {
        const bool predicted = m_evaluation->scores[i] >= m_threshold;
        falsePositives += predicted && !m_evaluation->labels[i];
        falseNegatives += !predicted && m_evaluation->labels[i];
    }
    m_stats->setText(tr("Precision <b>%1</b> · Recall <b>%2</b> · F1 <b>%3</b> · "
                        "<span style='color:#ef6b62'>FP %4</span> · <span style='color:#f2a33a'>FN %5</span>")
                         .arg(QString::number(stats.precision, 'f', 3), QString::number(stats.recall, 'f', 3),
                              QString::number(stats.f1, 'f', 3))
                         .arg(falsePositives)
                         .arg(falseNegatives));
}

}  // namespace lwinnn::ui
