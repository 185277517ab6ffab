#pragma once
// Lattice estimation from the image alone: bond length (nearest-neighbour column distance, pixels)
// and orientation of a hexagonal lattice, from the FFT and/or autocorrelation. Used for the automatic
// patch size (core/analysis/grid_rule.h). Pure function; safe to call from any thread.
//
// Physics: graphene's first-order Bragg spots ({10-10}) lie at |g| = 2 / (sqrt(3) a) with the lattice
// constant a = sqrt(3) x bond, i.e. at a d-spacing of 1.5 x bond; the {11-20} spots at sqrt(3) |g|
// (d = 0.866 bond) and the {20-20} spots at 2 |g|. The estimate finds the lowest-frequency set of
// six spots 60 degrees apart, so a strong higher order is never mistaken for the first.
#include "core/common/result.h"
#include "core/common/run_control.h"

#include <array>
#include <cmath>

#include <opencv2/core.hpp>

namespace ds {

// Below this confidence the spectrum holds no lattice at all and detectors treat the frame as
// disordered: noise gives 0.00, so 0.05 is clear of it, while lattices too faint to size a grid
// (below kMinGridConfidence in core/analysis/grid_rule.h) still count as evidence.
inline constexpr double kNoLatticeConfidence = 0.05;
// A bond shorter than this is not resolved: neighbouring columns would be under 1.5 px apart, below
// the two samples per spacing a column finder needs.
inline constexpr double kMinResolvedBondPx = 1.5;

struct LatticeEstimate {
    double bondPx = 0;         // C-C bond length in pixels
    double orientationDeg = 0; // angle of one lattice vector, degrees in [0, 60)
    double confidence = 0;     // 0 = no lattice (noise gives 0.00), 1 = unambiguous; below ~0.1 bondPx is a guess
    // Added by the lattice module for its detectors (callers of the fields above may ignore these):
    bool brightAtoms = true;   // atoms brighter than the holes (HAADF); false for inverted (HRTEM-like) contrast
    // The three first-order reciprocal vectors (cycles per pixel, x = column, y = row, 60 degrees
    // apart): the Bragg spots at d = 1.5 x bond. Angles are measured from +x towards +y (image rows).
    std::array<cv::Point2d, 3> reciprocal{};
};

Result<LatticeEstimate> estimateLattice(const cv::Mat& image, const RunControl& rc = RunControl::none());

} // namespace ds
