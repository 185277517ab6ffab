#pragma once
// Project: what a scientist's work on a set of micrographs consists of - the images (by path, or a
// seeded synthetic demo image), each with its patch grid, hand labels and (once a detector ran)
// per-patch scores, plus the detector settings. A plain value type with no I/O; the Qt Session
// wraps it for editing and project_file.h reads and writes it. Thread-agnostic.
#include "core/grid/patch_grid.h"
#include "core/io/pixel_size.h"
#include "core/labels/label.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ds {

struct ProjectImage {
    std::string path;                       // absolute in memory; empty for a synthetic image
    std::optional<std::uint64_t> synthSeed; // set: the built-in synthetic demo image with this seed
    int width = 0, height = 0;              // pixel size, 0 until the image was loaded once
    GridSpec grid;
    std::vector<Label> labels;  // one per patch of `grid` (empty while the size is unknown)
    std::vector<float> scores;  // one per patch, higher = more anomalous; empty = not scored
    std::string scoresDetector; // id of the detector that produced `scores`
    std::optional<PixelSize> pixelSize; // stated by the user: replaces the file's calibration

    // Display name: the file name, or "synthetic #seed".
    std::string displayName() const;
    // The grid over this image, or an error when the size is unknown or the grid does not fit.
    Result<PatchGrid> patchGrid() const;
};

struct Project {
    std::vector<ProjectImage> images;
    int currentImage = 0;
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
