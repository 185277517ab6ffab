#pragma once
// Reads a patch dataset folder back for training: the folder `export-patches` writes (dataset.json
// says the patch side, grid and which stacks exist), or a bare folder holding only
// defect_patches.npy and perfect_patches.npy (N x S x S, any numeric dtype) - the layout of the
// report this product grew from. Records are not read (patches.csv is for people and notebooks).
// Plain functions; any thread.
#include "core/common/result.h"
#include "core/dataset/patch_dataset.h"

#include <string>
#include <vector>

namespace ds {

struct LoadedDataset {
    PatchDataset data;               // stacks filled; `grid` from dataset.json (empty = automatic)
    bool described = false;          // a dataset.json was found (so normalisation and grid are known)
    std::vector<std::string> notes;  // what the reader assumed (no dataset.json, dtype converted, ...)
};

// `withUnlabelled`: read unlabelled_patches.npy too when present.
Result<LoadedDataset> readDatasetFolder(const std::string& dir, bool withUnlabelled = false);

// One N x S x S stack file as N x S*S CV_32F rows (`side` receives S). Errors name the file.
Result<cv::Mat> readPatchStack(const std::string& path, int& side, std::string& dtype);

} // namespace ds
