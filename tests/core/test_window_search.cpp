// The CPU window search (core/window_search.*) against a plain double-precision search, for every kernel this
// CPU can run; the bitwise independence from window and batch that the sweep relies on; half-precision banks
// and the binary16 conversions.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "error.h"
#include "pipeline.h"
#include "test_support.h"
#include "window_search.h"

using namespace lwinnn;

namespace {

struct Problem {
    std::int64_t batch = 3, height = 5, width = 6, images = 7, channels = 37;
    std::vector<float> bank, bankNorms, test, testNorms;

    explicit Problem(std::uint32_t seed) {
        std::mt19937 random(seed);
        std::uniform_real_distribution<float> u(0.0F, 1.0F);
        bank.resize(static_cast<std::size_t>(height * width * images * channels));
        test.resize(static_cast<std::size_t>(batch * height * width * channels));
        for (float& v : bank) v = u(random);
        for (float& v : test) v = u(random);
        bankNorms = norms(bank);
        testNorms = norms(test);
    }
    std::vector<float> norms(const std::vector<float>& values) const {
        std::vector<float> out(values.size() / static_cast<std::size_t>(channels));
        for (std::size_t i = 0; i < out.size(); ++i) {
            double s = 0;
            for (std::int64_t c = 0; c < channels; ++c)
                s += double(values[i * channels + c]) * values[i * channels + c];
            out[i] = static_cast<float>(s);
        }
        return out;
    }
    BankView bankView() const {
        BankView v;
        v.values = bank.data();
        v.squaredNorms = bankNorms.data();
        v.locations = height * width;
        v.images = images;
        v.channels = channels;
        return v;
    }
    TestView testView(std::int64_t first = 0, std::int64_t count = -1) const {
        return {test.data() + first * height * width * channels,
                testNorms.data() + first * height * width,
                count < 0 ? batch : count,
                height,
                width,
                channels};
    }
    std::vector<float> run(const BankView& b, const TestView& t, int window,
                           const std::string& kernel) const {
        std::vector<float> out(static_cast<std::size_t>(t.batch * height * width * window * window));
        // Two "threads" taking alternate halves, to exercise the ranges.
        const ParallelFor parallel = [](std::int64_t n,
                                        const std::function<void(std::int64_t, std::int64_t)>& body) {
            body(n / 2, n);
            body(0, n / 2);
        };
        windowMinima(b, t, window, out.data(), parallel, kernel);
        return out;
    }
};

const ParallelFor serial = [](std::int64_t n, const std::function<void(std::int64_t, std::int64_t)>& body) {
    body(0, n);
};

}  // namespace

class TestWindowSearch : public QObject {
    Q_OBJECT

  private slots:
    void kernels_data() {
        QTest::addColumn<QString>("kernel");
        for (const std::string& k : availableWindowSearchKernels())
            QTest::newRow(k.c_str()) << QString::fromStdString(k);
    }

    void kernels() {
        QFETCH(QString, kernel);
        const Problem p(11);
        for (int window : {1, 2, 3, 4, 5, 9}) {
            const std::vector<float> got = p.run(p.bankView(), p.testView(), window, kernel.toStdString());
            const int lo = windowLow(window);
            for (std::int64_t i = 0; i < p.batch; ++i)
                for (std::int64_t h = 0; h < p.height; ++h)
                    for (std::int64_t w = 0; w < p.width; ++w)
                        for (int dy = -lo; dy <= windowHigh(window); ++dy)
                            for (int dx = -lo; dx <= windowHigh(window); ++dx) {
                                const std::int64_t o = (dy + lo) * window + (dx + lo);
                                const float value = got[static_cast<std::size_t>(
                                    ((i * p.height + h) * p.width + w) * window * window + o)];
                                const std::int64_t a = h + dy, b = w + dx;
                                if (a < 0 || b < 0 || a >= p.height || b >= p.width) {
                                    QVERIFY2(std::isinf(value), "an offset outside the grid must be +inf");
                                    continue;
                                }
                                double best = std::numeric_limits<double>::infinity();
                                const float* x =
                                    p.test.data() + ((i * p.height + h) * p.width + w) * p.channels;
                                for (std::int64_t n = 0; n < p.images; ++n) {
                                    const float* y =
                                        p.bank.data() + ((a * p.width + b) * p.images + n) * p.channels;
                                    double d = 0;
                                    for (std::int64_t c = 0; c < p.channels; ++c)
                                        d += (double(x[c]) - y[c]) * (double(x[c]) - y[c]);
                                    best = std::min(best, d);
                                }
                                // The expanded form loses about float epsilon times the squared norms (~12
                                // here).
                                if (std::abs(value - best) > 2e-5 * 24)
                                    QFAIL(qPrintable(
                                        QStringLiteral(
                                            "window %1, image %2, (%3,%4), offset (%5,%6): %7, expected %8")
                                            .arg(window)
                                            .arg(i)
                                            .arg(h)
                                            .arg(w)
                                            .arg(dy)
                                            .arg(dx)
                                            .arg(double(value), 0, 'g', 9)
                                            .arg(best, 0, 'g', 9)));
                            }
        }
    }

    void independentOfWindowAndBatch_data() { kernels_data(); }

    // A test location's minimum for an offset is the same bits whether it was computed for a larger window,
    // in a batch or alone: what makes a window sweep equal separate runs.
    void independentOfWindowAndBatch() {
        QFETCH(QString, kernel);
        const std::string k = kernel.toStdString();
        const Problem p(5);
        const std::vector<float> large = p.run(p.bankView(), p.testView(), 7, k);
        const std::vector<float> small = p.run(p.bankView(), p.testView(), 3, k);
        for (std::int64_t t = 0; t < p.batch * p.height * p.width; ++t)
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const float a = large[static_cast<std::size_t>(t * 49 + (dy + 3) * 7 + dx + 3)];
                    const float b = small[static_cast<std::size_t>(t * 9 + (dy + 1) * 3 + dx + 1)];
                    QVERIFY(std::memcmp(&a, &b, 4) == 0);
                }
        const std::vector<float> alone = p.run(p.bankView(), p.testView(1, 1), 7, k);
        QVERIFY(std::memcmp(alone.data(), large.data() + alone.size(), alone.size() * 4) == 0);
    }

    void halfPrecisionBank() {
        const Problem p(3);
        std::vector<std::uint16_t> half(p.bank.size());
        std::vector<float> rounded(p.bank.size());
        for (std::size_t i = 0; i < half.size(); ++i) {
            half[i] = floatToHalf(p.bank[i]);
            rounded[i] = halfToFloat(half[i]);
        }
        const std::vector<float> roundedNorms = p.norms(rounded);
        for (const std::string& k : availableWindowSearchKernels()) {
            BankView h = p.bankView();
            h.values = nullptr;
            h.halfValues = half.data();
            h.squaredNorms = roundedNorms.data();
            BankView f = p.bankView();
            f.values = rounded.data();
            f.squaredNorms = roundedNorms.data();
            const std::vector<float> a = p.run(h, p.testView(), 5, k);
            const std::vector<float> b = p.run(f, p.testView(), 5, k);
            QVERIFY2(std::memcmp(a.data(), b.data(), a.size() * 4) == 0, k.c_str());
        }
    }

    void halfConversions() {
        // Every binary16 value that is a number survives float and back.
        for (std::uint32_t bits = 0; bits < 0x10000U; ++bits) {
            const auto h = static_cast<std::uint16_t>(bits);
            if ((h & 0x7c00U) == 0x7c00U && (h & 0x3ffU) != 0) {
                QVERIFY(std::isnan(halfToFloat(h)));
                continue;
            }
            if (floatToHalf(halfToFloat(h)) != h) QFAIL(qPrintable(QString::number(bits, 16)));
        }
        QCOMPARE(halfToFloat(0x3c00), 1.0F);
        QCOMPARE(halfToFloat(0x7bff), 65504.0F);
        QCOMPARE(halfToFloat(0x0001), std::ldexp(1.0F, -24));
        // Round to nearest, ties to even.
        QCOMPARE(floatToHalf(1.0F + std::ldexp(1.0F, -11)), std::uint16_t(0x3c00));
        QCOMPARE(floatToHalf(1.0F + 3 * std::ldexp(1.0F, -11)), std::uint16_t(0x3c02));
        QCOMPARE(floatToHalf(1.0F + std::ldexp(1.0F, -11) + std::ldexp(1.0F, -20)), std::uint16_t(0x3c01));
        QCOMPARE(floatToHalf(65519.0F), std::uint16_t(0x7bff));
        QCOMPARE(floatToHalf(65520.0F), std::uint16_t(0x7c00));
        QCOMPARE(floatToHalf(-std::numeric_limits<float>::infinity()), std::uint16_t(0xfc00));
        QCOMPARE(floatToHalf(std::ldexp(1.0F, -25)), std::uint16_t(0x0000));
        QCOMPARE(floatToHalf(1.5F * std::ldexp(1.0F, -25)), std::uint16_t(0x0001));
        QCOMPARE(floatToHalf(3 * std::ldexp(1.0F, -25)), std::uint16_t(0x0002));
        QVERIFY(std::isnan(halfToFloat(floatToHalf(std::numeric_limits<float>::quiet_NaN()))));
    }

    void refusals() {
        const Problem p(1);
        BankView wrong = p.bankView();
        wrong.locations = 29;
        std::vector<float> out(static_cast<std::size_t>(p.batch * p.height * p.width * 9));
        QVERIFY_THROWS_EXCEPTION(Error, windowMinima(wrong, p.testView(), 3, out.data(), serial));
        QVERIFY_THROWS_EXCEPTION(UsageError, windowMinima(p.bankView(), p.testView(), 0, out.data(), serial));
        QVERIFY_THROWS_EXCEPTION(
            UsageError, windowMinima(p.bankView(), p.testView(), 3, out.data(), serial, "no-such-kernel"));
    }
};

QTEST_GUILESS_MAIN(TestWindowSearch)
#include "test_window_search.moc"
