#include "progress.h"

#include <sys/resource.h>

#include "error.h"

namespace lwinnn {

void Progress::check() const {
    if (cancel && cancel->cancelled()) throw Cancelled();
}

double peakMemoryMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KB on Linux
}

}  // namespace lwinnn
