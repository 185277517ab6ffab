#pragma once
// OverlayTiles: the patch overlay (per-patch fill colours, patch outlines, grid lines) rasterised
// into 256 x 256 device-pixel ARGB tiles at the view's current zoom and cached, so a repaint of
// the overlay is a handful of plain alpha blends, whatever the number of patches. Geometry is
// snapped to whole device pixels counted from the image origin (the same lattice ImageTileItem
// uses), so panning reuses every tile. PatchOverlayItem owns one and says what changed; the cache
// is dropped on a zoom change. GUI thread.
#include "core/grid/patch_grid.h"

#include <QCache>
#include <QImage>
#include <QRectF>

#include <vector>

class QPainter;

namespace ds::ui {

class OverlayTiles {
public:
    static constexpr int kTile = 256;

    // What the tiles show. Item coordinates are image pixels.
    struct Source {
        const PatchGrid& grid;
        QRectF cells;                      // the area the fill image covers (stride cells)
        const QImage& fill;                // one premultiplied pixel per patch, columns x rows
        const std::vector<QRgb>& outlines; // per patch: opaque outline colour, 0 = none
        bool gridLines;                    // the lines between cells
        bool coverage;                     // the outline of the area the patches cover
    };

    OverlayTiles();

    static QRgb over(QRgb src, QRgb dst); // premultiplied source-over of one pixel

    // Draws the tiles covering `exposed` (item rect). `deviceScale`: device pixels per image pixel;
    // `origin`: the image origin in whole device pixels; `dpr`: device pixels per logical pixel.
    // The painter must have an identity world transform.
    void paint(QPainter* painter, const QRectF& exposed, double deviceScale, QPointF origin,
               double dpr, const Source& source);
    void invalidate();                       // everything changed
    void invalidate(const QRectF& itemRect); // only this area changed (e.g. a patch's label)
    int tilesRendered() const { return m_rendered; }

private:
    void setScale(double deviceScale, const Source& source);
    const QImage* tile(int tx, int ty, const Source& source);
    QImage render(int tx, int ty, const Source& source);
    void recycle(); // empties the cache, keeping the tile buffers for reuse

    static constexpr std::size_t kMaxSpare = 64; // 16 MiB: a full-HD viewport of tiles
    QCache<quint64, QImage> m_cache;
    std::vector<QImage> m_spare;
    double m_scale = 0;
    std::vector<int> m_bx, m_by; // device x (y) of each cell boundary, from the image origin
    int m_coverL = 0, m_coverT = 0, m_coverR = 0, m_coverB = 0;
    int m_rendered = 0;
};

} // namespace ds::ui
