#pragma once
// The default threshold of one run, the same in the GUI (heat-map outline), the exported report
// and `defectscope-cli score`: the rule of threshold_rule.h applied to the run's honest scores
// (out-of-fold where the fit saw the label) against the labels that have such a score, with the
// spec's fixed value or contamination taking precedence. Pure functions; any thread.
#include "core/analysis/run_image.h"
#include "core/analysis/run_spec.h"
#include "core/analysis/threshold_rule.h"

#include <vector>

namespace ds {

// `labels` with every patch that has no honest score (trained on, never held out) unlabelled.
std::vector<Label> honestLabels(const RunResult& run, const std::vector<Label>& labels);

// `labels` is empty or one per patch.
Result<ThresholdChoice> chooseRunThreshold(const RunSpec& spec, const RunResult& run, const std::vector<Label>& labels);

} // namespace ds
