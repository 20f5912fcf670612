// End to end (DESIGN §2 with §2.8 metrics): the generated demo set, ../shared/datasets/mvtec_bottle and
// magnetic_tile at δ = 7 against the reference values of an independent PyTorch implementation; and a
// training folder with an unreadable file.
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

#include "dataset.h"
#include "demo_data.h"
#include "detector.h"
#include "error.h"
#include "evaluation.h"
#include "image_io.h"
#include "pipeline.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

constexpr const char* kWeights = "weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth";

EvaluationResult trainAndEvaluate(const std::filesystem::path& root, int window) {
    const Dataset dataset = readMvtecDataset(root);
    TrainOptions options;
    options.window = window;
    options.device = "cpu";
    const Detector detector =
        Detector::train(dataset.train, loadBackboneWeights((test::sharedDir() / kWeights).string()), options);
    return evaluate(detector, dataset);
}

}  // namespace

class TestDetector : public QObject {
    Q_OBJECT

  private slots:
    void demoDataSet() {
        LWINNN_REQUIRE_SHARED(kWeights);
        const auto dir = test::scratchDir("detector_demo");
        generateDemoData(dir / "demo", DemoDataOptions{});
        const EvaluationResult r = trainAndEvaluate(dir / "demo", 7);
        qInfo("demo: image AUROC %.4f, AUPRO %.4f, pixel AUROC %.4f", r.imageAuroc, r.aupro, r.pixelAuroc);
        QCOMPARE(r.images.size(), std::size_t(34));
        // The demo's defects are visible at a glance (scratches ≥ 15 px, holes ≥ 3 px radius, stains ≥ 8 px)
        // on a part that only shifts by a few pixels; ImageNet features separate them almost perfectly (1.000
        // / 0.992 with seed 7). The bounds leave room for BLAS and thread-count rounding only.
        QVERIFY2(r.imageAuroc >= 0.97, qPrintable(QString::number(r.imageAuroc)));
        QVERIFY2(r.aupro >= 0.90, qPrintable(QString::number(r.aupro)));
    }

    void reference_data() {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<double>("imageAuroc");
        QTest::addColumn<double>("aupro");
        QTest::addColumn<double>("pixelAuroc");
        QTest::newRow("mvtec_bottle δ=7") << "mvtec_bottle" << 1.0000 << 0.9700 << 0.9903;
        QTest::newRow("magnetic_tile δ=7") << "magnetic_tile" << 0.8855 << 0.7310 << 0.7921;
    }

    void reference() {
        QFETCH(QString, dataset);
        QFETCH(double, imageAuroc);
        QFETCH(double, aupro);
        QFETCH(double, pixelAuroc);
        LWINNN_REQUIRE_SHARED(kWeights);
        LWINNN_REQUIRE_SHARED("datasets/" + dataset.toStdString());
        const EvaluationResult r =
            trainAndEvaluate(test::sharedDir() / "datasets" / dataset.toStdString(), 7);
        qInfo("%s: image AUROC %.4f, AUPRO %.4f, pixel AUROC %.4f", qPrintable(dataset), r.imageAuroc,
              r.aupro, r.pixelAuroc);
        QVERIFY(r.skipped.empty());
        QVERIFY2(std::abs(r.imageAuroc - imageAuroc) <= 0.002,
                 qPrintable(QString::number(r.imageAuroc, 'f', 5)));
        QVERIFY2(std::abs(r.aupro - aupro) <= 0.002, qPrintable(QString::number(r.aupro, 'f', 5)));
        QVERIFY2(std::abs(r.pixelAuroc - pixelAuroc) <= 0.002,
                 qPrintable(QString::number(r.pixelAuroc, 'f', 5)));
    }

    // The GPU path where CUDA is present: a model trained on the CPU and opened on the GPU, and a model
    // trained on the GPU, score the demo test images as the CPU does, within the parity tolerance.
    void gpuScoresEqualCpu() {
        LWINNN_REQUIRE_CUDA_DEVICE(cudaDeviceCount());
        LWINNN_REQUIRE_SHARED(kWeights);
        const auto dir = test::scratchDir("detector_gpu");
        generateDemoData(dir / "demo", DemoDataOptions{});
        const Dataset dataset = readMvtecDataset(dir / "demo");
        const BackboneWeights weights = loadBackboneWeights((test::sharedDir() / kWeights).string());
        TrainOptions options;
        options.device = "cpu";
        Detector::train(dataset.train, weights, options).save(dir / "cpu.lwinnn");
        options.device = "cuda";
        Detector::train(dataset.train, weights, options).save(dir / "gpu.lwinnn");
        std::vector<RgbImage> images;
        for (const auto& sample : dataset.test) images.push_back(decodeImage(sample.image));
        const auto reference = Detector::load(dir / "cpu.lwinnn", "cpu").score(images);
        for (const char* model : {"cpu.lwinnn", "gpu.lwinnn"}) {
            const Detector detector = Detector::load(dir / model, "cuda");
            QVERIFY(QString::fromStdString(detector.deviceName()).startsWith("cuda"));
            const auto scores = detector.score(images);
            QCOMPARE(scores.size(), reference.size());
            double worst = 0;
            for (std::size_t i = 0; i < scores.size(); ++i) {
                worst = std::max(worst, test::relToMaxOne(scores[i].score, reference[i].score));
                const auto& map = scores[i].anomalyMap.values;
                const auto& expected = reference[i].anomalyMap.values;
                QCOMPARE(map.size(), expected.size());
                for (std::size_t p = 0; p < map.size(); p += 97)
                    worst = std::max(worst, test::relToMaxOne(map[p], expected[p]));
            }
            qInfo("%s on the GPU: worst difference from the CPU %.3g", model, worst);
            QVERIFY2(worst <= 1e-3, qPrintable(QString::number(worst)));
        }
    }

    void unreadableTrainingImageIsSkippedAndCounted() {
        // 500 images, one of them corrupt and one a JPEG cut off after 3,000 bytes (libjpeg decodes it with a
        // grey rest): both are reported with their reasons, the other 498 make the bank.
        const auto dir = test::scratchDir("detector_500");
        std::vector<std::filesystem::path> files;
        for (int i = 0; i < 500; ++i) {
            const auto file =
                dir /
                (QString("%1.%2").arg(i, 3, 10, QChar('0')).arg(i == 300 ? "jpg" : "png").toStdString());
            if (i == 137) {
                std::ofstream(file) << "this file was cut off";
            } else if (i == 300) {
                cv::Mat noise(120, 160, CV_8UC3);
                cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
                std::vector<uchar> jpeg;
                QVERIFY(cv::imencode(".jpg", noise, jpeg) && jpeg.size() > 6000);
                std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(jpeg.data()), 3000);
            } else {
                cv::Mat image(40, 40, CV_8UC3, cv::Scalar(i % 256, (i * 7) % 256, 90));
                QVERIFY(cv::imwrite(file.string(), image));
            }
            files.push_back(file);
        }
        TrainOptions options;
        options.window = 1;
        options.device = "cpu";
        TrainReport report;
        const Detector detector = Detector::train(files, loadBackboneWeights("random"), options, {}, &report);
        QCOMPARE(detector.info().trainCount, 498);
        QCOMPARE(report.skipped.size(), std::size_t(2));
        QCOMPARE(report.skipped[0].file, dir / "137.png");
        QVERIFY2(QString::fromStdString(report.skipped[0].reason).contains("137.png"),
                 report.skipped[0].reason.c_str());
        QCOMPARE(report.skipped[1].file, dir / "300.jpg");
        QVERIFY2(QString::fromStdString(report.skipped[1].reason).contains("300.jpg: truncated"),
                 report.skipped[1].reason.c_str());
        QCOMPARE(detector.info().trainFiles.size(), std::size_t(498));
    }

    void differentSizesUseSquare() {
        const auto dir = test::scratchDir("detector_sizes");
        std::vector<std::filesystem::path> files;
        for (int i = 0; i < 3; ++i) {
            files.push_back(dir / (std::to_string(i) + ".png"));
            QVERIFY(cv::imwrite(files.back().string(),
                                cv::Mat(80 + 10 * i, 100, CV_8UC3, cv::Scalar(10 * i, 50, 90))));
        }
        TrainOptions options;
        options.device = "cpu";
        TrainReport report;
        const Detector detector = Detector::train(files, loadBackboneWeights("random"), options, {}, &report);
        QCOMPARE(detector.info().resize, ResizeMode::Square);
        QCOMPARE(detector.info().trainCount, 3);
        QCOMPARE(report.notes.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(report.notes[0]).contains("square"));
        // Asking for keep-aspect explicitly is an error that says why.
        options.resize = ResizeMode::KeepAspect;
        QVERIFY_THROWS_EXCEPTION(UsageError, Detector::train(files, loadBackboneWeights("random"), options));
    }
};

QTEST_GUILESS_MAIN(TestDetector)
#include "test_detector.moc"
