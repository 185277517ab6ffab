#pragma once
// Ring centres: the holes of graphene's rings found as maxima of matched hole filters (the hole's
// mean minus the mean over the ring of columns around it, one filter each for pentagons, hexagons
// and heptagons, in units of the frame's own noise), where the frame shows lattice above its
// noise, joined by a Delaunay triangulation. For a three-fold bonded carbon sheet the ring-centre
// triangulation is the dual of the bond graph, so a ring's size is its number of neighbouring rings:
// 6 for hexagons, 5 and 7 along a grain boundary, 8+ at vacancies. Holes survive far more noise and
// blur than single atom columns, which makes this the robust topology measure on real frames.
// Pure function; any thread.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/lattice/lattice_estimate.h"
#include "core/lattice/normalized_frame.h"

#include <vector>

#include <opencv2/core.hpp>

namespace ds {

struct RingCentre {
    double x = 0, y = 0;     // pixel coordinates (origin at the top-left corner)
    int ringSize = 0;        // neighbouring ring centres in the triangulation (= atoms in the ring)
    double edgeStrain = 0;   // mean |distance to neighbouring centres / (sqrt(3) bond) - 1|
    double depth = 0;        // how far the hole lies below the ring of columns around it (noise sigmas,
                             // through the best-matching of the pentagon, hexagon and heptagon filters)
    bool interior = true;    // far enough from the edge for its neighbours to be complete
    std::vector<int> neighbours; // indices of the neighbouring ring centres (triangulation edges kept)
};

Result<std::vector<RingCentre>> findRingCentres(const cv::Mat& image, const LatticeEstimate& estimate,
                                                const RunControl& rc = RunControl::none());
// The same on a frame the caller has already normalised (identical result, one normalisation less).
Result<std::vector<RingCentre>> findRingCentres(const NormalizedFrame& frame, const LatticeEstimate& estimate,
                                                const RunControl& rc = RunControl::none());

} // namespace ds
