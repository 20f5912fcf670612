#include "dataset.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <system_error>
#include <tuple>
#include <utility>

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

// The masks in `folder` by the stem of their image, a mask being named <image stem><suffix> (MVTec AD:
// <stem>_mask.png; MVTec 3D-AD: <stem>.png); another image extension is accepted when there is no .png (some
// converted data sets use .bmp or .tif). Empty when the folder does not exist.
std::map<std::string, fs::path> masksByImageStem(const fs::path& folder, const std::string& suffix) {
    std::map<std::string, fs::path> masks;
    if (!isFolder(folder)) return masks;
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

// Test samples of one type; a defect image needs `<stem><maskSuffix>.png` (or another image extension) in
// `maskFolder`.
void appendTestSamples(Dataset& dataset, const std::vector<fs::path>& images, const std::string& type,
                       const fs::path& maskFolder, const std::string& maskSuffix) {
    const bool good = type == "good";
    const auto masks = good ? std::map<std::string, fs::path>{} : masksByImageStem(maskFolder, maskSuffix);
    for (const auto& image : images) {
        TestSample sample{image, type, std::nullopt};
        if (!good) {
            const auto mask = masks.find(image.stem().string());
            if (mask == masks.end())
                throw FileError(
                    image, "defect image has no mask (expected " +
                               (maskFolder / (image.stem().string() + maskSuffix + ".png")).string() + ")");
            sample.mask = mask->second;
        }
        dataset.test.push_back(std::move(sample));
    }
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
    dataset.layout = DatasetLayout::MvtecAd;

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
        const fs::path maskFolder = root / "ground_truth" / type;
        appendTestSamples(dataset, images, type, maskFolder, "_mask");
        if (type != "good") dataset.defectTypes.push_back(type);
    }
    if (dataset.test.empty())
        throw FileError(root, "is not an MVTec AD category: the test folder holds no images");
    return dataset;
}

std::string_view layoutName(DatasetLayout layout) {
    switch (layout) {
        case DatasetLayout::MvtecAd:
            return "mvtec-ad";
        case DatasetLayout::Mvtec3dAd:
            return "mvtec-3d-ad";
        case DatasetLayout::Visa:
            return "visa";
        case DatasetLayout::Folders:
            return "folders";
    }
    return "unknown";
}

namespace {

std::string trimmed(std::string_view text) {
    const auto isSpace = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!text.empty() && isSpace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && isSpace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return std::string(text);
}

std::string lowerTrimmed(std::string_view text) {
    std::string out = trimmed(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

void requireFolder(const fs::path& folder) {
    if (isFolder(folder)) return;
    std::error_code ec;
    throw FileError(folder, fs::exists(folder, ec) ? "is not a folder" : "no such folder");
}

// The images of a folder that must hold some; the error names the folder.
std::vector<fs::path> requireImages(const fs::path& folder) {
    requireFolder(folder);
    auto images = listImages(folder);
    if (images.empty()) throw FileError(folder, "holds no images");
    return images;
}

bool isRegularFile(const fs::path& file) {
    std::error_code ec;
    return fs::is_regular_file(file, ec);
}

// Absolute, normalised, without a trailing separator: so that "a/b/" and "a/./b" compare (and name) alike.
fs::path normalFolder(const fs::path& folder) {
    std::error_code ec;
    fs::path normal = fs::absolute(folder, ec).lexically_normal();
    if (ec) normal = folder.lexically_normal();
    if (!normal.has_filename() && normal.has_relative_path()) normal = normal.parent_path();
    return normal;
}

void sortTest(std::vector<TestSample>& test) {
    std::sort(test.begin(), test.end(), [](const TestSample& a, const TestSample& b) {
        return std::tie(a.defectType, a.image) < std::tie(b.defectType, b.image);
    });
}

void capTrain(Dataset& dataset, std::size_t maxTrainImages) {
    if (maxTrainImages > 0 && dataset.train.size() > maxTrainImages) dataset.train.resize(maxTrainImages);
}

// ---- MVTec 3D-AD ----

Dataset readMvtec3dDataset(const fs::path& root) {
    Dataset dataset;
    dataset.root = root;
    dataset.name = folderName(root);
    dataset.layout = DatasetLayout::Mvtec3dAd;
    // Only the RGB images are read. xyz/ holds the point clouds (a 3-D detector's input, not ours), and
    // validation/ holds further good images meant for tuning; merging them into training would change what
    // "trained on train/good" means against published MVTec 3D-AD numbers, so both are ignored.
    dataset.train = requireImages(root / "train" / "good" / "rgb");

    const fs::path testRoot = root / "test";
    if (!isFolder(testRoot)) throw FileError(root, "is not an MVTec 3D-AD category: no test folder");
    for (const auto& typeFolder : listFolders(testRoot)) {
        const fs::path rgb = typeFolder / "rgb";
        if (!isFolder(rgb)) continue;
        const std::string type = typeFolder.filename().string();
        const fs::path maskFolder = typeFolder / "gt";
        // test/good/gt holds all-black masks in the real data set; good samples carry no mask, as in MVTec
        // AD.
        const auto images = listImages(rgb);
        appendTestSamples(dataset, images, type, maskFolder, "");
        if (type != "good" && !images.empty()) dataset.defectTypes.push_back(type);
    }
    if (dataset.test.empty()) throw FileError(testRoot, "holds no images (expected test/<type>/rgb/*.png)");
    return dataset;
}

// ---- VisA ----

struct CsvRecord {
    std::size_t line = 0;  // where the record starts (1-based)
    std::vector<std::string> fields;
};

// RFC 4180 records: fields separated by commas, optionally in double quotes (which may hold commas, line
// breaks and doubled quotes); LF, CRLF or CR line ends; a UTF-8 byte order mark is skipped; blank lines are
// skipped. Malformed quoting is an error naming the line rather than a guess.
std::vector<CsvRecord> parseCsv(std::string_view text, const fs::path& file) {
    const auto fail = [&file](std::size_t line, const std::string& reason) {
        throw FileError(file, "line " + std::to_string(line) + ": " + reason);
    };

    std::vector<CsvRecord> records;
    std::size_t line = 1;
    CsvRecord record{line, {}};
    std::string field;
    bool inQuotes = false;
    bool afterQuotes = false;  // the current field was quoted and its closing quote is behind us
    const auto endField = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        afterQuotes = false;
    };
    const auto endRecord = [&] {
        endField();
        const bool blank = record.fields.size() == 1 && record.fields.front().empty();
        if (!blank) records.push_back(std::move(record));
        record = CsvRecord{line + 1, {}};
    };

    std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                inQuotes = false;
                afterQuotes = true;
            } else {
                if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
                field += c;
            }
        } else if (c == ',') {
            endField();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            endRecord();
            ++line;
        } else if (afterQuotes) {
            if (c != ' ' && c != '\t') fail(line, "text after the closing quote of a field");
        } else if (c == '"') {
            if (!trimmed(field).empty()) fail(line, "a quote inside an unquoted field");
            field.clear();
            inQuotes = true;
        } else {
            field += c;
        }
    }
    if (inQuotes) fail(record.line, "a quoted field is not closed");
    if (!field.empty() || afterQuotes || !record.fields.empty()) endRecord();
    return records;
}

}  // namespace

std::vector<VisaCsvRow> parseVisaCsv(std::string_view text, const fs::path& csv) {
    const auto fail = [&csv](std::size_t line, const std::string& reason) {
        throw FileError(csv, "line " + std::to_string(line) + ": " + reason);
    };
    const auto records = parseCsv(text, csv);
    if (records.empty()) throw FileError(csv, "is empty (expected the header object,split,label,image,mask)");

    // Columns by header name, so that a CSV with its columns in another order or with extra ones still reads.
    const CsvRecord& header = records.front();
    enum Column { kObject, kSplit, kLabel, kImage, kMask, kColumnCount };
    static const std::array<std::string, kColumnCount> columnNames{"object", "split", "label", "image",
                                                                   "mask"};
    std::array<std::size_t, kColumnCount> column{};
    for (std::size_t c = 0; c < kColumnCount; ++c) {
        const auto found =
            std::find_if(header.fields.begin(), header.fields.end(),
                         [&](const std::string& name) { return lowerTrimmed(name) == columnNames[c]; });
        if (found == header.fields.end())
            fail(header.line, "the header has no \"" + columnNames[c] +
                                  "\" column (expected object,split,label,image,mask)");
        column[c] = static_cast<std::size_t>(found - header.fields.begin());
    }

    std::vector<VisaCsvRow> rows;
    for (auto record = std::next(records.begin()); record != records.end(); ++record) {
        const auto& fields = record->fields;
        if (fields.size() != header.fields.size())
            fail(record->line, std::to_string(fields.size()) + " fields where the header has " +
                                   std::to_string(header.fields.size()));
        VisaCsvRow row;
        row.line = record->line;
        row.object = trimmed(fields[column[kObject]]);
        const std::string split = lowerTrimmed(fields[column[kSplit]]);
        const std::string label = lowerTrimmed(fields[column[kLabel]]);
        row.image = trimmed(fields[column[kImage]]);
        row.mask = trimmed(fields[column[kMask]]);
        if (row.object.empty()) fail(row.line, "no object");
        if (split != "train" && split != "test")
            fail(row.line, "unknown split \"" + fields[column[kSplit]] + "\" (expected train or test)");
        if (label != "normal" && label != "anomaly")
            fail(row.line, "unknown label \"" + fields[column[kLabel]] + "\" (expected normal or anomaly)");
        row.train = split == "train";
        row.anomaly = label == "anomaly";
        if (row.image.empty()) fail(row.line, "no image path");
        if (row.train && row.anomaly)
            fail(row.line, "an anomaly image in the train split (training uses normal images only)");
        if (row.anomaly && row.mask.empty()) fail(row.line, "an anomaly image without a mask path");
        rows.push_back(std::move(row));
    }
    if (rows.empty()) throw FileError(csv, "lists no images");
    return rows;
}

namespace {

Dataset readVisaDataset(const fs::path& root, const DatasetOptions& options) {
    const fs::path csv = root / "split_csv" / "1cls.csv";
    const auto fail = [&csv](std::size_t line, const std::string& reason) {
        throw FileError(csv, "line " + std::to_string(line) + ": " + reason);
    };
    std::ifstream in(csv, std::ios::binary);
    if (!in) throw FileError(csv, "cannot open the file");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw FileError(csv, "cannot read the file");
    const auto rows = parseVisaCsv(text, csv);
    std::set<std::string> objects;
    for (const VisaCsvRow& row : rows) objects.insert(row.object);

    const std::vector<std::string> available(objects.begin(), objects.end());
    std::string category = options.category;
    if (category.empty()) {
        if (available.size() > 1)
            throw UsageError(csv, "lists " + std::to_string(available.size()) +
                                      " objects; choose one as the category: " + joined(available));
        category = available.front();
    } else if (!objects.contains(category)) {
        throw UsageError(csv, "lists no object \"" + category + "\"; the objects are: " + joined(available));
    }

    Dataset dataset;
    dataset.root = root;
    dataset.name = category;
    dataset.layout = DatasetLayout::Visa;
    for (const VisaCsvRow& row : rows) {
        if (row.object != category) continue;
        // Capped before the existence check, so that a short run does not stat thousands of unused files.
        if (row.train && options.maxTrainImages > 0 && dataset.train.size() >= options.maxTrainImages)
            continue;
        const fs::path image = root / fs::path(row.image);
        if (!isRegularFile(image)) fail(row.line, "no such image file " + image.string());
        if (row.train) {
            dataset.train.push_back(image);
            continue;
        }
        TestSample sample{image, row.anomaly ? "anomaly" : "good", std::nullopt};
        if (row.anomaly) {
            const fs::path mask = root / fs::path(row.mask);
            if (!isRegularFile(mask)) fail(row.line, "no such mask file " + mask.string());
            sample.mask = mask;
        }
        dataset.test.push_back(std::move(sample));
    }
    if (dataset.train.empty()) throw FileError(csv, "lists no training images for \"" + category + "\"");
    if (dataset.test.empty()) throw FileError(csv, "lists no test images for \"" + category + "\"");
    if (std::any_of(dataset.test.begin(), dataset.test.end(),
                    [](const TestSample& s) { return s.isDefect(); }))
        dataset.defectTypes = {"anomaly"};
    sortTest(dataset.test);
    return dataset;
}

// ---- plain folders ----

bool holdsGoodImages(const fs::path& testFolder) {
    const std::string name = lowerTrimmed(folderName(testFolder));
    return name == "good" || name == "normal" || name == "ok";
}

// The deepest folder holding all of `folders` (all normalised); empty when they share none but the file
// system root.
fs::path commonFolder(const std::vector<fs::path>& folders) {
    fs::path common = folders.front();
    for (const auto& folder : folders) {
        fs::path prefix;
        auto a = common.begin();
        auto b = folder.begin();
        for (; a != common.end() && b != folder.end() && *a == *b; ++a, ++b) prefix /= *a;
        common = prefix;
    }
    return common.has_relative_path() ? common : fs::path{};
}

std::string whyNotKnown(const fs::path& root) {
    std::string reason =
        "is not a data set in a known layout: expected MVTec AD (train/good, test/<type>), MVTec 3D-AD "
        "(train/good/rgb, test/<type>/rgb, test/<type>/gt) or VisA (split_csv/1cls.csv)";
    // Two common slips: pointing at a VisA object folder, or at the MVTec folder that holds all categories.
    const fs::path normal = normalFolder(root);
    if (normal.has_relative_path() && isRegularFile(normal.parent_path() / "split_csv" / "1cls.csv"))
        return reason + "; its parent folder is a VisA data set (read that, with \"" + folderName(normal) +
               "\" as the category)";
    std::vector<std::string> categories;
    for (const auto& folder : listFolders(root))
        if (isFolder(folder / "train" / "good")) categories.push_back(folder.filename().string());
    if (!categories.empty()) reason += "; it holds categories, read one of them: " + joined(categories);
    return reason;
}

}  // namespace

Dataset readDataset(const fs::path& root, const DatasetOptions& options) {
    requireFolder(root);
    Dataset dataset;
    if (isRegularFile(root / "split_csv" / "1cls.csv")) {
        dataset = readVisaDataset(root, options);
    } else {
        const bool mvtec3d = isFolder(root / "train" / "good" / "rgb");
        if (!mvtec3d && !isFolder(root / "train" / "good")) throw FileError(root, whyNotKnown(root));
        if (!options.category.empty())
            throw UsageError(root, std::string("is an ") + (mvtec3d ? "MVTec 3D-AD" : "MVTec AD") +
                                       " category; a category is chosen only for VisA data sets");
        dataset = mvtec3d ? readMvtec3dDataset(root) : readMvtecDataset(root);
    }
    capTrain(dataset, options.maxTrainImages);
    return dataset;
}

std::vector<DatasetCategory> findCategories(const fs::path& root) {
    requireFolder(root);
    const fs::path csv = root / "split_csv" / "1cls.csv";
    if (isRegularFile(csv)) {
        std::ifstream in(csv, std::ios::binary);
        if (!in) throw FileError(csv, "cannot open the file");
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        std::vector<DatasetCategory> categories;
        std::set<std::string> seen;
        for (const VisaCsvRow& row : parseVisaCsv(text, csv))
            if (seen.insert(row.object).second) categories.push_back({root, row.object, row.object});
        if (categories.empty()) throw FileError(csv, "lists no images");
        return categories;
    }
    const auto isCategory = [](const fs::path& folder) {
        return isFolder(folder / "train" / "good") || isFolder(folder / "train" / "good" / "rgb");
    };
    if (isCategory(root)) return {{root, "", folderName(root)}};
    std::vector<DatasetCategory> categories;
    for (const auto& folder : listFolders(root))
        if (isCategory(folder)) categories.push_back({folder, "", folder.filename().string()});
    if (categories.empty())
        throw FileError(root,
                        "is neither a data set in a known layout nor a folder of data set categories "
                        "(subfolders in the MVTec AD or MVTec 3D-AD layout)");
    return categories;
}

Dataset readFolders(const std::vector<fs::path>& normalTrain, const std::vector<fs::path>& testFolders,
                    const std::optional<fs::path>& maskFolder, const DatasetOptions& options) {
    if (!options.category.empty())
        throw UsageError("a category is chosen only for VisA data sets, not for plain folders");
    if (normalTrain.empty()) throw UsageError("no training folder given (images of normal parts)");
    if (testFolders.empty()) throw UsageError("no test folder given");

    // A folder given twice would test on training images (inflated scores) or list masks as test images.
    std::vector<fs::path> all;
    for (const auto& folder : normalTrain) all.push_back(normalFolder(folder));
    for (const auto& folder : testFolders) all.push_back(normalFolder(folder));
    if (maskFolder) all.push_back(normalFolder(*maskFolder));
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (all[i] == all[j])
                throw UsageError(all[i], "is given more than once as a training, test or mask folder");

    Dataset dataset;
    dataset.layout = DatasetLayout::Folders;
    dataset.hasMasks = maskFolder.has_value();
    dataset.root = commonFolder(all);
    if (dataset.root.empty()) dataset.root = all.front();
    dataset.name = folderName(dataset.root);

    for (const auto& folder : normalTrain) {
        const auto images = requireImages(folder);
        dataset.train.insert(dataset.train.end(), images.begin(), images.end());
    }
    std::sort(dataset.train.begin(), dataset.train.end());
    capTrain(dataset, options.maxTrainImages);

    std::map<std::string, fs::path> withSuffix;
    std::map<std::string, fs::path> byStem;
    if (maskFolder) {
        requireFolder(*maskFolder);
        withSuffix = masksByImageStem(*maskFolder, "_mask");
        byStem = masksByImageStem(*maskFolder, "");
    }
    std::map<std::string, fs::path> defectStems;  // stem -> image, to refuse two defects sharing one mask
    std::set<std::string> types;
    for (const auto& folder : testFolders) {
        const std::string type = holdsGoodImages(folder) ? "good" : folderName(folder);
        for (const auto& image : requireImages(folder)) {
            TestSample sample{image, type, std::nullopt};
            if (sample.isDefect() && maskFolder) {
                const std::string stem = image.stem().string();
                const auto [seen, unique] = defectStems.emplace(stem, image);
                if (!unique)
                    throw FileError(image, "has the same file stem as " + seen->second.string() +
                                               ", so one mask would label both (masks are matched by stem)");
                if (const auto mask = withSuffix.find(stem); mask != withSuffix.end())
                    sample.mask = mask->second;
                else if (const auto plain = byStem.find(stem); plain != byStem.end())
                    sample.mask = plain->second;
                else
                    throw FileError(image, "defect image has no mask (expected " +
                                               (*maskFolder / (stem + ".png")).string() + " or " + stem +
                                               "_mask.png)");
            }
            if (sample.isDefect()) types.insert(type);
            dataset.test.push_back(std::move(sample));
        }
    }
    dataset.defectTypes.assign(types.begin(), types.end());
    sortTest(dataset.test);
    return dataset;
}

}  // namespace lwinnn
