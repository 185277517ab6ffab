#pragma once
// DenseDetector: a supervised fully connected network (dlib dnn: 64-32-2 with ReLU and dropout),
// trained on hand-labelled defect and perfect patches with a class-weighted log loss and early
// stopping on a stratified validation split; the score is the defect logit minus the perfect logit.
// Needs both labels. The dlib types live only in dense_detector.cpp (a dnn TU is costly to
// compile). One thread at a time.
#include "core/detect/detector.h"
#include "core/detect/detector_support.h"

#include <memory>

namespace ds {

class DenseDetector final : public Detector {
public:
    DenseDetector();
    ~DenseDetector() override;

    std::string id() const override { return "dense"; }
    std::string displayName() const override { return "Dense neural network"; }
    std::string defaultFeatures() const override { return "stats+fft"; }
    bool readsOnlyRows() const override { return true; }
    bool needsLabels() const override { return true; }
    std::vector<ParamSpec> parameters() const override;

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;

    int epochsRun() const { return m_epochsRun; } // for tests: early stopping actually stops

private:
    struct Net;
    std::unique_ptr<Net> m_net;
    detail::Standardiser m_scaler;
    int m_columns = 0;
    int m_epochsRun = 0;
};

} // namespace ds
