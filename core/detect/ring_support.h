#pragma once
// Ring support: how much a non-hexagonal ring centre found by the hole search deserves to be taken
// for a topological defect rather than for a hole the search missed in shot noise. Measured from
// the frame's own ring centres (no constants fitted to particular files). Pure functions; any thread.
#include "core/lattice/ring_centres.h"

#include <vector>

namespace ds {

struct RingSupportFrame {
    double spacingScatter = 0; // robust relative scatter of hexagon centre-to-centre distances on the frame
};

// The frame's hexagon spacing scatter (from RingCentre::edgeStrain of the interior hexagons).
RingSupportFrame ringSupportFrame(const std::vector<RingCentre>& rings);

// One factor in [0, 1] per ring centre (1 for hexagons and rings with more than six neighbours).
// A ring with fewer than six neighbours whose largest angular gap opens onto an empty lattice site
// (no ring centre nearer to the site than the lattice constant, within the frame's spacing scatter)
// is a hexagon next to a missed hole: support near 0. At a real pentagon or a 5-7 pair the
// neighbouring, differently sized ring occupies that region and a centre lies well inside it.
std::vector<double> ringSupport(const std::vector<RingCentre>& rings, double latticeConst,
                                const RingSupportFrame& frame);

} // namespace ds
