// How many CPUs this process may compute on: the CPUs of its affinity mask (taskset, a container's cpuset),
// fewer under a cgroup CPU quota (a container's --cpus, systemd's CPUQuota=), rounded up.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace lwinnn {

// The CPUs this process may run on, limited by its cgroup's CPU quota; at least 1.
int availableCores();

// The same from explicit sources, for tests: `affinity` CPUs, the process's cgroup membership as in
// /proc/self/cgroup, and the cgroup file system's mount point (/sys/fs/cgroup).
int availableCores(int affinity, std::string_view procSelfCgroup, const std::filesystem::path& cgroupRoot);

// CPUs granted by a cgroup v2 `cpu.max` ("max 100000", "150000 100000"); nothing when unlimited or
// unreadable.
std::optional<double> cgroupV2Quota(std::string_view cpuMax);
// CPUs granted by cgroup v1's cpu.cfs_quota_us and cpu.cfs_period_us (quota −1: unlimited).
std::optional<double> cgroupV1Quota(std::string_view quotaUs, std::string_view periodUs);

// The thread count OMP_NUM_THREADS asks for (its first entry; "4,2" nests), or nothing when unset or invalid.
std::optional<int> ompNumThreads(const char* value);

}  // namespace lwinnn
