#pragma once
// CaeDetector: a convolutional autoencoder (dlib dnn, 32x32 input, 16-d latent code) trained on
// perfect/unlabelled patches (raw features, resampled to 32x32 internally). The score adds two
// standardised terms: the reconstruction error and the negative log density of a Gaussian KDE over
// the training latent codes (per-dimension bandwidth by Scott's rule). dlib types live only in
// cae_detector.cpp. One thread at a time.
#include "core/detect/detector.h"

#include <memory>

namespace ds {

class CaeDetector final : public Detector {
public:
    CaeDetector();
    ~CaeDetector() override;

    std::string id() const override { return "cae"; }
    std::string displayName() const override { return "Convolutional autoencoder + KDE"; }
    std::string defaultFeatures() const override { return "raw"; }
    std::vector<ParamSpec> parameters() const override;

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;

    // Mean squared reconstruction error per patch (for tests: the autoencoder must reconstruct).
    Result<std::vector<float>> reconstructionError(const FeatureMatrix& features, const RunControl& rc) const;

private:
    struct Model;
    std::unique_ptr<Model> m_model;
};

} // namespace ds
