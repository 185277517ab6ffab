#pragma once
// runImage(): THE function that runs a RunSpec on one micrograph, for every front end (CLI evaluate,
// score, batch and report; the GUI's Score and Train): normalise -> grid (given, or the automatic
// rule of grid_rule.h) -> features -> detector fit -> scores. In Trained mode the detector is fitted
// on the hand labels, and every labelled patch also gets an honest out-of-fold score from a model
// that did not see its label. Synchronous; cancellable and reporting progress via RunControl.
#include "core/analysis/run_spec.h"
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/grid/patch_grid.h"
#include "core/io/micrograph.h"
#include "core/labels/label.h"
#include "core/lattice/lattice_estimate.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ds {

struct RunResult {
    PatchGrid grid;                 // the grid the scores belong to
    std::vector<float> scores;      // one per patch, higher = more anomalous (the fit on every label)
    // Scores fit for validation: in Trained mode a labelled patch's out-of-fold score (NaN when no
    // fold could hold it out), elsewhere equal to `scores`. AUROC, ROC and the default threshold
    // use these, never scores fitted on the same labels.
    std::vector<float> evalScores;
    std::vector<Label> trainedOn;   // labels the fit used, one per patch (empty: the fit used none)
    std::string detector, features; // resolved ids
    std::optional<LatticeEstimate> lattice; // when one was estimated (or handed in)
    std::vector<std::string> notes; // what the run decided on its own (grid fallback, folds...)
    double seconds = 0;             // wall time of the whole run
    std::map<std::string, std::string> versions; // DefectScope and library versions that computed it
};

struct RunInputs {
    // Hand labels, one per patch of spec.grid (which must then be given); used in Trained mode only.
    std::span<const Label> labels;
    // The lattice estimate of THIS image when the caller already has one (the protocol evaluation
    // makes it for the automatic grid): reported and handed to lattice-aware detectors.
    std::optional<LatticeEstimate> lattice;
    // normaliseImage(image.pixels) when the caller already made it, used instead of normalising
    // again; image.pixels may then be empty (the batch normalises the decoded pixels in place and
    // moves them here, so that the decoded image, a normalised copy and the feature matrix are never
    // all held at once, and the buffer goes with the features' image once the detector no longer
    // needs it: Detector::readsOnlyRows).
    cv::Mat normalised;
};

Result<RunResult> runImage(const Micrograph& image, const RunSpec& spec, RunInputs inputs = {},
                           const RunControl& rc = RunControl::none());

struct SavedModel; // core/analysis/model_file.h

// Scores an image with an already fitted model (no fitting): the model's feature id, resample side
// and grid (or the automatic grid when the model has none) are used.
// `normalised`: as RunInputs::normalised.
Result<RunResult> runModel(const Micrograph& image, const SavedModel& model, const RunControl& rc = RunControl::none(),
                           cv::Mat normalised = cv::Mat());

std::map<std::string, std::string> runVersions(); // what runImage records in RunResult::versions

// RunResult in JSON (the .dsproj form; scores as arrays, NaN as null) and back. `patches` checks the
// sizes against the grid rebuilt for an image of `width` x `height`.
nlohmann::json runResultToJson(const RunResult& result);
Result<RunResult> runResultFromJson(const nlohmann::json& j, int width, int height);

} // namespace ds
