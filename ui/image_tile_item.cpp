#include "ui/image_tile_item.h"

#include "ui/image_conversion.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace ds::ui {

ImageTileItem::ImageTileItem()
    : m_table(colourTable(m_mapping)) {
    setFlag(ItemUsesExtendedStyleOption); // paint() gets exposedRect: only visible tiles are drawn
    m_cache.setMaxCost(256 * 1024);       // KiB of converted tiles (~1000 tiles of 256^2)
}

void ImageTileItem::setImage(std::shared_ptr<const LoadedImage> image) {
    prepareGeometryChange();
    m_image = std::move(image);
    m_cache.clear();
    update();
}

void ImageTileItem::setMapping(const DisplayMapping& mapping) {
    if (mapping == m_mapping)
        return;
    m_mapping = mapping;
    m_table = colourTable(mapping);
    m_cache.clear();
    update();
}

QRectF ImageTileItem::boundingRect() const {
    if (!m_image)
        return {};
    return QRectF(0, 0, m_image->micrograph.width(), m_image->micrograph.height());
}

int ImageTileItem::levelFor(double scale) const {
    if (!m_image)
        return 0;
    int level = 0;
    // The coarsest level that still has at least one level pixel per screen pixel.
    while (level + 1 < static_cast<int>(m_image->pyramid.size()) &&
           scale * std::ldexp(1.0, level + 1) <= 1.0)
        ++level;
    return level;
}

const QImage* ImageTileItem::tile(int level, int tx, int ty) {
    const quint64 key = (static_cast<quint64>(level) << 40) | (static_cast<quint64>(ty) << 20) |
                        static_cast<quint64>(tx);
    if (const QImage* cached = m_cache.object(key))
        return cached;
    const cv::Mat& src = m_image->pyramid[static_cast<std::size_t>(level)];
    const cv::Rect r(tx * kTile, ty * kTile, std::min(kTile, src.cols - tx * kTile),
                     std::min(kTile, src.rows - ty * kTile));
    auto* img = new QImage(floatToIndexed(src(r), m_mapping.low, m_mapping.high, m_table));
    ++m_converted;
    m_cache.insert(key, img, std::max<qsizetype>(1, img->sizeInBytes() / 1024));
    return m_cache.object(key);
}

void ImageTileItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (!m_image)
        return;
    const double scale =
        QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    const int level = levelFor(scale);
    const cv::Mat& src = m_image->pyramid[static_cast<std::size_t>(level)];
    const double sx = static_cast<double>(m_image->micrograph.width()) / src.cols;
    const double sy = static_cast<double>(m_image->micrograph.height()) / src.rows;
    const QRectF exposed = option->exposedRect.intersected(boundingRect());
    if (exposed.isEmpty())
        return;
    // Smooth filtering when the level is shown reduced; crisp pixels when zoomed in to inspect
    // them.
    painter->setRenderHint(QPainter::SmoothPixmapTransform, scale * std::ldexp(1.0, level) < 1.0);
    const int tx0 = std::max(0, static_cast<int>(std::floor(exposed.left() / sx / kTile)));
    const int ty0 = std::max(0, static_cast<int>(std::floor(exposed.top() / sy / kTile)));
    const int tx1 = std::min((src.cols - 1) / kTile,
                             static_cast<int>(std::floor(exposed.right() / sx / kTile)));
    const int ty1 = std::min((src.rows - 1) / kTile,
                             static_cast<int>(std::floor(exposed.bottom() / sy / kTile)));
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const QImage* t = tile(level, tx, ty);
            if (!t)
                continue;
            const QRectF target(tx * kTile * sx, ty * kTile * sy, t->width() * sx,
                                t->height() * sy);
            painter->drawImage(target, *t);
        }
}

} // namespace ds::ui
