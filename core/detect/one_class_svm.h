#pragma once
// OneClassSvm: Schölkopf's one-class SVM with an RBF kernel (OpenCV ml::SVM, ONE_CLASS), trained on
// perfect/unlabelled patches; the score is the negated decision value (higher = further outside
// the learned support). gamma = 0 means scikit-learn's "scale": 1 / (D * variance of the training
// features). Training uses a seeded subsample (default 1000 patches) when there are many: SVM
// training is quadratic and OpenCV's solver cannot be interrupted, so the subsample is what keeps
// cancellation prompt. Scoring evaluates the decision function itself, with the kernel rows from
// BLAS distances (pairwise_distances.h) instead of OpenCV's per-sample loops; it equals OpenCV's
// predict() up to float rounding (tests/core/detect_blas_test). One thread at a time.
#include "core/detect/detector.h"

#include <opencv2/ml.hpp>

namespace ds {

class OneClassSvm final : public Detector {
public:
    OneClassSvm();

    std::string id() const override { return "ocsvm"; }
    std::string displayName() const override { return "One-class SVM"; }
    std::string defaultFeatures() const override { return "raw"; }
    bool readsOnlyRows() const override { return true; }
    std::vector<ParamSpec> parameters() const override;

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;

private:
    void cacheDecisionFunction(); // m_sv.. from m_svm, after fit and load

    cv::Ptr<cv::ml::SVM> m_svm;
    cv::Mat m_sv;                  // the support vectors used by the decision function (CV_32F rows)
    std::vector<float> m_svNorms;  // their squared norms
    std::vector<double> m_alpha;   // their coefficients
    double m_rho = 0, m_gamma = 0; // decision = sum alpha_i exp(-gamma |x - sv_i|^2) - rho
    int m_columns = 0;
    float m_sign = 1.f; // maps OpenCV's raw decision value to "higher = more anomalous"
};

} // namespace ds
