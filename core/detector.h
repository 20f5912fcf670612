// The detector façade that the CLI and the Studio share: train a memory bank from good images, save and load
// it as a model file, and score images (image score, patch scores, anomaly map) per DESIGN §2.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "image_io.h"
#include "model_file.h"
#include "pipeline.h"
#include "progress.h"
#include "weights.h"

namespace lwinnn {

struct TrainOptions {
    int window = kDefaultWindow;
    // Empty: keep-aspect, or square when the training images differ in size (DESIGN §2.1).
    std::optional<ResizeMode> resize;
    std::string device = "auto";
    // Store the bank in IEEE half precision: half the memory and model size; products are still float32
    // (DESIGN §5). Scores move by about 1e-4 of their range.
    bool halfPrecisionBank = false;
};

struct TrainReport {
    std::vector<SkippedFile> skipped;  // unreadable training images, with the reason
    std::vector<std::string> notes;    // e.g. "the training images differ in size: using square resize"
    double seconds = 0;
};

struct ImageScore {
    std::filesystem::path source;
    double score = 0;            // max patch score (DESIGN §2.6)
    Size2D original;             // the file's size
    FloatArray patchScores;      // [gridH, gridW]
    FloatArray anomalyMap;       // [inputH, inputW] (DESIGN §2.7)
    bool aspectChanged = false;  // the image's aspect differed from the model's and it was resized to fit
};

// Where scoring time goes, summed over calls (seconds).
struct ScoreTimings {
    double preprocess = 0;  // resize and normalise (decoding is the caller's)
    double backbone = 0;    // ResNet18 trunk and embedding
    double search = 0;      // local window search and image scores
    double maps = 0;        // upsampling, blur, copies back
    std::int64_t images = 0;
};

class Detector {
  public:
    // Builds the memory bank from the readable images of `images` (unreadable ones are reported in `report`,
    // not fatal). Throws Error when no image is readable, Cancelled when cancelled.
    static Detector train(const std::vector<std::filesystem::path>& images, const BackboneWeights& weights,
                          const TrainOptions& options = {}, const Progress& progress = {},
                          TrainReport* report = nullptr);
    // Opens a model file (memory-mapped) on `device`.
    static Detector load(const std::filesystem::path& file, const std::string& device = "auto");

    ~Detector();
    Detector(Detector&&) noexcept;
    Detector& operator=(Detector&&) noexcept;

    void save(const std::filesystem::path& file) const;

    const ModelInfo& info() const;
    std::string deviceName() const;
    int window() const;
    void setWindow(int window);  // 1 … kMaxWindow

    // Scores decoded images in batches.
    std::vector<ImageScore> score(const std::vector<RgbImage>& images, const Progress& progress = {},
                                  ScoreTimings* timings = nullptr) const;
    ImageScore score(const RgbImage& image) const;
    // Scores for several windows from one search at the largest (per-offset minima, DESIGN §5): result[k][i]
    // is image i at windows[k], equal to scoring with setWindow(windows[k]).
    std::vector<std::vector<ImageScore>> scoreWindows(const std::vector<RgbImage>& images,
                                                      const std::vector<int>& windows,
                                                      const Progress& progress = {},
                                                      ScoreTimings* timings = nullptr) const;

    static constexpr int kMaxWindow = 63;

  private:
    struct Impl;
    explicit Detector(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace lwinnn
