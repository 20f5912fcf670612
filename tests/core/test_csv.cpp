// core/csv: fields quoted exactly when RFC 4180 needs it, line breaks of either kind included.
#include <QtTest>

#include "csv.h"

using namespace lwinnn;

class TestCsv : public QObject {
    Q_OBJECT

  private slots:
    void fields_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << "good/000.png"
                               << "good/000.png";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "0,01.JPG"
                               << "\"0,01.JPG\"";
        QTest::newRow("quote") << "a \"b\""
                               << "\"a \"\"b\"\"\"";
        QTest::newRow("newline") << "two\nlines"
                                 << "\"two\nlines\"";
        QTest::newRow("carriage return") << "two\rlines"
                                         << "\"two\rlines\"";
        QTest::newRow("spaces stay") << " x "
                                     << " x ";
    }

    void fields() {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(QString::fromStdString(csvField(text.toStdString())), field);
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "test_csv.moc"
