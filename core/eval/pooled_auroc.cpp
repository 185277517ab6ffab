#include "core/eval/pooled_auroc.h"

#include "core/eval/roc.h"

namespace ds {

Result<BatchAuroc> batchAuroc(std::span<const FrameScores> frames) {
    BatchAuroc out;
    std::vector<float> allScores;
    std::vector<Label> allLabels;
    double sum = 0;
    for (const FrameScores& f : frames) {
        if (f.scores.size() != f.labels.size())
            return make_error(ErrorCode::InvalidArgument, "a frame has " + std::to_string(f.scores.size()) +
                                                              " scores but " + std::to_string(f.labels.size()) + " labels");
        // A frame with one class only has no AUROC of its own but still counts in the pooled figure.
        auto a = auroc(f.scores, f.labels);
        out.perFrame.push_back(a ? std::optional<double>(*a) : std::nullopt);
        if (a) {
            sum += *a;
            ++out.framesInMean;
        }
        allScores.insert(allScores.end(), f.scores.begin(), f.scores.end());
        allLabels.insert(allLabels.end(), f.labels.begin(), f.labels.end());
    }
    if (out.framesInMean == 0)
        return make_error(ErrorCode::Numeric, "no frame has both defect and perfect patches");
    out.meanPerFrame = sum / out.framesInMean;
    auto pooled = auroc(allScores, allLabels);
    if (!pooled)
        return make_error(pooled.error().code, "pooled AUROC: " + pooled.error().message);
    out.pooled = *pooled;
    return out;
}

} // namespace ds
