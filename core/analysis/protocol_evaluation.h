#pragma once
// The evaluation protocol of shared/data/real/README.md as one function: grid (explicit, or the
// automatic lattice grid), protocol labels from truth points (+ optional region mask), the detector
// fitted in self mode (or on hand labels), AUROC with a bootstrap interval over the patches that
// were not hand-labelled. Used by `defectscope-cli evaluate` and the real-image tests. Synchronous.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/analysis/run_image.h"
#include "core/eval/roc.h"
#include "core/io/micrograph.h"
#include "core/labels/label_csv.h"
#include "core/labels/truth_points.h"

#include <vector>

namespace ds {

struct ProtocolInput {
    std::vector<TruthPoint> truth;
    cv::Mat mask;                         // optional, same size as the image, non-zero = anomalous
    std::vector<LabelledRect> handLabels; // optional: fit on these; they are left out of the AUROC
    int bootstrapResamples = kDefaultBootstrapResamples;
};

struct ProtocolResult {
    RunResult scores;
    std::vector<Label> truthLabels; // one per patch (Defect/Perfect)
    std::vector<Label> handLabels;  // one per patch, or empty in self mode
    double auroc = 0;
    Interval aurocCi;
    int patches = 0, defectPatches = 0, evaluatedPatches = 0;
};

// `config.grid` empty = automatic grid. `config.seed` seeds both the detector and the bootstrap.
Result<ProtocolResult> evaluateProtocol(const Micrograph& image, const ProtocolInput& input,
                                        const RunSpec& config, const RunControl& rc = RunControl::none());

} // namespace ds
