// ui/image_viewer: the heatmap overlay, the ground-truth outline, zoom.
#include <QtTest>

#include <QPainter>

#include "image_viewer.h"
#include "ui_test_support.h"

using namespace lwinnn;

class TestImageViewer : public QObject {
    Q_OBJECT

  private slots:
    void outlineIsTheMaskBoundary() {
        QImage mask(10, 10, QImage::Format_Grayscale8);
        mask.fill(0);
        QPainter(&mask).fillRect(QRect(3, 3, 4, 4), Qt::white);
        const QImage outline = ui::maskOutline(mask, Qt::green);
        QCOMPARE(outline.size(), mask.size());
        QCOMPARE(outline.pixelColor(3, 3), QColor(Qt::green));  // corner of the region
        QCOMPARE(outline.pixelColor(6, 4), QColor(Qt::green));  // right edge
        QCOMPARE(outline.pixelColor(4, 4).alpha(), 0);          // inside
        QCOMPARE(outline.pixelColor(1, 1).alpha(), 0);          // outside
    }

    void overlayOpacityAndOutline() {
        ui::ImageViewer viewer;
        viewer.resize(400, 300);
        viewer.show();
        QImage image(20, 20, QImage::Format_RGB888);
        image.fill(QColor(100, 100, 100));
        QImage heatmap(20, 20, QImage::Format_RGB888);
        heatmap.fill(QColor(255, 0, 0));
        QImage mask(20, 20, QImage::Format_Grayscale8);
        mask.fill(0);
        QPainter(&mask).fillRect(QRect(5, 5, 5, 5), Qt::white);
        viewer.setImages(image, heatmap, ui::maskOutline(mask, Qt::green));
        viewer.setOverlayOpacity(0.5);
        const QColor blended = viewer.composed().pixelColor(0, 0);
        QVERIFY2(qAbs(blended.red() - 178) <= 2 && qAbs(blended.green() - 50) <= 2,
                 qPrintable(blended.name()));
        QCOMPARE(viewer.composed().pixelColor(5, 5), QColor(Qt::green));
        viewer.setOutlineVisible(false);
        QCOMPARE(viewer.composed().pixelColor(5, 5), blended);
        viewer.setOverlayVisible(false);
        QCOMPARE(viewer.composed().pixelColor(0, 0), QColor(100, 100, 100));
        test::saveScreenshot(&viewer, QStringLiteral("image_viewer"));
    }

    void zoomFollowsWheelAndFits() {
        ui::ImageViewer viewer;
        viewer.resize(400, 400);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QImage image(100, 100, QImage::Format_RGB888);
        image.fill(Qt::gray);
        viewer.setImages(image, {}, {});
        const double fitted = viewer.zoom();
        QVERIFY(fitted > 2.5);  // a 100-pixel image fills a 400-pixel view
        QWheelEvent wheel(QPointF(200, 200), viewer.mapToGlobal(QPointF(200, 200)), {}, QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(viewer.viewport(), &wheel);
        QVERIFY(viewer.zoom() > fitted);
        viewer.fitToWindow();
        QCOMPARE(viewer.zoom(), fitted);
        viewer.showActualSize();
        QCOMPARE(viewer.zoom(), 1.0);
    }
};

QTEST_MAIN(TestImageViewer)
#include "test_image_viewer.moc"
