#include "progress.h"

#include "error.h"

namespace lwinnn {

void Progress::check() const {
    if (cancel && cancel->cancelled()) throw Cancelled();
}

}  // namespace lwinnn
