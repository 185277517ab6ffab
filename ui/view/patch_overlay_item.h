#pragma once
// PatchOverlayItem: ONE scene item that draws everything per patch over the micrograph - grid
// lines, hand labels, the selection, the patch under the cursor and the detector heat map - for any
// number of patches. Per-patch colours (heat map, label fill, selection) are composited into one
// tiny image (one pixel per patch) drawn scaled onto the patches' centre cells, so 16,000 patches
// cost one drawImage, not 16,000 rectangles; outlines and grid lines are batched into one
// drawRects/drawLines per colour, only for the visible patches.
// A patch's centre cell is the stride x stride square around its centre: cells tile the image even
// though patches overlap, so each screen point belongs to exactly one patch for clicks and colours.
// Item coordinates are image pixels; under the view's (axis-aligned) transform everything is drawn
// in whole device pixels, which keeps Qt's raster engine on its fast single-threaded paths. GUI
// thread.
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"
#include "ui/view/display_mapping.h"
#include "ui/view/overlay_tiles.h"

#include <QColor>
#include <QGraphicsItem>
#include <QImage>

#include <optional>
#include <vector>

namespace ds::ui {

class PatchOverlayItem : public QGraphicsItem {
public:
    PatchOverlayItem();

    void setGrid(const PatchGrid& grid);
    const PatchGrid& grid() const { return m_grid; }
    void setLabels(const std::vector<Label>& labels);
    // Detector scores, one per patch (higher = more anomalous; NaN = no score); empty = none.
    void setScores(const std::vector<float>& scores);
    void setSelection(const std::vector<int>& patches);
    const std::vector<int>& selection() const { return m_selection; }
    void setHover(int patch);

    void setShowGrid(bool show);
    bool showGrid() const { return m_showGrid; }
    void setShowLabels(bool show);
    bool showLabels() const { return m_showLabels; }
    void setShowHeatMap(bool show);
    bool showHeatMap() const { return m_showHeat; }
    void setHeatMapOpacity(double opacity); // 0..1
    double heatMapOpacity() const { return m_heatOpacity; }
    void setHeatMapLut(Lut lut);
    // Patches whose score is >= threshold are outlined over the heat map (nullopt: none).
    void setThreshold(std::optional<float> threshold);
    std::optional<float> threshold() const { return m_threshold; }

    // The patch whose centre cell contains `p` (image pixels), or -1 outside the grid.
    int patchAt(const QPointF& p) const;
    // Patches whose centres lie inside `area`, in index order.
    std::vector<int> patchesWithCentreIn(const QRectF& area) const;
    QRectF patchRect(int patch) const;
    QRectF cellRect(int patch) const;

    static QColor labelColour(Label label); // opaque; fills use it translucent
    int tilesRendered() const { return m_tiles.tilesRendered(); } // overlay tiles rasterised

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    struct Visible { // the visible cells, inclusive
        int c0 = 0, c1 = -1, r0 = 0, r1 = -1;
        bool empty() const { return c1 < c0 || r1 < r0; }
    };
    QRectF cellsArea() const; // where the one-pixel-per-patch images are drawn
    Visible visibleCells(const QRectF& exposed) const;
    void rebuildLabelImage();
    void rebuildHeatImage();
    void rebuildSelectionImage();
    void restyle();          // what every patch shows changed: rebuild, repaint everything
    void rebuildFillImage(); // heat, label fill and selection, as shown, in one image
    // Per patch outline colour: threshold (green) under labels; labels only when `withLabels`.
    void rebuildOutlines(bool withLabels);
    QRgb outlineColour(int patch, bool withLabels) const; // 0 = none
    QRgb composedFill(int patch) const; // heat, label fill, selection as shown, premultiplied
    static QRgb labelFill(Label label); // translucent, premultiplied; 0 when unlabelled
    QRectF dirtyRect(int patch) const;  // everything drawn for a patch, with the pens
    // The general path, for transforms other than the view's axis-aligned zoom; the view's own
    // repaints go through m_tiles.
    void paintTransformed(QPainter* painter, const QRectF& exposed, double scale) const;
    void paintGridLines(QPainter* painter, const Visible& v, double scale) const;
    // Outlines every visible patch for which `pick(patch)` holds, inside its centre cell.
    template <typename Pick>
    void paintOutlines(QPainter* painter, const Visible& v, const QColor& colour, Pick pick) const;

    PatchGrid m_grid;
    std::vector<Label> m_labels;
    std::vector<float> m_scores;
    std::vector<int> m_selection;
    int m_hover = -1;
    bool m_showGrid = true, m_showLabels = true, m_showHeat = false;
    double m_heatOpacity = 0.55;
    Lut m_heatLut = Lut::Magma;
    std::optional<float> m_threshold;
    QImage m_labelImage, m_heatImage, m_selectionImage, m_fillImage;
    bool m_fillEmpty = true;
    std::vector<QRgb> m_outlines;
    bool m_outlinesWithLabels = false;
    OverlayTiles m_tiles;
};

} // namespace ds::ui
