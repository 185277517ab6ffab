#pragma once
// RunSpec: one detector run as a value - which detector, on which features, with every parameter,
// seed, patch resampling, grid and mode (self, or trained on hand labels with k-fold out-of-fold
// scores), and how the defect threshold is chosen. The GUI, the CLI, .dsproj projects, summary.json
// and model files all carry this one value in one JSON form, so any number the GUI shows can be
// recomputed by `defectscope-cli` from the spec alone. Plain value; any thread.
#include "core/analysis/threshold_rule.h"
#include "core/common/result.h"
#include "core/detect/detector.h"
#include "core/grid/patch_grid.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ds {

enum class RunMode {
    Self,    // fitted on the image's own patches; no label is seen, so every label is a fair test
    Trained, // fitted on the hand labels; labelled patches are scored out-of-fold (k-fold)
};

// The default number of folds for out-of-fold scores (stratified, at most the smaller class size).
inline constexpr int kDefaultFolds = 5;
// The default side patches are resampled to before features (the report's 48 x 48 patches).
inline constexpr int kDefaultResample = 48;

struct RunSpec {
    std::string detector = "auto";        // a detector id from availableDetectors()
    std::string features;                 // "" = the detector's default (filled by resolveRunSpec)
    std::map<std::string, double> params; // by name; resolveRunSpec fills every one
    std::uint64_t seed = 0;               // drives the detector's "seed" parameter when not given
    int resample = kDefaultResample;      // patches are resampled to resample x resample
    std::optional<GridSpec> grid;         // empty = automatic (core/analysis/grid_rule.h)
    RunMode mode = RunMode::Self;
    int folds = kDefaultFolds;            // k of the out-of-fold scores in Trained mode
    ThresholdPolicy threshold;            // a fixed value or contamination; else the rule decides

    bool operator==(const RunSpec&) const = default;
};

// A fresh detector configured by `spec`: its parameters, then the run's seed where the detector has
// a "seed" parameter that the spec does not set. Fails on an unknown detector or parameter.
Result<std::unique_ptr<Detector>> makeDetector(const RunSpec& spec);

// `spec` with its defaults made explicit: the detector's default features and every parameter's
// value (a spec written to a file then reproduces the run even if a default changes later).
Result<RunSpec> resolveRunSpec(const RunSpec& spec);

const char* runModeName(RunMode mode); // "self" / "trained"

nlohmann::json runSpecToJson(const RunSpec& spec);
Result<RunSpec> runSpecFromJson(const nlohmann::json& j);

} // namespace ds
