// The model file (DESIGN §4): one safetensors file with the backbone trunk, the location-major memory bank,
// its squared norms and every parameter needed to score later. Python's `safetensors` can open it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "host_tensor.h"
#include "pipeline.h"
#include "safetensors.h"

namespace lwinnn {

inline constexpr const char* kModelFormat = "lwinnn-model";
inline constexpr int kModelVersion = 1;

struct ModelInfo {
    int version = kModelVersion;
    ResizeMode resize = ResizeMode::KeepAspect;
    Size2D input;  // network input size
    Size2D grid;   // patch grid
    int channels = kChannels;
    int window = kDefaultWindow;
    int trainCount = 0;
    std::string backbone = "resnet18-imagenet1k-v1-trunk";
    std::string backboneSha256;
    std::string weightsSource;
    std::string created;    // ISO 8601, UTC
    std::string createdBy;  // "lwinnn <version>"
    std::string bankDtype = "F32";
    std::vector<std::string> trainFiles;
};

struct ModelContents {
    ModelInfo info;
    TensorMap backbone;    // trunk weights, torchvision names
    HostTensor bank;       // [H*W, N, C] float32, mapped from the file
    HostTensor bankNorms;  // [H*W, N] float32
};

// Writes atomically; the bank's data starts 4096-aligned.
void writeModelFile(const std::filesystem::path& file, const ModelInfo& info, const TensorMap& backbone,
                    const HostTensor& bank, const HostTensor& bankNorms);

// Maps the file and checks it: a LWinNN model, not newer than this build, tensors consistent with the header.
// Throws FormatError naming the file.
ModelContents readModelFile(const std::filesystem::path& file);
// The same checks on a safetensors file already read or parsed; `file` only names it in errors.
ModelContents modelFromSafetensors(const std::filesystem::path& file, const SafetensorsFile& st);

}  // namespace lwinnn
