// ui/image_conversion: core pixel buffers ↔ QImage, and the heatmap overlay as the Studio shows it.
#include <QtTest>

#include "heatmap_export.h"
#include "image_conversion.h"

using namespace lwinnn;

class TestImageConversion : public QObject {
    Q_OBJECT

  private slots:
    void roundTrip() {
        RgbImage image;
        image.width = 5;  // odd width: QImage pads its rows, the core does not
        image.height = 3;
        for (int i = 0; i < 45; ++i) image.pixels.push_back(static_cast<std::uint8_t>(i * 5));
        const QImage q = ui::toQImage(image);
        QCOMPARE(q.size(), QSize(5, 3));
        QCOMPARE(q.pixelColor(1, 2), QColor(image.pixels[33], image.pixels[34], image.pixels[35]));
        const RgbImage back = ui::fromQImage(q);
        QCOMPARE(back.pixels, image.pixels);
    }

    void alphaIsDropped() {
        QImage q(2, 2, QImage::Format_ARGB32);
        q.fill(QColor(10, 20, 30, 0));
        const RgbImage rgb = ui::fromQImage(q);
        QCOMPARE(rgb.pixels[0], std::uint8_t(10));
        QCOMPARE(rgb.pixels[2], std::uint8_t(30));
    }

    void overlayShowsHotSpot() {
        RgbImage grey;
        grey.width = 64;
        grey.height = 64;
        grey.pixels.assign(64 * 64 * 3, 128);
        std::vector<float> map(16 * 16, 0.0f);
        map[8 * 16 + 8] = 1.0f;
        const RgbImage overlay = renderHeatmapOverlay(grey, {16, 16, map.data()}, 0.0f, 1.0f, 0.5f);
        const QImage q = ui::toQImage(overlay);
        // turbo: high scores are red, low scores blue.
        const QColor hot = q.pixelColor(33, 33);
        const QColor cold = q.pixelColor(2, 2);
        QVERIFY2(hot.red() > hot.blue(), qPrintable(hot.name()));
        QVERIFY2(cold.blue() > cold.red(), qPrintable(cold.name()));
    }
};

QTEST_GUILESS_MAIN(TestImageConversion)
#include "test_image_conversion.moc"
