// core/model_file and Detector::save/load: a model scores identically after a round trip, and damaged,
// foreign or newer files are refused with a message naming the file.
#include <QtTest>

#include <fstream>
#include <map>

#include "demo_data.h"
#include "detector.h"
#include "error.h"
#include "file_util.h"
#include "model_file.h"
#include "safetensors.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

std::vector<std::byte> bytesOf(const std::filesystem::path& file) { return readWholeFile(file); }

void writeBytes(const std::filesystem::path& file, const std::vector<std::byte>& bytes, std::size_t count) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(count));
}

template <typename E>
QString refusal(const std::filesystem::path& file) {
    try {
        Detector::load(file, "cpu");
    } catch (const E& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class TestModelFile : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;
    std::filesystem::path m_model;
    std::vector<RgbImage> m_test;

  private slots:
    void initTestCase() {
        m_dir = test::scratchDir("model_file");
        DemoDataOptions demo;
        demo.imageSize = 96;
        demo.trainGood = 6;
        demo.testGood = 2;
        demo.testPerDefect = 1;
        generateDemoData(m_dir / "demo", demo);
        // Random weights keep this suite independent of ../shared; the file format does not care.
        const BackboneWeights weights = loadBackboneWeights("random");
        TrainOptions options;
        options.window = 3;
        options.device = "cpu";
        const Detector detector =
            Detector::train(listImages(m_dir / "demo" / "train" / "good"), weights, options);
        m_model = m_dir / "model.lwinnn";
        detector.save(m_model);
        for (const auto& f : listImages(m_dir / "demo" / "test" / "hole")) m_test.push_back(decodeImage(f));
        for (const auto& f : listImages(m_dir / "demo" / "test" / "good")) m_test.push_back(decodeImage(f));
        QCOMPARE(m_test.size(), std::size_t(3));
    }

    void roundTripScoresIdentically() {
        const BackboneWeights weights = loadBackboneWeights("random");
        TrainOptions options;
        options.window = 3;
        options.device = "cpu";
        const Detector trained =
            Detector::train(listImages(m_dir / "demo" / "train" / "good"), weights, options);
        const Detector loaded = Detector::load(m_model, "cpu");
        QCOMPARE(loaded.info().trainCount, 6);
        QCOMPARE(loaded.info().window, 3);
        QCOMPARE(loaded.info().input, trained.info().input);
        QCOMPARE(loaded.info().backboneSha256, weights.sha256);
        QCOMPARE(loaded.info().trainFiles.size(), std::size_t(6));
        const auto a = trained.score(m_test);
        const auto b = loaded.score(m_test);
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].score, a[i].score);
            QCOMPARE(b[i].anomalyMap.values, a[i].anomalyMap.values);
        }
        QVERIFY(a[0].score > 0);
    }

    void halfPrecisionBankRoundTrip() {
        // --bank-dtype fp16: the bank is stored as F16 (half the bytes), reloads to the very same scores, and
        // stays within the stated tolerance of the float32 bank (DESIGN §5).
        const BackboneWeights weights = loadBackboneWeights("random");
        TrainOptions options;
        options.window = 3;
        options.device = "cpu";
        options.halfPrecisionBank = true;
        const auto images = listImages(m_dir / "demo" / "train" / "good");
        const Detector half = Detector::train(images, weights, options);
        QCOMPARE(half.info().bankDtype, std::string("F16"));
        const auto file = m_dir / "half.lwinnn";
        half.save(file);
        const SafetensorsFile f = readSafetensors(file);
        QCOMPARE(f.tensors.at("bank").dtype, DType::F16);
        QCOMPARE(f.tensors.at("bank").nbytes * 2, readSafetensors(m_model).tensors.at("bank").nbytes);
        const Detector loaded = Detector::load(file, "cpu");
        QCOMPARE(loaded.info().bankDtype, std::string("F16"));
        const Detector full = Detector::load(m_model, "cpu");
        const auto a = half.score(m_test);
        const auto b = loaded.score(m_test);
        const auto c = full.score(m_test);
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].score, a[i].score);
            QVERIFY2(std::abs(a[i].score - c[i].score) <= 2e-3 * std::max(1.0, c[i].score),
                     qPrintable(QStringLiteral("fp16 %1, fp32 %2").arg(a[i].score).arg(c[i].score)));
        }
        // A header that claims F16 over a float32 bank, or a type it does not know, is refused.
        QString message = refusal<FormatError>(copyWithHeaderValue("f16-claim.lwinnn", "bank_dtype", "F16"));
        QVERIFY2(message.contains("float16") && message.contains("f16-claim.lwinnn"), qPrintable(message));
        message = refusal<FormatError>(copyWithHeaderValue("bf16-claim.lwinnn", "bank_dtype", "BF16"));
        QVERIFY2(message.contains("BF16"), qPrintable(message));
    }

    void dataIsAlignedForMapping() {
        const SafetensorsFile f = readSafetensors(m_model);
        QCOMPARE(f.dataOffset % 4096, std::size_t(0));
        QCOMPARE(f.metadata.at("format"), std::string("lwinnn-model"));
        QCOMPARE(f.metadata.at("version"), std::string("1"));
        QVERIFY(f.tensors.count("bank"));
        QVERIFY(f.tensors.count("backbone.conv1.weight"));
    }

    void savingOverAModelIsAtomic() {
        // A failed save (unwritable folder) leaves nothing behind and the old file intact.
        const auto before = bytesOf(m_model);
        const Detector loaded = Detector::load(m_model, "cpu");
        QVERIFY_THROWS_EXCEPTION(Error, loaded.save(m_dir / "no-such-folder" / "model.lwinnn"));
        QVERIFY(!std::filesystem::exists(m_dir / "no-such-folder"));
        loaded.save(m_model);
        QCOMPARE(bytesOf(m_model).size(), before.size());
    }

    void truncatedFilesAreRefused() {
        const auto bytes = bytesOf(m_model);
        for (const std::size_t cut : {std::size_t(0), std::size_t(5), std::size_t(100), std::size_t(4096),
                                      bytes.size() / 2, bytes.size() - 1}) {
            const auto file = m_dir / "truncated.lwinnn";
            writeBytes(file, bytes, cut);
            const QString message = refusal<FileError>(file);
            QVERIFY2(!message.isEmpty(), qPrintable(QStringLiteral("cut at %1 was accepted").arg(cut)));
            QVERIFY2(message.contains("truncated.lwinnn"), qPrintable(message));
        }
    }

    void foreignFilesAreRefused() {
        const auto json = m_dir / "foreign.json";
        {
            std::ofstream out(json);
            out << "{\"hello\": \"world\"}\n";
        }
        QVERIFY(refusal<FileError>(json).contains("foreign.json"));

        // A valid safetensors file that is not a model.
        const auto other = m_dir / "other.safetensors";
        const float values[4] = {1, 2, 3, 4};
        writeSafetensors(other, {{"weights", DType::F32, {4}, values}}, {{"format", "pt"}});
        const QString message = refusal<FormatError>(other);
        QVERIFY2(message.contains("not a LWinNN model") && message.contains("other.safetensors"),
                 qPrintable(message));
    }

    void newerVersionIsRefused() {
        const auto newer = copyWithHeaderValue("newer.lwinnn", "version", "2");
        const QString message = refusal<FormatError>(newer);
        QVERIFY2(message.contains("newer") && message.contains("newer.lwinnn"), qPrintable(message));
    }

    void inconsistentTensorsAreRefused() {
        const auto bad = copyWithHeaderValue("inconsistent.lwinnn", "train_count", "7");  // the bank holds 6
        const QString message = refusal<FormatError>(bad);
        QVERIFY2(message.contains("bank") && message.contains("inconsistent.lwinnn"), qPrintable(message));
    }

    void outOfRangeSizesAreRefused() {
        // Found by fuzzing the reader: an input side of INT_MAX overflowed in the grid arithmetic (UB), and a
        // negative input with the matching negative grid (-22 x -22 multiplies to the bank's 484 locations)
        // was accepted.
        const auto huge = copyWithHeaderValues("huge.lwinnn", {{"input_height", "2147483647"}});
        QString message = refusal<FormatError>(huge);
        QVERIFY2(message.contains("out of range") && message.contains("huge.lwinnn"), qPrintable(message));
        const auto negative = copyWithHeaderValues(
            "negative.lwinnn",
            {{"input_height", "-84"}, {"input_width", "-84"}, {"grid_height", "-22"}, {"grid_width", "-22"}});
        message = refusal<FormatError>(negative);
        QVERIFY2(message.contains("out of range") && message.contains("negative.lwinnn"),
                 qPrintable(message));
    }

  private:
    // A copy of the model whose header has one value changed, tensors kept.
    std::filesystem::path copyWithHeaderValue(const std::string& name, const std::string& key,
                                              const std::string& value) const {
        return copyWithHeaderValues(name, {{key, value}});
    }
    std::filesystem::path copyWithHeaderValues(const std::string& name,
                                               const std::map<std::string, std::string>& values) const {
        const SafetensorsFile f = readSafetensors(m_model);
        auto metadata = f.metadata;
        for (const auto& [key, value] : values) metadata[key] = value;
        std::vector<TensorToWrite> tensors;
        for (const auto& [tensorName, t] : f.tensors)
            tensors.push_back({tensorName, t.dtype, t.shape, t.data});
        const auto file = m_dir / name;
        writeSafetensors(file, tensors, metadata);
        return file;
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "test_model_file.moc"
