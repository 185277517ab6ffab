#pragma once
// Training a detector from exported patch datasets (`train --dataset`): the stacks' patches are
// turned into the detector's features by the same per-patch function computeFeatures() applies to
// an image's patches, pooled with their labels (defect, perfect, optionally unlabelled) and fitted
// with fitPooledModel(). Synchronous; cancellable; any thread.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/dataset/dataset_reader.h"
#include "core/analysis/model_file.h"
#include "core/analysis/run_image.h"
#include "core/analysis/grid_rule.h"
#include "core/features/feature_matrix.h"

#include <string>
#include <vector>

namespace ds {

// Features `featureId` of every row of `rows` (N x side*side CV_32F patches).
Result<FeatureMatrix> featuresOfPatches(const cv::Mat& rows, int side, const std::string& featureId,
                                        const RunControl& rc = RunControl::none());

struct DatasetTraining {
    SavedModel model;
    int defect = 0, perfect = 0, unlabelled = 0; // rows fitted on
    std::vector<std::string> notes;              // e.g. why the model uses the automatic grid
};

// Every dataset must have the same patch side S (the model's resample side). The model's grid is
// the datasets' common fixed grid, else automatic. `config.grid` and `config.resample` are ignored.
Result<DatasetTraining> trainOnDatasets(const std::vector<LoadedDataset>& datasets, const RunSpec& config,
                                        bool withUnlabelled, const RunControl& rc = RunControl::none());

} // namespace ds
