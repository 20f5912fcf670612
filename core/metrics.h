// Evaluation metrics exactly as DESIGN §2.8 defines them: computed in float64 on raw scores, ties merged.
#pragma once

#include <cstdint>
#include <vector>

namespace lwinnn {

struct CurvePoint {
    double x = 0;  // false-positive rate
    double y = 0;  // true-positive rate (ROC) or per-region overlap (PRO)
};

// Exact ROC: (0,0), one point per distinct score from high to low, ending at (1,1). Labels 0 = good, 1 =
// defect.
std::vector<CurvePoint> rocCurve(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels);
// Area under the exact ROC by trapezoids. Throws lwinnn::Error unless both classes are present.
double auroc(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels);

// Pixel maps of the test images, all of the same size, with their binary masks (0 = normal, >0 = defect;
// a good image has an all-zero mask). Maps are float32, row-major, one after the other.
struct PixelSet {
    int height = 0;
    int width = 0;
    std::vector<float> maps;          // images * height * width
    std::vector<std::uint8_t> masks;  // images * height * width
    int images() const;
};

// Area under the exact pixel ROC. Sorts 32-bit score keys by radix: <= 8 bytes a pixel of temporary memory.
// Throws unless both classes are present.
double pixelAuroc(const PixelSet& pixels);

// PRO curve (Bergmann et al.): regions are the 8-connected components of each mask; for each distinct
// threshold t from high to low, FPR(t) over all normal pixels and PRO(t) the mean over regions of the region
// fraction >= t. Starts at (0,0), then one point per distinct score (the last is (1,1)). Temporary memory
// <= 12 bytes a pixel besides the curve. Throws when there is no region or no normal pixel.
struct ProCurve {
    std::vector<CurvePoint> points;
    int regions = 0;
};
ProCurve proCurve(const PixelSet& pixels);
// Pixel AUROC and the PRO curve from one sort of the pixels: about half the time of pixelAuroc + proCurve,
// for the same memory as proCurve (<= 12 bytes a pixel besides the curve). Throws as proCurve does.
struct PixelEvaluation {
    double pixelAuroc = 0;
    ProCurve pro;
};
PixelEvaluation evaluatePixels(const PixelSet& pixels);

// Integral of PRO d(FPR) from 0 to fprLimit by trapezoids, the last segment cut by linear interpolation,
// divided by fprLimit.
double aupro(const ProCurve& curve, double fprLimit = 0.3);
// PRO at a given FPR, linearly interpolated between the two curve points around it (the last point with
// FPR <= fpr and the next one).
double proAtFpr(const ProCurve& curve, double fpr);

struct ThresholdStats {
    double threshold = 0;
    double precision = 0;
    double recall = 0;
    double f1 = 0;
};
// Predict defect when score >= threshold.
ThresholdStats statsAtThreshold(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels,
                                double threshold);
// Over all distinct scores, the threshold with the highest F1; ties go to the larger threshold.
ThresholdStats f1OptimalThreshold(const std::vector<double>& scores, const std::vector<std::uint8_t>& labels);

// Nearest-neighbour resize of a mask (DESIGN §2.8: src = min(floor(dst * in / out), in - 1)).
std::vector<std::uint8_t> resizeMaskNearest(const std::vector<std::uint8_t>& mask, int inHeight, int inWidth,
                                            int outHeight, int outWidth);

}  // namespace lwinnn
