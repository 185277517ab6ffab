#include "ui/view/micrograph_view.h"

#include "ui/view/image_tile_item.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/view/scale_bar.h"

#include <QGraphicsScene>
#include <QMouseEvent>
#include <QPainter>
#include <QPen>
#include <QRubberBand>
#include <QScrollBar>
#include <QVariantAnimation>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <set>

namespace ds::ui {

namespace {
constexpr double kMaxZoom = 64.0;
constexpr double kMaxDrawnAspect = 20; // pixel shapes drawn to scale: up to 20:1 (pixelAspect)
constexpr double kWheelStep = 1.0015; // per 1/8 degree: one notch (120) zooms by ~20 %
const QColor kFocusColour(0, 230, 255); // the "label next" outline
} // namespace

MicrographView::MicrographView(Session* session, QWidget* parent)
    : QGraphicsView(parent)
    , m_session(session)
    , m_image(new ImageTileItem)
    , m_overlay(new PatchOverlayItem)
    , m_zoomAnim(new QVariantAnimation(this)) {
    setScene(new QGraphicsScene(this));
    scene()->addItem(m_image);
    scene()->addItem(m_overlay);
    setBackgroundBrush(QColor(38, 40, 44));
    setFrameShape(QFrame::NoFrame);
    // Panning is by dragging; scroll bars appearing and vanishing while zooming would resize the
    // viewport under the cursor and make the zoom jump.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMouseTracking(true);
    setTransformationAnchor(AnchorViewCenter);
    setResizeAnchor(AnchorViewCenter);
    // Repaint only what changed (a labelled patch, the hover outline) and scroll by copying the
    // pixels already on screen; scrollContentsBy() repairs the scale bar, which stays put.
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState);
    m_band = new QRubberBand(QRubberBand::Rectangle, viewport());
    m_band->hide();
    m_zoomAnim->setDuration(140);
    m_zoomAnim->setEasingCurve(QEasingCurve::OutCubic);
    connect(m_zoomAnim, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& v) { setZoom(v.toDouble()); });
    connect(session, &Session::changed, this, &MicrographView::onSessionChanged);
    connect(session, &Session::currentImageChanged, this, [this] { showCurrentImage(); });
    setTool(Tool::Pan);
    showCurrentImage();
}

MicrographView::~MicrographView() = default;

void MicrographView::setTool(Tool tool) {
    m_tool = tool;
    setDragMode(tool == Tool::Pan ? ScrollHandDrag : NoDrag);
    viewport()->setCursor(tool == Tool::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
    if (tool == Tool::Pan)
        m_overlay->setHover(-1);
    emit toolChanged(tool);
}

void MicrographView::setMapping(const DisplayMapping& mapping) {
    m_image->setMapping(mapping);
}

double MicrographView::zoom() const {
    return transform().m11();
}

void MicrographView::setZoom(double z) {
    z = std::clamp(z, 1e-3, kMaxZoom);
    const double f = z / zoom();
    if (std::abs(f - 1.0) < 1e-9)
        return;
    scale(f, f);
    emit zoomChanged(zoom());
}

void MicrographView::zoomBy(double factor, bool animated) {
    m_fitted = false;
    const double from = m_zoomAnim->state() == QAbstractAnimation::Running
                            ? m_zoomAnim->endValue().toDouble()
                            : zoom();
    const double target = std::clamp(from * factor, 1e-3, kMaxZoom);
    m_zoomAnim->stop();
    if (!animated) {
        setZoom(target);
        return;
    }
    m_zoomAnim->setStartValue(zoom());
    m_zoomAnim->setEndValue(target);
    m_zoomAnim->start();
}

void MicrographView::zoomToFit() {
    m_zoomAnim->stop();
    if (!m_image->image())
        return;
    // fitInView() would make the pixels square: fit the image's physical shape instead.
    const QRectF r = m_image->boundingRect();
    const double a = pixelAspect();
    const QRectF vp = viewport()->rect().adjusted(2, 2, -2, -2); // fitInView's margin
    if (r.isEmpty() || vp.isEmpty())
        return;
    const double z = std::min(vp.width() / r.width(), vp.height() / (r.height() * a));
    setTransform(QTransform::fromScale(z, z * a));
    centerOn(r.center());
    m_fitted = true;
    emit zoomChanged(zoom());
}

void MicrographView::zoomToActualSize() {
    m_zoomAnim->stop();
    m_fitted = false;
    setZoom(1.0);
}

MicrographView::Place MicrographView::place() const {
    return {zoom(), mapToScene(viewport()->rect().center()), m_fitted};
}

void MicrographView::setPlace(const Place& place) {
    m_zoomAnim->stop();
    if (place.fitted) {
        zoomToFit();
        return;
    }
    m_fitted = false;
    setZoom(place.zoom);
    centerOn(place.centre);
}

void MicrographView::focusPatch(int patch) {
    const QRectF r = m_overlay->patchRect(patch);
    if (patch < 0 || patch >= m_overlay->grid().size() || r.isEmpty() || !m_image->image())
        return;
    m_focused = patch;
    m_zoomAnim->stop();
    const QSizeF vp = viewport()->size();
    const double side = std::max(r.width(), r.height());
    const double room = std::max(1.0, std::min(vp.width(), vp.height()));
    // Big enough to judge the lattice in it, with its neighbours around it to compare with.
    if (side * zoom() < room / 8 || side * zoom() > room / 2) {
        m_fitted = false;
        setZoom(room / (4 * side));
    }
    QPointF c = r.center();
    const QRectF image = m_image->boundingRect();
    const double hw = vp.width() / (2 * zoom()), hh = vp.height() / (2 * zoom() * pixelAspect());
    c.setX(image.width() > 2 * hw ? std::clamp(c.x(), image.left() + hw, image.right() - hw)
                                  : image.center().x());
    c.setY(image.height() > 2 * hh ? std::clamp(c.y(), image.top() + hh, image.bottom() - hh)
                                   : image.center().y());
    centerOn(c);
    viewport()->update();
}

const std::vector<int>& MicrographView::selection() const {
    return m_overlay->selection();
}

void MicrographView::setSelection(const std::vector<int>& patches) {
    m_overlay->setSelection(patches);
    emit selectionChanged(static_cast<int>(patches.size()));
}

void MicrographView::selectAll() {
    std::vector<int> all(static_cast<std::size_t>(m_overlay->grid().size()));
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<int>(i);
    setSelection(all);
}

void MicrographView::clearSelection() {
    setSelection({});
}

std::optional<double> MicrographView::nmPerPixel() const {
    return m_session->calibration(m_session->currentIndex()).x.nmPerPixel();
}

double MicrographView::pixelAspect() const {
    const Calibration c = m_session->calibration(m_session->currentIndex());
    const auto x = c.x.nmPerPixel(), y = c.y.nmPerPixel();
    if (!x || !y || !(*x > 0) || !(*y > 0))
        return 1.0;
    // Drawn to scale up to 20:1; beyond that (a 2 pm x 3 nm pixel: 1500:1) the image would be a
    // line, so it is drawn square and the two scale bars show the difference.
    const double a = *y / *x;
    return a > kMaxDrawnAspect || a < 1.0 / kMaxDrawnAspect ? 1.0 : a;
}

ScaleBarSpec MicrographView::xScaleBar() const {
    return ScaleBar::choose(zoom(), nmPerPixel());
}

std::optional<ScaleBarSpec> MicrographView::yScaleBar() const {
    const Calibration c = m_session->calibration(m_session->currentIndex());
    const auto x = c.x.nmPerPixel(), y = c.y.nmPerPixel();
    if (!x || !y || std::abs(*y / *x - 1.0) < 1e-3) // square to a thousandth: one bar says it all
        return std::nullopt;
    return ScaleBar::choose(zoom() * pixelAspect(), y);
}

void MicrographView::applyAspect() {
    if (m_fitted) {
        zoomToFit();
        return;
    }
    const QPointF centre = mapToScene(viewport()->rect().center());
    const double z = zoom();
    setTransform(QTransform::fromScale(z, z * pixelAspect()));
    centerOn(centre);
}

void MicrographView::onSessionChanged(Session::Changes what, int index) {
    if ((what & Session::Units) && (index == m_session->currentIndex() || index < 0)) {
        applyAspect(); // a non-square pixel is drawn to scale
        viewport()->update(); // the scale bars
    }
    if (index != m_session->currentIndex() && !(what & Session::ImageList))
        return;
    const ProjectImage* img = m_session->currentImage();
    if (what & (Session::Image | Session::ImageList)) {
        showCurrentImage();
        return;
    }
    if (!img)
        return;
    if (what & Session::Grid) {
        m_focused = -1;
        m_overlay->setGrid(m_session->grid(index));
        emit selectionChanged(0);
    }
    if (what & (Session::Labels | Session::Grid))
        m_overlay->setLabels(img->labels);
    if (what & (Session::Scores | Session::Grid))
        m_overlay->setScores(img->scores());
}

void MicrographView::showCurrentImage() {
    const int index = m_session->currentIndex();
    const auto pixels = m_session->pixels(index);
    const bool newImage = pixels != m_image->image();
    if (newImage) {
        m_image->setImage(pixels);
        // Room around the image: its edges can be panned to the middle of the window, and zooming
        // at the cursor never runs into the end of the scroll range.
        const QRectF r = pixels ? m_image->boundingRect() : QRectF(0, 0, 1, 1);
        const double margin = std::max(r.width(), r.height());
        scene()->setSceneRect(r.adjusted(-margin, -margin, margin, margin));
    }
    const ProjectImage* img = m_session->currentImage();
    m_focused = -1;
    m_overlay->setGrid(pixels ? m_session->grid(index) : PatchGrid{});
    m_overlay->setLabels(img ? img->labels : std::vector<Label>{});
    m_overlay->setScores(img ? img->scores() : std::vector<float>{});
    emit selectionChanged(0);
    if (newImage && pixels)
        zoomToFit();
    viewport()->update();
}

std::optional<Label> MicrographView::paintLabel() const {
    switch (m_tool) {
    case Tool::Defect:
        return Label::Defect;
    case Tool::Perfect:
        return Label::Perfect;
    case Tool::Clear:
        return Label::Unlabelled;
    default:
        return std::nullopt;
    }
}

void MicrographView::paintAlong(const QPointF& from, const QPointF& to) {
    const auto label = paintLabel();
    if (!label || m_overlay->grid().empty())
        return;
    // Sample the segment finely enough that a fast drag cannot skip a cell.
    const GridSpec& g = m_overlay->grid().spec();
    const double step = std::max(1.0, std::min(g.stride, g.side) / 3.0);
    const double len = std::hypot(to.x() - from.x(), to.y() - from.y());
    const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
    std::vector<int> patches;
    std::set<int> seen;
    for (int i = 0; i <= n; ++i) {
        const int p = m_overlay->patchAt(from + (to - from) * (static_cast<double>(i) / n));
        if (p >= 0 && seen.insert(p).second)
            patches.push_back(p);
    }
    m_session->paintLabels(patches, *label);
}

void MicrographView::reportCursor(const QPointF& scenePos) {
    const auto& pix = m_image->image();
    const int x = static_cast<int>(std::floor(scenePos.x())),
              y = static_cast<int>(std::floor(scenePos.y()));
    const bool inside =
        pix && x >= 0 && y >= 0 && x < pix->micrograph.width() && y < pix->micrograph.height();
    emit cursorMoved(x, y, inside ? pix->micrograph.pixels.at<float>(y, x) : 0.0, inside);
}

void MicrographView::wheelEvent(QWheelEvent* event) {
    const double factor = std::pow(kWheelStep, event->angleDelta().y());
    m_zoomAnim->stop();
    m_fitted = false;
    // Keep the image point under the cursor where it is (done by hand: AnchorUnderMouse follows
    // the global cursor, which is not where synthetic and some tablet events happen).
    const QPointF at = event->position();
    const QPointF scenePoint = mapToScene(at.toPoint());
    setZoom(zoom() * factor);
    const QPointF drift = mapFromScene(scenePoint) - at;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() +
                                    static_cast<int>(std::lround(drift.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() +
                                  static_cast<int>(std::lround(drift.y())));
    event->accept();
}

void MicrographView::mousePressEvent(QMouseEvent* event) {
    const QPointF scenePos = mapToScene(event->position().toPoint());
    if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() != Qt::LeftButton || m_tool == Tool::Pan) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    if (m_tool == Tool::Select) {
        m_banding = true;
        m_bandOrigin = event->position().toPoint();
        m_band->setGeometry(QRect(m_bandOrigin, QSize()));
        m_band->show();
    } else {
        m_stroking = true;
        m_strokeLast = scenePos;
        m_session->beginStroke();
        paintAlong(scenePos, scenePos);
    }
    event->accept();
}

void MicrographView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    const QPointF scenePos = mapToScene(pos);
    reportCursor(scenePos);
    if (m_panning) {
        const QPoint delta = pos - m_panLast;
        m_panLast = pos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    if (m_tool != Tool::Pan)
        m_overlay->setHover(m_overlay->patchAt(scenePos));
    if (m_stroking) {
        paintAlong(m_strokeLast, scenePos);
        m_strokeLast = scenePos;
    } else if (m_banding) {
        m_band->setGeometry(QRect(m_bandOrigin, pos).normalized());
    } else {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    event->accept();
}

void MicrographView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning && (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton)) {
        m_panning = false;
        setTool(m_tool); // restores the tool's cursor
    } else if (m_stroking && event->button() == Qt::LeftButton) {
        m_stroking = false;
        m_session->endStroke();
    } else if (m_banding && event->button() == Qt::LeftButton) {
        m_banding = false;
        m_band->hide();
        const QRect r = QRect(m_bandOrigin, event->position().toPoint()).normalized();
        std::vector<int> picked;
        if (r.width() < 4 && r.height() < 4) {
            const int p = m_overlay->patchAt(mapToScene(event->position().toPoint()));
            if (p >= 0)
                picked.push_back(p);
        } else {
            picked = m_overlay->patchesWithCentreIn(mapToScene(r).boundingRect());
        }
        if (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)) {
            std::set<int> merged(selection().begin(), selection().end());
            merged.insert(picked.begin(), picked.end());
            picked.assign(merged.begin(), merged.end());
        }
        setSelection(picked);
    } else {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    event->accept();
}

void MicrographView::leaveEvent(QEvent* event) {
    m_overlay->setHover(-1);
    emit cursorMoved(0, 0, 0.0, false);
    QGraphicsView::leaveEvent(event);
}

void MicrographView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_fitted)
        zoomToFit();
}

QRect MicrographView::scaleBarRect() const {
    const auto& pix = m_image->image();
    if (!pix)
        return {};
    const QRectF x = ScaleBar::box(viewport()->font(), viewport()->rect(), xScaleBar());
    QRectF both = x;
    if (const auto y = yScaleBar())
        both |= ScaleBar::verticalBox(viewport()->font(), viewport()->rect(), x, *y);
    return both.toAlignedRect().adjusted(-2, -2, 2, 2);
}

void MicrographView::scrollContentsBy(int dx, int dy) {
    // The base class scrolls the viewport's pixels and its child widgets with them; the scale
    // bar (painted fixed to the viewport) and the rubber band must not move.
    const QRect band = m_band->geometry();
    QGraphicsView::scrollContentsBy(dx, dy);
    m_band->setGeometry(band);
    if (!m_image->image()) {
        viewport()->update(); // the centred message
        return;
    }
    const QRect bar = scaleBarRect();
    viewport()->update(bar);
    viewport()->update(bar.translated(dx, dy));
}

void MicrographView::drawForeground(QPainter* painter, const QRectF&) {
    if (m_focused >= 0 && m_focused < m_overlay->grid().size()) {
        // A dark rim under a bright cyan line: visible on any colour map and over the heat map.
        painter->save();
        const QRectF r = m_overlay->patchRect(m_focused);
        painter->setBrush(Qt::NoBrush);
        QPen rim(QColor(0, 0, 0, 200), 5);
        rim.setCosmetic(true);
        painter->setPen(rim);
        painter->drawRect(r);
        QPen line(kFocusColour, 2.5);
        line.setCosmetic(true);
        painter->setPen(line);
        painter->drawRect(r);
        painter->restore();
    }
    painter->save();
    painter->resetTransform();
    const QRectF vp = viewport()->rect();
    const auto& pix = m_image->image();
    if (pix) {
        const ScaleBarSpec x = xScaleBar();
        ScaleBar::paint(painter, vp, x);
        if (const auto y = yScaleBar())
            ScaleBar::paintVertical(painter, vp, ScaleBar::box(painter->font(), vp, x), *y);
    } else {
        const QString error = m_session->imageError(m_session->currentIndex());
        QString text;
        if (!error.isEmpty())
            text = tr("Could not load this image:\n%1").arg(error);
        else if (m_session->currentIndex() >= 0)
            text = tr("Loading…");
        else
            text = tr("Open a micrograph or a project (File menu), or drop files here.");
        painter->setPen(QColor(210, 210, 210));
        painter->drawText(vp.adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap, text);
    }
    painter->restore();
}

} // namespace ds::ui
