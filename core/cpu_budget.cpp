#include "cpu_budget.h"

#include <sched.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace lwinnn {
namespace {

std::string readSmallFile(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

std::optional<long long> integer(std::string_view s) {
    s = trimmed(s);
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

// The cgroup's folder and each of its ancestors up to the mount point: a quota on any of them applies.
std::vector<std::filesystem::path> cgroupChain(const std::filesystem::path& mount,
                                               std::string_view relative) {
    std::vector<std::filesystem::path> chain;
    std::filesystem::path dir = mount / std::filesystem::path(std::string(relative)).relative_path();
    std::error_code ec;
    // In a container the path of /proc/self/cgroup may be the host's, absent here: then only the mount point.
    if (!std::filesystem::is_directory(dir, ec)) dir = mount;
    for (;; dir = dir.parent_path()) {
        chain.push_back(dir);
        if (dir == mount || !dir.has_relative_path() || dir == dir.parent_path()) break;
    }
    return chain;
}

}  // namespace

std::optional<double> cgroupV2Quota(std::string_view cpuMax) {
    cpuMax = trimmed(cpuMax);
    const auto space = cpuMax.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const auto quota = integer(cpuMax.substr(0, space));  // "max" is not a number: unlimited
    const auto period = integer(cpuMax.substr(space + 1));
    if (!quota || !period || *quota <= 0 || *period <= 0) return std::nullopt;
    return static_cast<double>(*quota) / static_cast<double>(*period);
}

std::optional<double> cgroupV1Quota(std::string_view quotaUs, std::string_view periodUs) {
    const auto quota = integer(quotaUs);
    const auto period = integer(periodUs);
    if (!quota || !period || *quota <= 0 || *period <= 0) return std::nullopt;
    return static_cast<double>(*quota) / static_cast<double>(*period);
}

std::optional<int> ompNumThreads(const char* value) {
    if (value == nullptr) return std::nullopt;
    std::string_view s(value);
    s = s.substr(0, s.find(','));
    const auto n = integer(s);
    if (!n || *n < 1 || *n > 4096) return std::nullopt;
    return static_cast<int>(*n);
}

int availableCores(int affinity, std::string_view procSelfCgroup, const std::filesystem::path& cgroupRoot) {
    std::optional<double> quota;
    const auto tighten = [&](std::optional<double> q) {
        if (q && (!quota || *q < *quota)) quota = q;
    };
    // Lines "id:controllers:path": "0::/path" in cgroup v2, "4:cpu,cpuacct:/path" in v1.
    std::istringstream lines{std::string(procSelfCgroup)};
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find(':');
        const auto second = first == std::string::npos ? std::string::npos : line.find(':', first + 1);
        if (second == std::string::npos) continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        const std::string_view path = std::string_view(line).substr(second + 1);
        if (controllers.empty()) {
            for (const auto& dir : cgroupChain(cgroupRoot, path))
                tighten(cgroupV2Quota(readSmallFile(dir / "cpu.max")));
            continue;
        }
        std::istringstream names(controllers);
        for (std::string name; std::getline(names, name, ',');) {
            if (name != "cpu") continue;
            for (const std::string& mount : {controllers, std::string("cpu"), std::string("cpu,cpuacct")}) {
                const std::filesystem::path root = cgroupRoot / mount;
                std::error_code ec;
                if (!std::filesystem::is_directory(root, ec)) continue;
                for (const auto& dir : cgroupChain(root, path))
                    tighten(cgroupV1Quota(readSmallFile(dir / "cpu.cfs_quota_us"),
                                          readSmallFile(dir / "cpu.cfs_period_us")));
                break;
            }
        }
    }
    int cores = std::max(1, affinity);
    if (quota) cores = std::min(cores, std::max(1, static_cast<int>(std::ceil(*quota - 1e-9))));
    return cores;
}

int availableCores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    // The fixed-size set fails (EINVAL) on hosts of more than CPU_SETSIZE CPUs: then every online CPU.
    int affinity = static_cast<int>(std::thread::hardware_concurrency());
    if (sched_getaffinity(0, sizeof set, &set) == 0) affinity = CPU_COUNT(&set);
    return availableCores(affinity, readSmallFile("/proc/self/cgroup"), "/sys/fs/cgroup");
}

}  // namespace lwinnn
