#include "review_marks.h"

namespace lwinnn::ui {

ReviewMarks::ReviewMarks(QObject* parent) : QObject(parent) {}

ReviewMark ReviewMarks::mark(const QString& image) const {
    return m_marks.value(image, ReviewMark::Unreviewed);
}

void ReviewMarks::setMark(const QString& image, ReviewMark mark) {
    if (this->mark(image) == mark) return;
    if (mark == ReviewMark::Unreviewed)
        m_marks.remove(image);
    else
        m_marks.insert(image, mark);
    emit changed(image);
}

void ReviewMarks::setAll(const QHash<QString, ReviewMark>& marks) {
    m_marks.clear();
    for (auto it = marks.begin(); it != marks.end(); ++it)
        if (it.value() != ReviewMark::Unreviewed) m_marks.insert(it.key(), it.value());
    emit reset();
}

QString ReviewMarks::toString(ReviewMark mark) {
    switch (mark) {
        case ReviewMark::Defect:
            return QStringLiteral("defect");
        case ReviewMark::Good:
            return QStringLiteral("good");
        case ReviewMark::Unreviewed:
            break;
    }
    return QStringLiteral("unreviewed");
}

std::optional<ReviewMark> ReviewMarks::fromString(const QString& text) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("defect")) return ReviewMark::Defect;
    if (t == QLatin1String("good")) return ReviewMark::Good;
    if (t == QLatin1String("unreviewed") || t.isEmpty()) return ReviewMark::Unreviewed;
    return std::nullopt;
}

}  // namespace lwinnn::ui
