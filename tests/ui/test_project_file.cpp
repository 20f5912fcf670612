// ui/project_file: the project's JSON round trip (paths relative to the project when below it), refusals of
// broken files with the file named, and mangled files that must throw, never crash.
#include <QtTest>

#include <QDir>
#include <QFile>

#include "error.h"
#include "project_file.h"
#include "test_support.h"

using namespace lwinnn;

namespace {

void writeText(const QString& file, const QByteArray& text) {
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(text);
}

}  // namespace

class TestProjectFile : public QObject {
    Q_OBJECT

  private:
    QString m_dir;

    ui::Project sample() const {
        ui::Project project;
        project.datasetFolder = m_dir + QStringLiteral("/data");
        project.datasetCategory = QStringLiteral("candle");
        project.newImages = {m_dir + QStringLiteral("/new/a.png"), QStringLiteral("/elsewhere/b.png")};
        project.device = QStringLiteral("cpu");
        project.resizeMode = QStringLiteral("square");
        project.window = 5;
        project.weights = QStringLiteral("/opt/weights/resnet18.pth");
        project.modelFile = m_dir + QStringLiteral("/models/model.lwinnn");
        project.threshold = 0.4375;
        project.reviewMarks.insert(m_dir + QStringLiteral("/data/test/hole/000.png"),
                                   QStringLiteral("defect"));
        project.reviewMarks.insert(QStringLiteral("/elsewhere/c.png"), QStringLiteral("ok"));
        project.created = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        project.modified = QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6, 7), Qt::UTC);
        return project;
    }

    // The message of the error that reading `text` as a project file throws.
    QString refusal(const QByteArray& text, const QString& name) {
        const QString file = m_dir + QLatin1Char('/') + name;
        writeText(file, text);
        try {
            ui::readProjectFile(file);
        } catch (const Error& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

  private slots:
    void initTestCase() {
        m_dir = QString::fromStdString(test::scratchDir("project_file").string());
        QVERIFY(QDir().mkpath(m_dir + QStringLiteral("/data")));
    }

    void roundTripKeepsEverything() {
        const QString file = m_dir + QStringLiteral("/inspection.lwinnn-project");
        const ui::Project project = sample();
        ui::writeProjectFile(file, project);
        const ui::Project back = ui::readProjectFile(file);
        QCOMPARE(back.datasetFolder, project.datasetFolder);
        QCOMPARE(back.datasetCategory, QStringLiteral("candle"));
        QCOMPARE(back.newImages, project.newImages);
        QCOMPARE(back.modelFile, project.modelFile);
        QCOMPARE(back.reviewMarks, project.reviewMarks);
        QCOMPARE(back.threshold, project.threshold);
        QCOMPARE(back.created, project.created);
        QVERIFY(back == project);
        // No temporary file is left beside it.
        QCOMPARE(QDir(m_dir).entryList(QDir::Files),
                 QStringList{QStringLiteral("inspection.lwinnn-project")});
    }

    void pathsBelowTheProjectAreRelative() {
        const QString file = m_dir + QStringLiteral("/inspection.lwinnn-project");
        const QByteArray json = ui::projectToJson(sample(), file);
        QVERIFY(json.contains("\"dataset\": \"data\""));
        QVERIFY(json.contains("\"model\": \"models/model.lwinnn\""));
        QVERIFY(json.contains("\"data/test/hole/000.png\": \"defect\""));
        QVERIFY(json.contains("\"/elsewhere/b.png\""));
        QVERIFY(json.contains("\"format\": \"lwinnn-project\""));
        // The same text read from another folder resolves against that folder: the project moves as a whole.
        const ui::Project moved = ui::projectFromJson(json, QStringLiteral("/moved/p.lwinnn-project"));
        QCOMPARE(moved.datasetFolder, QStringLiteral("/moved/data"));
        QCOMPARE(moved.modelFile, QStringLiteral("/moved/models/model.lwinnn"));
        QCOMPARE(moved.newImages.last(), QStringLiteral("/elsewhere/b.png"));
    }

    void noThresholdAndNoModelStayAbsent() {
        ui::Project project;
        project.datasetFolder = m_dir + QStringLiteral("/data");
        const ui::Project back =
            ui::projectFromJson(ui::projectToJson(project, m_dir + QStringLiteral("/x.lwinnn-project")),
                                m_dir + QStringLiteral("/x.lwinnn-project"));
        QVERIFY(!back.threshold);
        QVERIFY(back.modelFile.isEmpty());
        QCOMPARE(back.window, 7);
        QCOMPARE(back.device, QStringLiteral("auto"));
    }

    // Odd but valid paths read back as they were read, whatever the folder they resolve to.
    void oddPathsSurviveARoundTrip_data() {
        QTest::addColumn<QString>("path");
        for (const char* path : {".", "./", "..", "../..", "../../../..", "random", "./random", "a/../b", "/",
                                 "//x//y/", "~", "a b/ä.png", "./.."})
            QTest::newRow(path) << QString::fromUtf8(path);
    }

    void oddPathsSurviveARoundTrip() {
        QFETCH(QString, path);
        const QString file = QStringLiteral("/projects/inspection/line.lwinnn-project");
        const QString json = QStringLiteral(R"({"format": "lwinnn-project", "version": 1,
            "data": {"dataset": "%1", "newImages": ["%1"]}, "settings": {"weights": "%1"}, "model": "%1",
            "reviewMarks": {"%1": "good"}})")
                                 .arg(path);
        const ui::Project project = ui::projectFromJson(json.toUtf8(), file);
        const ui::Project back = ui::projectFromJson(ui::projectToJson(project, file), file);
        QCOMPARE(back.datasetFolder, project.datasetFolder);
        QCOMPARE(back.weights, project.weights);
        QCOMPARE(back.modelFile, project.modelFile);
        QCOMPARE(back.newImages, project.newImages);
        QCOMPARE(back.reviewMarks, project.reviewMarks);
        QVERIFY(back == project);
    }

    void brokenFilesAreRefusedWithTheirName_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("bad json") << QByteArray("{\"format\": \"lwinnn-project\",")
                                  << QStringLiteral("not a valid project file");
        QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("no JSON object");
        QTest::newRow("other format") << QByteArray(R"({"format": "lwinnn-model", "version": 1})")
                                      << QStringLiteral("format \"lwinnn-model\"");
        QTest::newRow("no format") << QByteArray(R"({"version": 1})") << QStringLiteral("no \"format\"");
        QTest::newRow("newer") << QByteArray(R"({"format": "lwinnn-project", "version": 2})")
                               << QStringLiteral("newer LWinNN Studio");
        QTest::newRow("no version") << QByteArray(R"({"format": "lwinnn-project"})")
                                    << QStringLiteral("no version");
        QTest::newRow("window range")
            << QByteArray(R"({"format": "lwinnn-project", "version": 1, "settings": {"window": 99}})")
            << QStringLiteral("settings.window");
        QTest::newRow("device")
            << QByteArray(R"({"format": "lwinnn-project", "version": 1, "settings": {"device": "tpu"}})")
            << QStringLiteral("unknown device");
        QTest::newRow("threshold type")
            << QByteArray(R"({"format": "lwinnn-project", "version": 1, "threshold": "high"})")
            << QStringLiteral("\"threshold\" must be a number");
        QTest::newRow("marks type")
            << QByteArray(R"({"format": "lwinnn-project", "version": 1, "reviewMarks": {"a.png": 3}})")
            << QStringLiteral("reviewMarks");
        QTest::newRow("missing data")
            << QByteArray(R"({"format": "lwinnn-project", "version": 1, "data": {"dataset": "gone"}})")
            << QStringLiteral("does not exist");
    }

    void brokenFilesAreRefusedWithTheirName() {
        QFETCH(QByteArray, text);
        QFETCH(QString, reason);
        const QString name =
            QStringLiteral("broken-%1.lwinnn-project")
                .arg(
                    QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        const QString message = refusal(text, name);
        QVERIFY2(message.contains(name), qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message));
    }

    void aMissingFileIsRefused() {
        try {
            ui::readProjectFile(m_dir + QStringLiteral("/absent.lwinnn-project"));
            QFAIL("a missing project was read");
        } catch (const FileError& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("absent.lwinnn-project")));
        }
    }

    // Every truncation and many byte changes of a valid file either read or throw lwinnn::Error.
    void mangledFilesThrowAndNeverCrash() {
        const QByteArray valid = ui::projectToJson(sample(), m_dir + QStringLiteral("/f.lwinnn-project"));
        int refused = 0;
        auto attempt = [&](const QByteArray& text) {
            try {
                ui::projectFromJson(text, QStringLiteral("/f.lwinnn-project"));
            } catch (const Error& e) {
                ++refused;
                QVERIFY(QString::fromUtf8(e.what()).startsWith(QStringLiteral("/f.lwinnn-project: ")));
            }
        };
        for (qsizetype n = 0; n < valid.size(); n += 3) attempt(valid.left(n));
        quint32 seed = 12345;
        for (int i = 0; i < 2000; ++i) {
            QByteArray text = valid;
            seed = seed * 1664525u + 1013904223u;
            const auto at = static_cast<qsizetype>(seed % static_cast<quint32>(text.size()));
            seed = seed * 1664525u + 1013904223u;
            text[at] = static_cast<char>(" \"{}[]:,0-9.a\\e"[seed % 15]);
            attempt(text);
        }
        QVERIFY(refused > valid.size() / 3);
    }
};

QTEST_GUILESS_MAIN(TestProjectFile)
#include "test_project_file.moc"
