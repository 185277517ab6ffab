#include "core/detect/lattice_evidence.h"

#include "core/common/guard.h"
#include "core/detect/evidence_clusters.h"
#include "core/detect/lattice_detector.h"
#include "core/detect/ring_support.h"
#include "core/lattice/atom_lattice.h"
#include "core/lattice/lattice_spectrum.h"
#include "core/lattice/ring_centres.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <map>

namespace ds {

namespace {

// A column counts as a heavier atom from this robust z upward: noise gives z of 3-4 among the
// thousands of columns of a frame. Its weight grows by one per kBrightColumnZStep above the
// threshold, from kBrightColumnBaseWeight, up to kBrightColumnMaxWeight (one column is one defect).
constexpr double kBrightColumnZ = 5.0;
constexpr double kBrightColumnZStep = 3.0;
constexpr double kBrightColumnBaseWeight = 0.5;
constexpr double kBrightColumnMaxWeight = 3.0;
// A non-hexagonal ring weighs 0.75 plus 0.25 per atom it differs from six (a 5- or 7-ring: 1.0, an
// 8-ring: 1.25), at most 2: larger rings are larger defects, but one ring is still one defect.
constexpr double kRingBaseWeight = 0.75;
constexpr double kRingWeightPerAtom = 0.25;
constexpr double kRingMaxWeight = 2.0;
// The bond graph is trusted only when enough of it is seen (more than 20 interior columns, 10
// interior faces) and at least 85 % of columns are three-fold and 85 % of faces hexagons: a clean
// sheet is ~100 %, dose-limited frames where columns are barely visible fall far below.
constexpr int kGraphMinAtoms = 20;
constexpr int kGraphMinRings = 10;
constexpr double kGraphMinRegularShare = 0.85;
// A dangling (under-coordinated) column is weak evidence on its own: its neighbour may just have
// been missed; clustered with a face it completes the defect.
constexpr double kUnderCoordinatedWeight = 0.3;
// Missing rings count from a quarter of them missing upward (holes, vacuum, amorphous
// contamination), twice per missing fraction; ring strain only breaks ties between clean patches.
constexpr double kRingAbsenceAllowance = 0.25;
constexpr double kRingAbsenceWeight = 2.0;
constexpr double kStrainWeight = 0.2;
// A patch that holds part of a merged compact defect (one of its rings) but not its centre, where the
// merged point flags (mergeCompactDefects): its parts' weight, at most half the defect boundary, so
// that even with the strain tie-breaker (at most kStrainWeight) the part alone stays below the
// boundary. The calibrated band keeps flagging one compact defect where its centre is, while the
// ranking puts such a patch above clean ones. Under the protocol of shared/data/real/README.md every
// non-hexagonal ring is a defect site: where shot noise hid some of a grain boundary's rings, its
// remaining 5-7 fragments looked compact, were merged to their middles and left patches holding a
// found ring with no evidence at all (the grain boundary at 3 counts/px, Poisson seed 10: 0.924).
constexpr double kPartOfDefectMaxWeight = 0.5 * LatticeDetector::kDefectEvidence;
static_assert(kPartOfDefectMaxWeight + kStrainWeight < LatticeDetector::kDefectEvidence);

} // namespace

Result<LatticeEvidence> computeLatticeEvidence(const cv::Mat& image, const RunControl& rc,
                                               const std::optional<LatticeEstimate>& known) {
    return guarded("lattice evidence", [&]() -> LatticeEvidence {
        LatticeEvidence ev;
        auto est = known ? Result<LatticeEstimate>(*known) : estimateLattice(image, rc.sub(0, 0.3));
        if (!est) {
            if (est.error().code == ErrorCode::Cancelled)
                throw Cancelled();
            return ev; // no lattice: latticePatchScores scores every patch as disordered
        }
        ev.lattice = *est;
        ev.latticeFound = est->confidence > kNoLatticeConfidence && est->bondPx > kMinResolvedBondPx;
        if (!ev.latticeFound)
            return ev;
        // Columns and ring centres are independent given the estimate: find the columns on a second
        // thread (the machine has two cores; 4k frames spend most of their time here). That thread
        // only polls the stop token - progress stays with this thread so it remains monotone.
        // One normalisation serves both finders (each made its own: ~0.27 s apiece at 4096^2).
        const RunControl stopOnly(rc.stopToken());
        const NormalizedFrame frame{robustNormalize(image)};
        auto atomsJob = std::async(std::launch::async, [&] { return findAtomLattice(frame, *est, stopOnly); });
        auto rings = findRingCentres(frame, *est, rc.sub(0.3, 0.6));
        auto atoms = atomsJob.get();
        if (!rings)
            fail(rings.error().code, rings.error().message);
        // Hexagons beside a hole the search missed in shot noise look like pentagons; they are
        // weighted by their support (ring_support.h) so that dose-limited frames are not flagged
        // all over. Rings with more than six neighbours keep their full weight.
        const auto support = ringSupport(*rings, std::sqrt(3.0) * est->bondPx, ringSupportFrame(*rings));
        for (std::size_t i = 0; i < rings->size(); ++i) {
            const RingCentre& r = (*rings)[i];
            ev.ringCentres.emplace_back(r.x, r.y);
            ev.ringStrain.push_back(r.edgeStrain);
            // A ring that is not a hexagon is the signature of a grain boundary (5-7), a
            // Stone-Wales defect (5-7-7-5) or a vacancy (larger rings); edge rings are incomplete.
            if (r.interior && r.ringSize != 6)
                ev.points.push_back({r.x, r.y, support[i] * std::min(kRingMaxWeight, kRingBaseWeight + kRingWeightPerAtom * std::abs(r.ringSize - 6)),
                                     EvidenceKind::RingCentre, r.depth, r.edgeStrain, support[i]});
        }
        {
            int interior = 0, hex = 0;
            for (const RingCentre& r : *rings)
                if (r.interior) {
                    ++interior;
                    hex += r.ringSize == 6;
                }
            ev.ringHexFraction = interior ? double(hex) / interior : 0.0;
        }
        rc.throwIfStopped();
        rc.progress(1.0, "lattice evidence");
        if (!atoms)
            fail(atoms.error().code, atoms.error().message);
        // Columns with far more contrast than the columns around them (robust z-score against the
        // columns within 3 bonds, see AtomColumn::intensity): heavier atoms such as Si dopants, in
        // HAADF (~2.6x carbon) and HRTEM (~2x). Only the extreme tail counts; noise gives z of 3-4
        // among thousands. A column within one bond of the image border is cut by it and compared
        // with neighbours on one side only: its contrast is not trusted (clean synthetic frames
        // showed z of 6-10 there from the border alone).
        const double edge = est->bondPx;
        auto awayFromBorder = [&](const AtomColumn& a) {
            return a.x >= edge && a.y >= edge && a.x < image.cols - edge && a.y < image.rows - edge;
        };
        for (const AtomColumn& a : atoms->atoms)
            if (a.intensity > kBrightColumnZ && awayFromBorder(a))
                ev.points.push_back({a.x, a.y,
                                     std::min(kBrightColumnMaxWeight,
                                              (a.intensity - kBrightColumnZ) / kBrightColumnZStep + kBrightColumnBaseWeight),
                                     EvidenceKind::BrightColumn, a.intensity});
        // Where single columns are resolved well enough that the bond graph is almost all
        // three-fold hexagons, its faces see what ring centres miss: a single vacancy leaves the
        // three neighbouring hexagon holes in place but merges them into one 12-atom face centred
        // on the missing column; a Stone-Wales pair shows its 5-7-7-5 faces. On dose-limited frames
        // (columns barely visible) the graph is broken everywhere and is not trusted.
        int interiorAtoms = 0, threeFold = 0, interiorRings = 0, hexagons = 0;
        for (const AtomColumn& a : atoms->atoms)
            if (a.interior) {
                ++interiorAtoms;
                threeFold += a.coordination == 3;
            }
        for (const AtomRing& r : atoms->rings)
            if (r.interior) {
                ++interiorRings;
                hexagons += r.atoms.size() == 6;
            }
        ev.graphHexFraction = interiorRings ? double(hexagons) / interiorRings : 0.0;
        ev.graphThreeFold = interiorAtoms ? double(threeFold) / interiorAtoms : 0.0;
        const bool graphReliable = interiorAtoms > kGraphMinAtoms && threeFold >= kGraphMinRegularShare * interiorAtoms &&
                                   interiorRings > kGraphMinRings && hexagons >= kGraphMinRegularShare * interiorRings;
        // sp2 carbon bonds to at most three neighbours and a three-membered ring would need 60 degree
        // bond angles: neither exists in a carbon sheet, defective or not. In the graph they come
        // from a spurious column (a noise maximum inside a hexagon hole, bonded to its six atoms,
        // which cuts the hexagon into six triangles), so they are not evidence of a defect.
        // Dose-limited HRTEM frames showed it: every non-hexagonal face further than two bonds
        // from a truth defect was a triangle, and every such column had four or six neighbours.
        constexpr std::size_t kSmallestCarbonRing = 4;
        if (graphReliable) {
            for (const AtomRing& r : atoms->rings)
                if (r.interior && r.atoms.size() != 6 && r.atoms.size() >= kSmallestCarbonRing)
                    ev.points.push_back({r.centre.x, r.centre.y, 1.0, EvidenceKind::BondGraphFace});
            for (const AtomColumn& a : atoms->atoms)
                if (a.interior && a.coordination < 3)
                    ev.points.push_back({a.x, a.y, kUnderCoordinatedWeight, EvidenceKind::UnderCoordinated});
        }
        // One compact defect, one point at its centre (evidence_clusters.h): its rings and dangling
        // columns spread over 1-2 bonds would otherwise flag neighbouring patches that hold no defect.
        ev.points = mergeCompactDefects(ev.points, est->bondPx);
        return ev;
    });
}

std::vector<float> latticePatchScores(const LatticeEvidence& ev, const PatchGrid& grid) {
    const int n = grid.size();
    std::vector<float> score(n, 0.0f);
    if (!ev.latticeFound) {
        std::fill(score.begin(), score.end(), 1.0f);
        return score;
    }
    std::vector<double> evidence(n, 0.0), strain(n, 0.0);
    std::vector<int> rings(n, 0);
    for (const EvidencePoint& p : ev.points) {
        const auto holding = grid.patchesContaining(p.x, p.y);
        for (int i : holding)
            evidence[i] += p.weight;
        // A merged compact defect's parts (see kPartOfDefectMaxWeight) in patches without its centre.
        std::map<int, double> partial;
        for (const auto& [q, w] : p.parts)
            for (int i : grid.patchesContaining(q.x, q.y))
                if (std::find(holding.begin(), holding.end(), i) == holding.end())
                    partial[i] += w;
        for (const auto& [i, w] : partial)
            evidence[i] += std::min(w, kPartOfDefectMaxWeight);
    }
    for (std::size_t k = 0; k < ev.ringCentres.size(); ++k)
        for (int i : grid.patchesContaining(ev.ringCentres[k].x, ev.ringCentres[k].y)) {
            ++rings[i];
            strain[i] += ev.ringStrain[k];
        }
    // A perfect honeycomb has one ring per 3 sqrt(3)/2 bond^2 of area.
    const double bond = ev.lattice.bondPx;
    const double ringArea = 1.5 * std::sqrt(3.0) * bond * bond;
    for (int i = 0; i < n; ++i) {
        const cv::Rect r = grid.rect(i);
        const double expected = r.area() / ringArea;
        const double absence = std::max(0.0, 1.0 - rings[i] / std::max(1e-9, expected));
        const double meanStrain = rings[i] ? strain[i] / rings[i] : 1.0;
        score[i] = static_cast<float>(evidence[i] + kRingAbsenceWeight * std::max(0.0, absence - kRingAbsenceAllowance) +
                                      kStrainWeight * meanStrain);
    }
    return score;
}

} // namespace ds
