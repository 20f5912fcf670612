// Exporting a model file for serving without this application: one self-contained TorchScript module
// (backbone, memory bank, window search, anomaly maps) and a Triton Inference Server model repository around
// it. The module takes images preprocessed as DESIGN §2.1 (and `preprocess` in pipeline.h) and returns the
// image scores and anomaly maps of DESIGN §2.5–2.7. LibTorch stays in the .cpp.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "progress.h"

namespace lwinnn {

// Written as the module's `format_version` attribute and in its metadata; raised when the module's interface
// (inputs, outputs, attributes) changes.
inline constexpr int kExportFormatVersion = 1;
// The module's metadata: a JSON file inside the TorchScript archive (`extra/lwinnn_export.json`), readable
// with `torch.jit.load(path, _extra_files={"lwinnn_export.json": ""})` or LibTorch's ExtraFilesMap.
inline constexpr const char* kExportMetadataFile = "lwinnn_export.json";

enum class ExportFormat { TorchScript, Triton };

struct ExportFormatInfo {
    ExportFormat format;
    std::string name;         // as the CLI spells it: "torchscript", "triton"
    std::string description;  // one sentence for a menu or --help
    bool writesFolder;        // the output is a folder (a model repository), not one file
    std::string extension;    // of the output file (".pt"), empty for a folder
};

// Every format this build can write, in menu order.
const std::vector<ExportFormatInfo>& exportFormats();
// Throws UsageError naming the known formats.
ExportFormat exportFormatFromName(const std::string& name);

struct ExportOptions {
    std::optional<int> window;  // δ of the exported search; the model file's when empty
    bool overwrite = false;     // replace existing outputs; otherwise they are refused
    // Triton only: the model's name in the repository (its folder) and the largest batch Triton may form.
    std::string tritonName = "lwinnn";
    int tritonMaxBatch = 8;
};

// The files an export would write (checked against existing files before anything is written).
std::vector<std::filesystem::path> exportOutputs(ExportFormat format, const std::filesystem::path& out,
                                                 const ExportOptions& options = {});

// Writes the TorchScript module for `modelFile` atomically to `out`. Throws FormatError naming the model file
// when it cannot be read, FileError when `out` exists and `options.overwrite` is false, UsageError for a bad
// window, Cancelled when cancelled (nothing is written then).
void exportTorchScript(const std::filesystem::path& modelFile, const std::filesystem::path& out,
                       const ExportOptions& options = {}, const Progress& progress = {});

// Writes `dir/<tritonName>/config.pbtxt` and `dir/<tritonName>/1/model.pt` (each atomically, the model
// first). Returns the files written. Errors as exportTorchScript, plus UsageError for a bad name or batch
// size.
std::vector<std::filesystem::path> exportTriton(const std::filesystem::path& modelFile,
                                                const std::filesystem::path& dir,
                                                const ExportOptions& options = {},
                                                const Progress& progress = {});

// Either of the above by format; returns the files written.
std::vector<std::filesystem::path> exportModel(ExportFormat format, const std::filesystem::path& modelFile,
                                               const std::filesystem::path& out,
                                               const ExportOptions& options = {},
                                               const Progress& progress = {});

}  // namespace lwinnn
