#pragma once
// Batch figures of the evaluation protocol (shared/data/real/README.md, "Low-dose Si dopant frames"):
// the mean of the per-frame AUROCs, and the pooled AUROC of every frame's patches together, which
// asks that one threshold serve the whole batch. Plain functions; any thread.
#include "core/common/result.h"
#include "core/labels/label.h"

#include <optional>
#include <span>
#include <vector>

namespace ds {

// One frame's patch scores and protocol labels (Unlabelled rows are ignored, as by auroc()).
struct FrameScores {
    std::vector<float> scores;
    std::vector<Label> labels;
};

struct BatchAuroc {
    std::vector<std::optional<double>> perFrame; // empty where a frame lacks defect or perfect patches
    double meanPerFrame = 0;                     // over the frames that have a per-frame AUROC
    int framesInMean = 0;
    double pooled = 0; // every frame's patches ranked together
};

// Fails when no frame has a per-frame AUROC or the pooled patches lack one of the two classes.
Result<BatchAuroc> batchAuroc(std::span<const FrameScores> frames);

} // namespace ds
