#pragma once
// The default defect/perfect threshold, one rule for the GUI and the CLI. In order of precedence:
// a fixed value the user gave; the top `contamination` fraction of patches; when labels hold both
// classes, Youden's J - unless the detector's own calibrated threshold separates them as well, in
// which case that is kept; without labels the calibrated threshold (lattice evidence units, auto's
// flagged band); otherwise a robust median + 3 MAD rule, which suits scores with an outlier tail.
// Pure functions; any thread.
#include "core/common/result.h"
#include "core/labels/label.h"

#include <optional>
#include <string>
#include <vector>

namespace ds {

struct ThresholdPolicy {
    std::optional<double> value;
    std::optional<double> contamination; // in (0, 1)
    bool operator==(const ThresholdPolicy&) const = default;
};

struct ThresholdChoice {
    double value = 0;  // a patch is predicted defect when score >= value
    std::string rule;  // "fixed", "contamination=F", "youden", "calibrated" or "median+3mad"
};

// `labels` is empty or has one entry per score; `detectorId` names who made the scores. Non-finite
// scores are ignored; equal scores everywhere get no calibrated threshold (nothing stands out).
Result<ThresholdChoice> chooseThreshold(const std::vector<float>& scores, const std::vector<Label>& labels,
                                        const std::string& detectorId, const ThresholdPolicy& policy = {});

} // namespace ds
