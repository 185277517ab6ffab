#pragma once
// The one-image scoring pipeline every front end calls (CLI evaluate/score/batch, GUI DetectorRunner):
// normalise -> grid (given, or automatic from the lattice estimate) -> features -> detector fit on the
// image's own patches (+ hand labels where given) -> scores. Synchronous; cancellable via RunControl.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/grid/patch_grid.h"
#include "core/io/micrograph.h"
#include "core/labels/label.h"
#include "core/lattice/lattice_estimate.h"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ds {

struct PipelineConfig {
    std::string detector = "auto";        // a detector id from availableDetectors()
    std::string features;                 // "" = the detector's default features
    std::optional<GridSpec> grid;         // empty = automatic: side 4 bond lengths, stride side/2
    int resample = 48;                    // patches are resampled to resample x resample before features
    std::map<std::string, double> params; // detector parameters by name
    std::uint64_t seed = 0;
    // The lattice estimate of THIS image's normalised pixels when the caller already has one (the
    // protocol evaluation makes it for the automatic grid): reported and handed to lattice-aware
    // detectors so the estimate is computed once. Leave empty when the config serves several images.
    std::optional<LatticeEstimate> lattice;
};

struct ImageScores {
    PatchGrid grid;
    std::vector<float> scores; // one per patch, higher = more anomalous
    std::string detector, features;
    std::optional<LatticeEstimate> lattice; // when it was estimated
    double seconds = 0;                     // wall time of the whole pipeline
    std::vector<std::string> notes;         // what the pipeline decided on its own (e.g. grid fallback)
};

// `labels` is empty or has one entry per patch of the grid the pipeline ends up using (the caller
// that passes labels must therefore pass an explicit grid).
Result<ImageScores> scoreImage(const Micrograph& image, const PipelineConfig& config,
                               std::span<const Label> labels, const RunControl& rc = RunControl::none());

struct SavedModel; // core/detect/model_file.h

// Scores an image with an already fitted model (no fitting): the model's feature id, resample side
// and grid (or the automatic grid when the model has none) are used.
Result<ImageScores> scoreImageWithModel(const Micrograph& image, const SavedModel& model,
                                        const RunControl& rc = RunControl::none());

// The automatic grid's documented fallback: a 48 px patch with stride 24, used when the image shows
// no lattice or one too uncertain to size patches by (confidence below 0.1: the bond length is then a
// guess, see LatticeEstimate::confidence).
inline constexpr int kFallbackPatchSide = 48;
inline constexpr int kFallbackPatchStride = 24;
inline constexpr double kMinGridConfidence = 0.1;

// Whether `estimate` may size the automatic grid (4 bonds, stride half); otherwise the fallback applies.
inline bool latticeSizesGrid(const LatticeEstimate& estimate) {
    return estimate.bondPx > 0 && estimate.confidence >= kMinGridConfidence;
}

// The grid the pipeline uses for `normalised` when `spec` is empty: side round(4 x bond) from the
// lattice estimate, stride side/2; side 48 stride 24 when no lattice is found or its confidence is
// below kMinGridConfidence (said in `notes`). `lattice` receives the estimate whenever one was made.
Result<PatchGrid> automaticGrid(const cv::Mat& normalised, std::optional<LatticeEstimate>& lattice,
                                std::vector<std::string>& notes, const RunControl& rc = RunControl::none());

} // namespace ds
