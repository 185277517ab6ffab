#pragma once
// Blob evidence: compact spots far brighter than the frame's own fluctuations at the scale of an
// atom column (a heavier atom such as a Si dopant, a bright contamination speck), found without
// resolving the lattice - the signal that survives when the dose is too low for rings and single
// columns. Multi-scale difference of Gaussians, each scale in robust standard deviations of its own
// response over the frame, so a value means the same strength of evidence in every image. Used by
// the `auto` detector. Pure functions; any thread.
#include "core/grid/patch_grid.h"

#include <vector>

#include <opencv2/core.hpp>

namespace ds {

struct BlobPatchEvidence {
    std::vector<float> z; // per patch: the largest blob z-score inside it (robust sigmas of the frame)
    // The largest z Gaussian noise reaches anywhere in the frame at the finest scale searched,
    // sqrt(2 ln n) over its n independent blob sites: the unit the evidence is measured in.
    double noiseExtreme = 1;
};

// `normalised`: the pipeline's normalised image. `bondPx`: the C-C bond length (columns are searched
// at 0.2-0.5 bond). `brightAtoms`: false for inverted contrast (HRTEM-like: heavier atoms darker).
BlobPatchEvidence blobPatchEvidence(const cv::Mat& normalised, const PatchGrid& grid, double bondPx, bool brightAtoms);

} // namespace ds
