#pragma once
// FeatureMatrix: what a detector sees - one row of features per patch - plus, for lattice-aware
// detectors, the normalised image and the grid the rows came from. A value type (cv::Mat shares
// its buffer on copy; clone before mutating).
#include "core/grid/patch_grid.h"
#include "core/lattice/lattice_estimate.h"

#include <optional>

#include <string>

#include <opencv2/core.hpp>

namespace ds {

struct FeatureMatrix {
    cv::Mat values;        // N x D, CV_32F; row i describes patch i. May be 0 columns for
                           // detectors that read only the image.
    std::string featureId; // "raw", "stats", "fft", "hog", "stats+fft", ...
    cv::Mat image;         // normalised source image (CV_32F); empty when rows span several images
    PatchGrid grid;        // the grid of `image` (empty when `image` is)
    // The lattice estimate of `image` when the caller already made one (the pipeline does for the
    // automatic grid): lattice-aware detectors reuse it instead of estimating again (0.3-0.6 s on
    // 4k frames). Empty = the detector estimates it itself.
    std::optional<LatticeEstimate> lattice;

    int rows() const { return values.rows; }
    int cols() const { return values.cols; }
};

} // namespace ds
