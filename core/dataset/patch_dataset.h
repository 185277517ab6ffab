#pragma once
// PatchDataset: a labelled training set of patches - the defect, perfect and (optionally)
// unlabelled stacks, each N x S x S float32 patches normalised and resampled as the detectors see
// them, with one PatchRecord per stack entry saying where it came from, and one DatasetImage per
// source image (grid, calibration, counts). What `export-patches` writes and `train --dataset`
// reads; the file names and the folder layout live here and nowhere else. A plain value type.
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

inline constexpr const char* kDefectStackFile = "defect_patches.npy";
inline constexpr const char* kPerfectStackFile = "perfect_patches.npy";
inline constexpr const char* kUnlabelledStackFile = "unlabelled_patches.npy";
inline constexpr const char* kPatchTableFile = "patches.csv";
inline constexpr const char* kDatasetJsonFile = "dataset.json";
inline constexpr const char* kDatasetHdf5File = "dataset.h5";
inline constexpr int kDatasetFormatVersion = 1;

// Where one stack entry came from.
struct PatchRecord {
    std::string image;        // source file path ("synthetic #seed" for the built-in demo image)
    int frame = 0;            // frame of a multi-frame file
    int patchIndex = 0;       // index in the image's grid (row-major)
    int x0 = 0, y0 = 0;       // top-left pixel corner of the patch in the image
    int sizePx = 0;           // patch side in image pixels (before resampling)
    std::optional<double> nmPerPx; // the image's calibration, when it has a length unit
    Label label = Label::Unlabelled;
    std::string labelSource;  // "truth" (NAME.truth.csv/mask), "hand" (label CSV), "project", "none"
    std::string transform = "none"; // "none", or the SymmetryOp applied (augmentation)
};

// One stack: row i of `rows` (S*S floats, row-major S x S) is described by records[i] (records are
// empty for a stack read back from .npy files).
struct PatchStack {
    cv::Mat rows; // N x S*S CV_32F; 0 rows when empty
    std::vector<PatchRecord> records;
    int size() const { return rows.rows; }
};

struct DatasetImage {
    std::string image;
    int frame = 0;
    int width = 0, height = 0;
    GridSpec grid;
    bool automaticGrid = false;            // grid chosen from the lattice estimate
    std::optional<double> nmPerPx;
    std::optional<double> bondPx, orientationDeg; // the lattice estimate, when one was made
    std::string labelSource;
    int defect = 0, perfect = 0, unlabelled = 0; // patches of this image in each stack (incl. augmented)
    int augmentSkipped = 0;                // transformed copies left out: footprint outside the image
    std::vector<std::string> notes;
};

struct PatchDataset {
    int resample = 48;                 // S
    std::optional<GridSpec> grid;      // the requested grid; empty = automatic per image
    bool augmented = false;            // symmetry copies included
    PatchStack defect, perfect, unlabelled;
    std::vector<DatasetImage> images;
};

} // namespace ds
