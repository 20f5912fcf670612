// The PyTorch zip checkpoint reader: the shared ResNet18 trunk, a hand-built checkpoint that exercises the
// pickle subset (strided views, int64 storages, parameters, _metadata, protocol 4 opcodes, ZIP64), and the
// refusal of truncated, damaged, foreign and malicious files.
#include <bit>
#include <cstring>
#include <fstream>
#include <functional>

#include "checkpoint_reader.h"
#include "error.h"
#include "file_util.h"
#include "test_support.h"

using namespace lwinnn;
namespace fs = std::filesystem;

namespace {

const char* const kWeights = "weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth";

// ---- little builders for zips and pickles -----------------------------------------------------------------

QByteArray le(std::uint64_t value, int bytes) {
    QByteArray out;
    for (int i = 0; i < bytes; ++i, value >>= 8) out += static_cast<char>(value & 0xff);
    return out;
}

// Bitwise CRC-32 (reflected 0xEDB88320), independent of the table-driven one under test.
std::uint32_t crc32(const QByteArray& data) {
    std::uint32_t c = 0xffffffffu;
    for (const char ch : data) {
        c ^= static_cast<unsigned char>(ch);
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

struct ZipOptions {
    bool zip64 = false;  // sizes and offsets only in ZIP64 extra fields and end records
    int method = 0;      // claimed compression method (data is stored regardless)
};

// A zip as torch.save writes it: stored entries, local headers, central directory, end record.
QByteArray makeZip(const std::vector<std::pair<QByteArray, QByteArray>>& entries, ZipOptions options = {}) {
    QByteArray zip, directory;
    for (const auto& [name, data] : entries) {
        const auto offset = static_cast<std::uint64_t>(zip.size());
        const auto crc = crc32(data);
        const auto size = static_cast<std::uint64_t>(data.size());
        zip += le(0x04034b50, 4) + le(20, 2) + le(0, 2) + le(options.method, 2) + le(0, 4) + le(crc, 4) +
               le(size, 4) + le(size, 4) + le(name.size(), 2) + le(0, 2) + name + data;
        const QByteArray extra =
            options.zip64 ? le(1, 2) + le(24, 2) + le(size, 8) + le(size, 8) + le(offset, 8) : QByteArray();
        const auto wide = [&](std::uint64_t v) { return options.zip64 ? 0xffffffffu : v; };
        directory += le(0x02014b50, 4) + le(45, 2) + le(20, 2) + le(0, 2) + le(options.method, 2) + le(0, 4) +
                     le(crc, 4) + le(wide(size), 4) + le(wide(size), 4) + le(name.size(), 2) +
                     le(extra.size(), 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(wide(offset), 4) +
                     name + extra;
    }
    const auto directoryOffset = static_cast<std::uint64_t>(zip.size());
    zip += directory;
    if (options.zip64) {
        const auto record = static_cast<std::uint64_t>(zip.size());
        zip += le(0x06064b50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4) +
               le(entries.size(), 8) + le(entries.size(), 8) + le(directory.size(), 8) +
               le(directoryOffset, 8);
        zip += le(0x07064b50, 4) + le(0, 4) + le(record, 8) + le(1, 4);
        zip += le(0x06054b50, 4) + le(0, 4) + le(0xffff, 2) + le(0xffff, 2) + le(0xffffffff, 4) +
               le(0xffffffff, 4) + le(0, 2);
    } else {
        zip += le(0x06054b50, 4) + le(0, 4) + le(entries.size(), 2) + le(entries.size(), 2) +
               le(directory.size(), 4) + le(directoryOffset, 4) + le(0, 2);
    }
    return zip;
}

namespace pk {
QByteArray str(const QByteArray& s) { return "X" + le(s.size(), 4) + s; }
QByteArray shortStr(const QByteArray& s) { return "\x8c" + le(s.size(), 1) + s; }
QByteArray int1(int v) { return "K" + le(v, 1); }
QByteArray global(const QByteArray& module, const QByteArray& name) {
    return "c" + module + "\n" + name + "\n";
}
QByteArray orderedDict() { return global("collections", "OrderedDict") + ")R"; }
QByteArray tuple(std::initializer_list<int> values) {
    QByteArray out = "(";
    for (const int v : values) out += int1(v);
    return out + "t";
}
QByteArray storage(const QByteArray& type, const QByteArray& key, int numel) {
    return "(" + str("storage") + global("torch", type) + str(key) + str("cpu") + "J" + le(numel, 4) + "tQ";
}
QByteArray rebuildTensor(const QByteArray& storage, const QByteArray& offset, const QByteArray& size,
                         const QByteArray& stride) {
    return global("torch._utils", "_rebuild_tensor_v2") + "(" + storage + offset + size + stride + "\x89" +
           orderedDict() + "tR";
}
// A whole pickle: protocol 2 header, an OrderedDict filled by SETITEMS, STOP.
QByteArray stateDict(const QByteArray& items) {
    return "\x80\x02" + orderedDict() + QByteArray("q\x00(", 3) + items + "u.";
}
}  // namespace pk

QByteArray floatBytes(std::initializer_list<float> values) {
    QByteArray out;
    for (const float v : values) out += le(std::bit_cast<std::uint32_t>(v), 4);
    return out;
}

// A checkpoint with one data.pkl and storages "0", "1", ... under "archive/".
QByteArray makeCheckpoint(const QByteArray& pickle, const std::vector<QByteArray>& storages,
                          ZipOptions options = {}) {
    std::vector<std::pair<QByteArray, QByteArray>> entries = {{"archive/data.pkl", pickle}};
    for (std::size_t i = 0; i < storages.size(); ++i)
        entries.emplace_back("archive/data/" + QByteArray::number(static_cast<qulonglong>(i)), storages[i]);
    entries.emplace_back("archive/version", "3\n");
    return makeZip(entries, options);
}

// Storage "0": eight floats 0..7, shared by several views below.
const QByteArray kStorage0 = floatBytes({0, 1, 2, 3, 4, 5, 6, 7});

// The pickle a torch.save of a small state_dict would produce, in the variants torch versions emit.
QByteArray handBuiltPickle() {
    using namespace pk;
    QByteArray items;
    // 'w': the transpose of a 3x2 block: offset 1, size (2,3), stride (1,2) -> [[1,3,5],[2,4,6]].
    items += str("w") + rebuildTensor(storage("FloatStorage", "0", 8), int1(1), tuple({2, 3}), tuple({1, 2}));
    // 'n': an int64 scalar like num_batches_tracked (LONG1 offset, empty size and stride).
    items +=
        str("n") + rebuildTensor(storage("LongStorage", "1", 1), QByteArray("\x8a\x01\x00", 3), ")", ")");
    // 'p': a Parameter over storage "0" again, every other element; STACK_GLOBAL and MEMOIZE as protocol 4
    // writes them.
    items += str("p") + shortStr("torch._utils") + shortStr("_rebuild_parameter") + "\x93\x94(" +
             rebuildTensor(storage("FloatStorage", "0", 8) + "\x94", int1(0), tuple({4}), tuple({2})) +
             "\x88" + orderedDict() + "tR";
    // 'h': float16 with the seven-argument form (metadata None) and a key in BINUNICODE8.
    items += QByteArray("\x8d") + le(1, 8) + "h" + global("torch._utils", "_rebuild_tensor_v2") + "(" +
             storage("HalfStorage", "2", 2) + int1(0) + tuple({2}) + tuple({1}) + "\x89" + orderedDict() +
             "NtR";
    QByteArray pickle = "\x80\x04\x95" + le(0, 8) + orderedDict() + "\x94(" + items + "u";
    // BUILD with {'_metadata': {'': {'version': 1}}}, as torchvision's own checkpoints carry.
    pickle += "}" + str("_metadata") + "}" + str("") + "}" + str("version") + int1(1) + "sssb.";
    const auto frame = le(static_cast<std::uint64_t>(pickle.size() - 11), 8);
    pickle.replace(3, 8, frame);
    return pickle;
}

std::vector<QByteArray> handBuiltStorages() {
    return {kStorage0, le(static_cast<std::uint64_t>(-5), 8), le(0x3c00, 2) + le(0xc000, 2)};
}

fs::path writeFile(const fs::path& file, const QByteArray& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.constData(), bytes.size());
    return file;
}

QByteArray readFile(const fs::path& file) {
    const auto bytes = readWholeFile(file);
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
}

// The message of the FormatError the reader throws, or "accepted".
std::string refusalOf(const fs::path& file) {
    try {
        readTorchCheckpoint(file);
    } catch (const FormatError& e) {
        return e.what();
    }
    return "accepted";
}

bool mentions(const std::string& message, const fs::path& file, const std::string& word) {
    return message.find(file.filename().string()) != std::string::npos &&
           message.find(word) != std::string::npos;
}

std::vector<std::uint32_t> floatBits(const HostTensor& t, std::size_t count) {
    std::vector<std::uint32_t> bits(count);
    std::memcpy(bits.data(), t.f32(), count * 4);
    return bits;
}

}  // namespace

class TestCheckpointReader : public QObject {
    Q_OBJECT

  private slots:
    void readsTheSharedResNet18Trunk() {
        LWINNN_REQUIRE_SHARED(kWeights);
        const auto tensors = readTorchCheckpoint(test::sharedDir() / kWeights);
        QCOMPARE(tensors.size(), std::size_t{90});

        const auto& conv1 = tensors.at("conv1.weight");
        QCOMPARE(conv1.dtype, DType::F32);
        QCOMPARE(conv1.shape, (std::vector<std::int64_t>{64, 3, 7, 7}));
        QCOMPARE(conv1.nbytes, std::size_t{64 * 3 * 7 * 7 * 4});
        // Read with Python's zipfile + struct from archive/data/0: -0.0025360081, -0.0014933706,
        // -0.00044048871.
        QCOMPARE(floatBits(conv1, 3), (std::vector<std::uint32_t>{0xbb263328, 0xbac3bd34, 0xb9e6f165}));
        std::uint32_t lastBits;
        std::memcpy(&lastBits, conv1.f32() + conv1.numel() - 1, 4);
        QCOMPARE(lastBits, std::uint32_t{0xbc6ebaa8});  // -0.014570869

        // Folded BatchNorm: running_var is 1 - 1e-5 throughout (float32 0x3f7fff58).
        const auto& var = tensors.at("layer3.1.bn2.running_var");
        QCOMPARE(var.shape, (std::vector<std::int64_t>{256}));
        for (const auto bits : floatBits(var, 256)) QCOMPARE(bits, std::uint32_t{0x3f7fff58});

        const auto& tracked = tensors.at("layer3.1.bn2.num_batches_tracked");
        QCOMPARE(tracked.dtype, DType::I64);
        QVERIFY(tracked.shape.empty());
        std::int64_t count = -1;
        std::memcpy(&count, tracked.data, 8);
        QCOMPARE(count, std::int64_t{0});
        QCOMPARE(tensors.at("layer3.0.downsample.0.weight").shape,
                 (std::vector<std::int64_t>{256, 128, 1, 1}));
    }

    void readsAHandBuiltCheckpoint_data() {
        QTest::addColumn<bool>("zip64");
        QTest::newRow("zip") << false;
        QTest::newRow("zip64") << true;
    }

    void readsAHandBuiltCheckpoint() {
        QFETCH(bool, zip64);
        const auto file = writeFile(test::scratchDir("checkpoint-handbuilt") / "small.pth",
                                    makeCheckpoint(handBuiltPickle(), handBuiltStorages(), {zip64, 0}));
        const auto tensors = readTorchCheckpoint(file);
        QCOMPARE(tensors.size(), std::size_t{4});

        const auto& w = tensors.at("w");
        QCOMPARE(w.shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(w.toFloats(), (std::vector<float>{1, 3, 5, 2, 4, 6}));

        const auto& n = tensors.at("n");
        QCOMPARE(n.dtype, DType::I64);
        QVERIFY(n.shape.empty());
        std::int64_t value = 0;
        std::memcpy(&value, n.data, 8);
        QCOMPARE(value, std::int64_t{-5});

        QCOMPARE(tensors.at("p").shape, (std::vector<std::int64_t>{4}));
        QCOMPARE(tensors.at("p").toFloats(), (std::vector<float>{0, 2, 4, 6}));
        QCOMPARE(tensors.at("h").dtype, DType::F16);
        QCOMPARE(tensors.at("h").toFloats(), (std::vector<float>{1, -2}));
    }

    void refusesTruncatedCopies() {
        LWINNN_REQUIRE_SHARED(kWeights);
        const auto original = readFile(test::sharedDir() / kWeights);
        const auto dir = test::scratchDir("checkpoint-truncated");
        // Inside data.pkl (it starts at byte ~100), inside storage 0, inside the central directory, in the
        // end record, and a file too short to hold any zip record.
        for (const qsizetype cut : {qsizetype{4000}, qsizetype{20000}, original.size() - 2000,
                                    original.size() - 10, qsizetype{10}}) {
            const auto file = writeFile(dir / ("cut" + std::to_string(cut) + ".pth"), original.left(cut));
            const auto message = refusalOf(file);
            QVERIFY2(mentions(message, file, "truncated"), message.c_str());
        }
    }

    void refusesABitFlipInAStorage() {
        LWINNN_REQUIRE_SHARED(kWeights);
        auto bytes = readFile(test::sharedDir() / kWeights);
        bytes[20000] = static_cast<char>(bytes[20000] ^ 0x10);  // inside archive/data/0 (conv1.weight)
        const auto file = writeFile(test::scratchDir("checkpoint-bitflip") / "flipped.pth", bytes);
        const auto message = refusalOf(file);
        QVERIFY2(mentions(message, file, "CRC-32") && message.find("data/0") != std::string::npos,
                 message.c_str());
    }

    void refusesForeignFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("word");
        QTest::newRow("JSON") << QByteArray(R"({"conv1.weight": [1, 2, 3], "padding": "................."})")
                              << "not a PyTorch zip checkpoint";
        QTest::newRow("legacy pickle")
            << QByteArray("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15) << "legacy";
        QTest::newRow("empty") << QByteArray() << "not a PyTorch zip checkpoint";
        QTest::newRow("zip without data.pkl")
            << makeZip({{"model/weights.bin", "abcd"}, {"model/version", "3\n"}}) << "no data.pkl";
        QTest::newRow("compressed entry")
            << makeCheckpoint(handBuiltPickle(), handBuiltStorages(), {false, 8}) << "compressed";
    }

    void refusesForeignFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, word);
        const auto file = writeFile(test::scratchDir("checkpoint-foreign") / "foreign.pth", bytes);
        const auto message = refusalOf(file);
        QVERIFY2(mentions(message, file, word.toStdString()), message.c_str());
    }

    void refusesDamagedZipStructures_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("word");
        const auto good = makeCheckpoint(handBuiltPickle(), handBuiltStorages());
        const auto patch = [](QByteArray bytes, qsizetype at, std::uint64_t value, int width) {
            bytes.replace(at, width, le(value, width));
            return bytes;
        };
        const auto endRecord = good.lastIndexOf("PK\x05\x06");
        const auto storageEntry =
            good.indexOf("PK\x01\x02", good.indexOf("PK\x01\x02") + 1);  // archive/data/0
        QTest::newRow("directory offset past the end")
            << patch(good, endRecord + 16, 0x7fff0000, 4) << "truncated";
        QTest::newRow("entry larger than the file")
            << patch(patch(good, storageEntry + 20, 0x100000, 4), storageEntry + 24, 0x100000, 4)
            << "runs past";
        QTest::newRow("local header offset wrong") << patch(good, storageEntry + 42, 1, 4) << "local header";
        QTest::newRow("entry count too small") << patch(good, endRecord + 10, 1, 2) << "entry count";
        QTest::newRow("missing ZIP64 record") << patch(good, endRecord + 16, 0xffffffff, 4) << "ZIP64";
    }

    void refusesDamagedZipStructures() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, word);
        const auto file = writeFile(test::scratchDir("checkpoint-damaged") / "damaged.pth", bytes);
        const auto message = refusalOf(file);
        QVERIFY2(mentions(message, file, word.toStdString()), message.c_str());
    }

    void refusesBadPickles_data() {
        using namespace pk;
        QTest::addColumn<QByteArray>("pickle");
        QTest::addColumn<QString>("word");
        const QByteArray okTensor =
            rebuildTensor(storage("FloatStorage", "0", 8), int1(0), tuple({8}), tuple({1}));
        QTest::newRow("os.system")
            << QByteArray("\x80\x02\x63os\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03.", 31)
            << "'os.system'";
        QTest::newRow("builtins.eval via STACK_GLOBAL")
            << "\x80\x04" + shortStr("builtins") + shortStr("eval") + "\x93" + shortStr("1+1") + "\x85R."
            << "'builtins.eval'";
        QTest::newRow("storage offset beyond the storage")
            << stateDict(str("w") + rebuildTensor(storage("FloatStorage", "0", 8), int1(3), tuple({2, 3}),
                                                  tuple({1, 2})))
            << "beyond the storage";
        QTest::newRow("size beyond the storage")
            << stateDict(str("w") +
                         rebuildTensor(storage("FloatStorage", "0", 8), int1(0), tuple({9}), tuple({1})))
            << "beyond the storage";
        QTest::newRow("unknown opcode") << stateDict(str("x") + "I1\n") << "opcode 'I'";
        QTest::newRow("memo miss") << stateDict(str("w") + "h\x07") << "memo slot 7";
        QTest::newRow("unbalanced MARK") << QByteArray("\x80\x02)t.") << "MARK";
        QTest::newRow("open MARK at STOP") << QByteArray("\x80\x02}(.") << "MARK";
        QTest::newRow("no STOP") << QByteArray("\x80\x02}") << "truncated";
        QTest::newRow("string past the end") << QByteArray("\x80\x02X") + le(255, 4) + "abc"
                                             << "truncated";
        QTest::newRow("not a tensor") << stateDict(str("epoch") + int1(3)) << "not a tensor";
        QTest::newRow("not a dict") << QByteArray("\x80\x02].", 4) << "not a state_dict";
        QTest::newRow("storage size mismatch")
            << stateDict(str("w") +
                         rebuildTensor(storage("FloatStorage", "0", 9), int1(0), tuple({9}), tuple({1})))
            << "should hold 36 bytes";
        QTest::newRow("missing storage")
            << stateDict(str("w") +
                         rebuildTensor(storage("FloatStorage", "7", 8), int1(0), tuple({8}), tuple({1})))
            << "missing";
        QTest::newRow("storage class called")
            << stateDict(str("w") + global("torch", "FloatStorage") + ")R") << "outside a persistent";
        QTest::newRow("bad persistent id")
            << stateDict(str("w") + str("file:///etc/passwd") + "Q") << "persistent id";
        QTest::newRow("valid (control)") << stateDict(str("w") + okTensor) << "accepted";
    }

    void refusesBadPickles() {
        QFETCH(QByteArray, pickle);
        QFETCH(QString, word);
        const auto file = writeFile(test::scratchDir("checkpoint-pickle") / "evil.pth",
                                    makeCheckpoint(pickle, {kStorage0}));
        const auto message = refusalOf(file);
        if (word == "accepted") {
            QCOMPARE(QString::fromStdString(message), word);
            return;
        }
        QVERIFY2(mentions(message, file, word.toStdString()), message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCheckpointReader)
#include "test_checkpoint_reader.moc"
