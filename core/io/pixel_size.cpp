#include "core/io/pixel_size.h"

#include <charconv>
#include <cmath>

namespace ds {

namespace {
// Not "calibration_source": the readers use that for which tags of the file held the calibration.
const char* const kSourceKey = "calibration_set_by";

std::optional<double> parsePositive(const std::string& s) {
    double v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}
} // namespace

Result<PixelSize> checkPixelSize(const PixelSize& size) {
    for (double v : {size.xNm, size.yNm})
        if (!std::isfinite(v) || v <= 0)
            return make_error(ErrorCode::InvalidArgument,
                              "a pixel size must be a positive number of nanometres");
    return size;
}

Result<PixelSize> parsePixelSize(const std::string& text) {
    const auto x = text.find_first_of("xX");
    const auto a = parsePositive(text.substr(0, x));
    const auto b = x == std::string::npos ? a : parsePositive(text.substr(x + 1));
    if (!a || !b)
        return make_error(ErrorCode::InvalidArgument,
                          "pixel size \"" + text + "\": expected nm per pixel, e.g. 0.0125 or 0.002x0.003");
    return checkPixelSize(PixelSize{*a, *b});
}

std::optional<PixelSize> filePixelSize(const Micrograph& m) {
    const auto x = m.x.nmPerPixel(), y = m.y.nmPerPixel();
    if (!x || !y)
        return std::nullopt;
    return PixelSize{*x, *y};
}

void applyPixelSize(Micrograph& m, const PixelSize& size, const std::string& source) {
    Calibration c = effectiveCalibration(m, size);
    m.x = c.x;
    m.y = c.y;
    m.metadata[kSourceKey] = source;
}

void applyPixelSizeIfUncalibrated(Micrograph& m, const PixelSize& size, const std::string& source) {
    if (!filePixelSize(m))
        applyPixelSize(m, size, source);
}

Calibration effectiveCalibration(const Micrograph& m, const std::optional<PixelSize>& stated) {
    if (stated)
        return Calibration{AxisCalibration{stated->xNm, 0.0, "nm"}, AxisCalibration{stated->yNm, 0.0, "nm"},
                           kCalibrationByUser};
    return Calibration{m.x, m.y, calibrationSource(m)};
}

std::string calibrationSource(const Micrograph& m) {
    const auto it = m.metadata.find(kSourceKey);
    if (it != m.metadata.end())
        return it->second;
    return filePixelSize(m) ? kCalibrationFromFile : kCalibrationNone;
}

} // namespace ds
