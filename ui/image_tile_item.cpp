#include "ui/image_tile_item.h"

#include "ui/visible_area.h"

#include <QPaintDevice>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {
constexpr qsizetype kLevelCacheKiB = 128 * 1024; // ~500 full-resolution tiles: a 4096^2 image twice
constexpr qsizetype kScreenCacheKiB = 64 * 1024; // a 4K viewport twice over

quint64 tileKey(int level, int tx, int ty) {
    return (static_cast<quint64>(level) << 40) | (static_cast<quint64>(ty) << 20) |
           static_cast<quint64>(tx);
}

qsizetype costKiB(const QImage& img) {
    return std::max<qsizetype>(1, img.sizeInBytes() / 1024);
}
} // namespace

ImageTileItem::ImageTileItem() {
    setFlag(ItemUsesExtendedStyleOption); // paint() gets exposedRect: only visible tiles are drawn
    m_levelCache.setMaxCost(kLevelCacheKiB);
    m_screenCache.setMaxCost(kScreenCacheKiB);
    const QVector<QRgb> table = colourTable(m_mapping);
    for (int i = 0; i < 256; ++i)
        m_lut[static_cast<std::size_t>(i)] = table[i] | 0xff000000u;
}

void ImageTileItem::clearCaches() {
    m_levelCache.clear();
    m_screenCache.clear();
    m_screenScale = 0;
}

void ImageTileItem::setImage(std::shared_ptr<const LoadedImage> image) {
    prepareGeometryChange();
    m_image = std::move(image);
    clearCaches();
    update();
}

void ImageTileItem::setMapping(const DisplayMapping& mapping) {
    if (mapping == m_mapping)
        return;
    m_mapping = mapping;
    const QVector<QRgb> table = colourTable(mapping);
    // RGB32 needs opaque pixels; every LUT is opaque, this only makes it explicit.
    for (int i = 0; i < 256; ++i)
        m_lut[static_cast<std::size_t>(i)] = table[i] | 0xff000000u;
    clearCaches();
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

cv::Mat ImageTileItem::toIndices(const cv::Mat& values) const {
    const double span = m_mapping.high - m_mapping.low;
    const double alpha = std::abs(span) > 1e-30 ? 255.0 / span : 0.0;
    cv::Mat out;
    values.convertTo(out, CV_8U, alpha, -m_mapping.low * alpha); // saturating; NaN becomes 0
    return out;
}

QImage ImageTileItem::colourise(const cv::Mat& indices) const {
    QImage out(indices.cols, indices.rows, QImage::Format_RGB32);
    for (int y = 0; y < indices.rows; ++y) {
        const uchar* src = indices.ptr<uchar>(y);
        auto* dst = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < indices.cols; ++x)
            dst[x] = m_lut[src[x]];
    }
    return out;
}

const QImage* ImageTileItem::levelTile(int level, int tx, int ty) {
    const quint64 key = tileKey(level, tx, ty);
    if (const QImage* cached = m_levelCache.object(key))
        return cached;
    const cv::Mat& src = m_image->pyramid[static_cast<std::size_t>(level)];
    const cv::Rect r(tx * kTile, ty * kTile, std::min(kTile, src.cols - tx * kTile),
                     std::min(kTile, src.rows - ty * kTile));
    auto* img = new QImage(colourise(toIndices(src(r))));
    ++m_converted;
    m_levelCache.insert(key, img, costKiB(*img));
    return m_levelCache.object(key);
}

// Device tile (tx, ty) covers device pixels [tx * kTile, (tx + 1) * kTile) counted from the image
// origin at m_screenScale device pixels per image pixel.
const QImage* ImageTileItem::screenTile(int tx, int ty) {
    const quint64 key = tileKey(0, tx, ty);
    if (const QImage* cached = m_screenCache.object(key))
        return cached;
    const double s = m_screenScale;
    const cv::Mat& src = m_image->pyramid[static_cast<std::size_t>(levelFor(s))];
    // Device pixels per level pixel, per axis (odd sizes make levels not exactly 2^-k).
    const double fx = s * m_image->micrograph.width() / src.cols;
    const double fy = s * m_image->micrograph.height() / src.rows;
    const int u0 = tx * kTile, v0 = ty * kTile;
    const int tw = std::min(kTile, static_cast<int>(std::ceil(src.cols * fx)) - u0);
    const int th = std::min(kTile, static_cast<int>(std::ceil(src.rows * fy)) - v0);
    if (tw <= 0 || th <= 0)
        return nullptr;
    // Pixel centres: device u <-> level x = (u + 0.5) / f - 0.5. Crop the level to the source
    // pixels this tile reads (plus the interpolation neighbours) so only they are mapped.
    const auto levelX = [&](double u) { return (u + 0.5) / fx - 0.5; };
    const auto levelY = [&](double v) { return (v + 0.5) / fy - 0.5; };
    const int x0 = std::clamp(static_cast<int>(std::floor(levelX(u0))) - 1, 0, src.cols - 1);
    const int y0 = std::clamp(static_cast<int>(std::floor(levelY(v0))) - 1, 0, src.rows - 1);
    const int x1 =
        std::clamp(static_cast<int>(std::ceil(levelX(u0 + tw - 1))) + 2, x0 + 1, src.cols);
    const int y1 =
        std::clamp(static_cast<int>(std::ceil(levelY(v0 + th - 1))) + 2, y0 + 1, src.rows);
    const cv::Mat indices = toIndices(src(cv::Rect(x0, y0, x1 - x0, y1 - y0)));
    // Bilinear on the 8-bit indices (the LUT is applied after), dst -> src mapping.
    const cv::Matx23d m(1.0 / fx, 0, levelX(u0) - x0, 0, 1.0 / fy, levelY(v0) - y0);
    cv::Mat resampled;
    cv::warpAffine(indices, resampled, m, cv::Size(tw, th), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_REPLICATE);
    auto* img = new QImage(colourise(resampled));
    ++m_converted;
    m_screenCache.insert(key, img, costKiB(*img));
    return m_screenCache.object(key);
}

void ImageTileItem::paintLevelTiles(QPainter* painter, const QRectF& exposed, double scale) {
    const int level = levelFor(scale);
    const cv::Mat& src = m_image->pyramid[static_cast<std::size_t>(level)];
    const double sx = static_cast<double>(m_image->micrograph.width()) / src.cols;
    const double sy = static_cast<double>(m_image->micrograph.height()) / src.rows;
    // Smooth filtering when the level is shown reduced (only reached under rotation/shear, which
    // the view does not use); crisp pixels when zoomed in to inspect them.
    painter->setRenderHint(QPainter::SmoothPixmapTransform, scale * std::ldexp(1.0, level) < 1.0);
    const int tx0 = std::max(0, static_cast<int>(std::floor(exposed.left() / sx / kTile)));
    const int ty0 = std::max(0, static_cast<int>(std::floor(exposed.top() / sy / kTile)));
    const int tx1 = std::min((src.cols - 1) / kTile,
                             static_cast<int>(std::floor(exposed.right() / sx / kTile)));
    const int ty1 = std::min((src.rows - 1) / kTile,
                             static_cast<int>(std::floor(exposed.bottom() / sy / kTile)));
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const QImage* t = levelTile(level, tx, ty);
            const QRectF target(tx * kTile * sx, ty * kTile * sy, t->width() * sx,
                                t->height() * sy);
            painter->drawImage(target, *t);
        }
}

void ImageTileItem::paintScreenTiles(QPainter* painter, const QRectF& exposed, double deviceScale,
                                     double dpr) {
    if (std::abs(deviceScale - m_screenScale) > 1e-9 * deviceScale) {
        m_screenCache.clear(); // another zoom: these tiles will not be shown again as they are
        m_screenScale = deviceScale;
    }
    const QTransform world = painter->worldTransform();
    // The image origin on a whole device pixel: tiles are then exact copies, no resampling.
    const double ox = std::round(world.dx() * dpr), oy = std::round(world.dy() * dpr);
    const double s = deviceScale;
    const int ntx = (static_cast<int>(std::ceil(m_image->micrograph.width() * s)) - 1) / kTile;
    const int nty = (static_cast<int>(std::ceil(m_image->micrograph.height() * s)) - 1) / kTile;
    const int tx0 = std::max(0, static_cast<int>(std::floor(exposed.left() * s / kTile)));
    const int ty0 = std::max(0, static_cast<int>(std::floor(exposed.top() * s / kTile)));
    const int tx1 = std::min(ntx, static_cast<int>(std::floor(exposed.right() * s / kTile)));
    const int ty1 = std::min(nty, static_cast<int>(std::floor(exposed.bottom() * s / kTile)));
    painter->save();
    painter->setWorldTransform(QTransform());
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const QImage* t = screenTile(tx, ty);
            if (!t)
                continue;
            // Logical coordinates; a device-pixel-ratio tile lands 1:1 on HiDPI screens too.
            QImage tile = *t; // shallow copy, to carry the ratio
            tile.setDevicePixelRatio(dpr);
            painter->drawImage(QPointF((ox + tx * kTile) / dpr, (oy + ty * kTile) / dpr), tile);
        }
    painter->restore();
}

void ImageTileItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (!m_image)
        return;
    const QRectF exposed = visibleArea(painter, option->exposedRect).intersected(boundingRect());
    if (exposed.isEmpty())
        return;
    const QTransform world = painter->worldTransform();
    const double scale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(world);
    const double dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    const bool axisAligned = world.type() <= QTransform::TxScale && world.m11() > 0 &&
                             std::abs(world.m11() - world.m22()) < 1e-9 * world.m11();
    if (axisAligned && scale * dpr < 1.0)
        paintScreenTiles(painter, exposed, scale * dpr, dpr);
    else
        paintLevelTiles(painter, exposed, scale);
}

} // namespace ds::ui
