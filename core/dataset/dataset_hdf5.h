#pragma once
// dataset.h5: the whole PatchDataset in one HDF5 file, for tools that prefer one file to a folder.
// Root datasets `defect_patches`, `perfect_patches` (and `unlabelled_patches`): float32 N x S x S;
// group `patches` with one 1-D column per patches.csv column, rows in the CSV's order (strings are
// variable-length UTF-8, missing numbers NaN); root attributes `dataset_json` (dataset.json's text),
// `format_version`, `resample` and `normalisation`. Serialised through hdf5Mutex(); any thread.
#include "core/common/result.h"
#include "core/dataset/patch_dataset.h"

#include <string>

#include <nlohmann/json.hpp>

namespace ds {

// Written under a temporary name and renamed into place.
Status writeDatasetHdf5(const std::string& path, const PatchDataset& dataset, const nlohmann::json& meta,
                        bool unlabelledStack);

} // namespace ds
