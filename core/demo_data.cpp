#include "demo_data.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <exception>
#include <fstream>
#include <string>
#include <system_error>

#include "error.h"

// Determinism: every random number comes from our own xoshiro256** stream and every value from plain IEEE
// arithmetic (+ − × ÷ sqrt floor, our own sin/cos/atan2 polynomials, box blurs with double running sums, and
// OpenCV's integer polygon rasteriser), so one seed gives the same pixels with any standard library or libm.
// The PNG bytes additionally depend on the libpng/zlib that OpenCV was built with.

namespace lwinnn {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------------------
// Random numbers

std::uint64_t splitmix64(std::uint64_t& state) {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b) {
    std::uint64_t state = a ^ (b * 0xD1B54A32D192ED03ULL);
    splitmix64(state);
    return splitmix64(state);
}

// xoshiro256** with our own uniform and normal helpers: std::*_distribution differ between standard
// libraries.
class Random {
  public:
    explicit Random(std::uint64_t seed) {
        for (auto& word : m_state) word = splitmix64(seed);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    float uniformF(float lo, float hi) {
        return lo + (hi - lo) * (static_cast<float>(next() >> 40) * 0x1.0p-24f);
    }
    bool chance(double p) { return uniform() < p; }
    // Irwin–Hall of four uniforms, scaled to unit variance: close enough to a normal for sensor noise, and
    // arithmetic only (Box–Muller needs log and cos, which differ in the last bit between libms).
    float normal() {
        const std::uint64_t a = next();
        const std::uint64_t b = next();
        const auto part = [](std::uint64_t v) { return static_cast<float>(v & 0xFFFFFFFFULL) * 0x1.0p-32f; };
        return (part(a) + part(a >> 32) + part(b) + part(b >> 32) - 2.0f) * 1.7320508f;
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_state{};
};

// ---------------------------------------------------------------------------------------------------------
// Arithmetic-only trigonometry (see the note at the top)

constexpr double kPi = 3.14159265358979323846;

void sinCos(double angle, double& sine, double& cosine) {
    constexpr double kHalfPi = kPi / 2;
    const double turns = std::floor(angle / kHalfPi + 0.5);
    const double x = angle - turns * kHalfPi;  // in [-π/4, π/4]
    const double x2 = x * x;
    const double s =
        x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72 * (1 - x2 / 110 * (1 - x2 / 156))))));
    const double c =
        1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30 * (1 - x2 / 56 * (1 - x2 / 90 * (1 - x2 / 132)))));
    // angle = turns · π/2 + x; two's complement makes the quadrant of negative turns right too
    const auto quadrant = static_cast<std::size_t>(static_cast<long long>(turns) & 3);
    const std::array<std::array<double, 2>, 4> byQuadrant{{{s, c}, {c, -s}, {-s, -c}, {-c, s}}};
    sine = byQuadrant[quadrant][0];
    cosine = byQuadrant[quadrant][1];
}

cv::Point2f unitVector(double angle) {
    double s = 0;
    double c = 0;
    sinCos(angle, s, c);
    return {static_cast<float>(c), static_cast<float>(s)};
}

// atan2 to about 1e-5 rad (a minimax polynomial on [0, 1]).
float atan2Approx(float y, float x) {
    const float ax = std::abs(x);
    const float ay = std::abs(y);
    const float hi = std::max(ax, ay);
    if (hi == 0.0f) return 0.0f;
    const float a = std::min(ax, ay) / hi;
    const float s = a * a;
    float r = ((((0.0208351f * s - 0.085133f) * s + 0.180141f) * s - 0.3302995f) * s + 0.999866f) * a;
    if (ay > ax) r = 1.57079637f - r;
    if (x < 0) r = 3.14159274f - r;
    return y < 0 ? -r : r;
}

float clamp01(float v) { return std::min(1.0f, std::max(0.0f, v)); }
float smoothstep(float e0, float e1, float x) {
    const float t = clamp01((x - e0) / (e1 - e0));
    return t * t * (3 - 2 * t);
}
float lerp(float a, float b, float t) { return a + (b - a) * t; }
cv::Vec3f lerp(const cv::Vec3f& a, const cv::Vec3f& b, float t) { return a + (b - a) * t; }
float luma(const cv::Vec3f& c) { return 0.299f * c[0] + 0.587f * c[1] + 0.114f * c[2]; }

// ---------------------------------------------------------------------------------------------------------
// Noise fields

// Smooth value noise: random values on a grid of cellX × cellY, interpolated with smoothstep weights.
class ValueNoise {
  public:
    ValueNoise(Random& rng, float width, float height, float cellX, float cellY)
        : m_cellX(cellX),
          m_cellY(cellY),
          m_nx(static_cast<int>(width / cellX) + 3),
          m_ny(static_cast<int>(height / cellY) + 3),
          m_values(static_cast<std::size_t>(m_nx) * static_cast<std::size_t>(m_ny)) {
        for (auto& v : m_values) v = rng.uniformF(-1.0f, 1.0f);
    }

    float at(float x, float y) const {
        const float fx = std::max(0.0f, x / m_cellX);
        const float fy = std::max(0.0f, y / m_cellY);
        const int ix = std::min(static_cast<int>(fx), m_nx - 2);
        const int iy = std::min(static_cast<int>(fy), m_ny - 2);
        const float tx = smoothstep(0.0f, 1.0f, fx - static_cast<float>(ix));
        const float ty = smoothstep(0.0f, 1.0f, fy - static_cast<float>(iy));
        const float* row0 = &m_values[static_cast<std::size_t>(iy) * static_cast<std::size_t>(m_nx)];
        const float* row1 = row0 + m_nx;
        return lerp(lerp(row0[ix], row0[ix + 1], tx), lerp(row1[ix], row1[ix + 1], tx), ty);
    }

  private:
    float m_cellX;
    float m_cellY;
    int m_nx;
    int m_ny;
    std::vector<float> m_values;
};

// One pass of a box filter of half-width `radius` along a strided line; edges clamped or wrapped around.
void boxBlurLine(float* line, int n, std::ptrdiff_t stride, int radius, bool wrap,
                 std::vector<float>& padded) {
    if (radius <= 0 || n <= 1) return;
    padded.resize(static_cast<std::size_t>(n + 2 * radius + 1));
    for (int k = -radius; k <= n + radius; ++k) {
        const int i = !wrap ? std::clamp(k, 0, n - 1) : (k >= 0 && k < n) ? k : ((k % n) + n) % n;
        padded[static_cast<std::size_t>(k + radius)] = line[i * stride];
    }
    double sum = 0;
    for (int k = 0; k <= 2 * radius; ++k) sum += padded[static_cast<std::size_t>(k)];
    const double scale = 1.0 / (2 * radius + 1);
    for (int i = 0; i < n; ++i) {
        line[i * stride] = static_cast<float>(sum * scale);
        sum += static_cast<double>(padded[static_cast<std::size_t>(i + 2 * radius + 1)]) -
               static_cast<double>(padded[static_cast<std::size_t>(i)]);
    }
}

// Three box passes per axis: close to a Gaussian of sigma ≈ radius + 0.5, with no libm in the weights.
void blur(cv::Mat1f& image, int radiusX, int radiusY, bool wrapX = false) {
    std::vector<float> copy;
    for (int pass = 0; pass < 3; ++pass) {
        for (int y = 0; y < image.rows; ++y) boxBlurLine(image[y], image.cols, 1, radiusX, wrapX, copy);
        for (int x = 0; x < image.cols; ++x)
            boxBlurLine(&image(0, x), image.rows, image.cols, radiusY, false, copy);
    }
}

// ---------------------------------------------------------------------------------------------------------
// The scene: a turned steel flange (bore with a keyway, six bolt holes) on a conveyor belt

struct Flange {
    float outer, outerChamfer, hub, groove, bore, boreChamfer, keyHalfWidth, keyDepth;
    float boltPitch, boltRadius, boltChamfer;
    float faceInner, faceOuter;  // the plain turned annulus where defects are put
    std::array<cv::Point2f, 6> bolts;

    explicit Flange(float s)
        : outer(100 * s),
          outerChamfer(3.5f * s),
          hub(46 * s),
          groove(2.2f * s),
          bore(27 * s),
          boreChamfer(2.5f * s),
          keyHalfWidth(5 * s),
          keyDepth(6 * s),
          boltPitch(73 * s),
          boltRadius(8.5f * s),
          boltChamfer(2.2f * s),
          faceInner(hub + groove + 2 * s),
          faceOuter(outer - outerChamfer - 2 * s) {
        for (std::size_t k = 0; k < bolts.size(); ++k) {
            bolts[k] = unitVector(kPi / 6 + static_cast<double>(k) * kPi / 3) * boltPitch;
        }
    }

    // Signed distance to the material's outline in part coordinates (negative inside the metal). Exact within
    // `kExactBand` of the outline, which is all that coverage and the soft shadow look at; deeper inside, the
    // holes and the keyway are skipped for speed.
    float distance(float u, float v) const {
        const float r = std::sqrt(u * u + v * v);
        float d = std::max(r - outer, bore - r);
        const float band = kExactBand * outer;
        if (d < -band && r > bore + keyDepth + band && std::abs(r - boltPitch) > boltRadius + band) return d;
        // keyway: a slot cut into the bore, upwards in part coordinates
        const float qx = std::abs(u) - keyHalfWidth;
        const float qy = std::abs(v + bore) - keyDepth;
        const float ox = std::max(qx, 0.0f);
        const float oy = std::max(qy, 0.0f);
        const float key = std::sqrt(ox * ox + oy * oy) + std::min(std::max(qx, qy), 0.0f);
        d = std::max(d, -key);
        for (const auto& b : bolts) {
            const float dx = u - b.x;
            const float dy = v - b.y;
            d = std::max(d, boltRadius - std::sqrt(dx * dx + dy * dy));
        }
        return d;
    }
    // of the outer radius: 12 px at 256, beyond the shadow's softness
    static constexpr float kExactBand = 0.12f;

    // Whether a part point lies on the plain face, at least `margin` from every edge and hole chamfer.
    bool onFace(cv::Point2f p, float margin) const {
        const float r = std::sqrt(p.x * p.x + p.y * p.y);
        if (r < faceInner + margin || r > faceOuter - margin) return false;
        for (const auto& b : bolts) {
            if (cv::norm(p - b) < boltRadius + boltChamfer + margin) return false;
        }
        return true;
    }
};

struct Scene {
    int size = 0;
    float scale = 1;
    cv::Point2f center;  // of the part, in the image
    cv::Point2f axisU;   // the part's u axis in the image (its rotation)
    cv::Point2f light;   // unit vector towards the lamp, in the image plane
    cv::Vec3f steel;     // the part's base colour
    cv::Vec3f belt;      // the conveyor's base colour
    float gain = 1, offset = 0;
    cv::Point2f gradient;  // lighting gradient per image width
    cv::Vec3f whiteBalance;
    float noiseSigma = 0.01f;

    cv::Point2f toImage(cv::Point2f p) const {
        return center + cv::Point2f(axisU.x * p.x - axisU.y * p.y, axisU.y * p.x + axisU.x * p.y);
    }
    cv::Point2f toPart(cv::Point2f q) const {
        const cv::Point2f d = q - center;
        return {axisU.x * d.x + axisU.y * d.y, -axisU.y * d.x + axisU.x * d.y};
    }
};

Scene drawScene(Random& rng, int size) {
    Scene scene;
    scene.size = size;
    scene.scale = static_cast<float>(size) / 256.0f;
    const float half = static_cast<float>(size) / 2;
    scene.center = {half + scene.scale * rng.uniformF(-4, 4), half + scene.scale * rng.uniformF(-4, 4)};
    scene.axisU = unitVector(rng.uniform(-4, 4) * kPi / 180);
    scene.light = unitVector((225 + rng.uniform(-8, 8)) * kPi / 180);  // from the upper left
    const float warm = rng.uniformF(-0.015f, 0.015f);
    scene.steel = cv::Vec3f(0.60f + warm, 0.615f, 0.635f - warm) * rng.uniformF(0.97f, 1.03f);
    scene.belt = cv::Vec3f(0.165f, 0.19f, 0.175f) * rng.uniformF(0.92f, 1.08f);
    scene.gain = rng.uniformF(0.9f, 1.1f);
    scene.offset = rng.uniformF(-0.02f, 0.02f);
    scene.gradient = unitVector(rng.uniform(0, 2 * kPi)) * rng.uniformF(0.0f, 0.1f);
    for (int c = 0; c < 3; ++c) scene.whiteBalance[c] = rng.uniformF(0.985f, 1.015f);
    scene.noiseSigma = rng.uniformF(0.008f, 0.014f);
    return scene;
}

// Concentric turning marks: a polar texture (radius × angle) of noise smeared along the angle, so each
// groove varies slowly around the part, plus the lathe's regular feed marks.
cv::Mat1f turningMarks(Random& rng, const Flange& flange, float scale) {
    const int rows = static_cast<int>(flange.outer) + 3;
    const int cols = 720;
    cv::Mat1f marks(rows, cols);
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) marks(y, x) = rng.uniformF(-1, 1);
    }
    blur(marks, 24, 0, true);
    // per-groove gain and offset: some rings are deeper than others
    const float feedPeriod = std::max(2.5f, 3.0f * scale);  // in pixels of radius; no finer than the pixels
    const double feedPhase = rng.uniform(0, 2 * kPi);
    for (int y = 0; y < rows; ++y) {
        const float ringGain = rng.uniformF(4.0f, 14.0f);
        const float ringOffset = rng.uniformF(-0.5f, 0.5f);
        double s = 0;
        double c = 0;
        sinCos(2 * kPi * y / feedPeriod + feedPhase, s, c);
        for (int x = 0; x < cols; ++x) {
            marks(y, x) = marks(y, x) * ringGain * 0.6f + ringOffset * 0.5f + static_cast<float>(s) * 0.35f;
        }
    }
    return marks;
}

float sampleMarks(const cv::Mat1f& marks, float r, float angle) {
    const float fy = std::min(r, static_cast<float>(marks.rows) - 1.001f);
    float fx = (angle / static_cast<float>(2 * kPi) + 0.5f) * static_cast<float>(marks.cols);
    const int iy = static_cast<int>(fy);
    int ix = static_cast<int>(std::floor(fx));
    const float ty = fy - static_cast<float>(iy);
    const float tx = fx - static_cast<float>(ix);
    ix = ((ix % marks.cols) + marks.cols) % marks.cols;
    const int ix1 = (ix + 1) % marks.cols;
    return lerp(lerp(marks(iy, ix), marks(iy, ix1), tx), lerp(marks(iy + 1, ix), marks(iy + 1, ix1), tx), ty);
}

// Shading of a 45° chamfer whose outward normal (in the image plane) is `normal`.
float chamferShade(cv::Point2f normal, cv::Point2f light) { return 0.55f + 0.55f * normal.dot(light); }

// Radiance before lighting and sensor: the belt, the part's soft shadow, the flange.
cv::Mat3f renderRadiance(Random& rng, const Scene& scene, const Flange& flange) {
    const int n = scene.size;
    const float s = scene.scale;
    const auto fn = static_cast<float>(n);

    // conveyor belt: a fine woven texture, mottling, streaks along the running direction
    const ValueNoise mottle(rng, fn, fn, 22 * s, 22 * s);
    const ValueNoise streaks(rng, fn, fn, 70 * s, 2.5f * s);
    const ValueNoise grain(rng, fn, fn, 1.6f * s, 1.6f * s);
    const float weavePeriod = 4.0f * s;
    const float weaveX = rng.uniformF(0, weavePeriod);
    const float weaveY = rng.uniformF(0, weavePeriod);

    const cv::Mat1f marks = turningMarks(rng, flange, s);
    const ValueNoise metalGrain(rng, fn, fn, 1.2f * s, 1.2f * s);
    const ValueNoise metalBlotch(rng, fn, fn, 30 * s, 30 * s);

    const cv::Point2f shadowOffset(5.5f * s, 6.5f * s);
    const float shadowSoftness = 7 * s;
    const cv::Point2f contactOffset(1.2f * s, 1.6f * s);
    const float contactSoftness = 2 * s;

    const auto beltAt = [&](cv::Point2f q) {
        const auto tri = [&](float t) {
            return std::abs(t / weavePeriod - std::floor(t / weavePeriod) - 0.5f);
        };
        const float weave = (tri(q.x + weaveX) + tri(q.y + weaveY)) * 2 - 1;  // -1..1
        float level = 1 + 0.07f * weave + 0.10f * mottle.at(q.x, q.y) + 0.08f * streaks.at(q.x, q.y) +
                      0.06f * grain.at(q.x, q.y);
        // the part's soft shadow and, right at its edge, the darker contact shadow
        const cv::Point2f ps = scene.toPart(q - shadowOffset);
        const cv::Point2f pc = scene.toPart(q - contactOffset);
        const float shadow = smoothstep(shadowSoftness, -shadowSoftness, flange.distance(ps.x, ps.y));
        const float contact = smoothstep(contactSoftness, -contactSoftness, flange.distance(pc.x, pc.y));
        level *= (1 - 0.55f * shadow) * (1 - 0.35f * contact);
        return cv::Vec3f(scene.belt * level);
    };

    cv::Mat3f radiance(n, n);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            const cv::Point2f q(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);

            const cv::Point2f p = scene.toPart(q);
            const float d = flange.distance(p.x, p.y);
            const float coverage = clamp01(0.5f - d);
            const cv::Vec3f beltColour = coverage < 1 ? beltAt(q) : cv::Vec3f();
            if (coverage <= 0) {
                radiance(y, x) = beltColour;
                continue;
            }

            // the flange
            const float r = std::sqrt(p.x * p.x + p.y * p.y);
            const cv::Point2f radial = r > 0 ? (q - scene.center) * (1 / r) : cv::Point2f(1, 0);
            const float towardsLight = radial.dot(scene.light);
            const float angle = atan2Approx(p.y, p.x);
            const float texture = sampleMarks(marks, r, angle);

            // turned faces reflect the lamp along the diameter that points at it (the "bow tie")
            const float c2 = towardsLight * towardsLight;
            const float bowTie = c2 * c2;
            const float grain = 0.02f * metalGrain.at(q.x, q.y);
            const float face = (0.70f + 0.42f * bowTie + 0.06f * towardsLight) * (1 + 0.045f * texture) +
                               grain + 0.03f * metalBlotch.at(q.x, q.y);
            const float hubFace = (0.86f + 0.22f * bowTie) * (1 + 0.02f * texture) + grain;

            // zones from the bore outwards, blended over a pixel so inner edges are antialiased too
            float level = hubFace;
            // groove between hub and face: a dark cut with a bright outer lip
            const float grooveIn = clamp01(r - (flange.hub - flange.groove / 2) + 0.5f);
            const float grooveOut = clamp01(r - (flange.hub + flange.groove / 2) + 0.5f);
            level = lerp(level, 0.30f + 0.25f * std::max(0.0f, -towardsLight), grooveIn);
            level = lerp(level, face, grooveOut);
            const float lip =
                std::max(0.0f, 1 - std::abs(r - (flange.hub + flange.groove / 2 + 0.6f * s)) / (0.9f * s));
            level += 0.25f * lip * std::max(0.0f, towardsLight + 0.3f);
            // outer chamfer
            level = lerp(level, chamferShade(radial, scene.light),
                         clamp01(r - (flange.outer - flange.outerChamfer) + 0.5f));
            // bore chamfer
            level = lerp(level, chamferShade(-radial, scene.light),
                         clamp01((flange.bore + flange.boreChamfer) - r + 0.5f));
            // bolt hole chamfers
            if (std::abs(r - flange.boltPitch) < flange.boltRadius + flange.boltChamfer + 1) {
                for (const auto& b : flange.bolts) {
                    const cv::Point2f dp = p - b;
                    const float db = std::sqrt(dp.x * dp.x + dp.y * dp.y);
                    const float w = clamp01(flange.boltRadius + flange.boltChamfer - db + 0.5f);
                    if (w <= 0) continue;
                    const cv::Point2f inward = scene.toImage(b) - q;
                    const float len = std::max(1e-3f, std::sqrt(inward.dot(inward)));
                    level = lerp(level, chamferShade(inward * (1 / len), scene.light), w);
                }
            }
            const cv::Vec3f metal = scene.steel * level;
            radiance(y, x) = lerp(beltColour, metal, coverage);
        }
    }
    return radiance;
}

// ---------------------------------------------------------------------------------------------------------
// Defects: each draws into a copy of the radiance and marks its shape

struct DefectResult {
    cv::Mat3f radiance;
    cv::Mat1b shape;  // the defect's outline, drawn (the mask adds every pixel that visibly changed)
};

constexpr int kShift = 4;  // sub-pixel bits for OpenCV's rasteriser
cv::Point fixedPoint(cv::Point2f p) {
    return {static_cast<int>(std::floor(p.x * (1 << kShift) + 0.5f)),
            static_cast<int>(std::floor(p.y * (1 << kShift) + 0.5f))};
}

cv::Point2f pickFacePoint(Random& rng, const Flange& flange, float margin) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const double r0 = flange.faceInner + margin;
        const double r1 = flange.faceOuter - margin;
        const double r = std::sqrt(rng.uniform(r0 * r0, r1 * r1));  // uniform over the annulus' area
        const cv::Point2f p = unitVector(rng.uniform(0, 2 * kPi)) * static_cast<float>(r);
        if (flange.onFace(p, margin)) return p;
    }
    // between two bolt holes, half-way across the face: always free for the defects' sizes
    return unitVector(0) * ((flange.faceInner + flange.faceOuter) / 2);
}

// A thin bright or dark scratch: a gently curving polyline, 1–2 px wide, 15–60 px long.
DefectResult drawScratch(Random& rng, const Scene& scene, const Flange& flange, const cv::Mat3f& radiance) {
    const float s = scene.scale;
    const float length = rng.uniformF(15, 60) * s;
    const int width = std::max(1, static_cast<int>(std::lround(rng.uniform(1, 2) * s)));
    const float step = 2.5f * s;
    std::vector<cv::Point2f> points;
    for (int attempt = 0; attempt < 200 && points.empty(); ++attempt) {
        cv::Point2f p = pickFacePoint(rng, flange, 2 * s);
        double heading = rng.uniform(0, 2 * kPi);
        double bend = rng.uniform(-0.025, 0.025) / s;
        const int segments = std::max(2, static_cast<int>(length / step + 0.5f));
        std::vector<cv::Point2f> trial{p};
        bool fits = true;
        for (int i = 0; i < segments && fits; ++i) {
            p += unitVector(heading) * step;
            heading += bend * step + rng.uniform(-0.06, 0.06);
            bend += rng.uniform(-0.01, 0.01) / s;
            fits = flange.onFace(p, 2 * s);
            trial.push_back(p);
        }
        if (fits) points = std::move(trial);
    }
    if (points.empty()) {  // a short arc at the safe spot pickFacePoint falls back to
        const float r = (flange.faceInner + flange.faceOuter) / 2;
        for (int i = 0; i <= 6; ++i) points.push_back(unitVector(-0.1 + 0.2 * i / 6) * r);
    }

    cv::Mat1b layer = cv::Mat1b::zeros(scene.size, scene.size);
    cv::Mat1b shape = cv::Mat1b::zeros(scene.size, scene.size);
    std::vector<cv::Point> pixels;
    for (const auto& p : points) pixels.push_back(fixedPoint(scene.toImage(p)));
    // intensity wanders along the scratch, as the tool's pressure did
    double intensity = rng.uniform(0.7, 1.0);
    for (std::size_t i = 0; i + 1 < pixels.size(); ++i) {
        const double taper = (i == 0 || i + 2 == pixels.size()) ? 0.6 : 1.0;
        cv::line(layer, pixels[i], pixels[i + 1], cv::Scalar(255 * intensity * taper), width, cv::LINE_AA,
                 kShift);
        intensity = std::clamp(intensity + rng.uniform(-0.15, 0.15), 0.55, 1.0);
    }
    cv::polylines(shape, pixels, false, cv::Scalar(255), width, cv::LINE_8, kShift);

    const bool bright = rng.chance(0.6);
    const float amount = bright ? rng.uniformF(0.55f, 0.8f) : rng.uniformF(0.5f, 0.7f);
    DefectResult result{radiance.clone(), shape};
    for (int y = 0; y < scene.size; ++y) {
        for (int x = 0; x < scene.size; ++x) {
            const float a = layer(y, x) * (amount / 255.0f);
            if (a <= 0) continue;
            cv::Vec3f& v = result.radiance(y, x);
            v = bright ? lerp(v, cv::Vec3f(0.97f, 0.97f, 0.96f), a) : v * (1 - a);
        }
    }
    return result;
}

// An irregular closed outline: radius factors around a circle from a few random low harmonics.
std::vector<float> blobFactors(Random& rng, int vertices, float roughness) {
    std::array<float, 6> amplitude{};
    std::array<double, 6> phase{};
    for (std::size_t k = 2; k < amplitude.size(); ++k) {
        amplitude[k] = rng.uniformF(0, roughness / static_cast<float>(k - 1));
        phase[k] = rng.uniform(0, 2 * kPi);
    }
    std::vector<float> factors;
    for (int i = 0; i < vertices; ++i) {
        const double angle = 2 * kPi * i / vertices;
        float factor = 1;
        for (std::size_t k = 2; k < amplitude.size(); ++k) {
            double sn = 0;
            double cs = 0;
            sinCos(static_cast<double>(k) * angle + phase[k], sn, cs);
            factor += amplitude[k] * static_cast<float>(cs);
        }
        factors.push_back(factor);
    }
    return factors;
}

// The outline in image fixed-point coordinates: centre + (radius · factor + grow) in each direction.
std::vector<cv::Point> outline(const Scene& scene, cv::Point2f centre, float radius,
                               const std::vector<float>& factors, float grow = 0) {
    std::vector<cv::Point> points;
    const auto n = static_cast<double>(factors.size());
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const cv::Point2f p =
            centre + unitVector(2 * kPi * static_cast<double>(i) / n) * (radius * factors[i] + grow);
        points.push_back(fixedPoint(scene.toImage(p)));
    }
    return points;
}

// A small pit: dark inside, lit on the wall away from the lamp, with a raised rim that catches the light.
DefectResult drawHole(Random& rng, const Scene& scene, const Flange& flange, const cv::Mat3f& radiance) {
    const float s = scene.scale;
    const float radius = rng.uniformF(3, 7) * s;
    const cv::Point2f centrePart = pickFacePoint(rng, flange, radius * 1.6f + 2 * s);
    const cv::Point2f centre = scene.toImage(centrePart);
    const float rimWidth = std::max(1.2f, 0.45f * radius);

    cv::Mat1b pit = cv::Mat1b::zeros(scene.size, scene.size);
    cv::Mat1b rim = cv::Mat1b::zeros(scene.size, scene.size);
    const auto factors = blobFactors(rng, 24, 0.18f);
    const auto pitOutline = outline(scene, centrePart, radius, factors);
    const auto rimOutline = outline(scene, centrePart, radius, factors, rimWidth);
    cv::fillPoly(pit, std::vector<std::vector<cv::Point>>{pitOutline}, cv::Scalar(255), cv::LINE_AA, kShift);
    cv::fillPoly(rim, std::vector<std::vector<cv::Point>>{rimOutline}, cv::Scalar(255), cv::LINE_AA, kShift);

    const float depthShade = rng.uniformF(0.08f, 0.16f);
    DefectResult result{radiance.clone(), cv::Mat1b::zeros(scene.size, scene.size)};
    cv::fillPoly(result.shape, std::vector<std::vector<cv::Point>>{rimOutline}, cv::Scalar(255), cv::LINE_8,
                 kShift);
    for (int y = 0; y < scene.size; ++y) {
        for (int x = 0; x < scene.size; ++x) {
            const float rimA = rim(y, x) / 255.0f;
            if (rimA <= 0) continue;
            const float pitA = pit(y, x) / 255.0f;
            const cv::Point2f d =
                cv::Point2f(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f) - centre;
            const float dist = std::sqrt(d.dot(d));
            const cv::Point2f dir = dist > 0 ? d * (1 / dist) : cv::Point2f(0, 0);
            const float facing = dir.dot(scene.light);
            cv::Vec3f& v = result.radiance(y, x);
            const float t = std::min(1.0f, dist / radius);
            const float wall = smoothstep(0.45f, 1.0f, t) * std::max(0.0f, -facing);
            const cv::Vec3f inside = v * depthShade + scene.steel * (0.7f * wall);
            const cv::Vec3f rimColour =
                v * (1 - 0.45f * std::max(0.0f, -facing)) +
                (cv::Vec3f(0.95f, 0.95f, 0.95f) - v) * (0.55f * std::max(0.0f, facing));
            v = lerp(v, rimColour, rimA);
            v = lerp(v, inside, pitA);
        }
    }
    return result;
}

// An irregular, blurred discolouration: rust (orange-brown) or oil (dark, yellowish), with a darker edge
// where the liquid dried.
DefectResult drawStain(Random& rng, const Scene& scene, const Flange& flange, const cv::Mat3f& radiance) {
    const float s = scene.scale;
    const float radius = rng.uniformF(4, 10) * s;
    const cv::Point2f centrePart = pickFacePoint(rng, flange, radius * 1.5f + 3 * s);
    const cv::Point2f centre = scene.toImage(centrePart);

    const int margin = static_cast<int>(radius * 2.5f + 8 * s);
    const cv::Rect box = cv::Rect(static_cast<int>(centre.x) - margin, static_cast<int>(centre.y) - margin,
                                  2 * margin + 1, 2 * margin + 1) &
                         cv::Rect(0, 0, scene.size, scene.size);
    cv::Mat1b blob = cv::Mat1b::zeros(scene.size, scene.size);
    std::vector<std::vector<cv::Point>> polygons{
        outline(scene, centrePart, radius, blobFactors(rng, 32, 0.35f))};
    const int satellites = static_cast<int>(rng.uniform(0, 3));
    for (int i = 0; i < satellites; ++i) {
        const cv::Point2f offset = unitVector(rng.uniform(0, 2 * kPi)) * (radius * rng.uniformF(0.7f, 1.1f));
        const float satelliteRadius = radius * rng.uniformF(0.25f, 0.45f);
        polygons.push_back(outline(scene, centrePart + offset, satelliteRadius, blobFactors(rng, 16, 0.2f)));
    }
    cv::fillPoly(blob, polygons, cv::Scalar(255), cv::LINE_AA, kShift);

    cv::Mat1f alpha;
    blob(box).convertTo(alpha, CV_32F, 1.0 / 255);
    const int blurRadius = std::max(1, static_cast<int>(radius * 0.22f + 0.5f));
    blur(alpha, blurRadius, blurRadius);

    const bool rust = rng.chance(0.5);
    const float strength = rng.uniformF(0.55f, 0.8f);
    const ValueNoise patchiness(rng, static_cast<float>(box.width), static_cast<float>(box.height),
                                std::max(2.0f, radius / 2), std::max(2.0f, radius / 2));
    const cv::Vec3f rustColour(0.58f, 0.30f, 0.12f);
    const cv::Vec3f oilFilter(0.40f, 0.36f, 0.24f);

    DefectResult result{radiance.clone(), cv::Mat1b::zeros(scene.size, scene.size)};
    cv::fillPoly(result.shape, polygons, cv::Scalar(255), cv::LINE_8, kShift);
    for (int y = 0; y < box.height; ++y) {
        for (int x = 0; x < box.width; ++x) {
            const float a0 = alpha(y, x);
            if (a0 <= 0) continue;
            const float ring = 4 * a0 * (1 - a0);  // peaks at the blurred edge
            const float patch = 0.7f + 0.3f * patchiness.at(static_cast<float>(x), static_cast<float>(y));
            // only the metal takes the stain, not the belt seen through a bolt hole
            const cv::Point2f p =
                scene.toPart({static_cast<float>(box.x + x) + 0.5f, static_cast<float>(box.y + y) + 0.5f});
            const float metal = clamp01(0.5f - flange.distance(p.x, p.y));
            const float a = metal * clamp01(strength * (a0 * patch + 0.35f * ring));
            cv::Vec3f& v = result.radiance(box.y + y, box.x + x);
            if (rust) {
                v = lerp(v, rustColour * (0.6f + 0.6f * luma(v)), a);
            } else {
                const cv::Vec3f filtered(v[0] * oilFilter[0], v[1] * oilFilter[1], v[2] * oilFilter[2]);
                v = lerp(v, filtered, a);
            }
        }
    }
    return result;
}

// ---------------------------------------------------------------------------------------------------------
// Camera: gain, offset, a lighting gradient, vignetting, white balance, sensor noise, 8-bit quantisation

std::vector<std::uint8_t> expose(const cv::Mat3f& radiance, const Scene& scene, Random& rng) {
    const int n = scene.size;
    const float half = static_cast<float>(n) / 2;
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(n) * static_cast<std::size_t>(n) * 3);
    std::size_t i = 0;
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            const float dx = (static_cast<float>(x) + 0.5f - half) / static_cast<float>(n);
            const float dy = (static_cast<float>(y) + 0.5f - half) / static_cast<float>(n);
            const float light = scene.gain * (1 + scene.gradient.x * dx + scene.gradient.y * dy) *
                                (1 - 0.25f * (dx * dx + dy * dy));
            const cv::Vec3f& v = radiance(y, x);
            for (int c = 0; c < 3; ++c) {
                const float value =
                    v[c] * light * scene.whiteBalance[c] + scene.offset + scene.noiseSigma * rng.normal();
                rgb[i++] = static_cast<std::uint8_t>(std::floor(clamp01(value) * 255.0f + 0.5f));
            }
        }
    }
    return rgb;
}

// The mask: the drawn shape and every pixel whose radiance the defect changed visibly (> ~7 grey levels).
std::vector<std::uint8_t> defectMask(const cv::Mat3f& before, const DefectResult& defect) {
    constexpr float kVisible = 0.028f;
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(before.total()));
    std::size_t i = 0;
    for (int y = 0; y < before.rows; ++y) {
        for (int x = 0; x < before.cols; ++x, ++i) {
            const cv::Vec3f d = defect.radiance(y, x) - before(y, x);
            const float change = std::max({std::abs(d[0]), std::abs(d[1]), std::abs(d[2])});
            mask[i] = (defect.shape(y, x) > 0 || change > kVisible) ? 255 : 0;
        }
    }
    return mask;
}

// ---------------------------------------------------------------------------------------------------------
// Files

struct Folder {
    const char* type;  // good, scratch, hole, stain
    DemoDefect defect;
    bool train;
    int count;
};

const char* kSignature = "LWinNN Studio demo data set";

bool isDemoDataSet(const fs::path& dir) {
    std::ifstream in(dir / kDemoMarkerFile);
    std::string first;
    return in && std::getline(in, first) && first == kSignature;
}

void writeBytes(const fs::path& file, const void* data, std::size_t size) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (out) out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (out) out.close();
    if (!out) {
        const int error = errno;
        throw FileError(file,
                        std::string("could not write: ") + (error ? std::strerror(error) : "I/O error"));
    }
}

void writePng(const fs::path& file, const cv::Mat& image) {
    std::vector<std::uint8_t> png;
    bool encoded = false;
    try {
        encoded = cv::imencode(".png", image, png);
    } catch (const cv::Exception& e) {
        throw FileError(file, std::string("could not encode the PNG: ") + e.what());
    }
    if (!encoded) throw FileError(file, "could not encode the PNG");
    writeBytes(file, png.data(), png.size());
}

void createFolder(const fs::path& folder) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw FileError(folder, "could not create the folder: " + ec.message());
}

// The entries a demo data set consists of; only these are removed when one is regenerated or abandoned.
const std::array<const char*, 4> kDataSetEntries{"train", "test", "ground_truth", kDemoMarkerFile};

void removeDataSetEntries(const fs::path& dir) {
    for (const char* entry : kDataSetEntries) {
        std::error_code ec;
        fs::remove_all(dir / entry, ec);
        if (ec) throw FileError(dir / entry, "could not remove the previous demo data: " + ec.message());
    }
}

void checkImageSize(int imageSize) {
    if (imageSize < 64 || imageSize > 1024) {
        throw UsageError("demo image size " + std::to_string(imageSize) + " is out of range (64…1024)");
    }
}

std::string stem(int index, int count) {
    std::string digits = std::to_string(index);
    const std::size_t width = std::max<std::size_t>(3, std::to_string(std::max(0, count - 1)).size());
    return std::string(width - std::min(width, digits.size()), '0') + digits;
}

}  // namespace

DemoSample renderDemoSample(std::uint64_t sampleSeed, int imageSize, DemoDefect defect, bool drawDefect) {
    checkImageSize(imageSize);
    Random sceneRng(mixSeed(sampleSeed, 1));
    Random defectRng(mixSeed(sampleSeed, 2));
    Random sensorRng(mixSeed(sampleSeed, 3));

    const Scene scene = drawScene(sceneRng, imageSize);
    const Flange flange(scene.scale);
    cv::Mat3f radiance = renderRadiance(sceneRng, scene, flange);

    DemoSample sample;
    sample.size = imageSize;
    sample.mask.assign(static_cast<std::size_t>(imageSize) * static_cast<std::size_t>(imageSize), 0);
    if (defect != DemoDefect::none) {
        DefectResult result = defect == DemoDefect::scratch ? drawScratch(defectRng, scene, flange, radiance)
                              : defect == DemoDefect::hole  ? drawHole(defectRng, scene, flange, radiance)
                                                            : drawStain(defectRng, scene, flange, radiance);
        sample.mask = defectMask(radiance, result);
        if (drawDefect) radiance = result.radiance;
    }
    sample.rgb = expose(radiance, scene, sensorRng);
    return sample;
}

void generateDemoData(const fs::path& dir, const DemoDataOptions& options, const Progress& progress) {
    checkImageSize(options.imageSize);
    if (options.trainGood < 1 || options.testGood < 0 || options.testPerDefect < 0 ||
        options.trainGood > 100000 || options.testGood > 100000 || options.testPerDefect > 100000) {
        throw UsageError("demo image counts must be 1…100000 training and 0…100000 test images per type");
    }

    std::error_code ec;
    const bool exists = fs::exists(dir, ec);
    if (ec) throw FileError(dir, "could not inspect the folder: " + ec.message());
    if (exists) {
        if (!fs::is_directory(dir, ec)) throw UsageError(dir, "is not a folder");
        const bool empty = fs::is_empty(dir, ec);
        if (ec) throw FileError(dir, "could not list the folder: " + ec.message());
        if (!empty) {
            if (!isDemoDataSet(dir)) {
                throw UsageError(
                    dir, std::string("the folder is not empty and is not a previous demo data set (no ") +
                             kDemoMarkerFile + "); choose an empty or new folder");
            }
            removeDataSetEntries(dir);
        }
    }
    createFolder(dir);

    const std::array<Folder, 5> folders{{{"good", DemoDefect::none, true, options.trainGood},
                                         {"good", DemoDefect::none, false, options.testGood},
                                         {"scratch", DemoDefect::scratch, false, options.testPerDefect},
                                         {"hole", DemoDefect::hole, false, options.testPerDefect},
                                         {"stain", DemoDefect::stain, false, options.testPerDefect}}};
    std::size_t total = 0;
    for (const auto& folder : folders) total += static_cast<std::size_t>(folder.count);

    try {
        // The marker goes first, so that a run that is interrupted by a crash can still be regenerated over.
        std::string marker = std::string(kSignature) + "\n";
        marker +=
            "Rendered by LWinNN Studio; regenerating the demo data set replaces this folder's train/, test/ "
            "and ground_truth/.\n";
        marker += "seed: " + std::to_string(options.seed) + "\n";
        marker += "image size: " + std::to_string(options.imageSize) + "\n";
        for (const auto& folder : folders) {
            marker += std::string(folder.train ? "train/" : "test/") + folder.type + ": " +
                      std::to_string(folder.count) + "\n";
        }
        writeBytes(dir / kDemoMarkerFile, marker.data(), marker.size());

        struct Job {
            std::size_t folder;
            int index;
        };
        std::vector<Job> jobs;
        for (std::size_t f = 0; f < folders.size(); ++f) {
            if (folders[f].count == 0) continue;
            createFolder(dir / (folders[f].train ? "train" : "test") / folders[f].type);
            if (folders[f].defect != DemoDefect::none) createFolder(dir / "ground_truth" / folders[f].type);
            for (int i = 0; i < folders[f].count; ++i) jobs.push_back({f, i});
        }

        // Images are rendered a batch at a time on OpenCV's thread pool (each has its own seed, so the order
        // does not matter) and written in order from this thread.
        constexpr std::size_t kBatch = 16;
        std::size_t done = 0;
        progress(done, total, "rendering demo images");
        for (std::size_t first = 0; first < jobs.size(); first += kBatch) {
            progress.check();
            const std::size_t count = std::min(kBatch, jobs.size() - first);
            std::vector<DemoSample> samples(count);
            std::vector<std::exception_ptr> failures(count);
            cv::parallel_for_(cv::Range(0, static_cast<int>(count)), [&](const cv::Range& range) {
                for (int k = range.start; k < range.end; ++k) {
                    const auto slot = static_cast<std::size_t>(k);
                    const Job& job = jobs[first + slot];
                    try {
                        const std::uint64_t sampleSeed = mixSeed(mixSeed(options.seed, job.folder + 1),
                                                                 static_cast<std::uint64_t>(job.index));
                        samples[slot] =
                            renderDemoSample(sampleSeed, options.imageSize, folders[job.folder].defect);
                    } catch (...) {
                        failures[slot] = std::current_exception();
                    }
                }
            });
            for (std::size_t k = 0; k < count; ++k) {
                if (failures[k]) std::rethrow_exception(failures[k]);
                progress.check();
                const Folder& folder = folders[jobs[first + k].folder];
                const std::string name = stem(jobs[first + k].index, folder.count);
                DemoSample& sample = samples[k];
                const cv::Mat rgb(sample.size, sample.size, CV_8UC3, sample.rgb.data());
                cv::Mat bgr;
                cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
                writePng(dir / (folder.train ? "train" : "test") / folder.type / (name + ".png"), bgr);
                if (folder.defect != DemoDefect::none) {
                    const cv::Mat mask(sample.size, sample.size, CV_8UC1, sample.mask.data());
                    writePng(dir / "ground_truth" / folder.type / (name + "_mask.png"), mask);
                }
                progress(++done, total, "rendering demo images");
            }
        }
    } catch (...) {
        // Nothing half-way: what this run wrote goes again (the folder itself stays). The first failure is
        // the one to report; one while cleaning up after it would only hide it.
        try {
            removeDataSetEntries(dir);
        } catch (const Error&) {
        }
        throw;
    }
}

}  // namespace lwinnn
