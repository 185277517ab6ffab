#include "core/analysis/grid_rule.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ds {

namespace {
std::string fallbackText() {
    return "using the default patch side " + std::to_string(kFallbackPatchSide) + " px, stride " +
           std::to_string(kFallbackPatchStride) + " px";
}
} // namespace

GridSpec latticeGrid(double bondPx) {
    const int side = std::max(2, static_cast<int>(std::lround(4.0 * bondPx)));
    return GridSpec{side, std::max(1, side / 2), 0, 0};
}

bool latticeSizesGrid(const LatticeEstimate& estimate) {
    return estimate.bondPx > 0 && estimate.confidence >= kMinGridConfidence;
}

GridChoice chooseGrid(const Result<LatticeEstimate>& est) {
    const std::string fallback = fallbackText();
    GridChoice out{fallbackGrid(), false, {}};
    if (est && latticeSizesGrid(*est)) {
        out.spec = latticeGrid(est->bondPx);
        out.fromLattice = true;
    } else if (est && est->bondPx > 0) {
        // A bond length read off noise would size the patches arbitrarily: say so and use the default.
        char buf[160];
        std::snprintf(buf, sizeof buf, "lattice confidence %.2f is below %.2f (bond length %.1f px is a guess); ",
                      est->confidence, kMinGridConfidence, est->bondPx);
        out.note = buf + fallback;
    } else if (est) {
        out.note = "no lattice found; " + fallback;
    } else {
        out.note = "lattice estimate failed (" + est.error().message + "); " + fallback;
    }
    return out;
}

Result<PatchGrid> gridForEstimate(const Result<LatticeEstimate>& estimate, int cols, int rows,
                                  std::vector<std::string>& notes) {
    const GridChoice choice = chooseGrid(estimate);
    if (!choice.note.empty())
        notes.push_back(choice.note);
    if (choice.fromLattice) {
        if (auto grid = PatchGrid::create(choice.spec, cols, rows))
            return grid;
        notes.push_back("automatic patch side " + std::to_string(choice.spec.side) +
                        " px does not fit the image; " + fallbackText());
    }
    return PatchGrid::create(fallbackGrid(), cols, rows);
}

Result<PatchGrid> automaticGrid(const cv::Mat& normalised, std::optional<LatticeEstimate>& lattice,
                                std::vector<std::string>& notes, const RunControl& rc) {
    auto est = estimateLattice(normalised, rc);
    if (!est && est.error().code == ErrorCode::Cancelled)
        return est.error();
    if (est && est->bondPx > 0)
        lattice = *est;
    return gridForEstimate(est, normalised.cols, normalised.rows, notes);
}

} // namespace ds
