#pragma once
// Model files: one versioned file holding a fitted detector together with the RunSpec it was fitted
// with - detector, features, every parameter, resample side, grid (or automatic), seed - in the same
// JSON form .dsproj projects and summary.json use (runSpecToJson), followed by the detector's fitted
// state. Scoring a new image with the model therefore runs the same spec. A checksum catches
// truncation and corruption; a wrong magic, version or detector id is a clear Format error, and so
// is a checksum-valid file whose settings no run could use: the model is blamed, not the image.
// Version 1 files (the fields stored one by one) are still read. Plain functions; any thread.
#include "core/analysis/run_spec.h"
#include "core/common/result.h"
#include "core/detect/detector.h"

#include <memory>
#include <string>

namespace ds {

struct SavedModel {
    std::unique_ptr<Detector> detector; // fitted
    RunSpec spec;                       // resolved: the features and every parameter explicit
    std::string path;                   // the file it was loaded from ("" = fitted in memory)
};

// The model's name in messages: its file, or its detector when it was never saved.
std::string modelName(const SavedModel& model);

inline constexpr int kModelFileVersion = 2;

Status saveModel(const std::string& path, const SavedModel& model);
Result<SavedModel> loadModel(const std::string& path);

} // namespace ds
