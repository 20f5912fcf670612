// lwinnn-studio [DATASET_DIR] [--model FILE] [--train] [--weights FILE|random]
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>

#include "lwinnn_version.h"
#include "main_window.h"
#include "studio_settings.h"
#include "studio_style.h"

int main(int argc, char* argv[]) {
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LWinNN Studio"));
    QApplication::setOrganizationName(QStringLiteral("lwinnn"));
    QApplication::setApplicationVersion(QStringLiteral(LWINNN_VERSION));
    lwinnn::ui::applyStudioStyle(application);
    // The language of the preferences (the system's by default), before any text is made.
    lwinnn::ui::applyLanguage(lwinnn::ui::StudioSettings::load().language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main",
        "Build a visual anomaly detector from photos of good parts, tune it on heatmaps, export it."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("dataset"),
        QApplication::translate("main", "An MVTec AD category or a folder of good images."),
        QStringLiteral("[DATASET_DIR]"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QApplication::translate("main", "Open this model file."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption trainOption(QStringLiteral("train"),
                                         QApplication::translate("main", "Train on DATASET_DIR at start."));
    const QCommandLineOption weightsOption(
        QStringLiteral("weights"),
        QApplication::translate("main",
                                "Backbone weights: a file, or 'random' to try things out (default: search "
                                "$LWINNN_WEIGHTS and the standard places)."),
        QStringLiteral("FILE|random"));
    parser.addOptions({modelOption, trainOption, weightsOption});
    parser.process(application);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) parser.showHelp(2);
    if (parser.isSet(trainOption) && positional.isEmpty()) {
        qCritical("%s", qPrintable(QApplication::translate("main", "--train needs a DATASET_DIR.")));
        return 2;
    }

    lwinnn::ui::MainWindow window;
    if (parser.isSet(weightsOption)) window.setWeightsSpec(parser.value(weightsOption));
    window.show();

    // The window's calls are queued on its worker thread in this order: data set, model, training.
    if (!positional.isEmpty()) window.openDataset(QDir(positional.first()).absolutePath());
    if (parser.isSet(modelOption))
        window.loadModel(QDir::current().absoluteFilePath(parser.value(modelOption)));
    if (parser.isSet(trainOption)) window.train();

    // LWINNN_STUDIO_SCREENSHOT=FILE: save a grab of the window once the first test image is shown, then quit
    // (for documentation and for looking at the Studio on a headless machine).
    const QString screenshot = qEnvironmentVariable("LWINNN_STUDIO_SCREENSHOT");
    if (!screenshot.isEmpty()) {
        QObject::connect(
            &window, &lwinnn::ui::MainWindow::imageShown, &window,
            [&window, screenshot] {
                QTimer::singleShot(500, &window, [&window, screenshot] {
                    window.grab().save(screenshot);
                    QApplication::quit();
                });
            },
            Qt::SingleShotConnection);
    }
    return QApplication::exec();
}
