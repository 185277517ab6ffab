#include "ui/view/overlay_tiles.h"

#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace ds::ui {

namespace {
constexpr qsizetype kCacheKiB = 64 * 1024; // a 4K viewport of tiles, twice over

quint64 tileKey(int tx, int ty) {
    return (static_cast<quint64>(static_cast<quint32>(ty)) << 32) | static_cast<quint32>(tx);
}

// Writes (or blends) into the part of a tile row / column that lies inside the tile.
struct TileCanvas {
    QRgb* bits;
    int stride, width, height; // stride in pixels
    int u0, v0;
    TileCanvas(QImage& img, int u, int v)
        : bits(reinterpret_cast<QRgb*>(img.bits()))
        , stride(static_cast<int>(img.bytesPerLine() / 4))
        , width(img.width())
        , height(img.height())
        , u0(u)
        , v0(v) {}
    void hline(int y, int xa, int xb, QRgb c, bool blend) {
        y -= v0;
        xa = std::max(xa - u0, 0);
        xb = std::min(xb - u0, width - 1);
        if (y < 0 || y >= height || xa > xb)
            return;
        QRgb* row = bits + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = xa; x <= xb; ++x)
            row[x] = blend ? OverlayTiles::over(c, row[x]) : c;
    }
    void vline(int x, int ya, int yb, QRgb c, bool blend) {
        x -= u0;
        ya = std::max(ya - v0, 0);
        yb = std::min(yb - v0, height - 1);
        if (x < 0 || x >= width || ya > yb)
            return;
        for (int y = ya; y <= yb; ++y) {
            QRgb* px = bits + static_cast<std::ptrdiff_t>(y) * stride + x;
            *px = blend ? OverlayTiles::over(c, *px) : c;
        }
    }
};
} // namespace

QRgb OverlayTiles::over(QRgb src, QRgb dst) {
    const uint a = 255 - qAlpha(src);
    const auto mul = [a](uint c) { return (c * a + 127) / 255; };
    return qRgba(qRed(src) + mul(qRed(dst)), qGreen(src) + mul(qGreen(dst)),
                 qBlue(src) + mul(qBlue(dst)), qAlpha(src) + mul(qAlpha(dst)));
}

OverlayTiles::OverlayTiles() {
    m_cache.setMaxCost(kCacheKiB);
}

void OverlayTiles::recycle() {
    // Freed tile buffers would go back to the system and new ones come as fresh zeroed pages;
    // after a zoom step that is dozens of megabytes of page faults per frame.
    const auto keys = m_cache.keys();
    for (const quint64 k : keys) {
        QImage* img = m_cache.take(k);
        if (img && !img->isNull() && m_spare.size() < kMaxSpare)
            m_spare.push_back(std::move(*img));
        delete img;
    }
}

void OverlayTiles::invalidate() {
    recycle();
    m_scale = 0; // boundaries are recomputed too: the grid may have changed
}

void OverlayTiles::invalidate(const QRectF& r) {
    if (m_scale <= 0)
        return;
    const int tx0 = std::max(0, static_cast<int>(std::floor((r.left() * m_scale - 2) / kTile)));
    const int ty0 = std::max(0, static_cast<int>(std::floor((r.top() * m_scale - 2) / kTile)));
    const int tx1 = static_cast<int>(std::floor((r.right() * m_scale + 2) / kTile));
    const int ty1 = static_cast<int>(std::floor((r.bottom() * m_scale + 2) / kTile));
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx)
            m_cache.remove(tileKey(tx, ty));
}

void OverlayTiles::setScale(double s, const Source& src) {
    if (m_scale > 0 && std::abs(s - m_scale) <= 1e-9 * s)
        return;
    recycle();
    m_scale = s;
    const GridSpec& g = src.grid.spec();
    const auto dev = [s](double v) { return static_cast<int>(std::lround(v * s)); };
    m_bx.resize(static_cast<std::size_t>(src.grid.columns()) + 1);
    m_by.resize(static_cast<std::size_t>(src.grid.rows()) + 1);
    for (std::size_t k = 0; k < m_bx.size(); ++k)
        m_bx[k] = dev(src.cells.left() + static_cast<double>(k) * g.stride);
    for (std::size_t k = 0; k < m_by.size(); ++k)
        m_by[k] = dev(src.cells.top() + static_cast<double>(k) * g.stride);
    m_coverL = dev(g.originX);
    m_coverT = dev(g.originY);
    m_coverR = dev(g.originX + (src.grid.columns() - 1) * g.stride + g.side);
    m_coverB = dev(g.originY + (src.grid.rows() - 1) * g.stride + g.side);
}

const QImage* OverlayTiles::tile(int tx, int ty, const Source& source) {
    const quint64 key = tileKey(tx, ty);
    if (const QImage* cached = m_cache.object(key))
        return cached;
    auto* img = new QImage(render(tx, ty, source)); // null when nothing is drawn there
    ++m_rendered;
    m_cache.insert(key, img, std::max<qsizetype>(1, img->sizeInBytes() / 1024));
    return m_cache.object(key);
}

QImage OverlayTiles::render(int tx, int ty, const Source& s) {
    const int u0 = tx * kTile, v0 = ty * kTile;
    const int cols = s.grid.columns(), rows = s.grid.rows();
    QImage img;
    if (!m_spare.empty()) {
        img = std::move(m_spare.back());
        m_spare.pop_back();
    } else {
        img = QImage(kTile, kTile, QImage::Format_ARGB32_Premultiplied);
    }
    img.fill(Qt::transparent);
    // The cell row under each device row of the tile (-1: none).
    std::array<int, kTile> rowCell{};
    const auto cellOf = [](const std::vector<int>& bounds, int d) {
        const auto it = std::upper_bound(bounds.begin(), bounds.end(), d);
        const int c = static_cast<int>(it - bounds.begin()) - 1;
        return c >= 0 && c + 1 < static_cast<int>(bounds.size()) ? c : -1;
    };
    for (int i = 0; i < kTile; ++i)
        rowCell[static_cast<std::size_t>(i)] = cellOf(m_by, v0 + i);
    // The cells overlapping the tile (one more each side, for safety).
    const auto firstLast = [](const std::vector<int>& b, int d0, int& first, int& last) {
        first = static_cast<int>(std::upper_bound(b.begin(), b.end(), d0) - b.begin()) - 1;
        last = static_cast<int>(std::lower_bound(b.begin(), b.end(), d0 + kTile) - b.begin()) - 1;
        first = std::max(first - 1, 0);
        last = std::min(last + 1, static_cast<int>(b.size()) - 2);
    };
    int c0, c1, r0, r1;
    firstLast(m_bx, u0, c0, c1);
    firstLast(m_by, v0, r0, r1);
    QRgb any = 0;
    // Fills: one run per cell and row; a row of the same cells as the previous row is a copy.
    const auto bytesPerRow = static_cast<std::size_t>(kTile) * sizeof(QRgb);
    for (int v = 0; v < kTile; ++v) {
        const int r = rowCell[static_cast<std::size_t>(v)];
        if (r < 0)
            continue;
        auto* out = reinterpret_cast<QRgb*>(img.scanLine(v));
        if (v > 0 && rowCell[static_cast<std::size_t>(v) - 1] == r) {
            std::memcpy(out, img.constScanLine(v - 1), bytesPerRow);
            continue;
        }
        const auto* fill = reinterpret_cast<const QRgb*>(s.fill.constScanLine(r));
        for (int c = c0; c <= c1; ++c) {
            const int xa = std::max(m_bx[static_cast<std::size_t>(c)] - u0, 0);
            const int xb = std::min(m_bx[static_cast<std::size_t>(c) + 1] - u0, kTile);
            if (xa < xb) {
                std::fill(out + xa, out + xb, fill[c]);
                any |= fill[c];
            }
        }
    }
    TileCanvas canvas(img, u0, v0);
    // Outlines inside each patch's centre cell, clear of the grid line on its first row/column.
    const GridSpec& g = s.grid.spec();
    const double inner = (g.stride - std::min(g.stride, g.side)) / 2.0 * m_scale; // side < stride
    for (int r = r0; r <= r1 && !s.outlines.empty(); ++r)
        for (int c = c0; c <= c1; ++c) {
            const QRgb colour = s.outlines[static_cast<std::size_t>(s.grid.index(c, r))];
            if (!colour)
                continue;
            const auto in = static_cast<int>(std::lround(inner));
            const int x0 = m_bx[static_cast<std::size_t>(c)] + in;
            const int x1 = m_bx[static_cast<std::size_t>(c) + 1] - in;
            const int y0 = m_by[static_cast<std::size_t>(r)] + in;
            const int y1 = m_by[static_cast<std::size_t>(r) + 1] - in;
            const int inset = (x1 - x0 >= 4 && y1 - y0 >= 4) ? 1 : 0;
            const int l = x0 + inset, t = y0 + inset;
            const int rr = std::max(l, x1 - 1 - inset), b = std::max(t, y1 - 1 - inset);
            canvas.hline(t, l, rr, colour, false);
            canvas.hline(b, l, rr, colour, false);
            canvas.vline(l, t, b, colour, false);
            canvas.vline(rr, t, b, colour, false);
            any |= colour;
        }
    if (s.coverage) {
        const QRgb c = qPremultiply(qRgba(255, 210, 0, 150));
        canvas.hline(m_coverT, m_coverL, m_coverR, c, true);
        canvas.hline(m_coverB, m_coverL, m_coverR, c, true);
        canvas.vline(m_coverL, m_coverT + 1, m_coverB - 1, c, true);
        canvas.vline(m_coverR, m_coverT + 1, m_coverB - 1, c, true);
        any |= c;
    }
    if (s.gridLines && cols > 0 && rows > 0) {
        const QRgb c = qPremultiply(qRgba(255, 210, 0, 110));
        for (int k = c0; k <= c1 + 1; ++k)
            canvas.vline(m_bx[static_cast<std::size_t>(k)], m_by.front(), m_by.back(), c, true);
        for (int j = r0; j <= r1 + 1; ++j)
            canvas.hline(m_by[static_cast<std::size_t>(j)], m_bx.front(), m_bx.back(), c, true);
        any |= c;
    }
    if (!any) {
        m_spare.push_back(std::move(img));
        return {};
    }
    return img;
}

void OverlayTiles::paint(QPainter* painter, const QRectF& exposed, double deviceScale,
                         QPointF origin, double dpr, const Source& source) {
    if (source.grid.empty())
        return;
    setScale(deviceScale, source);
    const int right = std::max(m_bx.back(), m_coverR), bottom = std::max(m_by.back(), m_coverB);
    const double s = deviceScale;
    const int tx0 = std::max(0, static_cast<int>(std::floor((exposed.left() * s - 2) / kTile)));
    const int ty0 = std::max(0, static_cast<int>(std::floor((exposed.top() * s - 2) / kTile)));
    const int tx1 =
        std::min(right / kTile, static_cast<int>(std::floor((exposed.right() * s + 2) / kTile)));
    const int ty1 =
        std::min(bottom / kTile, static_cast<int>(std::floor((exposed.bottom() * s + 2) / kTile)));
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const QImage* t = tile(tx, ty, source);
            if (!t || t->isNull())
                continue;    // nothing drawn there
            QImage img = *t; // shallow copy, to carry the ratio
            img.setDevicePixelRatio(dpr);
            painter->drawImage(
                QPointF((origin.x() + tx * kTile) / dpr, (origin.y() + ty * kTile) / dpr), img);
        }
}

} // namespace ds::ui
