#include "ui/panels/score_histogram.h"

#include "ui/view/patch_overlay_item.h"
#include "ui/panels/score_range.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace ds::ui {

ScoreHistogram::ScoreHistogram(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("ScoreHistogram"));
    setToolTip(tr("Scores of perfect, defect and unlabelled patches (each curve scaled to its own peak). "
                  "Click to set the threshold."));
    for (auto& c : m_counts)
        c.assign(kBins, 0);
}

void ScoreHistogram::setData(const std::vector<float>& scores, const std::vector<Label>& labels) {
    for (auto& c : m_counts)
        c.assign(kBins, 0);
    m_totals = {};
    const auto range = finiteRange(scores);
    m_lo = range ? range->first : 1; // lo > hi: no range
    m_hi = range ? range->second : 0;
    if (range) {
        const double span = m_hi > m_lo ? m_hi - m_lo : 1.0;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            if (!std::isfinite(scores[i]))
                continue;
            const int bin = std::clamp(static_cast<int>((scores[i] - m_lo) / span * kBins), 0, kBins - 1);
            const Label l = i < labels.size() ? labels[i] : Label::Unlabelled;
            ++m_counts[static_cast<std::size_t>(l)][static_cast<std::size_t>(bin)];
            ++m_totals[static_cast<std::size_t>(l)];
        }
    }
    update();
}

void ScoreHistogram::setThreshold(std::optional<double> threshold) {
    m_threshold = threshold;
    update();
}

QRect ScoreHistogram::plotRect() const {
    const int text = fontMetrics().height();
    return rect().adjusted(6, text + 6, -6, -text - 4);
}

void ScoreHistogram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect plot = plotRect();
    const QColor fg = palette().color(QPalette::WindowText);
    if (m_hi < m_lo) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter, tr("no scores yet"));
        return;
    }
    p.fillRect(plot, palette().color(QPalette::Base));
    struct Series {
        Label label;
        QColor colour;
        QString name;
    };
    const Series series[] = {
        {Label::Unlabelled, QColor(140, 140, 140), tr("unlabelled")},
        {Label::Perfect, PatchOverlayItem::labelColour(Label::Perfect), tr("perfect")},
        {Label::Defect, PatchOverlayItem::labelColour(Label::Defect), tr("defect")},
    };
    const double bw = static_cast<double>(plot.width()) / kBins;
    for (const Series& s : series) {
        const auto& c = m_counts[static_cast<std::size_t>(s.label)];
        const int peak = *std::max_element(c.begin(), c.end());
        if (peak == 0)
            continue;
        QPainterPath path(QPointF(plot.left(), plot.bottom()));
        for (int b = 0; b < kBins; ++b) {
            const double y = plot.bottom() - (plot.height() - 2) * c[static_cast<std::size_t>(b)] / double(peak);
            path.lineTo(plot.left() + b * bw, y);
            path.lineTo(plot.left() + (b + 1) * bw, y);
        }
        path.lineTo(plot.right(), plot.bottom());
        QColor fill = s.colour;
        fill.setAlpha(s.label == Label::Unlabelled ? 70 : 90);
        p.setBrush(fill);
        p.setPen(QPen(s.colour, 1.5));
        p.drawPath(path);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(fg);
    p.drawRect(plot);
    // Legend with counts above, score range below.
    const QFontMetrics fm = fontMetrics();
    int x = plot.left();
    for (const Series& s : series) {
        const QString text = QStringLiteral("%1 %2").arg(s.name).arg(m_totals[static_cast<std::size_t>(s.label)]);
        p.fillRect(QRect(x, 3 + fm.height() / 4, fm.height() / 2, fm.height() / 2), s.colour);
        x += fm.height() / 2 + 3;
        p.setPen(fg);
        p.drawText(QPoint(x, 2 + fm.ascent()), text);
        x += fm.horizontalAdvance(text) + 10;
    }
    const int ty = plot.bottom() + 2 + fm.ascent();
    p.drawText(QPoint(plot.left(), ty), QLocale().toString(m_lo, 'g', 3));
    const QString hi = QLocale().toString(m_hi, 'g', 3);
    p.drawText(QPoint(plot.right() - fm.horizontalAdvance(hi), ty), hi);
    if (m_threshold) {
        const double span = m_hi > m_lo ? m_hi - m_lo : 1.0;
        const double t = std::clamp((*m_threshold - m_lo) / span, 0.0, 1.0);
        const int tx = plot.left() + static_cast<int>(std::lround(t * plot.width()));
        p.setPen(QPen(QColor(0, 150, 60), 2, Qt::DashLine));
        p.drawLine(tx, plot.top(), tx, plot.bottom());
    }
}

void ScoreHistogram::mousePressEvent(QMouseEvent* event) {
    const QRect plot = plotRect();
    if (m_hi < m_lo || plot.width() <= 0)
        return;
    const double t = std::clamp((event->position().x() - plot.left()) / plot.width(), 0.0, 1.0);
    emit thresholdRequested(m_lo + t * (m_hi - m_lo));
}

} // namespace ds::ui
