#include "ui/patch_overlay_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {
constexpr int kFillAlpha = 110;          // label fills: the lattice stays visible underneath
constexpr double kMinGridSpacingPx = 5;  // closer grid lines would only grey the image out
constexpr double kMinOutlineCellPx = 10; // below this, cell outlines would hide the fill
} // namespace

PatchOverlayItem::PatchOverlayItem() {
    setFlag(ItemUsesExtendedStyleOption);
    setZValue(1);
}

QColor PatchOverlayItem::labelColour(Label label) {
    switch (label) {
    case Label::Defect:
        return QColor(235, 40, 40);
    case Label::Perfect:
        return QColor(30, 160, 255);
    default:
        return QColor(0, 0, 0, 0);
    }
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
    update();
}

void PatchOverlayItem::setLabels(const std::vector<Label>& labels) {
    m_labels = labels;
    m_labels.resize(static_cast<std::size_t>(m_grid.size()), Label::Unlabelled);
    rebuildLabelImage();
    update();
}

void PatchOverlayItem::setScores(const std::vector<float>& scores) {
    m_scores = static_cast<int>(scores.size()) == m_grid.size() ? scores : std::vector<float>{};
    rebuildHeatImage();
    update();
}

void PatchOverlayItem::setSelection(const std::vector<int>& patches) {
    m_selection = patches;
    rebuildSelectionImage();
    update();
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
    update();
}
void PatchOverlayItem::setShowLabels(bool show) {
    m_showLabels = show;
    update();
}
void PatchOverlayItem::setShowHeatMap(bool show) {
    m_showHeat = show;
    update();
}
void PatchOverlayItem::setHeatMapOpacity(double opacity) {
    m_heatOpacity = std::clamp(opacity, 0.0, 1.0);
    rebuildHeatImage();
    update();
}
void PatchOverlayItem::setHeatMapLut(Lut lut) {
    m_heatLut = lut;
    rebuildHeatImage();
    update();
}

void PatchOverlayItem::setThreshold(std::optional<float> threshold) {
    m_threshold = threshold;
    update();
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
    const QRgb defect = qPremultiply(qRgba(235, 40, 40, kFillAlpha));
    const QRgb perfect = qPremultiply(qRgba(30, 160, 255, kFillAlpha));
    for (int i = 0; i < m_grid.size() && i < static_cast<int>(m_labels.size()); ++i) {
        const Label l = m_labels[static_cast<std::size_t>(i)];
        if (l != Label::Unlabelled)
            reinterpret_cast<QRgb*>(m_labelImage.scanLine(m_grid.row(i)))[m_grid.column(i)] =
                l == Label::Defect ? defect : perfect;
    }
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

void PatchOverlayItem::paintGridLines(QPainter* painter, const QRectF& exposed,
                                      double scale) const {
    // The lines bound the patches' centre cells, not the (overlapping) patch edges: each square on
    // screen is one patch, the square a click labels and the label colour fills. The dashed hover
    // outline shows the whole patch.
    const GridSpec& g = m_grid.spec();
    const QRectF cells = cellsArea();
    const QRectF covered(g.originX, g.originY, (m_grid.columns() - 1) * g.stride + g.side,
                         (m_grid.rows() - 1) * g.stride + g.side);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(QColor(255, 210, 0, 150), 0)); // cosmetic: one screen pixel at any zoom
    painter->drawRect(covered);
    if (g.stride * scale < kMinGridSpacingPx)
        return;
    painter->setPen(QPen(QColor(255, 210, 0, 110), 0));
    const QRectF vis = exposed.intersected(cells);
    if (vis.isEmpty())
        return;
    QVarLengthArray<QLineF, 512> lines;
    const double s = g.stride;
    const int k0 = std::max(0, static_cast<int>(std::floor((vis.left() - cells.left()) / s)));
    const int k1 =
        std::min(m_grid.columns(), static_cast<int>(std::ceil((vis.right() - cells.left()) / s)));
    for (int k = k0; k <= k1; ++k) {
        const double x = cells.left() + k * s;
        lines.append(QLineF(x, vis.top(), x, vis.bottom()));
    }
    const int j0 = std::max(0, static_cast<int>(std::floor((vis.top() - cells.top()) / s)));
    const int j1 =
        std::min(m_grid.rows(), static_cast<int>(std::ceil((vis.bottom() - cells.top()) / s)));
    for (int j = j0; j <= j1; ++j) {
        const double y = cells.top() + j * s;
        lines.append(QLineF(vis.left(), y, vis.right(), y));
    }
    painter->drawLines(lines.constData(), static_cast<int>(lines.size()));
}

void PatchOverlayItem::paintLabelOutlines(QPainter* painter, const QRectF& exposed) const {
    const std::vector<int> visible = patchesWithCentreIn(exposed.adjusted(
        -m_grid.spec().side, -m_grid.spec().side, m_grid.spec().side, m_grid.spec().side));
    painter->setBrush(Qt::NoBrush);
    for (const Label l : {Label::Perfect, Label::Defect}) {
        painter->setPen(QPen(labelColour(l), 0));
        for (int i : visible)
            if (m_labels[static_cast<std::size_t>(i)] == l)
                painter->drawRect(cellRect(i).adjusted(0.5, 0.5, -0.5, -0.5));
    }
}

void PatchOverlayItem::paintThresholdOutlines(QPainter* painter, const QRectF& exposed) const {
    const int side = m_grid.spec().side;
    const std::vector<int> visible =
        patchesWithCentreIn(exposed.adjusted(-side, -side, side, side));
    // Bright green: distinct from the label colours (red/blue) and from every heat-map colour.
    painter->setPen(QPen(QColor(60, 255, 120), 0));
    painter->setBrush(Qt::NoBrush);
    for (int i : visible)
        if (m_scores[static_cast<std::size_t>(i)] >= *m_threshold)
            painter->drawRect(cellRect(i).adjusted(0.5, 0.5, -0.5, -0.5));
}

void PatchOverlayItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (m_grid.empty())
        return;
    const double scale =
        QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    const QRectF exposed = option->exposedRect;
    // One pixel per patch, scaled up without smoothing: every cell gets exactly its own colour.
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QRectF cells = cellsArea();
    if (m_showHeat && !m_heatImage.isNull())
        painter->drawImage(cells, m_heatImage);
    if (m_showHeat && m_threshold && !m_scores.empty())
        paintThresholdOutlines(painter, exposed);
    if (m_showLabels) {
        painter->drawImage(cells, m_labelImage);
        if (std::min(m_grid.spec().stride, m_grid.spec().side) * scale >= kMinOutlineCellPx)
            paintLabelOutlines(painter, exposed);
    }
    if (!m_selectionImage.isNull())
        painter->drawImage(cells, m_selectionImage);
    if (m_showGrid)
        paintGridLines(painter, exposed, scale);
    if (m_hover >= 0) {
        QPen pen(Qt::white, 2);
        pen.setCosmetic(true);
        pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(patchRect(m_hover));
    }
}

} // namespace ds::ui
