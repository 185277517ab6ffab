#pragma once
// ROC / precision-recall analysis of continuous anomaly scores against patch labels (Defect =
// positive, Perfect = negative, Unlabelled rows are ignored). Ties are handled exactly: AUROC is the
// Mann-Whitney statistic with tied pairs counting half, and curve points are placed only between
// distinct score values. Plain functions; any thread.
#include "core/common/result.h"
#include "core/labels/label.h"

#include <cstdint>
#include <span>
#include <vector>

namespace ds {

struct RocPoint {
    double fpr = 0, tpr = 0;
    double threshold = 0; // a patch is called defect when score >= threshold
};

struct PrPoint {
    double recall = 0, precision = 1;
    double threshold = 0;
};

struct Interval {
    double low = 0, high = 0;
};

// ROC curve from (0,0) to (1,1), one point per distinct score (descending thresholds).
Result<std::vector<RocPoint>> rocCurve(std::span<const float> scores, std::span<const Label> labels);
// Area under the ROC curve = P(score of a defect > score of a perfect patch) + 0.5 P(equal).
Result<double> auroc(std::span<const float> scores, std::span<const Label> labels);
// Precision-recall curve, one point per distinct score that finds a defect; starts at recall 0 with
// the precision of the first of them (no spike to (0, 0) or (0, 1)).
Result<std::vector<PrPoint>> prCurve(std::span<const float> scores, std::span<const Label> labels);
// Average precision = sum over thresholds of (R_n - R_{n-1}) P_n (the step-wise, non-interpolated form).
Result<double> averagePrecision(std::span<const float> scores, std::span<const Label> labels);
// Resamples of the AUROC's 95% bootstrap interval wherever one is shown (GUI, reports, `evaluate`):
// 1000 keeps the interval's ends stable to about 0.005 and takes milliseconds for an image's patches.
inline constexpr int kDefaultBootstrapResamples = 1000;
// Percentile bootstrap interval for the AUROC: defects and perfect patches are resampled separately
// (stratified, so every resample keeps both classes), `resamples` times, deterministic for a seed.
Result<Interval> aurocBootstrapCi(std::span<const float> scores, std::span<const Label> labels,
                                  double level = 0.95, int resamples = kDefaultBootstrapResamples,
                                  std::uint64_t seed = 0);
// The lowest threshold whose false-positive rate does not exceed `targetFpr`.
Result<RocPoint> thresholdForFpr(std::span<const float> scores, std::span<const Label> labels, double targetFpr);
// The threshold maximising Youden's J = TPR - FPR (first such point in descending threshold order).
Result<RocPoint> youdenThreshold(std::span<const float> scores, std::span<const Label> labels);

} // namespace ds
