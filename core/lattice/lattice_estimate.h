#pragma once
// Lattice estimation from the image alone: bond length (nearest-neighbour column distance, pixels)
// and orientation of a hexagonal lattice, from the FFT and/or autocorrelation. Used for the automatic
// patch size (4 bond lengths, stride half of that).
#include "core/common/result.h"
#include "core/common/run_control.h"

#include <cmath>

#include <opencv2/core.hpp>

namespace ds {

struct LatticeEstimate {
    double bondPx = 0;         // C-C bond length in pixels
    double orientationDeg = 0; // angle of one lattice vector, degrees in [0, 60)
    double confidence = 0;     // 0 = no lattice found, 1 = unambiguous
};

Result<LatticeEstimate> estimateLattice(const cv::Mat& image, const RunControl& rc = RunControl::none());

// The protocol's automatic grid from a bond length: side = round(4 x bond), stride = side / 2.
inline int autoPatchSide(double bondPx) { return static_cast<int>(std::lround(4.0 * bondPx)); }

} // namespace ds
