// Data set layouts on disk, read into one list of training images and one of labelled test images:
//  - MVTec AD: train/good, test/<type>, ground_truth/<type>/<stem>_mask.png;
//  - MVTec 3D-AD (RGB only): train/good/rgb, test/<type>/rgb, test/<type>/gt/<stem>.png;
//  - VisA: split_csv/1cls.csv listing object, split, label, image and mask paths (one object at a time);
//  - plain folders: normal training folders, test folders named as their type, an optional mask folder.
// readDataset detects the first three; plain folders have no layout to detect, so readFolders is told the
// roles. Nothing is decoded here: images are only listed (the evaluation decodes them, skipping bad ones).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lwinnn {

enum class DatasetLayout { MvtecAd, Mvtec3dAd, Visa, Folders };

// "mvtec-ad", "mvtec-3d-ad", "visa", "folders".
std::string_view layoutName(DatasetLayout layout);

struct TestSample {
    std::filesystem::path image;
    std::string defectType;                     // "good" for normal images
    std::optional<std::filesystem::path> mask;  // absent for good images (and when the data set has no masks)
    bool isDefect() const { return defectType != "good"; }
};

struct Dataset {
    std::filesystem::path root;
    std::string name;  // folder name (VisA: the object, e.g. "candle")
    std::vector<std::filesystem::path> train;
    std::vector<TestSample> test;          // sorted by defect type, then by image path
    std::vector<std::string> defectTypes;  // sorted, without "good"
    DatasetLayout layout = DatasetLayout::MvtecAd;
    // True when every defect image has a mask. False only for plain folders read without a mask folder: then
    // no test sample has a mask and only image-level metrics mean anything (a missing mask is not "no
    // defect").
    bool hasMasks = true;
};

struct DatasetOptions {
    // VisA: the object to read (the CSV's "object" column). Required when the CSV lists several; the other
    // layouts hold one category, and a category given for them is refused (UsageError) rather than ignored.
    std::string category;
    // At most this many training images, the first ones in the layout's order (CSV order for VisA, sorted by
    // path otherwise); 0 keeps them all.
    std::size_t maxTrainImages = 0;
};

// One image row of a VisA split_csv/1cls.csv, as written (paths relative to the data set root).
struct VisaCsvRow {
    std::size_t line = 0;  // where the record starts (1-based)
    std::string object;
    bool train = false;
    bool anomaly = false;
    std::string image;
    std::string mask;  // may be empty for normal images
};

// Parses the text of a VisA split_csv/1cls.csv: RFC 4180 records, columns found by header name, every row
// checked (object, split, label, image path; an anomaly needs a mask and is never in the train split).
// No file is opened: `csv` only names the file in errors. Throws FileError naming it and the line.
std::vector<VisaCsvRow> parseVisaCsv(std::string_view text, const std::filesystem::path& csv);

// Reads an MVTec AD category folder. Throws FileError naming the folder when the layout does not match, and
// naming the image when a defect image has no mask.
Dataset readMvtecDataset(const std::filesystem::path& root);

// Detects the layout of `root` (VisA when split_csv/1cls.csv exists, MVTec 3D-AD when train/good/rgb does,
// MVTec AD when train/good does) and reads it. Throws FileError naming `root` when it is in none of them,
// naming the folder that holds no images, the image without a mask, or the CSV file and line of a bad VisA
// row; throws UsageError for a VisA category that is missing (several objects) or unknown, with the objects
// available.
Dataset readDataset(const std::filesystem::path& root, const DatasetOptions& options = {});

// One category of a data set root: `root` is read with readDataset(root, {category}).
struct DatasetCategory {
    std::filesystem::path root;
    std::string category;  // the VisA object; empty for the other layouts
    std::string name;      // for tables: the object or the folder name
};

// The categories under `root`, in order: a VisA root gives every object of its CSV (in CSV order); an MVTec
// AD or MVTec 3D-AD root (a folder of category folders) gives each subfolder in one of those layouts, sorted
// by name; a folder that is itself one category gives just itself. Throws FileError naming `root` when it is
// none of these.
std::vector<DatasetCategory> findCategories(const std::filesystem::path& root);

// Plain folders: images of normal parts for training (one or more folders), test folders each named as its
// defect type ("good", "normal" and "ok", in any case, hold good images), and optionally one mask folder
// where the mask of a defect image is <stem>.png or <stem>_mask.png (another image extension when there is no
// .png). With a mask folder every defect image needs a mask, and defect images' stems must be unique across
// test folders (the mask is found by stem alone). Without one the data set has no pixel labels (hasMasks is
// false). Throws FileError naming an empty or missing folder or the defect image without a mask; UsageError
// when no training or test folder is given, when a folder is given twice, or when options.category is set.
Dataset readFolders(const std::vector<std::filesystem::path>& normalTrain,
                    const std::vector<std::filesystem::path>& testFolders,
                    const std::optional<std::filesystem::path>& maskFolder,
                    const DatasetOptions& options = {});

}  // namespace lwinnn
