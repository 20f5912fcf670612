// Data set layouts on disk. The MVTec AD layout: train/good, test/<type>, ground_truth/<type>/<stem>_mask.png.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lwinnn {

struct TestSample {
    std::filesystem::path image;
    std::string defectType;                   // "good" for normal images
    std::optional<std::filesystem::path> mask;  // absent for good images
    bool isDefect() const { return defectType != "good"; }
};

struct Dataset {
    std::filesystem::path root;
    std::string name;  // folder name
    std::vector<std::filesystem::path> train;
    std::vector<TestSample> test;
    std::vector<std::string> defectTypes;  // sorted, without "good"
};

// Reads an MVTec AD category folder. Throws FileError naming the folder when the layout does not match, and
// naming the image when a defect image has no mask.
Dataset readMvtecDataset(const std::filesystem::path& root);

}  // namespace lwinnn
