#pragma once
// Writers for the formats the product itself produces: 32-bit float TIFF with calibration (demo,
// reports, exported results) and NumPy .npy (interchange with Python). Both write to a temporary file
// next to the target and rename it at the end, so a crash never leaves a half-written file under the
// final name. Thread-safe for distinct paths.
#include "core/common/result.h"
#include "core/io/micrograph.h"

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

// Single-page float32 TIFF (little-endian, uncompressed). Calibration is stored ImageJ-style
// (ImageDescription "ImageJ=...\nunit=..." + X/YResolution = 1/scale, origin as xorigin/yorigin in
// pixels) so ImageJ/Fiji and readMicrograph() both read it back; metadata goes into a JSON
// "defectscope=" line of the description.
Status writeTiff(const std::string& path, const Micrograph& m);

// .npy v1.0, C order, little-endian; the dtype follows the Mat depth (u1, i1, u2, i2, i4, f4, f8).
// Multi-channel Mats are written as (rows, cols, channels). `shape`, when given, overrides that: the
// elements of `m` in row-major order are declared as an array of this shape (its product must equal
// m.total() x channels), e.g. {N, S, S} for N patches stored as the rows of an N x S*S matrix. With a
// shape whose product is 0, `m` may be empty: an empty stack of that shape and `m`'s depth.
Status writeNpy(const std::string& path, const cv::Mat& m, const std::vector<std::int64_t>& shape = {});

} // namespace ds
