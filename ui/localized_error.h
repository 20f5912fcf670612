// The core library's errors in the user's language. lwinnn::Error says "<file>: <reason>" in English, which
// the CLI prints as it is; the Studio shows the file verbatim and the reason translated when it is one of the
// reasons a Studio user meets (images, data sets, masks, models, weights, project files, exports). A reason
// it does not know stays in English, so that nothing is lost.
#pragma once

#include <QString>

#include <exception>

namespace lwinnn::ui {

// The message of `error` for the window: "<file>: <translated reason>", or what() when the reason is unknown.
// Safe to call on any thread (the translators are read under Qt's lock).
QString localizedError(const std::exception& error);

// The same for a message text alone ("<file>: <reason>" with the file known, or a reason without a file).
QString localizedErrorText(const QString& message, const QString& file = {});

}  // namespace lwinnn::ui
