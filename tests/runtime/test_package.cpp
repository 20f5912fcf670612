// The Debian package: made with cpack from this build tree into a scratch folder, unpacked with dpkg -x into
// a scratch root, and used from there as a user and a client programmer would: the programs run, the desktop
// files validate, the man page renders, Depends names LibTorch, and the runtime library builds a program
// through pkg-config and through find_package(LWinNNRuntime).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include <fstream>

#include "test_support.h"

using namespace lwinnn;

namespace {

QString qpath(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

Run runProgram(const QString& program, const QStringList& args, const QStringList& env = {},
               const std::filesystem::path& workingDir = {}) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& pair : env) environment.insert(pair.section('=', 0, 0), pair.section('=', 1));
    process.setProcessEnvironment(environment);
    if (!workingDir.empty()) process.setWorkingDirectory(qpath(workingDir));
    process.start(program, args);
    Run r;
    if (!process.waitForStarted(30000) || !process.waitForFinished(lwinnn::test::scaledTimeoutMs(600000))) {
        r.err = "could not run " + program + ": " + process.errorString();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

// A client built as a user would, without sanitizers, cannot load the library of a sanitizer build (the
// `asan` preset) unless AddressSanitizer's runtime comes first: "ASan runtime does not come first in initial
// library list". Then the one this test runs with is preloaded; otherwise nothing.
QStringList sanitizerPreload() {
#if defined(__SANITIZE_ADDRESS__)
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::filesystem::path file = line.substr(slash);
        if (file.filename().string().starts_with("libasan.so")) return {"LD_PRELOAD=" + qpath(file)};
    }
#endif
    return {};
}

QString describe(const QString& what, const Run& r) {
    return what + " exited with " + QString::number(r.exitCode) + ":\n" + r.all();
}

}  // namespace

class TestPackage : public QObject {
    Q_OBJECT

    std::filesystem::path m_dir;
    std::filesystem::path m_deb;
    std::filesystem::path m_root;  // the unpacked package
    std::filesystem::path m_usr;
    std::filesystem::path m_model;  // trained by the unpacked lwinnn

    std::filesystem::path libDir() const { return m_usr / LWINNN_INSTALL_LIBDIR; }

  private slots:
    void initTestCase() {
        for (const char* tool : {"dpkg-deb", "dpkg", "dpkg-shlibdeps"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QString("%1 is not installed (dpkg-dev)").arg(tool)));
        m_dir = test::scratchDir("package");

        // cpack as a user runs it, writing into the scratch folder. With Ninja its install step only installs
        // what is built (Ninja has no "preinstall" target), so the test never rebuilds the project.
        Run r = runProgram(LWINNN_CPACK_COMMAND,
                           {"-G", "DEB", "--config", QString(LWINNN_BUILD_DIR) + "/CPackConfig.cmake", "-B",
                            qpath(m_dir / "out")},
                           {}, m_dir);
        QVERIFY2(r.exitCode == 0, qPrintable(describe("cpack", r)));
        for (const auto& entry : std::filesystem::directory_iterator(m_dir / "out"))
            if (entry.path().extension() == ".deb") m_deb = entry.path();
        QVERIFY2(!m_deb.empty(), qPrintable("no .deb in " + qpath(m_dir / "out") + "\n" + r.all()));
        QVERIFY2(m_deb.filename().string().starts_with(std::string("lwinnn-studio_") +
                                                       LWINNN_TEST_PROJECT_VERSION),
                 m_deb.c_str());

        m_root = m_dir / "root";
        r = runProgram("dpkg", {"-x", qpath(m_deb), qpath(m_root)});
        QVERIFY2(r.exitCode == 0, qPrintable(describe("dpkg -x", r)));
        m_usr = m_root / "usr";
    }

    void controlFields() {
        const Run r = runProgram("dpkg-deb", {"-I", qpath(m_deb)});
        QCOMPARE(r.exitCode, 0);
        const QString info = r.out;
        QVERIFY2(info.contains(
                     QRegularExpression("^ Package: lwinnn-studio$", QRegularExpression::MultilineOption)),
                 qPrintable(info));
        QVERIFY2(info.contains(QString(" Version: ") + LWINNN_TEST_PROJECT_VERSION), qPrintable(info));
        QVERIFY2(info.contains(" Section: science"), qPrintable(info));
        QVERIFY2(
            info.contains(QRegularExpression("^ Maintainer: .+ <.+>$", QRegularExpression::MultilineOption)),
            qPrintable(info));
        // dpkg-shlibdeps found the libraries the programs link.
        const auto depends =
            QRegularExpression("^ Depends: (.*)$", QRegularExpression::MultilineOption).match(info);
        QVERIFY2(depends.hasMatch(), qPrintable(info));
        for (const char* library : {"libtorch", "libopencv-core", "libc6", "libstdc++6"})
            QVERIFY2(depends.captured(1).contains(library),
                     qPrintable(library + (": " + depends.captured(1))));
#ifdef LWINNN_TEST_WITH_STUDIO
        QVERIFY2(depends.captured(1).contains("libqt6widgets6"), qPrintable(depends.captured(1)));
#endif
    }

    // Depends is complete: every shared library that the packaged programs and libraries load (ldd) comes
    // from a package in the dependency closure of Depends. Without LibTorch in Depends the check fails.
    void dependsCoverEveryLoadedLibrary() {
        const QString script = LWINNN_SOURCE_DIR "/packaging/check-debian-packages.sh";
        Run r = runProgram("bash", {script, "deb", qpath(m_deb)});
        if (r.exitCode == 77) QSKIP(qPrintable(r.out.trimmed()));
        QVERIFY2(r.exitCode == 0 && r.out.startsWith("complete: "), qPrintable(describe(script, r)));

        const QString depends = runProgram("dpkg-deb", {"-f", qpath(m_deb), "Depends"}).out;
        const auto torch = QRegularExpression("(libtorch[0-9.]+)").match(depends);
        QVERIFY2(torch.hasMatch(), qPrintable(depends));
        r = runProgram("bash", {script, "deb", qpath(m_deb), "--without", torch.captured(1)});
        QVERIFY2(r.exitCode == 1, qPrintable(describe(script, r)));
        QVERIFY2(r.err.contains(QRegularExpression("/lib[^ ]*/lib(torch|c10)[^ ]*\\.so[^\n]* comes from " +
                                                   QRegularExpression::escape(torch.captured(1)) +
                                                   ", which is not in the dependency closure")),
                 qPrintable(r.err));
    }

    void filesInPlace() {
        const std::string major = std::string(LWINNN_TEST_PROJECT_VERSION).substr(0, 1);
        for (const auto& file :
             {m_usr / "bin" / "lwinnn",
#ifdef LWINNN_TEST_WITH_STUDIO
              m_usr / "bin" / "lwinnn-studio",
#endif
              libDir() / ("liblwinnn-runtime.so." + major), libDir() / "liblwinnn-runtime.so",
              m_usr / "include" / "lwinnn" / "lwinnn.h", m_usr / "include" / "lwinnn" / "lwinnn.hpp",
              libDir() / "pkgconfig" / "lwinnn-runtime.pc",
              libDir() / "cmake" / "LWinNNRuntime" / "LWinNNRuntimeConfig.cmake",
              libDir() / "cmake" / "LWinNNRuntime" / "LWinNNRuntimeConfigVersion.cmake",
              libDir() / "cmake" / "LWinNNRuntime" / "LWinNNRuntimeTargets.cmake",
              m_usr / "share" / "applications" / "org.lwinnn.Studio.desktop",
              m_usr / "share" / "icons" / "hicolor" / "scalable" / "apps" / "org.lwinnn.Studio.svg",
              m_usr / "share" / "metainfo" / "org.lwinnn.Studio.metainfo.xml",
              m_usr / "share" / "man" / "man1" / "lwinnn.1"})
            QVERIFY2(std::filesystem::exists(file), file.c_str());
        // Nothing of the build tree leaks in: no tests, no examples, no static libraries.
        for (const auto& entry : std::filesystem::recursive_directory_iterator(m_root)) {
            const std::string name = entry.path().filename().string();
            QVERIFY2(!name.starts_with("test_") && name != "score_folder" && entry.path().extension() != ".a",
                     entry.path().c_str());
        }
    }

    void unpackedProgramsRun() {
        const QString lwinnn = qpath(m_usr / "bin" / "lwinnn");
        Run r = runProgram(lwinnn, {"--version"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QString("lwinnn %1\n").arg(LWINNN_TEST_PROJECT_VERSION));
        // The installed programs find the runtime library through an RPATH relative to themselves.
        const QString readelf = QStandardPaths::findExecutable("readelf");
        if (!readelf.isEmpty()) {
            r = runProgram(readelf, {"-d", lwinnn});
            QVERIFY2(r.out.contains("[$ORIGIN/../" LWINNN_INSTALL_LIBDIR "]"), qPrintable(r.out));
        }

        const auto data = m_dir / "demo";
        r = runProgram(lwinnn, {"demo-data", qpath(data), "--size", "64"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe("lwinnn demo-data", r)));
        // Four training images are enough to make a model file quickly.
        const auto train = m_dir / "train";
        std::filesystem::create_directories(train);
        for (const char* name : {"000.png", "001.png", "002.png", "003.png"})
            std::filesystem::copy_file(data / "train" / "good" / name, train / name);
        m_model = m_dir / "demo.lwinnn";
        r = runProgram(lwinnn, {"train", "--data", qpath(train), "--out", qpath(m_model), "--window", "3",
                                "--weights", "random", "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe("lwinnn train", r)));
        r = runProgram(lwinnn, {"info", qpath(m_model)});
        QVERIFY2(r.exitCode == 0, qPrintable(describe("lwinnn info", r)));
        QVERIFY2(r.out.contains("on 4 images") && r.out.contains("δ = 3") &&
                     r.out.contains(QString("by lwinnn ") + LWINNN_TEST_PROJECT_VERSION),
                 qPrintable(r.out));

#ifdef LWINNN_TEST_WITH_STUDIO
        r = runProgram(qpath(m_usr / "bin" / "lwinnn-studio"), {"--version"}, {"QT_QPA_PLATFORM=offscreen"});
        QVERIFY2(r.exitCode == 0 && r.out.contains(LWINNN_TEST_PROJECT_VERSION),
                 qPrintable(describe("studio", r)));
#endif
    }

    void desktopFilesValidate() {
        const auto desktop = m_usr / "share" / "applications" / "org.lwinnn.Studio.desktop";
        const auto metainfo = m_usr / "share" / "metainfo" / "org.lwinnn.Studio.metainfo.xml";
        // The metainfo's newest release is this version, and the desktop file names the installed icon.
        QFile xml(qpath(metainfo));
        QVERIFY(xml.open(QIODevice::ReadOnly));
        QVERIFY2(QString::fromUtf8(xml.readAll())
                     .contains(QString("<release version=\"%1\"").arg(LWINNN_TEST_PROJECT_VERSION)),
                 "the metainfo has no <release> for this version");
        QFile entry(qpath(desktop));
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(entry.readAll());
        QVERIFY(text.contains("\nIcon=org.lwinnn.Studio\n") && text.contains("\nExec=lwinnn-studio"));

        const QString desktopValidate = QStandardPaths::findExecutable("desktop-file-validate");
        const QString appstream = QStandardPaths::findExecutable("appstreamcli");
        if (!desktopValidate.isEmpty()) {
            const Run r = runProgram(desktopValidate, {qpath(desktop)});
            QVERIFY2(r.exitCode == 0 && r.all().trimmed().isEmpty(),
                     qPrintable(describe("desktop-file-validate", r)));
        }
        if (!appstream.isEmpty()) {
            const Run r = runProgram(appstream, {"validate", "--no-net", qpath(metainfo)});
            QVERIFY2(r.exitCode == 0, qPrintable(describe("appstreamcli validate", r)));
        }
        if (desktopValidate.isEmpty() || appstream.isEmpty())
            QSKIP("desktop-file-validate (desktop-file-utils) or appstreamcli (appstream) is not installed");
    }

    void manPageRenders() {
        const QString groff = QStandardPaths::findExecutable("groff");
        if (groff.isEmpty()) QSKIP("groff is not installed");
        const auto page = m_usr / "share" / "man" / "man1" / "lwinnn.1";
        Run r = runProgram(groff, {"-man", "-Tutf8", "-ww", "-z", qpath(page)}, {"LC_ALL=C.UTF-8"});
        QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), qPrintable(describe("groff -ww", r)));

        // Every command and option of the packaged `lwinnn --help` has its place in the page. Rendered as
        // plain text on long lines without hyphenation, so that each name can be found whole.
        r = runProgram(groff,
                       {"-man", "-Tutf8", "-rLL=250n", "-rHY=0", "-P-c", "-P-b", "-P-o", "-P-u", qpath(page)},
                       {"LC_ALL=C.UTF-8"});
        QCOMPARE(r.exitCode, 0);
        const QString text = r.out;
        const Run help = runProgram(qpath(m_usr / "bin" / "lwinnn"), {"--help"});
        QCOMPARE(help.exitCode, 0);
        QStringList commands;
        for (const auto& m :
             QRegularExpression("^  ([a-z][a-z-]+)(?: |$)", QRegularExpression::MultilineOption)
                 .globalMatch(help.out))
            commands << m.captured(1);
        QVERIFY2(commands.size() >= 7 && commands.contains("train") && commands.contains("info"),
                 qPrintable(help.out));
        for (const QString& command : commands)
            QVERIFY2(text.contains(QRegularExpression("\\n {7}" + command + "[ \\n]")),
                     qPrintable("the man page has no entry for " + command));
        QStringList options;
        for (const auto& m : QRegularExpression("--[a-z][a-z0-9-]*").globalMatch(help.out))
            options << m.captured(0);
        options.removeDuplicates();
        QVERIFY(options.contains("--window") && options.contains("--version"));
        for (const QString& option : options)
            QVERIFY2(text.contains(QRegularExpression(QRegularExpression::escape(option) + "\\b(?!-)")),
                     qPrintable("the man page does not mention " + option));
    }

    void pkgConfigBuildsAClient() {
        const QString pkgConfig = QStandardPaths::findExecutable("pkg-config");
        if (pkgConfig.isEmpty()) QSKIP("pkg-config is not installed");
        const QStringList env{"PKG_CONFIG_PATH=" + qpath(libDir() / "pkgconfig")};
        Run r = runProgram(pkgConfig, {"--modversion", "lwinnn-runtime"}, env);
        QCOMPARE(r.out.trimmed(), QString(LWINNN_TEST_PROJECT_VERSION));
        r = runProgram(pkgConfig, {"--cflags", "--libs", "lwinnn-runtime"}, env);
        QVERIFY2(r.exitCode == 0 && r.out.trimmed().endsWith("-llwinnn-runtime"),
                 qPrintable(describe("pkg-config", r)));
        // With the prefix moved into the unpacked root, the paths exist there.
        r = runProgram(pkgConfig,
                       {"--define-variable=prefix=" + qpath(m_usr), "--cflags", "--libs", "lwinnn-runtime"},
                       env);
        QVERIFY2(r.exitCode == 0, qPrintable(describe("pkg-config", r)));
        const QStringList flags = r.out.trimmed().split(' ', Qt::SkipEmptyParts);
        QCOMPARE(flags,
                 (QStringList{"-I" + qpath(m_usr / "include"), "-L" + qpath(libDir()), "-llwinnn-runtime"}));

        // Those flags build the example, which then runs on the packaged library and scores like the packaged
        // CLI.
        const auto program = m_dir / "score_folder_pc";
        r = runProgram(LWINNN_C_COMPILER,
                       QStringList{"-std=c11", "-Wall", "-Werror",
                                   LWINNN_SOURCE_DIR "/examples/score_folder.c", "-o", qpath(program)} +
                           flags);
        QVERIFY2(r.exitCode == 0, qPrintable(describe("cc", r)));
        checkClient(program);
    }

    void cmakePackageBuildsAClient() {
        const auto project = m_dir / "client";
        std::filesystem::create_directories(project);
        std::ofstream(project / "CMakeLists.txt")
            << "cmake_minimum_required(VERSION 3.22)\n"
               "project(client LANGUAGES C)\n"
               "find_package(LWinNNRuntime " LWINNN_TEST_PROJECT_VERSION
               " REQUIRED)\n"
               "add_executable(score_folder " LWINNN_SOURCE_DIR
               "/examples/score_folder.c)\n"
               "target_link_libraries(score_folder PRIVATE LWinNN::runtime)\n";
        const auto build = project / "build";
        Run r = runProgram(LWINNN_CMAKE_COMMAND,
                           {"-S", qpath(project), "-B", qpath(build), "-DCMAKE_PREFIX_PATH=" + qpath(m_usr),
                            "-DCMAKE_C_COMPILER=" LWINNN_C_COMPILER});
        QVERIFY2(r.exitCode == 0, qPrintable(describe("cmake (client)", r)));
        r = runProgram(LWINNN_CMAKE_COMMAND, {"--build", qpath(build)});
        QVERIFY2(r.exitCode == 0, qPrintable(describe("cmake --build (client)", r)));
        checkClient(build / "score_folder");
    }

  private:
    // A client program built against the unpacked package: it loads the packaged library and scores one image
    // as the packaged CLI does.
    void checkClient(const std::filesystem::path& program) {
        const QStringList env = QStringList{"LD_LIBRARY_PATH=" + qpath(libDir())} + sanitizerPreload();
        Run r = runProgram(qpath(program), {}, env);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(qpath(program), r)));
        QVERIFY2(r.err.contains(QString("liblwinnn-runtime %1").arg(LWINNN_TEST_PROJECT_VERSION)),
                 qPrintable(r.err));
        QVERIFY2(!m_model.empty(), "no model: unpackedProgramsRun did not train one");

        const auto images = m_dir / "one_image";
        if (!std::filesystem::exists(images)) {
            std::filesystem::create_directories(images);
            std::filesystem::copy_file(m_dir / "demo" / "test" / "stain" / "000.png", images / "000.png");
        }
        r = runProgram(qpath(program), {qpath(m_model), qpath(images)}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(qpath(program), r)));
        const Run cli = runProgram(
            qpath(m_usr / "bin" / "lwinnn"),
            {"score", qpath(m_model), qpath(images / "000.png"), "--out", qpath(m_dir / "maps"), "--force"});
        QVERIFY2(cli.exitCode == 0, qPrintable(describe("lwinnn score", cli)));
        const QStringList mine = r.out.split('\n', Qt::SkipEmptyParts);
        const QStringList theirs = cli.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(mine.size(), 2);
        QCOMPARE(theirs.size(), 2);
        // file,score from the client; file,score,overlay,map from the CLI (no commas in these paths).
        const double a = mine[1].section(',', 1, 1).toDouble();
        const double b = theirs[1].section(',', 1, 1).toDouble();
        QVERIFY2(test::relToMaxOne(a, b) <= 1e-4, qPrintable(mine[1] + " vs " + theirs[1]));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "test_package.moc"
