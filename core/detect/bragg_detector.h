#pragma once
// BraggDetector ("bragg"): reconstructs the ideal lattice from the image's own Bragg spots (first-
// and second-order reflections of the estimated lattice, Gaussian-windowed so the reconstruction
// follows slow drifts) and scores each patch by the residual energy that the ideal lattice cannot
// explain, plus the loss of lattice amplitude (holes, vacuum, amorphous cover). Image-only: reads
// FeatureMatrix::image and ::grid. One thread at a time.
#include "core/detect/detector.h"

namespace ds {

class BraggDetector final : public Detector {
public:
    std::string id() const override { return "bragg"; }
    std::string displayName() const override { return "Bragg-filter residual"; }
    std::string defaultFeatures() const override { return ""; }

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;
};

} // namespace ds
