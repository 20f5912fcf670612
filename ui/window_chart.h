// Image AUROC, pixel AUROC and AUPRO against the window size δ, to pick the knee: the image metrics arrive at
// once after the sweep, the pixel metrics one δ at a time as the background computes them.
#pragma once

#include <QWidget>

#include <vector>

#include "window_sweep.h"

class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace lwinnn::ui {

class WindowChart : public QWidget {
    Q_OBJECT

  public:
    explicit WindowChart(QWidget* parent = nullptr);

    void clear();
    void setImageMetrics(const std::vector<WindowMetrics>& metrics);
    void addPixelMetrics(const WindowMetrics& metrics);  // replaces that δ's
    void setCurrentWindow(int window);
    const std::vector<WindowMetrics>& metrics() const { return m_metrics; }
    int pixelMetricsCount() const;

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslate();
    void redraw();

    std::vector<WindowMetrics> m_metrics;
    int m_current = 0;
    QChartView* m_view = nullptr;
    QLineSeries* m_imageAuroc = nullptr;
    QLineSeries* m_pixelAuroc = nullptr;
    QLineSeries* m_aupro = nullptr;
    QScatterSeries* m_points = nullptr;
    QLineSeries* m_currentLine = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QLabel* m_caption = nullptr;
};

}  // namespace lwinnn::ui
