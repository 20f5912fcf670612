#include "arguments.h"

#include "error.h"

namespace lwinnn::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
                     const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() < 3 || a.rfind("--", 0) != 0) {
            if (a.size() > 1 && a[0] == '-' && a != "-") throw UsageError("unknown option '" + a + "'");
            m_positional.push_back(a);
            continue;
        }
        std::string name = a.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name)) {
            if (inlineValue) throw UsageError("option --" + name + " takes no value");
            m_flags.insert(name);
        } else if (valued.count(name)) {
            if (inlineValue) {
                m_values[name] = *inlineValue;
            } else {
                if (i + 1 >= args.size()) throw UsageError("option --" + name + " needs a value");
                m_values[name] = args[++i];
            }
        } else {
            throw UsageError("unknown option '--" + name + "'");
        }
    }
}

bool Arguments::has(const std::string& option) const {
    return m_flags.count(option) || m_values.count(option);
}

std::optional<std::string> Arguments::value(const std::string& option) const {
    const auto it = m_values.find(option);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Arguments::value(const std::string& option, const std::string& fallback) const {
    return value(option).value_or(fallback);
}

std::string Arguments::required(const std::string& option) const {
    const auto v = value(option);
    if (!v || v->empty()) throw UsageError("option --" + option + " is required");
    return *v;
}

int Arguments::intValue(const std::string& option, int fallback, int min, int max) const {
    const auto v = value(option);
    if (!v) return fallback;
    try {
        std::size_t used = 0;
        const int n = std::stoi(*v, &used);
        if (used == v->size() && n >= min && n <= max) return n;
    } catch (const std::exception&) {
    }
    throw UsageError("option --" + option + " needs a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", not '" + *v + "'");
}

double Arguments::doubleValue(const std::string& option, double fallback, double min, double max) const {
    const auto v = value(option);
    if (!v) return fallback;
    try {
        std::size_t used = 0;
        const double x = std::stod(*v, &used);
        if (used == v->size() && x >= min && x <= max) return x;
    } catch (const std::exception&) {
    }
    throw UsageError("option --" + option + " needs a number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", not '" + *v + "'");
}

}  // namespace lwinnn::cli
