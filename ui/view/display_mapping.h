#pragma once
// DisplayMapping: how float pixel values become screen colours - a display range (low/high), a
// gamma and a colour look-up table. The raw data are never changed; only this mapping is. Value
// type; any thread.
#include <QRgb>
#include <QString>
#include <QVector>

namespace ds::ui {

enum class Lut { Grey, Inverted, Viridis, Magma };

struct DisplayMapping {
    double low = 0.0, high = 1.0;
    double gamma = 1.0;
    Lut lut = Lut::Grey;
    bool operator==(const DisplayMapping&) const = default;
};

// 256 colours: entry i shows the value at fraction i/255 of the range, after gamma.
QVector<QRgb> colourTable(const DisplayMapping& mapping);
// The colour of fraction t in [0,1] of a LUT (no gamma), e.g. for the heat map.
QRgb lutColour(Lut lut, double t);
QString lutName(Lut lut); // translated display name
inline constexpr Lut kAllLuts[] = {Lut::Grey, Lut::Inverted, Lut::Viridis, Lut::Magma};

} // namespace ds::ui
