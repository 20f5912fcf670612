#include "curves_panel.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTabWidget>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "chart_style.h"

namespace lwinnn::ui {

namespace {

constexpr int kBins = 24;

QString metricText(double value) {
    return std::isnan(value) ? QStringLiteral("—") : QString::number(value, 'f', 4);
}

QLineSeries* addLine(QChart* chart, const QColor& colour, qreal width, Qt::PenStyle style = Qt::SolidLine) {
    auto* series = new QLineSeries;
    chart->addSeries(series);
    QPen pen(colour, width, style);
    pen.setCosmetic(true);
    series->setPen(pen);
    return series;
}

QAreaSeries* addArea(QChart* chart, QColor colour) {
    // QAreaSeries does not own its boundary series: parent the line to the area so that it goes with it.
    auto* area = new QAreaSeries;
    area->setUpperSeries(new QLineSeries(area));
    chart->addSeries(area);
    area->setPen(QPen(colour, 1.4));
    colour.setAlpha(90);
    area->setBrush(colour);
    return area;
}

// Qt Charts lays a new title out (and elides it) only when the chart's layout runs again.
void setTitle(QChart* chart, const QString& title) {
    if (chart->title() == title) return;
    chart->setTitle(title);
    chart->layout()->invalidate();
}

void attach(QChart* chart, QValueAxis* x, QValueAxis* y) {
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

}  // namespace

CurvesPanel::CurvesPanel(QWidget* parent) : QWidget(parent) {
    using namespace chart_colours;
    // Image ROC.
    m_rocView = makeChartView();
    QChart* roc = m_rocView->chart();
    QLineSeries* diagonal = addLine(roc, kGuide, 1.0, Qt::DashLine);
    diagonal->append({QPointF(0, 0), QPointF(1, 1)});
    m_roc = addLine(roc, kCurve, 2.0);
    m_rocPoint = new QScatterSeries;
    m_rocPoint->setMarkerSize(11);
    m_rocPoint->setColor(kMarker);
    m_rocPoint->setBorderColor(QColor(33, 35, 38));
    roc->addSeries(m_rocPoint);
    m_rocX = makeAxis(QString(), 0, 1);
    m_rocY = makeAxis(QString(), 0, 1);
    attach(roc, m_rocX, m_rocY);

    // Score histogram.
    m_histogramView = makeChartView();
    QChart* histogram = m_histogramView->chart();
    m_goodBars = addArea(histogram, kGood);
    m_defectBars = addArea(histogram, kDefect);
    m_thresholdLine = addLine(histogram, kMarker, 2.0, Qt::DashLine);
    m_histogramX = makeAxis(QString(), 0, 1, QStringLiteral("%.2f"));
    m_histogramY = makeAxis(QString(), 0, 1, QStringLiteral("%d"));
    m_histogramY->setTickCount(2);
    attach(histogram, m_histogramX, m_histogramY);
    histogram->legend()->setVisible(true);
    histogram->legend()->setAlignment(Qt::AlignTop);

    // PRO.
    m_proView = makeChartView();
    QChart* pro = m_proView->chart();
    m_proArea = addArea(pro, kSecond);
    m_proArea->setPen(Qt::NoPen);
    m_pro = addLine(pro, kSecond, 2.0);
    m_fprLimitLine = addLine(pro, kMarker, 1.5, Qt::DashLine);
    m_proX = makeAxis(QString(), 0, 1);
    m_proY = makeAxis(QString(), 0, 1);
    attach(pro, m_proX, m_proY);

    auto* imagePage = new QWidget;
    auto* imageLayout = new QHBoxLayout(imagePage);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->setSpacing(4);
    imageLayout->addWidget(m_histogramView, 3);
    imageLayout->addWidget(m_rocView, 2);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(imagePage, QString());
    m_tabs->addTab(m_proView, QString());
    retranslate();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    setEvaluation(nullptr);
}

void CurvesPanel::retranslate() {
    m_roc->setName(tr("ROC"));
    m_rocPoint->setName(tr("Threshold"));
    m_goodBars->setName(tr("Good"));
    m_defectBars->setName(tr("Defective"));
    m_thresholdLine->setName(tr("Threshold"));
    m_rocX->setTitleText(tr("False-positive rate"));
    m_rocY->setTitleText(tr("True-positive rate"));
    m_histogramX->setTitleText(tr("Image score"));
    m_histogramY->setTitleText(tr("Images"));
    m_proX->setTitleText(tr("False-positive rate (pixels)"));
    m_proY->setTitleText(tr("Per-region overlap"));
    m_tabs->setTabText(0, tr("Image scores && ROC"));
    m_tabs->setTabText(1, tr("Pixels: PRO"));
    m_tabs->setTabToolTip(0, tr("Histogram of the image scores of good and defective test images with the "
                                "threshold, and the image ROC with the threshold's operating point"));
    m_tabs->setTabToolTip(1, tr("Per-region overlap against the pixel false-positive rate; the shaded part "
                                "up to the FPR limit is what AUPRO averages"));
}

void CurvesPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        setEvaluation(m_evaluation);  // the titles
    }
    QWidget::changeEvent(event);
}

QChart* CurvesPanel::rocChart() const { return m_rocView->chart(); }
QChart* CurvesPanel::proChart() const { return m_proView->chart(); }
QChart* CurvesPanel::histogramChart() const { return m_histogramView->chart(); }

void CurvesPanel::setEvaluation(std::shared_ptr<const Evaluation> evaluation) {
    m_evaluation = std::move(evaluation);
    const bool metrics = m_evaluation && m_evaluation->hasMetrics;
    QList<QPointF> roc;
    if (metrics)
        for (const CurvePoint& p : m_evaluation->roc) roc.append(QPointF(p.x, p.y));
    m_roc->replace(roc);
    setTitle(rocChart(), metrics ? tr("Image ROC — AUROC %1 (δ = %2)")
                                       .arg(metricText(m_evaluation->imageAuroc))
                                       .arg(m_evaluation->window)
                                 : tr("Image ROC"));

    QList<QPointF> pro;
    QList<QPointF> shaded;
    const double limit = m_evaluation ? m_evaluation->fprLimit : 0.3;
    if (metrics) {
        const auto& points = m_evaluation->pro;
        for (std::size_t i = 0; i < points.size(); ++i) {
            pro.append(QPointF(points[i].x, points[i].y));
            if (points[i].x <= limit) {
                shaded.append(QPointF(points[i].x, points[i].y));
            } else if (i > 0 && points[i - 1].x < limit) {  // cut the last segment at the limit
                const double f = (limit - points[i - 1].x) / (points[i].x - points[i - 1].x);
                shaded.append(QPointF(limit, points[i - 1].y + f * (points[i].y - points[i - 1].y)));
            }
        }
    }
    m_pro->replace(pro);
    m_proArea->upperSeries()->replace(shaded);
    m_fprLimitLine->replace({QPointF(limit, 0), QPointF(limit, 1)});
    m_fprLimitLine->setVisible(metrics && !pro.isEmpty());
    setTitle(proChart(), metrics && !pro.isEmpty() ? tr("PRO — AUPRO %1 (FPR ≤ %2), pixel AUROC %3")
                                                         .arg(metricText(m_evaluation->aupro))
                                                         .arg(limit)
                                                         .arg(metricText(m_evaluation->pixelAuroc))
                                                   : tr("PRO (needs defect masks)"));
    updateHistogram();
    updateOperatingPoint();
}

void CurvesPanel::setThreshold(double threshold) {
    m_threshold = threshold;
    updateHistogram();
    updateOperatingPoint();
}

QPointF CurvesPanel::operatingPoint() const {
    if (!m_evaluation || !m_evaluation->hasMetrics) return {-1, -1};
    int goods = 0;
    int defects = 0;
    int falsePositives = 0;
    int truePositives = 0;
    for (std::size_t i = 0; i < m_evaluation->scores.size(); ++i) {
        const bool predicted = m_evaluation->scores[i] >= m_threshold;
        if (m_evaluation->labels[i]) {
            ++defects;
            truePositives += predicted;
        } else {
            ++goods;
            falsePositives += predicted;
        }
    }
    return {goods ? static_cast<double>(falsePositives) / goods : 0.0,
            defects ? static_cast<double>(truePositives) / defects : 0.0};
}

void CurvesPanel::updateOperatingPoint() {
    const QPointF point = operatingPoint();
    if (point.x() < 0)
        m_rocPoint->clear();
    else
        m_rocPoint->replace({point});
}

void CurvesPanel::updateHistogram() {
    QChart* chart = histogramChart();
    if (!m_evaluation || m_evaluation->scores.empty()) {
        m_goodBars->upperSeries()->clear();
        m_defectBars->upperSeries()->clear();
        m_thresholdLine->clear();
        // Whole image counts only: 0 and 1, not six ticks that the integer format would all print as 0.
        m_histogramY->setRange(0, 1);
        m_histogramY->setTickCount(2);
        setTitle(chart, tr("Image scores"));
        return;
    }
    const auto& scores = m_evaluation->scores;
    const auto [lowIt, highIt] = std::minmax_element(scores.begin(), scores.end());
    double low = std::min(*lowIt, m_threshold);
    double high = std::max(*highIt, m_threshold);
    const double pad = std::max(1e-6, (high - low) * 0.04);
    low -= pad;
    high += pad;
    const double width = (high - low) / kBins;
    std::vector<int> good(kBins, 0);
    std::vector<int> defect(kBins, 0);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const int bin = std::clamp(static_cast<int>((scores[i] - low) / width), 0, kBins - 1);
        ++(m_evaluation->labels[i] ? defect : good)[static_cast<std::size_t>(bin)];
    }
    auto steps = [&](const std::vector<int>& counts) {
        QList<QPointF> points;
        for (int b = 0; b < kBins; ++b) {
            const double x0 = low + b * width;
            points.append({QPointF(x0, 0), QPointF(x0, counts[b]), QPointF(x0 + width, counts[b]),
                           QPointF(x0 + width, 0)});
        }
        return points;
    };
    m_goodBars->upperSeries()->replace(steps(good));
    m_defectBars->upperSeries()->replace(steps(defect));
    const int top = std::max(*std::max_element(good.begin(), good.end()),
                             *std::max_element(defect.begin(), defect.end()));
    const double yMax = std::max(1.0, std::ceil(top * 1.1));
    m_thresholdLine->replace({QPointF(m_threshold, 0), QPointF(m_threshold, yMax)});
    m_histogramX->setRange(low, high);
    m_histogramY->setRange(0, yMax);
    m_histogramY->setTickCount(std::min(6, static_cast<int>(yMax) + 1));
    setTitle(chart, tr("Image scores — threshold %1").arg(QString::number(m_threshold, 'f', 3)));
}

}  // namespace lwinnn::ui
