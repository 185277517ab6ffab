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
// than `linkBonds` bond lengths are joined (neighbouring rings are sqrt(3) bonds apart); a group whose
// members all lie within `maxRadiusBonds` of its weighted centre becomes one point there carrying the
// summed weight. A Stone-Wales defect's faces lie ~1.3 bonds from its centre; a group reaching
// further (a 5-8-5 divacancy's pentagons at ~1.9 bonds, a grain-boundary chain) keeps its points,
// since a centre that far from its members too often falls in another patch than the defect's own
// (measured on the synthetic set: 2.5 bonds cost 3 points of mean recall, 1.75 bonds under one).
// Other kinds pass through. A merged point lists its members in EvidencePoint::parts, so that a
// patch holding a member but not the centre still sees that part (latticePatchScores).
std::vector<EvidencePoint> mergeCompactDefects(const std::vector<EvidencePoint>& points, double bondPx,
                                               double linkBonds = 2.0, double maxRadiusBonds = 1.75);

} // namespace ds
