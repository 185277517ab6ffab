#include "ui/view/display_mapping.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cmath>

namespace ds::ui {

namespace {

using Poly = std::array<std::array<double, 3>, 7>;

// Polynomial fits (degree 6) of matplotlib's perceptually uniform maps, by Matt Zucker (CC0):
// accurate to about one 8-bit step, and no 256-entry tables to carry around.
constexpr Poly kViridis = {{{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                            {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                            {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                            {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                            {6.228269936347081, 14.17993336680509, 56.69055260068105},
                            {4.776384997670288, -13.74514537774601, -65.35303263337234},
                            {-5.435455855934631, 4.645852612178535, 26.3124352495832}}};
constexpr Poly kMagma = {{{-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
                          {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
                          {8.353717279216625, -3.577719514958484, 0.3144679030132573},
                          {-27.66873308576866, 14.26473078096533, -13.64921318813922},
                          {52.17613981234068, -27.94360607168351, 12.94416944238394},
                          {-50.76852536473588, 29.04658282127291, 4.23415299384598},
                          {18.65570506591883, -11.48977351997711, -5.601961508734096}}};

QRgb evalPoly(const Poly& p, double t) {
    int rgb[3];
    for (int c = 0; c < 3; ++c) {
        double v = p[6][c];
        for (int k = 5; k >= 0; --k)
            v = v * t + p[k][c];
        rgb[c] = std::clamp(static_cast<int>(std::lround(v * 255.0)), 0, 255);
    }
    return qRgb(rgb[0], rgb[1], rgb[2]);
}

} // namespace

QRgb lutColour(Lut lut, double t) {
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    const int g = static_cast<int>(std::lround(t * 255.0));
    switch (lut) {
    case Lut::Inverted:
        return qRgb(255 - g, 255 - g, 255 - g);
    case Lut::Viridis:
        return evalPoly(kViridis, t);
    case Lut::Magma:
        return evalPoly(kMagma, t);
    case Lut::Grey:
        break;
    }
    return qRgb(g, g, g);
}

QVector<QRgb> colourTable(const DisplayMapping& mapping) {
    QVector<QRgb> table(256);
    const double gamma = mapping.gamma > 0 ? mapping.gamma : 1.0;
    for (int i = 0; i < 256; ++i)
        table[i] = lutColour(mapping.lut, std::pow(i / 255.0, gamma));
    return table;
}

QString lutName(Lut lut) {
    switch (lut) {
    case Lut::Inverted:
        return QCoreApplication::translate("ds::ui::DisplayMapping", "Inverted");
    case Lut::Viridis:
        return QCoreApplication::translate("ds::ui::DisplayMapping", "Viridis");
    case Lut::Magma:
        return QCoreApplication::translate("ds::ui::DisplayMapping", "Magma");
    case Lut::Grey:
        break;
    }
    return QCoreApplication::translate("ds::ui::DisplayMapping", "Grey");
}

} // namespace ds::ui
