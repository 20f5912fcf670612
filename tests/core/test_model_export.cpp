// The model export (core/model_export.*, `lwinnn export`): the TorchScript module loaded back with LibTorch
// against Detector::score within the parity tolerance (a square demo set at δ = 3 and the keep-aspect parity
// fixture at an even δ = 4, also against the fixture's reference scores), the Triton repository (config.pbtxt
// parsed and checked, a batch of 2 through 1/model.pt), the window option, the format list, refusals, and
// PyTorch loading the module (tests/core/load_torchscript.py) with the same scores and maps, when a python3
// with torch is installed.
#include <torch/script.h>  // before Qt: Qt's `slots` macro would clash with c10's ivalue::Object::slots()

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <stdexcept>

#include "dataset.h"
#include "demo_data.h"
#include "detector.h"
#include "error.h"
#include "image_io.h"
#include "model_export.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

constexpr const char* kWeights = "weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth";
constexpr const char* kKeepAspect = "fixtures/parity/keep_aspect";
// The parity fixtures' tolerance for patch scores, image scores and maps: |got − expected| ≤ 1e-3·max(1,
// |e|).
constexpr double kTolerance = 1e-3;
// Loads an exported module with PyTorch and scores a batch with it.
constexpr const char* kLoadTorchScriptScript = LWINNN_LOAD_TORCHSCRIPT_SCRIPT;

QString qpath(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

// A Python interpreter that can import torch: $LWINNN_PYTHON when set, else python3 on the PATH, else the
// system's (Debian's python3-torch is installed for /usr/bin/python3, which a virtual environment or pyenv on
// the PATH does not see). Empty, with the reason in `reason`, when there is none.
QString pythonWithTorch(QString& reason) {
    QStringList candidates;
    if (qEnvironmentVariableIsSet("LWINNN_PYTHON")) {
        candidates << qEnvironmentVariable("LWINNN_PYTHON");
    } else {
        if (const QString onPath = QStandardPaths::findExecutable("python3"); !onPath.isEmpty())
            candidates << onPath;
        if (QFileInfo("/usr/bin/python3").isExecutable() && !candidates.contains("/usr/bin/python3"))
            candidates << "/usr/bin/python3";
    }
    if (candidates.isEmpty()) {
        reason = "python3 is not installed";
        return {};
    }
    QStringList failures;
    for (const QString& python : candidates) {
        QProcess probe;
        probe.start(python, {"-c", "import torch"});
        if (!probe.waitForStarted()) {
            failures << python + ": " + probe.errorString();
            continue;
        }
        probe.waitForFinished(lwinnn::test::scaledTimeoutMs(300000));
        if (probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) return python;
        const QStringList lines = QString::fromUtf8(probe.readAllStandardError()).trimmed().split('\n');
        failures << python + ": " + lines.last();
    }
    reason = "no python3 with the torch module (python3-torch): " + failures.join("; ");
    return {};
}

struct TrainedModel {
    std::filesystem::path model;
    std::vector<std::filesystem::path> testImages;
    int window = 0;
    Size2D input;
};

// Trains on `trainImages` at `window` with the shared weights and saves the model as `model`.
TrainedModel trainModel(const std::vector<std::filesystem::path>& trainImages,
                        const std::vector<std::filesystem::path>& testImages, int window,
                        const std::filesystem::path& model, bool halfPrecisionBank = false) {
    TrainOptions options;
    options.window = window;
    options.device = "cpu";
    options.halfPrecisionBank = halfPrecisionBank;
    const Detector detector =
        Detector::train(trainImages, loadBackboneWeights((test::sharedDir() / kWeights).string()), options);
    detector.save(model);
    return {model, testImages, window, detector.info().input};
}

// The images as the module takes them: core's `preprocess` (DESIGN §2.1) stacked into [B, 3, H, W].
at::Tensor preprocessedBatch(const std::vector<std::filesystem::path>& images, Size2D input) {
    std::vector<at::Tensor> inputs;
    for (const auto& file : images) {
        const FloatArray a = preprocess(decodeImage(file), input);
        inputs.push_back(
            torch::from_blob(const_cast<float*>(a.values.data()), at::IntArrayRef(a.shape), at::kFloat)
                .clone());
    }
    return at::stack(inputs);
}

struct ModuleOutput {
    at::Tensor scores;  // [B]
    at::Tensor maps;    // [B, H, W]
};

ModuleOutput runModule(torch::jit::Module& module, const at::Tensor& batch) {
    c10::InferenceMode guard;
    const auto tuple = module.forward({batch}).toTuple();
    return {tuple->elements().at(0).toTensor(), tuple->elements().at(1).toTensor()};
}

// The largest |got − expected| / max(1, |expected|) over the images' scores and maps.
struct Deviation {
    double scores = 0;
    double maps = 0;
};

Deviation compareWithDetector(const ModuleOutput& got, const std::vector<ImageScore>& expected) {
    Deviation d;
    const at::Tensor scores = got.scores.contiguous();
    const at::Tensor maps = got.maps.contiguous();
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto j = static_cast<std::int64_t>(i);
        d.scores = std::max(d.scores, test::relToMaxOne(scores[j].item<double>(), expected[i].score));
        const at::Tensor map = maps[j].contiguous();
        const float* values = map.data_ptr<float>();
        const auto& reference = expected[i].anomalyMap.values;
        if (static_cast<std::size_t>(map.numel()) != reference.size()) return {1e9, 1e9};
        for (std::size_t k = 0; k < reference.size(); ++k)
            d.maps = std::max(d.maps, test::relToMaxOne(values[k], reference[k]));
    }
    return d;
}

std::vector<ImageScore> detectorScores(const TrainedModel& m, int window) {
    Detector detector = Detector::load(m.model, "cpu");
    detector.setWindow(window);
    std::vector<RgbImage> images;
    for (const auto& f : m.testImages) images.push_back(decodeImage(f));
    return detector.score(images);
}

// A small reader for the protobuf text format of config.pbtxt: fields with scalars, lists, messages and lists
// of messages; '#' comments. Enough to check what Triton will read, independently of how it was written.
struct PbMessage;
struct PbValue {
    std::vector<std::string> scalars;  // one scalar, or a list of them (strings without their quotes)
    std::vector<PbMessage> messages;   // one message, or a list of them
    bool list = false;
};
struct PbMessage {
    std::multimap<std::string, PbValue> fields;
    const PbValue& one(const std::string& key) const {
        if (fields.count(key) != 1) throw std::runtime_error("field '" + key + "' is not there exactly once");
        return fields.find(key)->second;
    }
    std::string scalar(const std::string& key) const {
        const PbValue& v = one(key);
        if (v.list || v.scalars.size() != 1) throw std::runtime_error("field '" + key + "' is not a scalar");
        return v.scalars.front();
    }
};

class PbParser {
  public:
    explicit PbParser(const std::string& text) {
        for (std::size_t i = 0; i < text.size();) {
            const char c = text[i];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
            } else if (c == '#') {
                while (i < text.size() && text[i] != '\n') ++i;
            } else if (std::string("{}[]:,").find(c) != std::string::npos) {
                m_tokens.push_back(std::string(1, c));
                ++i;
            } else if (c == '"') {
                const auto end = text.find('"', i + 1);
                if (end == std::string::npos) throw std::runtime_error("unterminated string");
                m_tokens.push_back(text.substr(i, end + 1 - i));
                i = end + 1;
            } else {
                std::size_t j = i;
                while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) ||
                                           text[j] == '_' || text[j] == '-' || text[j] == '.'))
                    ++j;
                if (j == i) throw std::runtime_error(std::string("unexpected character '") + c + "'");
                m_tokens.push_back(text.substr(i, j - i));
                i = j;
            }
        }
    }

    PbMessage parse() {
        PbMessage m = fields("");
        if (m_pos != m_tokens.size()) throw std::runtime_error("trailing '" + m_tokens[m_pos] + "'");
        return m;
    }

  private:
    const std::string& peek() const {
        static const std::string end;
        return m_pos < m_tokens.size() ? m_tokens[m_pos] : end;
    }
    std::string take() {
        if (m_pos >= m_tokens.size()) throw std::runtime_error("unexpected end");
        return m_tokens[m_pos++];
    }
    void expect(const std::string& token) {
        const std::string got = take();
        if (got != token) throw std::runtime_error("expected '" + token + "', got '" + got + "'");
    }
    static std::string unquote(const std::string& s) {
        return s.size() >= 2 && s.front() == '"' ? s.substr(1, s.size() - 2) : s;
    }
    PbMessage fields(const std::string& closing) {
        PbMessage m;
        while (peek() != closing) {
            const std::string key = take();
            if (!std::isalpha(static_cast<unsigned char>(key.front())))
                throw std::runtime_error("a field name was expected, got '" + key + "'");
            if (peek() == ":") take();
            m.fields.emplace(key, value());
        }
        return m;
    }
    PbMessage message() {
        expect("{");
        PbMessage m = fields("}");
        expect("}");
        return m;
    }
    PbValue value() {
        PbValue v;
        if (peek() == "{") {
            v.messages.push_back(message());
        } else if (peek() == "[") {
            take();
            v.list = true;
            while (peek() != "]") {
                if (peek() == "{")
                    v.messages.push_back(message());
                else
                    v.scalars.push_back(unquote(take()));
                if (peek() == ",") take();
            }
            expect("]");
        } else {
            v.scalars.push_back(unquote(take()));
        }
        return v;
    }

    std::vector<std::string> m_tokens;
    std::size_t m_pos = 0;
};

std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

class TestModelExport : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;
    std::map<QString, TrainedModel> m_models;
    std::map<std::pair<QString, int>, std::vector<ImageScore>> m_scores;

    // Trained once per suite run and shared by the tests below.
    const TrainedModel& model(const QString& name) {
        if (const auto it = m_models.find(name); it != m_models.end()) return it->second;
        const auto dir = m_dir / name.toStdString();
        std::filesystem::create_directories(dir);
        if (name == "demo") {
            DemoDataOptions demo;
            demo.trainGood = 4;
            demo.testGood = 1;
            demo.testPerDefect = 1;
            generateDemoData(dir / "data", demo);
            std::vector<std::filesystem::path> tests;
            for (const char* type : {"good", "hole", "scratch", "stain"}) {
                const auto files = listImages(dir / "data" / "test" / type);
                tests.insert(tests.end(), files.begin(), files.end());
            }
            m_models[name] =
                trainModel(listImages(dir / "data" / "train" / "good"), tests, 3, dir / "demo.lwinnn");
        } else if (name == "demo_fp16") {
            // The same images, the bank stored in float16.
            const TrainedModel& demo = model("demo");
            const auto data = m_dir / "demo" / "data";
            m_models[name] = trainModel(listImages(data / "train" / "good"), demo.testImages, demo.window,
                                        dir / "demo_fp16.lwinnn", true);
        } else {
            const auto fixture = test::sharedDir() / kKeepAspect;
            std::vector<std::filesystem::path> train, tests;
            for (const auto& f : listImages(fixture))
                (f.filename().string().rfind("train_", 0) == 0 ? train : tests).push_back(f);
            m_models[name] = trainModel(train, tests, 4, dir / "keep_aspect.lwinnn");
        }
        return m_models[name];
    }

    // Detector::score of the model's test images at `window`, computed once.
    const std::vector<ImageScore>& scores(const QString& name, int window) {
        const auto key = std::make_pair(name, window);
        if (const auto it = m_scores.find(key); it != m_scores.end()) return it->second;
        return m_scores[key] = detectorScores(model(name), window);
    }

  private slots:
    void initTestCase() { m_dir = test::scratchDir("model_export"); }

    void formats() {
        const auto& formats = exportFormats();
        QCOMPARE(formats.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(formats[0].name), QString("torchscript"));
        QCOMPARE(QString::fromStdString(formats[1].name), QString("triton"));
        for (const auto& f : formats) {
            QVERIFY(f.description.size() > 20);
            QCOMPARE(exportFormatFromName(f.name), f.format);
        }
        QVERIFY(!formats[0].writesFolder && formats[0].extension == ".pt");
        QVERIFY(formats[1].writesFolder);
        try {
            exportFormatFromName("onnx");
            QFAIL("an unknown format was accepted");
        } catch (const UsageError& e) {
            QVERIFY2(
                QString(e.what()).contains("'onnx'") && QString(e.what()).contains("torchscript, triton"),
                e.what());
        }
    }

    void torchScriptMatchesDetector_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("demo, square, δ=3") << "demo";
        QTest::newRow("demo, float16 bank, δ=3") << "demo_fp16";
        QTest::newRow("keep-aspect fixture 360×256, δ=4") << "keep_aspect";
    }

    void torchScriptMatchesDetector() {
        QFETCH(QString, name);
        LWINNN_REQUIRE_SHARED(kWeights);
        if (name == "keep_aspect") LWINNN_REQUIRE_SHARED(kKeepAspect);
        const TrainedModel& m = model(name);
        const auto out = m_dir / (name.toStdString() + ".pt");
        const auto r = test::runCli({"export", "--format", "torchscript", qpath(m.model), qpath(out)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        torch::jit::ExtraFilesMap extra{{kExportMetadataFile, ""}};
        torch::jit::Module module = torch::jit::load(out.string(), at::kCPU, extra);
        QCOMPARE(module.attr("format_version").toInt(), std::int64_t(kExportFormatVersion));
        QCOMPARE(module.attr("input_height").toInt(), std::int64_t(m.input.height));
        QCOMPARE(module.attr("input_width").toInt(), std::int64_t(m.input.width));
        QCOMPARE(module.attr("window").toInt(), std::int64_t(m.window));
        const QJsonObject meta =
            QJsonDocument::fromJson(QByteArray::fromStdString(extra[kExportMetadataFile])).object();
        QCOMPARE(meta["format_version"].toInt(), kExportFormatVersion);
        QCOMPARE(meta["window"].toInt(), m.window);
        QCOMPARE(meta["input_height"].toInt(), m.input.height);
        QCOMPARE(meta["input_width"].toInt(), m.input.width);
        QCOMPARE(meta["mean"].toArray().at(0).toDouble(), 0.485);
        QCOMPARE(meta["std"].toArray().at(2).toDouble(), 0.225);
        QCOMPARE(meta["bank_dtype"].toString(), QString(name == "demo_fp16" ? "F16" : "F32"));

        const ModuleOutput got = runModule(module, preprocessedBatch(m.testImages, m.input));
        const auto n = static_cast<std::int64_t>(m.testImages.size());
        QCOMPARE(got.scores.sizes().vec(), (std::vector<std::int64_t>{n}));
        QCOMPARE(got.maps.sizes().vec(), (std::vector<std::int64_t>{n, m.input.height, m.input.width}));
        const std::vector<ImageScore>& expected = scores(name, m.window);
        const Deviation d = compareWithDetector(got, expected);
        qInfo("%s: %lld images, largest deviation from Detector::score: scores %.2e, maps %.2e",
              qPrintable(name), static_cast<long long>(n), d.scores, d.maps);
        QVERIFY2(d.scores <= kTolerance, qPrintable(QString::number(d.scores)));
        QVERIFY2(d.maps <= kTolerance, qPrintable(QString::number(d.maps)));
        // The scores must not all be alike, or the comparison would prove little.
        QVERIFY(got.scores.max().item<double>() > got.scores.min().item<double>() * 1.01);

        // The search's memory bound splits the work into blocks of bank rows and groups of window offsets.
        // These small sets fit in one block, so the bound is lowered to force several rows per block (not
        // dividing the grid), and (on the demo sets only, it is the slowest) one row per block with groups of
        // offsets (not dividing δ²).
        const std::int64_t unit = module.attr("grid_width").toInt() * n *
                                  std::max<std::int64_t>(module.attr("train_count").toInt(), kChannels);
        const std::int64_t offsets = m.window * m.window;
        std::vector<std::int64_t> budgets{unit * offsets * 5};
        if (name != "keep_aspect") budgets.push_back(unit * 5);
        for (const std::int64_t budget : budgets) {
            module.setattr("search_chunk_floats", budget);
            const Deviation chunked =
                compareWithDetector(runModule(module, preprocessedBatch(m.testImages, m.input)), expected);
            QVERIFY2(
                chunked.scores <= kTolerance && chunked.maps <= kTolerance,
                qPrintable(QString("budget %1: %2 %3").arg(budget).arg(chunked.scores).arg(chunked.maps)));
        }

        if (name == "keep_aspect") {
            // And the reference implementation's image scores at this window.
            QFile file(qpath(test::sharedDir() / kKeepAspect / "expected.json"));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QJsonObject reference =
                QJsonDocument::fromJson(file.readAll()).object()["image_scores"].toObject();
            for (std::size_t i = 0; i < m.testImages.size(); ++i) {
                const QString stem = QString::fromStdString(m.testImages[i].stem().string());
                const double want = reference[stem].toObject()[QString::number(m.window)].toDouble(-1);
                QVERIFY2(want > 0, qPrintable(stem));
                const double dev =
                    test::relToMaxOne(got.scores[static_cast<std::int64_t>(i)].item<double>(), want);
                QVERIFY2(dev <= kTolerance, qPrintable(stem + ": " + QString::number(dev)));
            }
        }
    }

    void windowOption() {
        // The core call with another window than the model's: the module searches at that window.
        LWINNN_REQUIRE_SHARED(kWeights);
        const TrainedModel& m = model("demo");
        const auto out = m_dir / "demo_window1.pt";
        ExportOptions options;
        options.window = 1;
        exportTorchScript(m.model, out, options);
        torch::jit::Module module = torch::jit::load(out.string(), at::kCPU);
        QCOMPARE(module.attr("window").toInt(), std::int64_t(1));
        const ModuleOutput got = runModule(module, preprocessedBatch(m.testImages, m.input));
        const Deviation d = compareWithDetector(got, scores("demo", 1));
        QVERIFY2(d.scores <= kTolerance && d.maps <= kTolerance,
                 qPrintable(QString("%1 %2").arg(d.scores).arg(d.maps)));
        // A smaller window can only raise the scores (fewer candidates); at δ = 1 the demo's shifted parts
        // do.
        const std::vector<ImageScore>& wide = scores("demo", 3);
        for (std::size_t i = 0; i < wide.size(); ++i)
            QVERIFY(got.scores[static_cast<std::int64_t>(i)].item<double>() >=
                    wide[i].score * (1 - kTolerance));
        QVERIFY(got.scores.sum().item<double>() >
                1.01 * std::accumulate(wide.begin(), wide.end(), 0.0,
                                       [](double s, const ImageScore& r) { return s + r.score; }));
        try {
            options.window = 64;
            exportTorchScript(m.model, m_dir / "never.pt", options);
            QFAIL("window 64 was accepted");
        } catch (const UsageError& e) {
            QVERIFY2(QString(e.what()).contains("64"), e.what());
        }
        QVERIFY(!std::filesystem::exists(m_dir / "never.pt"));
    }

    void tritonRepository() {
        LWINNN_REQUIRE_SHARED(kWeights);
        const TrainedModel& m = model("demo");
        const auto repo = m_dir / "triton";
        const auto r = test::runCli({"export", "--format", "triton", qpath(m.model), qpath(repo), "--name",
                                     "anomaly", "--max-batch", "4"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto config = repo / "anomaly" / "config.pbtxt";
        const auto modelFile = repo / "anomaly" / "1" / "model.pt";
        QVERIFY(std::filesystem::is_regular_file(config));
        QVERIFY(std::filesystem::is_regular_file(modelFile));

        const std::string h = std::to_string(m.input.height);
        const std::string w = std::to_string(m.input.width);
        try {
            const PbMessage c = PbParser(readText(config)).parse();
            QCOMPARE(c.scalar("name"), std::string("anomaly"));
            QCOMPARE(c.scalar("platform"), std::string("pytorch_libtorch"));
            QCOMPARE(c.scalar("max_batch_size"), std::string("4"));
            const PbValue& batching = c.one("dynamic_batching");
            QVERIFY(!batching.list && batching.messages.size() == 1);

            const PbValue& inputs = c.one("input");
            QCOMPARE(inputs.messages.size(), std::size_t(1));
            const PbMessage& in = inputs.messages[0];
            QCOMPARE(in.scalar("name"), std::string("INPUT__0"));
            QCOMPARE(in.scalar("data_type"), std::string("TYPE_FP32"));
            QCOMPARE(in.one("dims").scalars, (std::vector<std::string>{"3", h, w}));

            const PbValue& outputs = c.one("output");
            QCOMPARE(outputs.messages.size(), std::size_t(2));
            const PbMessage& scores = outputs.messages[0];
            QCOMPARE(scores.scalar("name"), std::string("OUTPUT__0"));
            QCOMPARE(scores.scalar("data_type"), std::string("TYPE_FP32"));
            // A batched scalar: dims [1] for the API, reshaped to the module's per-image shape [].
            QCOMPARE(scores.one("dims").scalars, (std::vector<std::string>{"1"}));
            const PbValue& reshape = scores.one("reshape");
            QCOMPARE(reshape.messages.size(), std::size_t(1));
            const PbValue& shape = reshape.messages[0].one("shape");
            QVERIFY(shape.list && shape.scalars.empty());
            const PbMessage& maps = outputs.messages[1];
            QCOMPARE(maps.scalar("name"), std::string("OUTPUT__1"));
            QCOMPARE(maps.scalar("data_type"), std::string("TYPE_FP32"));
            QCOMPARE(maps.one("dims").scalars, (std::vector<std::string>{h, w}));
            QCOMPARE(maps.fields.count("reshape"), std::size_t(0));
        } catch (const std::runtime_error& e) {
            QFAIL(qPrintable(QString("config.pbtxt: ") + e.what()));
        }

        // What Triton's libtorch back end does: load model.pt and run a batch (of 2 here).
        torch::jit::Module module = torch::jit::load(modelFile.string(), at::kCPU);
        const std::vector<std::filesystem::path> two(m.testImages.begin() + 1, m.testImages.begin() + 3);
        const ModuleOutput got = runModule(module, preprocessedBatch(two, m.input));
        QCOMPARE(got.scores.sizes().vec(), (std::vector<std::int64_t>{2}));
        QCOMPARE(got.maps.sizes().vec(), (std::vector<std::int64_t>{2, m.input.height, m.input.width}));
        const std::vector<ImageScore>& all = scores("demo", m.window);
        const Deviation d = compareWithDetector(got, {all[1], all[2]});
        QVERIFY2(d.scores <= kTolerance && d.maps <= kTolerance,
                 qPrintable(QString("%1 %2").arg(d.scores).arg(d.maps)));
        // Images of another size are refused with the size the module needs.
        try {
            runModule(module, at::zeros({1, 3, m.input.height / 2, m.input.width / 2}));
            QFAIL("an input of the wrong size was accepted");
        } catch (const std::exception& e) {
            const QString needed = QString("[B, 3, %1, %2]").arg(m.input.height).arg(m.input.width);
            QVERIFY2(QString(e.what()).contains(needed), e.what());
        }

        // A second export into the same repository is refused without --force, naming the file.
        const auto again =
            test::runCli({"export", "--format", "triton", qpath(m.model), qpath(repo), "--name", "anomaly"});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(qpath(modelFile)) && again.err.contains("--force"),
                 qPrintable(again.err));
    }

    void refusals() {
        LWINNN_REQUIRE_SHARED(kWeights);
        const TrainedModel& m = model("demo");

        // An existing output is kept as it is without --force, and replaced with it.
        const auto out = m_dir / "existing.pt";
        { std::ofstream(out) << "keep me"; }
        const auto refused = test::runCli({"export", "--format", "torchscript", qpath(m.model), qpath(out)});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(qpath(out)) && refused.err.contains("--force"),
                 qPrintable(refused.err));
        QCOMPARE(readText(out), std::string("keep me"));
        try {
            exportTorchScript(m.model, out);
            QFAIL("the core call replaced an existing file");
        } catch (const FileError& e) {
            QCOMPARE(e.file(), out);
        }
        QCOMPARE(readText(out), std::string("keep me"));
        const auto forced =
            test::runCli({"export", "--format", "torchscript", qpath(m.model), qpath(out), "--force"});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        QCOMPARE(torch::jit::load(out.string(), at::kCPU).attr("window").toInt(), std::int64_t(m.window));

        // An unknown format.
        const auto unknown =
            test::runCli({"export", "--format", "onnx", qpath(m.model), qpath(m_dir / "x.onnx")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("unknown export format 'onnx'") &&
                     unknown.err.contains("torchscript, triton"),
                 qPrintable(unknown.err));

        // A truncated model file: a clear message naming it, nothing written.
        const auto truncated = m_dir / "truncated.lwinnn";
        std::filesystem::copy_file(m.model, truncated, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::resize_file(truncated, std::filesystem::file_size(truncated) / 2);
        const auto target = m_dir / "from_truncated.pt";
        const auto bad = test::runCli({"export", "--format", "torchscript", qpath(truncated), qpath(target)});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(qpath(truncated)) && bad.err.contains("truncated"), qPrintable(bad.err));
        QVERIFY(!std::filesystem::exists(target));
        // Nor is a temporary left behind.
        for (const auto& entry : std::filesystem::directory_iterator(m_dir))
            QVERIFY2(entry.path().filename().string().find(".tmp-") == std::string::npos,
                     qPrintable(qpath(entry.path())));

        // Options that do not belong to the format.
        const auto misplaced = test::runCli(
            {"export", "--format", "torchscript", qpath(m.model), qpath(m_dir / "y.pt"), "--max-batch", "4"});
        QCOMPARE(misplaced.exitCode, 2);
        QVERIFY2(misplaced.err.contains("--max-batch"), qPrintable(misplaced.err));
    }

    void pytorchLoadsModule() {
        LWINNN_REQUIRE_SHARED(kWeights);
        QString reason;
        const QString python = pythonWithTorch(reason);
        if (python.isEmpty()) QSKIP(qPrintable(reason));
        const TrainedModel& m = model("demo");
        const auto out = m_dir / "demo_python.pt";
        const auto r = test::runCli({"export", "--format", "torchscript", qpath(m.model), qpath(out)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const at::Tensor batch = preprocessedBatch(m.testImages, m.input).contiguous();
        const auto raw = m_dir / "python_batch.f32";
        {
            std::ofstream f(raw, std::ios::binary);
            f.write(reinterpret_cast<const char*>(batch.data_ptr<float>()),
                    static_cast<std::streamsize>(batch.numel() * sizeof(float)));
        }
        const auto results = m_dir / "python_results";
        QProcess process;
        process.start(python, {kLoadTorchScriptScript, qpath(out), qpath(raw), qpath(results)});
        QVERIFY(process.waitForFinished(lwinnn::test::scaledTimeoutMs(600000)));
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 process.readAllStandardError().constData());

        QFile file(qpath(results / "result.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject result = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(result["format_version"].toInt(), kExportFormatVersion);
        QCOMPARE(result["window"].toInt(), m.window);
        QCOMPARE(result["metadata"].toObject()["window"].toInt(), m.window);
        const auto n = static_cast<std::int64_t>(m.testImages.size());
        const QJsonArray shape = result["maps_shape"].toArray();
        QCOMPARE(shape.size(), 3);
        QCOMPARE(shape.at(0).toInteger(), n);
        QCOMPARE(shape.at(1).toInt(), m.input.height);
        QCOMPARE(shape.at(2).toInt(), m.input.width);
        const QJsonArray scoreList = result["scores"].toArray();
        QCOMPARE(static_cast<std::int64_t>(scoreList.size()), n);

        // PyTorch's outputs against Detector::score, as the LibTorch test above does.
        ModuleOutput got;
        std::vector<double> scoreValues;
        for (const auto& v : scoreList) scoreValues.push_back(v.toDouble());
        got.scores = torch::from_blob(scoreValues.data(), {n}, at::kDouble).clone();
        const auto maps = readText(results / "maps.f32");
        const std::int64_t mapValues = n * m.input.height * m.input.width;
        QCOMPARE(static_cast<std::int64_t>(maps.size()), mapValues * std::int64_t(sizeof(float)));
        got.maps = at::empty({n, m.input.height, m.input.width}, at::kFloat);
        std::memcpy(got.maps.data_ptr<float>(), maps.data(), maps.size());
        const Deviation d = compareWithDetector(got, scores("demo", m.window));
        qInfo("PyTorch %s: %lld images, largest deviation from Detector::score: scores %.2e, maps %.2e",
              qPrintable(result["torch_version"].toString()), static_cast<long long>(n), d.scores, d.maps);
        QVERIFY2(d.scores <= kTolerance, qPrintable(QString::number(d.scores)));
        QVERIFY2(d.maps <= kTolerance, qPrintable(QString::number(d.maps)));
        QVERIFY(got.scores.max().item<double>() > got.scores.min().item<double>() * 1.01);
    }
};

QTEST_GUILESS_MAIN(TestModelExport)
#include "test_model_export.moc"
