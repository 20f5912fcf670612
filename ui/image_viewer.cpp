#include "image_viewer.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace lwinnn::ui {

ImageViewer::ImageViewer(QWidget* parent) : QGraphicsView(parent) {
    auto* scene = new QGraphicsScene(this);
    setScene(scene);
    m_imageItem = scene->addPixmap({});
    m_heatmapItem = scene->addPixmap({});
    m_regionItem = scene->addPixmap({});
    m_outlineItem = scene->addPixmap({});
    m_heatmapItem->setOpacity(m_opacity);
    for (QGraphicsPixmapItem* item : {m_imageItem, m_heatmapItem, m_regionItem, m_outlineItem})
        item->setTransformationMode(
            Qt::FastTransformation);  // zoomed pixels stay crisp, as inspectors expect
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::SmoothPixmapTransform, false);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(320, 240);
}

void ImageViewer::setImages(const QImage& image, const QImage& heatmap, const QImage& outline,
                            const QImage& region) {
    const bool sizeChanged = image.size() != m_image.size();
    m_image = image;
    m_heatmap = heatmap;
    m_outline = outline;
    m_region = region;
    m_regionItem->setPixmap(QPixmap::fromImage(region));
    m_regionItem->setVisible(m_regionVisible && !region.isNull());
    m_imageItem->setPixmap(QPixmap::fromImage(image));
    m_heatmapItem->setPixmap(QPixmap::fromImage(heatmap));
    m_outlineItem->setPixmap(QPixmap::fromImage(outline));
    m_heatmapItem->setVisible(m_overlayVisible && !heatmap.isNull());
    m_outlineItem->setVisible(m_outlineVisible && !outline.isNull());
    scene()->setSceneRect(QRectF(QPointF(0, 0), QSizeF(image.size())));
    if (sizeChanged || m_fitted) fitToWindow();
}

void ImageViewer::clear() { setImages({}, {}, {}); }

void ImageViewer::setOverlayVisible(bool visible) {
    m_overlayVisible = visible;
    m_heatmapItem->setVisible(visible && !m_heatmap.isNull());
}

void ImageViewer::setOverlayOpacity(double opacity) {
    m_opacity = opacity;
    m_heatmapItem->setOpacity(opacity);
}

void ImageViewer::setOutlineVisible(bool visible) {
    m_outlineVisible = visible;
    m_outlineItem->setVisible(visible && !m_outline.isNull());
}

void ImageViewer::setRegionVisible(bool visible) {
    m_regionVisible = visible;
    m_regionItem->setVisible(visible && !m_region.isNull());
}

double ImageViewer::zoom() const { return transform().m11(); }

QImage ImageViewer::composed() const {
    if (m_image.isNull()) return {};
    QImage out = m_image.convertToFormat(QImage::Format_RGB32);
    QPainter painter(&out);
    if (m_heatmapItem->isVisible()) {
        painter.setOpacity(m_opacity);
        painter.drawImage(0, 0, m_heatmap);
        painter.setOpacity(1.0);
    }
    if (m_regionItem->isVisible()) painter.drawImage(0, 0, m_region);
    if (m_outlineItem->isVisible()) painter.drawImage(0, 0, m_outline);
    return out;
}

void ImageViewer::fitToWindow() {
    m_fitted = true;
    if (m_image.isNull()) return;
    fitInView(sceneRect(), Qt::KeepAspectRatio);
    emit zoomChanged(zoom());
}

void ImageViewer::zoomIn() { scaleBy(1.25); }
void ImageViewer::zoomOut() { scaleBy(0.8); }

void ImageViewer::showActualSize() {
    m_fitted = false;
    setTransform(QTransform());
    emit zoomChanged(zoom());
}

void ImageViewer::scaleBy(double factor) {
    const double next = zoom() * factor;
    if (next < 0.05 || next > 64) return;
    m_fitted = false;
    scale(factor, factor);
    emit zoomChanged(zoom());
}

void ImageViewer::wheelEvent(QWheelEvent* event) {
    const int delta = event->angleDelta().y();
    if (delta == 0) return;
    scaleBy(std::pow(1.0015, delta));
    event->accept();
}

void ImageViewer::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_fitted) fitToWindow();
}

void ImageViewer::drawBackground(QPainter* painter, const QRectF& rect) {
    painter->fillRect(rect, QColor(38, 40, 43));
}

QImage maskOutline(const QImage& mask, const QColor& colour) {
    if (mask.isNull()) return {};
    const QImage grey = mask.convertToFormat(QImage::Format_Grayscale8);
    QImage outline(grey.size(), QImage::Format_ARGB32_Premultiplied);
    outline.fill(Qt::transparent);
    const QRgb pixel = colour.rgba();
    const int w = grey.width();
    const int h = grey.height();
    auto inside = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && grey.constScanLine(y)[x] > 0;
    };
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<QRgb*>(outline.scanLine(y));
        for (int x = 0; x < w; ++x)
            if (inside(x, y) &&
                (!inside(x - 1, y) || !inside(x + 1, y) || !inside(x, y - 1) || !inside(x, y + 1)))
                row[x] = pixel;
    }
    return outline;
}

}  // namespace lwinnn::ui
