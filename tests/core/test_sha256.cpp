// SHA-256 against the FIPS 180-4 / NIST example vectors, padding boundaries, streaming and files.
#include <fstream>
#include <string>

#include "error.h"
#include "sha256.h"
#include "test_support.h"

using namespace lwinnn;

class TestSha256 : public QObject {
    Q_OBJECT

  private slots:
    void nistVectors_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray()
                               << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("abc") << QByteArray("abc")
                             << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("896 bits")
            << QByteArray(
                   "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjk"
                   "lmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            << "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";
        QTest::newRow("million a") << QByteArray(1000000, 'a')
                                   << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
        // Lengths around the 56-byte padding boundary and the 64-byte block (digests from Python's hashlib).
        QTest::newRow("55 a") << QByteArray(55, 'a')
                              << "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318";
        QTest::newRow("56 a") << QByteArray(56, 'a')
                              << "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a";
        QTest::newRow("63 a") << QByteArray(63, 'a')
                              << "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34";
        QTest::newRow("64 a") << QByteArray(64, 'a')
                              << "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb";
        QTest::newRow("119 a") << QByteArray(119, 'a')
                               << "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb";
        QTest::newRow("120 a") << QByteArray(120, 'a')
                               << "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c";
    }

    void nistVectors() {
        QFETCH(QByteArray, message);
        QFETCH(QString, digest);
        QCOMPARE(
            QString::fromStdString(sha256Hex(message.constData(), static_cast<std::size_t>(message.size()))),
            digest);
    }

    void streamingInOddChunksEqualsOneShot() {
        std::string message;
        for (int i = 0; i < 5000; ++i) message += static_cast<char>((i * 131 + 7) % 251);
        const auto oneShot = sha256Hex(message.data(), message.size());
        for (const std::size_t chunk : {1, 3, 7, 55, 63, 64, 65, 127, 1000}) {
            Sha256 hash;
            for (std::size_t pos = 0; pos < message.size(); pos += chunk)
                hash.update(message.data() + pos, std::min(chunk, message.size() - pos));
            QCOMPARE(hash.finishHex(), oneShot);
        }
        // finish() leaves the object ready for a new message.
        Sha256 hash;
        hash.update("abc", 3);
        hash.finish();
        hash.update("abc", 3);
        QCOMPARE(hash.finishHex(),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void fileDigest() {
        const auto file = test::scratchDir("sha256") / "million-a.bin";
        {
            std::ofstream out(file, std::ios::binary);
            out << std::string(1000000, 'a');
        }
        QCOMPARE(sha256OfFile(file),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));

        const auto missing = file.parent_path() / "missing.bin";
        try {
            sha256OfFile(missing);
            QFAIL("a missing file was hashed");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("missing.bin") != std::string::npos);
        }
    }

    void sharedWeightsDigest() {
        LWINNN_REQUIRE_SHARED("weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth");
        QCOMPARE(sha256OfFile(test::sharedDir() / "weights/resnet18_imagenet1k_v1_bnfolded_trunk.pth"),
                 std::string("e3dcdb8c1e27455b50bd2e87f0ccc0ed986f6e0fab121473144d85d4c4631aa7"));
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "test_sha256.moc"
