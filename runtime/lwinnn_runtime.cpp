// The C interface of lwinnn.h over the core's Detector: arguments checked, every exception turned into a
// status and a thread-local message, nothing else leaves the library.
#include "lwinnn/lwinnn.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>

#include "detector.h"
#include "error.h"
#include "heatmap_export.h"
#include "image_io.h"
#include "lwinnn_version.h"
#include "pipeline.h"

struct lwinnn_model {
    explicit lwinnn_model(lwinnn::Detector d) : detector(std::move(d)) {}
    mutable std::mutex lock;  // the window is state; calls on one model are serialised (lwinnn.h, "Threads")
    lwinnn::Detector detector;
};

namespace {

thread_local std::string t_lastError;

// Inside another program the core leaves LibTorch's process-wide thread count to that program (lwinnn.h,
// "Threads"); set when the library is loaded, before any call.
[[maybe_unused]] const bool g_keepProgramThreads = [] {
    lwinnn::setThreadPolicy(lwinnn::ThreadPolicy::KeepProgramSetting);
    return true;
}();

// The count lwinnn_set_threads asked for (0: none). LibTorch's count is per thread once a thread has
// computed, so every computing call applies it on its own thread.
std::atomic<int> g_requestedThreads{0};

void applyRequestedThreads() {
    const int requested = g_requestedThreads.load();
    if (requested > 0 && lwinnn::computeThreads() != requested) lwinnn::setComputeThreads(requested);
}

// A refused argument or buffer, raised inside a call and reported with its own status.
class Refusal : public lwinnn::UsageError {
  public:
    Refusal(lwinnn_status status, const std::string& message) : UsageError(message), m_status(status) {}
    lwinnn_status status() const { return m_status; }

  private:
    lwinnn_status m_status;
};

// Records the message ("function: reason" when the reason does not name a file itself). Building it can run
// out of memory too; the status still says what happened.
lwinnn_status fail(lwinnn_status status, const char* function, const char* reason) noexcept {
    try {
        t_lastError = function ? std::string(function) + ": " + reason : std::string(reason);
    } catch (...) {
        t_lastError.clear();
    }
    return status;
}

// Runs `body` with the thread's message cleared; maps every exception to a status (most specific first).
template <typename Body>
lwinnn_status guarded(const char* function, Body&& body) noexcept {
    t_lastError.clear();
    try {
        body();
        return LWINNN_OK;
    } catch (const Refusal& e) {
        return fail(e.status(), function, e.what());
    } catch (const lwinnn::FormatError& e) {
        return fail(LWINNN_ERROR_FORMAT, nullptr, e.what());
    } catch (const lwinnn::FileError& e) {
        return fail(LWINNN_ERROR_FILE, nullptr, e.what());
    } catch (const lwinnn::UsageError& e) {
        return fail(LWINNN_ERROR_INVALID_ARGUMENT, nullptr, e.what());
    } catch (const lwinnn::Cancelled& e) {
        return fail(LWINNN_ERROR_FAILED, function, e.what());
    } catch (const lwinnn::Error& e) {
        return fail(LWINNN_ERROR_FAILED, nullptr, e.what());
    } catch (const std::bad_alloc&) {
        return fail(LWINNN_ERROR_OUT_OF_MEMORY, function, "out of memory");
    } catch (const std::exception& e) {
        return fail(LWINNN_ERROR_INTERNAL, function, e.what());
    } catch (...) {
        return fail(LWINNN_ERROR_INTERNAL, function, "an unknown failure");
    }
}

void require(bool condition, const std::string& message) {
    if (!condition) throw Refusal(LWINNN_ERROR_INVALID_ARGUMENT, message);
}

// "FILE: " for a decoded file, nothing for pixels handed over in memory.
std::string filePrefix(const lwinnn::RgbImage& image) {
    return image.source.empty() ? std::string() : image.source.string() + ": ";
}

// Checks the map buffer against the image's size before anything is computed.
void checkMapBuffer(const lwinnn::RgbImage& image, const float* map, int capacity) {
    if (!map) return;
    const std::int64_t needed = static_cast<std::int64_t>(image.width) * image.height;
    if (capacity < needed)
        throw Refusal(LWINNN_ERROR_BUFFER_TOO_SMALL,
                      filePrefix(image) + "the anomaly map needs " + std::to_string(image.width) + "×" +
                          std::to_string(image.height) + " = " + std::to_string(needed) +
                          " floats, the buffer holds " + std::to_string(std::max(capacity, 0)));
}

void scoreInto(lwinnn_model& model, const lwinnn::RgbImage& image, float* imageScore, float* map) {
    lwinnn::ImageScore s;
    {
        const std::lock_guard<std::mutex> hold(model.lock);
        s = model.detector.score(image);
    }
    *imageScore = static_cast<float>(s.score);
    if (!map) return;
    // The same resize as the CLI's float TIFF, so both give the same values.
    const lwinnn::MapView view{static_cast<int>(s.anomalyMap.dim(0)), static_cast<int>(s.anomalyMap.dim(1)),
                               s.anomalyMap.values.data()};
    const std::vector<float> resized = lwinnn::resizeMap(view, image.height, image.width);
    std::copy(resized.begin(), resized.end(), map);
}

}  // namespace

extern "C" {

const char* lwinnn_version(void) { return LWINNN_VERSION; }

const char* lwinnn_status_name(lwinnn_status status) {
    switch (status) {
        case LWINNN_OK:
            return "LWINNN_OK";
        case LWINNN_ERROR_INVALID_ARGUMENT:
            return "LWINNN_ERROR_INVALID_ARGUMENT";
        case LWINNN_ERROR_FILE:
            return "LWINNN_ERROR_FILE";
        case LWINNN_ERROR_FORMAT:
            return "LWINNN_ERROR_FORMAT";
        case LWINNN_ERROR_BUFFER_TOO_SMALL:
            return "LWINNN_ERROR_BUFFER_TOO_SMALL";
        case LWINNN_ERROR_OUT_OF_MEMORY:
            return "LWINNN_ERROR_OUT_OF_MEMORY";
        case LWINNN_ERROR_FAILED:
            return "LWINNN_ERROR_FAILED";
        case LWINNN_ERROR_INTERNAL:
            return "LWINNN_ERROR_INTERNAL";
    }
    return "LWINNN_ERROR_UNKNOWN_STATUS";
}

const char* lwinnn_last_error(void) { return t_lastError.c_str(); }

lwinnn_status lwinnn_set_threads(int threads) {
    return guarded("lwinnn_set_threads", [&] {
        require(threads >= 0, "threads is negative");
        lwinnn::setComputeThreads(threads);
        g_requestedThreads.store(lwinnn::computeThreads());
    });
}

lwinnn_status lwinnn_set_max_pixels(int64_t pixels) {
    return guarded("lwinnn_set_max_pixels", [&] {
        require(pixels >= 1, "pixels is less than 1");
        lwinnn::setMaxImagePixels(pixels);
    });
}

int64_t lwinnn_max_pixels(void) { return lwinnn::maxImagePixels(); }

int lwinnn_threads(void) {
    try {
        return lwinnn::computeThreads();
    } catch (...) {
        return 1;
    }
}

lwinnn_status lwinnn_open(const char* model_path, const char* device, lwinnn_model** out) {
    if (out) *out = nullptr;
    return guarded("lwinnn_open", [&] {
        applyRequestedThreads();
        require(out != nullptr, "out is NULL");
        require(model_path != nullptr, "model_path is NULL");
        require(*model_path != '\0', "model_path is empty");
        auto model = std::make_unique<lwinnn_model>(
            lwinnn::Detector::load(model_path, device && *device ? device : "auto"));
        *out = model.release();
    });
}

void lwinnn_close(lwinnn_model* model) {
    // Destroying a Detector releases tensors and a mapping; it does not throw.
    const std::unique_ptr<lwinnn_model> owned(model);
}

lwinnn_status lwinnn_model_info(const lwinnn_model* model, lwinnn_info* out) {
    return guarded("lwinnn_model_info", [&] {
        require(model != nullptr, "model is NULL");
        require(out != nullptr, "out is NULL");
        const std::lock_guard<std::mutex> hold(model->lock);
        const lwinnn::ModelInfo& info = model->detector.info();
        lwinnn_info result{};
        result.input_width = info.input.width;
        result.input_height = info.input.height;
        result.grid_width = info.grid.width;
        result.grid_height = info.grid.height;
        result.channels = info.channels;
        result.window = model->detector.window();
        result.bank_images = info.trainCount;
        result.square_resize = info.resize == lwinnn::ResizeMode::Square ? 1 : 0;
        const std::string device = model->detector.deviceName();
        std::strncpy(result.device, device.c_str(), sizeof result.device - 1);
        *out = result;
    });
}

lwinnn_status lwinnn_set_window(lwinnn_model* model, int window) {
    return guarded("lwinnn_set_window", [&] {
        require(model != nullptr, "model is NULL");
        const std::lock_guard<std::mutex> hold(model->lock);
        model->detector.setWindow(window);
    });
}

lwinnn_status lwinnn_score(lwinnn_model* model, const uint8_t* rgb, int width, int height,
                           int row_stride_bytes, float* image_score, float* map_or_null, int map_capacity) {
    return guarded("lwinnn_score", [&] {
        applyRequestedThreads();
        require(model != nullptr, "model is NULL");
        require(rgb != nullptr, "rgb is NULL");
        require(image_score != nullptr, "image_score is NULL");
        require(width > 0 && height > 0, "the image size " + std::to_string(width) + "×" +
                                             std::to_string(height) + " is not positive");
        require(row_stride_bytes >= 3 * static_cast<std::int64_t>(width),
                "row_stride_bytes " + std::to_string(row_stride_bytes) + " is less than 3 × width (" +
                    std::to_string(3 * static_cast<std::int64_t>(width)) + ")");
        if (const std::string problem = lwinnn::imagePixelsProblem(width, height); !problem.empty())
            throw Refusal(LWINNN_ERROR_INVALID_ARGUMENT, problem + " (lwinnn_set_max_pixels)");
        lwinnn::RgbImage image;
        image.width = width;
        image.height = height;
        checkMapBuffer(image, map_or_null, map_capacity);
        const std::size_t row = 3 * static_cast<std::size_t>(width);
        image.pixels.resize(row * static_cast<std::size_t>(height));
        for (int y = 0; y < height; ++y)
            std::memcpy(image.pixels.data() + row * static_cast<std::size_t>(y),
                        rgb + static_cast<std::size_t>(row_stride_bytes) * static_cast<std::size_t>(y), row);
        scoreInto(*model, image, image_score, map_or_null);
    });
}

lwinnn_status lwinnn_score_file(lwinnn_model* model, const char* image_path, float* image_score,
                                float* map_or_null, int map_capacity, int* map_width, int* map_height) {
    return guarded("lwinnn_score_file", [&] {
        applyRequestedThreads();
        require(model != nullptr, "model is NULL");
        require(image_path != nullptr, "image_path is NULL");
        require(image_score != nullptr, "image_score is NULL");
        const lwinnn::RgbImage image = lwinnn::decodeImage(image_path);
        if (map_width) *map_width = image.width;
        if (map_height) *map_height = image.height;
        checkMapBuffer(image, map_or_null, map_capacity);
        scoreInto(*model, image, image_score, map_or_null);
    });
}

}  // extern "C"
