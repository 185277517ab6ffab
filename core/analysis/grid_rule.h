#pragma once
// The automatic patch-grid rule, in one place for the CLI, the GUI and the evaluation protocol: a
// patch is four C-C bond lengths wide (about one hexagon and its neighbours, the protocol of
// shared/data/real/README.md) with a stride of half a patch; when the image shows no lattice, or
// one too uncertain to size patches by, the documented fallback grid applies. Pure functions.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/grid/patch_grid.h"
#include "core/lattice/lattice_estimate.h"

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

// The fallback grid, also the GUI's default grid for a new image: 48 px patches (the report's patch
// size) at stride 24.
inline constexpr int kFallbackPatchSide = 48;
inline constexpr int kFallbackPatchStride = 24;
// Below this confidence the bond length is a guess (noise gives 0.00; see LatticeEstimate).
inline constexpr double kMinGridConfidence = 0.1;

inline GridSpec fallbackGrid() { return GridSpec{kFallbackPatchSide, kFallbackPatchStride, 0, 0}; }

// Side round(4 x bond) (at least 2 px), stride half of it (at least 1 px).
GridSpec latticeGrid(double bondPx);

// Whether `estimate` may size the automatic grid; otherwise the fallback applies.
bool latticeSizesGrid(const LatticeEstimate& estimate);

struct GridChoice {
    GridSpec spec;
    bool fromLattice = false;
    std::string note; // why the fallback was used ("" when the lattice sized the grid)
};

// The rule applied to an estimate (or to a failed estimate): which grid, and why.
GridChoice chooseGrid(const Result<LatticeEstimate>& estimate);

// The automatic grid over an image of cols x rows for an estimate; when the lattice's grid does not
// fit the image the fallback applies. Why the fallback was used is appended to `notes`.
Result<PatchGrid> gridForEstimate(const Result<LatticeEstimate>& estimate, int cols, int rows,
                                  std::vector<std::string>& notes);

// Estimates the lattice of `normalised` and applies the rule; `lattice` receives the estimate
// whenever one was made (also when it was too uncertain to size the grid).
Result<PatchGrid> automaticGrid(const cv::Mat& normalised, std::optional<LatticeEstimate>& lattice,
                                std::vector<std::string>& notes, const RunControl& rc = RunControl::none());

} // namespace ds
