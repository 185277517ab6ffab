#pragma once
// RocComputation: what the ROC panel shows, computed from value snapshots so it can run on a worker
// thread - per detector the ROC and PR curves (thinned for drawing), AUROC and AP on the labelled
// patches that have an honest (held-out) score, and the operating point at the shared threshold.
// The bootstrap interval is a separate, slower step (aurocInterval) so the curves appear first.
// Plain functions; any thread.
#include "core/eval/roc.h"
#include "core/labels/label.h"

#include <optional>
#include <string>
#include <vector>

namespace ds::ui {

struct RocInput {
    std::string detector;
    std::vector<float> evalScores; // NaN = no honest score for that patch (left out)
    bool shown = false;            // the detector whose scores the heat map shows (threshold applies)
};

struct OperatingPoint {
    double threshold = 0, tpr = 0, fpr = 0, precision = 0;
};

struct RocCurveResult {
    std::string detector;
    bool shown = false;
    int defects = 0, perfect = 0; // labelled patches with an honest score
    bool valid = false;           // both classes present
    double auroc = 0, averagePrecision = 0;
    std::vector<RocPoint> roc; // thinned to at most ~maxPoints for drawing
    std::vector<PrPoint> pr;
    std::optional<OperatingPoint> operating; // for the shown detector when a threshold is set
    std::vector<float> scores;               // the honest scores and labels used (for the interval)
    std::vector<Label> labels;
};

std::vector<RocCurveResult> computeRocCurves(const std::vector<RocInput>& inputs, const std::vector<Label>& labels,
                                             std::optional<double> threshold, int maxPoints = 600);

// The operating point of `scores` vs `labels` when patches with score >= threshold are called defects.
OperatingPoint operatingPoint(const std::vector<float>& scores, const std::vector<Label>& labels, double threshold);

} // namespace ds::ui
