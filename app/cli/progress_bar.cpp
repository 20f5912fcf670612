#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace lwinnn::cli {

ProgressBar::ProgressBar()
    : m_start(std::chrono::steady_clock::now()), m_terminal(isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() { finish(); }

Progress ProgressBar::progress() {
    Progress p;
    p.report = [this](std::size_t done, std::size_t total, const std::string& what) {
        update(done, total, what);
    };
    return p;
}

void ProgressBar::update(std::size_t done, std::size_t total, const std::string& what) {
    if (!m_terminal || total == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (what != m_what) {  // a new phase restarts the clock used for the estimate
        m_what = what;
        m_start = now;
    }
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    if (elapsed < 1.0 || (now - m_lastDraw < std::chrono::milliseconds(100) && done < total)) return;
    m_lastDraw = now;
    constexpr int width = 30;
    const double fraction = static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '-');
    char eta[32] = "";
    if (done > 0 && done < total)
        std::snprintf(eta, sizeof eta, "  %.0f s left",
                      elapsed / static_cast<double>(done) * static_cast<double>(total - done));
    std::fprintf(stderr, "\r\033[K%s [%s] %zu/%zu%s", what.c_str(), bar.c_str(), done, total, eta);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish() {
    if (m_drawn) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        m_drawn = false;
    }
}

}  // namespace lwinnn::cli
