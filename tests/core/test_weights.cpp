// core/weights: the lookup order, the message when nothing is found, safetensors weights equal to the
// checkpoint's, random weights only on request, layer4/fc ignored.
#include <QtTest>

#include <cstdlib>
#include <fstream>

#include "checkpoint_reader.h"
#include "error.h"
#include "pipeline.h"
#include "safetensors.h"
#include "test_support.h"
#include "weights.h"

using namespace lwinnn;

namespace {

constexpr const char* kWeights = "weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth";

// Sets environment variables for one scope and restores them.
class Environment {
  public:
    void set(const char* name, const std::filesystem::path& value) {
        const char* old = std::getenv(name);
        m_saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
        ::setenv(name, value.c_str(), 1);
    }
    ~Environment() {
        for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
            if (it->second)
                ::setenv(it->first.c_str(), it->second->c_str(), 1);
            else
                ::unsetenv(it->first.c_str());
        }
    }

  private:
    std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

}  // namespace

class TestWeights : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;

  private slots:
    void initTestCase() {
        m_dir = test::scratchDir("weights");
        ::unsetenv("LWINNN_WEIGHTS");
    }

    void searchOrder() {
        Environment env;
        env.set("HOME", m_dir / "home");
        env.set("TORCH_HOME", m_dir / "torch");
        env.set("XDG_DATA_HOME", m_dir / "data");
        env.set("LWINNN_WEIGHTS", m_dir / "explicit.pth");
        const auto places = weightsSearchPath();
        QCOMPARE(places.size(), std::size_t(4));
        QCOMPARE(places[0], m_dir / "explicit.pth");
        QCOMPARE(places[1], m_dir / "torch" / "hub" / "checkpoints" / "resnet18-f37072fd.pth");
        QCOMPARE(places[2],
                 m_dir / "home" / ".cache" / "torch" / "hub" / "checkpoints" / "resnet18-f37072fd.pth");
        QCOMPARE(places[3], m_dir / "data" / "lwinnn" / "weights" / "resnet18-f37072fd.pth");
    }

    void nothingFoundSaysHowToGetThem() {
        Environment env;
        env.set("HOME", m_dir / "empty-home");
        env.set("TORCH_HOME", m_dir / "empty-torch");
        env.set("XDG_DATA_HOME", m_dir / "empty-data");
        try {
            loadBackboneWeights("");
            QFAIL("weights were found in empty folders");
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains("https://download.pytorch.org/models/resnet18-f37072fd.pth"),
                     qPrintable(message));
            QVERIFY(message.contains("f37072fd"));
            QVERIFY(message.contains("lwinnn fetch-weights"));
            QVERIFY(message.contains("--weights"));
            QVERIFY(message.contains(QString::fromStdString((m_dir / "empty-torch").string())));
        }
        // A LWINNN_WEIGHTS that names nothing is an error naming it, not a silent fallback.
        env.set("LWINNN_WEIGHTS", m_dir / "typo.pth");
        try {
            loadBackboneWeights("");
            QFAIL("a missing LWINNN_WEIGHTS file was ignored");
        } catch (const FileError& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains("typo.pth"));
        }
    }

    void foundInTorchvisionCache() {
        LWINNN_REQUIRE_SHARED(kWeights);
        Environment env;
        env.set("HOME", m_dir / "cache-home");
        env.set("TORCH_HOME", m_dir / "no-torch-home");
        env.set("XDG_DATA_HOME", m_dir / "no-data");
        const auto cached =
            m_dir / "cache-home" / ".cache" / "torch" / "hub" / "checkpoints" / "resnet18-f37072fd.pth";
        std::filesystem::create_directories(cached.parent_path());
        std::filesystem::copy_file(test::sharedDir() / kWeights, cached);
        const BackboneWeights w = loadBackboneWeights("");
        QCOMPARE(w.source, cached.string());
        QCOMPARE(w.sha256, std::string("e3dcdb8c1e27455b50bd2e87f0ccc0ed986f6e0fab121473144d85d4c4631aa7"));
        QVERIFY(!w.random);
    }

    void safetensorsWeightsEqualCheckpoint() {
        LWINNN_REQUIRE_SHARED(kWeights);
        const TensorMap checkpoint = readTorchCheckpoint(test::sharedDir() / kWeights);
        // The same tensors as safetensors, plus a layer4 and an fc tensor that must be ignored.
        std::vector<TensorToWrite> tensors;
        for (const auto& [name, t] : checkpoint) tensors.push_back({name, t.dtype, t.shape, t.data});
        const std::vector<float> extra(10, 1.0f);
        tensors.push_back({"layer4.0.conv1.weight", DType::F32, {10}, extra.data()});
        tensors.push_back({"fc.weight", DType::F32, {10}, extra.data()});
        const auto file = m_dir / "resnet18.safetensors";
        writeSafetensors(file, tensors, {});
        const BackboneWeights w = readWeightsFile(file);
        QVERIFY(!w.tensors.count("fc.weight"));
        QVERIFY(!w.tensors.count("layer4.0.conv1.weight"));

        const BackboneWeights fromCheckpoint = readWeightsFile(test::sharedDir() / kWeights);
        QCOMPARE(w.tensors.size(), fromCheckpoint.tensors.size());
        FloatArray input{{3, 64, 64}, std::vector<float>(3 * 64 * 64)};
        for (std::size_t i = 0; i < input.values.size(); ++i)
            input.values[i] = static_cast<float>((i * 37) % 101) / 50.0f - 1.0f;
        const auto a = Backbone(w.tensors, file.string()).embedding(input);
        const auto b = Backbone(fromCheckpoint.tensors, kWeights).embedding(input);
        QCOMPARE(a.values, b.values);
    }

    void randomOnlyWhenAsked() {
        const BackboneWeights w = loadBackboneWeights("random");
        QVERIFY(w.random);
        QCOMPARE(w.source, std::string("random"));
        // Seeded: the same every time.
        QCOMPARE(loadBackboneWeights("random").tensors.at("conv1.weight").toFloats(),
                 w.tensors.at("conv1.weight").toFloats());
    }

    void wrongNetworkIsRefused() {
        const std::vector<float> values(10, 0.5f);
        const auto file = m_dir / "not-resnet.safetensors";
        writeSafetensors(file, {{"encoder.weight", DType::F32, {10}, values.data()}}, {});
        try {
            Backbone(readWeightsFile(file).tensors, file.string());
            QFAIL("accepted");
        } catch (const FormatError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains("not-resnet.safetensors") && message.contains("conv1.weight"),
                     qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestWeights)
#include "test_weights.moc"
