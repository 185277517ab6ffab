#pragma once
// CaeDetector: a convolutional autoencoder (dlib dnn, 32x32 input, 16-d latent code) trained on
// perfect/unlabelled patches (raw features, resampled to 32x32 internally). The score is the
// negative log density of a Gaussian KDE over the training latent codes (per-dimension bandwidth by
// Scott's rule, a patch's own code left out), robustly standardised; when every training patch was
// labelled perfect, the standardised reconstruction error is added. In self mode (unlabelled
// patches, defects among them) the network learns to reconstruct the defects too - on a frame of a
// few dozen patches they are the largest share of its loss, and G-Si-2nm's dopant patches came out
// the best reconstructed - so there the error is left out and notes() says so. dlib types live only
// in cae_detector.cpp. One thread at a time.
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
    bool readsOnlyRows() const override { return true; }
    std::vector<ParamSpec> parameters() const override;

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;
    std::vector<std::string> notes() const override { return m_notes; }

    // Mean squared reconstruction error per patch (for tests: the autoencoder must reconstruct).
    Result<std::vector<float>> reconstructionError(const FeatureMatrix& features, const RunControl& rc) const;

private:
    struct Model;
    std::unique_ptr<Model> m_model;
    std::vector<std::string> m_notes;
};

} // namespace ds
