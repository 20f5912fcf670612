#include "model_export.h"

#include <torch/script.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>

#include "detector.h"
#include "error.h"
#include "file_util.h"
#include "impl/torch_pipeline.h"
#include "lwinnn_version.h"
#include "model_file.h"
#include "weights.h"

namespace lwinnn {
namespace {

constexpr const char* kModuleFormat = "lwinnn-torchscript";
constexpr const char* kTritonModelFile = "model.pt";
constexpr const char* kTritonConfigFile = "config.pbtxt";
// The search keeps each temporary (a block of test vectors, a block of distances) under this many floats (64
// MB): bounded whatever the bank size, window and batch, yet large enough that the products stay efficient.
constexpr std::int64_t kSearchChunkFloats = std::int64_t{1} << 24;

constexpr std::array<double, 3> kMean{0.485, 0.456, 0.406};
constexpr std::array<double, 3> kStd{0.229, 0.224, 0.225};

// TorchScript attribute names cannot hold dots: "layer1.0.conv1.weight" → "backbone_layer1_0_conv1_weight".
std::string bufferName(const std::string& key) {
    std::string name = "backbone_" + key;
    std::replace(name.begin(), name.end(), '.', '_');
    return name;
}

// conv (no bias) then eval-mode batch norm, as impl::Trunk does (DESIGN §2.2: running statistics, eps 1e-5).
std::string convBnCall(const std::string& input, const std::string& conv, const std::string& bn, int stride,
                       int padding) {
    const auto b = [&](const char* what) { return "self." + bufferName(bn + "." + what); };
    return "self.conv_bn(" + input + ", self." + bufferName(conv + ".weight") + ", " + b("weight") + ", " +
           b("bias") + ", " + b("running_mean") + ", " + b("running_var") + ", " + std::to_string(stride) +
           ", " + std::to_string(padding) + ")";
}

// One torchvision BasicBlock as a method named after its prefix ("layer2_0").
std::string basicBlockSource(const std::string& prefix, int stride, bool downsample) {
    std::string name = prefix;
    std::replace(name.begin(), name.end(), '.', '_');
    std::string s = "    def " + name + "(self, x: Tensor) -> Tensor:\n";
    s += "        out = torch.relu(" + convBnCall("x", prefix + ".conv1", prefix + ".bn1", stride, 1) + ")\n";
    s += "        out = " + convBnCall("out", prefix + ".conv2", prefix + ".bn2", 1, 1) + "\n";
    if (downsample)
        s += "        identity = " +
             convBnCall("x", prefix + ".downsample.0", prefix + ".downsample.1", stride, 0) + "\n";
    else
        s += "        identity = x\n";
    s += "        return torch.relu(out + identity)\n";
    return s;
}

// The module's code. `embed` is DESIGN §2.2–2.3; `patch_scores` §2.5 (squared distances expanded as
// ‖x‖² − 2x·y + ‖y‖² in float32, clamped at 0, minimum, one square root, as the core's search does);
// `anomaly_maps` §2.7 steps 1–2; `forward` adds the image score of §2.6.
//
// The search is organised by bank location, as DESIGN §5 describes: for a block of bank rows (a view of the
// location-major bank, no copy), the test vectors that see those rows at each window offset are a shifted
// rectangle of the test grid, so one batched product per block serves every offset at once, and its minima
// land in a shifted rectangle of the result. Test grids are padded by the window's reach, so rectangles that
// leave the grid fall into the padding and are dropped at the end: this is exactly the truncated window.
std::string moduleSource() {
    std::string s = R"(
    def conv_bn(self, x: Tensor, weight: Tensor, gamma: Tensor, beta: Tensor, mean: Tensor, var: Tensor,
                stride: int, padding: int) -> Tensor:
        y = torch.conv2d(x, weight, None, [stride, stride], [padding, padding])
        return torch.batch_norm(y, gamma, beta, mean, var, False, 0.1, 1e-05, True)
)";
    for (int layer = 1; layer <= 3; ++layer) {
        const std::string p = "layer" + std::to_string(layer);
        s += basicBlockSource(p + ".0", layer == 1 ? 1 : 2, layer > 1);
        s += basicBlockSource(p + ".1", 1, false);
    }
    s += "    def embed(self, x: Tensor) -> Tensor:\n";
    s += "        x = torch.relu(" + convBnCall("x", "conv1", "bn1", 2, 3) + ")\n";
    s += R"(        x = torch.max_pool2d(x, [3, 3], [2, 2], [1, 1])
        f1 = self.layer1_1(self.layer1_0(x))
        f2 = self.layer2_1(self.layer2_0(f1))
        f3 = self.layer3_1(self.layer3_0(f2))
        p1 = torch.avg_pool2d(f1, [3, 3], [1, 1], [0, 0])
        p2 = torch.avg_pool2d(f2, [3, 3], [1, 1], [0, 0])
        p3 = torch.avg_pool2d(f3, [3, 3], [1, 1], [0, 0])
        size = [p1.size(2), p1.size(3)]
        p2 = torch.upsample_bilinear2d(p2, size, False)
        p3 = torch.upsample_bilinear2d(p3, size, False)
        return torch.cat([p1, p2, p3], 1)

    def patch_scores(self, e: Tensor) -> Tensor:
        batch = e.size(0)
        channels = e.size(1)
        height = e.size(2)
        width = e.size(3)
        window = self.window
        lo = window // 2
        hi = (window + 1) // 2 - 1
        offsets = window * window
        count = self.bank.size(1)
        # [H + reach, W + reach, B, C]; test row h is padded row h + hi.
        x = torch.constant_pad_nd(e.permute(2, 3, 0, 1), [0, 0, 0, 0, hi, lo, hi, lo], 0.0)
        x_norms = (x * x).sum(-1)
        best = torch.full([height + lo + hi, width + lo + hi, batch], float("inf"), dtype=e.dtype,
                          device=e.device)
        # Floats per (bank row, offset) in the larger of the two temporaries.
        unit = width * batch * max(count, channels)
        rows = max(1, min(height, self.search_chunk_floats // (unit * offsets)))
        if self.bank.dtype != self.bank_norms.dtype:
            # A float16 bank is widened block by block; that copy counts too.
            rows = max(1, min(rows, self.search_chunk_floats // (width * count * channels)))
        group = offsets
        if unit * offsets > self.search_chunk_floats:
            group = max(1, self.search_chunk_floats // unit)
        for a0 in range(0, height, rows):
            a1 = min(height, a0 + rows)
            r = a1 - a0
            bank_norms = self.bank_norms[a0 * width:a1 * width].unsqueeze(1)
            # A float16 bank is widened block by block (exactly): the products are float32, as in the core.
            bank_t = self.bank[a0 * width:a1 * width].to(bank_norms.dtype).transpose(1, 2)
            for g0 in range(0, offsets, group):
                g1 = min(offsets, g0 + group)
                vectors: List[Tensor] = []
                norms: List[Tensor] = []
                for k in range(g0, g1):
                    # Bank location (a, b) at offset (dy, dx) serves test location (a - dy, b - dx).
                    r0 = a0 - (k // window - lo) + hi
                    c0 = hi - (k % window - lo)
                    vectors.append(x[r0:r0 + r, c0:c0 + width])
                    norms.append(x_norms[r0:r0 + r, c0:c0 + width])
                g = g1 - g0
                products = torch.stack(vectors, 2).reshape([r * width, g * batch, channels])
                # The squared norm of x is constant per row, so it is added after the minimum over the bank.
                d = torch.baddbmm(bank_norms, products, bank_t, beta=1.0, alpha=-2.0).amin(2)
                d = (d.view([r, width, g, batch]) + torch.stack(norms, 2)).clamp_min(0.0)
                for k in range(g0, g1):
                    r0 = a0 - (k // window - lo) + hi
                    c0 = hi - (k % window - lo)
                    best[r0:r0 + r, c0:c0 + width] = torch.minimum(best[r0:r0 + r, c0:c0 + width], d[:, :, k - g0])
        return best[hi:hi + height, hi:hi + width].sqrt().permute(2, 0, 1).contiguous()

    def anomaly_maps(self, scores: Tensor, height: int, width: int) -> Tensor:
        up = torch.upsample_bilinear2d(scores.unsqueeze(1), [height, width], False)
        radius = self.blur_kernel.size(0) // 2
        y = torch.reflection_pad2d(up, [radius, radius, 0, 0])
        y = torch.conv2d(y, self.blur_kernel.view([1, 1, 1, -1]))
        y = torch.reflection_pad2d(y, [0, 0, radius, radius])
        y = torch.conv2d(y, self.blur_kernel.view([1, 1, -1, 1]))
        return y.squeeze(1)

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        assert x.dim() == 4 and x.size(1) == 3 and x.size(2) == self.input_height and \
            x.size(3) == self.input_width, \
            "LWinNN: the input must be preprocessed images [B, 3, {}, {}], not {}".format(
                self.input_height, self.input_width, x.size())
        assert x.dtype == self.bank_norms.dtype, "LWinNN: the input must be float32"
        scores = self.patch_scores(self.embed(x))
        return scores.amax([1, 2]), self.anomaly_maps(scores, x.size(2), x.size(3))
)";
    return s;
}

// DESIGN §2.7 step 2: the core's blur taps, as a tensor the module owns.
at::Tensor blurKernel() { return at::tensor(at::ArrayRef<float>(impl::blurWeights())).clone(); }

at::Tensor viewOf(const HostTensor& h, const std::filesystem::path& modelFile) {
    if (h.dtype != DType::F32 && h.dtype != DType::F16)
        throw FormatError(modelFile, std::string("a bank tensor of type ") + dtypeName(h.dtype) +
                                         " cannot be exported (F32 or F16)");
    return at::from_blob(const_cast<std::byte*>(h.data), at::IntArrayRef(h.shape),
                         h.dtype == DType::F16 ? at::kHalf : at::kFloat);
}

nlohmann::json metadata(const ModelInfo& info, int window, const std::filesystem::path& modelFile) {
    return {
        {"format", kModuleFormat},
        {"format_version", kExportFormatVersion},
        {"exported_by", std::string("lwinnn ") + LWINNN_VERSION},
        {"source_model", modelFile.filename().string()},
        {"input", {{"shape", {"B", 3, info.input.height, info.input.width}}, {"dtype", "float32"}}},
        {"outputs",
         {{{"name", "scores"}, {"shape", {"B"}}, {"dtype", "float32"}},
          {{"name", "maps"}, {"shape", {"B", info.input.height, info.input.width}}, {"dtype", "float32"}}}},
        {"preprocessing",
         "RGB, 8-bit values times float32(1/255); antialiased bilinear resize (align_corners=false) to "
         "input_height x input_width; (x - mean) / std per channel; channels first"},
        {"resize_mode", resizeModeName(info.resize)},
        {"input_height", info.input.height},
        {"input_width", info.input.width},
        {"mean", kMean},
        {"std", kStd},
        {"window", window},
        {"grid_height", info.grid.height},
        {"grid_width", info.grid.width},
        {"channels", info.channels},
        {"train_count", info.trainCount},
        {"bank_dtype", info.bankDtype},
        {"backbone", info.backbone},
        {"backbone_sha256", info.backboneSha256},
        {"model_created", info.created},
        {"model_created_by", info.createdBy},
    };
}

torch::jit::Module buildModule(const ModelContents& model, int window,
                               const std::filesystem::path& modelFile) {
    const ModelInfo& info = model.info;
    torch::jit::Module module(c10::QualifiedName("lwinnn.LWinNN"));
    const auto integer = [&](const char* name, std::int64_t value) {
        module.register_attribute(name, c10::IntType::get(), value);
    };
    integer("format_version", kExportFormatVersion);
    integer("input_height", info.input.height);
    integer("input_width", info.input.width);
    integer("grid_height", info.grid.height);
    integer("grid_width", info.grid.width);
    integer("channels", info.channels);
    integer("train_count", info.trainCount);
    integer("window", window);
    integer("search_chunk_floats", kSearchChunkFloats);
    module.register_attribute("resize_mode", c10::StringType::get(),
                              std::string(resizeModeName(info.resize)));
    module.register_attribute("mean", c10::ListType::ofFloats(),
                              c10::List<double>(c10::ArrayRef<double>(kMean.data(), kMean.size())));
    module.register_attribute("std", c10::ListType::ofFloats(),
                              c10::List<double>(c10::ArrayRef<double>(kStd.data(), kStd.size())));

    // Shapes are checked here, with the model file named in the message.
    const impl::Trunk trunk = impl::makeTrunk(model.backbone, modelFile.string(), at::kCPU);
    for (const auto& expected : resnet18TrunkTensors())
        module.register_buffer(bufferName(expected.key), trunk.weights.at(expected.key).contiguous());
    // Views of the mapped file: saving streams them out without a bank-sized copy in memory.
    module.register_buffer("bank", viewOf(model.bank, modelFile));
    module.register_buffer("bank_norms", viewOf(model.bankNorms, modelFile));
    module.register_buffer("blur_kernel", blurKernel());
    try {
        module.define(moduleSource());
    } catch (const std::exception& e) {
        // Only a LibTorch whose TorchScript differs from the one this code was written for gets here.
        throw Error(std::string("this LibTorch cannot compile the exported module: ") + e.what());
    }
    return module;
}

void refuseExisting(const std::vector<std::filesystem::path>& outputs, bool overwrite) {
    if (overwrite) return;
    std::error_code ec;
    for (const auto& file : outputs)
        if (std::filesystem::exists(file, ec))
            throw FileError(file, "already exists; the export replaces files only when asked to");
}

int exportWindow(const ModelInfo& info, const ExportOptions& options) {
    const int window = options.window.value_or(info.window);
    if (window < 1 || window > Detector::kMaxWindow)
        throw UsageError("window size " + std::to_string(window) + " is outside 1…" +
                         std::to_string(Detector::kMaxWindow));
    return window;
}

void checkTritonOptions(const ExportOptions& options) {
    const std::string& name = options.tritonName;
    const bool valid =
        !name.empty() && name != "." && name != ".." && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
        });
    if (!valid)
        throw UsageError("model name '" + name +
                         "' is not usable as a Triton model folder (use letters, digits, "
                         "'_', '-' and '.')");
    if (options.tritonMaxBatch < 1 || options.tritonMaxBatch > 4096)
        throw UsageError("the largest batch must be within 1…4096, not " +
                         std::to_string(options.tritonMaxBatch));
}

void saveModule(const ModelContents& model, int window, const std::filesystem::path& modelFile,
                const std::filesystem::path& out, const Progress& progress) {
    progress(1, 3, "building the TorchScript module");
    c10::InferenceMode guard(false);  // built outside inference mode, whatever the caller: ordinary buffers
    const torch::jit::Module module = buildModule(model, window, modelFile);
    progress.check();
    progress(2, 3, "writing " + out.filename().string());
    const torch::jit::ExtraFilesMap extra{
        {kExportMetadataFile, metadata(model.info, window, modelFile).dump(2)}};
    std::error_code ec;
    if (!out.parent_path().empty()) std::filesystem::create_directories(out.parent_path(), ec);
    writeFileAtomically(out, [&](std::ostream& stream) {
        try {
            module.save(stream, extra);
        } catch (const c10::Error& e) {
            throw FileError(
                out, std::string("could not write the TorchScript module: ") + e.what_without_backtrace());
        }
        progress.check();
    });
    progress(3, 3, "done");
}

std::string tritonConfig(const ModelInfo& info, int window, const ExportOptions& options) {
    const std::string h = std::to_string(info.input.height);
    const std::string w = std::to_string(info.input.width);
    // OUTPUT__0 is the batched scalar score: the module returns [B]; Triton needs non-empty dims, so the API
    // shape is [B, 1] reshaped to the module's [B] (Triton's model configuration, "Reshape").
    return "# LWinNN anomaly detector exported by lwinnn " + std::string(LWINNN_VERSION) +
           ".\n"
           "# INPUT__0: images preprocessed as the model was trained (RGB, x/255, antialiased bilinear "
           "resize to " +
           h + "x" + w +
           ",\n"
           "#           ImageNet mean/std per channel), float32 [3, " +
           h + ", " + w +
           "] per image.\n"
           "# OUTPUT__0: image score; OUTPUT__1: anomaly map at the input size (window " +
           std::to_string(window) +
           ").\n"
           "name: \"" +
           options.tritonName +
           "\"\n"
           "platform: \"pytorch_libtorch\"\n"
           "max_batch_size: " +
           std::to_string(options.tritonMaxBatch) +
           "\n"
           "input [\n"
           "  {\n"
           "    name: \"INPUT__0\"\n"
           "    data_type: TYPE_FP32\n"
           "    dims: [ 3, " +
           h + ", " + w +
           " ]\n"
           "  }\n"
           "]\n"
           "output [\n"
           "  {\n"
           "    name: \"OUTPUT__0\"\n"
           "    data_type: TYPE_FP32\n"
           "    dims: [ 1 ]\n"
           "    reshape: { shape: [ ] }\n"
           "  },\n"
           "  {\n"
           "    name: \"OUTPUT__1\"\n"
           "    data_type: TYPE_FP32\n"
           "    dims: [ " +
           h + ", " + w +
           " ]\n"
           "  }\n"
           "]\n"
           "dynamic_batching { }\n";
}

}  // namespace

const std::vector<ExportFormatInfo>& exportFormats() {
    static const std::vector<ExportFormatInfo> formats{
        {ExportFormat::TorchScript, "torchscript",
         "one TorchScript file (backbone, memory bank, window search, anomaly maps) for LibTorch or PyTorch",
         false, ".pt"},
        {ExportFormat::Triton, "triton",
         "a Triton Inference Server model repository (pytorch_libtorch, dynamic batching) around the "
         "TorchScript "
         "module",
         true, ""},
    };
    return formats;
}

ExportFormat exportFormatFromName(const std::string& name) {
    std::string known;
    for (const auto& f : exportFormats()) {
        if (f.name == name) return f.format;
        known += (known.empty() ? "" : ", ") + f.name;
    }
    throw UsageError("unknown export format '" + name + "' (known: " + known + ")");
}

std::vector<std::filesystem::path> exportOutputs(ExportFormat format, const std::filesystem::path& out,
                                                 const ExportOptions& options) {
    if (format == ExportFormat::TorchScript) return {out};
    const auto folder = out / options.tritonName;
    return {folder / "1" / kTritonModelFile, folder / kTritonConfigFile};
}

void exportTorchScript(const std::filesystem::path& modelFile, const std::filesystem::path& out,
                       const ExportOptions& options, const Progress& progress) {
    refuseExisting(exportOutputs(ExportFormat::TorchScript, out, options), options.overwrite);
    progress.check();
    progress(0, 3, "reading " + modelFile.filename().string());
    const ModelContents model = readModelFile(modelFile);
    saveModule(model, exportWindow(model.info, options), modelFile, out, progress);
}

std::vector<std::filesystem::path> exportTriton(const std::filesystem::path& modelFile,
                                                const std::filesystem::path& dir,
                                                const ExportOptions& options, const Progress& progress) {
    checkTritonOptions(options);
    const auto outputs = exportOutputs(ExportFormat::Triton, dir, options);
    refuseExisting(outputs, options.overwrite);
    progress.check();
    progress(0, 3, "reading " + modelFile.filename().string());
    const ModelContents model = readModelFile(modelFile);
    const int window = exportWindow(model.info, options);
    std::error_code ec;
    std::filesystem::create_directories(outputs[0].parent_path(), ec);
    if (ec) throw FileError(outputs[0].parent_path(), "cannot create the folder: " + ec.message());
    // The model first: Triton may poll the repository, and a config without its model would fail to load.
    saveModule(model, window, modelFile, outputs[0], progress);
    const std::string config = tritonConfig(model.info, window, options);
    writeFileAtomically(outputs[1], config.data(), config.size());
    return outputs;
}

std::vector<std::filesystem::path> exportModel(ExportFormat format, const std::filesystem::path& modelFile,
                                               const std::filesystem::path& out, const ExportOptions& options,
                                               const Progress& progress) {
    if (format == ExportFormat::Triton) return exportTriton(modelFile, out, options, progress);
    exportTorchScript(modelFile, out, options, progress);
    return {out};
}

}  // namespace lwinnn
