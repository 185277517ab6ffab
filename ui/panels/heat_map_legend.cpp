#include "ui/panels/heat_map_legend.h"

#include "ui/panels/score_range.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ds::ui {

HeatMapLegend::HeatMapLegend(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("HeatMapLegend"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Heat-map colours: detector score from lowest (left) to highest (right); the marker is "
                  "the threshold above which patches are outlined"));
}

void HeatMapLegend::setLut(Lut lut) {
    m_lut = lut;
    update();
}

void HeatMapLegend::setScores(const std::vector<float>& scores) {
    const auto range = finiteRange(scores);
    m_lo = range ? range->first : 1; // lo > hi: no range
    m_hi = range ? range->second : 0;
    update();
}

void HeatMapLegend::setThreshold(std::optional<double> threshold) {
    m_threshold = threshold;
    update();
}

void HeatMapLegend::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm = p.fontMetrics();
    const QRect bar(6, 4, width() - 12, std::max(10, height() - fm.height() - 10));
    if (!hasRange()) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter, tr("no scores yet"));
        return;
    }
    QImage strip(256, 1, QImage::Format_RGB32);
    for (int i = 0; i < 256; ++i)
        strip.setPixel(i, 0, lutColour(m_lut, i / 255.0));
    p.drawImage(bar, strip);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    const int ty = bar.bottom() + 3;
    const QRect textRow(bar.left(), ty, bar.width(), fm.height());
    p.drawText(textRow, Qt::AlignLeft | Qt::AlignTop, QLocale().toString(m_lo, 'g', 3));
    p.drawText(textRow, Qt::AlignRight | Qt::AlignTop, QLocale().toString(m_hi, 'g', 3));
    if (m_threshold) {
        const double span = m_hi > m_lo ? m_hi - m_lo : 1.0;
        const double t = std::clamp((*m_threshold - m_lo) / span, 0.0, 1.0);
        const int x = bar.left() + static_cast<int>(std::lround(t * (bar.width() - 1)));
        p.setPen(QPen(QColor(60, 255, 120), 3));
        p.drawLine(x, bar.top() - 2, x, bar.bottom() + 2);
        p.setPen(QPen(Qt::black, 1));
        p.drawLine(x, bar.top() - 2, x, bar.bottom() + 2);
        const QString label = tr("threshold %1").arg(QLocale().toString(*m_threshold, 'g', 3));
        const int w = fm.horizontalAdvance(label);
        const int lx = std::clamp(x - w / 2, bar.left() + fm.horizontalAdvance(QStringLiteral("0.000 ")),
                                  std::max(bar.left(), bar.right() - w - fm.horizontalAdvance(QStringLiteral(" 0.000"))));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(lx, ty, w + 2, fm.height()), Qt::AlignLeft | Qt::AlignTop, label);
    }
}

} // namespace ds::ui
