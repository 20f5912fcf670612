// lwinnn: train, score and evaluate LWinNN anomaly detectors from the command line.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "error.h"
#include "image_io.h"
#include "lwinnn_version.h"

namespace {

constexpr const char* kUsage = R"(lwinnn — local-window nearest-neighbour anomaly detection (LWinNN)

Usage: lwinnn COMMAND [OPTIONS]

Commands:
  train --data DIR --out MODEL     build a model from the good images of DIR (an MVTec AD category's
                                   train/good, or a plain folder of images)
      [--window 7] [--resize auto|keep-aspect|square] [--device auto|cpu|cuda[:N]] [--weights FILE|random]
      [--bank-dtype fp32|fp16]     fp16 halves the bank's memory and file size (scores move by ~1e-4)
      [--force]                    replace an existing MODEL
  score MODEL (IMAGE...|DIR) --out DIR
                                   print image scores as CSV; write per image a heatmap overlay PNG and the
                                   anomaly map as a 32-bit float TIFF into DIR, at the image's size up to 16
                                   megapixels, smaller above (the CSV's output_scale)
      [--window N] [--device D] [--range LOW:HIGH] [--force] [--full-size-outputs]
  eval --data DIR                  train on the good training images of DIR (or use --model MODEL) and
                                   evaluate on its test images: image AUROC, AUPRO, pixel AUROC. DIR is an
                                   MVTec AD category, an MVTec 3D-AD category (RGB) or a VisA root
      [--model MODEL] [--window 7] [--fpr-limit 0.3] [--out DIR] [--device D] [--weights FILE|random]
      [--category NAME] [--max-train N]   (VisA: which object; cap on training images)
      [--windows 1,3,5,7,9] [--per-type] [--json FILE] [--csv FILE] [--compare-separate]
                                   a window sweep from one search; rows per defect type; every figure, the
                                   configuration and the ROC/PRO curves as JSON and CSV
  eval --normal DIR --test DIR[,DIR...] [--masks DIR]
                                   the same on plain folders: good training images, test folders named by
                                   defect type (good/normal/ok hold good images), masks matched by file stem
  demo-data DIR [--seed N]         generate the built-in demo data set (MVTec AD layout, with masks)
  bench --data DIR                 time training and scoring; report the search's GFLOP/s
      [--window 7] [--device D] [--weights FILE|random] [--bank-dtype fp32|fp16]
  bench --search                   the window search on N rendered 256×256 parts: single-image and batched
                                   rates against a large at::mm, the fp16 bank, and the reference formulation
      [--train-images 200] [--test-images 32] [--window 7] [--no-reference]
  bench --metrics [--test-images 2000]
                                   exact pixel AUROC and AUPRO over that many synthetic 256×256 maps: time and
                                   memory
  fetch-weights                    download torchvision's ResNet18 weights and verify them
  info MODEL                       show what a model file holds
  export --format torchscript MODEL OUT.pt
                                   one TorchScript module (backbone, bank, window search, anomaly maps) for
                                   LibTorch/PyTorch: preprocessed images [B,3,H,W] → scores [B], maps [B,H,W]
  export --format triton MODEL DIR a Triton model repository: DIR/NAME/config.pbtxt and DIR/NAME/1/model.pt
      [--name lwinnn] [--max-batch 8] [--window N] [--force]

Options for every command: --help, --version, --max-pixels N (images above N pixels, 100000000 by default,
are refused before they are decoded; N may end in M for megapixels).
Weights are looked up in this order: --weights, $LWINNN_WEIGHTS, torchvision's cache
($TORCH_HOME/hub/checkpoints or ~/.cache/torch/hub/checkpoints), the application data folder.
)";

// "100000000" or "100M".
std::int64_t parsePixelCount(const std::string& text) {
    const bool mega = !text.empty() && (text.back() == 'M' || text.back() == 'm');
    const std::string digits = mega ? text.substr(0, text.size() - 1) : text;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    const std::int64_t scale = mega ? 1'000'000 : 1;
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value < 1 ||
        value > std::numeric_limits<std::int64_t>::max() / scale)
        throw lwinnn::UsageError("--max-pixels needs a whole number of pixels (or megapixels with M), not '" +
                                 text + "'");
    return value * scale;
}

// One command's part of kUsage: its entries under "Commands:" (eval, bench and export have several), each
// with its continuation lines, then the notes that apply to every command. Empty for an unknown command.
std::string commandUsage(const std::string& command) {
    std::string entries;
    bool inEntry = false;
    std::istringstream lines{std::string(kUsage)};
    std::string notes;
    bool afterCommands = false;
    for (std::string line; std::getline(lines, line);) {
        const bool entryStart = line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ';
        if (entryStart)
            inEntry = line.compare(2, command.size() + 1, command + " ") == 0 || line.substr(2) == command;
        else if (!line.empty() && line[0] != ' ')
            inEntry = false;
        if (inEntry) entries += line + "\n";
        if (line.rfind("Options for every command", 0) == 0) afterCommands = true;
        if (afterCommands) notes += line + "\n";
    }
    if (entries.empty()) return {};
    return "Usage: lwinnn " + command + " …\n\n" + entries + "\n" + notes;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const std::string command = args.front();
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("lwinnn %s\n", LWINNN_VERSION);
        return 0;
    }
    for (const auto& a : args) {
        if (a == "--help" || a == "-h") {
            const std::string usage = commandUsage(command);
            std::fputs(usage.empty() ? kUsage : usage.c_str(), stdout);
            return 0;
        }
    }
    args.erase(args.begin());
    try {
        // --max-pixels applies to every command that reads images.
        for (auto it = args.begin(); it != args.end();) {
            std::string value;
            if (*it == "--max-pixels") {
                if (std::next(it) == args.end()) throw lwinnn::UsageError("--max-pixels needs a value");
                value = *std::next(it);
                it = args.erase(it, std::next(it, 2));
            } else if (it->rfind("--max-pixels=", 0) == 0) {
                value = it->substr(13);
                it = args.erase(it);
            } else {
                ++it;
                continue;
            }
            lwinnn::setMaxImagePixels(parsePixelCount(value));
        }
        if (command == "train") return lwinnn::cli::runTrain(args);
        if (command == "score") return lwinnn::cli::runScore(args);
        if (command == "eval") return lwinnn::cli::runEval(args);
        if (command == "demo-data") return lwinnn::cli::runDemoData(args);
        if (command == "bench") return lwinnn::cli::runBench(args);
        if (command == "fetch-weights") return lwinnn::cli::runFetchWeights(args);
        if (command == "info") return lwinnn::cli::runInfo(args);
        if (command == "export") return lwinnn::cli::runExport(args);
        std::fprintf(stderr, "lwinnn: unknown command '%s' (see lwinnn --help)\n", command.c_str());
        return 2;
    } catch (const lwinnn::UsageError& e) {
        std::fprintf(stderr, "lwinnn %s: %s\n(see lwinnn --help)\n", command.c_str(), e.what());
        return 2;
    } catch (const lwinnn::Cancelled&) {
        std::fprintf(stderr, "lwinnn %s: cancelled\n", command.c_str());
        return 130;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lwinnn %s: error: %s\n", command.c_str(), e.what());
        return 1;
    }
}
