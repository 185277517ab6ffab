#include "core/synth/synthetic_graphene.h"

#include "core/synth/atom_layout.h"
#include "core/synth/column_renderer.h"
#include "core/synth/defect_builder.h"
#include "core/synth/seed_streams.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace ds {

namespace {

constexpr double kGrapheneBondNm = 0.142;

struct BoundaryLine {
    cv::Point2d point, direction; // unit direction
    double side(double x, double y) const {
        return direction.x * (y - point.y) - direction.y * (x - point.x);
    }
};

// Evenly spaced truth points (every two bonds) along the part of the line inside the field, one bond
// in from the edges.
void boundaryTruth(const BoundaryLine& line, const SynthOptions& o, std::vector<TruthPoint>& truth) {
    const double a = o.bondPx, reach = std::hypot(o.width, o.height);
    for (double t = -reach; t <= reach; t += 2 * a) {
        const cv::Point2d p = line.point + line.direction * t;
        if (p.x >= a && p.y >= a && p.x <= o.width - a && p.y <= o.height - a)
            truth.push_back({p.x, p.y, "grain_boundary"});
    }
}

} // namespace

SyntheticImage synthesizeGraphene(const SynthOptions& options) {
    SynthOptions o = options;
    o.width = std::max(o.width, 1);
    o.height = std::max(o.height, 1);
    o.bondPx = std::max(o.bondPx, 1.0);
    const double a = o.bondPx;

    SyntheticImage out;
    out.bondPx = a;
    out.rotationDeg = o.rotationDeg;
    out.nmPerPixel = kGrapheneBondNm / a;

    synth::AtomLayout layout(o.width, o.height, a);
    std::mt19937_64 latticeRng = synth::makeRng(o.seed, synth::Stream::Lattice);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    const cv::Point2d offsetA(u01(latticeRng) * std::sqrt(3.0) * a, u01(latticeRng) * 3.0 * a);

    std::optional<BoundaryLine> boundary;
    if (o.grainBoundary) {
        std::mt19937_64 rng = synth::makeRng(o.seed, synth::Stream::GrainBoundary);
        const double phi = u01(rng) * std::numbers::pi;
        const cv::Point2d p0(o.width * (0.35 + 0.3 * u01(rng)), o.height * (0.35 + 0.3 * u01(rng)));
        const double misorientation = (13.0 + 17.0 * u01(rng)) * (u01(rng) < 0.5 ? -1 : 1);
        const cv::Point2d offsetB(u01(rng) * std::sqrt(3.0) * a, u01(rng) * 3.0 * a);
        boundary = BoundaryLine{p0, {std::cos(phi), std::sin(phi)}};
        out.secondGrainRotationDeg = o.rotationDeg + misorientation;

        synth::addHoneycomb(layout, o.width, o.height, a, o.rotationDeg, offsetA,
                            [&](double x, double y) { return boundary->side(x, y) < 0; });
        const int firstB = layout.size();
        synth::addHoneycomb(layout, o.width, o.height, a, out.secondGrainRotationDeg, offsetB,
                            [&](double x, double y) { return boundary->side(x, y) >= 0; });
        // Where the grains meet, atoms of the second grain that would sit on top of the first are
        // dropped; what remains along the seam are the non-hexagonal rings of an unrelaxed boundary.
        for (int i = firstB; i < layout.size(); ++i) {
            const SynthAtom& b = layout.atom(i);
            for (int j : layout.within(b.x, b.y, 0.75 * a, i))
                if (j < firstB) {
                    layout.remove(i);
                    break;
                }
        }
        boundaryTruth(*boundary, o, out.truth);
    } else {
        synth::addHoneycomb(layout, o.width, o.height, a, o.rotationDeg, offsetA, [](double, double) { return true; });
    }

    synth::DefectBuilder defects(layout, o.width, o.height, a, out.truth);
    if (boundary)
        defects.avoidLine(boundary->point, boundary->direction);
    if (o.contamination) {
        std::mt19937_64 rng = synth::makeRng(o.seed, synth::Stream::Contamination);
        defects.addContamination(rng, out.mask);
    }
    {
        // Round-robin over the kinds so a crowded field still gets some of each.
        std::mt19937_64 rng = synth::makeRng(o.seed, synth::Stream::PointDefects);
        int left[4] = {std::max(0, o.doubleVacancies), std::max(0, o.stoneWales), std::max(0, o.singleVacancies),
                       std::max(0, o.dopants)};
        while (left[0] + left[1] + left[2] + left[3] > 0) {
            if (left[0] > 0 && left[0]--)
                defects.addDoubleVacancy(rng);
            if (left[1] > 0 && left[1]--)
                defects.addStoneWales(rng);
            if (left[2] > 0 && left[2]--)
                defects.addVacancy(rng);
            if (left[3] > 0 && left[3]--)
                defects.addDopant(rng);
        }
    }

    out.atoms = layout.liveAtoms();
    std::mt19937_64 noiseRng = synth::makeRng(o.seed, synth::Stream::Noise);
    out.pixels = synth::renderColumns(out.atoms, o, noiseRng);
    if (o.noise) {
        std::mt19937_64 jitterRng = synth::makeRng(o.seed, synth::Stream::Jitter);
        synth::applyScanJitter(out.pixels, o.scanJitterPx, jitterRng);
        synth::applyShotNoise(out.pixels, noiseRng);
    }
    return out;
}

SynthOptions demoSynthOptions(std::uint64_t seed) {
    SynthOptions o;
    o.width = o.height = 1024;
    o.bondPx = 14.0;
    o.rotationDeg = 7.0;
    o.dose = 200.0;
    o.scanJitterPx = 0.3;
    o.seed = seed;
    o.singleVacancies = 4;
    o.doubleVacancies = 3;
    o.stoneWales = 4;
    o.dopants = 4;
    o.grainBoundary = true;
    o.contamination = true;
    return o;
}

Micrograph toMicrograph(const SyntheticImage& image) {
    Micrograph m;
    m.pixels = image.pixels;
    m.dtype = "float32";
    m.x.scale = m.y.scale = image.nmPerPixel;
    m.x.unit = m.y.unit = "nm";
    m.metadata["source"] = "synthetic graphene (DefectScope)";
    m.metadata["bond_px"] = std::to_string(image.bondPx);
    return m;
}

} // namespace ds
