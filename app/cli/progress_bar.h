// A terminal progress bar on stderr that appears only for work longer than a second and only on a terminal.
#pragma once

#include <chrono>
#include <string>

#include "progress.h"

namespace lwinnn::cli {

class ProgressBar {
  public:
    ProgressBar();
    ~ProgressBar();
    // A Progress that draws this bar.
    Progress progress();
    void update(std::size_t done, std::size_t total, const std::string& what);
    void finish();  // clears the line if one was drawn

  private:
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastDraw;
    std::string m_what;
    bool m_terminal = false;
    bool m_drawn = false;
};

}  // namespace lwinnn::cli
