#pragma once
// Evidence clusters: one compact topological defect (a Stone-Wales 5-7-7-5, a 5-8-5 divacancy, a
// vacancy's merged face and its dangling columns) shows up as several evidence points spread over
// one to two bonds around its centre. Merged into one point at their weighted centre, the defect
// flags the patches that contain it rather than every neighbour the spread reaches. Extended
// structures (a grain boundary's chain of 5-7 pairs) are left as individual points, since each of
// their rings is itself a defect site. Pure function; any thread.
#include "core/detect/lattice_evidence.h"

#include <vector>

namespace ds {

// Points of the topological kinds (ring centres, bond-graph faces, under-coordinated columns) closer
// than `linkBonds` bond lengths are joined; a group whose members all lie within `maxRadiusBonds` of
// its weighted centre becomes one point there carrying the summed weight. Other kinds pass through.
std::vector<EvidencePoint> mergeCompactDefects(const std::vector<EvidencePoint>& points, double bondPx,
                                               double linkBonds = 2.0, double maxRadiusBonds = 2.5);

} // namespace ds
