#include "weights.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <numeric>
#include <random>

#include "checkpoint_reader.h"
#include "error.h"
#include "file_util.h"
#include "safetensors.h"
#include "sha256.h"

namespace lwinnn {
namespace {

std::filesystem::path envPath(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? std::filesystem::path(value) : std::filesystem::path();
}

bool isTrunkKey(const std::string& key) { return key.rfind("layer4.", 0) != 0 && key.rfind("fc.", 0) != 0; }

// Seeded He-normal initialisation with an independent generator (std::normal_distribution differs between
// standard libraries; this must give the same weights everywhere).
BackboneWeights randomWeights() {
    constexpr std::uint64_t seed = 20240101;
    std::uint64_t state = seed;
    auto next = [&state] {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    auto uniform = [&next] { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; };
    BackboneWeights w;
    w.random = true;
    w.source = "random";
    w.sha256 = "random-seed-" + std::to_string(seed);
    for (const auto& t : resnet18TrunkTensors()) {
        std::vector<float> v(static_cast<std::size_t>(
            std::accumulate(t.shape.begin(), t.shape.end(), std::int64_t(1), std::multiplies<>())));
        if (t.shape.size() == 4) {  // convolution: He normal, fan-out
            const double stddev = std::sqrt(2.0 / static_cast<double>(t.shape[0] * t.shape[2] * t.shape[3]));
            for (auto& x : v)
                x = static_cast<float>(stddev * std::sqrt(-2.0 * std::log(uniform())) *
                                       std::cos(2.0 * M_PI * uniform()));
        } else if (t.key.ends_with(".weight") || t.key.ends_with(".running_var")) {  // BatchNorm as identity
            std::fill(v.begin(), v.end(), 1.0f);
        }
        w.tensors[t.key] = HostTensor::fromFloats(t.shape, std::move(v));
    }
    return w;
}

}  // namespace

const std::vector<TrunkTensor>& resnet18TrunkTensors() {
    static const std::vector<TrunkTensor> tensors = [] {
        std::vector<TrunkTensor> keys;
        auto bn = [&keys](const std::string& prefix, std::int64_t c) {
            for (const char* part : {"weight", "bias", "running_mean", "running_var"})
                keys.push_back({prefix + "." + part, {c}});
        };
        keys.push_back({"conv1.weight", {64, 3, 7, 7}});
        bn("bn1", 64);
        const std::int64_t widths[] = {64, 128, 256};
        std::int64_t in = 64;
        for (int layer = 0; layer < 3; ++layer) {
            const std::int64_t out = widths[layer];
            for (int block = 0; block < 2; ++block) {
                const std::string p = "layer" + std::to_string(layer + 1) + "." + std::to_string(block);
                keys.push_back({p + ".conv1.weight", {out, block == 0 ? in : out, 3, 3}});
                bn(p + ".bn1", out);
                keys.push_back({p + ".conv2.weight", {out, out, 3, 3}});
                bn(p + ".bn2", out);
                if (block == 0 && layer > 0) {
                    keys.push_back({p + ".downsample.0.weight", {out, in, 1, 1}});
                    bn(p + ".downsample.1", out);
                }
            }
            in = out;
        }
        return keys;
    }();
    return tensors;
}

std::filesystem::path applicationDataDir() {
    if (auto xdg = envPath("XDG_DATA_HOME"); !xdg.empty()) return xdg / "lwinnn";
    if (auto home = envPath("HOME"); !home.empty()) return home / ".local" / "share" / "lwinnn";
    return std::filesystem::temp_directory_path() / "lwinnn";
}

std::vector<std::filesystem::path> weightsSearchPath() {
    std::vector<std::filesystem::path> places;
    if (auto env = envPath("LWINNN_WEIGHTS"); !env.empty()) places.push_back(env);
    if (auto torchHome = envPath("TORCH_HOME"); !torchHome.empty())
        places.push_back(torchHome / "hub" / "checkpoints" / kTorchvisionWeightsFile);
    if (auto home = envPath("HOME"); !home.empty())
        places.push_back(home / ".cache" / "torch" / "hub" / "checkpoints" / kTorchvisionWeightsFile);
    places.push_back(applicationDataDir() / "weights" / kTorchvisionWeightsFile);
    return places;
}

std::string missingWeightsHelp() {
    std::string text =
        "No ResNet18 ImageNet weights were found. LWinNN needs torchvision's resnet18-f37072fd.pth (44.7 "
        "MB):\n"
        "  - run `lwinnn fetch-weights` where a network is available, or\n"
        "  - download " +
        std::string(kTorchvisionWeightsUrl) +
        "\n"
        "    (its SHA-256 starts with " +
        kTorchvisionWeightsSha256Prefix +
        ") and either pass it with --weights FILE,\n"
        "    set LWINNN_WEIGHTS=FILE, or put it in one of the places searched:\n";
    for (const auto& p : weightsSearchPath()) text += "      " + p.string() + "\n";
    text +=
        "  - or use --weights random to try the tool with untrained (random) weights; results will be poor.";
    return text;
}

BackboneWeights readWeightsFile(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) throw FileError(file, "no such weights file");
    char magic[4] = {};
    {
        std::ifstream in(file, std::ios::binary);
        in.read(magic, 4);
    }
    TensorMap all;
    if (std::memcmp(magic, "PK\x03\x04", 4) == 0) {
        all = readTorchCheckpoint(file);
    } else {
        all = readSafetensors(file).tensors;
    }
    BackboneWeights w;
    for (auto& [key, tensor] : all)
        if (isTrunkKey(key)) w.tensors.emplace(key, std::move(tensor));
    w.source = file.string();
    w.sha256 = sha256OfFile(file);
    return w;
}

BackboneWeights loadBackboneWeights(const std::string& spec) {
    if (spec == "random") return randomWeights();
    if (!spec.empty()) return readWeightsFile(spec);
    const auto env = envPath("LWINNN_WEIGHTS");
    if (!env.empty() && !std::filesystem::exists(env))
        throw FileError(env, "LWINNN_WEIGHTS names a file that does not exist");
    for (const auto& place : weightsSearchPath()) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(place, ec)) return readWeightsFile(place);
    }
    throw Error(missingWeightsHelp());
}

namespace {

// Runs a downloader without a shell; returns its exit status (127 when it cannot be started).
int runProgram(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = fork();
    if (pid < 0) return 127;
    if (pid == 0) {
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) return 127;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace

std::filesystem::path fetchWeights(const Progress& progress) {
    const auto target = applicationDataDir() / "weights" / kTorchvisionWeightsFile;
    std::filesystem::create_directories(target.parent_path());
    const auto partial = target.parent_path() / (std::string(kTorchvisionWeightsFile) + ".download");
    progress(0, 1, "downloading " + std::string(kTorchvisionWeightsUrl));
    int status = runProgram({"curl", "--fail", "--location", "--silent", "--show-error", "--output",
                             partial.string(), kTorchvisionWeightsUrl});
    if (status == 127)
        status =
            runProgram({"wget", "--quiet", "--output-document", partial.string(), kTorchvisionWeightsUrl});
    if (status != 0) {
        std::filesystem::remove(partial);
        throw Error(status == 127 ? "cannot download the weights: neither curl nor wget is installed"
                                  : "cannot download " + std::string(kTorchvisionWeightsUrl) +
                                        " (no network?). " + missingWeightsHelp());
    }
    const std::string hash = sha256OfFile(partial);
    if (hash.rfind(kTorchvisionWeightsSha256Prefix, 0) != 0) {
        std::filesystem::remove(partial);
        throw FileError(target, "the downloaded file's SHA-256 is " + hash + ", expected one starting with " +
                                    kTorchvisionWeightsSha256Prefix + "; it was discarded");
    }
    std::filesystem::rename(partial, target);
    progress(1, 1, "downloaded");
    return target;
}

}  // namespace lwinnn
