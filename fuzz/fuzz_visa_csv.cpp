// The VisA split_csv/1cls.csv parser (RFC 4180 records, header columns, row checks) on arbitrary text.
#include <string_view>

#include "dataset.h"
#include "error.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto rows =
            lwinnn::parseVisaCsv({reinterpret_cast<const char*>(data), size}, "split_csv/1cls.csv");
        if (rows.empty()) lwinnn::fuzz::broken("accepted a CSV without rows");
        for (const auto& row : rows) {
            if (row.object.empty() || row.image.empty() || row.line < 2)
                lwinnn::fuzz::broken("accepted a bad row");
            if (row.anomaly && (row.train || row.mask.empty()))
                lwinnn::fuzz::broken("accepted a bad anomaly row");
        }
    } catch (const lwinnn::Error&) {
    }
    return 0;
}
