// translations/: the Dutch and German translations are complete — every message has a finished, non-empty
// translation with the same placeholders and accelerators as its source — and the embedded .qm files load;
// the core's errors (ui/localized_error.*) show in the user's language with the file named verbatim.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTranslator>
#include <QXmlStreamReader>

#include <fstream>
#include <functional>

#include "dataset.h"
#include "error.h"
#include "image_io.h"
#include "localized_error.h"
#include "model_file.h"
#include "studio_settings.h"
#include "test_support.h"
#include "weights.h"

namespace {

struct Message {
    QString context;
    QString source;
    bool numerus = false;
    QString type;       // of <translation>: "", "unfinished", "vanished", "obsolete"
    QStringList forms;  // the translation, or its numerus forms
};

QString translationsDir() {
    QString here = QStringLiteral(__FILE__);
    // ccache (CCACHE_BASEDIR) makes __FILE__ relative to the build folder, the parent of the tests' folder.
    if (QDir::isRelativePath(here))
        here = QDir(QCoreApplication::applicationDirPath() + QStringLiteral("/..")).absoluteFilePath(here);
    return QDir::cleanPath(QFileInfo(here).absolutePath() + QStringLiteral("/../../translations"));
}

QList<Message> readTs(const QString& file) {
    QList<Message> messages;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) return messages;
    QXmlStreamReader xml(&in);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message{};
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement()) message.forms.append(xml.readElementText());
            } else {
                message.forms.append(xml.readElementText());
            }
            messages.append(message);
        }
    }
    if (xml.hasError()) qWarning("%s: %s", qPrintable(file), qPrintable(xml.errorString()));
    return messages;
}

QSet<QString> placeholders(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("%(?:[1-9]|n)"));
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();) found.insert(it.next().captured());
    return found;
}

// Single '&' marks an accelerator; "&&" is a literal ampersand, "&nbsp;"-like entities are HTML.
int accelerators(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("(?<!&)&(?![&#a-z]+;)(?!&)"));
    QString plain = text;
    plain.remove(QStringLiteral("&&"));
    int count = 0;
    for (auto it = pattern.globalMatch(plain); it.hasNext(); it.next()) ++count;
    return count;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT

  private slots:
    void everyMessageIsTranslated_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("nl") << translationsDir() + QStringLiteral("/lwinnn_nl.ts");
        QTest::newRow("de") << translationsDir() + QStringLiteral("/lwinnn_de.ts");
    }

    void everyMessageIsTranslated() {
        QFETCH(QString, file);
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        const QList<Message> messages = readTs(file);
        QVERIFY2(messages.size() > 250, "the Studio's texts are in the file");
        QStringList problems;
        for (const Message& m : messages) {
            const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
            if (!m.type.isEmpty()) problems.append(where + QStringLiteral(" is ") + m.type);
            if (m.numerus && m.forms.size() != 2)
                problems.append(where + QStringLiteral(" needs two plural forms"));
            for (const QString& form : m.forms) {
                if (form.trimmed().isEmpty())
                    problems.append(where + QStringLiteral(" has an empty translation"));
                if (placeholders(form) != placeholders(m.source) &&
                    !(m.numerus &&
                      placeholders(form) + QSet<QString>{QStringLiteral("%n")} == placeholders(m.source)))
                    problems.append(where + QStringLiteral(" has other placeholders: ") + form);
                if (accelerators(form) != accelerators(m.source))
                    problems.append(where + QStringLiteral(" has other accelerators: ") + form);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // English has only the plural forms, of every message with %n.
    void englishHasEveryPlural() {
        QSet<QString> plurals;
        for (const Message& m : readTs(translationsDir() + QStringLiteral("/lwinnn_nl.ts")))
            if (m.numerus) plurals.insert(m.context + QLatin1Char('|') + m.source);
        QSet<QString> english;
        for (const Message& m : readTs(translationsDir() + QStringLiteral("/lwinnn_en.ts"))) {
            QVERIFY2(m.numerus && m.type.isEmpty() && m.forms.size() == 2 && !m.forms[0].isEmpty() &&
                         !m.forms[1].isEmpty() && m.forms[0].contains(QStringLiteral("%n")),
                     qPrintable(m.source));
            english.insert(m.context + QLatin1Char('|') + m.source);
        }
        QVERIFY(!plurals.isEmpty());
        QCOMPARE(english, plurals);
        QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("lwinnn::ui::ExportDialog", "%n image(s)", "", 1),
                 QStringLiteral("1 image"));
        QCOMPARE(QCoreApplication::translate("lwinnn::ui::ExportDialog", "%n image(s)", "", 3),
                 QStringLiteral("3 images"));
    }

    void embeddedTranslationsLoad() {
        for (const auto& [code, file] : {std::pair{"de", "&Datei"}, std::pair{"nl", "&Bestand"}}) {
            QTranslator translator;
            QVERIFY(translator.load(QStringLiteral(":/i18n/lwinnn_%1.qm").arg(QLatin1String(code))));
            QCOMPARE(translator.translate("lwinnn::ui::MainWindow", "&File"), QString::fromUtf8(file));
        }
        QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("lwinnn::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("xx")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("lwinnn::ui::MainWindow", "&File"), QStringLiteral("&File"));
    }

    // Real errors of the core, raised by the functions the Studio calls: English exactly as the CLI prints
    // it, German with the file verbatim and the reason translated, and unknown reasons left as they are.
    void coreErrorsInTheUsersLanguage() {
        // A '%2' in the folder name must come through as it is, not be taken for a placeholder.
        const auto dir = lwinnn::test::scratchDir("translated_errors") / "line %2";
        std::filesystem::create_directories(dir);
        const auto image = dir / "broken.png";
        const auto model = dir / "cut.lwinnn";
        std::ofstream(image) << "not a PNG";
        std::ofstream(model, std::ios::binary) << "abc";
        std::vector<std::pair<std::string, std::function<void()>>> cases{
            {"image", [&] { lwinnn::decodeImage(image); }},
            {"model", [&] { lwinnn::readModelFile(model); }},
            {"data set", [&] { lwinnn::readMvtecDataset(dir); }},
            {"weights", [&] { lwinnn::loadBackboneWeights((dir / "none.pth").string()); }},
        };
        const QStringList german{
            QStringLiteral("das Bild kann nicht dekodiert werden (beschädigt, abgeschnitten oder keine PNG-, "
                           "JPEG-, BMP- oder TIFF-Datei)"),
            QStringLiteral("abgeschnitten: die Datei hat 3 Bytes, weniger als die 8 Bytes der Headerlänge "
                           "einer safetensors-Datei"),
            QStringLiteral("ist keine MVTec-AD-Kategorie: kein Ordner train/good"),
            QStringLiteral("Gewichtsdatei existiert nicht"),
        };
        for (std::size_t i = 0; i < cases.size(); ++i) {
            try {
                cases[i].second();
                QFAIL(qPrintable(QString::fromStdString(cases[i].first) + QStringLiteral(" was accepted")));
            } catch (const lwinnn::Error& e) {
                const QString file = QString::fromStdString(e.file().string());
                QVERIFY2(file.contains(QStringLiteral("line %2")), e.what());
                QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
                QCOMPARE(lwinnn::ui::localizedError(e), QString::fromStdString(e.what()));
                QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("de")), QStringLiteral("de"));
                QCOMPARE(lwinnn::ui::localizedError(e),
                         file + QStringLiteral(": ") + german[static_cast<int>(i)]);
                QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("nl")), QStringLiteral("nl"));
                const QString dutch = lwinnn::ui::localizedError(e);
                QVERIFY2(dutch.startsWith(file + QStringLiteral(": ")) &&
                             dutch != QString::fromStdString(e.what()),
                         qPrintable(dutch));
            }
        }

        // The many-line help for missing weights (no file), with the places searched kept as they are.
        const QString help = QString::fromStdString(lwinnn::missingWeightsHelp());
        QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(lwinnn::ui::localizedErrorText(help), help);
        QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("de")), QStringLiteral("de"));
        const QString germanHelp = lwinnn::ui::localizedErrorText(help);
        QVERIFY2(
            germanHelp.startsWith(QStringLiteral("Es wurden keine ResNet18-ImageNet-Gewichte gefunden.")),
            qPrintable(germanHelp));
        for (const auto& place : lwinnn::weightsSearchPath())
            QVERIFY(germanHelp.contains(QString::fromStdString(place.string())));
        QVERIFY(germanHelp.contains(QString::fromLatin1(lwinnn::kTorchvisionWeightsUrl)));

        // An unknown reason stays English, the file too.
        const lwinnn::FileError unknown(dir / "x.bin", "a reason nobody translated");
        QCOMPARE(lwinnn::ui::localizedError(unknown), QString::fromStdString(unknown.what()));
        QCOMPARE(lwinnn::ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
