// A header-only C++ wrapper of the LWinNN runtime's C interface (lwinnn.h): an owning Model class whose
// failures throw std::runtime_error with lwinnn_last_error()'s message. It uses only the C interface, so it
// keeps the C library's binary compatibility.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "lwinnn.h"

namespace lwinnn::runtime {

// A failed call: the status and the library's message (the file and the reason).
class Failure : public std::runtime_error {
  public:
    Failure(lwinnn_status status, const std::string& message)
        : std::runtime_error(message), m_status(status) {}
    lwinnn_status status() const noexcept { return m_status; }

  private:
    lwinnn_status m_status;
};

inline void check(lwinnn_status status) {
    if (status != LWINNN_OK) throw Failure(status, lwinnn_last_error());
}

// An image score and, when asked for, the anomaly map at the image's size (row-major, width × height).
struct Score {
    float image = 0;
    int width = 0;
    int height = 0;
    std::vector<float> map;
};

class Model {
  public:
    // device: "auto", "cpu", "cuda", "cuda:N".
    explicit Model(const std::string& modelPath, const std::string& device = "auto") {
        check(lwinnn_open(modelPath.c_str(), device.c_str(), &m_model));
    }
    ~Model() { lwinnn_close(m_model); }
    Model(Model&& other) noexcept : m_model(std::exchange(other.m_model, nullptr)) {}
    Model& operator=(Model&& other) noexcept {
        if (this != &other) {
            lwinnn_close(m_model);
            m_model = std::exchange(other.m_model, nullptr);
        }
        return *this;
    }
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    lwinnn_info info() const {
        lwinnn_info result{};
        check(lwinnn_model_info(m_model, &result));
        return result;
    }
    void setWindow(int window) { check(lwinnn_set_window(m_model, window)); }

    // Interleaved 8-bit RGB rows of rowStrideBytes (0: tightly packed, 3 × width).
    Score score(const std::uint8_t* rgb, int width, int height, int rowStrideBytes = 0, bool withMap = true) {
        Score s;
        s.width = width;
        s.height = height;
        if (withMap) s.map.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
        check(lwinnn_score(m_model, rgb, width, height, rowStrideBytes > 0 ? rowStrideBytes : 3 * width,
                           &s.image, withMap ? s.map.data() : nullptr, static_cast<int>(s.map.size())));
        return s;
    }

    // Decodes and scores an image file.
    Score scoreFile(const std::string& imagePath, bool withMap = true) {
        Score s;
        if (!withMap) {
            check(lwinnn_score_file(m_model, imagePath.c_str(), &s.image, nullptr, 0, &s.width, &s.height));
            return s;
        }
        // The first call only decodes, to learn the size the map needs.
        float unused = 0;
        const lwinnn_status sizing =
            lwinnn_score_file(m_model, imagePath.c_str(), &unused, &unused, 0, &s.width, &s.height);
        if (sizing != LWINNN_ERROR_BUFFER_TOO_SMALL) check(sizing);
        s.map.resize(static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height));
        check(lwinnn_score_file(m_model, imagePath.c_str(), &s.image, s.map.data(),
                                static_cast<int>(s.map.size()), &s.width, &s.height));
        return s;
    }

    lwinnn_model* handle() const noexcept { return m_model; }

  private:
    lwinnn_model* m_model = nullptr;
};

inline std::string version() { return lwinnn_version(); }

}  // namespace lwinnn::runtime
