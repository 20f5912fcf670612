// The built-in demo data set: industrial-looking parts rendered from a seed, in the MVTec AD layout with
// pixel masks, so that the product can be tried (and tested end to end) without downloading anything.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "progress.h"

namespace lwinnn {

struct DemoDataOptions {
    std::uint64_t seed = 7;
    int imageSize = 256;  // 64…1024; the scene scales with it
    int trainGood = 40;   // at least 1
    int testGood = 10;
    int testPerDefect = 8;  // per defect type: scratch, hole, stain
};

// The file generateDemoData writes first into the folder; a folder holding it is a demo data set that may be
// regenerated in place.
inline constexpr const char* kDemoMarkerFile = "LWINNN_DEMO.txt";

// Writes <dir>/train/good, <dir>/test/{good,scratch,hole,stain}, <dir>/ground_truth/<type>/<stem>_mask.png.
// The same seed always gives byte-identical files. Refuses (UsageError) to write into a non-empty folder that
// is not a previous demo data set. Over a previous demo set, its train/, test/, ground_truth/ and marker are
// removed first (other files, such as a model saved there, are left alone). When generation fails or is
// cancelled, what it wrote is removed again.
void generateDemoData(const std::filesystem::path& dir, const DemoDataOptions& options = {},
                      const Progress& progress = {});

// One image of the demo set, rendered on its own: what generateDemoData writes for each file, exposed so that
// tests can see what a defect changes.
enum class DemoDefect { none, scratch, hole, stain };

struct DemoSample {
    int size = 0;
    std::vector<std::uint8_t> rgb;   // size × size × 3, interleaved RGB, row-major
    std::vector<std::uint8_t> mask;  // size × size, 0 or 255; all 0 for DemoDefect::none
};

// Renders the scene drawn from `sampleSeed`. With drawDefect false it is the very same image without the
// defect (same part pose, lighting and sensor noise) and the mask is still the defect's.
DemoSample renderDemoSample(std::uint64_t sampleSeed, int imageSize, DemoDefect defect,
                            bool drawDefect = true);

}  // namespace lwinnn
