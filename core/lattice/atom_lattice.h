#pragma once
// AtomLattice: the atom columns of a micrograph and the bond graph joining them - positions with
// sub-pixel precision, column intensity, coordination, the rings (faces of the planar bond graph)
// around each atom, bond-length and bond-angle strain. Built by findAtomLattice() from the image and
// its LatticeEstimate; a plain value type, safe to build on any worker thread.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/lattice/lattice_estimate.h"
#include "core/lattice/normalized_frame.h"

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

struct AtomColumn {
    double x = 0, y = 0;       // pixel coordinates (x = column, y = row, origin at the top-left corner)
    double intensity = 0;      // column contrast (polarity-corrected, above the local mean) as a robust z-score
                               // against the columns within 3 bonds: dopants stand out, drift does not (0 for a
                               // column with fewer than 3 others that near: nothing to compare it with)
    int coordination = 0;      // neighbours closer than 1.3 bond lengths
    std::vector<int> neighbours;
    std::vector<int> ringSizes; // sizes of the closed rings this atom belongs to (open/border rings omitted)
    double bondStrain = 0;     // largest |bond length / lattice bond - 1|
    double angleStrain = 0;    // largest |bond angle - 120 degrees| between angularly adjacent bonds, degrees
    bool interior = true;      // far enough from the image edge for its rings to be complete
};

struct AtomRing {
    std::vector<int> atoms;    // in walking order
    cv::Point2d centre;        // mean of its atoms
    bool interior = true;      // every atom interior: a real ring, not an artefact of the edge
};

struct AtomLattice {
    double bondPx = 0;
    std::vector<AtomColumn> atoms;
    std::vector<AtomRing> rings; // closed faces of the bond graph with at most kMaxRing atoms
    static constexpr int kMaxRing = 16; // longer faces are holes or the outer boundary
};

struct AtomFindOptions {
    double smoothBonds = 0.25;   // Gaussian denoising sigma, in bond lengths
    double minSeparation = 0.55; // two maxima closer than this (bond lengths) are one column
    double neighbourCut = 1.3;   // bond graph: neighbours closer than this many bond lengths
};

Result<AtomLattice> findAtomLattice(const cv::Mat& image, const LatticeEstimate& estimate,
                                    const RunControl& rc = RunControl::none(), const AtomFindOptions& options = {});
// The same on a frame the caller has already normalised (identical result, one normalisation less).
Result<AtomLattice> findAtomLattice(const NormalizedFrame& frame, const LatticeEstimate& estimate,
                                    const RunControl& rc = RunControl::none(), const AtomFindOptions& options = {});

// Joins `atoms` into the bond graph and fills coordination, rings and strain (used by findAtomLattice;
// exposed so tests can check topology on hand-made coordinates).
void buildBondGraph(AtomLattice& lattice, int imageWidth, int imageHeight, double neighbourCut = 1.3);

// atoms.csv: `x,y,intensity,coordination,ring_sizes,bond_strain,angle_strain`, ring sizes joined by ';'.
Status writeAtomsCsv(const std::string& path, const AtomLattice& lattice);

} // namespace ds
