#pragma once
// visibleArea(): the part of an item's exposed rectangle that can reach the paint device - also
// bounded by the painter's clip and the device itself. QGraphicsView::render() hands items an
// exposedRect of their whole bounding rectangle; drawing (and caching tiles for) all of a
// 4096 x 4096 image zoomed in would cost hundreds of milliseconds. Item coordinates; any thread
// that owns the painter.
#include <QPaintDevice>
#include <QPainter>
#include <QRectF>

namespace ds::ui {

inline QRectF visibleArea(const QPainter* painter, const QRectF& exposed) {
    QRectF area = exposed;
    const QTransform world = painter->worldTransform();
    if (!world.isInvertible())
        return area;
    if (const QPaintDevice* device = painter->device())
        area &= world.inverted().mapRect(QRectF(0, 0, device->width(), device->height()));
    if (painter->hasClipping())
        area &= painter->clipBoundingRect(); // already in the painter's (item) coordinates
    return area;
}

} // namespace ds::ui
