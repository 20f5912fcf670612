// Writing CSV (RFC 4180) for the CLI's tables, the Studio's exports and its review marks.
#pragma once

#include <string>
#include <string_view>

namespace lwinnn {

// One field: as it is, or quoted (with quotes doubled) when it holds a comma, a quote or a line break (\n or
// \r, so that a spreadsheet does not end the record there).
std::string csvField(std::string_view text);

}  // namespace lwinnn
