#pragma once
// ScaleBar: picks a round physical length (1, 2 or 5 x 10^k nm, or pixels when the image has no
// calibration) that spans roughly a target on-screen width, and paints it in a viewport corner.
// Stateless; GUI thread (paints with the caller's QPainter).
#include <QRectF>
#include <QString>

#include <optional>

class QFont;
class QPainter;

namespace ds::ui {

struct ScaleBarSpec {
    double screenLength = 0; // pixels on screen
    QString text;            // "5 nm", "200 px"
};

class ScaleBar {
public:
    // `screenPerImagePx`: zoom; `nmPerPx`: calibration (nullopt = uncalibrated, label in px).
    static ScaleBarSpec choose(double screenPerImagePx, std::optional<double> nmPerPx,
                               double targetScreenPx = 120);
    static void paint(QPainter* painter, const QRectF& viewport, const ScaleBarSpec& spec);
    // Where paint() draws (its whole box) with `font`; empty when nothing is drawn.
    static QRectF box(const QFont& font, const QRectF& viewport, const ScaleBarSpec& spec);
    // The y axis's bar of an image with non-square pixels: upright, with its text beside it, in a
    // box right of `after` (the x bar's box) at the bottom of the viewport.
    static void paintVertical(QPainter* painter, const QRectF& viewport, const QRectF& after,
                              const ScaleBarSpec& spec);
    static QRectF verticalBox(const QFont& font, const QRectF& viewport, const QRectF& after,
                              const ScaleBarSpec& spec);
};

} // namespace ds::ui
