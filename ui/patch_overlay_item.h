#pragma once
// PatchOverlayItem: ONE scene item that draws everything per patch over the micrograph - grid
// lines, hand labels, the selection, the patch under the cursor and the detector heat map - for any
// number of patches. Per-patch colours are kept as tiny images (one pixel per patch, drawn scaled
// onto the patches' centre cells) so 16,000 patches cost one drawImage each, not 16,000 rectangles.
// A patch's centre cell is the stride x stride square around its centre: cells tile the image even
// though patches overlap, so each screen point belongs to exactly one patch for clicks and colours.
// Item coordinates are image pixels. GUI thread.
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"
#include "ui/display_mapping.h"

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
    void setShowLabels(bool show);
    void setShowHeatMap(bool show);
    bool showHeatMap() const { return m_showHeat; }
    void setHeatMapOpacity(double opacity); // 0..1
    void setHeatMapLut(Lut lut);
    // Patches whose score is >= threshold are outlined over the heat map (nullopt: none).
    void setThreshold(std::optional<float> threshold);

    // The patch whose centre cell contains `p` (image pixels), or -1 outside the grid.
    int patchAt(const QPointF& p) const;
    // Patches whose centres lie inside `area`, in index order.
    std::vector<int> patchesWithCentreIn(const QRectF& area) const;
    QRectF patchRect(int patch) const;
    QRectF cellRect(int patch) const;

    static QColor labelColour(Label label); // opaque; fills use it translucent

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF cellsArea() const; // where the one-pixel-per-patch images are drawn
    void rebuildLabelImage();
    void rebuildHeatImage();
    void rebuildSelectionImage();
    void paintGridLines(QPainter* painter, const QRectF& exposed, double scale) const;
    void paintLabelOutlines(QPainter* painter, const QRectF& exposed) const;
    void paintThresholdOutlines(QPainter* painter, const QRectF& exposed) const;

    PatchGrid m_grid;
    std::vector<Label> m_labels;
    std::vector<float> m_scores;
    std::vector<int> m_selection;
    int m_hover = -1;
    bool m_showGrid = true, m_showLabels = true, m_showHeat = false;
    double m_heatOpacity = 0.55;
    Lut m_heatLut = Lut::Magma;
    std::optional<float> m_threshold;
    QImage m_labelImage, m_heatImage, m_selectionImage;
};

} // namespace ds::ui
