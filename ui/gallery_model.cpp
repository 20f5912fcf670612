#include "gallery_model.h"

#include <QColor>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

#include <algorithm>

namespace lwinnn::ui {

GalleryModel::GalleryModel(QObject* parent) : QAbstractListModel(parent) {}

void GalleryModel::setEvaluation(std::shared_ptr<const Evaluation> evaluation) {
    beginResetModel();
    m_evaluation = std::move(evaluation);
    m_rows.clear();
    if (m_evaluation)
        for (int i = 0; i < static_cast<int>(m_evaluation->images.size()); ++i) m_rows.push_back(i);
    sortRows();
    endResetModel();
}

void GalleryModel::setSortOrder(SortOrder order) {
    if (order == m_order) return;
    emit layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    std::vector<int> imagesBefore;
    for (const QModelIndex& index : before) imagesBefore.push_back(m_rows.at(index.row()));
    m_order = order;
    sortRows();
    QModelIndexList after;
    for (const int image : imagesBefore) after.push_back(index(rowOf(image)));
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

void GalleryModel::setThumbnailSize(int pixels) {
    beginResetModel();
    m_thumbnailSize = pixels;
    m_thumbnails.clear();
    endResetModel();
}

void GalleryModel::setThreshold(double threshold) {
    if (threshold == m_threshold) return;
    m_threshold = threshold;
    emitAllChanged({Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, PredictedDefectRole});
}

void GalleryModel::setReviewMarks(ReviewMarks* marks) {
    if (m_marks) disconnect(m_marks, nullptr, this, nullptr);
    m_marks = marks;
    if (m_marks) {
        connect(m_marks, &ReviewMarks::changed, this, [this](const QString& image) {
            if (!m_evaluation) return;
            for (int row = 0; row < rowCount(); ++row)
                if (QString::fromStdString(m_evaluation->images[m_rows[row]].image.string()) == image) {
                    const QModelIndex changed = index(row);
                    emit dataChanged(changed, changed, {Qt::DisplayRole, Qt::ToolTipRole, ReviewMarkRole});
                }
        });
        connect(m_marks, &ReviewMarks::reset, this, [this] {
            emitAllChanged({Qt::DisplayRole, Qt::ToolTipRole, ReviewMarkRole});
        });
    }
    emitAllChanged({Qt::DisplayRole, Qt::ToolTipRole, ReviewMarkRole});
}

void GalleryModel::setShowsPredictions(bool on) {
    m_showsPredictions = on;
    emitAllChanged({Qt::DisplayRole, Qt::ToolTipRole});
}

void GalleryModel::emitAllChanged(const QList<int>& roles) {
    if (rowCount() > 0) emit dataChanged(index(0), index(rowCount() - 1), roles);
}

void GalleryModel::sortRows() {
    if (!m_evaluation) return;
    const auto& images = m_evaluation->images;
    auto byName = [&](int a, int b) {
        return images[a].image.filename().string() < images[b].image.filename().string() ||
               (images[a].image.filename() == images[b].image.filename() &&
                images[a].image < images[b].image);
    };
    switch (m_order) {
        case SortOrder::ScoreDescending:
            std::stable_sort(m_rows.begin(), m_rows.end(),
                             [&](int a, int b) { return images[a].score > images[b].score; });
            break;
        case SortOrder::Name:
            std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
                if (images[a].defectType != images[b].defectType)
                    return images[a].defectType < images[b].defectType;
                return byName(a, b);
            });
            break;
        case SortOrder::Type:
            std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
                if (images[a].defectType != images[b].defectType)
                    return images[a].defectType < images[b].defectType;
                return images[a].score > images[b].score;
            });
            break;
    }
}

int GalleryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int GalleryModel::rowOf(int evaluationIndex) const {
    const auto it = std::find(m_rows.begin(), m_rows.end(), evaluationIndex);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

namespace {

// The file name with its folder (the defect type in a data set's layout): test sets repeat names across
// folders (broken_large/018.png, contamination/018.png).
QString shownName(const std::filesystem::path& image) {
    const std::filesystem::path folder = image.parent_path().filename();
    return QString::fromStdString((folder.empty() ? image.filename() : folder / image.filename()).string());
}

}  // namespace

QVariant GalleryModel::data(const QModelIndex& index, int role) const {
    if (!m_evaluation || !index.isValid() || index.row() >= rowCount()) return {};
    const int imageIndex = m_rows[index.row()];
    const ScoredImage& image = m_evaluation->images[imageIndex];
    const QString path = QString::fromStdString(image.image.string());
    const QString type = QString::fromStdString(image.defectType);
    const bool predicted = image.score >= m_threshold;
    const ReviewMark mark = m_marks ? m_marks->mark(path) : ReviewMark::Unreviewed;
    auto markText = [mark] {
        switch (mark) {
            case ReviewMark::Defect:
                return tr("reviewed: defect");
            case ReviewMark::Good:
                return tr("reviewed: good");
            case ReviewMark::Unreviewed:
                break;
        }
        return tr("not reviewed");
    };
    switch (role) {
        case Qt::DisplayRole: {
            if (!image.labelled())  // a new image: no label to compare with, the verdict only
                return tr("%1\n%2\n%3")
                    .arg(shownName(image.image), QString::number(image.score, 'f', 3),
                         predicted ? tr("predicted defect") : tr("predicted good"));
            if (!m_showsPredictions)
                return tr("%1\n%2  ·  %3")
                    .arg(shownName(image.image), QString::number(image.score, 'f', 3), type);
            // A wrong prediction is flagged where the eye lands first.
            const QString verdict = predicted == image.isDefect()
                                        ? (predicted ? tr("predicted defect") : tr("predicted good"))
                                        : (predicted ? tr("⚠ false positive") : tr("⚠ false negative"));
            QString text =
                tr("%1\n%2  ·  %3\n%4")
                    .arg(shownName(image.image), QString::number(image.score, 'f', 3), type, verdict);
            if (mark != ReviewMark::Unreviewed)
                text += tr("  ·  %1").arg(mark == ReviewMark::Defect ? tr("✔ defect") : tr("✔ good"));
            return text;
        }
        case Qt::ToolTipRole:
            if (!image.labelled())
                return tr("%1\nScore: %2\nPredicted: %3 (threshold %4)")
                    .arg(path, QString::number(image.score, 'g', 6), predicted ? tr("defect") : tr("good"),
                         QString::number(m_threshold, 'g', 6));
            if (!m_showsPredictions)
                return tr("%1\nScore: %2\nTrue label: %3")
                    .arg(path, QString::number(image.score, 'g', 6), type);
            return tr("%1\nScore: %2\nTrue label: %3\nPredicted: %4 (threshold %5)\nReview: %6")
                .arg(path, QString::number(image.score, 'g', 6), type, predicted ? tr("defect") : tr("good"),
                     QString::number(m_threshold, 'g', 6), markText());
        case Qt::DecorationRole: {
            const auto it = m_thumbnails.constFind(path);
            if (it != m_thumbnails.constEnd()) return *it;
            requestThumbnail(imageIndex);
            QPixmap placeholder(m_thumbnailSize, m_thumbnailSize);
            placeholder.fill(QColor(60, 63, 65));
            return placeholder;
        }
        case Qt::ForegroundRole:
            return image.isDefect() ? QVariant(QColor(220, 90, 80)) : QVariant();
        case EvaluationIndexRole:
            return imageIndex;
        case ScoreRole:
            return image.score;
        case DefectTypeRole:
            return type;
        case IsDefectRole:
            return image.isDefect();
        case PathRole:
            return path;
        case PredictedDefectRole:
            return predicted;
        case ReviewMarkRole:
            return static_cast<int>(mark);
        default:
            return {};
    }
}

void GalleryModel::requestThumbnail(int evaluationIndex) const {
    const QString path = QString::fromStdString(m_evaluation->images[evaluationIndex].image.string());
    if (m_pending.contains(path)) return;
    m_pending.insert(path);
    const int size = m_thumbnailSize;
    auto* self = const_cast<GalleryModel*>(this);
    QPointer<GalleryModel> guard(self);
    QThreadPool::globalInstance()->start([guard, path, size] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        QImage image = reader.read();
        if (!image.isNull()) image = image.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        // QPointer is read on the GUI thread only: the queued functor runs there.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, path, image] {
                if (!guard) return;
                guard->m_pending.remove(path);
                guard->m_thumbnails.insert(path, QPixmap::fromImage(image));
                if (!guard->m_evaluation) return;
                for (int row = 0; row < guard->rowCount(); ++row) {
                    const auto& scored = guard->m_evaluation->images[guard->m_rows[row]];
                    if (QString::fromStdString(scored.image.string()) == path) {
                        const QModelIndex changed = guard->index(row);
                        emit guard->dataChanged(changed, changed, {Qt::DecorationRole});
                        emit guard->thumbnailLoaded(row);
                    }
                }
            },
            Qt::QueuedConnection);
    });
}

}  // namespace lwinnn::ui
