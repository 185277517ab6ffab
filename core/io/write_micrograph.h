#pragma once
// Writers for the formats the product itself produces: 32-bit float TIFF with calibration (demo,
// reports, exported results) and NumPy .npy (interchange with Python). Both write to a temporary file
// next to the target and rename it at the end, so a crash never leaves a half-written file under the
// final name. Thread-safe for distinct paths.
#include "core/common/result.h"
#include "core/io/micrograph.h"

#include <string>

#include <opencv2/core.hpp>

namespace ds {

// Single-page float32 TIFF (little-endian, uncompressed). Calibration is stored ImageJ-style
// (ImageDescription "ImageJ=...\nunit=..." + X/YResolution = 1/scale, origin as xorigin/yorigin in
// pixels) so ImageJ/Fiji and readMicrograph() both read it back; metadata goes into a JSON
// "defectscope=" line of the description.
Status writeTiff(const std::string& path, const Micrograph& m);

// .npy v1.0, C order, little-endian; the dtype follows the Mat depth (u1, i1, u2, i2, i4, f4, f8).
// Multi-channel Mats are written as (rows, cols, channels).
Status writeNpy(const std::string& path, const cv::Mat& m);

} // namespace ds
