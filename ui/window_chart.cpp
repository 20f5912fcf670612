#include "window_chart.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "chart_style.h"
#include "pipeline.h"

namespace lwinnn::ui {

WindowChart::WindowChart(QWidget* parent) : QWidget(parent) {
    using namespace chart_colours;
    m_view = makeChartView();
    m_view->setMinimumHeight(170);
    QChart* chart = m_view->chart();
    auto line = [chart](const QString& name, const QColor& colour, Qt::PenStyle style) {
        auto* series = new QLineSeries;
        series->setName(name);
        QPen pen(colour, 2.0, style);
        series->setPen(pen);
        series->setPointsVisible(true);
        chart->addSeries(series);
        return series;
    };
    m_currentLine = line(QString(), kGuide, Qt::DashLine);
    m_imageAuroc = line(QString(), kCurve, Qt::SolidLine);
    m_aupro = line(QString(), kSecond, Qt::SolidLine);
    m_pixelAuroc = line(QString(), kGood, Qt::DotLine);
    m_points = new QScatterSeries;
    m_points->setMarkerSize(9);
    m_points->setColor(kMarker);
    m_points->setBorderColor(QColor(33, 35, 38));
    chart->addSeries(m_points);
    m_x = makeAxis(QString(), 0.5, kStudioMaxWindow + 0.5, QStringLiteral("%d"));
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(1);
    m_x->setTickInterval(2);
    m_y = makeAxis(QString(), 0, 1, QStringLiteral("%.2f"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignTop);
    for (QLegendMarker* marker : chart->legend()->markers())
        if (marker->series() == m_currentLine || marker->series() == m_points) marker->setVisible(false);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->legend()->setFont(legendFont);
    m_caption = new QLabel;
    m_caption->setWordWrap(true);
    m_caption->setStyleSheet(QStringLiteral("color: #9a9ea4;"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_caption);
    retranslate();
    clear();
}

void WindowChart::retranslate() {
    m_imageAuroc->setName(tr("Image AUROC"));
    m_aupro->setName(tr("AUPRO"));
    m_pixelAuroc->setName(tr("Pixel AUROC"));
    m_x->setTitleText(tr("Window δ"));
    setToolTip(
        tr("Metrics of the test set at every window size δ, from one search; pick the knee, then "
           "move the δ slider there"));
}

void WindowChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        redraw();
    }
    QWidget::changeEvent(event);
}

void WindowChart::clear() {
    m_metrics.clear();
    redraw();
}

void WindowChart::setImageMetrics(const std::vector<WindowMetrics>& metrics) {
    m_metrics = metrics;
    redraw();
}

void WindowChart::addPixelMetrics(const WindowMetrics& metrics) {
    for (WindowMetrics& m : m_metrics)
        if (m.window == metrics.window) m = metrics;
    redraw();
}

void WindowChart::setCurrentWindow(int window) {
    m_current = window;
    redraw();
}

int WindowChart::pixelMetricsCount() const {
    return static_cast<int>(std::count_if(m_metrics.begin(), m_metrics.end(),
                                          [](const WindowMetrics& m) { return m.pixelsComputed; }));
}

void WindowChart::redraw() {
    QList<QPointF> image;
    QList<QPointF> pixel;
    QList<QPointF> aupro;
    QList<QPointF> current;
    double low = 1.0;
    int maxWindow = kStudioMaxWindow;
    for (const WindowMetrics& m : m_metrics) {
        maxWindow = std::max(maxWindow, m.window);
        auto add = [&](QList<QPointF>& list, double value) {
            if (std::isnan(value)) return;
            list.append(QPointF(m.window, value));
            low = std::min(low, value);
            if (m.window == m_current) current.append(QPointF(m.window, value));
        };
        add(image, m.imageAuroc);
        add(pixel, m.pixelAuroc);
        add(aupro, m.aupro);
    }
    m_imageAuroc->replace(image);
    m_pixelAuroc->replace(pixel);
    m_aupro->replace(aupro);
    m_points->replace(current);
    // Zoom on the values: the differences between windows are often in the second decimal.
    const double bottom = std::max(0.0, std::floor((low - 0.02) * 20.0) / 20.0);
    m_y->setRange(std::min(bottom, 0.95), 1.0);
    m_x->setRange(0.5, maxWindow + 0.5);
    m_currentLine->replace(m_current > 0 ? QList<QPointF>{QPointF(m_current, 0), QPointF(m_current, 1)}
                                         : QList<QPointF>{});
    const int total = static_cast<int>(m_metrics.size());
    const int done = pixelMetricsCount();
    if (m_metrics.empty())
        m_caption->setText(tr("Train or open a model to compare window sizes."));
    else if (done < total)
        m_caption->setText(tr("Pixel metrics: %1 of %2 window sizes computed…").arg(done).arg(total));
    else
        m_caption->setText(tr("All %1 window sizes from one search.").arg(total));
}

}  // namespace lwinnn::ui
