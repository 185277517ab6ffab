#pragma once
// Pixel size stated by someone other than the file - the user in the GUI (remembered in the
// project) or `--nm-per-px` on the command line - and the one rule for how it meets the file's own
// calibration: a stated size replaces the calibration of both axes (unit nm, origin 0), and the
// micrograph remembers where its calibration came from, so reports can say so. Plain functions on
// value types; any thread.
#include "core/common/result.h"
#include "core/io/micrograph.h"

#include <optional>
#include <string>

namespace ds {

struct PixelSize {
    double xNm = 0; // nanometres per pixel along x (columns)
    double yNm = 0; // ... along y (rows); equal to xNm for square pixels

    bool operator==(const PixelSize&) const = default;
};

// Where a micrograph's calibration came from (the values summary.json reports).
inline constexpr const char* kCalibrationFromFile = "file";
inline constexpr const char* kCalibrationByUser = "user";
inline constexpr const char* kCalibrationFromCommandLine = "command line";
inline constexpr const char* kCalibrationNone = "none";

// A pixel size both of whose sides are finite and positive, else an error saying what is wrong.
Result<PixelSize> checkPixelSize(const PixelSize& size);
// "0.0125" (square) or "0.002x3" (x by y), in nm per pixel.
Result<PixelSize> parsePixelSize(const std::string& text);

// The file's pixel size in nm when both axes have a length calibration.
std::optional<PixelSize> filePixelSize(const Micrograph& m);

// Sets both axes of `m` to `size` and records `source` (one of the kCalibration... values).
void applyPixelSize(Micrograph& m, const PixelSize& size, const std::string& source);
// `size` applied only when the file has no length calibration of its own (--nm-per-px).
void applyPixelSizeIfUncalibrated(Micrograph& m, const PixelSize& size, const std::string& source);

// The calibration that counts for `m` when someone may have stated a pixel size: the stated one
// (source "user") or the file's own.
struct Calibration {
    AxisCalibration x, y;
    std::string source;
};
Calibration effectiveCalibration(const Micrograph& m, const std::optional<PixelSize>& stated);

// Where `m`'s calibration came from: what applyPixelSize recorded, else "file" when it has a
// length calibration, else "none".
std::string calibrationSource(const Micrograph& m);

} // namespace ds
