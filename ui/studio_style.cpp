#include "studio_style.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

namespace lwinnn::ui {

void applyStudioStyle(QApplication& application) {
    application.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette palette;
    const QColor window(45, 47, 50);
    const QColor base(33, 35, 38);
    const QColor text(222, 225, 228);
    const QColor disabled(120, 124, 128);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(40, 42, 45));
    palette.setColor(QPalette::ToolTipBase, QColor(60, 63, 66));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(55, 58, 62));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(255, 110, 100));
    palette.setColor(QPalette::Highlight, QColor(47, 111, 168));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(90, 170, 240));
    palette.setColor(QPalette::PlaceholderText, disabled);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    application.setPalette(palette);
}

}  // namespace lwinnn::ui
