#include "core/analysis/threshold_rule.h"

#include "core/common/guard.h"
#include "core/common/robust_stats.h"
#include "core/detect/detector_registry.h"
#include "core/eval/confusion.h"
#include "core/eval/roc.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ds {

namespace {

// Youden's J = TPR - FPR of the labelled patches when `threshold` splits them.
double youdenIndex(const std::vector<float>& scores, const std::vector<Label>& labels, double threshold) {
    const Confusion c = confusionAt(scores, labels, threshold);
    return c.tpr() - c.fpr();
}

} // namespace

Result<ThresholdChoice> chooseThreshold(const std::vector<float>& allScores, const std::vector<Label>& allLabels,
                                        const std::string& detectorId, const ThresholdPolicy& policy) {
    return guarded("threshold", [&]() -> ThresholdChoice {
        if (policy.value)
            return {*policy.value, "fixed"};
        // Non-finite scores (a project saved them as null) take no part in any rule: NaN would
        // break Youden's sort and drag the median.
        std::vector<float> scores;
        std::vector<Label> labels;
        const bool withLabels = allLabels.size() == allScores.size();
        for (std::size_t i = 0; i < allScores.size(); ++i)
            if (std::isfinite(allScores[i])) {
                scores.push_back(allScores[i]);
                if (withLabels)
                    labels.push_back(allLabels[i]);
            }
        if (policy.contamination) {
            const double c = *policy.contamination;
            if (!(c > 0 && c < 1))
                fail(ErrorCode::InvalidArgument, "contamination must be between 0 and 1");
            std::vector<float> sorted = scores;
            std::sort(sorted.begin(), sorted.end(), std::greater<>());
            // The score of the k-th highest patch, k = ceil(c N): ties at the boundary are all flagged.
            const size_t k = std::clamp<size_t>(static_cast<size_t>(std::ceil(c * sorted.size())), 1, sorted.size());
            return {sorted.empty() ? 0.0 : sorted[k - 1], "contamination=" + std::to_string(c).substr(0, 6)};
        }
        const bool bothClasses = withLabels &&
                                 std::count(labels.begin(), labels.end(), Label::Defect) > 0 &&
                                 std::count(labels.begin(), labels.end(), Label::Perfect) > 0;
        // Scores on a physical scale carry their own boundary; rank-like scores (uniform by
        // construction) have no outlier tail for the MAD rule to find.
        const auto calibrated = calibratedThresholdOf(detectorId);
        if (bothClasses)
            if (auto t = youdenThreshold(scores, labels)) {
                // A handful of labels leaves a wide gap in which every threshold separates them
                // equally well, and Youden's point sits at its edge (the lowest labelled defect). The
                // detector's own boundary is kept when the labels agree with it as well.
                if (calibrated && youdenIndex(scores, labels, *calibrated) >= t->tpr - t->fpr - 1e-9)
                    return {*calibrated, "calibrated"};
                return {t->threshold, "youden"};
            }
        // Equal scores everywhere (the lattice detector on a frame with no lattice at all) carry no
        // boundary to calibrate against: the MAD rule below then flags nothing.
        const auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
        if (calibrated && lo != scores.end() && *lo < *hi)
            return {*calibrated, "calibrated"};
        // No usable labels: flag patches that stand out from the bulk by three robust deviations.
        const RobustScale r = robustScale(scores);
        return {r.centre + 3.0 * (r.sigma > 0 ? r.sigma : 1e-12), "median+3mad"};
    });
}

} // namespace ds
