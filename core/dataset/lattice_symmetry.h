#pragma once
// Augmentation by the symmetry of graphene's honeycomb (point group D6: rotations by multiples of
// 60 degrees and six mirror lines, along and between the lattice vectors). Applied about a patch's
// centre these map a perfect lattice onto a (translated) perfect lattice of the same orientation,
// so an augmented perfect patch is still a plausible perfect patch of that image; a rotation about
// an arbitrary centre, or a mirror across the image axes, would not be. Pure functions; any thread.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

struct SymmetryOp {
    std::string name; // "rot60".."rot300"; "mirror0".."mirror150": axis angle from the lattice vector
    cv::Matx22d map;  // offset from the patch centre in the output -> offset in the source image
};

// The 11 non-identity operations of D6 for a lattice vector at `orientationDeg` (image x towards y).
std::vector<SymmetryOp> latticeSymmetryOps(double orientationDeg);

// Patch `rect` of `normalised` transformed by `op` about the patch centre (bilinear, at the image's
// own pixel scale), then resampled to resample x resample exactly as extractPatch() resamples.
// Empty when the transformed footprint leaves the image (no border values are invented).
cv::Mat transformedPatch(const cv::Mat& normalised, const cv::Rect& rect, const SymmetryOp& op, int resample);

} // namespace ds
