// The Studio's look for Qt Charts: dark, compact, matching the window palette (studio_style).
#pragma once

#include <QColor>
#include <QString>

class QChart;
class QChartView;
class QValueAxis;
class QWidget;

namespace lwinnn::ui {

namespace chart_colours {
inline const QColor kCurve(90, 170, 240);
inline const QColor kSecond(242, 163, 58);
inline const QColor kGood(94, 226, 122);
inline const QColor kDefect(239, 107, 98);
inline const QColor kMarker(250, 214, 80);
inline const QColor kGuide(130, 134, 140);
}  // namespace chart_colours

// A chart view with the Studio's theme, antialiasing, small margins and no legend unless asked.
QChartView* makeChartView(QWidget* parent = nullptr);
// Value axes with readable labels and grid for the dark theme.
QValueAxis* makeAxis(const QString& title, double low, double high,
                     const QString& format = QStringLiteral("%.1f"));

}  // namespace lwinnn::ui
