#include "model_file.h"

#include <nlohmann/json.hpp>

#include <map>

#include "error.h"
#include "lwinnn_version.h"
#include "safetensors.h"

namespace lwinnn {
namespace {

constexpr const char* kBankKey = "bank";
constexpr const char* kBankNormsKey = "bank_sq_norms";
constexpr const char* kBackbonePrefix = "backbone.";

int toInt(const std::map<std::string, std::string>& meta, const std::string& key,
          const std::filesystem::path& file) {
    const auto it = meta.find(key);
    if (it == meta.end()) throw FormatError(file, "the model header has no '" + key + "'");
    try {
        std::size_t used = 0;
        const int v = std::stoi(it->second, &used);
        if (used != it->second.size()) throw std::invalid_argument(key);
        return v;
    } catch (const std::exception&) {
        throw FormatError(file, "the model header's '" + key + "' is not an integer: '" + it->second + "'");
    }
}

std::string text(const std::map<std::string, std::string>& meta, const std::string& key) {
    const auto it = meta.find(key);
    return it == meta.end() ? std::string() : it->second;
}

}  // namespace

void writeModelFile(const std::filesystem::path& file, const ModelInfo& info, const TensorMap& backbone,
                    const HostTensor& bank, const HostTensor& bankNorms) {
    std::map<std::string, std::string> meta{
        {"format", kModelFormat},
        {"version", std::to_string(kModelVersion)},
        {"image_size_mode", resizeModeName(info.resize)},
        {"input_height", std::to_string(info.input.height)},
        {"input_width", std::to_string(info.input.width)},
        {"grid_height", std::to_string(info.grid.height)},
        {"grid_width", std::to_string(info.grid.width)},
        {"channels", std::to_string(info.channels)},
        {"window", std::to_string(info.window)},
        {"layers", "layer1,layer2,layer3"},
        {"pooling", "avg 3x3 stride 1 padding 0; bilinear resize to layer1 grid"},
        {"normalisation", "mean 0.485,0.456,0.406 std 0.229,0.224,0.225"},
        {"anomaly_map", "bilinear upsample to input, gaussian sigma 4 kernel 33 reflect"},
        {"backbone", info.backbone},
        {"backbone_sha256", info.backboneSha256},
        {"weights_source", info.weightsSource},
        {"train_count", std::to_string(info.trainCount)},
        {"train_files", nlohmann::json(info.trainFiles).dump()},
        {"created", info.created},
        {"created_by", info.createdBy.empty() ? std::string("lwinnn ") + LWINNN_VERSION : info.createdBy},
        {"bank_dtype", info.bankDtype},
        {"bank_layout", "location-major [grid_height*grid_width, train_count, channels]"},
    };
    std::vector<TensorToWrite> tensors;
    for (const auto& [key, t] : backbone)
        tensors.push_back({kBackbonePrefix + key, t.dtype, t.shape, t.data});
    tensors.push_back({kBankNormsKey, bankNorms.dtype, bankNorms.shape, bankNorms.data});
    tensors.push_back({kBankKey, bank.dtype, bank.shape, bank.data});
    writeSafetensors(file, tensors, meta);
}

ModelContents readModelFile(const std::filesystem::path& file) {
    return modelFromSafetensors(file, readSafetensors(file));
}

ModelContents modelFromSafetensors(const std::filesystem::path& file, const SafetensorsFile& st) {
    const auto& meta = st.metadata;
    if (text(meta, "format") != kModelFormat)
        throw FormatError(file, "not a LWinNN model (a safetensors file without format \"lwinnn-model\")");
    const int version = toInt(meta, "version", file);
    if (version > kModelVersion)
        throw FormatError(file, "the model was written by a newer LWinNN (model format " +
                                    std::to_string(version) + "); this build reads format " +
                                    std::to_string(kModelVersion) +
                                    " and older. Update LWinNN Studio to open it.");
    if (version < 1) throw FormatError(file, "invalid model format version " + std::to_string(version));

    ModelContents m;
    ModelInfo& info = m.info;
    info.version = version;
    try {
        info.resize = resizeModeFromName(text(meta, "image_size_mode"));
    } catch (const UsageError&) {
        throw FormatError(file, "unknown image size mode '" + text(meta, "image_size_mode") + "'");
    }
    info.input = {toInt(meta, "input_height", file), toInt(meta, "input_width", file)};
    info.grid = {toInt(meta, "grid_height", file), toInt(meta, "grid_width", file)};
    info.channels = toInt(meta, "channels", file);
    info.window = toInt(meta, "window", file);
    info.trainCount = toInt(meta, "train_count", file);
    info.backbone = text(meta, "backbone");
    info.backboneSha256 = text(meta, "backbone_sha256");
    info.weightsSource = text(meta, "weights_source");
    info.created = text(meta, "created");
    info.createdBy = text(meta, "created_by");
    info.bankDtype = text(meta, "bank_dtype");
    try {
        for (const auto& f : nlohmann::json::parse(text(meta, "train_files")))
            info.trainFiles.push_back(f.get<std::string>());
    } catch (const std::exception&) {
        throw FormatError(file, "the model header's training file list is not valid JSON");
    }
    // The input size is checked before gridSizeFor sees it (whose arithmetic is for image sizes), and the
    // grid must not be empty: a negative grid could still multiply to a positive number of bank locations.
    constexpr int kMaxInputSide = 1 << 20;
    const auto inRange = [](int side) { return side >= 1 && side <= kMaxInputSide; };
    if (!inRange(info.input.height) || !inRange(info.input.width))
        throw FormatError(file, "the model header's input size " + std::to_string(info.input.height) + "x" +
                                    std::to_string(info.input.width) + " is out of range");
    if (info.grid != gridSizeFor(info.input) || info.grid.height < 1 || info.grid.width < 1 ||
        info.channels != kChannels || info.window < 1 || info.trainCount < 1)
        throw FormatError(file, "the model header is inconsistent (input, grid, channels, window or count)");

    if (info.bankDtype != "F32" && info.bankDtype != "F16")
        throw FormatError(file, "the model's bank type '" + info.bankDtype + "' is neither F32 nor F16");
    const auto take = [&](const std::string& key, const std::vector<std::int64_t>& shape,
                          DType dtype = DType::F32) {
        const auto it = st.tensors.find(key);
        if (it == st.tensors.end()) throw FormatError(file, "the model has no tensor '" + key + "'");
        if (it->second.dtype != dtype)
            throw FormatError(file, "the tensor '" + key + "' is not " +
                                        (dtype == DType::F32 ? "float32" : "float16 as the header says"));
        if (it->second.shape != shape)
            throw FormatError(file, "the tensor '" + key + "' has shape " + shapeText(it->second.shape) +
                                        " but the header implies " + shapeText(shape));
        return it->second;
    };
    const std::int64_t locations = static_cast<std::int64_t>(info.grid.height) * info.grid.width;
    m.bank = take(kBankKey, {locations, info.trainCount, info.channels},
                  info.bankDtype == "F16" ? DType::F16 : DType::F32);
    m.bankNorms = take(kBankNormsKey, {locations, info.trainCount});
    const std::string prefix = kBackbonePrefix;
    for (const auto& [key, t] : st.tensors)
        if (key.rfind(prefix, 0) == 0) m.backbone.emplace(key.substr(prefix.size()), t);
    return m;
}

}  // namespace lwinnn
