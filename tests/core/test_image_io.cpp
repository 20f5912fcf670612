// core/image_io: DESIGN §2.1 step 1 decoding (formats, depths, channel layouts) and clear errors.
#include <QtTest>

#include <QScopeGuard>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <sys/resource.h>
#include <zlib.h>

#include <fstream>
#include <span>

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
                    m.ptr<std::uint16_t>(y)[x * channels + c] =
                        static_cast<std::uint16_t>(v * scale + (x % 2 ? 100 : 0));
                else
                    m.ptr<std::uint8_t>(y)[x * channels + c] = static_cast<std::uint8_t>(v);
            }
    return m;
}

void appendChunk(std::string& png, const char* type, const std::string& data) {
    const auto be32 = [&](std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<char>(v >> shift & 0xFF));
    };
    be32(static_cast<std::uint32_t>(data.size()));
    const std::string body = std::string(type, 4) + data;
    png += body;
    be32(static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

// An 8-bit grey PNG of `width` × `height` black pixels, deflated row by row (never held whole), whose data
// may stop after `rows` rows of `rowWidth` pixels (a header that claims more than the data holds).
void writeBlankPng(const std::filesystem::path& file, std::uint32_t width, std::uint32_t height,
                   std::uint32_t rows = 0, std::uint32_t rowWidth = 0) {
    if (rows == 0) rows = height;
    if (rowWidth == 0) rowWidth = width;
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    for (std::uint32_t v : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8) header.push_back(static_cast<char>(v >> shift & 0xFF));
    header += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit grey, deflate, filter 0, no interlace
    appendChunk(png, "IHDR", header);
    z_stream z{};
    QCOMPARE(deflateInit(&z, 9), Z_OK);
    const std::vector<Bytef> row(rowWidth + 1, 0);  // filter byte 0, then the pixels
    std::string compressed;
    std::vector<Bytef> out(1 << 16);
    for (std::uint32_t y = 0; y < rows; ++y) {
        z.next_in = const_cast<Bytef*>(row.data());
        z.avail_in = static_cast<uInt>(row.size());
        const int flush = y + 1 == rows ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = out.data();
            z.avail_out = static_cast<uInt>(out.size());
            deflate(&z, flush);
            compressed.append(reinterpret_cast<const char*>(out.data()), out.size() - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    appendChunk(png, "IDAT", compressed);
    appendChunk(png, "IEND", {});
    std::ofstream(file, std::ios::binary).write(png.data(), static_cast<std::streamsize>(png.size()));
}

// The peak resident memory of this process so far.
double peakResidentMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

std::uint8_t to8(const cv::Mat& m, int y, int x, int c) {
    if (m.depth() == CV_16U)
        return static_cast<std::uint8_t>(std::lround(m.ptr<std::uint16_t>(y)[x * m.channels() + c] / 257.0));
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
                    QTest::addRow("%s-%dbit-%dch", ext, depth == CV_8U ? 8 : 16, channels)
                        << ext << depth << channels;
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
                        QFAIL(qPrintable(QStringLiteral("pixel (%1,%2,%3): %4 != %5")
                                             .arg(x)
                                             .arg(y)
                                             .arg(c)
                                             .arg(got)
                                             .arg(to8(written, y, x, source))));
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
        QTest::newRow("truncated png")
            << "cut.png" << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "cannot decode";
        QTest::newRow("missing") << "missing.png" << QByteArray("-") << "no such file";
        // Another format OpenCV would decode by its content, at whatever size it declares: refused unread.
        QTest::newRow("ppm named png")
            << "huge.ppm.png" << QByteArray("P6 40000 40000 255\n\x01\x02\x03") << "cannot decode";
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

    // A file cut short (a copy interrupted, a camera's write cut off) is refused in every format, not decoded
    // into an image with a grey or black rest. Cut points at 10 %, 50 % and 99 % of the file; JPEG baseline
    // and progressive, TIFF in strips and in tiles, uncompressed and compressed.
    void truncatedFilesAreRefused_data() {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QVector<int>>("params");
        QTest::addColumn<int>("percent");
        const QVector<QPair<QString, QVector<int>>> formats{
            {"png", {}},
            {"jpg", {}},
            {"jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}},
            {"bmp", {}},
            {"tiff", {cv::IMWRITE_TIFF_COMPRESSION, 1}},
            {"tiff", {cv::IMWRITE_TIFF_COMPRESSION, 5}},
            {"tiff", {cv::IMWRITE_TIFF_COMPRESSION, 32773}},
        };
        for (const auto& [ext, params] : formats)
            for (int percent : {10, 50, 99})
                QTest::addRow("%s%s-%d%%", qPrintable(ext),
                              params.isEmpty() ? "" : qPrintable("-" + QString::number(params.back())),
                              percent)
                    << ext << params << percent;
    }

    void truncatedFilesAreRefused() {
        QFETCH(QString, extension);
        QFETCH(QVector<int>, params);
        QFETCH(int, percent);
        // Noise, so that no format can compress the image into a few bytes at its start.
        cv::Mat image(240, 320, CV_8UC3);
        cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(256));
        std::vector<uchar> bytes;
        QVERIFY(cv::imencode("." + extension.toStdString(), image, bytes,
                             std::vector<int>(params.begin(), params.end())));
        const auto whole = m_dir / ("whole." + extension.toStdString());
        {
            std::ofstream out(whole, std::ios::binary);
            out.write(reinterpret_cast<const char*>(bytes.data()),
                      static_cast<std::streamsize>(bytes.size()));
        }
        QCOMPARE(decodeImage(whole).width, 320);  // the whole file is fine

        const auto cut = m_dir / ("cut." + extension.toStdString());
        {
            std::ofstream out(cut, std::ios::binary);
            out.write(reinterpret_cast<const char*>(bytes.data()),
                      static_cast<std::streamsize>(bytes.size() * static_cast<std::size_t>(percent) / 100));
        }
        try {
            decodeImage(cut);
            QFAIL(qPrintable(QString("a %1 cut at %2 % was decoded").arg(extension).arg(percent)));
        } catch (const FileError& e) {
            QCOMPARE(e.file(), cut);
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(
                message.contains("cut.") && message.contains(QRegularExpression("truncated|cannot decode")),
                qPrintable(message));
        }
    }

    // The size in the header of each format, read without decoding: odd sizes so that width and height
    // cannot be swapped unnoticed.
    void declaredSizes_data() {
        QTest::addColumn<QString>("extension");
        for (const char* ext : {"png", "jpg", "bmp", "tiff"}) QTest::newRow(ext) << ext;
    }

    void declaredSizes() {
        QFETCH(QString, extension);
        const cv::Mat image(23, 37, CV_8UC3, cv::Scalar(10, 200, 30));
        std::vector<uchar> bytes;
        QVERIFY(cv::imencode("." + extension.toStdString(), image, bytes));
        const auto size = declaredImageSize(std::as_bytes(std::span(bytes)));
        QVERIFY(size.has_value());
        QCOMPARE(size->width, std::int64_t{37});
        QCOMPARE(size->height, std::int64_t{23});
        const std::string text = "not an image at all";
        QVERIFY(!declaredImageSize(std::as_bytes(std::span(text))).has_value());
    }

    // A 20,000 × 20,000 PNG (400 KB of compressed zeros) is refused on its header, before anything is
    // decoded, naming the file, its size and the limit; the process never holds the 400 megapixels.
    void hugeImageIsRefusedBeforeDecoding() {
        const auto file = m_dir / "huge.png";
        writeBlankPng(file, 20000, 20000);
        QVERIFY(std::filesystem::file_size(file) < 2'000'000);
        try {
            decodeImage(file);
            QFAIL("a 400-megapixel image was decoded");
        } catch (const FileError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains("huge.png") && message.contains("20000 × 20000") &&
                         message.contains("400.0 megapixels") &&
                         message.contains("limit of 100.0 megapixels"),
                     qPrintable(message));
        }
        QVERIFY2(peakResidentMb() < 1000, qPrintable(QString::number(peakResidentMb())));
        // A lower limit applies at once, and a higher one lets a large image through.
        const auto small = m_dir / "small.png";
        QVERIFY(cv::imwrite(small.string(), cv::Mat(30, 40, CV_8UC3, cv::Scalar(1, 2, 3))));
        const auto restore = qScopeGuard([] { setMaxImagePixels(kDefaultMaxImagePixels); });
        setMaxImagePixels(1199);
        QVERIFY_THROWS_EXCEPTION(FileError, decodeImage(small));
        setMaxImagePixels(1200);
        QCOMPARE(decodeImage(small).width, 40);
        setMaxImagePixels(kDefaultMaxImagePixels);
        QVERIFY_THROWS_EXCEPTION(UsageError, setMaxImagePixels(0));
    }

    // A PNG whose header claims 5,000 × 5,000 pixels but whose data holds 10 × 10 is refused.
    void headerLargerThanItsDataIsRefused() {
        const auto file = m_dir / "liar.png";
        writeBlankPng(file, 5000, 5000, /*rows written*/ 10, /*row width written*/ 10);
        try {
            decodeImage(file);
            QFAIL("accepted");
        } catch (const FileError& e) {
            QVERIFY2(QString(e.what()).contains("liar.png"), e.what());
        }
    }

    void listsImagesSorted() {
        const auto dir = m_dir / "list";
        std::filesystem::create_directories(dir / "sub.png");
        for (const char* n : {"b.PNG", "a.jpg", "c.txt", "d.tif", "e.jpeg", "f.bmp", "g.tiff"})
            std::ofstream(dir / n) << "x";
        const auto files = listImages(dir);
        QStringList names;
        for (const auto& f : files) names << QString::fromStdString(f.filename().string());
        QCOMPARE(names, (QStringList{"a.jpg", "b.PNG", "d.tif", "e.jpeg", "f.bmp", "g.tiff"}));
        QVERIFY_THROWS_EXCEPTION(FileError, listImages(dir / "nope"));
    }
};

QTEST_GUILESS_MAIN(TestImageIo)
#include "test_image_io.moc"
