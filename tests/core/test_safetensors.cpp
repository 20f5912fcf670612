// safetensors: round trips, alignment, the shared metrics fixture, refusals of damaged files, atomic writes.
#include <cstring>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "error.h"
#include "file_util.h"
#include "safetensors.h"
#include "test_support.h"

using namespace lwinnn;
namespace fs = std::filesystem;

namespace {

std::vector<std::byte> bytesOf(const std::string& s) {
    std::vector<std::byte> b(s.size());
    std::memcpy(b.data(), s.data(), s.size());
    return b;
}

void writeBytes(const fs::path& file, const std::vector<std::byte>& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A safetensors file with a hand-written header (no padding), for the malformed cases.
void writeRaw(const fs::path& file, const std::string& header, std::size_t dataBytes) {
    std::string bytes;
    for (std::uint64_t n = header.size(), i = 0; i < 8; ++i, n >>= 8) bytes += static_cast<char>(n & 0xff);
    bytes += header + std::string(dataBytes, '\x11');
    writeBytes(file, bytesOf(bytes));
}

std::uint64_t headerLength(const fs::path& file) {
    const auto bytes = readWholeFile(file);
    std::uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = n << 8 | std::to_integer<std::uint64_t>(bytes.at(i));
    return n;
}

// The message of the FormatError that `read` throws, or "accepted" when it throws nothing.
std::string refusalOf(const std::function<void()>& read) {
    try {
        read();
    } catch (const FormatError& e) {
        return e.what();
    }
    return "accepted";
}

bool mentions(const std::string& message, const fs::path& file, const std::string& word) {
    return message.find(file.filename().string()) != std::string::npos &&
           message.find(word) != std::string::npos;
}

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

  private slots:
    void roundTripOfSeveralDtypes() {
        const auto file = test::scratchDir("safetensors-roundtrip") / "tensors.safetensors";
        const std::vector<float> f32 = {1.5f, -2.25f, 3.0f, 1e-30f, -0.0f, 65504.0f};
        const std::vector<std::uint8_t> u8 = {0, 1, 254, 255, 7};
        const std::vector<std::int64_t> i64 = {-(std::int64_t{1} << 62), 42};
        const std::vector<double> f64 = {3.141592653589793, -1e300, 0.1};
        const std::vector<std::uint16_t> f16 = {0x3c00, 0xc000, 0x0001,
                                                0x7c00};           // 1, -2, smallest subnormal, +inf
        const std::vector<std::uint16_t> bf16 = {0x3f80, 0xc040};  // 1, -3
        const std::int32_t scalar = -7;
        // Names deliberately unsorted: the header keeps the given order.
        const std::vector<TensorToWrite> tensors = {
            {"zeta.f32", DType::F32, {2, 3}, f32.data()}, {"alpha.u8", DType::U8, {5}, u8.data()},
            {"mid.i64", DType::I64, {2, 1}, i64.data()},  {"f64", DType::F64, {3}, f64.data()},
            {"f16", DType::F16, {4}, f16.data()},         {"bf16", DType::BF16, {1, 2}, bf16.data()},
            {"empty", DType::F32, {0, 4}, nullptr},       {"scalar", DType::I32, {}, &scalar},
        };
        const std::map<std::string, std::string> metadata = {{"format", "lwinnn"},
                                                             {"note", "{\"json\": \"inside\"}"}};
        writeSafetensors(file, tensors, metadata);

        const auto n = headerLength(file);
        QCOMPARE((8 + n) % 4096, std::uint64_t{0});
        const auto whole = readWholeFile(file);
        const std::string header(reinterpret_cast<const char*>(whole.data() + 8), n);
        const auto order = {"__metadata__", "zeta.f32", "alpha.u8", "mid.i64", "f64",
                            "f16",          "bf16",     "empty",    "scalar"};
        std::size_t last = 0;
        for (const std::string key : order) {
            const auto at = header.find("\"" + key + "\"");
            QVERIFY2(at != std::string::npos && at >= last, key.c_str());
            last = at;
        }

        auto read = readSafetensors(file);
        QCOMPARE(read.metadata, metadata);
        QCOMPARE(read.dataOffset, 8 + n);
        QCOMPARE(read.tensors.size(), tensors.size());
        const auto* base = read.tensors.at(tensors.front().name).data;
        std::size_t offset = 0;
        for (const auto& t : tensors) {
            const auto& got = read.tensors.at(t.name);
            QCOMPARE(got.dtype, t.dtype);
            QCOMPARE(got.shape, t.shape);
            QCOMPARE(got.nbytes, static_cast<std::size_t>(got.numel()) * dtypeSize(t.dtype));
            // Contiguous, in the order given, from the aligned data section start: views into the mapping,
            // except tensors whose bytes there are not aligned for their dtype, which are aligned copies.
            if (reinterpret_cast<std::uintptr_t>(base + offset) % dtypeSize(t.dtype) == 0)
                QCOMPARE(static_cast<std::size_t>(got.data - base), offset);
            else
                QCOMPARE(reinterpret_cast<std::uintptr_t>(got.data) % dtypeSize(t.dtype), std::uintptr_t{0});
            QVERIFY(got.nbytes == 0 || std::memcmp(got.data, t.data, got.nbytes) == 0);
            offset += got.nbytes;
        }
        // Tensors keep the mapping alive after the file object is gone.
        const auto zeta = read.tensors.at("zeta.f32");
        read = {};
        QCOMPARE(zeta.toFloats(), f32);
        QCOMPARE(read.tensors.size(), std::size_t{0});

        const auto half = readSafetensors(file).tensors.at("f16").toFloats();
        QCOMPARE(half, (std::vector<float>{1.0f, -2.0f, 5.9604644775390625e-8f,
                                           std::numeric_limits<float>::infinity()}));
        QCOMPARE(readSafetensors(file).tensors.at("bf16").toFloats(), (std::vector<float>{1.0f, -3.0f}));
    }

    void tensorsFollowEachOtherWithoutGaps() {
        const auto file = test::scratchDir("safetensors-layout") / "layout.safetensors";
        const std::vector<std::uint8_t> a(3, 1), b(70, 2);
        const std::vector<float> c(5, 3.0f);
        writeSafetensors(file,
                         {{"a", DType::U8, {3}, a.data()},
                          {"b", DType::U8, {70}, b.data()},
                          {"c", DType::F32, {5}, c.data()}},
                         {}, 64);
        QCOMPARE((8 + headerLength(file)) % 64, std::uint64_t{0});
        const auto whole = readWholeFile(file);
        const auto header = nlohmann::json::parse(
            std::string(reinterpret_cast<const char*>(whole.data() + 8), headerLength(file)));
        QVERIFY(!header.contains("__metadata__"));  // none given, none written
        QCOMPARE(header["a"]["data_offsets"], nlohmann::json({0, 3}));
        QCOMPARE(header["b"]["data_offsets"], nlohmann::json({3, 73}));
        QCOMPARE(header["c"]["data_offsets"], nlohmann::json({73, 93}));
        QCOMPARE(whole.size(), 8 + headerLength(file) + 93);
        const auto read = readSafetensors(file);
        QCOMPARE(read.tensors.at("c").toFloats(), c);
        QCOMPARE(read.tensors.at("b").u8()[69], std::uint8_t{2});
        // "c" starts at data offset 73: read through a typed pointer it must still be aligned (the
        // sanitizer build caught the misaligned load on the shared metrics fixture, which has this layout).
        const HostTensor& unaligned = read.tensors.at("c");
        QCOMPARE(reinterpret_cast<std::uintptr_t>(unaligned.data) % alignof(float), std::uintptr_t{0});
        QCOMPARE(unaligned.f32()[4], 3.0f);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(read.tensors.at("a").data) % 64, std::uintptr_t{0});
    }

    void sharedMetricsFixture() {
        LWINNN_REQUIRE_SHARED("fixtures/metrics/case0.safetensors");
        const auto read = readSafetensors(test::sharedDir() / "fixtures/metrics/case0.safetensors");
        QCOMPARE(read.tensors.size(), std::size_t{4});
        const auto expect = [&](const std::string& name, DType dtype, std::vector<std::int64_t> shape) {
            const auto& t = read.tensors.at(name);
            QCOMPARE(t.dtype, dtype);
            QCOMPARE(t.shape, shape);
        };
        expect("image_labels", DType::U8, {8});
        expect("image_scores", DType::F32, {8});
        expect("maps", DType::F32, {8, 32, 48});
        expect("masks", DType::U8, {8, 32, 48});
        const auto* masks = read.tensors.at("masks").u8();
        for (std::int64_t i = 0; i < 8 * 32 * 48; ++i) QVERIFY(masks[i] == 0 || masks[i] == 255);
        const auto* labels = read.tensors.at("image_labels").u8();
        for (int i = 0; i < 8; ++i) QVERIFY(labels[i] <= 1);
    }

    void refusesTruncatedFiles() {
        const auto dir = test::scratchDir("safetensors-truncated");
        const auto good = dir / "good.safetensors";
        const std::vector<float> values(100, 0.5f);
        writeSafetensors(good, {{"x", DType::F32, {100}, values.data()}}, {{"k", "v"}});
        const auto bytes = readWholeFile(good);
        const auto dataStart = 8 + headerLength(good);
        for (const std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{8}, std::size_t{40},
                                      static_cast<std::size_t>(dataStart) - 1, bytes.size() - 1}) {
            const auto file = dir / ("cut" + std::to_string(cut) + ".safetensors");
            writeBytes(file, {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut)});
            const auto message = refusalOf([&] { readSafetensors(file); });
            QVERIFY2(mentions(message, file, "truncated"), message.c_str());
        }
    }

    void refusesMalformedHeaders_data() {
        QTest::addColumn<QString>("header");
        QTest::addColumn<int>("dataBytes");
        QTest::addColumn<QString>("word");
        QTest::newRow("bad JSON") << R"({"x": {"dtype": "F32", )" << 0 << "JSON";
        QTest::newRow("not an object") << "[1, 2, 3]" << 0 << "not a JSON object";
        QTest::newRow("unknown dtype")
            << R"({"x":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}})" << 1 << "unknown dtype";
        QTest::newRow("shape vs offsets")
            << R"({"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})" << 8 << "needs 12 bytes";
        QTest::newRow("dtype vs offsets")
            << R"({"x":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}})" << 8 << "needs 16 bytes";
        QTest::newRow("beyond data") << R"({"x":{"dtype":"F32","shape":[100],"data_offsets":[0,400]}})" << 16
                                     << "data section";
        QTest::newRow("reversed offsets")
            << R"({"x":{"dtype":"U8","shape":[0],"data_offsets":[8,4]}})" << 8 << "end before they begin";
        QTest::newRow("negative dim")
            << R"({"x":{"dtype":"U8","shape":[-1],"data_offsets":[0,0]}})" << 0 << "shape";
        QTest::newRow("overlap") << R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                    R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})"
                                 << 12 << "overlap";
        QTest::newRow("overlap past an empty tensor")
            << R"({"a":{"dtype":"U8","shape":[10],"data_offsets":[0,10]},)"
               R"("e":{"dtype":"U8","shape":[0],"data_offsets":[2,2]},)"
               R"("b":{"dtype":"U8","shape":[4],"data_offsets":[5,9]}})"
            << 10 << "overlap";
        QTest::newRow("metadata value") << R"({"__metadata__":{"epoch":3}})" << 0 << "not a string";
        QTest::newRow("missing offsets") << R"({"x":{"dtype":"U8","shape":[1]}})" << 1 << "data_offsets";
    }

    void refusesMalformedHeaders() {
        QFETCH(QString, header);
        QFETCH(int, dataBytes);
        QFETCH(QString, word);
        const auto file = test::scratchDir("safetensors-malformed") / "bad.safetensors";
        writeRaw(file, header.toStdString(), static_cast<std::size_t>(dataBytes));
        const auto message = refusalOf([&] { readSafetensors(file); });
        QVERIFY2(mentions(message, file, word.toStdString()), message.c_str());
    }

    void refusesAbsurdHeaderLength() {
        const auto file = test::scratchDir("safetensors-absurd") / "absurd.safetensors";
        std::vector<std::byte> bytes(64, std::byte{0});
        bytes[5] = std::byte{1};  // 2^40 bytes of header
        writeBytes(file, bytes);
        const auto message = refusalOf([&] { readSafetensors(file); });
        QVERIFY2(mentions(message, file, "absurd"), message.c_str());
    }

    void acceptsAValidHandWrittenHeader() {
        // The refusals above are not a reader that refuses everything: the same shape, well formed, reads.
        const auto file = test::scratchDir("safetensors-valid") / "ok.safetensors";
        writeRaw(file, R"({"__metadata__":{"a":"b"},"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})",
                 8);
        const auto read = readSafetensors(file);
        QCOMPARE(read.tensors.at("x").shape, (std::vector<std::int64_t>{2}));
        QCOMPARE(read.metadata.at("a"), std::string("b"));
    }

    void failedAtomicWriteLeavesThePreviousFile() {
        const auto dir = test::scratchDir("safetensors-atomic");
        const auto file = dir / "model.safetensors";
        const std::vector<float> values = {1, 2, 3};
        writeSafetensors(file, {{"v", DType::F32, {3}, values.data()}}, {{"version", "1"}});
        const auto before = readWholeFile(file);

        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeFileAtomically(file, [](std::ostream& out) {
                                     out << "half of a new file";
                                     throw std::runtime_error("interrupted");
                                 }));
        QCOMPARE(readWholeFile(file), before);
        QCOMPARE(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), std::ptrdiff_t{1});

        // A write into a missing folder fails with the file named, and creates nothing.
        const auto nowhere = dir / "missing" / "x.bin";
        try {
            writeFileAtomically(nowhere, "x", 1);
            QFAIL("wrote into a missing folder");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("x.bin") != std::string::npos);
        }

        // A successful write replaces the file and leaves no temporary behind.
        writeFileAtomically(file, "new", 3);
        QCOMPARE(readWholeFile(file), bytesOf("new"));
        QCOMPARE(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), std::ptrdiff_t{1});
    }

    void mapsAnEmptyFile() {
        const auto file = test::scratchDir("safetensors-empty") / "empty.bin";
        writeBytes(file, {});
        const MappedFile mapping(file);
        QCOMPARE(mapping.size(), std::size_t{0});
        QVERIFY(readWholeFile(file).empty());
        const auto message = refusalOf([&] { readSafetensors(file); });
        QVERIFY2(mentions(message, file, "truncated"), message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
