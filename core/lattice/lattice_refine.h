#pragma once
// Real-space refinement of a lattice estimate: the Fourier spots of a micrograph only a few lattice
// periods wide are broad and sit on a steep background, so their centres are biased by a few per
// cent. The autocorrelation has sharp peaks at every lattice vector n x a; fitting a through the
// peaks at n = 1, 2, 3... gives the lattice constant to a fraction of a per cent. Pure function.
#include "core/common/run_control.h"
#include "core/lattice/lattice_estimate.h"

#include <opencv2/core.hpp>

namespace ds {

// Refines est.bondPx, est.orientationDeg and est.reciprocal in place from the autocorrelation of
// `normalized` (robustNormalize output). Leaves `est` unchanged when the peaks cannot be followed.
void refineLatticeRealSpace(const cv::Mat& normalized, LatticeEstimate& est, const RunControl& rc);

} // namespace ds
