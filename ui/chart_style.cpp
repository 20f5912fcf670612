#include "chart_style.h"

#include <QChart>
#include <QChartView>
#include <QFont>
#include <QGraphicsLayout>
#include <QValueAxis>

namespace lwinnn::ui {

QChartView* makeChartView(QWidget* parent) {
    auto* chart = new QChart;
    chart->setTheme(QChart::ChartThemeDark);
    chart->setBackgroundBrush(QColor(33, 35, 38));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setVisible(false);
    chart->legend()->setLabelColor(QColor(222, 225, 228));
    QFont title = chart->titleFont();
    title.setPointSizeF(title.pointSizeF() * 0.95);
    title.setBold(true);
    chart->setTitleFont(title);
    chart->setTitleBrush(QColor(222, 225, 228));
    chart->setAnimationOptions(QChart::NoAnimation);
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(220, 160);
    view->setBackgroundBrush(QColor(33, 35, 38));
    return view;
}

QValueAxis* makeAxis(const QString& title, double low, double high, const QString& format) {
    auto* axis = new QValueAxis;
    axis->setRange(low, high);
    axis->setTitleText(title);
    axis->setLabelFormat(format);
    axis->setLabelsColor(QColor(190, 194, 198));
    axis->setTitleBrush(QColor(190, 194, 198));
    axis->setGridLineColor(QColor(62, 65, 70));
    axis->setLinePenColor(QColor(90, 94, 100));
    axis->setTickCount(6);
    QFont font = axis->labelsFont();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    axis->setLabelsFont(font);
    QFont titleFont = axis->titleFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.85);
    titleFont.setBold(false);
    axis->setTitleFont(titleFont);
    return axis;
}

}  // namespace lwinnn::ui
