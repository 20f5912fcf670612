// Finding and loading the backbone's ImageNet weights: torchvision's resnet18-f37072fd.pth (PyTorch zip
// checkpoint) or a safetensors file with the same key names.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "host_tensor.h"
#include "progress.h"

namespace lwinnn {

inline constexpr const char* kTorchvisionWeightsFile = "resnet18-f37072fd.pth";
inline constexpr const char* kTorchvisionWeightsUrl =
    "https://download.pytorch.org/models/resnet18-f37072fd.pth";
inline constexpr const char* kTorchvisionWeightsSha256Prefix = "f37072fd";

struct BackboneWeights {
    TensorMap tensors;   // torchvision key names; layer4/fc dropped
    std::string source;  // the file, or "random"
    std::string sha256;  // of the file; for random weights "random-seed-<n>"
    bool random = false;
};

// The tensors of torchvision's ResNet18 trunk (conv1, bn1, layer1–layer3) with their shapes, in a fixed
// order.
struct TrunkTensor {
    std::string key;
    std::vector<std::int64_t> shape;
};
const std::vector<TrunkTensor>& resnet18TrunkTensors();

// Where the application keeps its data ($XDG_DATA_HOME/lwinnn or ~/.local/share/lwinnn).
std::filesystem::path applicationDataDir();

// The places searched, in order, when no file is given: $LWINNN_WEIGHTS, torchvision's cache
// ($TORCH_HOME/hub/checkpoints or ~/.cache/torch/hub/checkpoints), the application data folder.
std::vector<std::filesystem::path> weightsSearchPath();

// `spec`: a file path, "random" (seeded He initialisation, for trying things out only), or empty (search).
// Throws Error with instructions to obtain the weights when nothing is found.
BackboneWeights loadBackboneWeights(const std::string& spec);

// Reads a weights file (zip checkpoint or safetensors, by content) and keeps the trunk's keys.
BackboneWeights readWeightsFile(const std::filesystem::path& file);

// What to tell a user who has no weights.
std::string missingWeightsHelp();

// Downloads torchvision's weights into the application data folder with curl or wget, verifies the SHA-256
// prefix and installs the file atomically. Returns its path. Throws Error (no network, bad checksum, ...).
std::filesystem::path fetchWeights(const Progress& progress = {});

}  // namespace lwinnn
