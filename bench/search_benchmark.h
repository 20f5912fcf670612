// `lwinnn bench --search`: the window search measured against the machine's matrix-product rate and against
// the reference formulation (one bank-sized temporary per window offset), on the same inputs in the same run,
// with a check that every path gives the same scores.
#pragma once

#include <string>

namespace lwinnn::bench {

struct SearchBenchmarkOptions {
    int trainImages = 200;  // N, rendered demo parts of 256×256
    int testImages = 32;    // scored by every path
    int window = 7;
    int singleImages = 4;   // scored one at a time for the latency figure
    bool reference = true;  // run the reference formulation too (slow: about a minute)
    std::string weights;    // as for train; empty: the usual search
    std::string device = "auto";
};

// Prints the report to stdout; returns 0, or 1 when a path's scores differ beyond the tolerance.
int runSearchBenchmark(const SearchBenchmarkOptions& options);

}  // namespace lwinnn::bench
