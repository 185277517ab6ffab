#include "core/io/micrograph.h"

namespace ds {

std::optional<double> AxisCalibration::nmPerPixel() const {
    // Units as microscope software writes them; micro appears both as U+00B5 and U+03BC.
    static const std::map<std::string, double> toNm = {
        {"m", 1e9},       {"cm", 1e7},        {"mm", 1e6},         {"um", 1e3},
        {"\xC2\xB5m", 1e3}, {"\xCE\xBCm", 1e3}, {"micron", 1e3},     {"nm", 1.0},
        {"A", 0.1},       {"\xC3\x85", 0.1},  {"\xE2\x84\xAB", 0.1}, {"angstrom", 0.1},
        {"pm", 1e-3},
    };
    auto it = toNm.find(unit);
    if (it == toNm.end())
        return std::nullopt;
    return scale * it->second;
}

} // namespace ds
