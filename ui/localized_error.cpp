#include "localized_error.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <vector>

#include "error.h"

namespace lwinnn::ui {

namespace {

constexpr const char* kContext = "lwinnn::ui::CoreError";

// The reasons as the core (and the Studio's project reader) word them, with %1… where they insert a value.
// The English text is matched against the message, so it must stay exactly the thrower's wording;
// test_translations checks that a message the table knows comes back unchanged in English.
// clang-format off
constexpr const char* kReasons[] = {
    // Images (core/image_io.cpp) and folders.
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "no such file"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "not a file"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "no such file or folder"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "is a folder, not an image"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the file is empty"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "cannot decode the image (corrupt, truncated or not a PNG, JPEG, BMP or TIFF file)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "cannot decode the image: %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the image has no pixels"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "truncated: the JPEG data ends before its end-of-image marker"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "the image is %1 × %2 pixels (%3 megapixels), more than the limit of %4 megapixels"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the image header declares no pixels"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "unsupported pixel depth (only 8- and 16-bit images are read)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "unsupported channel count %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "unsupported pixel depth for a mask (only 8- and 16-bit images are read)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "cannot encode the image"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "no such folder"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "is not a folder"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "not a folder"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "cannot list the folder: %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "cannot create the folder: %1"),
    // Data sets (core/dataset.cpp, ui/detector_worker.cpp) and masks.
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "no images found (expected an MVTec AD folder with train/ and test/, or a folder of "
                      "good images)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "is not an MVTec AD category: no train/good folder"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "is not an MVTec AD category: train/good holds no images"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "is not an MVTec AD category: no test folder"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "is not an MVTec AD category: the test folder holds no images"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "defect image has no mask (expected %1)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "holds no images"),
    // Models (core/model_file.cpp, core/safetensors.cpp).
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "truncated: the file is %1 bytes, shorter than the 8-byte header length of a "
                      "safetensors file"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "not a safetensors file: its header length field says %1 bytes, which is absurd (over "
                      "100 MB)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "truncated: the header says %1 bytes but only %2 follow"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the header is not valid JSON: %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "tensor %1 ends at byte %2 of a data section of only %3 bytes (truncated?)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "not a LWinNN model (a safetensors file without format \"lwinnn-model\")"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "the model was written by a newer LWinNN (model format %1); this build reads format %2 "
                      "and older. Update LWinNN Studio to open it."),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "invalid model format version %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the model header has no '%1'"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "the model header is inconsistent (input, grid, channels, window or count)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the model has no tensor '%1'"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the tensor '%1' has shape %2 but the header implies %3"),
    // Backbone weights (core/weights.cpp, core/checkpoint_reader.cpp).
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "no such weights file"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "LWINNN_WEIGHTS names a file that does not exist"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "No ResNet18 ImageNet weights were found. LWinNN needs torchvision's "
                      "resnet18-f37072fd.pth (44.7 MB):\n"
                      "  - run `lwinnn fetch-weights` where a network is available, or\n"
                      "  - download %1\n"
                      "    (its SHA-256 starts with %2) and either pass it with --weights FILE,\n"
                      "    set LWINNN_WEIGHTS=FILE, or put it in one of the places searched:\n"
                      "%3  - or use --weights random to try the tool with untrained (random) weights; "
                      "results will be poor."),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "truncated: it starts like a zip file but its end-of-central-directory record is "
                      "missing"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "not a PyTorch zip checkpoint (torch.save format); it looks like a JSON file"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "not a PyTorch zip checkpoint (torch.save format); it has no zip "
                      "end-of-central-directory record"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "truncated or damaged: %1 (bytes %2 to %3) runs past byte %4"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "not a PyTorch checkpoint: the zip holds no data.pkl (torch.save always writes one)"),
    // Training and scoring (core/detector.cpp, core/evaluation.cpp, core/torch_pipeline.cpp).
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "no training images were given"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "none of the %1 training images could be read"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "none of the test images could be read"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "device '%1' was asked for, but this build of LibTorch has no CUDA support or no CUDA "
                      "device is visible; use --device cpu"),
    // Writing files (core/file_util.cpp, core/model_export.cpp).
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "cannot open: %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "not a regular file"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "cannot create a temporary file beside it: %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "cannot rename the temporary file over it: %1"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "already exists; the export replaces files only when asked to"),
    // Project files (ui/project_file.cpp).
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "not a valid project file: %1 at byte %2"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "not a valid project file: no JSON object"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "not an LWinNN Studio project (no \"format\")"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "not an LWinNN Studio project (format \"%1\")"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError",
                      "the project was written by a newer LWinNN Studio (project version %1; this version "
                      "reads up to %2)"),
    QT_TRANSLATE_NOOP("lwinnn::ui::CoreError", "the data set folder %1 does not exist"),
};
// clang-format on

// A reason of the table as a pattern: its text literally, each %N a lazy capture of what the thrower put
// there (a number, a path, a system message).
struct KnownReason {
    const char* source;
    QRegularExpression pattern;
    std::vector<int> placeholders;  // the N of each capture, in the order they appear
};

std::vector<KnownReason> buildReasons() {
    static const QRegularExpression placeholder(QStringLiteral("%([1-9])"));
    std::vector<KnownReason> reasons;
    for (const char* source : kReasons) {
        const QString text = QString::fromUtf8(source);
        KnownReason reason{source, {}, {}};
        QString pattern;
        qsizetype at = 0;
        for (auto it = placeholder.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            pattern += QRegularExpression::escape(text.mid(at, match.capturedStart() - at));
            pattern += QStringLiteral("(.+?)");
            reason.placeholders.push_back(match.captured(1).toInt());
            at = match.capturedEnd();
        }
        pattern += QRegularExpression::escape(text.mid(at));
        reason.pattern = QRegularExpression(QRegularExpression::anchoredPattern(pattern),
                                            QRegularExpression::DotMatchesEverythingOption);
        reason.pattern.optimize();  // compiled now, so that threads matching at once only read it
        reasons.push_back(std::move(reason));
    }
    return reasons;
}

// `translation` with each %N replaced by args[N] in one pass, so that a value holding "%2" (a file name) is
// never substituted again.
QString substitute(const QString& translation, const std::vector<QString>& args) {
    QString out;
    for (qsizetype i = 0; i < translation.size(); ++i) {
        const QChar c = translation[i];
        if (c == QLatin1Char('%') && i + 1 < translation.size() && translation[i + 1] >= QLatin1Char('1') &&
            translation[i + 1] <= QLatin1Char('9')) {
            const auto n = static_cast<std::size_t>(translation[i + 1].unicode() - '0');
            if (n < args.size()) {
                out += args[n];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

// The translated reason, or a null string when the table does not know it.
QString translatedReason(const QString& reason) {
    static const std::vector<KnownReason> reasons = buildReasons();
    for (const KnownReason& known : reasons) {
        const QRegularExpressionMatch match = known.pattern.match(reason);
        if (!match.hasMatch()) continue;
        std::vector<QString> args(10);
        for (std::size_t i = 0; i < known.placeholders.size(); ++i)
            args[static_cast<std::size_t>(known.placeholders[i])] = match.captured(static_cast<int>(i) + 1);
        return substitute(QCoreApplication::translate(kContext, known.source), args);
    }
    return {};
}

}  // namespace

QString localizedErrorText(const QString& message, const QString& file) {
    const QString prefix = file + QStringLiteral(": ");
    if (!file.isEmpty() && message.startsWith(prefix)) {
        const QString reason = translatedReason(message.mid(prefix.size()));
        return reason.isNull() ? message : prefix + reason;
    }
    const QString reason = translatedReason(message);
    return reason.isNull() ? message : reason;
}

QString localizedError(const std::exception& error) {
    const QString message = QString::fromStdString(error.what());
    if (const auto* core = dynamic_cast<const Error*>(&error))
        return localizedErrorText(message, QString::fromStdString(core->file().string()));
    return localizedErrorText(message);
}

}  // namespace lwinnn::ui
