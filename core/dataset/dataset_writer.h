#pragma once
// Writes a PatchDataset as a folder a notebook can load with numpy alone: defect_patches.npy,
// perfect_patches.npy (and unlabelled_patches.npy when it was collected), float32 N x S x S;
// patches.csv, one row per stack entry; dataset.json (grid, normalisation, versions, counts), written
// last so a folder with a dataset.json is complete; optionally dataset.h5 with the same content.
// Every file is written under a temporary name and renamed into place. Plain functions; any thread.
#include "core/common/result.h"
#include "core/dataset/patch_dataset.h"

#include <string>

#include <nlohmann/json.hpp>

namespace ds {

// The patches.csv header. x0_px,y0_px is the patch's top-left corner and centre_x_px,centre_y_px its
// centre, in pixels with the origin at the top-left pixel's corner (as in NAME.truth.csv).
inline constexpr const char* kDatasetCsvHeader =
    "stack,stack_index,image,frame,patch_index,x0_px,y0_px,centre_x_px,centre_y_px,size_px,size_nm,nm_per_px,"
    "label,label_source,transform";

// The contents of dataset.json (also stored in dataset.h5 as the attribute `dataset_json`).
nlohmann::json datasetJson(const PatchDataset& dataset, bool withUnlabelledStack, bool withHdf5);

struct DatasetWriteOptions {
    bool unlabelledStack = false; // write unlabelled_patches.npy (even when it holds 0 patches)
    bool hdf5 = false;            // also write dataset.h5
};

// Creates `dir` when missing. Errors name the file and the reason.
Status writeDatasetFolder(const std::string& dir, const PatchDataset& dataset, const DatasetWriteOptions& options);

} // namespace ds
