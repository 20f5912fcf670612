// core/evaluation: a window sweep equals separate runs exactly (DESIGN §5), scores do not depend on the
// batch, per-type metrics, curve thinning.
#include <QtTest>

#include "dataset.h"
#include "demo_data.h"
#include "detector.h"
#include "evaluation.h"
#include "test_support.h"

using namespace lwinnn;

class TestEvaluation : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;
    std::unique_ptr<Detector> m_detector;
    Dataset m_dataset;

  private slots:
    void initTestCase() {
        m_dir = test::scratchDir("evaluation");
        DemoDataOptions demo;
        demo.imageSize = 96;
        demo.trainGood = 10;
        demo.testGood = 4;
        demo.testPerDefect = 3;
        generateDemoData(m_dir / "demo", demo);
        m_dataset = readDataset(m_dir / "demo");
        TrainOptions options;
        options.window = 5;
        options.device = "cpu";
        // Random weights: exactness does not depend on what the features mean, and the suite needs no
        // ../shared.
        m_detector = std::make_unique<Detector>(
            Detector::train(m_dataset.train, loadBackboneWeights("random"), options));
    }

    void sweepEqualsSeparateRuns() {
        const std::vector<int> windows{1, 2, 3, 4, 5, 7, 9};
        const auto sweep = evaluateWindows(*m_detector, m_dataset, windows);
        QCOMPARE(sweep.size(), windows.size());
        for (std::size_t k = 0; k < windows.size(); ++k) {
            m_detector->setWindow(windows[k]);
            const EvaluationResult single = evaluate(*m_detector, m_dataset);
            QCOMPARE(sweep[k].window, windows[k]);
            QCOMPARE(single.images.size(), sweep[k].images.size());
            for (std::size_t i = 0; i < single.images.size(); ++i)
                QCOMPARE(sweep[k].images[i].score, single.images[i].score);  // bitwise
            QCOMPARE(sweep[k].imageAuroc, single.imageAuroc);
            QCOMPARE(sweep[k].aupro, single.aupro);
            QCOMPARE(sweep[k].pixelAuroc, single.pixelAuroc);
        }
        // Larger windows can only lower patch scores (the minimum is over a superset).
        for (std::size_t i = 0; i < sweep[0].images.size(); ++i)
            QVERIFY(sweep.back().images[i].score <= sweep.front().images[i].score);
        m_detector->setWindow(5);
    }

    void scoresDoNotDependOnTheBatch() {
        std::vector<RgbImage> images;
        for (const auto& sample : m_dataset.test) images.push_back(decodeImage(sample.image));
        const auto batched = m_detector->score(images);
        for (std::size_t i = 0; i < images.size(); i += 5) {
            const ImageScore alone = m_detector->score(images[i]);
            QCOMPARE(alone.score, batched[i].score);
            QCOMPARE(alone.anomalyMap.values, batched[i].anomalyMap.values);
        }
    }

    void perDefectType() {
        const EvaluationResult r = evaluate(*m_detector, m_dataset);
        QCOMPARE(r.perType.size(), std::size_t(3));
        QStringList types;
        for (const auto& t : r.perType) {
            types << QString::fromStdString(t.defectType);
            QCOMPARE(t.images, 3);
            QVERIFY(t.imageAuroc >= 0 && t.imageAuroc <= 1);
            QVERIFY(t.aupro >= 0 && t.aupro <= 1);
        }
        QCOMPARE(types, (QStringList{"hole", "scratch", "stain"}));
        // Per type is the same computation on a subset: with one type only it equals the whole.
        Dataset holes = m_dataset;
        holes.test.erase(
            std::remove_if(holes.test.begin(), holes.test.end(),
                           [](const TestSample& s) { return s.isDefect() && s.defectType != "hole"; }),
            holes.test.end());
        holes.defectTypes = {"hole"};
        const EvaluationResult h = evaluate(*m_detector, holes);
        QCOMPARE(h.imageAuroc, r.perType[0].imageAuroc);
        QCOMPARE(h.aupro, r.perType[0].aupro);
        QVERIFY(h.roc.front().x == 0 && h.roc.back().x == 1);
        QVERIFY(!h.pro.empty() && h.pro.size() <= 2 * kCurvePoints);
    }

    void thinningKeepsEndsAndShape() {
        std::vector<CurvePoint> curve;
        for (int i = 0; i <= 100000; ++i) curve.push_back({i / 100000.0, std::sqrt(i / 100000.0)});
        const auto thin = thinCurve(curve, 500);
        QVERIFY(thin.size() <= 1002 && thin.size() >= 500);
        QCOMPARE(thin.front().x, 0.0);
        QCOMPARE(thin.back().x, 1.0);
        for (std::size_t i = 1; i < thin.size(); ++i) QVERIFY(thin[i].x >= thin[i - 1].x);
        const std::vector<CurvePoint> small{{0, 0}, {0.5, 0.7}, {1, 1}};
        QCOMPARE(thinCurve(small, 500).size(), small.size());
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"
