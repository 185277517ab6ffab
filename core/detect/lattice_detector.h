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

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;
};

} // namespace ds
