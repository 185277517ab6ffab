#pragma once
// AutoDetector ("auto"), the default: fuses three kinds of evidence, each in calibrated units read
// off the frame itself - the lattice topology (lattice_evidence: rings, bright columns, missing
// lattice), weighted by how far this frame's topology can be trusted (topologyTrust); blobs far
// above the frame's noise at the column scale (blob_evidence), which carry dopants where the dose
// is too low for the topology; and the k-NN distance of raw patches as a robust z-score. The same
// score means the same evidence in every frame, so one threshold serves a batch. With hand labels
// the k-NN weight is chosen to rank the labelled defects above the labelled perfect patches
// (semi-supervised), and k-NN learns only from non-defect patches. One thread at a time.
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
    // Calibrated bands: a patch whose fused evidence reaches LatticeDetector::kDefectEvidence scores
    // in [1, 2), every other patch in [0, 1); the map is monotone, so AUROC sees the fusion and the
    // threshold sees the physics.
    std::optional<double> calibratedThreshold() const override { return 1.0; }

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;

    // Per-patch evidence in lattice evidence units (LatticeDetector::kDefectEvidence = the defect
    // boundary) from the lattice evidence (when the frame shows a lattice), the blob
    // evidence (blob_evidence.h) and `knnWeight` x the k-NN evidence (half a unit at median + 3 MAD);
    // see evidence() in auto_detector.cpp for how they combine.
    // `lattice` may be null (rows pooled from several images: k-NN alone).
    static std::vector<double> evidence(const FeatureMatrix& features, const LatticeEvidence* lattice,
                                        const std::vector<float>& knn, double knnWeight);
    // Evidence to the calibrated scale: 2e / (e + kDefectEvidence), so the boundary sits at 1.
    static std::vector<float> calibrated(const std::vector<double>& evidence);
    // 0 (no lattice, or ring centres no more hexagonal than random points) to 1 (a clean honeycomb).
    static double topologyTrust(const LatticeEvidence* lattice);
    static constexpr double kDefaultKnnWeight = 1.0;

private:
    KnnDetector m_knn;
    double m_weight = -1; // fusion weight learnt from labels; < 0 = the `knn_weight` parameter
    // The lattice evidence fit() computed for choosing the weight, reused by score() on the same
    // image buffer (held here so the buffer cannot be freed and its address reused meanwhile).
    std::shared_ptr<const LatticeEvidence> m_evidence;
    cv::Mat m_evidenceImage;
};

} // namespace ds
