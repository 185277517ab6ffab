#include "core/analysis/run_threshold.h"

#include <cmath>

namespace ds {

std::vector<Label> honestLabels(const RunResult& run, const std::vector<Label>& labels) {
    std::vector<Label> out = labels;
    for (std::size_t i = 0; i < out.size() && i < run.evalScores.size(); ++i)
        if (!std::isfinite(run.evalScores[i]))
            out[i] = Label::Unlabelled;
    return out;
}

Result<ThresholdChoice> chooseRunThreshold(const RunSpec& spec, const RunResult& run, const std::vector<Label>& labels) {
    if (!labels.empty() && labels.size() != run.evalScores.size())
        return make_error(ErrorCode::InvalidArgument, "label count does not match the run's patches");
    return chooseThreshold(run.evalScores, honestLabels(run, labels), run.detector, spec.threshold);
}

} // namespace ds
