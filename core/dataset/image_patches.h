#pragma once
// ImagePatches: the patches of one micrograph exactly as the detectors see them - the image
// normalised by normaliseImage(), cut on its grid (given, or the pipeline's automatic grid) and
// resampled by the `raw` feature path of computeFeatures() - with one label per patch. The dataset
// export and the cross-image evaluation cut patches only through cutImagePatches(), so an exported
// stack and a detector's input cannot drift apart. Synchronous; cancellable; any thread.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/grid/patch_grid.h"
#include "core/io/micrograph.h"
#include "core/labels/label.h"
#include "core/lattice/lattice_estimate.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

// Labels for the patches of a grid (one per patch). Labels depend on the grid, which for the
// automatic grid is known only after the lattice estimate, hence a function.
using PatchLabeller = std::function<std::vector<Label>(const PatchGrid&)>;

struct ImagePatches {
    PatchGrid grid;
    cv::Mat normalised;  // the normalised image (CV_32F) the patches were cut from
    cv::Mat rows;        // N x S*S CV_32F: row i = patch i resampled to S x S, row-major
    int resample = 48;   // S
    std::vector<Label> labels;              // one per patch (all Unlabelled without a labeller)
    std::optional<LatticeEstimate> lattice; // when the automatic grid estimated it
    std::vector<std::string> notes;         // e.g. the automatic grid's fallback

    // Patch i as an S x S matrix sharing `rows`' buffer.
    cv::Mat patch(int i) const { return rows.row(i).reshape(1, resample); }
};

// `grid` empty = the pipeline's automatic grid (4 bond lengths, stride half, with its fallback).
// `labeller` may be empty (every patch Unlabelled); its result must have one label per patch.
Result<ImagePatches> cutImagePatches(const Micrograph& image, const std::optional<GridSpec>& grid, int resample,
                                     const PatchLabeller& labeller, const RunControl& rc = RunControl::none());

} // namespace ds
