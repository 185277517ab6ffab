#include "ui/view/patch_overlay_item.h"

#include "core/report/figure_colours.h"

#include "ui/view/visible_area.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {
constexpr int kFillAlpha = 110;                 // label fills: the lattice stays visible underneath
constexpr double kMinGridSpacingPx = 5;         // closer grid lines would only grey the image out
constexpr double kMinOutlineCellPx = 10;        // below this, cell outlines would hide the fill
constexpr std::size_t kMaxPartialUpdates = 256; // more changed patches: repaint the whole item
} // namespace

PatchOverlayItem::PatchOverlayItem() {
    setFlag(ItemUsesExtendedStyleOption);
    setZValue(1);
}

QRgb PatchOverlayItem::labelFill(Label label) {
    if (label == Label::Unlabelled)
        return 0;
    const QColor c = labelColour(label);
    return qPremultiply(qRgba(c.red(), c.green(), c.blue(), kFillAlpha));
}

QColor PatchOverlayItem::labelColour(Label label) {
    if (label == Label::Unlabelled)
        return QColor(0, 0, 0, 0);
    const Rgb c = labelRgb(label); // shared with the report's figure
    return QColor(c.r, c.g, c.b);
}

void PatchOverlayItem::setGrid(const PatchGrid& grid) {
    prepareGeometryChange();
    m_grid = grid;
    if (static_cast<int>(m_labels.size()) != grid.size())
        m_labels.assign(static_cast<std::size_t>(grid.size()), Label::Unlabelled);
    if (!m_scores.empty() && static_cast<int>(m_scores.size()) != grid.size())
        m_scores.clear();
    m_selection.clear();
    m_hover = -1;
    rebuildLabelImage();
    rebuildHeatImage();
    rebuildSelectionImage();
    rebuildFillImage();
    rebuildOutlines(m_outlinesWithLabels);
    m_tiles.invalidate();
    update();
}

void PatchOverlayItem::setLabels(const std::vector<Label>& labels) {
    std::vector<Label> next = labels;
    next.resize(static_cast<std::size_t>(m_grid.size()), Label::Unlabelled);
    // A click or a short stroke changes a few patches: repaint only those, not the whole view.
    std::vector<int> changed;
    bool all = next.size() != m_labels.size();
    for (std::size_t i = 0; !all && i < next.size(); ++i)
        if (next[i] != m_labels[i]) {
            changed.push_back(static_cast<int>(i));
            all = changed.size() > kMaxPartialUpdates;
        }
    m_labels = std::move(next);
    if (all) {
        rebuildLabelImage();
        rebuildFillImage();
        rebuildOutlines(m_outlinesWithLabels);
        m_tiles.invalidate();
        update();
        return;
    }
    for (int i : changed) { // only these patches' pixels, outline and tiles
        const int r = m_grid.row(i), c = m_grid.column(i);
        reinterpret_cast<QRgb*>(m_labelImage.scanLine(r))[c] =
            labelFill(m_labels[static_cast<std::size_t>(i)]);
        const QRgb fill = composedFill(i);
        reinterpret_cast<QRgb*>(m_fillImage.scanLine(r))[c] = fill;
        m_fillEmpty = m_fillEmpty && fill == 0;
        m_outlines[static_cast<std::size_t>(i)] = outlineColour(i, m_outlinesWithLabels);
        m_tiles.invalidate(dirtyRect(i));
        update(dirtyRect(i));
    }
}

QRectF PatchOverlayItem::dirtyRect(int patch) const {
    // The patch (hover outline) and its stride cell (fill), with room for the pens.
    const double st = m_grid.spec().stride;
    return patchRect(patch)
        .united(QRectF(cellRect(patch).center() - QPointF(st, st) / 2, QSizeF(st, st)))
        .adjusted(-2, -2, 2, 2);
}

QRgb PatchOverlayItem::outlineColour(int patch, bool withLabels) const {
    const auto i = static_cast<std::size_t>(patch);
    if (withLabels && m_showLabels && i < m_labels.size() && m_labels[i] != Label::Unlabelled)
        return labelColour(m_labels[i]).rgb(); // drawn over the threshold's
    if (m_showHeat && m_threshold && i < m_scores.size() && m_scores[i] >= *m_threshold)
        return qRgb(kThresholdColour.r, kThresholdColour.g, kThresholdColour.b);
    return 0;
}

void PatchOverlayItem::rebuildOutlines(bool withLabels) {
    m_outlinesWithLabels = withLabels;
    m_outlines.resize(static_cast<std::size_t>(m_grid.size()));
    for (int i = 0; i < m_grid.size(); ++i)
        m_outlines[static_cast<std::size_t>(i)] = outlineColour(i, withLabels);
}

void PatchOverlayItem::restyle() {
    rebuildFillImage();
    rebuildOutlines(m_outlinesWithLabels);
    m_tiles.invalidate();
    update();
}

void PatchOverlayItem::setScores(const std::vector<float>& scores) {
    m_scores = static_cast<int>(scores.size()) == m_grid.size() ? scores : std::vector<float>{};
    rebuildHeatImage();
    restyle();
}

void PatchOverlayItem::setSelection(const std::vector<int>& patches) {
    m_selection = patches;
    rebuildSelectionImage();
    restyle();
}

void PatchOverlayItem::setHover(int patch) {
    if (patch == m_hover)
        return;
    // Only the old and new hover rectangles need repainting.
    if (m_hover >= 0)
        update(patchRect(m_hover).adjusted(-2, -2, 2, 2));
    m_hover = patch;
    if (m_hover >= 0)
        update(patchRect(m_hover).adjusted(-2, -2, 2, 2));
}

void PatchOverlayItem::setShowGrid(bool show) {
    m_showGrid = show;
    restyle();
}
void PatchOverlayItem::setShowLabels(bool show) {
    m_showLabels = show;
    restyle();
}
void PatchOverlayItem::setShowHeatMap(bool show) {
    m_showHeat = show;
    restyle();
}
void PatchOverlayItem::setHeatMapOpacity(double opacity) {
    m_heatOpacity = std::clamp(opacity, 0.0, 1.0);
    rebuildHeatImage();
    restyle();
}
void PatchOverlayItem::setHeatMapLut(Lut lut) {
    m_heatLut = lut;
    rebuildHeatImage();
    restyle();
}

void PatchOverlayItem::setThreshold(std::optional<float> threshold) {
    m_threshold = threshold;
    restyle();
}

QRectF PatchOverlayItem::boundingRect() const {
    if (m_grid.empty())
        return {};
    return QRectF(0, 0, m_grid.imageWidth(), m_grid.imageHeight()).adjusted(-2, -2, 2, 2);
}

QRectF PatchOverlayItem::patchRect(int patch) const {
    if (patch < 0 || patch >= m_grid.size())
        return {};
    const cv::Rect r = m_grid.rect(patch);
    return QRectF(r.x, r.y, r.width, r.height);
}

QRectF PatchOverlayItem::cellRect(int patch) const {
    if (patch < 0 || patch >= m_grid.size())
        return {};
    const GridSpec& g = m_grid.spec();
    const cv::Rect r = m_grid.rect(patch);
    const double cs = std::min(g.stride, g.side);
    return QRectF(r.x + g.side / 2.0 - cs / 2.0, r.y + g.side / 2.0 - cs / 2.0, cs, cs);
}

QRectF PatchOverlayItem::cellsArea() const {
    const GridSpec& g = m_grid.spec();
    const double s = g.stride;
    return QRectF(g.originX + g.side / 2.0 - s / 2.0, g.originY + g.side / 2.0 - s / 2.0,
                  m_grid.columns() * s, m_grid.rows() * s);
}

int PatchOverlayItem::patchAt(const QPointF& p) const {
    if (m_grid.empty())
        return -1;
    const GridSpec& g = m_grid.spec();
    const double c = std::floor((p.x() - g.originX - g.side / 2.0 + g.stride / 2.0) / g.stride);
    const double r = std::floor((p.y() - g.originY - g.side / 2.0 + g.stride / 2.0) / g.stride);
    if (c < 0 || r < 0 || c >= m_grid.columns() || r >= m_grid.rows())
        return -1;
    const int index = m_grid.index(static_cast<int>(c), static_cast<int>(r));
    return patchRect(index).contains(p) ? index : -1;
}

std::vector<int> PatchOverlayItem::patchesWithCentreIn(const QRectF& area) const {
    std::vector<int> out;
    if (m_grid.empty())
        return out;
    const GridSpec& g = m_grid.spec();
    const double half = g.side / 2.0;
    const int c0 =
        std::max(0, static_cast<int>(std::ceil((area.left() - g.originX - half) / g.stride)));
    const int c1 =
        std::min(m_grid.columns() - 1,
                 static_cast<int>(std::floor((area.right() - g.originX - half) / g.stride)));
    const int r0 =
        std::max(0, static_cast<int>(std::ceil((area.top() - g.originY - half) / g.stride)));
    const int r1 =
        std::min(m_grid.rows() - 1,
                 static_cast<int>(std::floor((area.bottom() - g.originY - half) / g.stride)));
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c)
            out.push_back(m_grid.index(c, r));
    return out;
}

void PatchOverlayItem::rebuildLabelImage() {
    m_labelImage = QImage(std::max(1, m_grid.columns()), std::max(1, m_grid.rows()),
                          QImage::Format_ARGB32_Premultiplied);
    m_labelImage.fill(Qt::transparent);
    for (int i = 0; i < m_grid.size() && i < static_cast<int>(m_labels.size()); ++i)
        reinterpret_cast<QRgb*>(m_labelImage.scanLine(m_grid.row(i)))[m_grid.column(i)] =
            labelFill(m_labels[static_cast<std::size_t>(i)]);
}

void PatchOverlayItem::rebuildHeatImage() {
    m_heatImage = QImage();
    if (m_scores.empty() || m_grid.empty())
        return;
    // Normalised to the finite score range: the map shows ranks of anomaly, not absolute units.
    float lo = INFINITY, hi = -INFINITY;
    for (float s : m_scores)
        if (std::isfinite(s)) {
            lo = std::min(lo, s);
            hi = std::max(hi, s);
        }
    m_heatImage = QImage(m_grid.columns(), m_grid.rows(), QImage::Format_ARGB32_Premultiplied);
    m_heatImage.fill(Qt::transparent);
    if (!(hi >= lo))
        return;
    const double span = hi > lo ? hi - lo : 1.0;
    const int alpha = static_cast<int>(std::lround(m_heatOpacity * 255));
    for (int i = 0; i < m_grid.size(); ++i) {
        const float s = m_scores[static_cast<std::size_t>(i)];
        if (!std::isfinite(s))
            continue;
        const QRgb c = lutColour(m_heatLut, (s - lo) / span);
        reinterpret_cast<QRgb*>(m_heatImage.scanLine(m_grid.row(i)))[m_grid.column(i)] =
            qPremultiply(qRgba(qRed(c), qGreen(c), qBlue(c), alpha));
    }
}

QRgb PatchOverlayItem::composedFill(int patch) const {
    // Source-over is associative: compositing the per-patch colours here first gives the same
    // screen as drawing the layers one after another.
    const int r = m_grid.row(patch), c = m_grid.column(patch);
    const auto at = [r, c](const QImage& img) {
        return img.isNull() ? QRgb(0) : reinterpret_cast<const QRgb*>(img.constScanLine(r))[c];
    };
    QRgb fill = m_showHeat ? at(m_heatImage) : 0;
    if (m_showLabels)
        fill = OverlayTiles::over(at(m_labelImage), fill);
    return OverlayTiles::over(at(m_selectionImage), fill);
}

void PatchOverlayItem::rebuildFillImage() {
    m_fillImage = QImage(std::max(1, m_grid.columns()), std::max(1, m_grid.rows()),
                         QImage::Format_ARGB32_Premultiplied);
    m_fillImage.fill(Qt::transparent);
    QRgb any = 0;
    for (int i = 0; i < m_grid.size(); ++i) {
        const QRgb c = composedFill(i);
        reinterpret_cast<QRgb*>(m_fillImage.scanLine(m_grid.row(i)))[m_grid.column(i)] = c;
        any |= c;
    }
    m_fillEmpty = any == 0;
}

void PatchOverlayItem::rebuildSelectionImage() {
    m_selectionImage = QImage();
    if (m_selection.empty() || m_grid.empty())
        return;
    m_selectionImage = QImage(m_grid.columns(), m_grid.rows(), QImage::Format_ARGB32_Premultiplied);
    m_selectionImage.fill(Qt::transparent);
    const QRgb c = qPremultiply(qRgba(255, 255, 120, 90));
    for (int i : m_selection)
        if (i >= 0 && i < m_grid.size())
            reinterpret_cast<QRgb*>(m_selectionImage.scanLine(m_grid.row(i)))[m_grid.column(i)] = c;
}

PatchOverlayItem::Visible PatchOverlayItem::visibleCells(const QRectF& exposed) const {
    const QRectF cells = cellsArea();
    const double st = m_grid.spec().stride;
    Visible v;
    v.c0 = std::max(0, static_cast<int>(std::floor((exposed.left() - cells.left()) / st)));
    v.c1 = std::min(m_grid.columns() - 1,
                    static_cast<int>(std::floor((exposed.right() - cells.left()) / st)));
    v.r0 = std::max(0, static_cast<int>(std::floor((exposed.top() - cells.top()) / st)));
    v.r1 = std::min(m_grid.rows() - 1,
                    static_cast<int>(std::floor((exposed.bottom() - cells.top()) / st)));
    return v;
}

void PatchOverlayItem::paintGridLines(QPainter* painter, const Visible& v, double scale) const {
    // The lines bound the patches' centre cells, not the (overlapping) patch edges: each square on
    // screen is one patch, the square a click labels and the label colour fills. The dashed hover
    // outline shows the whole patch.
    const GridSpec& g = m_grid.spec();
    const QRectF cells = cellsArea();
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(QColor(255, 210, 0, 150), 0)); // cosmetic: one screen pixel at any zoom
    painter->drawRect(QRectF(g.originX, g.originY, (m_grid.columns() - 1) * g.stride + g.side,
                             (m_grid.rows() - 1) * g.stride + g.side));
    if (g.stride * scale < kMinGridSpacingPx || v.empty())
        return;
    painter->setPen(QPen(QColor(255, 210, 0, 110), 0));
    const double top = cells.top() + v.r0 * g.stride, bottom = cells.top() + (v.r1 + 1) * g.stride;
    const double left = cells.left() + v.c0 * g.stride,
                 right = cells.left() + (v.c1 + 1) * g.stride;
    QVarLengthArray<QLineF, 512> lines;
    for (int k = v.c0; k <= v.c1 + 1; ++k)
        lines.append(QLineF(cells.left() + k * g.stride, top, cells.left() + k * g.stride, bottom));
    for (int j = v.r0; j <= v.r1 + 1; ++j)
        lines.append(QLineF(left, cells.top() + j * g.stride, right, cells.top() + j * g.stride));
    painter->drawLines(lines.constData(), static_cast<int>(lines.size()));
}

template <typename Pick>
void PatchOverlayItem::paintOutlines(QPainter* painter, const Visible& v, const QColor& colour,
                                     Pick pick) const {
    QVarLengthArray<QRectF, 512> rects;
    for (int r = v.r0; r <= v.r1; ++r)
        for (int c = v.c0; c <= v.c1; ++c)
            if (pick(m_grid.index(c, r)))
                rects.append(cellRect(m_grid.index(c, r)).adjusted(0.5, 0.5, -0.5, -0.5));
    painter->setPen(QPen(colour, 0));
    painter->setBrush(Qt::NoBrush);
    painter->drawRects(rects.constData(), static_cast<int>(rects.size()));
}

void PatchOverlayItem::paintTransformed(QPainter* painter, const QRectF& exposed,
                                        double scale) const {
    const Visible v = visibleCells(exposed);
    if (!v.empty() && !m_fillEmpty) // one pixel per patch, scaled without smoothing
        painter->drawImage(cellsArea(), m_fillImage);
    if (!v.empty() && m_showHeat && m_threshold && !m_scores.empty()) {
        const float t = *m_threshold;
        paintOutlines(painter, v, QColor(60, 255, 120),
                      [&](int i) { return m_scores[static_cast<std::size_t>(i)] >= t; });
    }
    if (!v.empty() && m_showLabels &&
        std::min(m_grid.spec().stride, m_grid.spec().side) * scale >= kMinOutlineCellPx)
        for (const Label l : {Label::Perfect, Label::Defect})
            paintOutlines(painter, v, labelColour(l),
                          [&](int i) { return m_labels[static_cast<std::size_t>(i)] == l; });
    if (m_showGrid)
        paintGridLines(painter, v, scale);
}

void PatchOverlayItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (m_grid.empty())
        return;
    const QTransform world = painter->worldTransform();
    const double scale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(world);
    const double dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    const QRectF exposed = visibleArea(painter, option->exposedRect);
    const bool withLabels =
        std::min(m_grid.spec().stride, m_grid.spec().side) * scale >= kMinOutlineCellPx;
    if (withLabels != m_outlinesWithLabels) { // level of detail: label outlines from 10 px cells
        rebuildOutlines(withLabels);
        m_tiles.invalidate();
    }
    if (exposed.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter->setRenderHint(QPainter::Antialiasing, false);
    if (world.type() <= QTransform::TxScale && world.m11() > 0 &&
        std::abs(world.m11() - world.m22()) <= 1e-9 * world.m11()) {
        painter->setWorldTransform(QTransform());
        const OverlayTiles::Source source{m_grid,
                                          cellsArea(),
                                          m_fillImage,
                                          m_outlines,
                                          m_showGrid &&
                                              m_grid.spec().stride * scale >= kMinGridSpacingPx,
                                          m_showGrid};
        m_tiles.paint(painter, exposed, world.m11() * dpr,
                      QPointF(std::round(world.dx() * dpr), std::round(world.dy() * dpr)), dpr,
                      source);
    } else {
        paintTransformed(painter, exposed, scale);
    }
    painter->restore();
    if (m_hover >= 0) {
        painter->save();
        QPen pen(Qt::white, 2);
        pen.setCosmetic(true);
        pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(patchRect(m_hover));
        painter->restore();
    }
}

} // namespace ds::ui
