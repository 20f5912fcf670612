#include "metrics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <numeric>
#include <span>
#include <string>

#include "error.h"

namespace lwinnn {

namespace {

// Summing up to ~10^8 terms of 1/size_r (PRO) or trapezoid areas: compensation keeps the last PRO at 1 to a
// few ulps instead of drifting by n·eps.
class CompensatedSum {
  public:
    void add(double v) {
        const double t = m_sum + v;
        m_compensation += std::abs(m_sum) >= std::abs(v) ? (m_sum - t) + v : (v - t) + m_sum;
        m_sum = t;
    }
    double value() const { return m_sum + m_compensation; }

  private:
    double m_sum = 0;
    double m_compensation = 0;
};

// A float32 score as an unsigned key with the same order, so that pixels sort by radix instead of by
// comparisons. -0 and +0 are one score (they compare equal, so they are one threshold).
std::uint32_t orderedKey(float value) {
    if (value == 0.0f) value = 0.0f;
    const auto bits = std::bit_cast<std::uint32_t>(value);
    return (bits & 0x80000000u) != 0 ? ~bits : (bits | 0x80000000u);
}

// LSD radix sort on bits [firstBit, lastBit) of each element, ascending, 11 bits a pass (measured ~1.5x
// faster than 8-bit passes on 10^8 keys: one pass fewer, and 2048 buckets still fit in L1); the other bits
// ride along (stable, so their order is kept but not sorted). Needs one scratch array of the same size;
// passes in which every element falls into one bucket (typically the sign and exponent bits) are skipped.
template <typename T>
void radixSort(std::span<T> data, unsigned firstBit, unsigned lastBit) {
    constexpr unsigned digitBits = 11;
    constexpr std::size_t buckets = std::size_t{1} << digitBits;
    constexpr unsigned maxPasses = (8 * sizeof(T) + digitBits - 1) / digitBits;
    const std::size_t n = data.size();
    const auto byKey = [firstBit](T a, T b) { return (a >> firstBit) < (b >> firstBit); };
    if (n < 4096) {
        std::sort(data.begin(), data.end(), byKey);
        return;
    }
    const unsigned passes = (lastBit - firstBit + digitBits - 1) / digitBits;
    std::vector<std::array<std::size_t, buckets>> counts(maxPasses);
    for (auto& count : counts) count.fill(0);
    for (const T v : data)
        for (unsigned pass = 0; pass < passes; ++pass)
            ++counts[pass][(v >> (firstBit + pass * digitBits)) & (buckets - 1)];

    const auto scratch = std::make_unique_for_overwrite<T[]>(n);
    T* src = data.data();
    T* dst = scratch.get();
    std::array<std::size_t, buckets> offset{};
    for (unsigned pass = 0; pass < passes; ++pass) {
        const auto& count = counts[pass];
        if (std::any_of(count.begin(), count.end(), [n](std::size_t c) { return c == n; })) continue;
        std::exclusive_scan(count.begin(), count.end(), offset.begin(), std::size_t{0});
        const unsigned shift = firstBit + pass * digitBits;
        for (std::size_t i = 0; i < n; ++i) {
            const T v = src[i];
            dst[offset[(v >> shift) & (buckets - 1)]++] = v;
        }
        std::swap(src, dst);
    }
    if (src != data.data()) std::copy(src, src + n, data.data());
}

std::size_t checkedPixelCount(const PixelSet& pixels, const char* what) {
    if (pixels.height <= 0 || pixels.width <= 0)
        throw Error(std::string(what) + ": the map size " + std::to_string(pixels.height) + "x" +
                    std::to_string(pixels.width) + " is not positive");
    const std::size_t plane =
        static_cast<std::size_t>(pixels.height) * static_cast<std::size_t>(pixels.width);
    if (pixels.maps.empty()) throw Error(std::string(what) + ": there are no anomaly maps");
    if (pixels.maps.size() % plane != 0)
        throw Error(std::string(what) + ": " + std::to_string(pixels.maps.size()) +
                    " map values are not a whole number of " + std::to_string(pixels.height) + "x" +
                    std::to_string(pixels.width) + " maps");
    if (pixels.masks.size() != pixels.maps.size())
        throw Error(std::string(what) + ": the masks hold " + std::to_string(pixels.masks.size()) +
                    " pixels but the maps " + std::to_string(pixels.maps.size()));
    return pixels.maps.size();
}

void throwNanScore(const char* what, std::size_t index, std::size_t plane) {
    throw Error(std::string(what) + ": anomaly map " + std::to_string(index / plane) +
                " has a NaN score at pixel " + std::to_string(index % plane));
}

void checkScores(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels,
                 const char* what) {
    if (scores.size() != labels.size())
        throw Error(std::string(what) + ": " + std::to_string(scores.size()) + " scores but " +
                    std::to_string(labels.size()) + " labels");
    if (scores.empty()) throw Error(std::string(what) + ": there are no scores");
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (std::isnan(scores[i]))
            throw Error(std::string(what) + ": score " + std::to_string(i) + " is NaN");
}

// Indices of the scores from high to low.
std::vector<std::size_t> descendingOrder(const std::vector<double>& scores) {
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    return order;
}

// Walks ascending sorted arrays from the top, one distinct key at a time: `counted` holds bare keys (only
// their number per key matters), `runs` are sorted runs of elements that carry a key (several when the
// elements were sorted in chunks). For each key, calls onElement(e) for every run element with that key, then
// onKey(countedWithKey, runElementsWithKey).
template <typename E, typename KeyOf, typename OnElement, typename OnKey>
void walkDistinctDescending(std::span<const std::uint32_t> counted,
                            const std::vector<std::span<const E>>& runs, KeyOf keyOf, OnElement onElement,
                            OnKey onKey) {
    std::size_t i = counted.size();
    std::vector<std::size_t> ends(runs.size());
    for (std::size_t r = 0; r < runs.size(); ++r) ends[r] = runs[r].size();
    for (;;) {
        bool any = i > 0;
        std::uint32_t key = any ? counted[i - 1] : 0;
        for (std::size_t r = 0; r < runs.size(); ++r) {
            if (ends[r] == 0) continue;
            const std::uint32_t k = keyOf(runs[r][ends[r] - 1]);
            key = any ? std::max(key, k) : k;
            any = true;
        }
        if (!any) return;
        const std::size_t iEnd = i;
        while (i > 0 && counted[i - 1] == key) --i;
        std::size_t withKey = 0;
        for (std::size_t r = 0; r < runs.size(); ++r) {
            std::size_t& j = ends[r];
            for (; j > 0 && keyOf(runs[r][j - 1]) == key; --j, ++withKey) onElement(runs[r][j - 1]);
        }
        onKey(iEnd - i, withKey);
    }
}

// 8-connected components of one mask (pixels > 0), as labels 0..count-1 (-1 outside); returns the count and
// appends each component's size to `sizes`.
std::uint32_t labelRegions(const std::uint8_t* mask, int height, int width, std::vector<std::int32_t>& labels,
                           std::vector<std::size_t>& stack, std::vector<std::uint32_t>& sizes) {
    const std::size_t plane = static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    labels.assign(plane, -1);
    std::int32_t count = 0;
    for (std::size_t seed = 0; seed < plane; ++seed) {
        if (mask[seed] == 0 || labels[seed] >= 0) continue;
        labels[seed] = count;
        stack.assign(1, seed);
        std::uint32_t size = 0;
        while (!stack.empty()) {
            const std::size_t p = stack.back();
            stack.pop_back();
            ++size;
            const int y = static_cast<int>(p / static_cast<std::size_t>(width));
            const int x = static_cast<int>(p % static_cast<std::size_t>(width));
            for (int dy = -1; dy <= 1; ++dy) {
                const int yy = y + dy;
                if (yy < 0 || yy >= height) continue;
                for (int dx = -1; dx <= 1; ++dx) {
                    const int xx = x + dx;
                    if (xx < 0 || xx >= width) continue;
                    const std::size_t q = static_cast<std::size_t>(yy) * static_cast<std::size_t>(width) +
                                          static_cast<std::size_t>(xx);
                    if (mask[q] != 0 && labels[q] < 0) {
                        labels[q] = count;
                        stack.push_back(q);
                    }
                }
            }
        }
        sizes.push_back(size);
        ++count;
    }
    return static_cast<std::uint32_t>(count);
}

}  // namespace

int PixelSet::images() const {
    if (height <= 0 || width <= 0) return 0;
    return static_cast<int>(maps.size() /
                            (static_cast<std::size_t>(height) * static_cast<std::size_t>(width)));
}

std::vector<CurvePoint> rocCurve(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels) {
    checkScores(scores, labels, "ROC");
    const auto positives =
        static_cast<std::size_t>(std::count_if(labels.begin(), labels.end(), [](auto l) { return l != 0; }));
    const std::size_t negatives = labels.size() - positives;
    if (positives == 0) throw Error("ROC needs both classes: there is no defective sample (label 1)");
    if (negatives == 0) throw Error("ROC needs both classes: there is no good sample (label 0)");

    const auto order = descendingOrder(scores);
    std::vector<CurvePoint> curve{{0, 0}};
    std::size_t tp = 0;
    std::size_t fp = 0;
    for (std::size_t k = 0; k < order.size();) {
        const double score = scores[order[k]];
        for (; k < order.size() && scores[order[k]] == score; ++k) (labels[order[k]] != 0 ? tp : fp) += 1;
        curve.push_back({static_cast<double>(fp) / static_cast<double>(negatives),
                         static_cast<double>(tp) / static_cast<double>(positives)});
    }
    return curve;
}

double auroc(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels) {
    const auto curve = rocCurve(scores, labels);
    CompensatedSum area;
    for (std::size_t k = 1; k < curve.size(); ++k)
        area.add((curve[k].x - curve[k - 1].x) * (curve[k].y + curve[k - 1].y) / 2);
    return area.value();
}

double pixelAuroc(const PixelSet& pixels) {
    const std::size_t total = checkedPixelCount(pixels, "pixel AUROC");
    const std::size_t plane =
        static_cast<std::size_t>(pixels.height) * static_cast<std::size_t>(pixels.width);
    const auto positives = static_cast<std::size_t>(
        std::count_if(pixels.masks.begin(), pixels.masks.end(), [](auto m) { return m != 0; }));
    const std::size_t negatives = total - positives;
    if (positives == 0) throw Error("pixel AUROC needs both classes: no mask has a defective pixel");
    if (negatives == 0) throw Error("pixel AUROC needs both classes: every mask pixel is defective");

    // One 32-bit key per pixel, split by class, plus the radix scratch of the larger class: <= 8 bytes a
    // pixel.
    std::vector<std::uint32_t> defect;
    std::vector<std::uint32_t> normal;
    defect.reserve(positives);
    normal.reserve(negatives);
    for (std::size_t i = 0; i < total; ++i) {
        const float v = pixels.maps[i];
        if (std::isnan(v)) throwNanScore("pixel AUROC", i, plane);
        (pixels.masks[i] != 0 ? defect : normal).push_back(orderedKey(v));
    }
    radixSort(std::span(defect), 0, 32);
    radixSort(std::span(normal), 0, 32);

    // Trapezoids of the exact ROC (one point per distinct score), in units of 1/(2·P·N).
    CompensatedSum area;
    std::size_t tp = 0;
    const std::vector<std::span<const std::uint32_t>> defectRuns{defect};
    walkDistinctDescending(
        std::span<const std::uint32_t>(normal), defectRuns, [](std::uint32_t k) { return k; },
        [](std::uint32_t) {},
        [&](std::size_t normals, std::size_t defects) {
            const std::size_t tpBefore = tp;
            tp += defects;
            area.add(static_cast<double>(normals) * static_cast<double>(tp + tpBefore));
        });
    return area.value() / (2.0 * static_cast<double>(positives) * static_cast<double>(negatives));
}

PixelEvaluation evaluatePixels(const PixelSet& pixels) {
    const std::size_t total = checkedPixelCount(pixels, "PRO curve");
    const std::size_t plane =
        static_cast<std::size_t>(pixels.height) * static_cast<std::size_t>(pixels.width);
    const auto defectPixels = static_cast<std::size_t>(
        std::count_if(pixels.masks.begin(), pixels.masks.end(), [](auto m) { return m != 0; }));
    const std::size_t normalPixels = total - defectPixels;
    if (defectPixels == 0) throw Error("PRO curve: there are no defect regions (every mask is empty)");
    if (normalPixels == 0)
        throw Error("PRO curve: there are no normal pixels (every mask pixel is defective)");

    // Normal pixels: their score key (4 bytes). Region pixels: (score key << 32 | region id) (8 bytes). With
    // the radix scratch of the larger array that is <= 12 bytes a pixel as long as region pixels are at most
    // twice the normal ones; beyond that the region pairs are sorted as two halves (scratch 4 bytes a region
    // pixel), and the walk merges the halves.
    std::vector<std::uint32_t> normal;
    std::vector<std::uint64_t> region;
    normal.reserve(normalPixels);
    region.reserve(defectPixels);
    std::vector<std::uint32_t> sizes;
    {
        std::vector<std::int32_t> labels;
        std::vector<std::size_t> stack;
        const int images = pixels.images();
        for (int image = 0; image < images; ++image) {
            const std::size_t base = static_cast<std::size_t>(image) * plane;
            const auto firstRegion = static_cast<std::uint64_t>(sizes.size());
            labelRegions(pixels.masks.data() + base, pixels.height, pixels.width, labels, stack, sizes);
            if (sizes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
                throw Error("PRO curve: more than 2^31 defect regions");
            for (std::size_t p = 0; p < plane; ++p) {
                const float v = pixels.maps[base + p];
                if (std::isnan(v)) throwNanScore("PRO curve", base + p, plane);
                const std::uint32_t key = orderedKey(v);
                if (labels[p] < 0)
                    normal.push_back(key);
                else
                    region.push_back(static_cast<std::uint64_t>(key) << 32 |
                                     (firstRegion + static_cast<std::uint64_t>(labels[p])));
            }
        }
    }
    radixSort(std::span(normal), 0, 32);
    std::vector<std::span<const std::uint64_t>> regionRuns;
    if (defectPixels <= 2 * normalPixels) {
        radixSort(std::span(region), 32, 64);
        regionRuns.emplace_back(region);
    } else {
        const std::span<std::uint64_t> all(region);
        const std::size_t half = all.size() / 2;
        radixSort(all.first(half), 32, 64);
        radixSort(all.subspan(half), 32, 64);
        regionRuns.emplace_back(all.first(half));
        regionRuns.emplace_back(all.subspan(half));
    }

    PixelEvaluation result;
    ProCurve& curve = result.pro;
    curve.regions = static_cast<int>(sizes.size());
    std::vector<double> inverseSize(sizes.size());
    std::transform(sizes.begin(), sizes.end(), inverseSize.begin(),
                   [](std::uint32_t s) { return 1.0 / static_cast<double>(s); });
    sizes = {};

    const auto keyOfRegionPixel = [](std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); };
    const std::span<const std::uint32_t> normalKeys(normal);
    std::size_t distinct = 0;
    walkDistinctDescending(
        normalKeys, regionRuns, keyOfRegionPixel, [](std::uint64_t) {},
        [&](std::size_t, std::size_t) { ++distinct; });
    curve.points.reserve(distinct + 1);
    curve.points.push_back({0, 0});

    // PRO(t) = (1/R) Σ_r hits_r(t)/size_r: each region pixel passing the threshold adds 1/size_r, O(1) a
    // pixel. Region pixels are exactly the defective pixels, so the same walk gives the pixel ROC trapezoids.
    CompensatedSum overlap;
    CompensatedSum rocArea;
    std::size_t falsePositives = 0;
    std::size_t truePositives = 0;
    const auto regions = static_cast<double>(curve.regions);
    const auto normals = static_cast<double>(normalPixels);
    walkDistinctDescending(
        normalKeys, regionRuns, keyOfRegionPixel,
        [&](std::uint64_t pixel) { overlap.add(inverseSize[static_cast<std::uint32_t>(pixel)]); },
        [&](std::size_t normalCount, std::size_t regionCount) {
            falsePositives += normalCount;
            const std::size_t truePositivesBefore = truePositives;
            truePositives += regionCount;
            rocArea.add(static_cast<double>(normalCount) *
                        static_cast<double>(truePositives + truePositivesBefore));
            curve.points.push_back(
                {static_cast<double>(falsePositives) / normals, overlap.value() / regions});
        });
    result.pixelAuroc = rocArea.value() / (2.0 * normals * static_cast<double>(defectPixels));
    return result;
}

ProCurve proCurve(const PixelSet& pixels) { return evaluatePixels(pixels).pro; }

double aupro(const ProCurve& curve, double fprLimit) {
    if (!(fprLimit > 0.0 && fprLimit <= 1.0))
        throw Error("AUPRO: the FPR limit " + std::to_string(fprLimit) + " is not in (0, 1]");
    if (curve.points.size() < 2) throw Error("AUPRO: the PRO curve is empty");
    CompensatedSum area;
    for (std::size_t k = 1; k < curve.points.size(); ++k) {
        const CurvePoint& a = curve.points[k - 1];
        const CurvePoint& b = curve.points[k];
        if (a.x >= fprLimit) break;
        if (b.x > fprLimit) {
            const double y = a.y + (b.y - a.y) * (fprLimit - a.x) / (b.x - a.x);
            area.add((fprLimit - a.x) * (a.y + y) / 2);
            break;
        }
        area.add((b.x - a.x) * (a.y + b.y) / 2);
    }
    return area.value() / fprLimit;
}

double proAtFpr(const ProCurve& curve, double fpr) {
    if (curve.points.empty()) throw Error("PRO at FPR: the PRO curve is empty");
    const auto next = std::upper_bound(curve.points.begin(), curve.points.end(), fpr,
                                       [](double x, const CurvePoint& p) { return x < p.x; });
    if (next == curve.points.begin()) return curve.points.front().y;
    if (next == curve.points.end()) return curve.points.back().y;
    const CurvePoint& a = *(next - 1);
    const CurvePoint& b = *next;
    return a.y + (b.y - a.y) * (fpr - a.x) / (b.x - a.x);
}

namespace {

ThresholdStats makeStats(double threshold, std::size_t tp, std::size_t fp, std::size_t positives) {
    ThresholdStats s;
    s.threshold = threshold;
    s.precision = tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
    s.recall = positives == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(positives);
    // 2TP / (2TP + FP + FN): equal F1 values are then equal doubles, so "ties go to the larger t" is exact.
    const std::size_t fn = positives - tp;
    s.f1 = tp == 0 ? 0.0 : static_cast<double>(2 * tp) / static_cast<double>(2 * tp + fp + fn);
    return s;
}

}  // namespace

ThresholdStats statsAtThreshold(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels,
                                double threshold) {
    checkScores(scores, labels, "threshold statistics");
    std::size_t tp = 0;
    std::size_t fp = 0;
    std::size_t positives = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const bool defect = labels[i] != 0;
        positives += defect ? 1 : 0;
        if (scores[i] >= threshold) (defect ? tp : fp) += 1;
    }
    return makeStats(threshold, tp, fp, positives);
}

ThresholdStats f1OptimalThreshold(const std::vector<double>& scores,
                                  const std::vector<std::uint8_t>& labels) {
    checkScores(scores, labels, "F1-optimal threshold");
    const auto positives =
        static_cast<std::size_t>(std::count_if(labels.begin(), labels.end(), [](auto l) { return l != 0; }));
    if (positives == 0) throw Error("F1-optimal threshold: there is no defective sample (label 1)");

    const auto order = descendingOrder(scores);
    ThresholdStats best;
    bool found = false;
    std::size_t tp = 0;
    std::size_t fp = 0;
    for (std::size_t k = 0; k < order.size();) {
        const double score = scores[order[k]];
        for (; k < order.size() && scores[order[k]] == score; ++k) (labels[order[k]] != 0 ? tp : fp) += 1;
        const ThresholdStats s = makeStats(score, tp, fp, positives);
        // From high to low, so a later threshold replaces the best only with a strictly higher F1.
        if (!found || s.f1 > best.f1) {
            best = s;
            found = true;
        }
    }
    return best;
}

std::vector<std::uint8_t> resizeMaskNearest(const std::vector<std::uint8_t>& mask, int inHeight, int inWidth,
                                            int outHeight, int outWidth) {
    if (inHeight <= 0 || inWidth <= 0 || outHeight <= 0 || outWidth <= 0)
        throw Error("mask resize: sizes " + std::to_string(inHeight) + "x" + std::to_string(inWidth) +
                    " -> " + std::to_string(outHeight) + "x" + std::to_string(outWidth) +
                    " must be positive");
    if (mask.size() != static_cast<std::size_t>(inHeight) * static_cast<std::size_t>(inWidth))
        throw Error("mask resize: the mask holds " + std::to_string(mask.size()) + " pixels, not " +
                    std::to_string(inHeight) + "x" + std::to_string(inWidth));
    // src = min(floor(dst * in / out), in - 1), in integers so that no rounding moves a boundary.
    const auto source = [](int dst, int in, int out) {
        const std::int64_t s = static_cast<std::int64_t>(dst) * in / out;
        return static_cast<std::size_t>(std::min<std::int64_t>(s, in - 1));
    };
    std::vector<std::size_t> columns(static_cast<std::size_t>(outWidth));
    for (int x = 0; x < outWidth; ++x) columns[static_cast<std::size_t>(x)] = source(x, inWidth, outWidth);
    std::vector<std::uint8_t> out(static_cast<std::size_t>(outHeight) * static_cast<std::size_t>(outWidth));
    for (int y = 0; y < outHeight; ++y) {
        const std::uint8_t* row =
            mask.data() + source(y, inHeight, outHeight) * static_cast<std::size_t>(inWidth);
        std::uint8_t* dst = out.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(outWidth);
        for (int x = 0; x < outWidth; ++x) dst[x] = row[columns[static_cast<std::size_t>(x)]];
    }
    return out;
}

}  // namespace lwinnn
