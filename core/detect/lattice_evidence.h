#pragma once
// Lattice evidence: where a graphene micrograph departs from a perfect honeycomb, as weighted points
// (non-hexagonal rings, dopant-bright columns) plus per-patch lattice absence, turned into one
// anomaly score per patch. Shared by the `lattice` and `auto` detectors. Pure functions; any thread.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/grid/patch_grid.h"
#include "core/lattice/lattice_estimate.h"

#include <optional>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

// What an evidence point saw: kept so reports and diagnostics can say why a patch was flagged.
enum class EvidenceKind {
    RingCentre,      // a non-hexagonal ring among the ring centres (hole minima)
    BrightColumn,    // a column far brighter than its neighbours (dopant)
    BondGraphFace,   // a non-hexagonal face of the resolved bond graph
    UnderCoordinated // a resolved column with fewer than three neighbours (a dangling bond)
};

struct EvidencePoint {
    double x = 0, y = 0;
    double weight = 0; // ~1 for one clear defect (a pentagon, a heptagon, a dopant column)
    EvidenceKind kind = EvidenceKind::RingCentre;
    double depth = 0;  // ring centres: hole depth (noise sigmas); bright columns: contrast z-score
    double strain = 0; // ring centres: mean neighbour-distance strain; others 0
    double support = 1; // ring centres: ringSupport() factor already applied to `weight`
    // A compact defect merged into this one point (mergeCompactDefects): where its parts were found,
    // with their own weights. Empty for a single point.
    std::vector<std::pair<cv::Point2d, double>> parts = {};
};

struct LatticeEvidence {
    LatticeEstimate lattice;
    bool latticeFound = false;          // false: no lattice at all, every patch is scored as disordered
    std::vector<EvidencePoint> points;  // topological and intensity defects
    std::vector<cv::Point2d> ringCentres; // every ring centre found (for the lattice-absence term)
    std::vector<double> ringStrain;     // per ring centre: mean neighbour-distance strain
    // How far this frame's own topology can be trusted, measured from the frame itself:
    double ringHexFraction = 0;  // hexagons among interior ring centres (clean graphene ~1, pure noise far lower)
    double graphHexFraction = 0;  // hexagons among interior faces of the resolved column bond graph
    double graphThreeFold = 0;    // three-fold columns among interior columns
};

// `known`: the lattice estimate of `image` when the caller already has one (it is then not redone).
Result<LatticeEvidence> computeLatticeEvidence(const cv::Mat& image, const RunControl& rc = RunControl::none(),
                                               const std::optional<LatticeEstimate>& known = std::nullopt);

// One score per patch: summed evidence weight inside it, plus lattice absence (fewer ring centres
// than a perfect honeycomb puts there) and a small strain term that orders the remaining patches.
std::vector<float> latticePatchScores(const LatticeEvidence& evidence, const PatchGrid& grid);

} // namespace ds
