#include "ui/panels/histogram_widget.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ds::ui {

namespace {
constexpr double kMargin = 6;
constexpr double kGrab = 8; // pixels within which a press grabs a handle
} // namespace

HistogramWidget::HistogramWidget(QWidget* parent)
    : QWidget(parent) {
    setMinimumHeight(80);
    setMouseTracking(true);
    setToolTip(tr("Drag the limits to change the display range"));
}

void HistogramWidget::setStats(const ImageStats& stats) {
    m_stats = stats;
    update();
}

void HistogramWidget::setLimits(double low, double high) {
    m_low = low;
    m_high = high;
    update();
}

double HistogramWidget::xFor(double value) const {
    const double w = width() - 2 * kMargin;
    const double span = m_stats.max - m_stats.min;
    return kMargin + (span > 0 ? (value - m_stats.min) / span * w : 0);
}

double HistogramWidget::valueAt(double x) const {
    const double w = std::max(1.0, width() - 2 * kMargin);
    return m_stats.min + (x - kMargin) / w * (m_stats.max - m_stats.min);
}

void HistogramWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    // Integer-valued data (counts) leave empty bins between values: pool bins to about one per two
    // screen pixels so the curve shows the distribution, not the quantisation.
    const auto& raw = m_stats.histogram;
    const std::size_t buckets = std::clamp<std::size_t>(static_cast<std::size_t>(width() / 2), 1,
                                                        std::max<std::size_t>(1, raw.size()));
    std::vector<double> h(raw.empty() ? 0 : buckets, 0.0);
    for (std::size_t i = 0; i < raw.size(); ++i)
        h[i * buckets / raw.size()] += raw[i];
    if (!h.empty()) {
        const double peak = std::log1p(*std::max_element(h.begin(), h.end()));
        const double w = width() - 2 * kMargin, ht = height() - 2 * kMargin;
        QPainterPath path;
        path.moveTo(kMargin, height() - kMargin);
        for (std::size_t i = 0; i < h.size(); ++i) {
            const double x =
                kMargin + w * (static_cast<double>(i) + 0.5) / static_cast<double>(h.size());
            const double y = height() - kMargin - (peak > 0 ? std::log1p(h[i]) / peak * ht : 0);
            path.lineTo(x, y);
        }
        path.lineTo(width() - kMargin, height() - kMargin);
        path.closeSubpath();
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(palette().text().color());
        p.setOpacity(0.55);
        p.drawPath(path);
        p.setOpacity(1.0);
    }
    // Shade what the display clips, then the two handles.
    const double xl = std::clamp(xFor(m_low), 0.0, static_cast<double>(width()));
    const double xh = std::clamp(xFor(m_high), 0.0, static_cast<double>(width()));
    p.fillRect(QRectF(0, 0, xl, height()), QColor(0, 0, 0, 60));
    p.fillRect(QRectF(xh, 0, width() - xh, height()), QColor(255, 255, 255, 60));
    p.setPen(QPen(QColor(30, 160, 255), 2));
    p.drawLine(QPointF(xl, 0), QPointF(xl, height()));
    p.setPen(QPen(QColor(235, 80, 40), 2));
    p.drawLine(QPointF(xh, 0), QPointF(xh, height()));
}

void HistogramWidget::mousePressEvent(QMouseEvent* event) {
    const double x = event->position().x();
    const double dl = std::abs(x - xFor(m_low)), dh = std::abs(x - xFor(m_high));
    if (std::min(dl, dh) > kGrab)
        m_drag = dl < dh ? Handle::Low : Handle::High; // a press elsewhere moves the nearer limit
    else
        m_drag = dl <= dh ? Handle::Low : Handle::High;
    mouseMoveEvent(event);
}

void HistogramWidget::mouseMoveEvent(QMouseEvent* event) {
    const double x = event->position().x();
    if (m_drag == Handle::None) {
        const bool near = std::min(std::abs(x - xFor(m_low)), std::abs(x - xFor(m_high))) <= kGrab;
        setCursor(near ? Qt::SizeHorCursor : Qt::ArrowCursor);
        return;
    }
    const double v = valueAt(x);
    const double eps = (m_stats.max - m_stats.min) * 1e-4;
    if (m_drag == Handle::Low)
        m_low = std::min(v, m_high - eps);
    else
        m_high = std::max(v, m_low + eps);
    update();
    emit limitsEdited(m_low, m_high);
}

void HistogramWidget::mouseReleaseEvent(QMouseEvent*) {
    m_drag = Handle::None;
}

} // namespace ds::ui
