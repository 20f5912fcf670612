// core/cpu_budget: the CPUs a process may compute on, from its affinity mask and its cgroup's CPU quota (v1
// and v2, read from cgroup trees the test lays out), and OMP_NUM_THREADS.
#include <QtTest>

#include <fstream>

#include "cpu_budget.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

void writeFile(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

}  // namespace

class TestCpuBudget : public QObject {
    Q_OBJECT

  private slots:
    void quotaTexts() {
        QCOMPARE(cgroupV2Quota("max 100000\n"), std::optional<double>());
        QCOMPARE(cgroupV2Quota("150000 100000\n"), std::optional<double>(1.5));
        QCOMPARE(cgroupV2Quota("50000 100000"), std::optional<double>(0.5));
        QCOMPARE(cgroupV2Quota(""), std::optional<double>());
        QCOMPARE(cgroupV2Quota("garbage"), std::optional<double>());
        QCOMPARE(cgroupV1Quota("-1\n", "100000\n"), std::optional<double>());
        QCOMPARE(cgroupV1Quota("200000\n", "100000\n"), std::optional<double>(2.0));
        QCOMPARE(cgroupV1Quota("", ""), std::optional<double>());
    }

    void ompNumThreadsValues() {
        QCOMPARE(ompNumThreads(nullptr), std::optional<int>());
        QCOMPARE(ompNumThreads(""), std::optional<int>());
        QCOMPARE(ompNumThreads("1"), std::optional<int>(1));
        QCOMPARE(ompNumThreads("4,2"), std::optional<int>(4));
        QCOMPARE(ompNumThreads("0"), std::optional<int>());
        QCOMPARE(ompNumThreads("two"), std::optional<int>());
    }

    void cgroupV2QuotaLimitsTheAffinity() {
        const auto root = test::scratchDir("cpu_budget_v2");
        writeFile(root / "cpu.max", "max 100000\n");
        writeFile(root / "machine" / "cpu.max", "max 100000\n");
        writeFile(root / "machine" / "job" / "cpu.max", "150000 100000\n");  // --cpus 1.5
        QCOMPARE(availableCores(8, "0::/machine/job\n", root), 2);
        QCOMPARE(availableCores(1, "0::/machine/job\n", root), 1);  // the affinity is smaller
        // A quota on an ancestor applies too.
        writeFile(root / "machine" / "cpu.max", "100000 100000\n");
        QCOMPARE(availableCores(8, "0::/machine/job\n", root), 1);
        // No quota anywhere: the affinity.
        QCOMPARE(availableCores(8, "0::/elsewhere\n", test::scratchDir("cpu_budget_none")), 8);
    }

    void cgroupV1QuotaLimitsTheAffinity() {
        const auto root = test::scratchDir("cpu_budget_v1");
        writeFile(root / "cpu,cpuacct" / "docker" / "abc" / "cpu.cfs_quota_us", "300000\n");
        writeFile(root / "cpu,cpuacct" / "docker" / "abc" / "cpu.cfs_period_us", "100000\n");
        const std::string membership = "12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/\n";
        QCOMPARE(availableCores(16, membership, root), 3);
        // Inside the container its own path is not mounted: the mount point's files apply.
        const auto inside = test::scratchDir("cpu_budget_v1_inside");
        writeFile(inside / "cpu" / "cpu.cfs_quota_us", "250000\n");
        writeFile(inside / "cpu" / "cpu.cfs_period_us", "100000\n");
        QCOMPARE(availableCores(16, "4:cpu,cpuacct:/docker/abc\n", inside), 3);
        writeFile(inside / "cpu" / "cpu.cfs_quota_us", "-1\n");
        QCOMPARE(availableCores(16, "4:cpu,cpuacct:/docker/abc\n", inside), 16);
    }

    void thisProcess() {
        const int cores = availableCores();
        QVERIFY(cores >= 1);
        QVERIFY(cores <= std::max(1, QThread::idealThreadCount()));
    }
};

QTEST_GUILESS_MAIN(TestCpuBudget)
#include "test_cpu_budget.moc"
