#include "export_job.h"

#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "csv.h"
#include "error.h"
#include "file_util.h"
#include "heatmap_export.h"
#include "image_io.h"

namespace lwinnn::ui {

namespace {

namespace fs = std::filesystem;

const ScoredImage& scoredOf(const ExportImage& image) {
    return image.evaluation->images.at(static_cast<std::size_t>(image.index));
}

// Per image its output stem, unique within the export.
std::vector<std::string> uniqueStems(const ExportRequest& request) {
    std::map<std::string, int> seen;
    std::vector<std::string> stems;
    for (const ExportImage& image : request.images) {
        const std::string stem = scoredOf(image).image.stem().string();
        const int n = ++seen[stem];
        stems.push_back(n == 1 ? stem : stem + "-" + std::to_string(n));
    }
    return stems;
}

fs::path formatOutput(const ExportRequest& request, ExportFormat format) {
    if (format == ExportFormat::TorchScript)
        return request.folder / (request.modelFile.stem().string() + ".pt");
    return request.folder / "triton";
}

}  // namespace

std::vector<fs::path> plannedOutputs(const ExportRequest& request) {
    std::vector<fs::path> outputs;
    const std::vector<std::string> stems = uniqueStems(request);
    for (const std::string& stem : stems) {
        if (request.overlays) outputs.push_back(request.folder / (stem + "_overlay.png"));
        if (request.maps) outputs.push_back(request.folder / (stem + "_map.tiff"));
    }
    if (request.csv) outputs.push_back(request.folder / kScoresCsvFile);
    for (const ExportFormat format : request.formats)
        for (const fs::path& file : lwinnn::exportOutputs(format, formatOutput(request, format)))
            outputs.push_back(file);
    return outputs;
}

std::vector<fs::path> runExport(const ExportRequest& request, const Progress& progress) {
    const std::vector<fs::path> outputs = plannedOutputs(request);
    std::set<fs::path> existed;
    std::error_code ec;
    for (const fs::path& file : outputs)
        if (fs::exists(file, ec)) existed.insert(file);
    std::vector<fs::path> created;
    auto removeCreated = [&] {
        for (const fs::path& file : created)
            if (!existed.count(file)) fs::remove(file, ec);
    };
    const std::size_t perImage = (request.overlays ? 1 : 0) + (request.maps ? 1 : 0);
    const std::size_t total = outputs.size();
    std::size_t done = 0;
    try {
        fs::create_directories(request.folder, ec);
        if (ec) throw FileError(request.folder, "cannot create the folder: " + ec.message());
        const std::vector<std::string> stems = uniqueStems(request);
        if (perImage > 0) {
            for (std::size_t i = 0; i < request.images.size(); ++i) {
                progress.check();
                const ExportImage& item = request.images[i];
                const ScoredImage& scored = scoredOf(item);
                progress(done, total, "writing " + stems[i]);
                const RgbImage image = decodeImage(scored.image);
                const Evaluation& evaluation = *item.evaluation;
                const MapView map{evaluation.pixels.height, evaluation.pixels.width,
                                  evaluation.map(static_cast<std::size_t>(item.index))};
                if (request.overlays) {
                    const fs::path file = request.folder / (stems[i] + "_overlay.png");
                    writeHeatmapOverlay(file, image, map, evaluation.mapLow, evaluation.mapHigh,
                                        request.opacity);
                    created.push_back(file);
                    ++done;
                }
                if (request.maps) {
                    progress.check();
                    const fs::path file = request.folder / (stems[i] + "_map.tiff");
                    writeFloatTiff(file, map, image.height, image.width);
                    created.push_back(file);
                    ++done;
                }
            }
        }
        if (request.csv) {
            progress.check();
            progress(done, total, "writing scores");
            std::ostringstream text;
            text << "file,score,prediction,label,window\n";
            for (const ExportImage& item : request.images) {
                const ScoredImage& scored = scoredOf(item);
                char score[32];
                std::snprintf(score, sizeof score, "%.6f", scored.score);
                text << csvField(scored.image.string()) << ',' << score << ','
                     << (scored.score >= request.threshold ? "defect" : "good") << ','
                     << csvField(scored.labelled() ? (scored.isDefect() ? scored.defectType : "good") : "")
                     << ',' << item.evaluation->window << '\n';
            }
            const std::string csv = text.str();
            const fs::path file = request.folder / kScoresCsvFile;
            writeFileAtomically(file, csv.data(), csv.size());
            created.push_back(file);
            ++done;
        }
        for (const ExportFormat format : request.formats) {
            progress.check();
            progress(done, total, "exporting the model");
            ExportOptions options;
            options.window = request.window;
            options.overwrite = true;  // the dialog asked before
            Progress inner;
            inner.cancel = progress.cancel;
            const std::vector<fs::path> written =
                exportModel(format, request.modelFile, formatOutput(request, format), options, inner);
            created.insert(created.end(), written.begin(), written.end());
            done += written.size();
        }
        progress(total, total, "done");
    } catch (...) {
        removeCreated();
        throw;
    }
    return created;
}

}  // namespace lwinnn::ui
