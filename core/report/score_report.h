#pragma once
// ScoreReport: everything one scored image contributes to a report - where it came from, its
// calibration and grid, the detector and its settings, per-patch scores, labels where they exist,
// and what follows from them (AUROC with interval, threshold, predicted defects, density). A plain
// value built once after scoring and then read by the CSV, JSON and PNG writers; thread-agnostic.
#include "core/common/result.h"
#include "core/detect/pipeline.h"
#include "core/eval/roc.h"
#include "core/io/micrograph.h"
#include "core/labels/label.h"
#include "core/report/threshold_rule.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ds {

struct ScoreReport {
    std::string image;               // path (or name) of the micrograph, as given by the caller
    int imageWidth = 0, imageHeight = 0;
    AxisCalibration x, y;            // the micrograph's calibration
    std::string calibrationSource;   // where it came from: "file", "user", "command line", "none"
    PatchGrid grid;
    std::string detector, features;
    std::map<std::string, double> params;
    std::uint64_t seed = 0;
    std::optional<LatticeEstimate> lattice;

    std::vector<float> scores;       // one per patch, higher = more anomalous
    std::vector<Label> labels;       // empty, or one per patch
    std::string labelSource;         // "truth", "hand" or "" (no labels)

    std::optional<double> auroc;     // when labels hold both classes
    std::optional<Interval> aurocCi; // 95 % stratified bootstrap
    double threshold = 0;            // a patch is predicted defect when score >= threshold
    std::string thresholdRule;       // see ThresholdChoice::rule
    double seconds = 0;              // scoring wall time
    std::vector<std::string> notes;  // what the pipeline decided on its own (e.g. the grid fallback)

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

// Assembles a report from a pipeline result: AUROC and stratified bootstrap interval when `labels`
// (one per patch of `scores.grid`, or empty) hold both classes, and the threshold by `policy`.
Result<ScoreReport> buildScoreReport(const Micrograph& image, const std::string& imageName, const ImageScores& scores,
                                     std::vector<Label> labels, const std::string& labelSource,
                                     const PipelineConfig& config, const ThresholdPolicy& policy = {});

} // namespace ds
