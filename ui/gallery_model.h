// The test gallery: the scored test images of the current evaluation as a list model, sortable by score,
// name or defect type, with thumbnails decoded lazily on the thread pool the first time a view asks for them.
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>
#include <QSet>

#include <memory>

#include "detector_worker.h"
#include "review_marks.h"

namespace lwinnn::ui {

class GalleryModel : public QAbstractListModel {
    Q_OBJECT

  public:
    enum class SortOrder { ScoreDescending, Name, Type };
    enum Role {
        EvaluationIndexRole = Qt::UserRole + 1,  // int: the image's index in Evaluation::images
        ScoreRole,                               // double
        DefectTypeRole,                          // QString
        IsDefectRole,                            // bool
        PathRole,                                // QString
        PredictedDefectRole,                     // bool: score >= threshold
        ReviewMarkRole,                          // int: ReviewMark
    };

    explicit GalleryModel(QObject* parent = nullptr);

    void setEvaluation(std::shared_ptr<const Evaluation> evaluation);
    std::shared_ptr<const Evaluation> evaluation() const { return m_evaluation; }
    void setSortOrder(SortOrder order);
    SortOrder sortOrder() const { return m_order; }
    void setThumbnailSize(int pixels);
    // Images scoring at or above `threshold` are predicted defective.
    void setThreshold(double threshold);
    double threshold() const { return m_threshold; }
    // Shown with each image; the model follows their changes. Not owned.
    void setReviewMarks(ReviewMarks* marks);
    // Labelled test images: show the prediction at the threshold and whether it is wrong (off for unlabelled
    // images, whose "true label" means nothing).
    void setShowsPredictions(bool on);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // The row that shows image `evaluationIndex`, or -1.
    int rowOf(int evaluationIndex) const;
    // Thumbnails asked for and still being decoded.
    int pendingThumbnails() const { return static_cast<int>(m_pending.size()); }

  signals:
    void thumbnailLoaded(int row);

  private:
    void sortRows();
    void requestThumbnail(int evaluationIndex) const;
    void emitAllChanged(const QList<int>& roles);

    std::shared_ptr<const Evaluation> m_evaluation;
    std::vector<int> m_rows;  // row → index in m_evaluation->images
    SortOrder m_order = SortOrder::ScoreDescending;
    int m_thumbnailSize = 96;
    double m_threshold = 0;
    ReviewMarks* m_marks = nullptr;
    bool m_showsPredictions = false;
    // Thumbnails by file path: they survive re-scoring with another δ.
    mutable QHash<QString, QPixmap> m_thumbnails;
    mutable QSet<QString> m_pending;
};

}  // namespace lwinnn::ui
