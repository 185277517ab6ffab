#pragma once
// Project: what a scientist's work on a set of micrographs consists of - the images (by path, or a
// seeded synthetic demo image), each with a stable id, its patch grid, hand labels and every
// detector run made on it (spec + result + the user's threshold, one run per detector id, one of
// them shown as the heat map), plus the detector settings. A plain value type with no I/O; the Qt
// Session wraps it for editing and project_file.h reads and writes it. Thread-agnostic.
#include "core/analysis/run_image.h"
#include "core/analysis/run_spec.h"
#include "core/grid/patch_grid.h"
#include "core/io/pixel_size.h"
#include "core/labels/label.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ds {

// One detector run on one image, as the project keeps it.
struct StoredRun {
    RunSpec spec;     // resolved, with the grid it ran on
    RunResult result; // scores, out-of-fold scores, notes, timings, versions
    // The threshold the user set for this run (ROC click, slider); empty = the threshold rule's,
    // recomputed from the current labels exactly as `defectscope-cli score --labels` does.
    std::optional<double> userThreshold;
};

struct ProjectImage {
    std::uint64_t id = 0;                   // stable within the project (undo, runs): never reused
    std::string path;                       // absolute in memory; empty for a synthetic image
    std::optional<std::uint64_t> synthSeed; // set: the built-in synthetic demo image with this seed
    int width = 0, height = 0;              // pixel size, 0 until the image was loaded once
    // The frame of a stack, volume or series the image stands for (0 for single images). Labels
    // and runs are on this frame; choosing another drops the runs (they scored other pixels).
    int frame = 0;
    GridSpec grid;
    std::vector<Label> labels;  // one per patch of `grid` (empty while the size is unknown)
    std::vector<StoredRun> runs; // in the order first run; all on `grid` (a grid change drops them)
    int shownRun = -1;           // index into `runs` of the run the heat map shows; -1 = none

    const StoredRun* shown() const;
    const StoredRun* run(const std::string& detector) const;
    // The shown run's scores (empty when none) and its detector id ("" when none).
    const std::vector<float>& scores() const;
    std::string scoresDetector() const;
    std::optional<PixelSize> pixelSize; // stated by the user: replaces the file's calibration

    // Display name: the file name, or "synthetic #seed".
    std::string displayName() const;
    // The grid over this image, or an error when the size is unknown or the grid does not fit.
    Result<PatchGrid> patchGrid() const;
};

struct Project {
    std::vector<ProjectImage> images;
    int currentImage = 0;
    std::uint64_t nextImageId = 1; // ids are handed out from here and never reused

    // Gives `image` the next id and appends it; returns the id.
    std::uint64_t addImage(ProjectImage image);
    int indexOfId(std::uint64_t id) const; // -1 when no image has it
    // Opaque to the project: the detector panel owns the schema (id, parameters, features).
    nlohmann::json detectorSettings = nlohmann::json::object();
};

// Counts of each label in `labels` (index by static_cast<int>(Label)).
struct LabelCounts {
    int unlabelled = 0, perfect = 0, defect = 0;
};
LabelCounts countLabels(const std::vector<Label>& labels);

// Labels for `to` carried over from `from`: each new patch takes the label of the old patch whose
// centre is nearest to its own centre, if that distance is below a quarter of the new side; used
// when the grid of an image is edited so that hand labels survive a small grid change.
std::vector<Label> remapLabels(const PatchGrid& from, const std::vector<Label>& labels,
                               const PatchGrid& to);

} // namespace ds
