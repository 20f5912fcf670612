// Progress reporting and cancellation for long core operations: plain C++, so the Studio can run them in
// worker threads and the CLI can draw progress bars.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

namespace lwinnn {

class CancelToken {
  public:
    void cancel() { m_cancelled.store(true); }
    bool cancelled() const { return m_cancelled.load(); }

  private:
    std::atomic<bool> m_cancelled{false};
};

struct Progress {
    // Called with (done, total, what); may be empty.
    std::function<void(std::size_t, std::size_t, const std::string&)> report;
    const CancelToken* cancel = nullptr;

    void operator()(std::size_t done, std::size_t total, const std::string& what) const {
        if (report) report(done, total, what);
    }
    // Throws lwinnn::Cancelled when the token has been cancelled.
    void check() const;
};

// Peak resident memory of this process so far, in MB (for the figures long operations report).
double peakMemoryMb();

}  // namespace lwinnn
