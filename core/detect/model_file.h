#pragma once
// Model files: one versioned file holding a fitted detector together with everything needed to
// score a new image the same way - detector id and parameters, feature id, grid spec (or "auto"),
// resample side - and the detector's fitted state. A checksum catches truncation and corruption;
// a wrong magic, version or detector id is a clear Format error, and so is a checksum-valid file
// whose settings no run could use (resample side, features, grid): the model is blamed, not the image. Plain functions; any thread.
#include "core/common/result.h"
#include "core/detect/detector.h"
#include "core/grid/patch_grid.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace ds {

struct SavedModel {
    std::unique_ptr<Detector> detector;   // fitted
    std::string detectorId;
    std::string features;                 // feature id the detector was fitted on ("" = image only)
    std::optional<GridSpec> grid;         // empty = automatic grid from the lattice estimate
    int resample = 48;
    std::map<std::string, double> params; // the detector's parameters at fit time
    std::string path;                     // the file it was loaded from ("" = fitted in memory)
};

// The model's name in messages: its file, or its detector id when it was never saved.
std::string modelName(const SavedModel& model);

inline constexpr int kModelFileVersion = 1;

Status saveModel(const std::string& path, const SavedModel& model);
Result<SavedModel> loadModel(const std::string& path);

} // namespace ds
