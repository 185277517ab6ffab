#pragma once
// LatticeDetector ("lattice"): scores patches by how far the atomic lattice inside departs from a
// perfect honeycomb - non-hexagonal rings, missing lattice, dopant-bright columns - read from the
// image itself (FeatureMatrix::image and ::grid), no training. One thread at a time.
#include "core/detect/detector.h"

namespace ds {

class LatticeDetector final : public Detector {
public:
    std::string id() const override { return "lattice"; }
    std::string displayName() const override { return "Lattice topology"; }
    std::string defaultFeatures() const override { return ""; }
    // Scores are evidence units (latticePatchScores): one non-hexagonal ring is 0.75-2, a
    // dopant-bright column from 0.5, half of the expected rings missing 0.5, two under-coordinated
    // columns 0.6; a clean patch carries only the strain tie-breaker (at most 0.2). Half a unit of
    // evidence is the boundary.
    static constexpr double kDefectEvidence = 0.5;
    std::optional<double> calibratedThreshold() const override { return kDefectEvidence; }

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;
};

} // namespace ds
