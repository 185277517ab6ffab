#pragma once
// runBatch(): scores many micrographs with one configuration, on `jobs` worker threads, continuing
// past files that fail. Writes, under the output folder:
//   <name>/patches.csv, <name>/summary.json per image (+ annotated.png with figures, + atoms.csv
//   when the detector is lattice-aware: "lattice" or "auto"),
//   patches.csv  - every image's rows (image column), in input order,
//   summary.json - settings, shard, per-image summaries, failures, counts, versions.
// The two combined files are written last, under temporary names, so an interrupted run never
// leaves a batch summary that looks complete. The callback runs on the calling thread's behalf but
// from worker threads, serialised by a mutex; it must not block for long.
#include "core/batch/input_collector.h"
#include "core/batch/shard_spec.h"
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/analysis/run_image.h"
#include "core/io/pixel_size.h"
#include "core/report/score_report.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ds {

struct BatchOptions {
    RunSpec config;           // resolved by the caller (every parameter explicit); its threshold policy applies
    std::string modelPath;    // non-empty: score with this saved model instead of fitting per image
    int jobs = 1;             // worker threads
    bool figures = false;     // write an annotated PNG per image
    bool truthFiles = true;   // NAME.truth.csv (and NAME.mask.png) next to an image give its labels
    ShardSpec shard;          // recorded in the summary; the caller selects the files
    int totalInputs = 0;      // size of the unsharded input list (recorded, checked by merge)
    std::string inputsDigest; // inputListDigest() of the unsharded list (recorded, checked by merge)
    std::vector<InputProblem> inputProblems; // arguments that named nothing (recorded in the summary)
    std::optional<PixelSize> pixelSize; // --nm-per-px: for files without a length calibration
    int frame = 0;                      // --frame: which frame of stacks to score
    // Absolute, lexically normal image path -> its hand labels CSV (x,y,width,height,label).
    std::map<std::string, std::string> labelFiles;
};

struct ImageOutcome {
    std::string path;
    std::string folder;                // output sub-folder name (unique over the unsharded list)
    std::optional<ScoreReport> report; // empty when the image failed
    std::string error;
};

struct BatchResult {
    std::vector<ImageOutcome> images; // in input order
    int failed = 0;
    double seconds = 0;
};

using BatchCallback = std::function<void(int done, int total, const ImageOutcome& latest)>;

// Folder names for every input: the file stem, made unique with a short hash of the full path where
// two inputs share a stem. Computed over the full list, so every shard names files the same way.
std::vector<std::string> outputFolderNames(const std::vector<std::string>& allFiles);

// The configuration part of a batch summary: two runs can be merged only when these are equal.
nlohmann::json batchSettingsJson(const BatchOptions& options);

// `files` are the inputs of this run (already sharded); `folders` their output folder names.
// Fails (nothing written) only when the output folder cannot be created or the model not loaded;
// per-image failures are in the result.
Result<BatchResult> runBatch(const std::vector<std::string>& files, const std::vector<std::string>& folders,
                             const std::string& outDir, const BatchOptions& options,
                             const BatchCallback& onImageDone = {}, const RunControl& rc = RunControl::none());

} // namespace ds
