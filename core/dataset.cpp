#include "dataset.h"

#include <algorithm>
#include <map>
#include <system_error>

#include "error.h"
#include "image_io.h"

namespace lwinnn {

namespace {

namespace fs = std::filesystem;

bool isFolder(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

// Sub-folders of `folder`, sorted by name.
std::vector<fs::path> listFolders(const fs::path& folder) {
    std::error_code ec;
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.is_directory(ec)) folders.push_back(entry.path());
    if (ec) throw FileError(folder, "cannot list the folder: " + ec.message());
    std::sort(folders.begin(), folders.end());
    return folders;
}

// The masks of one defect type by the stem of their image: <stem>_mask.png as MVTec AD names them; another
// image extension is accepted when there is no .png (some converted data sets use .bmp or .tif).
std::map<std::string, fs::path> masksByImageStem(const fs::path& folder) {
    std::map<std::string, fs::path> masks;
    if (!isFolder(folder)) return masks;
    static const std::string suffix = "_mask";
    for (const auto& file : listImages(folder)) {
        const std::string stem = file.stem().string();
        if (stem.size() <= suffix.size() ||
            stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string imageStem = stem.substr(0, stem.size() - suffix.size());
        const auto [it, inserted] = masks.emplace(imageStem, file);
        if (!inserted && file.extension() == ".png") it->second = file;
    }
    return masks;
}

std::string folderName(const fs::path& root) {
    const fs::path normal = root.lexically_normal();
    if (normal.has_filename()) return normal.filename().string();
    return normal.parent_path().filename().string();
}

}  // namespace

Dataset readMvtecDataset(const fs::path& root) {
    if (!isFolder(root)) {
        std::error_code ec;
        throw FileError(root, fs::exists(root, ec) ? "is not a folder" : "no such folder");
    }
    Dataset dataset;
    dataset.root = root;
    dataset.name = folderName(root);

    const fs::path trainGood = root / "train" / "good";
    if (!isFolder(trainGood)) throw FileError(root, "is not an MVTec AD category: no train/good folder");
    dataset.train = listImages(trainGood);
    if (dataset.train.empty())
        throw FileError(root, "is not an MVTec AD category: train/good holds no images");

    const fs::path testRoot = root / "test";
    if (!isFolder(testRoot)) throw FileError(root, "is not an MVTec AD category: no test folder");
    for (const auto& typeFolder : listFolders(testRoot)) {
        const std::string type = typeFolder.filename().string();
        const auto images = listImages(typeFolder);
        if (images.empty()) continue;
        const bool good = type == "good";
        const fs::path maskFolder = root / "ground_truth" / type;
        const auto masks = good ? std::map<std::string, fs::path>{} : masksByImageStem(maskFolder);
        for (const auto& image : images) {
            TestSample sample{image, type, std::nullopt};
            if (!good) {
                const auto mask = masks.find(image.stem().string());
                if (mask == masks.end())
                    throw FileError(image, "defect image has no mask (expected " +
                                               (maskFolder / (image.stem().string() + "_mask.png")).string() +
                                               ")");
                sample.mask = mask->second;
            }
            dataset.test.push_back(std::move(sample));
        }
        if (!good) dataset.defectTypes.push_back(type);
    }
    if (dataset.test.empty())
        throw FileError(root, "is not an MVTec AD category: the test folder holds no images");
    return dataset;
}

}  // namespace lwinnn
