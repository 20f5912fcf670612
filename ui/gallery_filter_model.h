// The gallery's filters over GalleryModel: all images, the false positives or false negatives at the current
// threshold, or the images not reviewed yet. The order stays the gallery's (score, name or type).
#pragma once

#include <QSortFilterProxyModel>

namespace lwinnn::ui {

class GalleryFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

  public:
    enum class Filter { All, FalsePositives, FalseNegatives, Unreviewed };

    explicit GalleryFilterModel(QObject* parent = nullptr);

    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }

  protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

  private:
    Filter m_filter = Filter::All;
};

}  // namespace lwinnn::ui
