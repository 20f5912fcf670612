// Review marks: the engineer's verdict on test images (defect / good / not yet reviewed), by absolute image
// path. The gallery shows them, the viewer's keys set them, projects save them and File ▸ Export Review Marks
// writes them.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

namespace lwinnn::ui {

enum class ReviewMark { Unreviewed, Defect, Good };

class ReviewMarks : public QObject {
    Q_OBJECT

  public:
    explicit ReviewMarks(QObject* parent = nullptr);

    // Unreviewed for an image without a mark.
    ReviewMark mark(const QString& image) const;
    // Unreviewed removes the mark; emits changed(image) when the mark differs from the one before.
    void setMark(const QString& image, ReviewMark mark);
    // The marked images only (never Unreviewed).
    QHash<QString, ReviewMark> all() const { return m_marks; }
    // Replaces every mark (Unreviewed entries are dropped); emits reset().
    void setAll(const QHash<QString, ReviewMark>& marks);
    int count() const { return static_cast<int>(m_marks.size()); }

    // "unreviewed", "defect", "good": the stable names used in files (never translated).
    static QString toString(ReviewMark mark);
    static std::optional<ReviewMark> fromString(const QString& text);  // case-insensitive; nullopt if unknown

  signals:
    void changed(const QString& image);
    void reset();

  private:
    QHash<QString, ReviewMark> m_marks;
};

}  // namespace lwinnn::ui
