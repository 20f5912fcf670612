// The evaluation's curves: the image ROC with the operating point of the threshold, the histogram of good and
// defective image scores with the threshold line, and the PRO curve with the FPR limit of AUPRO shaded; the
// areas are in the titles.
#pragma once

#include <QWidget>

#include <memory>

#include "detector_worker.h"

class QAreaSeries;
class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class QTabWidget;
class QValueAxis;

namespace lwinnn::ui {

class CurvesPanel : public QWidget {
    Q_OBJECT

  public:
    explicit CurvesPanel(QWidget* parent = nullptr);

    void setEvaluation(std::shared_ptr<const Evaluation> evaluation);
    void setThreshold(double threshold);

    QChart* rocChart() const;
    QChart* proChart() const;
    QChart* histogramChart() const;
    QTabWidget* tabs() const { return m_tabs; }
    // The ROC's operating point at the threshold (FPR, TPR), or (-1, -1) without an evaluation.
    QPointF operatingPoint() const;

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslate();
    void updateHistogram();
    void updateOperatingPoint();

    std::shared_ptr<const Evaluation> m_evaluation;
    double m_threshold = 0;
    QTabWidget* m_tabs = nullptr;

    QChartView* m_rocView = nullptr;
    QLineSeries* m_roc = nullptr;
    QScatterSeries* m_rocPoint = nullptr;

    QChartView* m_histogramView = nullptr;
    QAreaSeries* m_goodBars = nullptr;
    QAreaSeries* m_defectBars = nullptr;
    QLineSeries* m_thresholdLine = nullptr;
    QValueAxis* m_rocX = nullptr;
    QValueAxis* m_rocY = nullptr;
    QValueAxis* m_proX = nullptr;
    QValueAxis* m_proY = nullptr;
    QValueAxis* m_histogramX = nullptr;
    QValueAxis* m_histogramY = nullptr;

    QChartView* m_proView = nullptr;
    QLineSeries* m_pro = nullptr;
    QAreaSeries* m_proArea = nullptr;
    QLineSeries* m_fprLimitLine = nullptr;
};

}  // namespace lwinnn::ui
