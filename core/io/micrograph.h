#pragma once
// Micrograph: one image as the rest of the product sees it - float32 pixels, per-axis calibration,
// and a flat metadata map - whatever file format it came from. A plain value type; thread-agnostic.
#include <map>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

namespace ds {

struct AxisCalibration {
    double scale = 1.0;  // physical units per pixel, as the file states it
    double origin = 0.0; // physical coordinate of pixel 0
    std::string unit;    // as the file states it ("nm", "Å", "µm", "1/nm", ""...)

    // Nanometres per pixel when the unit is a length, otherwise empty.
    std::optional<double> nmPerPixel() const;
};

struct Micrograph {
    std::string path;                   // where it was read from (empty for synthetic images)
    cv::Mat pixels;                     // CV_32FC1, the selected frame
    int frames = 1;                     // number of frames (stack depth / volume depth), >= 1
    int frameIndex = 0;                 // which frame `pixels` holds
    std::string dtype;                  // original sample type: uint8, int16, uint16, int32, float32, ...
    AxisCalibration x, y;               // x = columns, y = rows
    std::map<std::string, std::string> metadata; // voltage, magnification, dwell time, date, instrument...

    int width() const { return pixels.cols; }
    int height() const { return pixels.rows; }
};

} // namespace ds
