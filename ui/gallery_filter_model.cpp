#include "gallery_filter_model.h"

#include "gallery_model.h"
#include "review_marks.h"

namespace lwinnn::ui {

GalleryFilterModel::GalleryFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    // Re-filter when a threshold or a review mark changes a row's roles.
    setDynamicSortFilter(true);
}

void GalleryFilterModel::setFilter(Filter filter) {
    if (filter == m_filter) return;
    m_filter = filter;
    invalidateFilter();
}

bool GalleryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const bool predicted = index.data(GalleryModel::PredictedDefectRole).toBool();
    const bool defect = index.data(GalleryModel::IsDefectRole).toBool();
    switch (m_filter) {
        case Filter::All:
            return true;
        case Filter::FalsePositives:
            return predicted && !defect;
        case Filter::FalseNegatives:
            return !predicted && defect;
        case Filter::Unreviewed:
            return static_cast<ReviewMark>(index.data(GalleryModel::ReviewMarkRole).toInt()) ==
                   ReviewMark::Unreviewed;
    }
    return true;
}

}  // namespace lwinnn::ui
