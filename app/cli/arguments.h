// Command-line parsing for `lwinnn`: a command, positional arguments and --options (with values or flags).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lwinnn::cli {

class Arguments {
  public:
    // `valued`: options that take a value (--out DIR or --out=DIR); `flags`: options that do not.
    // Throws UsageError on an unknown option or a missing value.
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
              const std::set<std::string>& flags);

    const std::vector<std::string>& positional() const { return m_positional; }
    bool has(const std::string& option) const;
    std::optional<std::string> value(const std::string& option) const;
    std::string value(const std::string& option, const std::string& fallback) const;
    int intValue(const std::string& option, int fallback, int min, int max) const;
    double doubleValue(const std::string& option, double fallback, double min, double max) const;
    std::string required(const std::string& option) const;

  private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

}  // namespace lwinnn::cli
