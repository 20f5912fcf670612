// core/image_io: DESIGN §2.1 step 1 decoding (formats, depths, channel layouts) and clear errors.
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

#include "error.h"
#include "image_io.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

// A BGR(A) or grey test pattern whose every pixel differs.
cv::Mat pattern(int depth, int channels) {
    cv::Mat m(7, 9, CV_MAKETYPE(depth, channels));
    const double scale = depth == CV_16U ? 65535.0 / 255.0 : 1.0;
    for (int y = 0; y < m.rows; ++y)
        for (int x = 0; x < m.cols; ++x)
            for (int c = 0; c < channels; ++c) {
                const double v = ((y * 9 + x) * 3 + c * 70) % 256;
                if (depth == CV_16U)
                    m.ptr<std::uint16_t>(y)[x * channels + c] = static_cast<std::uint16_t>(v * scale + (x % 2 ? 100 : 0));
                else
                    m.ptr<std::uint8_t>(y)[x * channels + c] = static_cast<std::uint8_t>(v);
            }
    return m;
}

std::uint8_t to8(const cv::Mat& m, int y, int x, int c) {
    if (m.depth() == CV_16U) return static_cast<std::uint8_t>(std::lround(m.ptr<std::uint16_t>(y)[x * m.channels() + c] / 257.0));
    return m.ptr<std::uint8_t>(y)[x * m.channels() + c];
}

}  // namespace

class TestImageIo : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;

private slots:
    void initTestCase() { m_dir = test::scratchDir("image_io"); }

    void losslessFormats_data() {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("channels");
        for (const char* ext : {"png", "tiff"}) {
            for (int depth : {CV_8U, CV_16U})
                for (int channels : {1, 3, 4})
                    QTest::addRow("%s-%dbit-%dch", ext, depth == CV_8U ? 8 : 16, channels) << ext << depth << channels;
        }
        QTest::addRow("bmp-8bit-1ch") << "bmp" << int(CV_8U) << 1;
        QTest::addRow("bmp-8bit-3ch") << "bmp" << int(CV_8U) << 3;
    }

    void losslessFormats() {
        QFETCH(QString, extension);
        QFETCH(int, depth);
        QFETCH(int, channels);
        const cv::Mat written = pattern(depth, channels);
        const auto file = m_dir / ("pattern." + extension.toStdString());
        QVERIFY(cv::imwrite(file.string(), written));
        const RgbImage image = decodeImage(file);
        QCOMPARE(image.width, 9);
        QCOMPARE(image.height, 7);
        QCOMPARE(image.source, file);
        for (int y = 0; y < 7; ++y)
            for (int x = 0; x < 9; ++x)
                for (int c = 0; c < 3; ++c) {
                    // Grey → all three channels; BGR(A) → RGB, alpha dropped.
                    const int source = channels == 1 ? 0 : 2 - c;
                    const std::uint8_t got = image.pixels[static_cast<std::size_t>((y * 9 + x) * 3 + c)];
                    if (got != to8(written, y, x, source))
                        QFAIL(qPrintable(QStringLiteral("pixel (%1,%2,%3): %4 != %5").arg(x).arg(y).arg(c).arg(got).arg(to8(written, y, x, source))));
                }
    }

    void jpeg() {
        cv::Mat grey(16, 16, CV_8UC1, cv::Scalar(90));
        const auto file = m_dir / "grey.jpg";
        QVERIFY(cv::imwrite(file.string(), grey));
        const RgbImage image = decodeImage(file);
        QCOMPARE(image.width, 16);
        QVERIFY(std::abs(int(image.pixels[0]) - 90) <= 1);
        QCOMPARE(image.pixels[0], image.pixels[1]);
    }

    void sixteenBitRounding() {
        // round(v / 257): 128 → 0, 129 → 1 (0.498…, 0.502…), 65535 → 255.
        cv::Mat m(1, 3, CV_16UC1);
        m.at<std::uint16_t>(0, 0) = 128;
        m.at<std::uint16_t>(0, 1) = 129;
        m.at<std::uint16_t>(0, 2) = 65535;
        const auto file = m_dir / "sixteen.png";
        QVERIFY(cv::imwrite(file.string(), m));
        const RgbImage image = decodeImage(file);
        QCOMPARE(int(image.pixels[0]), 0);
        QCOMPARE(int(image.pixels[3]), 1);
        QCOMPARE(int(image.pixels[6]), 255);
    }

    void masksAreBinarisedOnRawValues() {
        cv::Mat m(2, 2, CV_16UC1, cv::Scalar(0));
        m.at<std::uint16_t>(1, 1) = 1;  // would round to 0 as an 8-bit image
        const auto file = m_dir / "mask16.png";
        QVERIFY(cv::imwrite(file.string(), m));
        const GreyImage mask = decodeMask(file);
        QCOMPARE(mask.pixels, (std::vector<std::uint8_t>{0, 0, 0, 255}));
    }

    void badFilesNameTheFileAndReason_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << "empty.png" << QByteArray() << "empty";
        QTest::newRow("text") << "notes.png" << QByteArray("this is not an image\n") << "cannot decode";
        QTest::newRow("truncated png") << "cut.png" << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "cannot decode";
        QTest::newRow("missing") << "missing.png" << QByteArray("-") << "no such file";
    }

    void badFilesNameTheFileAndReason() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        const auto file = m_dir / name.toStdString();
        if (content != "-") {
            std::ofstream out(file, std::ios::binary);
            out.write(content.constData(), content.size());
        }
        try {
            decodeImage(file);
            QFAIL("accepted");
        } catch (const FileError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(name) && message.contains(reason), qPrintable(message));
            QCOMPARE(e.file(), file);
        }
    }

    void listsImagesSorted() {
        const auto dir = m_dir / "list";
        std::filesystem::create_directories(dir / "sub.png");
        for (const char* n : {"b.PNG", "a.jpg", "c.txt", "d.tif", "e.jpeg", "f.bmp", "g.tiff"}) std::ofstream(dir / n) << "x";
        const auto files = listImages(dir);
        QStringList names;
        for (const auto& f : files) names << QString::fromStdString(f.filename().string());
        QCOMPARE(names, (QStringList{"a.jpg", "b.PNG", "d.tif", "e.jpeg", "f.bmp", "g.tiff"}));
        QVERIFY_THROWS_EXCEPTION(FileError, listImages(dir / "nope"));
    }
};

QTEST_GUILESS_MAIN(TestImageIo)
#include "test_image_io.moc"
