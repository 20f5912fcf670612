// Tests core/metrics.*: parity with ../shared/fixtures/metrics (DESIGN §2.8), hand-computed curves, refused
// inputs, and the fast pixel paths against simple references on large synthetic sets.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

#include "error.h"
#include "metrics.h"
#include "safetensors.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

struct MetricsCase {
    std::vector<double> imageScores;
    std::vector<std::uint8_t> imageLabels;
    PixelSet pixels;
};

MetricsCase loadCase(const std::filesystem::path& file) {
    const SafetensorsFile st = readSafetensors(file);
    const HostTensor& labels = st.tensors.at("image_labels");
    const HostTensor& scores = st.tensors.at("image_scores");
    const HostTensor& maps = st.tensors.at("maps");
    const HostTensor& masks = st.tensors.at("masks");
    MetricsCase c;
    c.imageLabels.assign(labels.u8(), labels.u8() + labels.numel());
    c.imageScores.assign(scores.f32(), scores.f32() + scores.numel());
    c.pixels.height = static_cast<int>(maps.shape.at(1));
    c.pixels.width = static_cast<int>(maps.shape.at(2));
    c.pixels.maps.assign(maps.f32(), maps.f32() + maps.numel());
    c.pixels.masks.assign(masks.u8(), masks.u8() + masks.numel());
    return c;
}

QJsonObject loadExpected() {
    QFile file(QString::fromStdString((test::sharedDir() / "fixtures/metrics/expected.json").string()));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Empty when |actual - expected| <= tolerance, else what differs.
QString farFrom(double actual, double expected, double tolerance, const QString& what) {
    if (std::abs(actual - expected) <= tolerance) return {};
    return QStringLiteral("%1: got %2, expected %3")
        .arg(what)
        .arg(actual, 0, 'g', 17)
        .arg(expected, 0, 'g', 17);
}

#define EXPECT_NEAR(actual, expected, tolerance, what)                                \
    do {                                                                              \
        const QString lwinnnFar = farFrom((actual), (expected), (tolerance), (what)); \
        QVERIFY2(lwinnnFar.isEmpty(), qPrintable(lwinnnFar));                         \
    } while (false)

template <typename F>
QString errorMessage(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// Mann-Whitney U with mid-ranks for ties: the area under the exact ROC by a different route than the curve.
double rankAuroc(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels) {
    std::vector<std::pair<float, std::uint8_t>> pairs(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i) pairs[i] = {scores[i], labels[i] != 0 ? 1 : 0};
    std::sort(pairs.begin(), pairs.end());
    double positiveRankSum = 0;
    double positives = 0;
    for (std::size_t i = 0; i < pairs.size();) {
        std::size_t j = i;
        double tiedPositives = 0;
        for (; j < pairs.size() && pairs[j].first == pairs[i].first; ++j) tiedPositives += pairs[j].second;
        const double midRank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
        positiveRankSum += midRank * tiedPositives;
        positives += tiedPositives;
        i = j;
    }
    const double negatives = static_cast<double>(pairs.size()) - positives;
    return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

// Maps with rectangles as defect regions, laid out on a grid of cells so that no two rectangles touch (not
// even diagonally): the regions are known by construction. Scores are quantised to `levels` values, so that a
// brute-force sweep over the levels is cheap. `dense` rectangles fill almost their whole cell.
struct RectangleSet {
    PixelSet pixels;
    std::vector<int> regionOfPixel;  // -1 for normal pixels
    int regions = 0;
    int levels = 0;
};

RectangleSet makeRectangleSet(int images, int size, int levels, bool dense, unsigned seed) {
    std::mt19937 rng(seed);
    RectangleSet set;
    set.levels = levels;
    set.pixels.height = size;
    set.pixels.width = size;
    const std::size_t plane = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
    set.pixels.maps.resize(plane * static_cast<std::size_t>(images));
    set.pixels.masks.assign(set.pixels.maps.size(), 0);
    set.regionOfPixel.assign(set.pixels.maps.size(), -1);
    std::uniform_int_distribution<int> level(0, levels - 1);
    std::uniform_int_distribution<int> coin(0, 3);
    const int cell = 16;
    for (int image = 0; image < images; ++image) {
        const std::size_t base = static_cast<std::size_t>(image) * plane;
        if (image % 5 != 4) {  // every fifth image is good
            for (int cy = 0; cy + cell <= size; cy += cell) {
                for (int cx = 0; cx + cell <= size; cx += cell) {
                    if (!dense && coin(rng) != 0) continue;
                    const int h = dense ? cell - 1 : 1 + coin(rng) * 3;
                    const int w = dense ? cell - 1 : 2 + coin(rng) * 2;
                    for (int y = cy; y < cy + h; ++y)
                        for (int x = cx; x < cx + w; ++x) {
                            const std::size_t p = base + static_cast<std::size_t>(y * size + x);
                            set.pixels.masks[p] = 255;
                            set.regionOfPixel[p] = set.regions;
                        }
                    ++set.regions;
                }
            }
        }
        for (std::size_t p = 0; p < plane; ++p) {
            // Defect pixels lean high so that the curve is not a diagonal.
            const int l = set.pixels.masks[base + p] != 0 ? std::max(level(rng), level(rng)) : level(rng);
            set.pixels.maps[base + p] = static_cast<float>(l) * 0.25f - 3.0f;
        }
    }
    return set;
}

// FPR and PRO at every level from high to low, straight from the definitions.
std::vector<CurvePoint> bruteForceProCurve(const RectangleSet& set) {
    std::vector<double> regionSize(static_cast<std::size_t>(set.regions), 0.0);
    double normals = 0;
    for (std::size_t p = 0; p < set.regionOfPixel.size(); ++p) {
        if (set.regionOfPixel[p] < 0)
            normals += 1;
        else
            regionSize[static_cast<std::size_t>(set.regionOfPixel[p])] += 1;
    }
    std::vector<CurvePoint> curve{{0, 0}};
    for (int l = set.levels - 1; l >= 0; --l) {
        const float t = static_cast<float>(l) * 0.25f - 3.0f;
        double falsePositives = 0;
        std::vector<double> hits(regionSize.size(), 0.0);
        for (std::size_t p = 0; p < set.regionOfPixel.size(); ++p) {
            if (set.pixels.maps[p] < t) continue;
            if (set.regionOfPixel[p] < 0)
                falsePositives += 1;
            else
                hits[static_cast<std::size_t>(set.regionOfPixel[p])] += 1;
        }
        double overlap = 0;
        for (std::size_t r = 0; r < hits.size(); ++r) overlap += hits[r] / regionSize[r];
        curve.push_back({falsePositives / normals, overlap / static_cast<double>(set.regions)});
    }
    return curve;
}

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

  private slots:
    void fixtureParity_data();
    void fixtureParity();

    void rocMergesTies();
    void aurocHandCases();
    void aurocRefusesMissingClassAndBadSizes();
    void pixelAurocMatchesImageAurocOnFlattenedPixels();
    void pixelAurocMatchesRankReferenceOnLargeSet();

    void proCurveHandCase();
    void proCurveEightConnectivity();
    void proCurveMatchesBruteForce_data();
    void proCurveMatchesBruteForce();
    void proCurveRefusesBadInput();
    void auproInterpolatesLastSegment();

    void f1OptimalThreshold_();
    void f1TiesGoToLargerThreshold();
    void statsAtThreshold_();

    void resizeMaskNearest_();
};

void TestMetrics::fixtureParity_data() {
    QTest::addColumn<QJsonObject>("expected");
    LWINNN_REQUIRE_SHARED("fixtures/metrics/expected.json");
    const QJsonObject root = loadExpected();
    const QJsonArray cases = root.value("cases").toArray();
    QVERIFY2(!cases.isEmpty(), "expected.json lists no cases");
    for (const auto& c : cases) {
        QJsonObject object = c.toObject();
        object.insert("tolerance_abs", root.value("tolerance_abs"));
        QTest::newRow(qPrintable(object.value("name").toString())) << object;
    }
}

void TestMetrics::fixtureParity() {
    QFETCH(QJsonObject, expected);
    const double tolerance = expected.value("tolerance_abs").toDouble(1e-6);
    const auto file =
        test::sharedDir() / "fixtures/metrics" / expected.value("file").toString().toStdString();
    const MetricsCase c = loadCase(file);
    QCOMPARE(c.pixels.images(), static_cast<int>(c.imageScores.size()));

    EXPECT_NEAR(auroc(c.imageScores, c.imageLabels), expected.value("image_auroc").toDouble(), tolerance,
                QStringLiteral("image AUROC"));
    EXPECT_NEAR(pixelAuroc(c.pixels), expected.value("pixel_auroc").toDouble(), tolerance,
                QStringLiteral("pixel AUROC"));

    const ProCurve curve = proCurve(c.pixels);
    QCOMPARE(curve.regions, expected.value("regions_8conn").toInt());
    // The fixture counts the (0,0) start: one point per distinct map score plus one.
    QCOMPARE(static_cast<qsizetype>(curve.points.size()),
             static_cast<qsizetype>(expected.value("pro_curve_points").toInt()));
    // The one-sort evaluation gives the same numbers.
    const PixelEvaluation both = evaluatePixels(c.pixels);
    QCOMPARE(both.pro.points.size(), curve.points.size());
    QVERIFY(std::abs(both.pixelAuroc - pixelAuroc(c.pixels)) < 1e-14);
    QCOMPARE(aupro(both.pro, 0.3), aupro(curve, 0.3));

    const QJsonObject auproByLimit = expected.value("aupro").toObject();
    QCOMPARE(auproByLimit.size(), 4);
    for (auto it = auproByLimit.begin(); it != auproByLimit.end(); ++it) {
        const double limit = it.key().toDouble();
        EXPECT_NEAR(aupro(curve, limit), it.value().toDouble(), tolerance,
                    QStringLiteral("AUPRO at ") + it.key());
    }
    // "pro_at_fpr_0.3" is PRO linearly interpolated at FPR 0.3 (not the last point at or below it).
    EXPECT_NEAR(proAtFpr(curve, 0.3), expected.value("pro_at_fpr_0.3").toDouble(), tolerance,
                QStringLiteral("PRO at FPR 0.3"));

    const QJsonObject f1 = expected.value("f1_optimal").toObject();
    const ThresholdStats best = f1OptimalThreshold(c.imageScores, c.imageLabels);
    EXPECT_NEAR(best.threshold, f1.value("threshold").toDouble(), tolerance,
                QStringLiteral("F1-optimal threshold"));
    EXPECT_NEAR(best.f1, f1.value("f1").toDouble(), tolerance, QStringLiteral("F1"));
    EXPECT_NEAR(best.precision, f1.value("precision").toDouble(), tolerance, QStringLiteral("precision"));
    EXPECT_NEAR(best.recall, f1.value("recall").toDouble(), tolerance, QStringLiteral("recall"));
    const ThresholdStats again = statsAtThreshold(c.imageScores, c.imageLabels, best.threshold);
    QCOMPARE(again.f1, best.f1);
}

void TestMetrics::rocMergesTies() {
    // 0.9 defect; 0.5 defect and good (one point, not two); 0.2 good.
    const auto curve = rocCurve({0.5, 0.9, 0.2, 0.5}, {0, 1, 0, 1});
    QCOMPARE(curve.size(), std::size_t{4});
    const std::vector<std::pair<double, double>> expected{{0, 0}, {0, 0.5}, {0.5, 1}, {1, 1}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(curve[i].x, expected[i].first);
        QCOMPARE(curve[i].y, expected[i].second);
    }
    // Pairs: 0.9 beats both goods, 0.5 ties one and beats one: (1 + 1 + 0.5 + 1) / 4.
    QCOMPARE(auroc({0.5, 0.9, 0.2, 0.5}, {0, 1, 0, 1}), 0.875);
}

void TestMetrics::aurocHandCases() {
    QCOMPARE(auroc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
    QCOMPARE(auroc({1, 2, 3, 10, 11}, {0, 0, 0, 1, 1}), 1.0);
    QCOMPARE(auroc({10, 11, 1, 2, 3}, {0, 0, 1, 1, 1}), 0.0);
    // All scores equal: a single diagonal step.
    QCOMPARE(auroc({7, 7, 7, 7, 7}, {0, 1, 0, 1, 1}), 0.5);
    QCOMPARE(rocCurve({7, 7, 7}, {0, 1, 0}).size(), std::size_t{2});
    // Any label > 0 is a defect.
    QCOMPARE(auroc({1, 2}, {0, 255}), 1.0);
}

void TestMetrics::aurocRefusesMissingClassAndBadSizes() {
    QVERIFY(errorMessage([] { auroc({1, 2, 3}, {0, 0, 0}); }).contains("no defective sample"));
    QVERIFY(errorMessage([] { auroc({1, 2, 3}, {1, 1, 1}); }).contains("no good sample"));
    QVERIFY(errorMessage([] { auroc({1, 2, 3}, {0, 1}); }).contains("3 scores but 2 labels"));
    QVERIFY(errorMessage([] { auroc({}, {}); }).contains("no scores"));
    QVERIFY(errorMessage([] { auroc({1, std::nan(""), 3}, {0, 1, 1}); }).contains("score 1 is NaN"));

    PixelSet allNormal;
    allNormal.height = 2;
    allNormal.width = 2;
    allNormal.maps = {1, 2, 3, 4};
    allNormal.masks = {0, 0, 0, 0};
    QVERIFY(errorMessage([&] { pixelAuroc(allNormal); }).contains("no mask has a defective pixel"));
    PixelSet allDefect = allNormal;
    allDefect.masks = {1, 1, 1, 1};
    QVERIFY(errorMessage([&] { pixelAuroc(allDefect); }).contains("every mask pixel is defective"));
    PixelSet ragged = allNormal;
    ragged.maps.push_back(5);
    QVERIFY(errorMessage([&] { pixelAuroc(ragged); }).contains("not a whole number of 2x2 maps"));
    PixelSet fewMasks = allNormal;
    fewMasks.masks.pop_back();
    QVERIFY(errorMessage([&] { pixelAuroc(fewMasks); }).contains("the masks hold 3 pixels but the maps 4"));
}

void TestMetrics::pixelAurocMatchesImageAurocOnFlattenedPixels() {
    // Three 3x4 maps with many ties (and -0 vs +0, which are one score).
    PixelSet pixels;
    pixels.height = 3;
    pixels.width = 4;
    const std::vector<float> maps{0,  1,  1, 2, -0.0f, 3, 3, 3, 1, 0, 2, 5, 4, 4, 0, 1, 2, 2,
                                  -1, -1, 0, 3, 5,     5, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0};
    const std::vector<std::uint8_t> masks{0, 0, 255, 255, 255, 0, 255, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 255,
                                          0, 0, 0,   0,   255, 0, 0,   0, 0, 0, 0, 0,   0,   0, 0, 0, 0, 0};
    pixels.maps = maps;
    pixels.masks = masks;
    std::vector<double> scores(maps.begin(), maps.end());
    QCOMPARE(pixels.images(), 3);
    QVERIFY(std::abs(pixelAuroc(pixels) - auroc(scores, masks)) < 1e-15);
    QVERIFY(std::abs(pixelAuroc(pixels) - rankAuroc(maps, masks)) < 1e-15);

    // All pixels equal: 0.5.
    pixels.maps.assign(pixels.maps.size(), 0.25f);
    QCOMPARE(pixelAuroc(pixels), 0.5);
}

void TestMetrics::pixelAurocMatchesRankReferenceOnLargeSet() {
    // 200 maps of 256x256 (13 M pixels): large enough for the radix passes, with ties from quantised scores
    // and negative values (sign handling of the sort keys).
    const int images = 200;
    const int size = 256;
    std::mt19937 rng(2024);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    PixelSet pixels;
    pixels.height = size;
    pixels.width = size;
    const std::size_t total = static_cast<std::size_t>(images) * size * size;
    pixels.maps.resize(total);
    pixels.masks.assign(total, 0);
    for (std::size_t i = 0; i < total; ++i) {
        const std::size_t image = i / (static_cast<std::size_t>(size) * size);
        const std::size_t y = (i / size) % size;
        const std::size_t x = i % size;
        const bool defect =
            image % 3 == 0 && y >= 100 && y < 140 && x >= 60 + image % 50 && x < 100 + image % 50;
        pixels.masks[i] = defect ? 255 : 0;
        const float v = normal(rng) + (defect ? 1.5f : 0.0f);
        // Every fourth pixel rounded to 1/64: many exact ties across both classes.
        pixels.maps[i] = i % 4 == 0 ? std::round(v * 64.0f) / 64.0f : v;
    }
    const double expected = rankAuroc(pixels.maps, pixels.masks);
    const double actual = pixelAuroc(pixels);
    QVERIFY2(
        std::abs(actual - expected) < 1e-9,
        qPrintable(
            QStringLiteral("got %1, rank reference %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    QVERIFY(actual > 0.8 && actual < 0.9);

    const ProCurve curve = proCurve(pixels);
    QCOMPARE(curve.regions, 67);
    QCOMPARE(curve.points.back().x, 1.0);
    QVERIFY(std::abs(curve.points.back().y - 1.0) < 1e-12);
    for (std::size_t k = 1; k < curve.points.size(); ++k) {
        QVERIFY(curve.points[k].x >= curve.points[k - 1].x);
        QVERIFY(curve.points[k].y >= curve.points[k - 1].y);
    }
}

void TestMetrics::proCurveHandCase() {
    // Image 0 (4x4): region A = {(0,0), (1,1)} (diagonal, one region), region B = {(3,3)}; one normal pixel
    // at 0.8, the other 12 normals at 0.1. Image 1: good, all 0.05. Normal pixels: 13 + 16 = 29.
    PixelSet pixels;
    pixels.height = 4;
    pixels.width = 4;
    pixels.maps.assign(32, 0.1f);
    pixels.masks.assign(32, 0);
    pixels.maps[0] = 0.9f;
    pixels.masks[0] = 255;
    pixels.maps[5] = 0.5f;
    pixels.masks[5] = 255;
    pixels.maps[15] = 0.7f;
    pixels.masks[15] = 255;
    pixels.maps[3] = 0.8f;
    std::fill(pixels.maps.begin() + 16, pixels.maps.end(), 0.05f);

    const ProCurve curve = proCurve(pixels);
    QCOMPARE(curve.regions, 2);
    const std::vector<std::pair<double, double>> expected{
        {0, 0}, {0, 0.25}, {1.0 / 29, 0.25}, {1.0 / 29, 0.75}, {1.0 / 29, 1}, {13.0 / 29, 1}, {1, 1}};
    QCOMPARE(curve.points.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY2(std::abs(curve.points[i].x - expected[i].first) < 1e-15, qPrintable(QString::number(i)));
        QVERIFY2(std::abs(curve.points[i].y - expected[i].second) < 1e-15, qPrintable(QString::number(i)));
    }
    QVERIFY(std::abs(aupro(curve, 1.0) - (0.25 / 29 + 28.0 / 29)) < 1e-15);
    QVERIFY(std::abs(aupro(curve, 0.5) - (0.25 / 29 + (0.5 - 1.0 / 29)) / 0.5) < 1e-15);
    QVERIFY(std::abs(proAtFpr(curve, 0.5) - 1.0) < 1e-15);
    QVERIFY(std::abs(proAtFpr(curve, 1.0 / 58) - 0.25) < 1e-15);
    QCOMPARE(proAtFpr(curve, 0.0), 0.25);
}

void TestMetrics::proCurveEightConnectivity() {
    // A diagonal chain is one region; pixels two apart are two.
    PixelSet pixels;
    pixels.height = 5;
    pixels.width = 5;
    pixels.maps.assign(25, 0.0f);
    pixels.masks = {255, 0,   0,   0, 0,  //
                    0,   255, 0,   0, 0,  //
                    0,   0,   255, 0, 0,  //
                    0,   0,   0,   0, 0,  //
                    255, 0,   255, 0, 255};
    QCOMPARE(proCurve(pixels).regions, 4);
    // A region touching the image edge does not wrap to the next row.
    pixels.masks.assign(25, 0);
    pixels.masks[4] = 255;
    pixels.masks[5] = 255;
    QCOMPARE(proCurve(pixels).regions, 2);
}

void TestMetrics::proCurveMatchesBruteForce_data() {
    QTest::addColumn<bool>("dense");
    // Sparse: region pixels are a minority (radix sort of the region pixels). Dense: more than twice as many
    // region pixels as normal ones (the in-place sort that keeps the memory bound).
    QTest::newRow("sparse regions") << false;
    QTest::newRow("dense regions") << true;
}

void TestMetrics::proCurveMatchesBruteForce() {
    QFETCH(bool, dense);
    const RectangleSet set = makeRectangleSet(20, 64, 40, dense, dense ? 7u : 11u);
    const auto normalPixels =
        static_cast<std::size_t>(std::count(set.regionOfPixel.begin(), set.regionOfPixel.end(), -1));
    if (dense)
        QVERIFY(normalPixels * 3 < set.regionOfPixel.size());
    else
        QVERIFY(normalPixels * 3 > set.regionOfPixel.size() * 2);

    const ProCurve curve = proCurve(set.pixels);
    QCOMPARE(curve.regions, set.regions);
    const auto expected = bruteForceProCurve(set);
    QCOMPARE(curve.points.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY2(std::abs(curve.points[i].x - expected[i].x) < 1e-12, qPrintable(QString::number(i)));
        QVERIFY2(std::abs(curve.points[i].y - expected[i].y) < 1e-12, qPrintable(QString::number(i)));
    }
    // The pixel AUROC of the one-sort evaluation (which merges the two sorted halves in the dense case).
    const double reference = rankAuroc(set.pixels.maps, set.pixels.masks);
    QVERIFY(std::abs(evaluatePixels(set.pixels).pixelAuroc - reference) < 1e-12);
    QVERIFY(std::abs(pixelAuroc(set.pixels) - reference) < 1e-12);
}

void TestMetrics::proCurveRefusesBadInput() {
    PixelSet pixels;
    pixels.height = 3;
    pixels.width = 3;
    pixels.maps.assign(18, 1.0f);
    pixels.masks.assign(18, 0);
    QVERIFY(errorMessage([&] { proCurve(pixels); }).contains("no defect regions"));
    pixels.masks.assign(18, 255);
    QVERIFY(errorMessage([&] { proCurve(pixels); }).contains("no normal pixels"));
    pixels.masks.assign(18, 0);
    pixels.masks[4] = 255;
    pixels.maps[10] = std::nanf("");
    QVERIFY(errorMessage([&] { proCurve(pixels); }).contains("anomaly map 1 has a NaN score at pixel 1"));
    pixels.maps[10] = 1.0f;
    pixels.masks.resize(9);
    QVERIFY(errorMessage([&] { proCurve(pixels); }).contains("the masks hold 9 pixels but the maps 18"));
    pixels.width = 0;
    QVERIFY(errorMessage([&] { proCurve(pixels); }).contains("is not positive"));

    ProCurve curve;
    QVERIFY(errorMessage([&] { aupro(curve, 0.3); }).contains("empty"));
    curve.points = {{0, 0}, {1, 1}};
    QVERIFY(errorMessage([&] { aupro(curve, 0.0); }).contains("not in (0, 1]"));
    QVERIFY(errorMessage([&] { aupro(curve, 1.5); }).contains("not in (0, 1]"));
}

void TestMetrics::auproInterpolatesLastSegment() {
    // PRO = FPR on a straight line: ∫0^L x dx / L = L / 2 whatever the cut.
    ProCurve curve;
    curve.points = {{0, 0}, {0.2, 0.2}, {0.6, 0.6}, {1, 1}};
    QVERIFY(std::abs(aupro(curve, 0.3) - 0.15) < 1e-15);
    QVERIFY(std::abs(aupro(curve, 0.2) - 0.1) < 1e-15);
    QVERIFY(std::abs(aupro(curve, 1.0) - 0.5) < 1e-15);
    // A step: PRO jumps to 1 at FPR 0 (vertical segment), so the normalised area is 1 for every limit.
    curve.points = {{0, 0}, {0, 1}, {1, 1}};
    QCOMPARE(aupro(curve, 0.05), 1.0);
    QCOMPARE(proAtFpr(curve, 0.3), 1.0);
}

void TestMetrics::f1OptimalThreshold_() {
    // t=0.9: F1 2/3; t=0.8: 1/2; t=0.7: 4/5 (best); t=0.2: 2/3.
    const ThresholdStats best = f1OptimalThreshold({0.9, 0.8, 0.7, 0.2}, {1, 0, 1, 0});
    QCOMPARE(best.threshold, 0.7);
    QCOMPARE(best.f1, 0.8);
    QCOMPARE(best.precision, 2.0 / 3);
    QCOMPARE(best.recall, 1.0);
    QVERIFY(errorMessage([] { f1OptimalThreshold({1, 2}, {0, 0}); }).contains("no defective sample"));
}

void TestMetrics::f1TiesGoToLargerThreshold() {
    // t=0.9: TP 1, FP 0, FN 1 -> 2/3; t=0.6: TP 2, FP 2 -> 4/6: the same F1, the larger threshold wins.
    const ThresholdStats best = f1OptimalThreshold({0.9, 0.8, 0.7, 0.6}, {1, 0, 0, 1});
    QCOMPARE(best.threshold, 0.9);
    QCOMPARE(best.precision, 1.0);
    QCOMPARE(best.recall, 0.5);
    // Tied scores are one threshold: 0.5 takes both samples at once.
    const ThresholdStats tied = f1OptimalThreshold({0.5, 0.5, 0.1}, {1, 0, 0});
    QCOMPARE(tied.threshold, 0.5);
    QCOMPARE(tied.precision, 0.5);
}

void TestMetrics::statsAtThreshold_() {
    const ThresholdStats s = statsAtThreshold({0.9, 0.8, 0.7, 0.2}, {1, 0, 1, 0}, 0.8);
    QCOMPARE(s.threshold, 0.8);
    QCOMPARE(s.precision, 0.5);  // score >= t: 0.9 (defect) and 0.8 (good)
    QCOMPARE(s.recall, 0.5);
    QCOMPARE(s.f1, 0.5);
    const ThresholdStats none = statsAtThreshold({0.9, 0.2}, {1, 0}, 1.0);
    QCOMPARE(none.precision, 0.0);
    QCOMPARE(none.recall, 0.0);
    QCOMPARE(none.f1, 0.0);
}

void TestMetrics::resizeMaskNearest_() {
    // Up 2x2 -> 4x4 repeats; down 4x4 -> 2x2 takes rows/columns 0 and 2.
    const std::vector<std::uint8_t> up = resizeMaskNearest({1, 2, 3, 4}, 2, 2, 4, 4);
    QCOMPARE(up, (std::vector<std::uint8_t>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
    std::vector<std::uint8_t> big(16);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i);
    QCOMPARE(resizeMaskNearest(big, 4, 4, 2, 2), (std::vector<std::uint8_t>{0, 2, 8, 10}));
    // Non-integer ratios: 3 -> 2 takes floor(0), floor(1.5) = 0, 1; 2 -> 3 takes 0, floor(2/3), floor(4/3) =
    // 0, 0, 1.
    QCOMPARE(resizeMaskNearest({1, 2, 3}, 1, 3, 1, 2), (std::vector<std::uint8_t>{1, 2}));
    QCOMPARE(resizeMaskNearest({1, 2}, 2, 1, 3, 1), (std::vector<std::uint8_t>{1, 1, 2}));
    // 900 -> 256 (an MVTec mask): the last row maps to floor(255 * 900 / 256) = 896.
    std::vector<std::uint8_t> tall(900, 0);
    tall[896] = 7;
    const auto small = resizeMaskNearest(tall, 900, 1, 256, 1);
    QCOMPARE(small[255], std::uint8_t{7});
    QCOMPARE(std::count(small.begin(), small.end(), 7), std::ptrdiff_t{1});
    QVERIFY(errorMessage([] { resizeMaskNearest({1, 2, 3}, 2, 2, 4, 4); }).contains("holds 3 pixels"));
    QVERIFY(errorMessage([] { resizeMaskNearest({}, 0, 2, 4, 4); }).contains("must be positive"));
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
