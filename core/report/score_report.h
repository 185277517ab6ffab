#pragma once
// ScoreReport: everything one scored image contributes to a report - where it came from, its
// calibration, the run (RunSpec in, RunResult out), labels where they exist, and what follows from
// them (AUROC with interval on scores the fit did not see, threshold, predicted defects, density).
// A plain value built once after a run and then read by the CSV, JSON and PNG writers, identically
// for the GUI's Export, `score` and `report`; thread-agnostic.
#include "core/common/result.h"
#include "core/analysis/run_image.h"
#include "core/analysis/run_spec.h"
#include "core/eval/roc.h"
#include "core/io/micrograph.h"
#include "core/labels/label.h"
#include "core/analysis/threshold_rule.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ds {

struct ScoreReport {
    std::string image;               // path (or name) of the micrograph, as given by the caller
    int imageWidth = 0, imageHeight = 0;
    int frame = 0, frames = 1;       // the frame of a stack the scores are on, of how many
    AxisCalibration x, y;            // the micrograph's calibration
    std::string calibrationSource;   // where it came from: "file", "user", "command line", "none"
    RunSpec spec;                    // the run, every parameter resolved
    PatchGrid grid;
    std::string detector, features;
    std::optional<LatticeEstimate> lattice;

    std::vector<float> scores;       // one per patch, higher = more anomalous
    std::vector<float> evalScores;   // honest scores (out-of-fold where the fit saw the label)
    std::vector<Label> trainedOn;    // hand labels the fit used (empty: none)
    std::vector<Label> labels;       // empty, or one per patch
    std::string labelSource;         // "truth", "hand" or "" (no labels)

    std::optional<double> auroc;     // when labels hold both classes; computed on evalScores
    std::optional<Interval> aurocCi; // 95 % stratified bootstrap
    std::string aurocKind;           // "self" (the fit saw no label) or "out_of_fold" (k-fold)
    double threshold = 0;            // a patch is predicted defect when score >= threshold
    std::string thresholdRule;       // see ThresholdChoice::rule
    double seconds = 0;              // scoring wall time
    std::vector<std::string> notes;  // what the run decided on its own (e.g. the grid fallback)
    std::map<std::string, std::string> versions; // of the software that computed the scores

    bool predicted(int index) const { return scores[static_cast<size_t>(index)] >= threshold; }
    int predictedDefects() const;
    int labelledDefects() const;
    // Connected groups of predicted-defect patches (8-neighbourhood on the grid): one group is
    // counted as one defect site for the density.
    int defectSites() const;
    // Area the grid covers, in nm^2, when the calibration is a length; empty otherwise.
    std::optional<double> analysedAreaNm2() const;
    std::optional<double> defectDensityPerNm2() const;
};

// Assembles a report from a run: AUROC and stratified bootstrap interval on the run's honest scores
// when `labels` (one per patch of `run.grid`, or empty) hold both classes, and the threshold by
// spec.threshold (else the rule of threshold_rule.h on the honest scores). `spec` should be resolved.
// The image size is the one run.grid was made for; `image` gives the calibration and frame, and its
// pixels, when it still has them (the batch moves them into the run), must have that size.
Result<ScoreReport> buildScoreReport(const Micrograph& image, const std::string& imageName, const RunSpec& spec,
                                     const RunResult& run, std::vector<Label> labels,
                                     const std::string& labelSource);

} // namespace ds
