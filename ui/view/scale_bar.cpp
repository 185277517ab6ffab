#include "ui/view/scale_bar.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace ds::ui {

ScaleBarSpec ScaleBar::choose(double screenPerImagePx, std::optional<double> nmPerPx,
                              double targetScreenPx) {
    ScaleBarSpec spec;
    if (screenPerImagePx <= 0)
        return spec;
    const double unitPerImagePx = nmPerPx && *nmPerPx > 0 ? *nmPerPx : 1.0;
    const double targetUnits = targetScreenPx / screenPerImagePx * unitPerImagePx;
    const double decade = std::pow(10.0, std::floor(std::log10(targetUnits)));
    double nice = decade;
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade <= targetUnits)
            nice = m * decade;
    spec.screenLength = nice / unitPerImagePx * screenPerImagePx;
    const QString number = QString::number(nice, 'g', 6);
    if (!nmPerPx || *nmPerPx <= 0)
        spec.text = QCoreApplication::translate("ds::ui::ScaleBar", "%1 px").arg(number);
    else if (nice < 0.1) // graphene's 0.142 nm bond reads best in nm; pm only below that
        spec.text = QCoreApplication::translate("ds::ui::ScaleBar", "%1 pm")
                        .arg(QString::number(nice * 1000, 'g', 6));
    else if (nice >= 1000.0)
        spec.text = QCoreApplication::translate("ds::ui::ScaleBar", "%1 µm")
                        .arg(QString::number(nice / 1000, 'g', 6));
    else
        spec.text = QCoreApplication::translate("ds::ui::ScaleBar", "%1 nm").arg(number);
    return spec;
}

namespace {
constexpr double kMargin = 16, kBarHeight = 6;
} // namespace

QRectF ScaleBar::box(const QFont& font, const QRectF& viewport, const ScaleBarSpec& spec) {
    if (spec.screenLength <= 0)
        return {};
    const QFontMetricsF fm(font);
    const double boxW = std::max(spec.screenLength, fm.horizontalAdvance(spec.text)) + 16;
    const double boxH = fm.height() + kBarHeight + 16;
    return QRectF(viewport.left() + kMargin, viewport.bottom() - kMargin - boxH, boxW, boxH);
}

void ScaleBar::paint(QPainter* painter, const QRectF& viewport, const ScaleBarSpec& spec) {
    if (spec.screenLength <= 0)
        return;
    painter->save();
    const QFontMetricsF fm(painter->font());
    const double barHeight = kBarHeight;
    const QRectF box = ScaleBar::box(painter->font(), viewport, spec);
    const double boxW = box.width();
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 150));
    painter->drawRoundedRect(box, 4, 4);
    const QRectF bar(box.left() + 8, box.bottom() - 8 - barHeight, spec.screenLength, barHeight);
    painter->setBrush(Qt::white);
    painter->drawRect(bar);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(box.left() + 8, box.top() + 4, boxW - 16, fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, spec.text);
    painter->restore();
}

QRectF ScaleBar::verticalBox(const QFont& font, const QRectF& viewport, const QRectF& after,
                             const ScaleBarSpec& spec) {
    if (spec.screenLength <= 0)
        return {};
    const QFontMetricsF fm(font);
    const double boxW = kBarHeight + 8 + fm.horizontalAdvance(spec.text) + 16;
    const double boxH = std::max(spec.screenLength, fm.height()) + 16;
    return QRectF(after.right() + kMargin / 2, viewport.bottom() - kMargin - boxH, boxW, boxH);
}

void ScaleBar::paintVertical(QPainter* painter, const QRectF& viewport, const QRectF& after,
                             const ScaleBarSpec& spec) {
    if (spec.screenLength <= 0)
        return;
    painter->save();
    const QFontMetricsF fm(painter->font());
    const QRectF box = verticalBox(painter->font(), viewport, after, spec);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 150));
    painter->drawRoundedRect(box, 4, 4);
    const QRectF bar(box.left() + 8, box.bottom() - 8 - spec.screenLength, kBarHeight, spec.screenLength);
    painter->setBrush(Qt::white);
    painter->drawRect(bar);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(bar.right() + 8, bar.top(), box.right() - bar.right() - 12, bar.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, spec.text);
    painter->restore();
}

} // namespace ds::ui
