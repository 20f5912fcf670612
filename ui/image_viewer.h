// The central image viewer: an image with its anomaly heatmap blended on top (toggle, opacity), the outline
// of the region predicted defective and the ground-truth outline; zoom with the wheel around the cursor, pan
// by dragging, fit to the window.
#pragma once

#include <QGraphicsView>
#include <QImage>

class QGraphicsPixmapItem;

namespace lwinnn::ui {

class ImageViewer : public QGraphicsView {
    Q_OBJECT

  public:
    explicit ImageViewer(QWidget* parent = nullptr);

    // `heatmap`, `outline` (ground truth) and `region` (predicted) are at the image's size (or null); the
    // view fits the image when its size changes.
    void setImages(const QImage& image, const QImage& heatmap, const QImage& outline,
                   const QImage& region = {});
    void clear();

    void setOverlayVisible(bool visible);
    void setOverlayOpacity(double opacity);  // 0 … 1
    void setOutlineVisible(bool visible);
    void setRegionVisible(bool visible);
    bool regionVisible() const { return m_regionVisible; }
    bool overlayVisible() const { return m_overlayVisible; }
    double zoom() const;

    const QImage& image() const { return m_image; }
    const QImage& heatmap() const { return m_heatmap; }
    const QImage& region() const { return m_region; }
    // What the viewer shows now, as composed pixels (image size): for tests and exports.
    QImage composed() const;

  public slots:
    void fitToWindow();
    void zoomIn();
    void zoomOut();
    void showActualSize();

  signals:
    void zoomChanged(double zoom);

  protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

  private:
    void scaleBy(double factor);

    QGraphicsPixmapItem* m_imageItem = nullptr;
    QGraphicsPixmapItem* m_heatmapItem = nullptr;
    QGraphicsPixmapItem* m_outlineItem = nullptr;
    QGraphicsPixmapItem* m_regionItem = nullptr;
    QImage m_image;
    QImage m_heatmap;
    QImage m_outline;
    QImage m_region;
    bool m_overlayVisible = true;
    bool m_outlineVisible = true;
    bool m_regionVisible = true;
    double m_opacity = 0.5;
    bool m_fitted = true;  // follows the window size until the user zooms
};

// The outline of a 0/255 mask as a transparent image with the boundary pixels in `colour`.
QImage maskOutline(const QImage& mask, const QColor& colour);

}  // namespace lwinnn::ui
