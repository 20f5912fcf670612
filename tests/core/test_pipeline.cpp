// Parity of every pipeline stage (DESIGN §2) with ../shared/fixtures/parity, both configurations, within the
// tolerances of each configuration's expected.json.
#include <ATen/ATen.h>  // the host program's own thread setting and a reference resize, before Qt
#include <ATen/Parallel.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <thread>

#include "checkpoint_reader.h"
#include "cpu_budget.h"
#include "image_io.h"
#include "pipeline.h"
#include "safetensors.h"
#include "test_support.h"
#include "window_search.h"

using namespace lwinnn;

namespace {

constexpr const char* kWeights = "weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth";
// A half-precision bank rounds every bank value to 11 significant bits (relative error <= 2^-12); the
// distances, and so the patch scores, move by about that much. Measured on the fixtures: see BENCHMARKS.md.
constexpr double kHalfBankTolerance = 2e-3;

struct Fixture {
    std::filesystem::path dir;
    QJsonObject expected;
    SafetensorsFile tensors;
    ResizeMode mode = ResizeMode::KeepAspect;
};

Fixture loadFixture(const std::string& config) {
    Fixture f;
    f.dir = test::sharedDir() / "fixtures" / "parity" / config;
    QFile json(QString::fromStdString((f.dir / "expected.json").string()));
    if (!json.open(QIODevice::ReadOnly)) qFatal("cannot open expected.json");
    f.expected = QJsonDocument::fromJson(json.readAll()).object();
    f.tensors = readSafetensors(f.dir / "expected.safetensors");
    f.mode = resizeModeFromName(f.expected["mode"].toString().toStdString());
    return f;
}

const HostTensor& expectedTensor(const Fixture& f, const std::string& key) {
    const auto it = f.tensors.tensors.find(key);
    if (it == f.tensors.tensors.end()) qFatal("fixture tensor %s missing", key.c_str());
    return it->second;
}

std::vector<double> asDoubles(const HostTensor& t) {
    std::vector<double> v(static_cast<std::size_t>(t.numel()));
    if (t.dtype == DType::F64) {
        std::copy(t.f64(), t.f64() + v.size(), v.begin());
    } else {
        const auto f = t.toFloats();
        std::copy(f.begin(), f.end(), v.begin());
    }
    return v;
}

// Largest violation ratio: max over elements of |a − e| / (abs + rel·|e|); ≤ 1 passes.
double worstAbsRel(const FloatArray& actual, const HostTensor& expected, double abs, double rel) {
    if (actual.shape != expected.shape) return INFINITY;
    const auto e = asDoubles(expected);
    double worst = 0;
    for (std::size_t i = 0; i < e.size(); ++i)
        worst = std::max(worst, std::abs(actual.values[i] - e[i]) / (abs + rel * std::abs(e[i])));
    return worst;
}

// max over elements of |a − e| / max(1, |e|).
double worstRelToMaxOne(const FloatArray& actual, const HostTensor& expected) {
    if (actual.shape != expected.shape) return INFINITY;
    const auto e = asDoubles(expected);
    double worst = 0;
    for (std::size_t i = 0; i < e.size(); ++i)
        worst = std::max(worst, test::relToMaxOne(actual.values[i], e[i]));
    return worst;
}

std::string stemOf(const QString& name) { return std::filesystem::path(name.toStdString()).stem().string(); }

// The search paths on the CPU: each CPU kernel and the batched tensor products of the GPU path; or on the
// GPU: the bank in device memory and streamed from host memory. Each with the fp32 and the half-precision
// bank (DESIGN §5).
std::vector<SearchOptions> searchPaths(bool gpu) {
    std::vector<SearchOptions> paths;
    std::vector<std::string> kernels = availableWindowSearchKernels();
    kernels.emplace_back("tensor");
    for (const bool half : {false, true}) {
        if (!gpu) {
            for (const std::string& kernel : kernels) {
                SearchOptions search;
                search.kernel = kernel;
                search.halfPrecisionBank = half;
                paths.push_back(search);
            }
            continue;
        }
        for (const bool streamed : {false, true}) {
            SearchOptions search;
            search.device = "cuda";
            search.halfPrecisionBank = half;
            search.bankInHostMemory = streamed;
            paths.push_back(search);
        }
    }
    return paths;
}

std::string describe(const SearchOptions& search) {
    std::string text = search.device == "cpu" ? "kernel " + search.kernel : search.device;
    if (search.bankInHostMemory) text += ", bank streamed from host memory";
    if (search.halfPrecisionBank) text += ", fp16 bank";
    return text;
}

}  // namespace

class TestPipeline : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { LWINNN_REQUIRE_SHARED(kWeights); }

    void parity_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<bool>("gpu");
        for (const bool gpu : {false, true}) {
            QTest::addRow("keep_aspect%s", gpu ? " on the GPU" : "") << "keep_aspect" << gpu;
            QTest::addRow("square%s", gpu ? " on the GPU" : "") << "square" << gpu;
        }
    }

    void parity() {
        QFETCH(QString, config);
        QFETCH(bool, gpu);
        if (gpu) LWINNN_REQUIRE_CUDA_DEVICE(cudaDeviceCount());
        LWINNN_REQUIRE_SHARED("fixtures/parity/" + config.toStdString());
        const Fixture f = loadFixture(config.toStdString());
        const QJsonObject tol = f.expected["tolerance"].toObject();
        const double inputAbs = tol["input"].toObject()["abs"].toDouble();
        const double layerAbs = tol["layer"].toObject()["abs"].toDouble();
        const double layerRel = tol["layer"].toObject()["rel"].toDouble();
        const double embAbs = tol["embedding"].toObject()["abs"].toDouble();
        const double embRel = tol["embedding"].toObject()["rel"].toDouble();
        const double scoreTol = tol["patch_scores"].toObject()["rel_to_max(1,|expected|)"].toDouble();
        const double imageTol = tol["image_scores"].toObject()["rel_to_max(1,|expected|)"].toDouble();
        const double mapTol = tol["anomaly_map"].toObject()["rel_to_max(1,|expected|)"].toDouble();
        QVERIFY(inputAbs > 0 && layerAbs > 0 && scoreTol > 0 && mapTol > 0);

        const Backbone backbone(readTorchCheckpoint(test::sharedDir() / kWeights), kWeights, "cpu");
        const QJsonObject sizes = f.expected["input_size"].toObject();

        auto process = [&](const QString& name, bool isTest) {
            const std::string stem = stemOf(name);
            const RgbImage image = decodeImage(f.dir / name.toStdString());
            // Decoded pixels: exact.
            const HostTensor& rgb = expectedTensor(f, stem + ".rgb8");
            if (rgb.shape != std::vector<std::int64_t>{image.height, image.width, 3})
                qFatal("%s: decoded size differs", qPrintable(name));
            const bool same = std::equal(image.pixels.begin(), image.pixels.end(), rgb.u8());
            if (!same) qFatal("%s: decoded pixels differ", qPrintable(name));

            const Size2D size = inputSizeFor(image.height, image.width, f.mode);
            const QJsonArray expectedSize = sizes[name].toArray();
            if (size.height != expectedSize[0].toInt() || size.width != expectedSize[1].toInt())
                qFatal("%s: input size differs", qPrintable(name));
            const FloatArray input = preprocess(image, size);
            if (const auto it = f.tensors.tensors.find(stem + ".input"); it != f.tensors.tensors.end()) {
                const double worst = worstAbsRel(input, it->second, inputAbs, 0);
                if (worst > 1)
                    qFatal("%s: preprocessed input off by %g × tolerance", qPrintable(name), worst);
            }
            if (isTest && f.tensors.tensors.count(stem + ".layer1")) {
                const auto layers = backbone.layers(input);
                for (int l = 0; l < 3; ++l) {
                    const double worst = worstAbsRel(
                        layers[static_cast<std::size_t>(l)],
                        expectedTensor(f, stem + ".layer" + std::to_string(l + 1)), layerAbs, layerRel);
                    if (worst > 1)
                        qFatal("%s: layer%d off by %g × tolerance", qPrintable(name), l + 1, worst);
                }
            }
            FloatArray embedding = backbone.embedding(input);
            if (const auto it = f.tensors.tensors.find(stem + ".embedding"); it != f.tensors.tensors.end()) {
                const double worst = worstAbsRel(embedding, it->second, embAbs, embRel);
                if (worst > 1) qFatal("%s: embedding off by %g × tolerance", qPrintable(name), worst);
            }
            return embedding;
        };

        std::vector<FloatArray> train;
        for (const auto& name : f.expected["train"].toArray())
            train.push_back(process(name.toString(), false));
        std::vector<int> deltas;
        for (const auto& d : f.expected["deltas"].toArray()) deltas.push_back(d.toInt());
        QVERIFY(deltas.size() >= 8);

        const QJsonObject imageScores = f.expected["image_scores"].toObject();
        int compared = 0;
        for (const auto& nameValue : f.expected["test"].toArray()) {
            const QString name = nameValue.toString();
            const std::string stem = stemOf(name);
            const FloatArray embedding = process(name, true);
            const auto scores = patchScores(train, embedding, deltas, "cpu");
            QCOMPARE(scores.size(), deltas.size());
            for (const SearchOptions& search : searchPaths(gpu)) {
                const auto other = patchScores(train, embedding, deltas, search);
                for (std::size_t k = 0; k < deltas.size(); ++k) {
                    const std::string key = stem + ".patch_scores.d" + std::to_string(deltas[k]);
                    const double worst = worstRelToMaxOne(other[k], expectedTensor(f, key));
                    const double tolerance = search.halfPrecisionBank ? kHalfBankTolerance : scoreTol;
                    if (worst > tolerance)
                        qFatal("%s, %s: off by %g (tolerance %g)", key.c_str(), describe(search).c_str(),
                               worst, tolerance);
                }
            }
            for (std::size_t k = 0; k < deltas.size(); ++k) {
                const std::string key = stem + ".patch_scores.d" + std::to_string(deltas[k]);
                const double worst = worstRelToMaxOne(scores[k], expectedTensor(f, key));
                if (worst > scoreTol) qFatal("%s: off by %g (tolerance %g)", key.c_str(), worst, scoreTol);
                const double imageScore = *std::max_element(scores[k].values.begin(), scores[k].values.end());
                const double expectedScore = imageScores[QString::fromStdString(stem)]
                                                 .toObject()[QString::number(deltas[k])]
                                                 .toDouble();
                QVERIFY2(expectedScore > 0, "image score missing from expected.json");
                QVERIFY2(test::relToMaxOne(imageScore, expectedScore) <= imageTol,
                         qPrintable(QStringLiteral("%1 δ=%2: image score %3, expected %4")
                                        .arg(name)
                                        .arg(deltas[k])
                                        .arg(imageScore, 0, 'g', 10)
                                        .arg(expectedScore, 0, 'g', 10)));
                const std::string mapKey = stem + ".anomaly_map.d" + std::to_string(deltas[k]);
                if (const auto it = f.tensors.tensors.find(mapKey); it != f.tensors.tensors.end()) {
                    const Size2D input{static_cast<int>(it->second.shape[0]),
                                       static_cast<int>(it->second.shape[1])};
                    const double worstMap = worstRelToMaxOne(anomalyMap(scores[k], input), it->second);
                    QVERIFY2(worstMap <= mapTol, qPrintable(QStringLiteral("%1: off by %2")
                                                                .arg(QString::fromStdString(mapKey))
                                                                .arg(worstMap)));
                    ++compared;
                }
            }
        }
        QCOMPARE(compared, 6);  // d1 and d7 maps of three test images
    }

    // The batched tensor products of the GPU path (on the CPU, and on a GPU where present): the same minima
    // as the CPU kernel up to rounding, and a row's value does not depend on the window it was computed for
    // (so a sweep equals separate runs).
    // OpenBLAS chooses its kernels once, when it loads, by OPENBLAS_CORETYPE where that is set. With
    // "Haswell" its sums once depended on a row's place in the product, and the tensor sweep then differed
    // from separate runs. tensorSearch runs again here in child processes, once for each core type this CPU
    // can execute.
    void tensorSearchOnEveryBlasCore() {
        // Only where LibTorch's BLAS is OpenBLAS (the setting means nothing to another).
        std::ifstream maps("/proc/self/maps");
        const std::string mapped{std::istreambuf_iterator<char>(maps), std::istreambuf_iterator<char>()};
        if (mapped.find("libopenblas") == std::string::npos) QSKIP("LibTorch's BLAS here is not OpenBLAS");
        QStringList cores;
        const auto kernels = availableWindowSearchKernels();
        const auto has = [&](const char* k) {
            return std::find(kernels.begin(), kernels.end(), k) != kernels.end();
        };
        if (has("avx2")) cores << "Haswell";  // a core type the CPU cannot execute would die of SIGILL
        if (has("avx512")) cores << "SkylakeX";
        if (cores.isEmpty()) QSKIP("the CPU has neither AVX2 nor AVX-512");
        for (const QString& core : cores) {
            const auto r = test::runThisSuite({"tensorSearch"}, {"OPENBLAS_CORETYPE=" + core});
            QVERIFY2(r.exitCode == 0, qPrintable("OPENBLAS_CORETYPE=" + core + "\n" + r.out + r.err));
            QVERIFY2(r.out.contains("PASS   : TestPipeline::tensorSearch()"), qPrintable(r.out));
        }
    }

    void nestedWindowOffsetsArePrefixes() {
        const auto nine = nestedWindowOffsets(9);
        QCOMPARE(nine.size(), std::size_t{81});
        for (int d = 1; d <= 9; ++d) {
            const auto own = nestedWindowOffsets(d);
            QCOMPARE(own.size(), static_cast<std::size_t>(d * d));
            for (std::size_t i = 0; i < own.size(); ++i) {
                QCOMPARE(own[i].dy, nine[i].dy);
                QCOMPARE(own[i].dx, nine[i].dx);
                QVERIFY(own[i].dy >= -windowLow(d) && own[i].dy <= windowHigh(d));
                QVERIFY(own[i].dx >= -windowLow(d) && own[i].dx <= windowHigh(d));
            }
        }
    }

    void tensorSearch() {
        std::mt19937 random(3);
        std::uniform_real_distribution<float> u(0.0F, 1.0F);
        const auto randomEmbedding = [&] {
            FloatArray a{{48, 9, 11}, {}};
            a.values.resize(48 * 9 * 11);
            for (float& v : a.values) v = u(random);
            return a;
        };
        std::vector<FloatArray> train;
        for (int i = 0; i < 37; ++i) train.push_back(randomEmbedding());
        const FloatArray test = randomEmbedding();
        std::vector<SearchOptions> paths(1);
        paths[0].kernel = "tensor";
        if (QTest::currentTestFunction() == QStringLiteral("tensorSearchOnTheGpu")) {
            LWINNN_REQUIRE_CUDA_DEVICE(cudaDeviceCount());
            paths.clear();
            for (const bool streamed : {false, true}) {
                SearchOptions gpu;
                gpu.device = "cuda";
                gpu.bankInHostMemory = streamed;
                paths.push_back(gpu);
            }
        }
        const auto cpu = patchScores(train, test, {2, 3, 5, 9}, SearchOptions{});
        for (const SearchOptions& path : paths) {
            const auto swept = patchScores(train, test, {2, 3, 5, 9}, path);
            for (std::size_t k = 0; k < swept.size(); ++k) {
                const auto alone = patchScores(train, test, {std::vector<int>{2, 3, 5, 9}[k]}, path).front();
                QVERIFY2(
                    std::memcmp(alone.values.data(), swept[k].values.data(), alone.values.size() * 4) == 0,
                    describe(path).c_str());
                for (std::size_t i = 0; i < cpu[k].values.size(); ++i)
                    QVERIFY2(
                        std::abs(swept[k].values[i] - cpu[k].values[i]) < 1e-5F * (1.0F + cpu[k].values[i]),
                        describe(path).c_str());
            }
        }
    }

    // The same on the GPU, with the bank in device memory and streamed from host memory.
    void tensorSearchOnTheGpu() { tensorSearch(); }

    // The CPU search's parallel loop uses as many threads as the settings say (LibTorch's at::parallel_for is
    // serial in code built without OpenMP): OMP_NUM_THREADS, else every CPU the process may use; or, where
    // the core runs inside another program (ThreadPolicy::KeepProgramSetting, as liblwinnn-runtime does),
    // that program's own at::set_num_threads (the child plays such a program when LWINNN_TEST_HOST_THREADS is
    // set).
    void searchThreads() {
        if (const auto host = qEnvironmentVariableIntValue("LWINNN_TEST_HOST_THREADS"); host > 0) {
            setThreadPolicy(ThreadPolicy::KeepProgramSetting);
            at::set_num_threads(host);
        }
        int expected = availableCores();
        if (const auto asked = ompNumThreads(std::getenv("OMP_NUM_THREADS"))) expected = *asked;
        if (const auto host = qEnvironmentVariableIntValue("LWINNN_TEST_HOST_THREADS"); host > 0)
            expected = host;
        qInfo("search threads: %d, expected %d", searchThreadCount(), expected);
        QCOMPARE(searchThreadCount(), expected);
    }

    // Each setting in a child process of its own, since LibTorch takes the count once per process.
    void searchThreadsFollowEverySetting() {
        const int cores = availableCores();
        const QString self = QCoreApplication::applicationFilePath();
        struct Case {
            QString what;
            QStringList command;  // program and arguments
            QStringList environment;
            int threads = 0;  // 0: whatever the child expects from its settings
        };
        std::vector<Case> cases{
            // Nothing set: every core (a machine with two or more shows that the loop does run in parallel).
            {"no setting", {self, "searchThreads"}, {"OMP_NUM_THREADS"}, cores},
            {"OMP_NUM_THREADS=1", {self, "searchThreads"}, {"OMP_NUM_THREADS=1"}, 1},
            {"the host program's at::set_num_threads(1)",
             {self, "searchThreads"},
             {"OMP_NUM_THREADS", "LWINNN_TEST_HOST_THREADS=1"},
             1},
            {"OMP_NUM_THREADS=2 and the host's 1",
             {self, "searchThreads"},
             {"OMP_NUM_THREADS=2", "LWINNN_TEST_HOST_THREADS=1"},
             1},
        };
        // An affinity mask of one CPU (as a container's cpuset gives).
        const QString taskset = QStandardPaths::findExecutable("taskset");
        if (!taskset.isEmpty())
            cases.push_back(
                {"taskset -c 0", {taskset, "-c", "0", self, "searchThreads"}, {"OMP_NUM_THREADS"}, 1});
        for (const Case& c : cases) {
            const auto r = test::runProgram(c.command.front(), c.command.mid(1), c.environment);
            QVERIFY2(r.exitCode == 0 && r.out.contains("PASS   : TestPipeline::searchThreads()") &&
                         r.out.contains(QString("search threads: %1,").arg(c.threads)),
                     qPrintable(c.what + "\n" + r.out + r.err));
        }
        if (taskset.isEmpty()) QSKIP("taskset (util-linux) is not installed: the affinity case did not run");
    }

    // A line-scan frame (8,000 × 2,000) is converted and resized in bands of rows, never whole in float; its
    // network input equals that of the whole-image resize of DESIGN §2.1, bit for bit.
    void largeImagesResizeInBands() {
        RgbImage image;
        image.width = 8000;
        image.height = 2000;
        image.pixels.resize(std::size_t{8000} * 2000 * 3);
        std::mt19937 random(11);
        for (auto& v : image.pixels) v = static_cast<std::uint8_t>(random() & 0xFF);
        const FloatArray banded = preprocess(image, {256, 640});
        const at::Tensor whole =
            at::_upsample_bilinear2d_aa(at::from_blob(image.pixels.data(), {2000, 8000, 3}, at::kByte)
                                            .permute({2, 0, 1})
                                            .to(at::kFloat)
                                            .mul_(at::Scalar(1.0f / 255.0f))
                                            .unsqueeze(0),
                                        {256, 640}, false, c10::nullopt, c10::nullopt)
                .sub_(at::tensor({0.485f, 0.456f, 0.406f}).view({1, 3, 1, 1}))
                .div_(at::tensor({0.229f, 0.224f, 0.225f}).view({1, 3, 1, 1}))
                .contiguous();
        QCOMPARE(banded.shape, (std::vector<std::int64_t>{3, 256, 640}));
        QCOMPARE(static_cast<std::int64_t>(banded.values.size()), whole.numel());
        double worst = 0;
        for (std::size_t i = 0; i < banded.values.size(); ++i)
            worst = std::max(worst, std::abs(double(banded.values[i]) - double(whole.data_ptr<float>()[i])));
        qInfo("largest difference from the whole-image resize: %g", worst);
        QCOMPARE(worst, 0.0);
    }

    void windowOffsets() {
        // DESIGN §2.5: offsets −⌊δ/2⌋ … ⌈δ/2⌉−1; even δ reaches one step further up/left.
        QCOMPARE(windowLow(1), 0);
        QCOMPARE(windowHigh(1), 0);
        QCOMPARE(windowLow(2), 1);
        QCOMPARE(windowHigh(2), 0);
        QCOMPARE(windowLow(7), 3);
        QCOMPARE(windowHigh(7), 3);
        QCOMPARE(windowLow(4), 2);
        QCOMPARE(windowHigh(4), 1);
    }

    void inputSizes() {
        QCOMPARE(inputSizeFor(320, 450, ResizeMode::KeepAspect), (Size2D{256, 360}));
        QCOMPARE(inputSizeFor(1024, 410, ResizeMode::KeepAspect), (Size2D{639, 256}));
        QCOMPARE(inputSizeFor(1024, 410, ResizeMode::Square), (Size2D{256, 256}));
        QCOMPARE(gridSizeFor({256, 256}), (Size2D{62, 62}));
        QCOMPARE(gridSizeFor({256, 360}), (Size2D{62, 88}));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
