#pragma once
// Leave-one-image-out evaluation: for each image, a detector is fitted on the truth labels of all
// the OTHER images' patches (pooled, as `train` pools them) and scores the held-out image, which it
// never saw; AUROC per held-out image, and pooled over every held-out patch (one threshold for all
// images, the way a trained model is used on a batch). This is the honest figure for "a model
// trained on some micrographs finds defects in another", unlike self-mode or in-image k-fold
// numbers. Used by `defectscope-cli evaluate --cross-image`. Synchronous; cancellable; any thread.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/analysis/run_image.h"
#include "core/analysis/grid_rule.h"
#include "core/eval/roc.h"
#include "core/io/micrograph.h"
#include "core/labels/truth_points.h"

#include <optional>
#include <string>
#include <vector>

namespace ds {

// What each figure of a cross-image result is, in words (for reports and JSON).
inline constexpr const char* kHeldOutAurocKind =
    "leave-one-image-out: detector fitted on the truth labels of the other images only, AUROC on every patch "
    "of this image against its truth labels";
inline constexpr const char* kPooledHeldOutAurocKind =
    "leave-one-image-out, pooled: the held-out scores of all images ranked together against their truth labels "
    "(each image scored by the model that did not see it)";
inline constexpr const char* kMeanHeldOutAurocKind =
    "leave-one-image-out, mean of the per-image AUROCs (images without both classes left out)";

struct CrossImageInput {
    Micrograph image;
    std::string name;               // for messages and reports
    std::vector<TruthPoint> truth;
    cv::Mat mask;                   // optional region mask (non-zero = anomalous)
    // Hand labels instead of truth (an image of a project, as the GUI's ROC panel holds it): one per
    // patch of `grid`; unlabelled patches are neither trained on nor scored against.
    std::optional<std::vector<Label>> patchLabels;
    std::optional<GridSpec> grid;   // this image's own grid (a project image's); else config.grid
};

struct HeldOutImage {
    std::string name;
    std::optional<double> auroc;   // empty when the image lacks defect or perfect patches
    Interval aurocCi;
    int patches = 0, defectPatches = 0, perfectPatches = 0;
    int trainDefect = 0, trainPerfect = 0; // rows the fold's model was fitted on
    RunResult scores;
    std::vector<Label> truthLabels; // the labels scored against (truth, or the image's hand labels)
    std::vector<std::string> notes;
};

struct CrossImageResult {
    std::vector<HeldOutImage> images;
    double pooledAuroc = 0;
    Interval pooledCi;
    std::optional<double> meanAuroc;
    std::string detector, features;
};

// `config.grid` empty = each image's automatic grid (training and held-out alike); an input's own
// grid wins. Needs two or more images; every training fold must hold both classes when the
// detector needs labels.
Result<CrossImageResult> evaluateCrossImage(const std::vector<CrossImageInput>& inputs, const RunSpec& config,
                                            int bootstrapResamples = kDefaultBootstrapResamples, const RunControl& rc = RunControl::none());

} // namespace ds
