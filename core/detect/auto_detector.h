#pragma once
// AutoDetector ("auto"), the default: fuses the lattice-aware topology score (lattice_evidence)
// with the generic k-nearest-neighbour distance on raw patches, by rank. The lattice score leads
// (grain boundaries, vacancies, dopants, missing lattice); k-NN orders patches the lattice sees as
// equal and catches what is not topological. With hand labels the fusion weight is chosen to rank
// the labelled defects above the labelled perfect patches (semi-supervised), and k-NN learns only
// from non-defect patches. Without a lattice (confidence ~0) it is k-NN alone. One thread at a time.
#include "core/detect/detector.h"
#include "core/detect/knn_detector.h"
#include "core/detect/lattice_evidence.h"

#include <memory>

namespace ds {

class AutoDetector final : public Detector {
public:
    AutoDetector();

    std::string id() const override { return "auto"; }
    std::string displayName() const override { return "Automatic (lattice + k-NN)"; }
    std::string defaultFeatures() const override { return "raw"; }
    std::vector<ParamSpec> parameters() const override;
    // Calibrated bands: a patch the detector calls a defect scores in [1, 2) - lattice evidence of
    // at least LatticeDetector::kDefectEvidence, or, without a lattice, a k-NN distance beyond
    // median + 3 MAD - and every other patch in [0, 1). Inside each band the fused rank orders
    // the patches, so AUROC sees the fusion and the threshold sees the physics.
    std::optional<double> calibratedThreshold() const override { return 1.0; }

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;

    // Rank fusion used by score(): ranks in [0, 1] (ties share their mean rank), lattice + w x knn.
    static std::vector<float> fuse(const std::vector<float>& lattice, const std::vector<float>& knn, double knnWeight);
    // The calibrated bands: 1 + 0.999 x rank(order) where `flagged`, 0.999 x rank(order) elsewhere.
    static std::vector<float> banded(const std::vector<float>& order, const std::vector<bool>& flagged);

private:
    KnnDetector m_knn;
    double m_weight = -1; // fusion weight learnt from labels; < 0 = the `knn_weight` parameter
    // The lattice evidence fit() computed for choosing the weight, reused by score() on the same
    // image buffer (held here so the buffer cannot be freed and its address reused meanwhile).
    std::shared_ptr<const LatticeEvidence> m_evidence;
    cv::Mat m_evidenceImage;
};

} // namespace ds
